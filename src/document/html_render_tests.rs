use super::*;
use crate::document::BlockKind;

fn render(html: &str) -> Renderer {
    let mut r = Renderer::new();
    r.render(&Html::parse_document(html));
    r
}

fn blocks(html: &str) -> Vec<(BlockKind, String)> {
    let r = render(html);
    r.blocks
        .iter()
        .map(|b| (b.kind, r.text[b.bytes.clone()].to_string()))
        .collect()
}

#[test]
fn segment_breaks_between_chinese_characters_are_removed() {
    let b = blocks("<p>第一行\n   第二行，\n“引號”\nEnglish\nwords 與\n中文</p>");
    assert_eq!(b[0].1, "第一行第二行，“引號” English words 與中文");
    // Spaces without a line break stay one space, also between Chinese characters.
    assert_eq!(blocks("<p>甲  乙</p>")[0].1, "甲 乙");
}

/// One segment break rule for plain-text reflow and HTML (`document::segment_break`):
/// punctuation is looked through (`宜乎？"⏎故曰`: only punctuation between Han on both sides),
/// and wide punctuation removes a break whatever the other side is (`mount(8)⏎。`). HTML
/// made both a space before.
#[test]
fn segment_breaks_follow_the_plain_text_rule() {
    assert_eq!(blocks("<p>宜乎？\"\n故曰</p>")[0].1, "宜乎？\"故曰");
    assert_eq!(blocks("<p>宜乎？\n\"故曰\"</p>")[0].1, "宜乎？\"故曰\"");
    assert_eq!(blocks("<p>参见 mount(8)\n。</p>")[0].1, "参见 mount(8)。");
    // A letter on the way keeps the space; so does a text that spaces ASCII from Han.
    assert_eq!(blocks("<p>GNOME 或者\nKDE</p>")[0].1, "GNOME 或者 KDE");
    assert_eq!(
        blocks("<p>GNU 版\n\"瑞士军刀\" 。</p>")[0].1,
        "GNU 版 \"瑞士军刀\" 。"
    );
    assert_eq!(collapse("宜乎？\"\n故曰"), "宜乎？\"故曰");
}

#[test]
fn nbsp_indent_dropped_entities_decoded() {
    let b =
        blocks("<p>&nbsp;&nbsp;&nbsp;&nbsp;他說&amp;笑&lt;了&gt;</p><p>\u{3000}\u{3000}第二段</p>");
    assert_eq!(b[0].1, "他說&笑<了>");
    assert_eq!(b[1].1, "第二段");
}

#[test]
fn block_structure() {
    let b = blocks(
        "<h1>書名</h1><h2>第一章</h2><p>一<br/>二</p><blockquote><p>引文</p></blockquote>\
         <ol start=3><li>甲</li><li>乙<ul><li>丙</li></ul></li></ol><hr/><pre>  a\n\tb\n</pre>\
         <div>散<span>文</span></div>",
    );
    assert_eq!(
        b,
        [
            (BlockKind::Heading { level: 1 }, "書名".into()),
            (BlockKind::Heading { level: 2 }, "第一章".into()),
            (BlockKind::Paragraph, "一\n二".into()),
            (BlockKind::Quote { depth: 1 }, "引文".into()),
            (BlockKind::ListItem { depth: 1 }, "3. 甲".into()),
            (BlockKind::ListItem { depth: 1 }, "4. 乙".into()),
            (BlockKind::ListItem { depth: 2 }, "• 丙".into()),
            (BlockKind::Rule, "".into()),
            (BlockKind::Preformatted, "  a\n        b".into()),
            (BlockKind::Paragraph, "散文".into()),
        ]
    );
}

#[test]
fn unclosed_tags_and_scripts() {
    let b = blocks("<p>一段<p>二段<script>var x='<p>';</script><style>p{}</style>");
    assert_eq!(
        b,
        [
            (BlockKind::Paragraph, "一段".into()),
            (BlockKind::Paragraph, "二段".into())
        ]
    );
}

#[test]
fn ruby_base_is_one_run_and_rt_is_kept_apart() {
    let r = render("<p>我<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp>字<rt>zì</rt></ruby>好</p>");
    assert_eq!(&r.text[r.blocks[0].bytes.clone()], "我漢字好");
    let t = &r.text[r.blocks[0].bytes.clone()];
    let got: Vec<_> = r.blocks[0]
        .annotations
        .iter()
        .map(|a| (a.kind, &t[a.bytes.clone()], a.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (AnnotationKind::Ruby, "漢", "hàn"),
            (AnnotationKind::Ruby, "字", "zì")
        ]
    );
}

