//! The non-blank lines of a plain text, as the plain-text parser sees them, in a quarter of a
//! byte a line.
//!
//! A text of many short lines (tracker issue 17, item 3: `yes | head -c 1G`, 500 million
//! lines) must not cost anything per line while it is parsed. [`SourceLines`] keeps, for
//! every [`MARK_EVERY`]th non-blank line, where its line starts and whether a blank line comes
//! before it; the lines in between are found again from the text when asked, [`MARK_EVERY`]
//! at a time, into a small cache of two such runs (the parser walks the lines in order, both
//! ways, and looks one line ahead). A line's trimmed range is the line without surrounding
//! spaces; its start and its indent lie between the line feed before it and the trimmed
//! start (a few bytes). A text of up to [`COLUMNS_UP_TO`] lines, and one
//! [`SourceLines::retain`] has dropped lines from (fortune files drop their `%` lines), keeps
//! its lines in columns instead, nine bytes a line.

use std::cell::RefCell;
use std::ops::Range;

use super::blocks::Offsets;
use super::spaces;

/// Lines between two marks.
const MARK_EVERY: usize = 64;
/// Up to this many lines, they are kept in columns (nine bytes a line, at most 9 MiB): the
/// parser walks them many times, and finding them again costs time.
const COLUMNS_UP_TO: usize = 1 << 20;

/// The non-blank lines of a text: for each, its text without surrounding spaces (any Unicode
/// space, [`spaces::is_space`], and a BOM at the start), where the line starts, its indent in
/// cells and whether a blank line (or the start of the text) comes before it.
pub(crate) struct SourceLines<'a> {
    text: &'a str,
    n: usize,
    /// For lines 0, [`MARK_EVERY`], 2×[`MARK_EVERY`]…: where the line (with its indent)
    /// starts and whether a blank line comes before it.
    marks: Vec<(usize, bool)>,
    /// Runs of [`MARK_EVERY`] lines found again, the one used last first.
    cache: RefCell<[Run; 2]>,
    /// The lines as columns, once [`SourceLines::retain`] has dropped some.
    columns: Option<Columns>,
}

/// The lines of one mark's run: trimmed starts and lengths, blank line before.
#[derive(Default)]
struct Run {
    mark: Option<usize>,
    lines: Vec<(usize, usize, bool)>,
}

struct Columns {
    firsts: Offsets,
    lens: Offsets,
    blank_before: Vec<bool>,
}

/// Calls `f(first byte, trimmed length, blank before)` for each non-blank line of `text` from
/// byte `from` (a line start), `blank_before` being the state there, until `f` says stop.
fn scan(
    text: &str,
    from: usize,
    mut blank_before: bool,
    mut f: impl FnMut(usize, usize, bool) -> bool,
) {
    let bytes = text.as_bytes();
    let mut start = from;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &text[start..end];
        // Most lines start and end with no space: told by their first and last bytes (a
        // space is ASCII or starts with one of these bytes, and ends with one of those).
        let (first, last) = (line.as_bytes().first(), line.as_bytes().last());
        let plain_start =
            first.is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\r' | 0xC2 | 0xE1..=0xE3 | 0xEF));
        let plain_end = last
            .is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\r' | 0x80..=0x8A | 0x9F | 0xA0 | 0xAF));
        let trimmed_start = if plain_start {
            line
        } else {
            spaces::trim_start(line)
        };
        let first_byte = start + (line.len() - trimmed_start.len());
        let trimmed = if plain_end {
            trimmed_start
        } else {
            spaces::trim_end(trimmed_start)
        };
        if trimmed.is_empty() {
            blank_before = true;
        } else {
            if !f(first_byte, trimmed.len(), blank_before) {
                return;
            }
            blank_before = false;
        }
        start = end + 1;
    }
}

