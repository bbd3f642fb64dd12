//! Display width in cells, per grapheme cluster. The one place widths are decided: layout and
//! drawing both call [`grapheme_width`], so what the wrapper measures is what the screen shows.
//!
//! # Policy (unicode-width pinned at `=0.2.2`)
//!
//! * ASCII printable characters are 1 cell; Han ideographs and full-width forms are 2 cells.
//! * A grapheme cluster (emoji ZWJ sequence, flag, base + combining marks, emoji + variation
//!   selector) is measured as a whole by `unicode-width`'s string width, the same rule ratatui's
//!   buffer uses: `👩‍💻` and `❤️` (with VS16) are 2 cells, `é` (e + U+0301) is 1.
//! * East Asian Width "Ambiguous" characters (“ ” ‘ ’ … — · °) are 1 cell under
//!   [`AmbiguousWidth::Narrow`] (the default) and 2 under [`AmbiguousWidth::Wide`]; accented Latin
//!   letters U+00C0–U+024F (pinyin tone marks such as `ā`) stay 1 cell even then, as terminals set
//!   to draw ambiguous characters wide still draw Latin letters narrow.
//! * Control characters (C0, DEL, C1) are 0 cells: the sanitizer removes them before layout, and
//!   nothing here may count a cell the terminal would not draw.
//!
//! ```
//! use yuedu::layout::{width::{grapheme_width, str_width}, AmbiguousWidth::{Narrow, Wide}};
//! use yuedu::units::Cells;
//! assert_eq!(grapheme_width("a", Narrow), Cells(1));
//! assert_eq!(grapheme_width("漢", Narrow), Cells(2));
//! assert_eq!(grapheme_width("，", Narrow), Cells(2));
//! assert_eq!(grapheme_width("“", Narrow), Cells(1));
//! assert_eq!(grapheme_width("“", Wide), Cells(2));
//! assert_eq!(grapheme_width("…", Wide), Cells(2));
//! assert_eq!(grapheme_width("ā", Wide), Cells(1));
//! assert_eq!(grapheme_width("👩\u{200d}💻", Narrow), Cells(2));
//! assert_eq!(grapheme_width("❤\u{fe0f}", Narrow), Cells(2));
//! assert_eq!(grapheme_width("e\u{301}", Narrow), Cells(1));
//! assert_eq!(grapheme_width("\u{1b}", Narrow), Cells(0));
//! assert_eq!(str_width("發(fā)展", Narrow), Cells(8));
//! ```

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::AmbiguousWidth;
use crate::units::Cells;

/// The display width in cells of one grapheme cluster `g` (see the module policy).
///
/// `g` should be one extended grapheme cluster (UAX #29); a longer string is measured as
/// `unicode-width` measures strings.
pub fn grapheme_width(g: &str, ambiguous: AmbiguousWidth) -> Cells {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return Cells::ZERO;
    };
    if chars.as_str().is_empty() {
        return Cells(usize::from(char_width(first, ambiguous)));
    }
    if first.is_control() {
        return Cells::ZERO;
    }
    let wide = ambiguous == AmbiguousWidth::Wide && !is_latin_extended(first);
    Cells(if wide { g.width_cjk() } else { g.width() })
}

/// The display width in cells of a string: the sum of its grapheme clusters' widths
/// ([`grapheme_width`]). ASCII and Han text take a per-char fast path.
pub fn str_width(s: &str, ambiguous: AmbiguousWidth) -> Cells {
    if s.chars().all(is_simple) {
        return Cells(
            s.chars()
                .map(|c| usize::from(char_width(c, ambiguous)))
                .sum(),
        );
    }
    s.graphemes(true)
        .map(|g| grapheme_width(g, ambiguous))
        .sum()
}

/// The width in cells of a lone char (a cluster of one char), by the module policy.
pub(crate) fn char_width(c: char, ambiguous: AmbiguousWidth) -> u8 {
    let u = u32::from(c);
    if (0x20..0x7f).contains(&u) {
        return 1;
    }
    if (0x4e00..=0x9fff).contains(&u) || (0x3400..=0x4dbf).contains(&u) {
        return 2;
    }
    if c.is_control() {
        return 0;
    }
    let w = match ambiguous {
        AmbiguousWidth::Wide if !is_latin_extended(c) => c.width_cjk(),
        _ => c.width(),
    };
    // unicode-width never reports more than 2 for a single char.
    w.map_or(0, |w| if w >= 2 { 2 } else { w as u8 })
}

