//! The block index: every block of a document in about ten bytes, whatever its text.
//!
//! A text of many short lines (`yes | head -c 50M`: 26 million two-byte lines) makes one block
//! per line, so what a block costs is what the document costs. [`Blocks`] keeps its blocks as
//! columns — the kind packed in two bytes ([`pack_kind`]), the start and the length of the text
//! range in four bytes each (eight when a text passes 4 GiB; the column widens once, then) — and
//! keeps inline styles and annotations in side tables keyed by block, holding entries only
//! for the blocks that have them. Reading a block gives a [`BlockRef`], a view with the same
//! fields as the owned [`Block`] the parsers build.
//!
//! A run of one-line paragraphs (`yes | head -c 1G`: 500 million lines) is kept as one
//! *group* ([`Blocks::group_line_paragraphs`]): a `Paragraph` entry over up to
//! [`GROUP_MAX_LINES`] lines or [`GROUP_MAX_BYTES`] bytes, flagged in its packed kind. Each
//! non-blank line of a group's text ([`group_lines`]) is presented and laid out as the
//! paragraph it was, with the same spacing between them, so what is shown, `--dump` and every
//! byte offset are the same; only the index is smaller (tracker issue 17, item 3).

use std::ops::Range;

use super::spaces;
use super::{Annotation, Block, BlockKind, StyleSpan};

/// Lines a group of one-line paragraphs holds at most…
pub const GROUP_MAX_LINES: usize = 128;
/// …and bytes of text, from its first line's start to its last line's end.
pub const GROUP_MAX_BYTES: usize = 4096;
/// The bit of a packed kind that marks a group of one-line paragraphs.
const GROUP_FLAG: u16 = 0x8000;
/// Blocks between two marks of [`Blocks::ungrouped_index`]'s running line count.
const LINE_MARK_EVERY: usize = 1024;

/// The lines of a group's text, as ranges of it: split at `\n`, each without the spaces
/// around it ([`spaces::trim`], as the plain-text parser trims a line), blank ones skipped.
pub fn group_lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    text.split('\n').filter_map(move |line| {
        let start = at;
        at += line.len() + 1;
        let lead = line.len() - spaces::trim_start(line).len();
        let t = spaces::trim(line);
        (!t.is_empty()).then(|| start + lead..start + lead + t.len())
    })
}

/// A block as read from [`Blocks`]: its kind, text range and the styles and annotations of
/// its side tables (empty slices when it has none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockRef<'a> {
    pub kind: BlockKind,
    /// Byte range into the document's text.
    pub bytes: Range<usize>,
    /// Inline styles; ranges relative to the block's start.
    pub spans: &'a [StyleSpan],
    /// Inline annotations, sorted by start; ranges relative to the block's start.
    pub annotations: &'a [Annotation],
}

impl BlockRef<'_> {
    /// An owned copy.
    pub fn to_block(&self) -> Block {
        Block {
            kind: self.kind,
            bytes: self.bytes.clone(),
            spans: self.spans.to_vec(),
            annotations: self.annotations.to_vec(),
        }
    }
}

impl PartialEq<Block> for BlockRef<'_> {
    fn eq(&self, b: &Block) -> bool {
        self.kind == b.kind
            && self.bytes == b.bytes
            && self.spans == b.spans.as_slice()
            && self.annotations == b.annotations.as_slice()
    }
}

/// A column of offsets: four bytes each until one does not fit, then eight.
#[derive(Clone, Debug)]
pub(crate) enum Offsets {
    Narrow(Vec<u32>),
    Wide(Vec<u64>),
}

impl Default for Offsets {
    fn default() -> Self {
        Offsets::Narrow(Vec::new())
    }
}

