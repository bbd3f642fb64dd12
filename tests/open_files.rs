//! Opening real files through the binary (`--dump --typography original --width 0`): legacy
//! encodings, UTF-16, invalid UTF-8, terminal escape sequences, empty and binary files, and
//! paths that are not files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["--dump", "--typography", "original", "--width", "0"])
        .args(args)
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .expect("run yuedu")
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

/// Dumps `bytes` and returns stdout, asserting success.
fn dump(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(&[], &write(&dir, name, bytes));
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("dump is UTF-8")
}

const SIMPLIFIED: &str = "第一章 山城\n那天晚上，雨下得很大，我们在旧书店里躲雨，老板给我们泡了一壶茶。\n第二天早上，雨停了，雾却更浓了，我们沿着江边走了很久。\n";
const TRADITIONAL: &str = "第一章 山城\n那天晚上，雨下得很大，我們在舊書店裡躲雨，老闆給我們泡了一壺茶。\n第二天早上，雨停了，霧卻更濃了，我們沿著江邊走了很久。\n";

/// What `--dump --width 0` prints for plain text: the decoded text line by line, as a
/// converter would (`--typography original`, variant original: unchanged).
fn blocks_of(text: &str) -> String {
    text.to_string()
}

#[test]
fn gbk_with_crlf() {
    let crlf = SIMPLIFIED.replace('\n', "\r\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&crlf);
    let out = dump("gbk.txt", &gbk);
    assert_eq!(out, blocks_of(SIMPLIFIED));
    assert!(!out.contains('\r'));
}

#[test]
fn big5() {
    let (big5, _, _) = encoding_rs::BIG5.encode(TRADITIONAL);
    assert_eq!(dump("big5.txt", &big5), blocks_of(TRADITIONAL));
}

#[test]
fn utf16le_with_bom() {
    let mut b = vec![0xff, 0xfe];
    b.extend(TRADITIONAL.encode_utf16().flat_map(u16::to_le_bytes));
    let out = dump("le.txt", &b);
    assert_eq!(out, blocks_of(TRADITIONAL));
    assert!(!out.contains('\u{feff}'));
}

#[test]
fn utf16be_with_bom() {
    let mut b = vec![0xfe, 0xff];
    b.extend(SIMPLIFIED.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(dump("be.txt", &b), blocks_of(SIMPLIFIED));
}

#[test]
fn utf8_bom_is_not_shown() {
    let b = [&[0xef, 0xbb, 0xbf][..], SIMPLIFIED.as_bytes()].concat();
    assert_eq!(dump("bom.txt", &b), blocks_of(SIMPLIFIED));
}

#[test]
fn invalid_utf8_inside_good_text() {
    let mut b = SIMPLIFIED.as_bytes().to_vec();
    b.extend_from_slice("坏字节在这里：".as_bytes());
    b.extend_from_slice(&[0xc3, 0x28, 0xff]);
    b.extend_from_slice("，后面的文字还在。\n".as_bytes());
    let out = dump("bad.txt", &b);
    assert!(out.starts_with(&blocks_of(SIMPLIFIED)), "{out}");
    assert!(
        out.contains("坏字节在这里：\u{fffd}(\u{fffd}，后面的文字还在。"),
        "{out}"
    );
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let text = "開頭\x1b[2J清屏\x1b]0;惡意標題\x07標題\x1b]52;c;ZXZpbA==\x07剪貼簿\x08\x08退格\x07鈴聲\x1b[31m紅色\x1b[0m結尾\u{9b}2J\u{202e}反向\n第二行\ttab\x1bP1$r\x1b\\完\n";
    let out = dump("esc.txt", text.as_bytes());
    for bad in [0x1b_u8, 0x07, 0x08, 0x9b] {
        assert!(!out.as_bytes().contains(&bad), "byte {bad:#x} in {out:?}");
    }
    assert!(!out.contains('\u{202e}') && !out.contains('\u{9b}'));
    assert_eq!(
        out,
        "開頭清屏標題剪貼簿退格鈴聲紅色結尾反向\n第二行  tab完\n"
    );
}

#[test]
fn empty_file_opens_empty() {
    assert_eq!(dump("empty.txt", b""), "");
}

#[test]
fn binary_refused_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00".to_vec();
    bytes.extend((0u8..=255).cycle().take(2000));
    let p = write(&dir, "a.out", &bytes);
    let out = run(&[], &p);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--force") && err.contains("a.out"), "{err}");
    assert!(out.stdout.is_empty());
    let forced = run(&["--force"], &p);
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    // Even forced, no control byte is written.
    assert!(!forced
        .stdout
        .iter()
        .any(|&b| b < 0x20 && b != b'\n' || b == 0x7f));
}

#[test]
fn directory_and_missing_file_fail_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no-such-file.txt");
    for (path, name) in [
        (dir.path().to_path_buf(), dir.path().display().to_string()),
        (missing.clone(), missing.display().to_string()),
    ] {
        let out = run(&[], &path);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&name), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn forced_encoding_and_unknown_label() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (gbk, _, _) = encoding_rs::GBK.encode("中文");
    let p = write(&dir, "short.txt", &gbk);
    let out = run(&["--encoding", "gbk"], &p);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "中文\n");
    let out = run(&["--encoding", "klingon"], &p);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("klingon"));
}