impl<'a> SourceLines<'a> {
    /// Finds the non-blank lines of `text` (lines end at `\n`).
    pub fn new(text: &'a str) -> Self {
        let mut marks = Vec::new();
        let mut n = 0;
        scan(text, 0, true, |first, _, blank| {
            if n % MARK_EVERY == 0 {
                let start = memchr::memrchr(b'\n', &text.as_bytes()[..first]).map_or(0, |k| k + 1);
                marks.push((start, blank));
            }
            n += 1;
            true
        });
        marks.shrink_to_fit();
        let mut lines = SourceLines {
            text,
            n,
            marks,
            cache: RefCell::default(),
            columns: None,
        };
        if n <= COLUMNS_UP_TO {
            // Few enough lines to keep them all (faster to walk many times).
            lines.retain(|_, _| true);
        }
        lines
    }

    /// [`SourceLines::new`] finding lines again from marks, however few (tests).
    #[cfg(test)]
    fn sparse(text: &'a str) -> Self {
        let mut l = Self::new(text);
        l.columns = None;
        l
    }

    /// The text the lines are of.
    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn len(&self) -> usize {
        self.columns
            .as_ref()
            .map_or(self.n, |c| c.blank_before.len())
    }

    /// Line `i`: first byte of its trimmed text, trimmed length, blank line before.
    #[inline]
    fn line(&self, i: usize) -> (usize, usize, bool) {
        if let Some(c) = &self.columns {
            return (c.firsts.get(i), c.lens.get(i), c.blank_before[i]);
        }
        if let Ok(cache) = self.cache.try_borrow() {
            if cache[0].mark == Some(i / MARK_EVERY) {
                if let Some(&line) = cache[0].lines.get(i % MARK_EVERY) {
                    return line;
                }
            }
        }
        self.line_from_marks(i)
    }

    /// [`SourceLines::line`] not in the run used last: from the other, or found again.
    #[cold]
    #[inline(never)]
    fn line_from_marks(&self, i: usize) -> (usize, usize, bool) {
        assert!(i < self.n, "line {i} of {}", self.n);
        let (mark, k) = (i / MARK_EVERY, i % MARK_EVERY);
        let mut cache = self.cache.borrow_mut();
        if cache[0].mark != Some(mark) {
            cache.swap(0, 1);
            if cache[0].mark != Some(mark) {
                let run = &mut cache[0];
                run.mark = Some(mark);
                run.lines.clear();
                let (from, blank) = self.marks[mark];
                scan(self.text, from, blank, |first, len, blank| {
                    run.lines.push((first, len, blank));
                    run.lines.len() < MARK_EVERY
                });
            }
        }
        cache[0].lines[k]
    }

    /// Keeps the lines for which `keep(text, blank_before)` is true; it may set the line's
    /// "blank line before" flag.
    pub fn retain(&mut self, mut keep: impl FnMut(&'a str, &mut bool) -> bool) {
        let mut c = Columns {
            firsts: Offsets::default(),
            lens: Offsets::default(),
            blank_before: Vec::new(),
        };
        for r in 0..self.len() {
            let (first, len, mut blank) = self.line(r);
            if keep(&self.text[first..first + len], &mut blank) {
                c.firsts.push(first);
                c.lens.push(len);
                c.blank_before.push(blank);
            }
        }
        c.firsts.shrink_to_fit();
        c.lens.shrink_to_fit();
        c.blank_before.shrink_to_fit();
        self.columns = Some(c);
    }

    /// Line `i`'s text range without surrounding spaces.
    pub fn bytes(&self, i: usize) -> Range<usize> {
        let (first, len, _) = self.line(i);
        first..first + len
    }

    /// Line `i`'s text without surrounding spaces.
    pub fn str(&self, i: usize) -> &'a str {
        &self.text[self.bytes(i)]
    }

    /// Where line `i` starts in the text (its indentation included).
    pub fn start(&self, i: usize) -> usize {
        let first = self.line(i).0;
        memchr::memrchr(b'\n', &self.text.as_bytes()[..first]).map_or(0, |k| k + 1)
    }

