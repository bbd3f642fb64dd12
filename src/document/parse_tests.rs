//! Unit tests of plain-text parsing: chapters, article headings and the prose traps.

use super::*;
use crate::document::reflow::Reflow;
use crate::document::spaces;

fn doc(text: &str) -> Document {
    parse_plain(text.to_string(), None).unwrap()
}

fn kinds(text: &str) -> Vec<BlockKind> {
    doc(text).blocks.iter().map(|b| b.kind).collect()
}

fn toc(text: &str) -> Vec<(u8, String)> {
    doc(text)
        .sections
        .iter()
        .map(|s| (s.level, s.title.clone()))
        .collect()
}

const P: &str = "雨一直下到天亮，街上没有一个人，只有路灯在水洼里映出昏黄的光，像是谁遗落的旧信。";

fn with_body(line: &str) -> String {
    format!("{P}\n{line}\n{P}\n")
}

#[test]
fn prose_traps_are_paragraphs() {
    for trap in [
        "第二天早上……",
        "第三回合，他终于赢了。",
        "第二节课下课后",
        "第二节课下课后，我去找他。",
        "他翻到第3章时停下了。",
        "第一封信……",
        "第一部分的内容很长。",
        "前言不搭后语的他说。",
        "后记里他写道，一切都结束了。",
        "第五章里，他死了。",
    ] {
        let text = format!("第一章 开始\n{}", with_body(trap));
        let d = doc(&text);
        assert_eq!(d.sections.len(), 1, "{trap}: {:?}", d.sections);
        assert!(
            d.blocks
                .iter()
                .all(|b| b.kind == BlockKind::Paragraph || b.bytes.start == 0),
            "{trap}"
        );
        // Without any chapter, the article heuristic must not take them either.
        assert!(doc(&with_body(trap)).sections.is_empty(), "{trap}");
    }
}

#[test]
fn chapter_lines() {
    for line in [
        "第一章",
        "第一章 零界",
        "第一章零界",
        "第十二章　归来",
        "第一百零三回 大闹天宫",
        "第3章",
        "第３章 全角",
        "第 12 章 空格",
        "第两千零一章：终局",
        "第一節",
        "第五话 夏天",
        "第七集",
        "第十篇",
        "序章",
        "序言",
        "楔子",
        "引子",
        "前言",
        "尾聲",
        "尾声 雨停",
        "後記",
        "后记",
        "番外一 夏日",
        "終章",
        "终章",
        "Chapter 1",
        "CHAPTER 12",
        "Chapter IV The Storm",
        "第十章 你好，世界",
        "第九章 你是谁？",
    ] {
        assert!(lines::chapter(line).is_some(), "{line}");
        assert_eq!(toc(&with_body(line)).len(), 1, "{line}");
    }
}

#[test]
fn volumes_nest_chapters() {
    let text = format!(
        "序章\n{P}\n第一卷 风起\n第一章 甲\n{P}\n第二章 乙\n{P}\n第二卷 云涌\n第三章 丙\n{P}\n后记\n{P}\n"
    );
    assert_eq!(
        toc(&text),
        vec![
            (1, "序章".into()),
            (1, "第一卷 风起".into()),
            (2, "第一章 甲".into()),
            (2, "第二章 乙".into()),
            (1, "第二卷 云涌".into()),
            (2, "第三章 丙".into()),
            (1, "后记".into()),
        ]
    );
    // Chapters alone are level 1.
    let text = format!("第一章\n{P}\n第二章\n{P}\n");
    assert!(toc(&text).iter().all(|(l, _)| *l == 1));
}

#[test]
fn title_meta_notice() {
    let text = format!("《山城夜雨》\n作者：某人\n來源:某報\n{P}\n{P}\n特別聲明：以上內容僅供參考。\nNotice: for reference only.\n");
    assert_eq!(
        kinds(&text),
        vec![
            BlockKind::Title,
            BlockKind::Meta,
            BlockKind::Meta,
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Notice,
            BlockKind::Notice,
        ]
    );
    // The title is a section at level 0, listed first.
    assert_eq!(toc(&text), vec![(0, "《山城夜雨》".to_string())]);
    // A metadata-looking line in the body is a paragraph.
    assert_eq!(
        kinds(&format!("{P}\n作者：某人\n{P}"))[1],
        BlockKind::Paragraph
    );
}

