//! Hostile bytes, one file per control class, through the real binary's `--dump` (and the
//! reader in a pty): nothing that can drive a terminal comes out, the text around every
//! control survives, and what was removed is reported on stderr with its count.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn dump(dir: &Path, name: &str, bytes: &[u8]) -> Output {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["--dump", "--width", "0", "--force"])
        .arg(&file)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .output()
        .unwrap()
}

/// Bytes a terminal would act on: C0 other than LF, DEL, C1, and the bidi/format controls.
fn assert_inert(out: &str, what: &str) {
    let bad: Vec<char> = out
        .chars()
        .filter(|&c| c != '\n' && yuedu::document::sanitize::is_neutralised(c))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: {bad:?} reached the output: {out:?}"
    );
}

/// One class of hostile input: the bytes between `前文` and `後文`, and how many removals the
/// stderr note must report (0: no note).
struct Case {
    what: &'static str,
    bytes: Vec<u8>,
    removed: usize,
}

fn case(what: &'static str, bytes: impl Into<Vec<u8>>, removed: usize) -> Case {
    Case {
        what,
        bytes: bytes.into(),
        removed,
    }
}

fn cases() -> Vec<Case> {
    let mut v = Vec::new();
    for c in (0u8..0x20).filter(|c| !matches!(c, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1b)) {
        v.push(case("C0 control", [c], 1));
    }
    v.push(case("DEL", [0x7f], 1));
    for c in 0x80u32..0xa0 {
        let s = char::from_u32(c).unwrap().to_string();
        v.push(case("stray C1 control", s, 1));
    }
    v.extend([
        case("CSI clear", "\x1b[2J", 1),
        case("CSI alternate screen", "\x1b[?1049h", 1),
        case("OSC title (BEL)", "\x1b]0;pwned\x07", 1),
        case("OSC hyperlink (ST)", "\x1b]8;;http://x/\x1b\\", 1),
        case("OSC 52 clipboard", "\x1b]52;c;cHduZWQ=\x07", 1),
        case("DCS", "\x1bPq#0;2;0;0;0\x1b\\", 1),
        case("SOS PM APC", "\x1bXa\x1b\\\x1b^b\x1b\\\x1b_c\x1b\\", 3),
        case("8-bit CSI", "\u{9b}2J", 1),
        case("8-bit OSC", "\u{9d}0;pwned\u{9c}", 1),
        case("nF and Fs escapes", "\x1b(B\x1b7\x1bc", 3),
        case("lone ESC", "\x1b", 1),
        case(
            "bidi embeddings and overrides",
            "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}",
            5,
        ),
        case("bidi isolates", "\u{2066}\u{2067}\u{2068}\u{2069}", 4),
        case("LRM RLM ALM", "\u{200e}\u{200f}\u{61c}", 3),
        case("tag characters", "\u{e0001}\u{e0041}\u{e007f}", 3),
        case("SGR (a style, not a removal)", "\x1b[1;31m", 0),
    ]);
    v
}

#[test]
fn every_control_class_is_removed_reported_and_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    for (n, c) in cases().iter().enumerate() {
        let mut bytes = "前文".as_bytes().to_vec();
        bytes.extend_from_slice(&c.bytes);
        bytes.extend_from_slice("後文，這一行的其餘部分。\n下一行。\n".as_bytes());
        let out = dump(dir.path(), &format!("case{n}.txt"), &bytes);
        assert!(out.status.success(), "{}: {out:?}", c.what);
        let text = String::from_utf8(out.stdout).unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_inert(&text, c.what);
        assert!(
            text.contains("前文後文，這一行的其餘部分。\n下一行。"),
            "{}: text lost: {text:?}",
            c.what
        );
        let note = format!(
            "{} control characters or escape sequences removed",
            c.removed
        );
        if c.removed > 0 {
            assert!(err.contains(&note), "{}: no note {note:?}: {err:?}", c.what);
        } else {
            assert!(!err.contains("removed"), "{}: {err:?}", c.what);
        }
    }
}

#[test]
fn line_and_paragraph_separators_break_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = dump(
        dir.path(),
        "sep.txt",
        "第一句。\u{2028}第二句。\u{2029}第三段。\n".as_bytes(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, "第一句。\n第二句。\n\n第三段。\n");
    assert!(
        out.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn undecodable_bytes_are_counted_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "這是一份 UTF-8 的文字，".repeat(20).into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\x80 tail\n");
    let out = dump(dir.path(), "bad.txt", &bytes);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.txt: 3 invalid byte sequences shown as �"),
        "{err:?}"
    );
}

#[test]
fn the_reader_reports_removed_characters_in_the_status_line() {
    let h = tempfile::tempdir().unwrap();
    let file = h.path().join("c1.txt");
    std::fs::write(&file, "這是正常的句子\u{9d}，後面整行都會消失。\n").unwrap();
    let mut s = common::Session::start(&[file.to_str().unwrap()], 100, 20, h.path());
    let screen = s.wait_for("removed", 10);
    assert!(screen.contains("後面整行都會消失"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn file_names_in_messages_lose_bidi_and_format_controls() {
    let dir = tempfile::tempdir().unwrap();
    for c in [
        '\u{1b}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
    ] {
        let name = dir.path().join(format!("no{c}such.txt"));
        let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
            .arg("--dump")
            .arg(&name)
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("no?such.txt: no such file"), "{c:?}: {err:?}");
        assert_inert(&err.replace('\n', ""), "stderr");
    }
}

#[test]
fn a_full_stderr_is_an_error_exit_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    // An error whose message cannot be written: exit 1, not a panic (101).
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .arg(dir.path().join("missing.txt"))
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // Warnings that cannot be written do not stop a dump.
    let file = dir.path().join("c1.txt");
    std::fs::write(&file, "前文\u{9d}後文\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .arg("--dump")
        .arg(&file)
        .env("XDG_CONFIG_HOME", dir.path())
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "前文後文\n");
}

#[test]
fn values_in_error_messages_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "第一章\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["--dump", "--encoding", "x\x1b[31mred\u{2067}\u{9b}"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(r"x\u{1b}[31mred\u{2067}\u{9b}"), "{err:?}");
    assert_inert(&err.replace('\n', ""), "stderr");
}
