//! Measures the man-page heuristics (src/document/manpage.rs) on every installed Chinese man
//! page of section 1 and a sample of English ones, and checks that real plain texts are not
//! taken for man pages. Not a pass/fail test of the figures: run it by hand and copy them to
//! BENCHMARKS.md:
//!
//! ```sh
//! cargo test --release --test man_eval -- --ignored --nocapture
//! ```
//!
//! Tuned on three pages only (`tar` zh_TW, `ls` zh_CN, `man` in English, kept under
//! tests/data/man); every other page is held out. Expected sections come from the roff
//! source: `.SH`/`.SS` (man(7)) and `.Sh`/`.Ss` (mdoc(7)) arguments, quotes removed.

use std::process::Command;

use yuedu::document::manpage::{detect, structure, ManKind};
use yuedu::document::sanitize::sanitize_styled;

fn gunzip(path: &std::path::Path) -> Option<String> {
    let out = Command::new("zcat").arg(path).output().ok()?;
    String::from_utf8(out.stdout).ok()
}

/// Section titles from the roff source, in order.
fn expected_sections(roff: &str) -> Vec<String> {
    roff.lines()
        .filter_map(|l| {
            let rest = [".SH ", ".SS ", ".Sh ", ".Ss "]
                .iter()
                .find_map(|m| l.strip_prefix(m))?;
            let t = rest.trim().trim_matches('"').trim();
            (!t.is_empty()).then(|| norm(t))
        })
        .collect()
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("\\-", "-")
}

/// `man`'s output for the page at `path`, as a pager gets it (`-P cat` with
/// MAN_KEEP_FORMATTING keeps grotty's overstrike; the bytes equal what `MANPAGER` reads).
/// A page groff does not finish in 5 s (a few loop forever here) is skipped.
fn render(path: &std::path::Path) -> Option<String> {
    let out = Command::new("timeout")
        .args(["5", "man", "-P", "cat", "-l"])
        .arg(path)
        .env("MAN_KEEP_FORMATTING", "1")
        .env("COLUMNS", "80")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok().filter(|s| !s.is_empty())
}

#[derive(Default)]
struct Tally {
    skipped: usize,
    pages: usize,
    detected: usize,
    expected: usize,
    ours: usize,
    matched: usize,
}

fn measure(tally: &mut Tally, src: &std::path::Path) {
    let (Some(roff), Some(out)) = (gunzip(src), render(src)) else {
        tally.skipped += 1;
        return;
    };
    // Pages that are only `.so` links, or whose source does not use .SH at all, are skipped.
    let expected = expected_sections(&roff);
    if expected.is_empty() {
        return;
    }
    tally.pages += 1;
    let (text, _, spans) = sanitize_styled(out);
    let Some(man) = detect(&text) else {
        eprintln!("not detected: {}", src.display());
        return;
    };
    tally.detected += 1;
    let m = structure(&text, &spans, &man);
    let ours: Vec<String> = m
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, ManKind::Heading(_)))
        .map(|b| norm(&m.text[b.bytes.clone()]))
        .collect();
    let mut pool = expected.clone();
    let mut matched = 0;
    for o in &ours {
        if let Some(i) = pool.iter().position(|e| e == o) {
            pool.remove(i);
            matched += 1;
        }
    }
    tally.expected += expected.len();
    tally.ours += ours.len();
    tally.matched += matched;
}

#[test]
#[ignore = "measurement; needs man-db and manpages-zh"]
fn man_page_heuristics_on_installed_pages() {
    let tuned = ["tar", "ls", "man"];
    for (dir, limit) in [
        ("/usr/share/man/zh_CN/man1", usize::MAX),
        ("/usr/share/man/zh_TW/man1", usize::MAX),
        ("/usr/share/man/man1", 80),
    ] {
        let Ok(rd) = std::fs::read_dir(dir) else {
            eprintln!("{dir}: missing");
            continue;
        };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        files.retain(|p| {
            let n = p.file_name().unwrap().to_string_lossy().to_string();
            !tuned.iter().any(|t| n == format!("{t}.1.gz"))
        });
        let mut t = Tally::default();
        for f in files.iter().take(limit) {
            measure(&mut t, f);
        }
        println!(
            "{dir}: {} pages ({} skipped: links, groff timeouts), detected {} ({:.1}%); sections: expected {}, found {}, matching {} \
             (precision {:.1}%, recall {:.1}%)",
            t.pages,
            t.skipped,
            t.detected,
            100.0 * t.detected as f64 / t.pages.max(1) as f64,
            t.expected,
            t.ours,
            t.matched,
            100.0 * t.matched as f64 / t.ours.max(1) as f64,
            100.0 * t.matched as f64 / t.expected.max(1) as f64,
        );
    }
    // Plain texts are not man pages.
    let mut negatives: Vec<(String, String)> = Vec::new();
    for dir in ["/usr/share/games/fortunes", "tests/fixtures", "assets"] {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if let Ok(s) = std::fs::read_to_string(&p) {
                negatives.push((p.display().to_string(), s));
            }
        }
    }
    for e in std::fs::read_dir("/usr/share/debian-reference")
        .into_iter()
        .flatten()
        .flatten()
    {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "gz") && p.to_string_lossy().contains(".txt") {
            let mut s = String::new();
            if let Some(t) = gunzip(&p) {
                s = t;
            }
            negatives.push((p.display().to_string(), s));
        }
    }
    // Other plain texts: packages' copyright files and Debian changelogs.
    let mut docs: Vec<_> = std::fs::read_dir("/usr/share/doc")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    docs.sort();
    for d in docs.iter().take(300) {
        if let Ok(s) = std::fs::read_to_string(d.join("copyright")) {
            negatives.push((d.join("copyright").display().to_string(), s));
        }
        if let Some(s) = gunzip(&d.join("changelog.Debian.gz")) {
            negatives.push((d.join("changelog.Debian.gz").display().to_string(), s));
        }
    }
    let false_pos: Vec<&String> = negatives
        .iter()
        .filter(|(_, s)| detect(&sanitize_styled(s.clone()).0).is_some())
        .map(|(n, _)| n)
        .collect();
    println!(
        "plain texts: {} files, taken for man pages: {} {false_pos:?}",
        negatives.len(),
        false_pos.len()
    );
}
