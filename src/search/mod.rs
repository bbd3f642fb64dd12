//! Searching the document text, in any script.
//!
//! A plain-substring search that ignores script and Latin case: `发展` finds `發展` and
//! `發展` finds `发展` whatever variant is shown, `ABC` finds `abc` (and full-width `ａｂｃ`),
//! and a match may run across an inline pinyin annotation the reader does not see
//! (`發(fā)展` contains `發展`). Both the query and each block are [folded](fold) the same way
//! (hide pinyin → per-character `t2s` → lowercase) and the matches
//! mapped back to byte ranges of the block's SOURCE text — the coordinates reading positions
//! use, so the UI maps them to the screen through the block's presentation map.
//!
//! Speed: the UTF-8 forms of every character that folds to the query's first character
//! (`发` → 发 發 髮; `a` → a A ａ Ａ) are found with `memmem` over the text of the whole block
//! range at once; only blocks with such a candidate are examined, and there each candidate is
//! checked in place, folding character by character. Pinyin is hidden (and offsets mapped
//! back) only in a block where a check runs into a `(`, or for a query that could occur inside
//! an annotation. On a 100 MB document this runs at 0.2–6 GiB/s (see `benches/search.rs`).
//! A match cannot span two blocks (paragraphs), but spans soft line breaks freely. [`search_blocks`] takes a
//! block range and a cancel flag so the app can run it in chunks on a background thread.

pub mod fold;

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use memchr::memmem::Finder;

use crate::document::Document;
use crate::offset_map::OffsetMap;
use crate::script::Converter;
use fold::{FoldTable, Folded, HiddenMap, InPlace};

/// Whether `c` may appear in a pinyin annotation: ASCII (parentheses, letters), Latin letters
/// with tone marks (U+00C0–U+02FF) and combining marks (U+0300–U+036F).
fn may_be_in_annotation(c: char) -> bool {
    c.is_ascii() || ('\u{00C0}'..='\u{036F}').contains(&c)
}

/// The transform that hides inline pinyin: text in, (hidden text, map hidden → source) out.
/// It may only remove text, each removed piece starting with an ASCII `(` and made of
/// characters for which `may_be_in_annotation` holds (as inline pinyin annotations are);
/// search relies on this to skip it for blocks without `(` and for Han-only queries.
pub type HideFn = fn(&str) -> (String, OffsetMap);

/// A prepared search query.
#[derive(Clone, Debug)]
pub struct Query {
    /// The query as typed.
    text: String,
    /// The query folded.
    folded: String,
    finder: Finder<'static>,
    /// UTF-8 finders for every source form of the folded query's first character.
    prefilter: Vec<Finder<'static>>,
    table: Arc<FoldTable>,
    hide: HideFn,
    /// No character of the folded query can be part of a pinyin annotation.
    outside_annotations: bool,
}

/// One match: a byte range of block `block`'s SOURCE text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Match {
    /// Index into `Document::blocks`.
    pub block: usize,
    /// Byte range into the block's source text (`Document::block_text(block)`).
    pub bytes: Range<usize>,
}

impl Query {
    /// Prepares `text` for searching with `engine`'s `t2s` (see [`fold`]). `None` when the
    /// query is empty after folding. The first call per engine builds the fold table (about
    /// 10 ms in a release build); later calls reuse it.
    pub fn new(text: &str, engine: &dyn Converter) -> Option<Query> {
        Query::with_hide(text, engine, crate::typography::hide_pinyin)
    }

    /// [`Query::new`] with another pinyin-hiding transform (tests, or a caller that hides
    /// differently). `hide` must only remove text.
    pub fn with_hide(text: &str, engine: &dyn Converter, hide: HideFn) -> Option<Query> {
        let table = FoldTable::for_engine(engine);
        let (hidden, _) = hide(text);
        let mut f = Folded::default();
        f.fold(&table, &hidden);
        let folded = f.text;
        let first = folded.chars().next()?;
        let prefilter = table
            .sources_of(first)
            .into_iter()
            .map(|c| Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned())
            .collect();
        let finder = Finder::new(folded.as_bytes()).into_owned();
        let outside_annotations = !folded.chars().any(may_be_in_annotation);
        Some(Query {
            outside_annotations,
            text: text.to_string(),
            folded,
            finder,
            prefilter,
            table,
            hide,
        })
    }