/// East Asian Width F or W (two cells whatever the terminal does with Ambiguous characters),
/// or H (the halfwidth forms U+FF61–U+FFDC, U+FFE8–U+FFEE): the "wide" side of the CSS Text 3
/// §4.1.2 segment break rule, used by plain-text reflow and HTML whitespace alike. Not a cell
/// width: halfwidth forms are one cell.
pub fn is_wide(c: char) -> bool {
    c.width() == Some(2) || matches!(c, '\u{ff61}'..='\u{ffdc}' | '\u{ffe8}'..='\u{ffee}')
}

/// Accented Latin letters (U+00C0–U+024F, pinyin tone letters among them): narrow even when
/// ambiguous characters are drawn wide.
fn is_latin_extended(c: char) -> bool {
    ('\u{c0}'..='\u{24f}').contains(&c)
}

/// True when `c` is always a grapheme cluster boundary on both sides, provided its neighbours are
/// simple too (UAX #29: neither Extend, SpacingMark, ZWJ, Prepend, Regional Indicator, Hangul
/// jamo/syllable nor Control). Covers ASCII, Latin-1/Extended, general punctuation, CJK
/// punctuation, kana, Han and full-width forms: the fast path of segmentation.
pub(crate) fn is_simple(c: char) -> bool {
    matches!(u32::from(c),
        0x20..=0x7e
        | 0xa0..=0xac
        | 0xae..=0x2ff
        | 0x2010..=0x2027
        | 0x2030..=0x205e
        | 0x3000..=0x3029
        | 0x3030..=0x3098
        | 0x309b..=0x30ff
        | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff
        | 0xf900..=0xfaff
        | 0xff01..=0xff9d
        | 0xffe0..=0xffe6)
}

/// `unicode-width`'s string width (ambiguous narrow) of `text`, with a fast path for lines of
/// printable ASCII, CJK Unified Ideographs and full-width forms — most lines of a Chinese
/// text — that adds 1 or 2 per character without the table lookup (a whole-file parse
/// measures every line: `--toc` on 1 GB spent a quarter of its time in the lookup). Any
/// other character, where sequences can matter (emoji with VS16, combining marks), makes it
/// measure the line with `unicode-width` as before; the test checks both agree on every
/// character of the fast ranges.
pub fn text_width(text: &str) -> usize {
    let mut cells = 0;
    for c in text.chars() {
        cells += match c {
            ' '..='~' => 1,
            '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff60}' | '\u{3001}'..='\u{3003}' => 2,
            _ => return unicode_width::UnicodeWidthStr::width(text),
        };
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use AmbiguousWidth::{Narrow, Wide};

    #[test]
    fn simple_chars_agree_with_unicode_width() {
        for u in 0x20u32..0x10000 {
            let Some(c) = char::from_u32(u) else { continue };
            if !is_simple(c) {
                continue;
            }
            let s = c.to_string();
            assert_eq!(s.graphemes(true).count(), 1, "U+{u:04X}");
            let expect = c.width().unwrap_or(0);
            assert_eq!(usize::from(char_width(c, Narrow)), expect, "U+{u:04X}");
        }
    }

    #[test]
    fn ambiguous_wide() {
        for c in ['“', '”', '‘', '’', '…', '—', '·'] {
            assert_eq!(char_width(c, Narrow), 1, "{c}");
            assert_eq!(char_width(c, Wide), 2, "{c}");
        }
        assert_eq!(str_width("“好”", Wide), Cells(6));
        assert_eq!(str_width("", Wide), Cells(0));
    }

    #[test]
    fn wide_is_east_asian_width_f_w_or_h() {
        for c in ['漢', '，', '。', '\u{3000}', 'Ａ', 'ｶ', '￩', '가'] {
            assert!(is_wide(c), "{c}");
        }
        for c in ['a', ' ', '“', '…', '—', '·', 'ā', '\u{a0}'] {
            assert!(!is_wide(c), "{c}");
        }
    }

    #[test]
    fn text_width_is_unicode_widths_string_width() {
        use unicode_width::UnicodeWidthStr;
        // Every character of the fast ranges, alone and in a line, and lines that leave them.
        let fast = (' '..='~')
            .chain('\u{4e00}'..='\u{9fff}')
            .chain('\u{ff01}'..='\u{ff60}')
            .chain('\u{3001}'..='\u{3003}');
        let mut line = String::new();
        for c in fast {
            let s = c.to_string();
            assert_eq!(text_width(&s), s.width(), "{c:?}");
            line.push(c);
        }
        assert_eq!(text_width(&line), line.width());
        for s in [
            "第一章 開始",
            "“引號”……——破折號。",
            "❤\u{fe0f} 心",
            "e\u{301}漢字",
            "漢字\u{200d}",
            "한국어 text",
            "",
        ] {
            assert_eq!(text_width(s), s.width(), "{s:?}");
        }
    }
}
