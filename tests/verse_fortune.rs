//! Verse, fortune files, rules and list items as a user sees them (`--dump`, `--toc`), on the cases of
//! `../shared/cases/real-text.md` and on the real poems of `fortunes-zh` (installed by
//! `.ci/run`; under `CI=true` a missing package fails the test, elsewhere it is skipped).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn yuedu(args: &[&str], input: &[u8]) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run yuedu");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn installed(path: &str, package: &str) -> Option<Vec<u8>> {
    if Path::new(path).exists() {
        return Some(std::fs::read(path).expect("read"));
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{path} missing: install the `{package}` package (.ci/run does)");
    }
    eprintln!("skipped: {path} missing (apt-get install {package})");
    None
}

/// A fortune file as `fortunes-zh` writes it: coloured title and author lines, `%` between.
const FORTUNE: &str = "\x1b[32m《静夜思》\x1b[m\n\x1b[33m作者：李白\x1b[m\n床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n%\n\x1b[32m《春晓》\x1b[m\n\x1b[33m作者：孟浩然\x1b[m\n春眠不觉晓，\n处处闻啼鸟。\n夜来风雨声，\n花落知多少。\n%\n\x1b[32m《登鹳雀楼》\x1b[m\n\x1b[33m作者：王之涣\x1b[m\n白日依山尽，\n黄河入海流。\n%\n";

#[test]
fn fortune_entries_are_sections_without_separators_or_escapes() {
    let toc = yuedu(&["--toc"], FORTUNE.as_bytes());
    assert_eq!(toc, "《静夜思》\n《春晓》\n《登鹳雀楼》\n");
    let dump = yuedu(&["--dump", "--width", "40"], FORTUNE.as_bytes());
    assert!(!dump.contains('\x1b'), "{dump}");
    assert!(!dump.lines().any(|l| l.trim() == "%"), "{dump}");
    // The poem keeps its four lines with no blank line between them.
    assert!(
        dump.contains("床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n"),
        "{dump}"
    );
}

#[test]
fn a_standing_dash_line_is_one_rule_fitted_to_the_column() {
    let text = format!("第一段。\n\n{}\n\n第二段。\n", "-".repeat(69));
    for w in [30, 40, 80] {
        let dump = yuedu(&["--dump", "--width", &w.to_string()], text.as_bytes());
        let rows: Vec<&str> = dump.lines().filter(|l| l.contains('─')).collect();
        assert_eq!(rows.len(), 1, "{dump}");
        assert!(!dump.contains("---"), "{dump}");
    }
}

/// The Tang and Song poems of `fortunes-zh`: every entry is a section, no `%` or escape is
/// shown, and the poems are verse (no blank line between the lines of a stanza).
#[test]
fn fortunes_zh_poems() {
    for (name, entries) in [("tang300", 313), ("song100", 96)] {
        let path = format!("/usr/share/games/fortunes/{name}");
        let Some(bytes) = installed(&path, "fortunes-zh") else {
            return;
        };
        let toc = yuedu(&["--toc"], &bytes);
        assert_eq!(toc.lines().count(), entries, "{name}");
        assert!(toc.lines().all(|l| !l.contains('%') && !l.contains('\x1b')));
        let dump = yuedu(&["--dump", "--width", "40"], &bytes);
        assert!(!dump.contains('\x1b'));
        assert!(!dump.lines().any(|l| l.trim() == "%"));
        let doc = yuedu::document::open(&bytes, name, &Default::default()).expect("open");
        let verse = doc
            .blocks
            .iter()
            .filter(|b| b.kind == yuedu::document::BlockKind::Verse)
            .count();
        // BENCHMARKS.md §13: 312 of tang300's 313 poems, all of song100's stanzas.
        assert!(verse * 100 >= entries * 95, "{name}: {verse} verse blocks");
    }
}

/// Issue 13, list items of a hard-wrapped manual: nested by indent (two cells a level) and
/// their wrapped lines hang under the text after the marker (`* `, `+ `).
#[test]
fn plain_list_items_hang_and_nest() {
    let mut text = String::new();
    for _ in 0..8 {
        text.push_str("这是一段被导出工具按固定宽度折行的文字，每一行都差\n不多一样长，只有段落的最后一行比较短。\n\n");
    }
    text.push_str("  * 专注于使用非图形的工具和控制台。（使用 shell 例子）\n\n      + 不要在系统中过度设计\n\n  * 保持客观。\n");
    let dump = yuedu(&["--dump", "--width", "30"], text.as_bytes());
    assert!(
        dump.contains("* 专注于使用非图形的工具和控制\n  台。（使用 shell 例子）\n  + 不要在系统中过度设计\n* 保持客观。\n"),
        "{dump}"
    );
}