impl Offsets {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Offsets::Narrow(Vec::with_capacity(n))
    }

    pub(crate) fn get(&self, i: usize) -> usize {
        match self {
            Offsets::Narrow(v) => v[i] as usize,
            Offsets::Wide(v) => v[i] as usize,
        }
    }

    fn widen(&mut self) -> &mut Vec<u64> {
        if let Offsets::Narrow(v) = self {
            *self = Offsets::Wide(v.iter().map(|&x| u64::from(x)).collect());
        }
        match self {
            Offsets::Wide(v) => v,
            Offsets::Narrow(_) => unreachable!("widened above"),
        }
    }

    pub(crate) fn push(&mut self, x: usize) {
        match (&mut *self, u32::try_from(x)) {
            (Offsets::Narrow(v), Ok(x)) => v.push(x),
            _ => self.widen().push(x as u64),
        }
    }

    pub(crate) fn set(&mut self, i: usize, x: usize) {
        match (&mut *self, u32::try_from(x)) {
            (Offsets::Narrow(v), Ok(x)) => v[i] = x,
            _ => self.widen()[i] = x as u64,
        }
    }

    pub(crate) fn truncate(&mut self, n: usize) {
        match self {
            Offsets::Narrow(v) => v.truncate(n),
            Offsets::Wide(v) => v.truncate(n),
        }
    }

    fn swap(&mut self, a: usize, b: usize) {
        match self {
            Offsets::Narrow(v) => v.swap(a, b),
            Offsets::Wide(v) => v.swap(a, b),
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        match self {
            Offsets::Narrow(v) => v.shrink_to_fit(),
            Offsets::Wide(v) => v.shrink_to_fit(),
        }
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        match self {
            Offsets::Narrow(v) => v.capacity() * 4,
            Offsets::Wide(v) => v.capacity() * 8,
        }
    }
}

/// Entries of type `T` for some blocks, sorted by block.
#[derive(Clone, Debug)]
struct SideTable<T> {
    rows: Vec<(usize, Vec<T>)>,
}

impl<T> Default for SideTable<T> {
    fn default() -> Self {
        SideTable { rows: Vec::new() }
    }
}

impl<T> SideTable<T> {
    fn get(&self, block: usize) -> &[T] {
        match self.rows.binary_search_by_key(&block, |r| r.0) {
            Ok(k) => &self.rows[k].1,
            Err(_) => &[],
        }
    }

    /// The entries of `block`, made when missing (appending is the common case).
    fn entry(&mut self, block: usize) -> &mut Vec<T> {
        let k = match self.rows.last() {
            Some(&(b, _)) if b == block => self.rows.len() - 1,
            Some(&(b, _)) if b < block => {
                self.rows.push((block, Vec::new()));
                self.rows.len() - 1
            }
            None => {
                self.rows.push((block, Vec::new()));
                0
            }
            Some(_) => match self.rows.binary_search_by_key(&block, |r| r.0) {
                Ok(k) => k,
                Err(k) => {
                    self.rows.insert(k, (block, Vec::new()));
                    k
                }
            },
        };
        &mut self.rows[k].1
    }

    fn set(&mut self, block: usize, items: Vec<T>) {
        if items.is_empty() {
            if let Ok(k) = self.rows.binary_search_by_key(&block, |r| r.0) {
                self.rows.remove(k);
            }
        } else {
            *self.entry(block) = items;
        }
    }

    /// Moves the entries of block `from` to block `to` (an earlier block with none; the
    /// order of the rows is kept because blocks only move down in order).
    fn rekey(&mut self, from: usize, to: usize) {
        if let Ok(k) = self.rows.binary_search_by_key(&from, |r| r.0) {
            self.rows[k].0 = to;
        }
    }

    fn truncate(&mut self, blocks: usize) {
        let keep = self.rows.partition_point(|r| r.0 < blocks);
        self.rows.truncate(keep);
    }

    fn swap(&mut self, a: usize, b: usize) {
        let ta = std::mem::take(self.entry(a));
        let tb = std::mem::take(self.entry(b));
        self.set(a, tb);
        self.set(b, ta);
    }

