//! Layout tables read as prose (tracker issue 14, a newcomer's finding): DocBook's admonition
//! boxes (`<div class="warning">` holding a table of an icon cell, a title cell `警告` and a
//! text cell) and tables whose cells hold blocks or that have one column are unwrapped into
//! their blocks; data tables stay tables. Checked through the real binary on a hand-written
//! page and on the Debian Reference as its packages ship it (`debian-reference-zh-cn`/`-zh-tw`;
//! fails under `CI=true` when missing): no line of only `↪`, the admonition's title a label and
//! its text whole, no icon placeholder, `--toc` the same as with the admonitions taken out.

mod common;

use std::path::Path;

fn yuedu(args: &[&str], page: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(&path, page).unwrap();
    let mut all = args.to_vec();
    all.extend(["--variant", "original", "--typography", "original"]);
    common::run_ok(&all, &path)
}

fn dump(page: &str, width: usize) -> String {
    yuedu(&["--dump", "--width", &width.to_string()], page)
}

/// The quoted text after the label line `│ {label}`, up to the next line that is not quoted,
/// joined with no whitespace (a break may drop a space).
fn quoted_after(dump: &str, label: &str) -> Vec<String> {
    let lines: Vec<&str> = dump.lines().collect();
    let mut found = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.trim_end() != format!("│ {label}") {
            continue;
        }
        let mut text = String::new();
        for l in &lines[i + 1..] {
            if l.is_empty() {
                if text.is_empty() {
                    continue;
                }
                text.push('¶');
                continue;
            }
            let Some(rest) = l.strip_prefix("│ ") else {
                break;
            };
            text.extend(rest.chars().filter(|c| !c.is_whitespace()));
        }
        found.push(text.trim_end_matches('¶').to_string());
    }
    found
}

fn no_lone_continuation(dump: &str, what: &str) {
    for (i, l) in dump.lines().enumerate() {
        assert!(l.trim() != "↪", "{what}: line {} is only ↪", i + 1);
    }
}

const PAGE: &str = r#"<!DOCTYPE html><html><head><title>表格</title></head><body>
<h1>第一章</h1>
<p>開頭的段落。</p>
<div class="warning" style="margin-left: 0.5in; margin-right: 0.5in;">
  <table border="0" summary="Warning">
    <tr><td rowspan="2" align="center" valign="top"><img alt="[警告]" src="images/warning.png"/></td>
        <th align="left">警告</th></tr>
    <tr><td align="left" valign="top">
      <p>永遠不要在顯示管理器（例如<code class="literal">gdm3</code>(1)）的提示符下輸入<code class="literal">root</code>來使用
root 賬戶啟動 GUI 顯示/會話 管理器。</p>
      <p>第二段提醒。</p>
    </td></tr>
  </table>
</div>
<h2>第一節</h2>
<table><tr><th>命令</th><th>說明</th></tr>
<tr><td>ls</td><td>列出文件</td></tr><tr><td>cd</td><td>改變目錄</td></tr></table>
<table><tr><td><p>排版用的表格，第一格的段落。</p></td><td><div>第二格的段落。</div></td></tr></table>
<table><tr><td>只有一欄的第一行。</td></tr><tr><td>只有一欄的第二行。</td></tr></table>
</body></html>"#;

#[test]
fn an_admonition_reads_as_a_labelled_quotation() {
    for width in [23, 61, 0] {
        let d = dump(PAGE, width);
        no_lone_continuation(&d, &format!("fixture at {width}"));
        assert!(
            !d.contains("[警告]") && !d.contains("圖"),
            "icon shown:\n{d}"
        );
        let quoted = quoted_after(&d, "警告");
        assert_eq!(
            quoted,
            ["永遠不要在顯示管理器（例如gdm3(1)）的提示符下輸入root來使用root賬戶啟動GUI顯示/會話管理器。¶第二段提醒。"],
            "at {width}:\n{d}"
        );
    }
    assert_eq!(
        yuedu(&["--toc"], PAGE),
        yuedu(&["--toc"], &strip_admonitions(PAGE))
    );
}