mod any_input {
    use proptest::prelude::*;
    use yuedu::document::{open, Format, OpenOptions};

    fn check(bytes: &[u8], format: Format) {
        let opts = OpenOptions {
            force: true,
            format: Some(format),
            ..Default::default()
        };
        let doc = open(bytes, "x", &opts).expect("forced open succeeds");
        // A table's text separates its cells with `\t` (`BlockKind::Table`): the one control
        // character allowed, and only there (`||a⏎|-|:` is a Markdown table of one row).
        let tables: Vec<std::ops::Range<usize>> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == yuedu::document::BlockKind::Table)
            .map(|b| b.bytes)
            .collect();
        assert!(
            !doc.text.char_indices().any(|(i, c)| (c.is_control()
                && c != '\n'
                && !(c == '\t' && tables.iter().any(|t| t.contains(&i))))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{:?}",
            doc.text
        );
        for b in &doc.blocks {
            assert!(doc.text.get(b.bytes.clone()).is_some(), "{b:?}");
            for s in b.spans {
                assert!(doc.text[b.bytes.clone()].get(s.bytes.clone()).is_some());
            }
        }
        for s in &doc.sections {
            assert!(s.block < doc.blocks.len());
        }
    }

    proptest! {
        #[test]
        fn any_bytes_open_safely(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            check(&bytes, Format::Plain);
            check(&bytes, Format::Markdown);
        }

        #[test]
        fn any_text_opens_safely(text in "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}a-z#>*`\\[\\]()&;0-9 \\n第一章序后记。，“”…\\t\\r\\x1b-]{0,300}") {
            check(text.as_bytes(), Format::Plain);
            check(text.as_bytes(), Format::Markdown);
        }

        #[test]
        fn a_markdown_table_of_one_cell_opens_safely(_x in 0..1u8) {
            check(b"||a\n|-|:\n", Format::Markdown);
        }

        #[test]
        fn any_tables_and_html_open_safely(text in "(\\|[ a-z表頭:*`-]{0,6}|<[/!]?(div|p|script|b|br)?[ a=\"'>]{0,3}|-->|&(amp|lt|nbsp)?;?|\n|\x1b|中文|  ){0,60}") {
            check(text.as_bytes(), Format::Markdown);
        }
    }
}

#[test]
fn bad_heading_regex_fails_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(&dir, "a.txt", "第一章\n正文。\n".as_bytes());
    let out = run(&["--heading-regex", "(第"], &p);
    // A bad flag value is a usage error (exit 2, like any other), checked by the options
    // table before the file is read: one line naming the flag, the value and the cause.
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let first = err.lines().next().unwrap_or("");
    assert_eq!(
        first,
        "error: invalid value '(第' for '--heading-regex <REGEX>': unclosed group"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn short_gbk_and_big5() {
    // `你好` in GBK (C4 E3 BA C3) was shown as `쓣뫃`.
    assert_eq!(dump("short.txt", &[0xc4, 0xe3, 0xba, 0xc3]), "你好\n");
    let (big5, _, _) = encoding_rs::BIG5.encode("你好，世界");
    assert_eq!(dump("short.txt", &big5), "你好，世界\n");
}

#[test]
fn half_utf8_half_gbk_is_counted() {
    let utf8_part = "　　这是前半部分，用的是统一码。\n".repeat(30);
    let gbk_text = "　　这是后半部分，用的是国标码。\n".repeat(30);
    let (gbk_part, _, _) = encoding_rs::GBK.encode(&gbk_text);
    let bytes = [utf8_part.as_bytes(), &gbk_part].concat();
    let doc = yuedu::document::open(&bytes, "mixed.txt", &Default::default()).expect("opens");
    assert_eq!(doc.source.encoding, "UTF-8");
    assert!(doc.source.replacements > 30, "{}", doc.source.replacements);
    assert!(
        doc.text.contains("这是前半部分，用的是统一码。"),
        "{}",
        doc.text
    );
}

/// A zip made like `zip x.epub somefile.txt`: one text file, deflated or (small) stored.
fn zip_of(name: &str, text: &str, stored: bool) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let method = if stored {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    z.start_file(name, opts).unwrap();
    z.write_all(text.as_bytes()).unwrap();
    z.finish().unwrap();
    out.into_inner()
}

#[test]
fn a_zip_that_is_not_an_epub_is_said_to_be_one() {
    // A newcomer zipped a text file as x.epub and was told it "looks like a binary file".
    let dir = tempfile::tempdir().expect("tempdir");
    let text = SIMPLIFIED.repeat(200);
    for (name, stored) in [("x.epub", false), ("small.zip", true)] {
        let body = if stored { SIMPLIFIED } else { text.as_str() };
        let p = write(&dir, name, &zip_of("somefile.txt", body, stored));
        let out = run(&[], &p);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(name) && err.contains("a zip archive, not an EPUB book"),
            "{name}: {err}"
        );
        assert!(err.contains("mimetype"), "{err}");
        assert!(!err.contains("binary"), "{err}");
        assert!(out.stdout.is_empty());
    }
}
