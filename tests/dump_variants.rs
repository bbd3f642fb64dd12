//! `--dump --variant V`: the text shown is OpenCC's conversion of the source, wrapped or not.

use std::process::Command;

use yuedu::script::{builtin::Builtin, Config, Converter};

fn dump(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["--dump"])
        .args(args)
        .output()
        .expect("run yuedu");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn han(s: &str) -> String {
    s.chars()
        .filter(|c| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..))
        .collect()
}

const ARTICLE: &str = include_str!("../assets/article.txt");

/// The source with inline pinyin hidden, as the reader converts it (OpenCC then sees whole
/// words: `發(fā)布` → `發布` → `发布`).
fn unannotated() -> String {
    yuedu::typography::hide_pinyin(ARTICLE).0
}

#[test]
fn simplified_dump_is_t2s_of_the_source() {
    let expected = han(&Builtin.convert(Config::T2s, &unannotated()));
    // Pinyin holds no Han characters, so this is also t2s of the source's Han text.
    assert_eq!(expected, han(&Builtin.convert(Config::T2s, ARTICLE)));
    for width in ["0", "20", "80"] {
        let out = dump(&["--variant", "simplified", "--width", width]);
        assert_eq!(han(&out), expected, "width {width}");
        assert!(
            out.contains("华为") && out.contains("发展"),
            "width {width}"
        );
        assert!(!out.contains("華為") && !out.contains("發展"));
    }
}

#[test]
fn traditional_dump_repairs_leftover_simplified_forms() {
    let e = Builtin;
    let expected = han(&e.convert(Config::S2t, &e.convert(Config::T2s, &unannotated())));
    let out = dump(&["--variant", "traditional", "--width", "0"]);
    assert_eq!(han(&out), expected);
    assert!(
        out.contains("並非") && !out.contains("并非"),
        "并非 not repaired"
    );
    // Original stays exactly as written (Han text).
    assert_eq!(
        han(&dump(&["--variant", "original", "--width", "0"])),
        han(ARTICLE)
    );
}

#[test]
fn width_zero_is_a_converter() {
    // One output line per block, no wrapping: the longest paragraph stays one line.
    let out = dump(&["--variant", "s", "--width", "0", "--typography", "original"]);
    let longest = ARTICLE
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(out.lines().any(|l| l.chars().count() == longest));
    assert!(
        !out.contains("發(fā)") && out.contains("发(fā)"),
        "pinyin kept as written"
    );
}
