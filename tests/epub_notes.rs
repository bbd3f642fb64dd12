//! Ruby and footnotes in a real book: the opening of 《红楼梦》 第一回 (public domain, from
//! `tests/data/hongloumeng-1-2.txt`) written as pandoc Markdown with author ruby
//! (`<ruby>甄<rt>zhēn</rt>…</ruby>`), two footnotes (`[^1]`) and an image,
//! `tests/data/epub/hongloumeng-notes.md`; the book was made with
//! `pandoc -f markdown -t epub3 -o hongloumeng-notes-epub3.epub hongloumeng-notes.md`
//! (pandoc 2.17) and the HTML page `tests/fixtures/hongloumeng_notes.html` with
//! `pandoc -s -t html`. Checked through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/epub/hongloumeng-notes-epub3.epub")
}

fn yuedu(args: &[&str], file: &Path) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .arg(file)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_STATE_HOME", home.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn dump_prints_ruby_rows_over_their_bases_when_pinyin_is_shown() {
    let args = ["--dump", "--width", "40", "--variant", "original"];
    let hidden = yuedu(&args, &book());
    assert!(!hidden.contains("zhēn"), "{hidden}");
    assert!(hidden.contains("故曰“甄士隐”云"), "{hidden}");
    let shown = yuedu(
        &[&args[..], &["--typography", "original"]].concat(),
        &book(),
    );
    let rows: Vec<&str> = shown.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains("故曰“甄"))
        .expect("the base line");
    // The annotation row is right above the line of its bases, each centred over its base:
    // `甄` at cells 24–25 under `zhēn` (24–27)…
    assert_eq!(
        rows[at - 1],
        "                        zhēn shì yǐn",
        "{shown}"
    );
    assert_eq!(rows[at], "此《石头记》一书也。故曰“甄   士  隐”云");
    // …and the rt never enters the base text.
    assert!(rows
        .iter()
        .all(|r| !(r.contains("zhēn") && r.contains('甄'))));
    assert_eq!(
        rows[rows.iter().position(|r| r.contains("女娲")).unwrap() - 1],
        "    nǚwā"
    );
}