    /// The query as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The folded query (simplified, lowercase, pinyin hidden).
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Could `source` contain a match? False only when it cannot.
    fn may_match(&self, source: &str) -> bool {
        let b = source.as_bytes();
        self.prefilter.iter().any(|f| f.find(b).is_some())
    }

    /// All non-overlapping matches in one block's source text, in order, as byte ranges of
    /// `block_source`. Hidden pinyin at either end of a match is left out of its range.
    pub fn find_in(&self, block_source: &str) -> Vec<Range<usize>> {
        let mut folded = Folded::default();
        self.find_with(block_source, &mut folded)
    }

    fn find_with(&self, source: &str, folded: &mut Folded) -> Vec<Range<usize>> {
        if !self.may_match(source) {
            return Vec::new();
        }
        if self.table.has_multi() {
            return self.find_folded(source, folded);
        }
        // Pinyin annotations are in ASCII parentheses: without one there is nothing to hide.
        if memchr::memchr(b'(', source.as_bytes()).is_none() {
            return self.find_direct(source);
        }
        // A query that cannot occur inside an annotation (no ASCII or Latin letters) matches
        // the source in place unless an attempt runs into a `(`.
        if self.outside_annotations {
            if let Some(found) = self.find_in_place(source, true) {
                return found;
            }
        }
        let (hidden, map) = (self.hide)(source);
        if hidden.len() == source.len() {
            return self.find_direct(source);
        }
        let hidden_map = HiddenMap::new(source, &hidden, map);
        self.find_direct(&hidden)
            .into_iter()
            .map(|r| {
                source_range(
                    source,
                    hidden_map.to_source(r.start, false),
                    hidden_map.to_source(r.end, true),
                )
            })
            .collect()
    }

    /// Matches by checking each occurrence of a first-character candidate in place.
    fn find_direct(&self, source: &str) -> Vec<Range<usize>> {
        self.find_in_place(source, false).unwrap_or_default()
    }

    /// [`Query::find_direct`]; with `stop_at_paren`, `None` as soon as a match attempt
    /// reaches a `(` (where a hidden annotation may begin).
    fn find_in_place(&self, source: &str, stop_at_paren: bool) -> Option<Vec<Range<usize>>> {
        let mut out = Vec::new();
        let mut cands = Candidates::new(source.as_bytes(), &self.prefilter);
        let mut from = 0;
        while let Some(p) = cands.next_from(from) {
            let Some(tail) = source.get(p..) else { break };
            match self.table.match_len(tail, &self.folded, stop_at_paren) {
                InPlace::Match(n) => {
                    out.push(p..p + n);
                    from = p + n.max(1);
                }
                InPlace::NoMatch => from = p + tail.chars().next().map_or(1, char::len_utf8),
                InPlace::Paren => return None,
            }
        }
        Some(out)
    }

    /// Matches by hiding pinyin and folding the whole block, then mapping back (needed only
    /// when a character folds to several, where a match may start inside one's fold).
    fn find_folded(&self, source: &str, folded: &mut Folded) -> Vec<Range<usize>> {
        let (hidden, map) = (self.hide)(source);
        let hidden_map = HiddenMap::new(source, &hidden, map);
        folded.fold(&self.table, &hidden);
        let n = self.folded.len();
        self.finder
            .find_iter(folded.text.as_bytes())
            .map(|at| {
                source_range(
                    source,
                    hidden_map.to_source(folded.to_input(at, false), false),
                    hidden_map.to_source(folded.to_input(at + n, true), true),
                )
            })
            .collect()
    }
}

/// `start..end` clamped into `source` and widened to char boundaries, so it can always be
/// sliced (a transform's own offset map may be coarser than characters).
fn source_range(source: &str, start: usize, end: usize) -> Range<usize> {
    let mut start = start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The next occurrence of any of several needles, each needle's next hit cached so a scan
/// is linear in the haystack.
struct Candidates<'a> {
    hay: &'a [u8],
    finders: &'a [Finder<'static>],
    next: Vec<Option<usize>>,
    searched_from: usize,
}

