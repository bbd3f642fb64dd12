//! Every row of ../shared/cases/linebreak.md, as text pictures: each visual line is drawn
//! between `|` bars padded to the column width with `.`, so an empty cell shows.

use yuedu::layout::{width::str_width, wrap, AmbiguousWidth, VisualLine, WrapOptions};
use yuedu::units::Cells;

/// Lays `text` out at `w` cells and draws it: one `|line....|` per visual line.
fn picture(text: &str, w: usize) -> String {
    let lines = wrap(text, &WrapOptions::new(Cells(w)));
    draw(text, &lines, w)
}

fn draw(text: &str, lines: &[VisualLine], w: usize) -> String {
    let mut out = String::new();
    for l in lines {
        let s = &text[l.bytes.clone()];
        assert_eq!(
            l.width,
            str_width(s, AmbiguousWidth::Narrow),
            "width of {s:?}"
        );
        assert!(l.width.0 <= w, "too wide: {s:?}");
        out.push('|');
        out.push_str(s);
        out.push_str(&".".repeat(w - l.width.0));
        out.push_str("|\n");
    }
    out
}

/// The expected picture from the table's `a/b/c` notation (`¦` separates instead when a line
/// holds a `/` itself, as a URL does).
fn expected(lines: &str, w: usize) -> String {
    let sep = if lines.contains('¦') { '¦' } else { '/' };
    let mut out = String::new();
    for s in lines.split(sep) {
        let pad = w - str_width(s, AmbiguousWidth::Narrow).0;
        out.push_str(&format!("|{s}{}|\n", ".".repeat(pad)));
    }
    out
}

macro_rules! case {
    ($name:ident, $w:expr, $input:expr, $expect:expr) => {
        #[test]
        fn $name() {
            assert_eq!(
                picture($input, $w),
                expected($expect, $w),
                "input {:?}",
                $input
            );
        }
    };
}

case!(
    c01_han_break_anywhere,
    10,
    "一二三四五六七八九十",
    "一二三四五/六七八九十"
);
case!(
    c02_odd_width_last_cell_empty,
    9,
    "一二三四五六",
    "一二三四/五六"
);
case!(
    c03_half_width_comma_fills_odd_cell,
    10,
    "一二三四,五六",
    "一二三四,/五六"
);
case!(
    c04_ascii_comma_never_starts,
    10,
    "一二三四五,六",
    "一二三四/五,六"
);
case!(
    c05_full_stop_never_starts,
    10,
    "一二三四五。六七",
    "一二三四/五。六七"
);
case!(
    c06_comma_never_starts,
    10,
    "我们今天去，明天回",
    "我们今天/去，明天回"
);
case!(
    c07_closing_run_moves_together,
    10,
    "一二三四好。”」",
    "一二三四/好。”」"
);
case!(
    c08_open_quote_never_ends,
    10,
    "一二三四“五六”七",
    "一二三四/“五六”七"
);
case!(
    c09_break_before_open_quote,
    10,
    "他说：“好。”然后走",
    "他说：/“好。”然后/走"
);
case!(
    c10_curly_quotes_are_brackets,
    10,
    "这是“quoted”词语的例子",
    "这是/“quoted”词/语的例子"
);
case!(
    c11_book_title_open_never_ends,
    10,
    "一二三四《五六》",
    "一二三四/《五六》"
);
case!(
    c12_paren_open_never_ends,
    10,
    "一二三四（五）六",
    "一二三四/（五）六"
);
case!(
    c13_dash_pair_unbreakable,
    10,
    "一二三四五——六",
    "一二三四/五——六"
);
case!(c14_digit_run_whole, 10, "一二三2017年", "一二三2017/年");
case!(
    c15_number_percent,
    10,
    "增长了约90%以上",
    "增长了约/90%以上"
);
case!(c16_latin_word_whole, 9, "一二三四AI好", "一二三四/AI好");
case!(
    c17_hyphenated_word_whole,
    10,
    "基于OpenVid-1M训练",
    "基于/OpenVid-1M/训练"
);
case!(
    c18_url_whole,
    14,
    "详见https://a.cn/x页面",
    "详见¦https://a.cn/x¦页面"
);
case!(c19_pinyin_stays, 10, "一二三發(fā)展", "一二三/發(fā)展");
case!(
    c20_spaces_dropped,
    10,
    "我在用 ratatui 写程序",
    "我在用/ratatui 写/程序"
);
case!(
    c21_ideographic_indent_kept,
    10,
    "\u{3000}\u{3000}第一段文字在此",
    "\u{3000}\u{3000}第一段/文字在此"
);

#[test]
fn emergency_long_word_is_cut_not_lost() {
    let text = "一Supercalifragilistic二";
    assert_eq!(picture(text, 8), expected("一Superc/alifragi/listic二", 8));
}

#[test]
fn empty_text_is_one_empty_line() {
    let lines = wrap("", &WrapOptions::new(Cells(10)));
    assert_eq!(
        lines,
        vec![VisualLine {
            bytes: 0..0,
            width: Cells(0)
        }]
    );
}

#[test]
fn hard_breaks_and_code() {
    let text = "let x = 1;\nfn main() {}";
    let opts = WrapOptions {
        cjk_rules: false,
        ..WrapOptions::new(Cells(6))
    };
    let lines = wrap(text, &opts);
    assert_eq!(
        draw(text, &lines, 6),
        "|let x |\n|= 1;..|\n|fn mai|\n|n() {}|\n"
    );
    let unwrapped = wrap(text, &WrapOptions::new(Cells(0)));
    assert_eq!(unwrapped.len(), 2);
    assert_eq!(&text[unwrapped[1].bytes.clone()], "fn main() {}");
}

