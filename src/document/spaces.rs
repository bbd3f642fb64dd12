//! Unicode spaces in plain text: which characters count as a space, how wide an indent is,
//! and labels with space runs folded.
//!
//! Exporters write no-break spaces (U+00A0) where HTML had `&nbsp;` (`第 1 章`, indents of
//! `   `), and Chinese text indents with U+3000. For headings, reflow, indentation and
//! search they are all spaces: the Unicode `White_Space` characters of general category Zs
//! (U+0020, U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000), plus tab and CR.
//! U+FEFF (a stray byte-order mark) is trimmed at a line start like a space.

/// A space for structure and search: a Zs character, tab or CR.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\r' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// `s` without leading spaces (and byte-order marks).
pub fn trim_start(s: &str) -> &str {
    s.trim_start_matches(|c| is_space(c) || c == '\u{feff}')
}

/// `s` without trailing spaces.
pub fn trim_end(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

/// `s` without spaces at either end.
pub fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// The width in cells of the leading spaces of `line`: U+3000 is 2 cells, a tab advances to
/// the next multiple of 8 (DECISIONS: tab stops every 8 cells), every other space 1 cell.
pub fn indent_cells(line: &str) -> usize {
    let mut cells = 0;
    for c in line.chars() {
        match c {
            '\t' => cells = (cells / 8 + 1) * 8,
            '\u{3000}' => cells += 2,
            '\u{feff}' | '\r' => {}
            c if is_space(c) => cells += 1,
            _ => break,
        }
    }
    cells
}

/// The column in cells where text starts after `prefix` (the start of its line up to the
/// text): spaces as [`indent_cells`] counts them, and any other character its display width
/// (a w3m note box's `意] ` before a note is 4 cells).
pub fn column_cells(prefix: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    let mut cells = 0;
    for c in prefix.chars() {
        match c {
            '\t' => cells = (cells / 8 + 1) * 8,
            '\u{3000}' => cells += 2,
            '\u{feff}' | '\r' => {}
            c if is_space(c) => cells += 1,
            c => cells += c.width().unwrap_or(0),
        }
    }
    cells
}

/// `s` as a one-line label: the ends trimmed, and every run of spaces (any [`is_space`]
/// character, and line breaks) made one ASCII space — except a lone ideographic space, the
/// deliberate gap of `第二章　雨夜`, which stays: `第\u{a0}1\u{a0}章` → `第 1 章`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run: Option<(char, usize)> = None;
    for c in s.chars() {
        if is_space(c) || c == '\n' {
            run = match run {
                Some((first, n)) => Some((first, n + 1)),
                None => Some((c, 1)),
            };
        } else {
            match run.take() {
                Some(_) if out.is_empty() => {}
                Some(('\u{3000}', 1)) => out.push('\u{3000}'),
                Some(_) => out.push(' '),
                None => {}
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_spaces() {
        for c in [
            ' ', '\t', '\u{a0}', '\u{2002}', '\u{2009}', '\u{202f}', '\u{3000}',
        ] {
            assert!(is_space(c), "{c:?}");
        }
        for c in ['a', '\u{200b}', '\u{feff}', '\n', '中'] {
            assert!(!is_space(c), "{c:?}");
        }
    }

    #[test]
    fn indents_in_cells() {
        assert_eq!(indent_cells("    x"), 4);
        assert_eq!(indent_cells("\u{a0}\u{a0}\u{a0} x"), 4);
        assert_eq!(indent_cells("\u{3000}\u{3000}x"), 4);
        assert_eq!(indent_cells("\tx"), 8);
        assert_eq!(indent_cells("  \tx"), 8);
        assert_eq!(indent_cells("x  "), 0);
    }

    #[test]
    fn folds_space_runs() {
        assert_eq!(
            fold("第\u{a0}1\u{a0}章\u{a0}GNU/Linux 教程"),
            "第 1 章 GNU/Linux 教程"
        );
        assert_eq!(fold("  a \u{3000}\u{a0} b  "), "a b");
        assert_eq!(fold("甲\n乙"), "甲 乙");
        assert_eq!(fold("第二章\u{3000}雨夜"), "第二章\u{3000}雨夜");
        assert_eq!(fold("第二章\u{3000}\u{3000}雨夜"), "第二章 雨夜");
    }

    #[test]
    fn trims() {
        assert_eq!(trim("\u{feff}\u{a0} 第一章\u{3000} "), "第一章");
    }
}
