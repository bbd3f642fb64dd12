//! Tables at narrow widths (newcomer's finding on tracker issue 14): a table with one long
//! cell no longer makes its first column take the whole width and every row continue with
//! `↪`; the long cell wraps inside its column, the columns stay aligned and every row fits.
//! Checked through the real binary's `--dump` on a Markdown pipe table and an HTML table
//! (the renderer EPUB chapters go through).

mod common;

use yuedu::layout::width::str_width;
use yuedu::layout::AmbiguousWidth;

fn dump(name: &str, text: &str, width: usize) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let w = width.to_string();
    common::run_ok(&["--dump", "--width", &w, "--variant", "original"], &path)
}

fn cells(s: &str) -> usize {
    str_width(s, AmbiguousWidth::Narrow).0
}

/// The table's lines (those holding a separator) fit `width`, none is continued, the
/// separators stand in the same columns on every line, and the long cell's text is whole.
fn check(out: &str, width: usize, long: &str) {
    let rows: Vec<&str> = out.lines().filter(|l| l.contains('│')).collect();
    assert!(rows.len() >= 4, "{out}");
    let mut seps: Option<Vec<usize>> = None;
    for l in &rows {
        assert!(cells(l) <= width, "{l:?} is wider than {width}:\n{out}");
        assert!(!l.contains('↪'), "{out}");
        let at: Vec<usize> = l
            .char_indices()
            .filter(|&(_, c)| c == '│')
            .map(|(i, _)| cells(&l[..i]))
            .collect();
        match &seps {
            None => seps = Some(at),
            Some(s) => assert_eq!(&at, s, "columns not aligned:\n{out}"),
        }
    }
    // The first column, read down the rows, holds the long cell whole.
    let first: String = rows
        .iter()
        .map(|l| l.split('│').next().unwrap().trim())
        .collect();
    assert!(first.contains(long), "{first:?}\n{out}");
    // No line starts with a no-start mark (clreq kinsoku inside cells).
    for l in &rows {
        let cell = l.split('│').next().unwrap().trim_start();
        assert!(!cell.starts_with(['。', '，', '、']), "{out}");
    }
}

#[test]
fn a_long_markdown_cell_wraps_inside_its_column() {
    let long = "很长的单元格内容，".repeat(8);
    let md =
        format!("| 左 | 中 | 右 |\n|---|---|---|\n| {long} | 二 | 三 |\n| 短 | 中间 | 右边 |\n");
    for width in [50, 60, 80] {
        check(&dump("t.md", &md, width), width, &long);
    }
}

#[test]
fn a_long_html_cell_wraps_inside_its_column() {
    let long = "很长的单元格内容。".repeat(8);
    let page = format!(
        "<html><body><table><tr><th>左</th><th>中</th><th>右</th></tr>\
         <tr><td>{long}</td><td>二</td><td>三</td></tr>\
         <tr><td>短</td><td>中间</td><td>右边</td></tr></table></body></html>"
    );
    for width in [40, 60] {
        check(&dump("t.html", &page, width), width, &long);
    }
}

#[test]
fn a_table_that_fits_is_as_before() {
    let md = "| 名稱 | 說明 |\n|---|---|\n| 軟件 | 電腦程序 |\n";
    let out = dump("s.md", md, 80);
    assert!(out.contains("名稱 │ 說明"), "{out}");
    assert!(out.contains("軟件 │ 電腦程序"), "{out}");
}