#[test]
fn ambiguous_wide_counts_quotes_as_two() {
    let opts = WrapOptions {
        ambiguous: AmbiguousWidth::Wide,
        ..WrapOptions::new(Cells(10))
    };
    let text = "一二三“四”五";
    let lines = wrap(text, &opts);
    let got: Vec<&str> = lines.iter().map(|l| &text[l.bytes.clone()]).collect();
    assert_eq!(got, ["一二三", "“四”五"]);
    assert_eq!(lines[1].width, Cells(8));
}

#[test]
fn hanging_punctuation_uses_the_gutter() {
    let opts = WrapOptions {
        hanging_punctuation: true,
        ..WrapOptions::new(Cells(10))
    };
    let text = "一二三四五。六七";
    let lines = wrap(text, &opts);
    let got: Vec<&str> = lines.iter().map(|l| &text[l.bytes.clone()]).collect();
    assert_eq!(got, ["一二三四五。", "六七"]);
    assert_eq!(lines[0].width, Cells(12));
    // Off by default: push-out.
    assert_eq!(picture(text, 10), expected("一二三四/五。六七", 10));
}

// Emergency breaks after an unbreakable Latin group (tester report): the group without its
// trailing closing run moves to a line of its own, and the cut that fills the line the most
// among the weakest (no-start) glue wins; `——`/`……` are never split.
case!(
    e01_mark_after_url_stays_when_it_fits,
    28,
    "详细说明参见https://example.com/docs/a、……以及其他文档。",
    "详细说明参见¦https://example.com/docs/a、¦……以及其他文档。"
);
case!(
    e02_closing_run_follows_url_when_it_fits,
    30,
    "详细说明参见https://example.com/docs/a、……以及其他文档。",
    "详细说明参见¦https://example.com/docs/a、……¦以及其他文档。"
);
// No room for `、` after the URL: the URL is cut at its last clean point rather than start a
// line with `、` (GB/T 15834-2011 §5.1.2; newcomer report: `），` at a line start after a path).
case!(
    e03_no_room_for_the_mark_cuts_the_url_instead,
    26,
    "详细说明参见https://example.com/docs/a、……以及其他文档。",
    "详细说明参见¦https://example.com/docs/¦a、……以及其他文档。"
);
case!(
    e04_bracket_closed_before_forced_dash,
    24,
    "她收到了（ConfigurationManager）——一个奇怪的名字。",
    "她收到了/（ConfigurationManager）/——一个奇怪的名字。"
);
case!(
    e05_dash_follows_closed_group_when_it_fits,
    26,
    "她收到了（ConfigurationManager）——一个奇怪的名字。",
    "她收到了/（ConfigurationManager）——/一个奇怪的名字。"
);
case!(
    e06_group_wider_than_column_never_ends_on_open_bracket,
    10,
    "她收到了（ConfigurationManager）——一个奇怪的名字。",
    "她收到了/（Configur/ationManag/er）——一个/奇怪的名/字。"
);
// A word exactly as wide as the column with `，` after it: cut after its inner hyphen (the
// clean point UAX #14 LB21 gives) rather than start a line with `，`.
case!(
    e07_word_exactly_full_cuts_at_its_hyphen,
    10,
    "基于OpenVid-1M，面向學術",
    "基于/OpenVid-/1M，面向學/術"
);
// The newcomer's Debian Reference sentence: a path in brackets and quotes, `），` after it.
case!(
    e10_path_in_brackets_keeps_its_closing_bracket,
    61,
    "详细内容参见内核文档（\"/usr/share/doc/linux-doc-*/Documentation/filesystems/*\"），这些文件由软件包提供。",
    "详细内容参见内核文档¦（\"/usr/share/doc/linux-doc-*/Documentation/filesystems/¦*\"），这些文件由软件包提供。"
);
case!(
    e11_path_in_brackets_narrow,
    40,
    "详细内容参见内核文档（\"/usr/share/doc/linux-doc-*/Documentation/filesystems/*\"），这些文件由软件包提供。",
    "详细内容参见内核文档（\"/usr/share/doc/¦linux-doc-*/Documentation/filesystems/¦*\"），这些文件由软件包提供。"
);
// Fullwidth digits are one number like ASCII digits (clreq; UAX #14 gives them ID): the dates
// of fortunes-zh's song100 authors.
case!(
    e12_fullwidth_digits_stay_whole,
    14,
    "作者：王安石（１０２１－１０８６）",
    "作者：王安石/（１０２１－/１０８６）"
);
case!(
    e08_han_before_mark_is_pushed_down,
    10,
    "一二三四五，六七",
    "一二三四/五，六七"
);
case!(
    e09_closing_run_without_dash_moves_whole,
    24,
    "她说（ConfigurationManager）。好",
    "她说/（ConfigurationManager/）。好"
);

/// ../shared/cases/real-text.md "Rules": `这是一行：` then a long dash run — the run breaks
/// inside (it is a drawn line, not a word) and `：` never starts a line; nothing is lost.
#[test]
fn dash_run_after_text_breaks_inside() {
    let dashes = "-".repeat(69);
    let text = format!("这是一行：{dashes}");
    let got = picture(&text, 30);
    assert_eq!(
        got,
        format!(
            "|这是一行：{}|\n|{}|\n|{}{}|\n",
            "-".repeat(20),
            "-".repeat(30),
            "-".repeat(19),
            ".".repeat(11)
        )
    );
    for w in [10, 20, 40, 41] {
        for l in wrap(&text, &WrapOptions::new(Cells(w))) {
            assert!(!text[l.bytes.clone()].starts_with('：'), "width {w}");
        }
    }
}