#[test]
fn styles_links_notes_images() {
    let r = render(
        "<p><em>斜</em>與<strong>粗</strong><a href='x.html'>連結</a>註<sup><a href='#n1'>1</a></sup>\
         <a epub:type='noteref' href='n.xhtml#n2'>[2]</a><img alt='地圖'/></p>",
    );
    let t = &r.text[r.blocks[0].bytes.clone()];
    assert_eq!(t, "斜與粗連結註[1][2]");
    assert_eq!(r.blocks[1].kind, BlockKind::Image);
    assert_eq!(&r.text[r.blocks[1].bytes.clone()], "地圖");
    let styles: Vec<_> = r.blocks[0]
        .spans
        .iter()
        .map(|s| (&t[s.bytes.clone()], s.style))
        .collect();
    assert_eq!(
        styles,
        [
            ("斜", InlineStyle::Emphasis),
            ("粗", InlineStyle::Strong),
            ("連結", InlineStyle::Link),
            ("[1]", InlineStyle::Link),
            ("[2]", InlineStyle::Link),
        ]
    );
}

#[test]
fn ids_map_to_their_blocks() {
    let mut r = Renderer::new();
    let ids = r.render(&Html::parse_document(
        "<p>前</p><h2 id='第一節'>第一節</h2><p>正文<a id='mid'/>中</p><div id='end'></div><p>後</p>",
    ));
    assert_eq!(ids["第一節"], 1);
    assert_eq!(ids["mid"], 2);
    assert_eq!(ids["end"], 3);
}

#[test]
fn table_columns_align_by_cells() {
    let b = blocks(
        "<table><caption>表一</caption><tr><th>名稱</th><th>數量</th></tr>\
         <tr><td>蘋果</td><td>3</td></tr><tr><td>pear</td><td>12</td></tr></table>",
    );
    assert_eq!(b[0], (BlockKind::Paragraph, "表一".into()));
    assert_eq!(
        b[1],
        (BlockKind::Table, "名稱\t數量\n蘋果\t3\npear\t12".into())
    );
}

#[test]
fn control_characters_from_references_are_dropped() {
    let r = render("<p>a&#27;[31mb&#x202E;c</p>");
    assert_eq!(&r.text[r.blocks[0].bytes.clone()], "a[31mbc");
    assert_eq!(r.out.controls_removed, 2);
}

#[test]
// html5ever's tree builder is quadratic in nesting depth; the walk itself has no stack limit.
fn deep_nesting_does_not_overflow() {
    let html = "<div>".repeat(3_000) + "深";
    assert_eq!(blocks(&html)[0].1, "深");
}

#[test]
fn an_image_is_a_block_between_the_text_around_it() {
    let mut r = Renderer::new();
    r.render(&Html::parse_document(
        "<p>前文<img src='a.png' alt=' 山城\n夜雨 '>後文</p><h1><img alt='第一章'/></h1>",
    ));
    let blocks: Vec<(BlockKind, &str)> = r
        .blocks
        .iter()
        .map(|b| (b.kind, &r.text[b.bytes.clone()]))
        .collect();
    assert_eq!(
        blocks,
        [
            (BlockKind::Paragraph, "前文"),
            (BlockKind::Image, "山城夜雨"),
            (BlockKind::Paragraph, "後文"),
            // A heading drawn as an image reads as its alt text.
            (BlockKind::Heading { level: 1 }, "第一章"),
        ]
    );
}

#[test]
fn an_image_in_a_list_item_stays_in_the_item() {
    let r = render(
        "<ul><li>第一項文字，<img src=\"a.png\" alt=\"示意圖\"/>後面的文字仍屬第一項。</li>\
         <li><img src=\"i.png\" alt=\"\"/>第二項</li></ul><p>段落</p><p><img alt=\"圖三\"/></p>",
    );
    let b: Vec<_> = r
        .blocks
        .iter()
        .map(|b| (b.kind, r.text[b.bytes.clone()].to_string()))
        .collect();
    assert_eq!(
        b,
        [
            (
                BlockKind::ListItem { depth: 1 },
                "• 第一項文字，示意圖後面的文字仍屬第一項。".to_string()
            ),
            (BlockKind::ListItem { depth: 1 }, "• 第二項".to_string()),
            (BlockKind::Paragraph, "段落".to_string()),
            (BlockKind::Image, "圖三".to_string()),
        ]
    );
    // The alternative text is an `Image` span, for the layout to draw as `[圖 示意圖]`.
    let span = r.blocks[0]
        .spans
        .iter()
        .find(|s| s.style == InlineStyle::Image)
        .unwrap();
    assert_eq!(&b[0].1[span.bytes.clone()], "示意圖");
}