#[test]
fn article_heading_with_subtitles() {
    let text = format!(
        "{P}\n跨界攬才,精英回歸\n一場“跨界融合”\n正在南大悄然發生……\n高校—企業—高校\n“滿載”AI實戰經驗而歸\n{P}\n{P}\n重新定義邊界\n{P}\n"
    );
    let d = doc(&text);
    let got: Vec<_> = d
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.subtitle.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "跨界攬才,精英回歸",
                Some("一場“跨界融合”正在南大悄然發生……")
            ),
            ("高校—企業—高校", Some("“滿載”AI實戰經驗而歸")),
            ("重新定義邊界", None),
        ]
    );
}

#[test]
fn short_lines_need_long_neighbours() {
    // Two short lines with nothing around them: nothing is invented.
    assert!(toc("你好\n世界\n").is_empty());
    // A poem of many short lines is not a pile of headings.
    let poem = "床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n";
    assert!(toc(&format!("{P}\n{poem}{poem}{P}\n")).is_empty());
    // Dialogue in quotes is not a heading.
    assert!(toc(&with_body("“好吧”")).is_empty());
    // A scene break is not a heading.
    assert!(toc(&with_body("＊＊＊")).is_empty());
}

#[test]
fn heading_regex() {
    let text = format!("Part One\n{P}\nPart Two\n{P}\n第一章\n{P}\n");
    let d = parse_plain(text, Some(r"^Part \w+$")).unwrap();
    let titles: Vec<_> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Part One", "Part Two"]);
    for (pattern, want) in [
        ("(第", "unclosed group in \"(第\""),
        (
            "[z-a]\n",
            "invalid character class range, the start must be <= the end in \"[z-a]\\n\"",
        ),
        ("a{99999}{99999}", "exceeds size limit"),
    ] {
        match parse_plain("x".into(), Some(pattern)) {
            Err(OpenError::HeadingRegex(msg)) => {
                assert!(msg.contains(want), "{msg}");
                assert!(!msg.contains('\n'), "{msg}");
                assert!(!msg.contains("error:"), "{msg}");
            }
            other => panic!("{pattern}: {other:?}"),
        }
    }
}

#[test]
fn blocks_are_trimmed_lines() {
    let text = "　　第一段。\n\n  第二段。  \n";
    let d = doc(text);
    let got: Vec<_> = (0..d.blocks.len()).map(|i| d.block_text(i)).collect();
    assert_eq!(got, ["第一段。", "第二段。"]);
}

#[test]
fn nothing_detected_means_no_sections() {
    assert!(toc("").is_empty());
    assert!(toc(&format!("{P}\n{P}\n{P}\n")).is_empty());
}

#[test]
fn bundled_article_structure() {
    let d = doc(crate::BUNDLED_ARTICLE);
    let k: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(&k[..2], [BlockKind::Meta, BlockKind::Meta]);
    assert_eq!(&k[k.len() - 2..], [BlockKind::Notice, BlockKind::Notice]);
    let headings = k
        .iter()
        .filter(|k| matches!(k, BlockKind::Heading { .. }))
        .count();
    let subtitles = k.iter().filter(|k| **k == BlockKind::Subtitle).count();
    assert_eq!((headings, subtitles), (4, 5));
    assert_eq!(d.sections.len(), 4);
    // Every other block is a body paragraph.
    let paragraphs = k.iter().filter(|k| **k == BlockKind::Paragraph).count();
    assert_eq!(paragraphs, k.len() - 2 - 2 - 4 - 5);
}

/// `../shared/cases/real-text.md`, "Headings with levels": each line between blank lines.
#[test]
fn real_text_numbered_heading_cases() {
    let body = "在登录提示符下，你输入你的用户名，例如 penguin，然后按回车键。";
    for (line, level) in [
        ("第\u{a0}1\u{a0}章\u{a0}GNU/Linux 教程", 1),
        ("1.1.\u{a0}控制台基础", 2),
        ("1.1.1.\u{a0}shell 提示符", 3),
        ("6.2.4.1.\u{a0}exim4 的配置", 4),
        ("章 5. 網絡設置", 1),
        ("附录\u{a0}A.\u{a0}附录", 1),
        ("一、总则", 1),
        ("（一）适用范围", 2),
    ] {
        let text = format!("{body}\n\n{line}\n\n{body}\n");
        let want = spaces::fold(line);
        assert_eq!(toc(&text), vec![(level, want)], "{line}");
    }
    // 一、 then （一） nest.
    let text = format!("{body}\n\n一、总则\n\n（一）适用范围\n\n{body}\n\n二、附则\n\n{body}\n");
    let got: Vec<u8> = toc(&text).iter().map(|t| t.0).collect();
    assert_eq!(got, [1, 2, 1]);
    // Under chapters, Chinese numbering is one level deeper.
    let text = format!("第一章 总则\n{body}\n一、范围\n{body}\n（一）对象\n{body}\n");
    let got: Vec<u8> = toc(&text).iter().map(|t| t.0).collect();
    assert_eq!(got, [1, 2, 3]);
}

