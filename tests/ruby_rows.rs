//! Ruby rows at narrow widths (newcomer's finding on tracker issue 14): a ruby row is never
//! wider than the column, and a ruby base is never split across lines (CSS Ruby Layout 1
//! §3.4), so its annotation stays over the whole base. Through the real binary's `--dump`
//! with the annotations shown (`--typography original`).

mod common;

use yuedu::layout::width::str_width;
use yuedu::layout::AmbiguousWidth;

fn dump(page: &str, width: usize) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ruby.html");
    std::fs::write(&path, page).unwrap();
    let w = width.to_string();
    common::run_ok(
        &[
            "--dump",
            "--width",
            &w,
            "--variant",
            "original",
            "--typography",
            "original",
        ],
        &path,
    )
}

fn ruby(base: &str, rt: &str) -> String {
    format!("<ruby>{base}<rt>{rt}</rt></ruby>")
}

/// 春曉, every character with its pinyin.
fn poem(joiner: &str) -> String {
    let py = "chūn mián bù jué xiǎo chù chù wén tí niǎo yè lái fēng yǔ shēng huā luò zhī duō shǎo";
    let mut readings = py.split(' ');
    let lines: Vec<String> = ["春眠不覺曉，處處聞啼鳥。", "夜來風雨聲，花落知多少。"]
        .iter()
        .map(|l| {
            l.chars()
                .map(|c| match c {
                    '，' | '。' => c.to_string(),
                    _ => ruby(&c.to_string(), readings.next().unwrap()),
                })
                .collect()
        })
        .collect();
    format!("<html><body><p>{}</p></body></html>", lines.join(joiner))
}

#[test]
fn a_ruby_row_over_a_poem_line_fits_the_column() {
    for page in [poem("<br/>"), poem("")] {
        for width in 16..=34 {
            let out = dump(&page, width);
            assert!(out.contains("mián"), "{out}");
            for l in out.lines() {
                let w = str_width(l, AmbiguousWidth::Narrow).0;
                assert!(w <= width, "{w} cells at width {width}: {l:?}\n{out}");
            }
        }
    }
}

#[test]
fn a_ruby_base_is_not_split_across_lines() {
    let mut page = String::from("<html><body>");
    for k in 8..20 {
        page.push_str(&format!(
            "<p>{}{}之物。</p>",
            "甲".repeat(k),
            ruby("長い", "ながい")
        ));
    }
    page.push_str("</body></html>");
    for width in [24, 30] {
        let out = dump(&page, width);
        let lines: Vec<&str> = out.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            assert!(
                !l.trim_end().ends_with('長'),
                "{l:?} ends inside a base\n{out}"
            );
            if l.contains('長') {
                assert!(l.contains("長い"), "{out}");
                assert!(i > 0 && lines[i - 1].contains("ながい"), "{out}");
            }
        }
    }
}