    fn heap_bytes(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<(usize, Vec<T>)>()
            + self
                .rows
                .iter()
                .map(|r| r.1.capacity() * std::mem::size_of::<T>())
                .sum::<usize>()
    }
}

/// A block kind in two bytes: the variant in the high byte, its level or depth in the low.
pub fn pack_kind(kind: BlockKind) -> u16 {
    let (tag, level) = match kind {
        BlockKind::Title => (0, 0),
        BlockKind::Meta => (1, 0),
        BlockKind::Heading { level } => (2, level),
        BlockKind::Subtitle => (3, 0),
        BlockKind::Paragraph => (4, 0),
        BlockKind::Notice => (5, 0),
        BlockKind::Preformatted => (6, 0),
        BlockKind::Table => (7, 0),
        BlockKind::Verse => (8, 0),
        BlockKind::ListItem { depth } => (9, depth),
        BlockKind::Quote { depth } => (10, depth),
        BlockKind::Rule => (11, 0),
        BlockKind::Image => (12, 0),
        BlockKind::Indented { cells } => (13, cells),
    };
    (tag << 8) | u16::from(level)
}

/// The kind [`pack_kind`] packed.
pub fn unpack_kind(packed: u16) -> BlockKind {
    let level = (packed & 0xff) as u8;
    match (packed & !GROUP_FLAG) >> 8 {
        0 => BlockKind::Title,
        1 => BlockKind::Meta,
        2 => BlockKind::Heading { level },
        3 => BlockKind::Subtitle,
        5 => BlockKind::Notice,
        6 => BlockKind::Preformatted,
        7 => BlockKind::Table,
        8 => BlockKind::Verse,
        9 => BlockKind::ListItem { depth: level },
        10 => BlockKind::Quote { depth: level },
        11 => BlockKind::Rule,
        12 => BlockKind::Image,
        13 => BlockKind::Indented { cells: level },
        _ => BlockKind::Paragraph,
    }
}

/// The blocks of a document, in order: kinds and text ranges in columns, styles and
/// annotations in side tables (see the module's description).
#[derive(Clone, Debug, Default)]
pub struct Blocks {
    kinds: Vec<u16>,
    starts: Offsets,
    lens: Offsets,
    spans: SideTable<StyleSpan>,
    annotations: SideTable<Annotation>,
    /// Lines (ungrouped blocks) before every [`LINE_MARK_EVERY`]th block; empty when nothing
    /// was grouped.
    line_marks: Vec<usize>,
    /// The last block was appended by [`Blocks::push_paragraph_line`] free to take more.
    open_group: bool,
}

impl Blocks {
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for `n` blocks.
    pub fn with_capacity(n: usize) -> Self {
        Blocks {
            kinds: Vec::with_capacity(n),
            starts: Offsets::with_capacity(n),
            lens: Offsets::with_capacity(n),
            ..Self::default()
        }
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// Appends a block.
    pub fn push(&mut self, block: Block) {
        let i = self.len();
        self.push_range(block.kind, block.bytes);
        self.spans.set(i, block.spans);
        self.annotations.set(i, block.annotations);
    }

    /// Appends a block of `kind` over `bytes` with no styles or annotations.
    pub fn push_range(&mut self, kind: BlockKind, bytes: Range<usize>) {
        self.open_group = false;
        self.kinds.push(pack_kind(kind));
        self.starts.push(bytes.start);
        self.lens.push(bytes.len());
    }

    /// Block `i`. Panics when `i` is out of range, like indexing a slice.
    pub fn at(&self, i: usize) -> BlockRef<'_> {
        BlockRef {
            kind: self.kind(i),
            bytes: self.bytes(i),
            spans: self.spans.get(i),
            annotations: self.annotations.get(i),
        }
    }