#[test]
fn printed_table_of_contents_is_not_headings() {
    let body = "在登录提示符下，你输入你的用户名，例如 penguin，然后按回车键。";
    let text = format!("{body}\n\n1. 前言\n2. 安装\n2.1. 准备\n\n{body}\n\n1. 前言\n\n{body}\n");
    let d = doc(&text);
    assert_eq!(toc(&text), vec![(1, "1. 前言".to_string())]);
    let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds[1..4], [BlockKind::Paragraph; 3]);
    // The manual's indented contents and list of tables, and `一、` lists.
    let text = format!(
        "{body}\n    1. 前言\n        1.1. 准则\n    2. 安装\n（一）甲方\n（二）乙方\n{body}\n"
    );
    assert!(toc(&text).is_empty(), "{:?}", toc(&text));
}

#[test]
fn commands_and_admonitions_are_not_headings() {
    let body = "在登录提示符下，你输入你的用户名，例如 penguin，然后按回车键，接下来输入你的密码。";
    for line in [
        "    $ man 1 bash",
        "注意",
        "警告",
        "提示",
        "# apt-get update",
        "foo:~$ ls -l",
    ] {
        let text = format!("{body}\n\n{line}\n\n{body}\n");
        assert!(toc(&text).is_empty(), "{line}: {:?}", toc(&text));
    }
}

#[test]
fn nbsp_is_a_space_for_chapters_and_indents() {
    let text = "\u{a0}\u{a0}\u{a0} 第一段。\n第\u{a0}2\u{a0}章\n\u{2003}第二段。\n";
    let d = doc(text);
    let got: Vec<_> = (0..d.blocks.len()).map(|i| d.block_text(i)).collect();
    assert_eq!(got, ["第一段。", "第\u{a0}2\u{a0}章", "第二段。"]);
    assert_eq!(toc(text), vec![(1, "第 2 章".to_string())]);
}

/// The displayed paragraphs of `text` parsed with `mode`: each block's text with its segment
/// breaks joined (CSS Text 3 §4.1.2), and its kind.
fn reflowed(text: &str, mode: Reflow) -> Vec<(BlockKind, String)> {
    let d = parse_plain_with(text.to_string(), None, mode).unwrap();
    (0..d.blocks.len())
        .map(|i| {
            let (joined, _) = crate::document::reflow::join_segment_breaks(&d.block_text(i));
            (d.blocks.at(i).kind, joined)
        })
        .collect()
}

fn texts(v: &[(BlockKind, String)]) -> Vec<&str> {
    v.iter().map(|(_, t)| t.as_str()).collect()
}