#[test]
fn layout_tables_are_unwrapped_and_data_tables_stay() {
    let d = dump(PAGE, 61);
    let line = |needle: &str| {
        d.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} missing:\n{d}"))
            .to_string()
    };
    // The data table: aligned columns.
    assert!(line("列出文件").starts_with("ls") && line("列出文件").contains(" │ "));
    // Cells holding blocks, and a one-column table: paragraphs of their own.
    for p in [
        "排版用的表格，第一格的段落。",
        "第二格的段落。",
        "只有一欄的第一行。",
        "只有一欄的第二行。",
    ] {
        assert_eq!(line(p), p, "{d}");
    }
}

/// The page with each DocBook admonition box taken out.
fn strip_admonitions(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(i) = ["warning", "note", "tip", "caution", "important"]
        .iter()
        .filter_map(|k| rest.find(&format!("<div class=\"{k}\"")))
        .min()
    {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("</table>").expect("admonition table") + i;
        let close = rest[end..].find("</div>").expect("admonition div") + end;
        rest = &rest[close + "</div>".len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_debian_reference_admonitions_read_as_prose() {
    let cases = [
        (
            "zh-tw",
            "警告",
            "永遠不要在顯示管理器（例如gdm3(1)）的提示符下輸入root來使用root賬戶啟動GUI顯示/會話管理器。",
        ),
        (
            "zh-cn",
            "警告",
            "永远不要在显示管理器（例如gdm3(1)）的提示符下输入root来使用root账户启动GUI显示/会话管理器。",
        ),
    ];
    for (lang, label, text) in cases {
        let path = format!("/usr/share/debian-reference/ch01.{lang}.html");
        if !Path::new(&path).exists() {
            assert!(
                std::env::var_os("CI").is_none_or(|v| v != "true"),
                "CI=true but {path} is missing (.ci/run installs debian-reference-{lang})"
            );
            eprintln!("skipped: {path} is missing");
            continue;
        }
        let page = std::fs::read_to_string(&path).unwrap();
        for width in [23, 61] {
            let d = dump(&page, width);
            let what = format!("{path} at {width}");
            no_lone_continuation(&d, &what);
            assert!(!d.contains("[警告]") && !d.contains("[注意]"), "{what}");
            let quoted = quoted_after(&d, label);
            assert!(
                quoted.iter().any(|q| q.starts_with(text)),
                "{what}: {text} not whole after │ {label}: {quoted:?}"
            );
        }
        let toc = yuedu(&["--toc"], &page);
        assert!(toc.lines().count() > 10, "{toc}");
        assert_eq!(toc, yuedu(&["--toc"], &strip_admonitions(&page)), "{path}");
    }
}

/// An image inside a list item is drawn `[圖 alt]` in the item's line (in the displayed
/// script), and the item goes on after it: one item, its lines hanging under the marker;
/// an image alone in a paragraph stays a block of its own.
#[test]
fn an_image_in_a_list_item_does_not_end_the_item() {
    let page =
        "<html><body><ul><li>第一項文字，<img src=\"a.png\" alt=\"示意圖\"/>後面的文字仍屬第一項，\
                還有更多的文字在這一項裏。</li><li>第二項</li></ul>\
                <p><img src=\"b.png\" alt=\"插圖\"/></p></body></html>";
    let d = dump(page, 30);
    assert_eq!(
        d,
        "  • 第一項文字，[圖 示意圖]後\n    面的文字仍屬第一項，還有更\n    多的文字在這一項裏。\n  • 第二項\n\n[圖 插圖]\n",
        "{d}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(&path, page).unwrap();
    let s = common::run_ok(
        &["--dump", "--width", "0", "--variant", "simplified"],
        &path,
    );
    assert!(
        s.contains("• 第一项文字，[图 示意图]后面的文字仍属第一项"),
        "{s}"
    );
}
