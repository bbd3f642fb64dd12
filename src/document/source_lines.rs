//! The non-blank lines of a plain text, as the plain-text parser sees them, in about nine
//! bytes a line.
//!
//! A text of many short lines (tracker issue 17, item 3: `yes | head -c 50M`, 26 million
//! lines) must not cost an object per line while it is parsed. [`SourceLines`] keeps each
//! line's trimmed range in two offset columns and its "blank line before" flag in a byte; the
//! line's start and its indent are found again from the text when asked (they lie between the
//! previous line feed and the trimmed start: a few bytes).

use std::ops::Range;

use super::blocks::Offsets;
use super::spaces;

/// The non-blank lines of a text: for each, its text without surrounding spaces (any Unicode
/// space, [`spaces::is_space`], and a BOM at the start), where the line starts, its indent in
/// cells and whether a blank line (or the start of the text) comes before it.
pub(crate) struct SourceLines<'a> {
    text: &'a str,
    firsts: Offsets,
    lens: Offsets,
    blank_before: Vec<bool>,
}

impl<'a> SourceLines<'a> {
    /// Finds the non-blank lines of `text` (lines end at `\n`).
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let n = memchr::memchr_iter(b'\n', bytes).count() + 1;
        let mut out = SourceLines {
            text,
            firsts: Offsets::with_capacity(n),
            lens: Offsets::with_capacity(n),
            blank_before: Vec::with_capacity(n),
        };
        let mut start = 0;
        let mut blank_before = true;
        while start < bytes.len() {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
            let line = &text[start..end];
            let trimmed_start = spaces::trim_start(line);
            let first_byte = start + (line.len() - trimmed_start.len());
            let trimmed = spaces::trim_end(trimmed_start);
            if trimmed.is_empty() {
                blank_before = true;
            } else {
                out.firsts.push(first_byte);
                out.lens.push(trimmed.len());
                out.blank_before.push(blank_before);
                blank_before = false;
            }
            start = end + 1;
        }
        out.firsts.shrink_to_fit();
        out.lens.shrink_to_fit();
        out.blank_before.shrink_to_fit();
        out
    }

    pub fn len(&self) -> usize {
        self.blank_before.len()
    }

    /// Keeps the lines for which `keep(text, blank_before)` is true; it may set the line's
    /// "blank line before" flag.
    pub fn retain(&mut self, mut keep: impl FnMut(&'a str, &mut bool) -> bool) {
        let mut w = 0;
        for r in 0..self.len() {
            let bytes = self.bytes(r);
            let mut blank = self.blank_before[r];
            if keep(&self.text[bytes.clone()], &mut blank) {
                self.firsts.set(w, bytes.start);
                self.lens.set(w, bytes.len());
                self.blank_before[w] = blank;
                w += 1;
            }
        }
        self.firsts.truncate(w);
        self.lens.truncate(w);
        self.blank_before.truncate(w);
    }

    /// Line `i`'s text range without surrounding spaces.
    pub fn bytes(&self, i: usize) -> Range<usize> {
        let first = self.firsts.get(i);
        first..first + self.lens.get(i)
    }

    /// Line `i`'s text without surrounding spaces.
    pub fn str(&self, i: usize) -> &'a str {
        &self.text[self.bytes(i)]
    }

    /// Where line `i` starts in the text (its indentation included).
    pub fn start(&self, i: usize) -> usize {
        let first = self.firsts.get(i);
        memchr::memrchr(b'\n', &self.text.as_bytes()[..first]).map_or(0, |k| k + 1)
    }

    /// Line `i`'s indent in cells: the column its text starts at ([`spaces::column_cells`] of
    /// what comes before it on its line: its spaces, and for a line moved by [`Self::set_first`]
    /// the text skipped).
    pub fn indent(&self, i: usize) -> usize {
        spaces::column_cells(&self.text[self.start(i)..self.firsts.get(i)])
    }

    /// Makes line `i`'s text start at byte `first` of the text (inside the line, at a
    /// character boundary; its end stays): the text before it is left out of the line, as a
    /// w3m note box's icon is ([`super::notebox`]).
    pub fn set_first(&mut self, i: usize, first: usize) {
        let end = self.bytes(i).end;
        debug_assert!(first >= self.start(i) && first < end && self.text.is_char_boundary(first));
        self.firsts.set(i, first);
        self.lens.set(i, end - first);
    }

    /// The characters of line `i`'s indent (spaces of any kind and tabs, one each).
    pub fn indent_chars(&self, i: usize) -> usize {
        self.text[self.start(i)..self.bytes(i).start]
            .chars()
            .filter(|&c| c != '\u{feff}' && c != '\r')
            .count()
    }

    /// Whether a blank line (or the start of the text) comes before line `i`.
    pub fn blank_before(&self, i: usize) -> bool {
        self.blank_before[i]
    }

    /// Heap bytes held (capacity).
    #[cfg(test)]
    pub fn heap_bytes(&self) -> usize {
        self.firsts.heap_bytes() + self.lens.heap_bytes() + self.blank_before.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_ranges_starts_indents_and_blank_lines() {
        let text = "標題\n\n\u{3000}\u{3000}第一段。  \n\t代碼\n   \n  end";
        let l = SourceLines::new(text);
        assert_eq!(l.len(), 4);
        let got: Vec<(&str, usize, usize, bool)> = (0..l.len())
            .map(|i| (l.str(i), l.start(i), l.indent(i), l.blank_before(i)))
            .collect();
        let second = text.find('\u{3000}').unwrap();
        let third = text.find('\t').unwrap();
        let last = text.rfind("  end").unwrap();
        assert_eq!(
            got,
            [
                ("標題", 0, 0, true),
                ("第一段。", second, 4, true),
                ("代碼", third, 8, false),
                ("end", last, 2, true),
            ]
        );
    }

    /// Tracker issue 17, item 3: a line costs nine bytes while a text is parsed (it was a
    /// 40-byte struct, with more copies beside it).
    #[test]
    fn a_line_costs_nine_bytes() {
        let text = "y\n".repeat(100_000);
        let l = SourceLines::new(&text);
        assert_eq!(l.len(), 100_000);
        assert!(l.heap_bytes() <= 9 * 100_000, "{}", l.heap_bytes());
    }
}