/// `../shared/cases/real-text.md`, "Reflow", cases 1–6 and 8 (7 is the novel test in
/// `tests/real_text.rs`). The samples are a few lines, so `--reflow on` forces the wrap the
/// detection would find on a whole text.
#[test]
fn real_text_reflow_cases() {
    let on = Reflow::On;
    // 1: full lines join with nothing between wide characters; an indented line starts a
    // paragraph.
    let got = reflowed(
        "　　甲乙丙丁戊己庚辛\n壬癸子丑寅卯辰巳\n午未。\n　　申酉戌亥。\n",
        on,
    );
    assert_eq!(
        texts(&got),
        ["甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未。", "申酉戌亥。"]
    );
    // 2: a blank line ends a paragraph.
    let got = reflowed(
        "甲乙丙丁戊己庚辛壬癸\n子丑。\n\n寅卯辰巳午未申酉戌亥\n子丑。\n",
        on,
    );
    assert_eq!(
        texts(&got),
        ["甲乙丙丁戊己庚辛壬癸子丑。", "寅卯辰巳午未申酉戌亥子丑。"]
    );
    // 3: the next word did not fit; wide–narrow becomes one space.
    let got = reflowed(
        "使用 apt-get 安装软件包，例如\nunattended-upgrades 软件包。\n",
        on,
    );
    assert_eq!(
        texts(&got),
        ["使用 apt-get 安装软件包，例如 unattended-upgrades 软件包。"]
    );
    // 4: narrow–narrow: one space.
    let got = reflowed(
        "This is an English line that is\nwrapped by the exporter.\n",
        on,
    );
    assert_eq!(
        texts(&got),
        ["This is an English line that is wrapped by the exporter."]
    );
    // 5: a heading is never joined to the paragraph before it.
    let got = reflowed("甲乙丙丁戊己庚辛壬癸\n第二章　归来\n", on);
    assert_eq!(texts(&got), ["甲乙丙丁戊己庚辛壬癸", "第二章　归来"]);
    assert_eq!(got[1].0, BlockKind::Heading { level: 1 });
    // 6: list items start blocks.
    let got = reflowed("甲乙丙丁戊己庚辛壬癸\n  * 列表项一\n  * 列表项二\n", on);
    assert_eq!(
        texts(&got),
        ["甲乙丙丁戊己庚辛壬癸", "* 列表项一", "* 列表项二"]
    );
    assert_eq!(got[1].0, BlockKind::ListItem { depth: 0 });
    // 8: a short last line followed by an unindented full line: two paragraphs.
    let got = reflowed(
        "甲乙丙丁戊己庚辛壬癸\n子丑。\n寅卯辰巳午未申酉戌亥\n子丑。\n",
        on,
    );
    assert_eq!(
        texts(&got),
        ["甲乙丙丁戊己庚辛壬癸子丑。", "寅卯辰巳午未申酉戌亥子丑。"]
    );
    // Off: one block per line.
    assert_eq!(
        reflowed("甲乙丙丁戊己庚辛壬癸\n子丑。\n", Reflow::Off).len(),
        2
    );
}

#[test]
fn auto_detects_a_hard_wrap_and_leaves_lines_of_prose_alone() {
    let para =
        "这是一段被导出工具按固定宽度折行的文字，每一行都差不多一样长，只有段落的最后一行比较短。";
    // Wrapped at 12 characters, paragraphs indented, ten of them.
    let mut wrapped = String::new();
    for _ in 0..10 {
        let chars: Vec<char> = format!("　　{para}").chars().collect();
        for line in chars.chunks(12) {
            wrapped.extend(line);
            wrapped.push('\n');
        }
    }
    let got = reflowed(&wrapped, Reflow::Auto);
    assert_eq!(got.len(), 10, "{got:?}");
    assert!(got.iter().all(|(_, t)| t == para));
    // One paragraph per line (lines of many widths, and lines of one width that end
    // sentences): nothing joined.
    let lines: String = (0..12)
        .map(|i| format!("{}。\n", "甲乙丙".repeat(i % 5 + 1)))
        .collect();
    assert_eq!(reflowed(&lines, Reflow::Auto).len(), 12);
    // Lines of one width that end sentences: verse, each line kept.
    let same: String = (0..12).map(|_| "床前明月光，疑是地上霜。\n").collect();
    let d = parse_plain_with(same, None, Reflow::Auto).unwrap();
    assert_eq!(d.blocks.len(), 1);
    assert_eq!(d.blocks.kind(0), BlockKind::Verse);
    assert_eq!(d.block_text(0).lines().count(), 12);
}

#[test]
fn preformatted_case_keeps_rows_in_one_block() {
    let text = "说明如下。\n\n    +---------+--------+-----+\n    |软件包   |流行度  |大小 |\n    |---------+--------+-----|\n    |mc       |V:54,   |1482 |\n    +---------+--------+-----+\n\n    $ sudo apt-get update\n    $ ls -l /etc/apt\n";
    let d = doc(text);
    let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Preformatted,
            BlockKind::Preformatted
        ]
    );
    // Verbatim: the rows with their indentation, as in the source.
    assert_eq!(
        d.block_text(1),
        "    +---------+--------+-----+\n    |软件包   |流行度  |大小 |\n    |---------+--------+-----|\n    |mc       |V:54,   |1482 |\n    +---------+--------+-----+"
    );
    assert_eq!(
        d.block_text(2),
        "    $ sudo apt-get update\n    $ ls -l /etc/apt"
    );
}

