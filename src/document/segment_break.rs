//! The segment break rule: whether a line break inside a paragraph, with the spaces around
//! it, is removed or becomes one space when the lines are joined. One rule for plain-text
//! reflow ([`super::reflow::join_segment_breaks`]) and HTML/EPUB whitespace
//! ([`super::html_render`]), DECISIONS "Text rules", "Joining lines".
//!
//! CSS Text Module Level 3, §4.1.2 "Segment Break Transformation Rules": a segment break is
//! removed when the East Asian Width of the characters on both sides is F, W or H (not A),
//! and otherwise becomes a space; the section leaves the handling of Chinese and Japanese
//! punctuation to the user agent. Ours, in order:
//! 1. both sides wide (F/W/H) → removed (`文⏎字` → `文字`);
//! 2. wide punctuation on either side (the "space-discarding" punctuation of CSS Text 4,
//!    U+3000–U+303F, the fullwidth forms' punctuation) → removed, whatever the other side is
//!    (`mount(8)⏎。` → `mount(8)。`);
//! 3. one side wide and the other East Asian punctuation, the Ambiguous `“ ” ‘ ’ … — ·`
//!    included → removed (`说⏎“好”` → `说“好”`);
//! 4. looking through punctuation: in Chinese text that writes ASCII against Han without
//!    spaces (*tight*), narrow punctuation at the break (ASCII, or the narrow-drawn `“ ” …`)
//!    is skipped on both sides, and when the nearest other characters are both wide the
//!    break is removed (`宜乎？"⏎故曰` → `宜乎？"故曰`): rule 1 that an ASCII quote would
//!    otherwise hide. A Latin letter, a digit or a space on the way keeps the space
//!    (`GNOME 或者⏎KDE`, `bash(1)⏎中的`);
//! 5. otherwise one space (`free⏎software` → `free software`).

use crate::layout::width::is_wide;

/// East Asian punctuation for the segment break rule: CJK Symbols and Punctuation, the
/// fullwidth forms' punctuation, and the ambiguous-width `“ ” ‘ ’ … — ·` (and `―`, `‥`).
pub fn is_east_asian_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{3000}'..='\u{303f}'
            | '\u{ff01}'..='\u{ff0f}'
            | '\u{ff1a}'..='\u{ff20}'
            | '\u{ff3b}'..='\u{ff40}'
            | '\u{ff5b}'..='\u{ff65}'
            | '\u{fe10}'..='\u{fe1f}'
            | '\u{fe30}'..='\u{fe4f}'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '…'
            | '‥'
            | '—'
            | '―'
            | '·'
    )
}

/// Whether a segment break between `before` and `after` is removed (CSS Text 3 §4.1.2 with
/// its Chinese/Japanese punctuation case); otherwise it becomes one space.
pub fn joins_without_space(before: char, after: char) -> bool {
    let (wb, wa) = (is_wide(before), is_wide(after));
    // Wide punctuation (space-discarding, P* or U+3000) on either side removes the break
    // whatever the other side is (`mount(8)⏎。` → `mount(8)。`).
    let wide_punct = |c: char| is_wide(c) && is_east_asian_punctuation(c);
    (wb && wa)
        || wide_punct(before)
        || wide_punct(after)
        || (wb && is_east_asian_punctuation(after))
        || (wa && is_east_asian_punctuation(before))
}

/// Whether a segment break between the texts `before` and `after` (spaces trimmed) is removed:
/// [`joins_without_space`] on the characters next to it, or, in Chinese text, looking through
/// narrow punctuation (ASCII, and the ambiguous `“ ” ‘ ’ … — ·`) on both sides to the nearest
/// other character: when both are wide, only punctuation stands between Han on the two sides
/// (`宜乎？"⏎故曰` → `宜乎？"故曰`), the case of CSS Text 3 §4.1.2 "both sides wide" that
/// an ASCII quote of a Chinese text would otherwise hide. A Latin letter, a digit or a space
/// on the way keeps the space (`GNOME 或者⏎KDE`, `bash(1)⏎中的`). An empty side keeps no space.
/// `tight` says whether the text writes ASCII against Han without spaces (else an exporter
/// that wrapped at a space ate it, `GNU 版⏎"瑞士军刀" 。`, and only the first test applies).
pub fn breaks_without_space(before: &str, after: &str, tight: bool) -> bool {
    let (Some(b), Some(a)) = (before.chars().next_back(), after.chars().next()) else {
        return true;
    };
    if joins_without_space(b, a) {
        return true;
    }
    if !tight {
        return false;
    }
    fn narrow_punct(c: &char) -> bool {
        c.is_ascii_punctuation() || (!is_wide(*c) && is_east_asian_punctuation(*c))
    }
    fn wide_beyond(mut chars: impl Iterator<Item = char>) -> bool {
        chars.find(|c| !narrow_punct(c)).is_some_and(is_wide)
    }
    (narrow_punct(&b) || narrow_punct(&a))
        && wide_beyond(before.chars().rev())
        && wide_beyond(after.chars())
}

/// Whether `text` has a space between a wide character and an ASCII letter, digit or mark on
/// one line (`使用 Emacs`, `版 "瑞士军刀"`): it sets ASCII apart from Han with spaces.
pub fn spaced_ascii(text: &str) -> bool {
    let mut prev = ['\n'; 2];
    for c in text.chars() {
        let [a, b] = prev;
        if b == ' '
            && ((is_wide(a) && c.is_ascii_graphic()) || (a.is_ascii_graphic() && is_wide(c)))
        {
            return true;
        }
        prev = [b, c];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_rules() {
        let b = |x: &str, y: &str| breaks_without_space(x, y, true);
        assert!(b("文", "字"));
        assert!(b("mount(8)", "。"));
        assert!(b("说", "“好”"));
        assert!(b("宜乎？\"", "故曰"));
        assert!(b("宜乎？", "\"故曰"));
        assert!(!b("GNOME 或者", "KDE"));
        assert!(!b("bash(1)", "中的"));
        assert!(!b("free", "software"));
        // Not tight (the text sets ASCII apart with spaces): rule 4 does not apply.
        assert!(!breaks_without_space("GNU 版", "\"瑞士军刀\"", false));
    }
}
