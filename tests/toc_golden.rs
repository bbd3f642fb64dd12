//! Golden `--toc` outputs through the real binary (`--toc --typography original`, stdin null):
//! the bundled article, Markdown, a simplified-Chinese novel, a traditional text with a title,
//! and a text with no headings.

use std::process::{Command, Stdio};

fn toc(file: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_yuedu"));
    cmd.args(["--toc", "--typography", "original"]);
    if let Some(f) = file {
        cmd.arg(format!("{}/tests/fixtures/{f}", env!("CARGO_MANIFEST_DIR")));
    }
    let out = cmd.stdin(Stdio::null()).output().expect("run yuedu");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 toc")
}

#[test]
fn bundled_article() {
    assert_eq!(
        toc(None),
        "跨界攬才,精英回歸 — 一場“跨界融合”正在南大悄然發(fā)生……\n\
         高校—企業(yè)—高校 — “滿載”AI實戰(zhàn)經驗而歸\n\
         從短期目標到長線挑戰(zhàn) — 靜下心但不能慢下來\n\
         重新定義邊界 — 教育產業(yè)必將“雙贏”\n"
    );
}

#[test]
fn markdown_nested_headings_and_code_comment() {
    assert_eq!(
        toc(Some("nested.md")),
        "閱讀筆記\n\
         \x20 第一部分：安裝\n\
         \x20   從原始碼編譯\n\
         \x20 第二部分：使用\n\
         \x20 使用說明\n\
         \x20     深層標題\n\
         \x20 附錄\n"
    );
}

#[test]
fn simplified_novel_with_traps() {
    assert_eq!(
        toc(Some("novel_simplified.txt")),
        "序章\n第一章零界\n第二章　雨夜\n第三章 旧书店\n第四章 第二封信\n第五章　山城\n\
         第六章 回声\n第七章 灯塔\n第八章　迷雾\n第九章 归途\n第十章 重逢\n第十一章　告别\n\
         第十二章 黎明\n尾声\n"
    );
}

#[test]
fn traditional_with_title_and_afterword() {
    // The title 《山城夜雨》 is listed first at indent 0 (level 0), then 後記 (level 1).
    assert_eq!(toc(Some("traditional_titled.txt")), "《山城夜雨》\n後記\n");
}

#[test]
fn no_headings_no_sections() {
    assert_eq!(toc(Some("no_headings.txt")), "");
}

#[test]
fn heading_regex_replaces_chapter_words() {
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args([
            "--toc",
            "--typography",
            "original",
            "--heading-regex",
            "^第[一二]章[^，。]*$",
        ])
        .arg(format!(
            "{}/tests/fixtures/novel_simplified.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .stdin(Stdio::null())
        .output()
        .expect("run yuedu");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "第一章零界\n第二章　雨夜\n"
    );
    let bad = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["--toc", "--heading-regex", "第(", "x.txt"])
        .stdin(Stdio::null())
        .output()
        .expect("run yuedu");
    // A usage error (clap's exit status), reported before the file is read.
    assert_eq!(bad.status.code(), Some(2));
}