/// `../shared/cases/real-text.md`, "Rules": a standing run of dashes (the zh manual's 69-dash
/// line), `* * *` and `＊＊＊` are rules; a pandoc table's dash lines stay in the table; a
/// short `____` inside a wrapped paragraph is text.
#[test]
fn real_text_rule_cases() {
    let dashes = "-".repeat(69);
    let text = format!("第一段。\n\n{dashes}\n\n第二段。\n* * *\n第三段。\n\n＊＊＊\n\n====\n");
    assert_eq!(
        kinds(&text),
        vec![
            BlockKind::Paragraph,
            BlockKind::Rule,
            BlockKind::Paragraph,
            BlockKind::Rule,
            BlockKind::Paragraph,
            BlockKind::Rule,
            BlockKind::Rule,
        ]
    );
    let table = "  -----------------------\n  软件包   流行度   大小\n  -------- -------- ----\n  mc       V:54     1482\n  -----------------------\n";
    assert_eq!(kinds(table), vec![BlockKind::Preformatted]);
    assert_eq!(
        kinds(&format!("{P}\n只听外面乱嚷\n____\n众人大笑。\n")),
        vec![BlockKind::Paragraph; 4]
    );
    assert_eq!(
        kinds(&format!("{P}\n\n____\n\n众人大笑。\n")),
        vec![BlockKind::Paragraph, BlockKind::Rule, BlockKind::Paragraph]
    );
}

/// `../shared/cases/real-text.md`, "Verse and collections": a stanza keeps its lines in one
/// `Verse` block (no blank lines between them); stanzas are separate blocks; dialogue runs
/// and prose are not verse.
#[test]
fn real_text_verse_cases() {
    let poem = "静夜思\n\n床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n";
    let d = doc(poem);
    let got: Vec<(BlockKind, &str)> = (0..d.blocks.len())
        .map(|i| (d.blocks.kind(i), &d.text[d.blocks.bytes(i)]))
        .collect();
    assert_eq!(
        got,
        vec![
            (BlockKind::Paragraph, "静夜思"),
            (
                BlockKind::Verse,
                "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。"
            ),
        ]
    );
    // Two stanzas.
    let two = "明月几时有？把酒问青天。\n不知天上宫阙，今夕是何年。\n\n转朱阁，低绮户，照无眠。\n不应有恨，何事长向别时圆？\n";
    assert_eq!(kinds(two), vec![BlockKind::Verse, BlockKind::Verse]);
    // Dialogue in a novel: one paragraph per line, no blank lines.
    let dialogue = "“好。”\n“走吧。”\n“天快黑了。”\n";
    assert_eq!(kinds(dialogue), vec![BlockKind::Paragraph; 3]);
    // A poem quoted in a novel with blank lines between its lines stays as it was.
    let novel = "    满纸荒唐言，一把辛酸泪！\n\n    都云作者痴，谁解其中味？\n";
    assert_eq!(kinds(novel), vec![BlockKind::Paragraph; 2]);
}

/// `../shared/cases/real-text.md`, "Verse and collections", fortune format: `%` lines are not
/// blocks, each entry is a section named by its `《…》` title line, the poem is verse.
#[test]
fn real_text_fortune_cases() {
    let text = "《静夜思》\n作者：李白\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n%\n题目:《卜算子》\n作者:苏轼\n缺月挂疏桐，漏断人初静。\n谁见幽人独往来，缥缈孤鸿影。\n%\n要有礼貌\n\n在项目中，请礼貌待人。\n%\n《春晓》\n春眠不觉晓，处处闻啼鸟。\n夜来风雨声，花落知多少。\n%\n";
    let d = doc(text);
    for i in 0..d.blocks.len() {
        assert!(!d.block_text(i).contains('%'), "{:?}", d.block_text(i));
    }
    assert_eq!(
        toc(text),
        vec![
            (1, "《静夜思》".to_string()),
            (1, "《卜算子》".to_string()),
            (1, "要有礼貌".to_string()),
            (1, "《春晓》".to_string()),
        ]
    );
    let k: Vec<BlockKind> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        &k[..4],
        &[
            BlockKind::Heading { level: 1 },
            BlockKind::Meta,
            BlockKind::Verse,
            BlockKind::Heading { level: 1 }
        ]
    );
    assert_eq!(
        d.block_text(2),
        "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。"
    );
}