impl<'a> Candidates<'a> {
    fn new(hay: &'a [u8], finders: &'a [Finder<'static>]) -> Self {
        let next = finders.iter().map(|f| f.find(hay)).collect();
        Candidates {
            hay,
            finders,
            next,
            searched_from: 0,
        }
    }

    /// The first hit at or after `pos`.
    fn next_from(&mut self, pos: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (f, slot) in self.finders.iter().zip(self.next.iter_mut()) {
            if slot.is_some_and(|p| p < pos) || (slot.is_none() && pos < self.searched_from) {
                *slot = self.hay.get(pos..).and_then(|h| f.find(h)).map(|p| p + pos);
            }
            if let Some(p) = *slot {
                best = Some(best.map_or(p, |b| b.min(p)));
            }
        }
        self.searched_from = self.searched_from.max(pos);
        best
    }
}

/// Searches blocks `blocks` (clamped to the document) of `doc` for `query`, in order.
/// Checks `cancel` between blocks and returns the matches found so far once it is set.
/// Run it in chunks (e.g. 5 000 blocks) on a background thread to report progress.
///
/// When the blocks lie in order in the text (as the parser makes them), the text of the whole
/// range is fetched at once (one read when it is kept in the file), the first-character
/// prefilter scans it and only blocks with a candidate are examined; otherwise each block is
/// examined in turn.
pub fn search_blocks(
    doc: &Document,
    query: &Query,
    blocks: Range<usize>,
    cancel: &AtomicBool,
) -> Vec<Match> {
    let end = blocks.end.min(doc.blocks.len());
    let start = blocks.start.min(end);
    let range = start..end;
    let mut out = Vec::new();
    let mut folded = Folded::default();
    let mut examine = |block: usize, source: &str, out: &mut Vec<Match>| {
        if !doc.blocks.is_group(block) {
            for bytes in query.find_with(source, &mut folded) {
                out.push(Match { block, bytes });
            }
            return;
        }
        // A group of one-line paragraphs: a match stays in its line, as in its own block.
        for r in crate::document::blocks::group_lines(source) {
            for m in query.find_with(&source[r.clone()], &mut folded) {
                out.push(Match {
                    block,
                    bytes: r.start + m.start..r.start + m.end,
                });
            }
        }
    };
    let in_order = (range.start..range.end.saturating_sub(1)).all(|i| {
        let (a, b) = (doc.blocks.bytes(i), doc.blocks.bytes(i + 1));
        a.start <= a.end && a.end <= b.start
    });
    if range.is_empty() {
        return out;
    }
    let (first, last) = (doc.blocks.at(start), doc.blocks.at(end - 1));
    let span = first.bytes.start..last.bytes.end.max(first.bytes.start);
    let whole = in_order.then(|| doc.text_range(span.clone())).flatten();
    let Some(whole) = whole else {
        for block in start..end {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            if let Some(source) = doc.text_range(doc.blocks.bytes(block)) {
                examine(block, &source, &mut out);
            }
        }
        return out;
    };
    let mut cands = Candidates::new(whole.as_bytes(), &query.prefilter);
    let mut block = start;
    let mut pos = 0;
    while let Some(hit) = cands.next_from(pos) {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let hit = hit + span.start;
        while block < end && doc.blocks.bytes(block).end <= hit {
            block += 1;
        }
        let Some(b) = doc.blocks.get(block).filter(|_| block < end) else {
            break;
        };
        if hit >= b.bytes.start {
            let local = b.bytes.start - span.start..b.bytes.end - span.start;
            if let Some(source) = whole.get(local) {
                examine(block, source, &mut out);
            }
            block += 1;
        }
        let Some(next) = doc.blocks.get(block).filter(|_| block < end) else {
            break;
        };
        pos = next.bytes.start.saturating_sub(span.start).max(pos + 1);
    }
    out
}

#[cfg(test)]
mod tests;