    /// Block `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<BlockRef<'_>> {
        (i < self.len()).then(|| self.at(i))
    }

    pub fn first(&self) -> Option<BlockRef<'_>> {
        self.get(0)
    }

    pub fn last(&self) -> Option<BlockRef<'_>> {
        self.len().checked_sub(1).map(|i| self.at(i))
    }

    /// The kind of block `i`.
    pub fn kind(&self, i: usize) -> BlockKind {
        unpack_kind(self.kinds[i])
    }

    /// The text range of block `i`.
    pub fn bytes(&self, i: usize) -> Range<usize> {
        let start = self.starts.get(i);
        start..start + self.lens.get(i)
    }

    /// The styles of block `i`.
    pub fn spans(&self, i: usize) -> &[StyleSpan] {
        self.spans.get(i)
    }

    /// The annotations of block `i`.
    pub fn annotations(&self, i: usize) -> &[Annotation] {
        self.annotations.get(i)
    }

    /// Appends a one-line paragraph over `bytes` of `text`; with `join`, into the last block
    /// (making it a group, or adding to its group) when that was appended here with `join`
    /// too and the line fits ([`GROUP_MAX_LINES`], [`GROUP_MAX_BYTES`], only blank lines and
    /// spaces between) — the groups [`Blocks::group_line_paragraphs`] makes, made as the lines
    /// come, so a text of tiny lines never holds a block a line.
    pub fn push_paragraph_line(&mut self, bytes: Range<usize>, text: &str, join: bool) {
        let plain = pack_kind(BlockKind::Paragraph);
        if let Some(last) = self
            .len()
            .checked_sub(1)
            .filter(|_| join && self.open_group)
        {
            let prev = self.bytes(last);
            let n = self.lines_in(last);
            let fits = n < GROUP_MAX_LINES
                && bytes.end.saturating_sub(prev.start) <= GROUP_MAX_BYTES
                && prev.end <= bytes.start
                && text.get(bytes.clone()).is_some_and(|t| {
                    !t.is_empty() && !t.contains('\n') && spaces::trim(t).len() == t.len()
                })
                && text.get(prev.end..bytes.start).is_some_and(|gap| {
                    gap.contains('\n') && gap.split('\n').all(|s| spaces::trim(s).is_empty())
                });
            if fits {
                self.kinds[last] = plain | GROUP_FLAG | (n + 1) as u16;
                self.set_bytes(last, prev.start..bytes.end);
                return;
            }
        }
        self.push_range(BlockKind::Paragraph, bytes);
        self.open_group = join;
    }

    /// Whether block `i` is a group of one-line paragraphs (see the module's description).
    pub fn is_group(&self, i: usize) -> bool {
        self.kinds.get(i).is_some_and(|k| k & GROUP_FLAG != 0)
    }

    /// Makes each run of one-line `Paragraph` blocks of `text` (two or more, with only blank
    /// lines and spaces between them, no styles or annotations) a group of up to
    /// [`GROUP_MAX_LINES`] lines and [`GROUP_MAX_BYTES`] bytes, in place; other blocks keep
    /// their order. [`group_lines`] of a group's text gives back exactly the blocks it holds.
    pub fn group_line_paragraphs(&mut self, text: &str) {
        let n = self.len();
        let plain = pack_kind(BlockKind::Paragraph);
        let one_line = |b: &Blocks, i: usize| {
            let r = b.bytes(i);
            b.kinds[i] == plain
                && b.spans.get(i).is_empty()
                && b.annotations.get(i).is_empty()
                && text.get(r.clone()).is_some_and(|t| {
                    !t.is_empty() && !t.contains('\n') && spaces::trim(t).len() == t.len()
                })
        };
        // Only line ends and spaces between two blocks, and at least one line end.
        let blank_between = |a: Range<usize>, b: Range<usize>| {
            a.end <= b.start
                && text.get(a.end..b.start).is_some_and(|gap| {
                    gap.contains('\n') && gap.split('\n').all(|s| spaces::trim(s).is_empty())
                })
        };
        let (mut w, mut i) = (0, 0);
        while i < n {
            let mut end = i + 1;
            if one_line(self, i) {
                let start = self.starts.get(i);
                while end < n
                    && end - i < GROUP_MAX_LINES
                    && self.bytes(end).end - start <= GROUP_MAX_BYTES
                    && one_line(self, end)
                    && blank_between(self.bytes(end - 1), self.bytes(end))
                {
                    end += 1;
                }
            }
            if end - i >= 2 {
                let r = self.starts.get(i)..self.bytes(end - 1).end;
                // The low byte (a paragraph's level, unused) holds the group's line count.
                self.kinds[w] = plain | GROUP_FLAG | (end - i) as u16;
                self.set_bytes(w, r);
            } else if w != i {
                self.kinds[w] = self.kinds[i];
                let r = self.bytes(i);
                self.set_bytes(w, r);
                self.spans.rekey(i, w);
                self.annotations.rekey(i, w);
            }
            w += 1;
            i = end;
        }
        self.truncate(w);
        self.shrink_to_fit();
        self.line_marks = (0..self.len().div_ceil(LINE_MARK_EVERY))
            .scan(0, |before, k| {
                let at = *before;
                let from = k * LINE_MARK_EVERY;
                let to = (from + LINE_MARK_EVERY).min(self.len());
                *before += (from..to).map(|i| self.lines_in(i)).sum::<usize>();
                Some(at)
            })
            .collect();
    }

    /// The paragraphs block `i` holds: its line count for a group, else 1.
    pub fn lines_in(&self, i: usize) -> usize {
        match self.kinds.get(i) {
            Some(&k) if k & GROUP_FLAG != 0 => usize::from(k as u8).max(1),
            _ => 1,
        }
    }

    /// The index block `i` would have if no lines were grouped: the blocks before it, each
    /// group counted as its lines. Saved places and bookmarks are kept in these terms, so
    /// they mean the same with and without groups (and in state files written before them).
    pub fn ungrouped_index(&self, i: usize) -> usize {
        if self.line_marks.is_empty() {
            return i;
        }
        let k = (i / LINE_MARK_EVERY).min(self.line_marks.len() - 1);
        let upto = i.min(self.len());
        let from = (k * LINE_MARK_EVERY).min(upto);
        self.line_marks[k] + (from..upto).map(|j| self.lines_in(j)).sum::<usize>() + (i - upto)
    }

    /// The block holding ungrouped index `u` ([`Blocks::ungrouped_index`]) and which of its
    /// lines it is (0 for a block that is not a group); past the end, the last block's last.
    pub fn from_ungrouped(&self, u: usize) -> (usize, usize) {
        let k = self
            .line_marks
            .partition_point(|&m| m <= u)
            .saturating_sub(1);
        let (mut i, mut at) = match self.line_marks.get(k) {
            Some(&m) => (k * LINE_MARK_EVERY, m),
            None => (0, 0),
        };
        while i < self.len() {
            let n = self.lines_in(i);
            if u < at + n {
                return (i, if self.is_group(i) { u - at } else { 0 });
            }
            at += n;
            i += 1;
        }
        match self.len().checked_sub(1) {
            Some(last) => (last, self.lines_in(last) - 1),
            None => (0, 0),
        }
    }

    /// Whether any block has an annotation for which `f` holds (only blocks with
    /// annotations are looked at).
    pub fn any_annotation(&self, f: impl Fn(&Annotation) -> bool) -> bool {
        self.annotations.rows.iter().any(|(_, a)| a.iter().any(&f))
    }

    pub fn set_kind(&mut self, i: usize, kind: BlockKind) {
        self.kinds[i] = pack_kind(kind);
    }

    pub fn set_bytes(&mut self, i: usize, bytes: Range<usize>) {
        self.starts.set(i, bytes.start);
        self.lens.set(i, bytes.len());
    }

    /// Adds a style to block `i`.
    pub fn push_span(&mut self, i: usize, span: StyleSpan) {
        self.spans.entry(i).push(span);
    }

    /// Replaces the annotations of block `i`.
    pub fn set_annotations(&mut self, i: usize, annotations: Vec<Annotation>) {
        self.annotations.set(i, annotations);
    }

    /// Keeps the first `n` blocks.
    pub fn truncate(&mut self, n: usize) {
        self.kinds.truncate(n);
        self.starts.truncate(n);
        self.lens.truncate(n);
        self.spans.truncate(n);
        self.annotations.truncate(n);
    }

    /// Swaps two blocks (tests of out-of-order documents).
    pub fn swap(&mut self, a: usize, b: usize) {
        self.kinds.swap(a, b);
        self.starts.swap(a, b);
        self.lens.swap(a, b);
        self.spans.swap(a, b);
        self.annotations.swap(a, b);
    }

    /// Gives back capacity reserved and not used.
    pub fn shrink_to_fit(&mut self) {
        self.kinds.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.lens.shrink_to_fit();
    }

    /// The blocks in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            blocks: self,
            next: 0..self.len(),
        }
    }

    /// The index of the first block for which `pred` is false, when it is true for a prefix
    /// and false after (like [`slice::partition_point`]).
    pub fn partition_point(&self, mut pred: impl FnMut(BlockRef<'_>) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.at(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Owned copies of all blocks (tests and small documents).
    pub fn to_vec(&self) -> Vec<Block> {
        self.iter().map(|b| b.to_block()).collect()
    }

    /// Heap bytes held by the index (capacity, not length).
    pub fn heap_bytes(&self) -> usize {
        self.kinds.capacity() * 2
            + self.starts.heap_bytes()
            + self.lens.heap_bytes()
            + self.spans.heap_bytes()
            + self.annotations.heap_bytes()
    }
}

/// The blocks of a [`Blocks`] in order.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    blocks: &'a Blocks,
    next: Range<usize>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = BlockRef<'a>;

    fn next(&mut self) -> Option<BlockRef<'a>> {
        self.next.next().map(|i| self.blocks.at(i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<BlockRef<'a>> {
        self.next.nth(n).map(|i| self.blocks.at(i))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.next.next_back().map(|i| self.blocks.at(i))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Blocks {
    type Item = BlockRef<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl From<Vec<Block>> for Blocks {
    fn from(v: Vec<Block>) -> Self {
        let mut out = Blocks::with_capacity(v.len());
        for b in v {
            out.push(b);
        }
        out
    }
}

impl FromIterator<Block> for Blocks {
    fn from_iter<I: IntoIterator<Item = Block>>(iter: I) -> Self {
        let mut out = Blocks::new();
        for b in iter {
            out.push(b);
        }
        out
    }
}

impl PartialEq for Blocks {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl Eq for Blocks {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{AnnotationKind, InlineStyle};

    #[test]
    fn every_kind_packs_and_unpacks() {
        let kinds = [
            BlockKind::Title,
            BlockKind::Meta,
            BlockKind::Heading { level: 1 },
            BlockKind::Heading { level: 255 },
            BlockKind::Subtitle,
            BlockKind::Paragraph,
            BlockKind::Notice,
            BlockKind::Preformatted,
            BlockKind::Table,
            BlockKind::Verse,
            BlockKind::ListItem { depth: 0 },
            BlockKind::ListItem { depth: 200 },
            BlockKind::Quote { depth: 3 },
            BlockKind::Rule,
            BlockKind::Image,
        ];
        for k in kinds {
            assert_eq!(unpack_kind(pack_kind(k)), k);
        }
    }

    /// Tracker issue 17, item 3: 50 MB of two-byte lines is 26 million blocks. A block of the
    /// index costs ten bytes (it was an 80-byte struct with two vectors); styles and
    /// annotations cost nothing for blocks without them.
    #[test]
    fn a_block_costs_ten_bytes_in_the_index() {
        let n = 100_000;
        let mut blocks = Blocks::with_capacity(n);
        for i in 0..n {
            blocks.push(Block::new(BlockKind::Paragraph, 2 * i..2 * i + 1));
        }
        assert_eq!(blocks.heap_bytes(), n * 10);
        assert!(std::mem::size_of::<Blocks>() < 200);
        assert_eq!(blocks.at(n - 1).bytes, 2 * (n - 1)..2 * (n - 1) + 1);
    }

    /// Tracker issue 17: the parser appends one-line paragraphs into groups as it makes them,
    /// so the index never holds a block a line (it did, 10 bytes each, until the whole text was
    /// parsed); a line that must stay a block of its own (`join` false) does, and so does the
    /// line after it.
    #[test]
    fn lines_pushed_into_groups_never_cost_a_block_each() {
        let n = 1_000_000;
        let text = "y\n".repeat(n);
        let mut blocks = Blocks::new();
        for i in 0..n {
            blocks.push_paragraph_line(2 * i..2 * i + 1, &text, i != 500);
        }
        assert!(blocks.len() <= n / GROUP_MAX_LINES + 3, "{}", blocks.len());
        assert!(blocks.heap_bytes() <= n / 10, "{}", blocks.heap_bytes());
        let alone = blocks.partition_point(|b| b.bytes.end <= 1000);
        assert_eq!(blocks.bytes(alone), 1000..1001);
        assert!(!blocks.is_group(alone));
        assert_eq!(blocks.bytes(alone + 1).start, 1002);
        assert_eq!(
            (0..blocks.len()).map(|i| blocks.lines_in(i)).sum::<usize>(),
            n
        );
    }

    #[test]
    fn offsets_past_4_gib_widen_the_column_and_keep_earlier_blocks() {
        let mut blocks = Blocks::new();
        blocks.push_range(BlockKind::Paragraph, 0..10);
        let far = (u32::MAX as usize) + 100;
        blocks.push_range(BlockKind::Verse, far..far + 5);
        assert_eq!(blocks.bytes(0), 0..10);
        assert_eq!(blocks.bytes(1), far..far + 5);
        assert_eq!(blocks.kind(1), BlockKind::Verse);
        blocks.set_bytes(0, 3..far);
        assert_eq!(blocks.bytes(0), 3..far);
    }

    #[test]
    fn styles_and_annotations_live_only_with_their_blocks() {
        let span = |s: usize| StyleSpan {
            bytes: s..s + 1,
            style: InlineStyle::Strong,
        };
        let note = Annotation {
            bytes: 0..3,
            text: "fā".into(),
            kind: AnnotationKind::Pinyin,
        };
        let mut v: Vec<Block> = (0..6)
            .map(|i| Block::new(BlockKind::Paragraph, i * 10..i * 10 + 5))
            .collect();
        v[1].spans.push(span(0));
        v[4].annotations.push(note.clone());
        let mut blocks = Blocks::from(v.clone());
        assert_eq!(blocks.to_vec(), v);
        // Out of order, as overlapping spans attach.
        blocks.push_span(3, span(2));
        blocks.push_span(1, span(4));
        assert_eq!(blocks.spans(1), &[span(0), span(4)]);
        assert_eq!(blocks.spans(3), &[span(2)]);
        assert!(blocks.spans(2).is_empty());
        assert_eq!(blocks.annotations(4), &[note]);
        blocks.swap(1, 4);
        assert_eq!(blocks.spans(4), &[span(0), span(4)]);
        assert!(blocks.spans(1).is_empty());
        assert_eq!(blocks.annotations(1).len(), 1);
        blocks.truncate(2);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks.annotations(1).len(), 1);
        assert!(blocks.spans(4).is_empty());
        assert_eq!(blocks.partition_point(|b| b.bytes.start < 10), 1);
    }
}