/// Issue 13, per-region reflow: a hard-wrapped preface before chapters of one long paragraph
/// per line. The whole text is not detected (most lines are long), its region is.
#[test]
fn mixed_file_reflows_its_hard_wrapped_region() {
    let para =
        "这是一段被导出工具按固定宽度折行的文字，每一行都差不多一样长，只有段落的最后一行比较短。";
    let mut text = String::new();
    for _ in 0..20 {
        let chars: Vec<char> = format!("　　{para}").chars().collect();
        for line in chars.chunks(12) {
            text.extend(line);
            text.push('\n');
        }
    }
    let long = "雨一直下到天亮，街上没有一个人，只有路灯在水洼里映出昏黄的光，像是谁遗落的旧信，又像是一盏不肯熄灭的灯，照着空无一人的长街和长街尽头的河。";
    for _ in 0..120 {
        text.push_str("　　");
        text.push_str(long);
        text.push('\n');
    }
    let got = reflowed(&text, Reflow::Auto);
    assert_eq!(got.len(), 140, "{:?}", &got[..3]);
    assert!(got[..20].iter().all(|(_, t)| t == para));
    assert!(got[20..].iter().all(|(_, t)| t == long));
    // A roster of names in a novel (short lines of many widths) is not a wrapped region.
    let mut roster = String::new();
    for i in 0..120 {
        roster.push_str("　　");
        roster.push_str(long);
        roster.push('\n');
        if i == 60 {
            for k in 0..40 {
                roster.push_str(&"“大刀”关胜".repeat(k % 3 + 1));
                roster.push_str("“豹子头”林冲\n");
            }
        }
    }
    assert_eq!(reflowed(&roster, Reflow::Auto).len(), 160);
}

/// Issue 13, list depth: plain-text items nest by their indent (the manual's `* ` items with
/// `+ ` items under them); a paragraph between ends the list.
#[test]
fn plain_list_items_nest_by_indent() {
    let text = "甲乙丙丁戊己庚辛壬癸\n子丑。\n\n  * 第一项\n\n      + 子项一\n      + 子项二\n\n  * 第二项\n\n寅卯辰巳。\n\n      + 另一个列表\n";
    let got: Vec<BlockKind> = reflowed(text, Reflow::On)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        got,
        vec![
            BlockKind::Paragraph,
            BlockKind::ListItem { depth: 0 },
            BlockKind::ListItem { depth: 1 },
            BlockKind::ListItem { depth: 1 },
            BlockKind::ListItem { depth: 0 },
            BlockKind::Paragraph,
            BlockKind::ListItem { depth: 0 },
        ]
    );
}

/// Tracker issue 13: a flush-left login transcript in `w3m -dump` of the Debian Reference
/// (1.1.1; `w3m` drops the `<pre>`'s indent) is one preformatted block, its blank lines kept,
/// not ten English paragraphs.
#[test]
fn w3m_flush_left_transcript_is_one_preformatted_block() {
    let transcript = "Debian GNU/Linux 11 foo tty1\n\nfoo login: penguin\nPassword:\n\
        Linux foo 5.10.0-6-amd64 #1 SMP Debian 5.10.28-1 (2021-04-09) x86_64\n\n\
        The programs included with the Debian GNU/Linux system are free software;\n\
        the exact distribution terms for each program are described in the\n\
        individual files in /usr/share/doc/*/copyright.\n\n\
        Last login: Thu May 13 08:47:13 JST 2021 on tty1\nfoo:~$";
    // The Chinese text around it (the rule holds in a text that is mostly Chinese lines).
    let before = "在登录提示符下，你输入你的用户名，例如 penguin，然后按回车键。\n\n".repeat(8);
    let text = format!(
        "{before}系统以保存在 \"/etc/motd\" 中的欢迎信息来开始，同时显示一个\n命令提示符。\n\n\
         {transcript}\n\n现在，你就在 shell 下。shell 解析你的命令。\n"
    );
    let d = doc(&text);
    let blocks: Vec<(BlockKind, String)> = d
        .blocks
        .iter()
        .map(|b| (b.kind, text[b.bytes.clone()].to_string()))
        .collect();
    let pre: Vec<&(BlockKind, String)> = blocks
        .iter()
        .filter(|(k, _)| *k == BlockKind::Preformatted)
        .collect();
    assert_eq!(pre.len(), 1, "{blocks:?}");
    assert_eq!(pre[0].1, transcript);
    let after = blocks.last().unwrap();
    assert_eq!(after.0, BlockKind::Paragraph);
    assert!(after.1.starts_with("现在"));
}

