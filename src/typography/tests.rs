//! Unit tests for the typography transforms (the whole-article checks are in tests/).

use super::*;
use crate::units::{PresentedByte, SourceByte};

fn shown(f: fn(&str) -> (String, OffsetMap), s: &str) -> String {
    f(s).0
}

#[test]
fn pinyin_annotations_are_hidden() {
    assert_eq!(shown(hide_pinyin, "南京發(fā)布"), "南京發布");
    assert_eq!(shown(hide_pinyin, "互聯(lián)網(wǎng)"), "互聯網");
    assert_eq!(shown(hide_pinyin, "開創(chuàng)性"), "開創性");
    assert_eq!(shown(hide_pinyin, "學(xué)(xí)"), "學(xí)");
}

#[test]
fn ordinary_parentheses_stay() {
    for s in [
        "以上內容（如有圖片或視頻亦包括在內）為",
        "以上內容(如有圖片或視頻亦包括在內)為",
        "Notice: The content above (including the pictures and videos if any) is",
        "人工智能(AI)研究",
        "選項(a)和(b)",
        "中文(de)助詞",
        "f(fā)",
        "發(fāfā)",
        "發(Fā)",
        "發(fā",
        "發(xyź)",
        "發(",
    ] {
        assert_eq!(shown(hide_pinyin, s), s, "{s}");
    }
}

#[test]
fn syllables() {
    for s in [
        "fā", "yè", "chuàng", "xiàn", "lǘ", "nüè", "ér", "ài", "yuè", "zhuāng",
    ] {
        assert!(pinyin::is_toned_syllable(s), "{s}");
    }
    for s in ["fa", "a", "AI", "fāā", "zhā2", "bǐng2", "xyà", ""] {
        assert!(!pinyin::is_toned_syllable(s), "{s}");
    }
}

#[test]
fn pinyin_map_points_past_the_annotation() {
    let src = "發(fā)展";
    let (text, map) = hide_pinyin(src);
    assert_eq!(text, "發展");
    let zhan_src = src.find('展').unwrap();
    assert_eq!(map.to_display(SourceByte(zhan_src)).0, 3);
    assert_eq!(map.to_source(PresentedByte(3)).0, zhan_src);
    // Inside the annotation: the end of 發.
    assert_eq!(map.to_display(SourceByte(4)).0, 3);
    assert_eq!(map.to_display(SourceByte(0)).0, 0);
    assert_eq!(map.to_source(PresentedByte(text.len())).0, src.len());
}

#[test]
fn halfwidth_marks_between_han_become_fullwidth() {
    let cases = [
        ("今年2月,華為", "今年2月，華為"),
        ("來源:南京發布", "來源：南京發布"),
        ("編輯整理 :雙一流高教", "編輯整理：雙一流高教"),
        ("編輯整理 : 雙一流高教", "編輯整理：雙一流高教"),
        ("感,“當時在阿里", "感，“當時在阿里"),
        ("怎么辦?”", "怎么辦？”"),
        ("OpenVid-1M,面向學術界", "OpenVid-1M，面向學術界"),
        ("好!", "好！"),
    ];
    for (s, want) in cases {
        assert_eq!(shown(tidy_punctuation, s), want, "{s}");
    }
}

#[test]
fn other_punctuation_stays() {
    for s in [
        "Notice: The content above, is uploaded.",
        "ICLR 2025",
        "國際頂級會議ICLR 2025。",
        "90%的時間",
        "https://a.cn/x,y",
        "見 https://a.cn/x,y 中文",
        "共3.5億元",
        "v1.2版本",
        "時間 10:30 開始",
        "中文;中文",
        "（如有圖片）",
    ] {
        assert_eq!(shown(tidy_punctuation, s), s, "{s}");
    }
}

#[test]
fn punctuation_map_is_exact_around_marks() {
    let src = "編輯整理 :雙一流,高教";
    let (text, map) = tidy_punctuation(src);
    assert_eq!(text, "編輯整理：雙一流，高教");
    let shuang_src = src.find('雙').unwrap();
    let shuang = text.find('雙').unwrap();
    assert_eq!(map.to_display(SourceByte(shuang_src)).0, shuang);
    assert_eq!(map.to_source(PresentedByte(shuang)).0, shuang_src);
    let gao_src = src.find('高').unwrap();
    let gao = text.find('高').unwrap();
    assert_eq!(map.to_display(SourceByte(gao_src)).0, gao);
    assert_eq!(map.to_source(PresentedByte(gao)).0, gao_src);
}

#[test]
fn cjk_latin_spacing() {
    let (text, map) = cjk_latin_space("AI實戰2025年");
    assert_eq!(text, "AI 實戰 2025 年");
    assert_eq!(map.to_display(SourceByte(2)).0, 3); // 實
    assert_eq!(map.to_source(PresentedByte(3)).0, 2);
    assert_eq!(map.to_source(PresentedByte(2)).0, 2); // the inserted space → before 實
    assert_eq!(shown(cjk_latin_space, "AI 實戰"), "AI 實戰");
}

#[test]
fn mark_after_a_closing_quote_before_han_is_full_width() {
    let (t, map) = tidy_punctuation("都是“90後”,平均");
    assert_eq!(t, "都是“90後”，平均");
    // `平` is at source byte 18 ("都是“90後”," = 6+3+2+3+3+1), display byte 20.
    assert_eq!(map.to_source(PresentedByte(20)).0, 18);
    // An English sentence after a quote keeps its comma.
    assert_eq!(tidy_punctuation("“OK”, he said").0, "“OK”, he said");
}

#[test]
fn marks_next_to_chinese_quotes_are_full_width() {
    assert_eq!(tidy_punctuation("劉佳恒說:“在阿里").0, "劉佳恒說：“在阿里");
    assert_eq!(
        tidy_punctuation("格外“奢侈”,“當企業").0,
        "格外“奢侈”，“當企業"
    );
    // Latin on one side keeps the half-width mark.
    assert_eq!(tidy_punctuation("He said:“ok”").0, "He said:“ok”");
}