    /// Line `i`'s indent in cells: the column its text starts at ([`spaces::column_cells`] of
    /// what comes before it on its line: its spaces, and for a line moved by [`Self::set_first`]
    /// the text skipped).
    pub fn indent(&self, i: usize) -> usize {
        spaces::column_cells(&self.text[self.start(i)..self.line(i).0])
    }

    /// Makes line `i`'s text start at byte `first` of the text (inside the line, at a
    /// character boundary; its end stays): the text before it is left out of the line, as a
    /// w3m note box's icon is ([`super::notebox`]). The lines are kept in columns from then on.
    pub fn set_first(&mut self, i: usize, first: usize) {
        let end = self.bytes(i).end;
        debug_assert!(first >= self.start(i) && first < end && self.text.is_char_boundary(first));
        if self.columns.is_none() {
            self.retain(|_, _| true);
        }
        if let Some(c) = &mut self.columns {
            c.firsts.set(i, first);
            c.lens.set(i, end - first);
        }
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
        self.line(i).2
    }

    /// Heap bytes held (capacity).
    #[cfg(test)]
    pub fn heap_bytes(&self) -> usize {
        let cache: usize = self
            .cache
            .borrow()
            .iter()
            .map(|r| r.lines.capacity() * std::mem::size_of::<(usize, usize, bool)>())
            .sum();
        let columns = self.columns.as_ref().map_or(0, |c| {
            c.firsts.heap_bytes() + c.lens.heap_bytes() + c.blank_before.capacity()
        });
        self.marks.capacity() * std::mem::size_of::<(usize, bool)>() + cache + columns
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

    /// Tracker issue 17, item 3: the lines of a text cost a fraction of a byte each while it
    /// is parsed (nine bytes before; a 40-byte struct, with more copies beside it, before
    /// that).
    #[test]
    fn a_line_costs_a_fraction_of_a_byte() {
        let n = 2 * COLUMNS_UP_TO;
        let text = "y\n".repeat(n);
        let l = SourceLines::new(&text);
        assert_eq!(l.len(), n);
        assert_eq!(l.str(n - 1), "y");
        assert!(l.heap_bytes() <= n / 2, "{}", l.heap_bytes());
    }

    /// Lines asked for in any order, across marks, with blank lines and indents between them,
    /// are the lines a plain scan finds; so are they after `retain`.
    #[test]
    fn lines_found_again_are_the_lines_of_the_text() {
        let mut text = String::new();
        for i in 0..1000 {
            match i % 7 {
                0 => text.push_str("\n\n"),
                1 => text.push_str("  \u{3000}縮進\n"),
                2 => text.push_str("\t\n"),
                _ => text.push_str(&format!("第{i}行 \n")),
            }
        }
        let mut want = Vec::new();
        scan(&text, 0, true, |first, len, blank| {
            want.push((first, len, blank));
            true
        });
        let l = SourceLines::sparse(&text);
        assert_eq!(l.len(), want.len());
        let order: Vec<usize> = (0..want.len())
            .rev()
            .chain((0..want.len()).step_by(61))
            .chain((0..want.len()).map(|i| (i * 37) % want.len()))
            .collect();
        for i in order {
            let (first, len, blank) = want[i];
            assert_eq!(
                (l.bytes(i), l.blank_before(i)),
                (first..first + len, blank),
                "{i}"
            );
        }
        let mut l = l;
        let mut k = 0;
        l.retain(|_, _| {
            k += 1;
            k % 3 != 0
        });
        let kept: Vec<_> = want
            .iter()
            .enumerate()
            .filter(|(i, _)| (i + 1) % 3 != 0)
            .map(|(_, w)| *w)
            .collect();
        assert_eq!(l.len(), kept.len());
        for (i, (first, len, blank)) in kept.into_iter().enumerate() {
            assert_eq!((l.bytes(i), l.blank_before(i)), (first..first + len, blank));
        }
    }
}