/// Tracker issue 13: w3m draws a DocBook note as a box whose icon `[注意]` is split over two
/// lines (`[注 注意` ⏎ `意] note…`), and the note's second line, indented to the note's
/// column, started a paragraph of its own: the sentence `…用户名通常由小写⏎字母组成。` was
/// split. The title is a quotation block and the note one quotation paragraph, without the
/// icon's halves.
#[test]
fn w3m_note_box_reads_as_a_quoted_note() {
    let text = "在登录提示符下，你输入你的用户名，例如 penguin，然后按回车键，接下来输入你的密\n\
        码并再次按回车键。\n\n\
        [注 注意\n\
        意] 遵循 Unix 传统，Debian 系统下的用户名和密码是大小写敏感的。用户名通常由小写\n    \
        字母组成。第一个用户账号通常在安装期间进行创建。额外的用户账号由 root 用户\n    \
        用 adduser(8) 创建。\n\n\
        系统以保存在 \"/etc/motd\" 中的欢迎信息（Message Of The Day）来开始，同时显示一个\n\
        命令提示符。\n";
    let d = parse_plain_with(text.to_string(), None, Reflow::On).unwrap();
    let blocks: Vec<(BlockKind, &str)> = d
        .blocks
        .iter()
        .map(|b| (b.kind, &text[b.bytes.clone()]))
        .collect();
    let quote = BlockKind::Quote { depth: 1 };
    assert_eq!(blocks.len(), 4, "{blocks:?}");
    assert_eq!(blocks[0].0, BlockKind::Paragraph);
    assert_eq!(blocks[1], (quote, "注意"));
    assert_eq!(blocks[2].0, quote);
    assert!(blocks[2].1.starts_with("遵循 Unix"), "{:?}", blocks[2]);
    assert!(blocks[2].1.ends_with("创建。"), "{:?}", blocks[2]);
    assert_eq!(blocks[3].0, BlockKind::Paragraph);
    let shown = crate::document::reflow::join_segment_breaks(blocks[2].1).0;
    assert!(shown.contains("用户名通常由小写字母组成。"), "{shown}");
    assert!(!shown.contains("意]"), "{shown}");
}

/// Tracker issue 13: a plain-text poetry collection (title, author, the poem) lists each
/// poem in `--toc`, as a fortune file's entries are; the author line is metadata.
#[test]
fn poem_titles_in_a_plain_collection_are_sections() {
    let text =
        "《感遇・其一》\n作者：张九龄\n\n兰叶春葳蕤，桂华秋皎洁。\n欣欣此生意，自尔为佳节。\n\
        谁知林栖者，闻风坐相悦。\n草木有本心，何求美人折？\n\n\
        《送别》\n作者：王维\n\n下马饮君酒，问君何所之。\n君言不得意，归卧南山陲。\n\
        但去莫复问，白云无尽时。\n\n\
        静夜思\n李白\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n\n\
        登鹳雀楼\n白日依山尽，黄河入海流。\n欲穷千里目，更上一层楼。\n";
    assert_eq!(
        toc(text),
        [
            (1, "《感遇・其一》".to_string()),
            (1, "《送别》".to_string()),
            (1, "静夜思".to_string()),
            (1, "登鹳雀楼".to_string()),
        ]
    );
    let k = kinds(text);
    assert_eq!(k[1], BlockKind::Meta);
    assert_eq!(k.iter().filter(|k| **k == BlockKind::Verse).count(), 4);
    // Two titled poems are not a collection.
    let two = text.split("静夜思").next().unwrap();
    assert_eq!(toc(two), [(0, "《感遇・其一》".to_string())]);
}

