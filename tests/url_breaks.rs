//! URLs and paths break only at clean points (src/layout/linebreak.rs, `url_spans`): after `/`
//! or `//`, before `.` `?` `#` `&` `=` `-` `_`, never inside the scheme and its `://`, and not
//! at all when they fit on a line of their own. Checked on made-up lines at every width, and on
//! a real manual — the Debian Reference in both Chinese scripts (`debian-reference-zh-cn`,
//! `-zh-tw`, their text export), at several widths (fails under `CI=true` when missing).

use yuedu::layout::linebreak::url_spans;
use yuedu::layout::{wrap, WrapOptions};
use yuedu::units::Cells;

/// Whether a cut at byte `k` of `url` (a URL or path, `root` bytes of scheme or root) is clean.
fn clean(url: &str, root: usize, k: usize) -> bool {
    let (a, b) = (url.as_bytes()[k - 1], url.as_bytes()[k]);
    let path = !url.contains("://") && !url.starts_with("www.");
    if k < root || (path && k == root) {
        return false;
    }
    (a == b'/' && b != b'/') || (b".?#&=-_".contains(&b) && a != b)
}

/// The cuts of `text` wrapped at `width` that fall inside a URL or path, as
/// (url, cut offset in it, clean, the url's root length).
fn cuts(text: &str, width: usize) -> Vec<(String, usize, bool)> {
    let mut out = Vec::new();
    let mut base = 0;
    for hard in text.split('\n') {
        let lines = wrap(hard, &WrapOptions::new(Cells(width)));
        let spans = url_spans(hard);
        for l in &lines[1..] {
            let cut = l.bytes.start;
            for s in &spans {
                if s.bytes.start < cut && cut < s.bytes.end {
                    let url = &hard[s.bytes.clone()];
                    let k = cut - s.bytes.start;
                    let root = s.scheme_end - s.bytes.start;
                    out.push((url.to_string(), k, clean(url, root, k)));
                }
            }
        }
        base += hard.len() + 1;
    }
    let _ = base;
    out
}

#[test]
fn made_up_urls_break_cleanly_at_every_width() {
    let text = "详细说明参见 https://www.debian.org/doc/manuals/debian-reference/ch02.zh-cn.html?x=1&y=2#_apt_sources 以及 ~/.config/yuedu/config.toml 和 /usr/share/doc/debian-reference-common/README.Debian 等文件。\n见“http://deb.debian.org/debian/dists/unstable/Release”，内容。";
    // From 12 cells on, every piece between two clean points (`-reference/`) fits a line.
    for width in 12..=120 {
        for (url, k, ok) in cuts(text, width) {
            assert!(
                ok,
                "width {width}: {url} cut at {k}: {}|{}",
                &url[..k],
                &url[k..]
            );
        }
    }
}

#[test]
fn a_url_that_fits_moves_whole_to_the_next_line() {
    let url = "https://example.com/docs/index.html";
    let text = format!("这是一个比较长的句子，详细说明参见 {url} 页面。");
    for width in url.len()..=60 {
        let lines = wrap(&text, &WrapOptions::new(Cells(width)));
        assert!(
            lines.iter().any(|l| text[l.bytes.clone()].contains(url)),
            "width {width}: {:?}",
            lines
                .iter()
                .map(|l| &text[l.bytes.clone()])
                .collect::<Vec<_>>()
        );
    }
    // Too long for any line: it starts where it stands and is cut at clean points.
    let lines = wrap(&text, &WrapOptions::new(Cells(20)));
    let shown: Vec<&str> = lines.iter().map(|l| &text[l.bytes.clone()]).collect();
    assert!(
        shown.iter().any(|l| l.ends_with("https://"))
            || shown.iter().any(|l| l.contains("https://example.")),
        "{shown:?}"
    );
    assert!(
        !shown
            .iter()
            .any(|l| l.ends_with("http") || l.ends_with("https:")),
        "{shown:?}"
    );
}

#[test]
fn the_debian_reference_breaks_urls_and_paths_cleanly() {
    let mut found = 0;
    for lang in ["zh-cn", "zh-tw"] {
        let path = format!("/usr/share/debian-reference/debian-reference.{lang}.txt.gz");
        let Ok(out) = std::process::Command::new("gzip")
            .args(["-dc", &path])
            .output()
        else {
            continue;
        };
        if !out.status.success() {
            assert!(
                std::env::var_os("CI").is_none_or(|v| v != "true"),
                "CI=true but {path} is missing (.ci/run installs debian-reference-{lang})"
            );
            eprintln!("skipped: {path} is missing");
            continue;
        }
        found += 1;
        let text = String::from_utf8(out.stdout).unwrap();
        let mut report = Vec::new();
        for width in [30, 40, 60, 80] {
            let all = cuts(&text, width);
            let scheme = all
                .iter()
                .filter(|(u, k, _)| u.find("://").is_some_and(|s| *k < s + 3))
                .count();
            let unclean: Vec<_> = all.iter().filter(|c| !c.2).collect();
            report.push(format!(
                "{lang} width {width}: {} cuts inside URLs/paths, {scheme} inside a scheme, {} unclean",
                all.len(),
                unclean.len()
            ));
            assert!(unclean.is_empty(), "{lang} width {width}: {unclean:?}");
        }
        eprintln!("{}", report.join("\n"));
    }
    let _ = found;
}
