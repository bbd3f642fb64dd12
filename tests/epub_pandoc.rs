//! Books made by pandoc from real Chinese text (the bundled article as Markdown,
//! `tests/data/epub/article.md`, with a table, a code block and ruby added): EPUB 3 (nav) and
//! EPUB 2 (NCX), checked through the real binary. The committed books were made with
//! `pandoc -f markdown -t epub3|epub2 -o article-epub3|2.epub article.md` (pandoc 2.17); the
//! last test makes them again with the installed pandoc, and under `CI=true` fails when
//! pandoc is missing (`.ci/run` installs it).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/epub");

fn yuedu(args: &[&str], file: &Path) -> String {
    common::run_ok(args, file)
}

const SECTIONS: &str = "跨界攬才，精英回歸
  一場“跨界融合”
  正在南大悄然發生……
高校—企業—高校
  “滿載”AI實戰經驗而歸
從短期目標到長線挑戰
  靜下心但不能慢下來
重新定義邊界
  教育產業必將“雙贏”
附錄
  表格
  程式碼
  注音
";

fn check_book(epub: &Path, ncx: bool) {
    let toc = yuedu(&["--toc", "--variant", "original"], epub);
    // pandoc's NCX also lists the title page; its nav does not.
    let head = if ncx {
        "南大跨界攬才\n南大跨界攬才\n"
    } else {
        "南大跨界攬才\n"
    };
    assert_eq!(toc, format!("{head}{SECTIONS}"), "{}", epub.display());
    let dump = yuedu(
        &[
            "--dump",
            "--width",
            "0",
            "--variant",
            "original",
            "--typography",
            "original",
        ],
        epub,
    );
    for bad in ["<", "&", "xmlns"] {
        assert!(
            !dump.contains(bad),
            "{bad:?} in the dump of {}:\n{dump}",
            epub.display()
        );
    }
    for want in [
        "今年2月,華為“天才少年計劃”入選者徐科入職母校南京大學,他曾是華為云公司",
        "姓名   │ 職稱         │ 來自\n徐科   │ 準聘副教授   │ 華為\n",
        "  for 人 in 人才:\n      print(人)\n",
        // Ruby is shown with inline pinyin (`--typography original`): a row of annotations
        // over the base, never inside it; the bases are spaced so the annotations fit, and
        // at the line's start 南 moves a cell right so that "nán" is centred over it.
        "nán jīng\n 南  京大學\u{a0}智能科學與技術學院。",
    ] {
        assert!(dump.contains(want), "{want:?} not in:\n{dump}");
    }
    let tidy = yuedu(&["--dump", "--width", "0", "--variant", "original"], epub);
    assert!(!tidy.contains("nán"), "ruby shown by default:\n{tidy}");
    assert!(
        tidy.contains("南京大學\u{a0}智能科學與技術學院。"),
        "{tidy}"
    );
}

#[test]
fn committed_pandoc_epub3_and_epub2() {
    check_book(&Path::new(DATA).join("article-epub3.epub"), false);
    check_book(&Path::new(DATA).join("article-epub2.epub"), true);
}

#[test]
fn books_made_now_by_the_installed_pandoc() {
    let have = Command::new("pandoc")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        assert!(
            std::env::var_os("CI").is_none(),
            "pandoc is missing: CI must install it (.ci/run)"
        );
        eprintln!("skipped: pandoc is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (to, ncx) in [("epub3", false), ("epub2", true)] {
        let out = dir.path().join(format!("{to}.epub"));
        let status = Command::new("pandoc")
            .args(["-f", "markdown", "-t", to, "-o"])
            .arg(&out)
            .arg(Path::new(DATA).join("article.md"))
            .status()
            .unwrap();
        assert!(status.success());
        check_book(&out, ncx);
    }
}
