//! Unit tests of Markdown rendering: block kinds, markers, spans, the title.

use super::*;

fn blocks(md: &str) -> Vec<(BlockKind, String)> {
    let d = parse_markdown(md);
    (0..d.blocks.len())
        .map(|i| (d.blocks.at(i).kind, d.block_text(i).to_string()))
        .collect()
}

#[test]
fn headings_atx_setext_and_code() {
    let md = "# 書名\n\n## 第一節\n\n正文。\n\n```sh\n# not a heading\necho hi\n```\n\n第二節\n------\n\n    # indented code\n";
    let d = parse_markdown(md);
    let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        vec![
            BlockKind::Title,
            BlockKind::Heading { level: 2 },
            BlockKind::Paragraph,
            BlockKind::Preformatted,
            BlockKind::Heading { level: 2 },
            BlockKind::Preformatted,
        ]
    );
    assert_eq!(d.block_text(3), "# not a heading\necho hi");
    let toc: Vec<_> = d
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(toc, vec![(1, "書名"), (2, "第一節"), (2, "第二節")]);
}

#[test]
fn several_h1_are_headings() {
    let d = parse_markdown("# A\n\ntext\n\n# B\n");
    assert_eq!(d.blocks.at(0).kind, BlockKind::Heading { level: 1 });
    assert_eq!(d.sections.len(), 2);
}

#[test]
fn lists_and_quotes() {
    let md = "- 甲\n- 乙\n  1. 一\n  2. 二\n\n> 引用\n>\n> > 深\n\n3. three\n\n   more\n\n---\n";
    assert_eq!(
        blocks(md),
        vec![
            (BlockKind::ListItem { depth: 1 }, "• 甲".into()),
            (BlockKind::ListItem { depth: 1 }, "• 乙".into()),
            (BlockKind::ListItem { depth: 2 }, "1. 一".into()),
            (BlockKind::ListItem { depth: 2 }, "2. 二".into()),
            (BlockKind::Quote { depth: 1 }, "引用".into()),
            (BlockKind::Quote { depth: 2 }, "深".into()),
            (BlockKind::ListItem { depth: 1 }, "3. three".into()),
            (BlockKind::ListItem { depth: 1 }, "more".into()),
            (BlockKind::Rule, String::new()),
        ]
    );
}

#[test]
fn inline_spans_and_links() {
    let d = parse_markdown("有*強調*與**粗體**、`code`、[連結](http://x)和~~刪除~~。\n");
    assert_eq!(d.block_text(0), "有強調與粗體、code、連結和刪除。");
    let t = d.block_text(0);
    let got: Vec<_> = d
        .blocks
        .at(0)
        .spans
        .iter()
        .map(|s| (s.style, &t[s.bytes.clone()]))
        .collect();
    assert_eq!(
        got,
        vec![
            (InlineStyle::Emphasis, "強調"),
            (InlineStyle::Strong, "粗體"),
            (InlineStyle::Code, "code"),
            (InlineStyle::Link, "連結"),
            (InlineStyle::Strikethrough, "刪除"),
        ]
    );
}

#[test]
fn soft_breaks_join_cjk_without_space() {
    assert_eq!(blocks("中文\n接著\n")[0].1, "中文接著");
    assert_eq!(blocks("some\ntext\n")[0].1, "some text");
}

#[test]
fn html_comments_and_inline_tags_are_dropped() {
    assert_eq!(
        blocks("<!-- hidden -->\n\n正文<b>粗</b>\n"),
        vec![(BlockKind::Paragraph, "正文粗".into())]
    );
}

#[test]
fn html_blocks_show_their_text() {
    assert_eq!(
        blocks("前文。\n\n<div>HTML 區塊</div>\n\n後文。\n"),
        vec![
            (BlockKind::Paragraph, "前文。".into()),
            (BlockKind::Paragraph, "HTML 區塊".into()),
            (BlockKind::Paragraph, "後文。".into()),
        ]
    );
    assert_eq!(
        blocks("> <p>引用\n> 區塊</p>\n"),
        vec![(BlockKind::Quote { depth: 1 }, "引用區塊".into())]
    );
}

#[test]
fn a_table_is_one_block_of_rows_and_cells() {
    let md = "段落。\n\n| 表頭一 | 表頭二 |\n|---|:---:|\n| 儲存格 | 內容 |\n| *斜* | `碼` |\n\n後文。\n";
    assert_eq!(
        blocks(md),
        vec![
            (BlockKind::Paragraph, "段落。".into()),
            (
                BlockKind::Table,
                "表頭一\t表頭二\n儲存格\t內容\n斜\t碼".into()
            ),
            (BlockKind::Paragraph, "後文。".into()),
        ]
    );
    let d = parse_markdown(md);
    let t = d.block_text(1);
    let styled: Vec<(InlineStyle, &str)> = d
        .blocks
        .at(1)
        .spans
        .iter()
        .map(|s| (s.style, &t[s.bytes.clone()]))
        .collect();
    assert_eq!(
        styled,
        vec![
            (InlineStyle::Strong, "表頭一"),
            (InlineStyle::Strong, "表頭二"),
            (InlineStyle::Emphasis, "斜"),
            (InlineStyle::Code, "碼")
        ]
    );
    // Inside a list, the table is still one block.
    let nested = blocks("- 項目\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n");
    assert_eq!(nested[1], (BlockKind::Table, "a\tb\n1\t2".into()));
}

#[test]
fn empty_markdown() {
    let d = parse_markdown("");
    assert!(d.blocks.is_empty() && d.sections.is_empty());
}

#[test]
fn character_references_cannot_make_controls() {
    let d = parse_markdown("a&#27;[2J&#x202E;b `&#7;` &#9;c\n\n```\n\u{7}x\n```\n");
    assert!(
        !d.text.chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        d.text
    );
    assert!(d.source.controls_removed >= 2);
}

#[test]
fn footnotes_are_notes_at_the_end_with_markers_that_follow_them() {
    let md = "正文[^a]，又[^b]。\n\n[^b]: 第二條。\n\n[^a]: 脚注内容在这里。\n\n後文。\n";
    let d = parse_markdown(md);
    assert_eq!(
        blocks(md),
        vec![
            (BlockKind::Paragraph, "正文[1]，又[2]。".into()),
            (BlockKind::Paragraph, "後文。".into()),
            (BlockKind::Rule, String::new()),
            (
                BlockKind::ListItem { depth: 1 },
                "1. 脚注内容在这里。↩".into()
            ),
            (BlockKind::ListItem { depth: 1 }, "2. 第二條。↩".into()),
        ]
    );
    let marker = "正文[".len();
    assert_eq!(d.note_at(0, marker), Some(3));
    assert_eq!(d.note_at(0, "正文[1]，又[".len()), Some(4));
    assert_eq!(d.note_at(3, "1. 脚注内容在这里。".len()), Some(0));
}

#[test]
fn inline_ruby_is_an_annotation_not_text() {
    let d = parse_markdown(
        "<ruby>漢<rt>hàn</rt></ruby>字，<ruby>長<rp>(</rp><rt>なが</rt><rp>)</rp></ruby>い。\n",
    );
    assert_eq!(d.block_text(0), "漢字，長い。");
    let ann: Vec<_> = d
        .blocks
        .at(0)
        .annotations
        .iter()
        .map(|a| {
            (
                a.kind,
                d.block_text(0)[a.bytes.clone()].to_string(),
                a.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        ann,
        vec![
            (AnnotationKind::Ruby, "漢".to_string(), "hàn"),
            (AnnotationKind::Ruby, "長".to_string(), "なが")
        ]
    );
}
