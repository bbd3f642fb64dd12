//! Real material from Debian packages (installed by `.ci/run`): the Debian Reference manual
//! as its package ships it, exported to text (`debian-reference-zh-cn`/`-zh-tw`,
//! `/usr/share/debian-reference/debian-reference.zh-*.txt.gz`), checked against the headings
//! of the same package's HTML. Under `CI=true` a missing package fails the test; elsewhere
//! the test is skipped with a note.

use std::path::Path;
use std::process::{Command, Stdio};

/// The file, or `None` (skip) outside CI when it is missing; under CI a missing file fails.
fn installed(path: &str, package: &str) -> Option<&'static Path> {
    let p: &'static Path = Box::leak(Path::new(path).into());
    if p.exists() {
        return Some(p);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{path} missing: install the `{package}` package (.ci/run does)");
    }
    eprintln!("skipped: {path} missing (apt-get install {package})");
    None
}

fn gunzip(path: &Path) -> Vec<u8> {
    let out = Command::new("gzip")
        .arg("-dc")
        .arg(path)
        .output()
        .expect("run gzip");
    assert!(out.status.success());
    out.stdout
}

fn yuedu(args: &[&str], input: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .arg(input)
        .stdin(Stdio::null())
        .output()
        .expect("run yuedu");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Folds space runs (NBSP too) to one space, as `--toc` labels do.
fn fold(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The manual's headings from its HTML pages, as `--toc` lines: the book title at indent 0,
/// `<h1>` chapters at indent 0, `<hN>` at N-1 levels of two spaces.
fn expected_toc(lang: &str) -> Vec<String> {
    let dir = "/usr/share/debian-reference";
    let re = regex::Regex::new(r#"(?s)<h([1-6]) class="title"[^>]*>(.*?)</h[1-6]>"#).unwrap();
    let tag = regex::Regex::new(r"<[^>]+>").unwrap();
    let mut out = Vec::new();
    let pages = ["index", "pr01"]
        .into_iter()
        .map(String::from)
        .chain((1..=12).map(|i| format!("ch{i:02}")))
        .chain(["apa".to_string()]);
    for page in pages {
        let html = std::fs::read_to_string(format!("{dir}/{page}.{lang}.html")).unwrap();
        for (k, m) in re.captures_iter(&html).enumerate() {
            let level: usize = m[1].parse().unwrap();
            let title = fold(&tag.replace_all(&m[2], "").replace("&amp;", "&"));
            if page == "index" {
                if k == 0 {
                    out.push(title);
                }
                continue;
            }
            out.push(format!("{}{title}", "  ".repeat(level.saturating_sub(1))));
        }
    }
    out
}

/// Found entries that are expected (with multiplicity), out of found and out of expected.
fn precision_recall(found: &[String], expected: &[String]) -> (usize, f64, f64) {
    let mut pool: std::collections::HashMap<&str, usize> = Default::default();
    for e in expected {
        *pool.entry(e.as_str()).or_default() += 1;
    }
    let mut hits = 0;
    for f in found {
        if let Some(n) = pool.get_mut(f.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            hits += 1;
        }
    }
    (
        hits,
        hits as f64 / found.len().max(1) as f64,
        hits as f64 / expected.len().max(1) as f64,
    )
}

fn manual_toc(lang: &str) {
    let package = format!("debian-reference-{lang}");
    let Some(gz) = installed(
        &format!("/usr/share/debian-reference/debian-reference.{lang}.txt.gz"),
        &package,
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join(format!("debian-reference.{lang}.txt"));
    std::fs::write(&txt, gunzip(gz)).unwrap();
    let toc = yuedu(&["--toc", "--typography", "original"], &txt);
    let found: Vec<String> = toc.lines().map(|l| l.trim_end().to_string()).collect();
    let expected = expected_toc(lang);
    assert_eq!(expected.len(), 465);
    // The title line first, at indent 0.
    assert_eq!(found[0], expected[0]);
    let (hits, precision, recall) = precision_recall(&found, &expected);
    eprintln!(
        "{lang}: expected {} found {} right (text and level) {hits} precision {precision:.3} recall {recall:.3}",
        expected.len(),
        found.len()
    );
    assert!(precision >= 0.98 && recall >= 0.98, "{precision} {recall}");
    // No admonition label or shell command is a heading.
    for junk in ["注意", "警告", "提示", "小心", "$ "] {
        assert!(
            !found.iter().any(|l| l.trim_start().starts_with(junk)),
            "{junk}"
        );
    }
}

#[test]
fn debian_reference_zh_cn_headings() {
    manual_toc("zh-cn");
}

#[test]
fn debian_reference_zh_tw_headings() {
    manual_toc("zh-tw");
}