/// A group of poems under one title (`《春居杂兴》二首`, then `其一`, `其二`) nests them; a
/// one-character title in book-title marks (`《柳》`) is a title; an attribution line
/// (`-- 佚名《敕勒歌》`) is not.
#[test]
fn poem_groups_and_short_titles() {
    let text = "《春居杂兴》二首\n作者：王禹偁\n\n其一\n\n两株桃杏映篱斜，妆点商山副使家，\n\
        何事春风容不得，和莺吹折数枝花。\n\n其二\n\n春云如兽复如禽，日照风吹浅又深。\n\
        谁道无心便容与，亦同翻覆小人心。\n\n《柳》\n作者：寇准\n\n晓带轻烟间杏花，晚凝深翠拂平沙。\n\
        长条别有风流处，密映钱塘苏小家。\n\n-- 佚名《敕勒歌》\n\n敕勒川，阴山下。天似穹庐，笼盖四野。\n\
        天苍苍，野茫茫。风吹草低见牛羊。\n";
    assert_eq!(
        toc(text),
        [
            (1, "《春居杂兴》二首".to_string()),
            (2, "其一".to_string()),
            (2, "其二".to_string()),
            (1, "《柳》".to_string()),
        ]
    );
}

/// Issue 13 (newcomer): short lines of one length without end punctuation — a list, a log, a
/// roster — are items, not a hard wrap: each stays its own block under `--reflow auto`.
#[test]
fn lists_and_logs_of_uniform_lines_are_not_joined() {
    let items: String = (1..=7).map(|i| format!("物品编号{i}号\n")).collect();
    let shopping =
        "苹果三个\n香蕉两根\n牛奶一盒\n鸡蛋十个\n面包两袋\n白菜一棵\n土豆五个\n酱油一瓶\n";
    let log: String = (1..=30)
        .map(|i| format!("编译 src/file{i}.c 成功\n"))
        .collect();
    let rows: String = (1..=20).map(|i| format!("第{i}行 内容\n")).collect();
    let stamps: String = (0..12)
        .map(|i| format!("2024-01-01 12:00:{i:02} 处理请求编号{}完成\n", 100 + i))
        .collect();
    for (name, body, lines) in [
        ("items", items, 7),
        ("shopping", shopping.to_string(), 8),
        ("log", log, 30),
        ("rows", rows, 20),
        ("stamps", stamps, 12),
    ] {
        let text = format!("清单\n\n{body}");
        let got = reflowed(&text, Reflow::Auto);
        let bodies: Vec<&str> = texts(&got)[1..].to_vec();
        assert_eq!(bodies.len(), lines, "{name}: {got:?}");
        assert!(bodies.iter().all(|t| !t.contains('\n')), "{name}");
    }
}

/// Issue 13 (newcomer): the first line of a log or a roster is one of its lines, not a title.
#[test]
fn first_line_of_a_log_or_roster_is_no_title() {
    let log = "2024-01-01 12:00:01 启动服务\n2024-01-01 12:00:02 加载配置\n2024-01-01 12:00:03 监听端口\n";
    let roster = "张三 技术部\n李四 市场部\n王五 财务部\n赵六 人事部\n";
    for text in [log, roster] {
        assert!(
            kinds(text).iter().all(|&k| k == BlockKind::Paragraph),
            "{text}"
        );
        assert!(toc(text).is_empty(), "{text}");
    }
    // A title stands apart: a blank line after it, or a line unlike it.
    assert_eq!(kinds(&format!("员工名单\n\n{roster}"))[0], BlockKind::Title);
    assert_eq!(kinds(&format!("员工名单\n{P}\n{P}\n"))[0], BlockKind::Title);
}

/// Issue 13 (newcomer): a numbered list (`1.`/`2.` with no blank line between) inside a
/// section does not make the headings around it a printed table of contents.
#[test]
fn a_numbered_list_does_not_hide_later_headings() {
    let text = "报告\n\n一、背景\n\n正文一段。\n\n（一）起因\n\n起因。\n\n（二）经过\n\n1. 第一步，我们做了调查。\n2. 第二步。\n\n二、结论\n\n正文二段。\n";
    let got: Vec<String> = toc(text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        got,
        ["报告", "一、背景", "（一）起因", "（二）经过", "二、结论"]
    );
    let d = doc(text);
    let items = (0..d.blocks.len())
        .filter(|&i| d.block_text(i).starts_with(['1', '2']))
        .all(|i| !matches!(d.blocks.kind(i), BlockKind::Heading { .. }));
    assert!(items);
}
