//! Searching the document text, in any script.
//!
//! A plain-substring search that ignores script and Latin case: `发展` finds `發展` and
//! `發展` finds `发展` whatever variant is shown, `ABC` finds `abc` (and full-width `ａｂｃ`),
//! and a match may run across an inline pinyin annotation the reader does not see
//! (`發(fā)展` contains `發展`). Both the query and each block are [folded](fold) the same way
//! (hide pinyin → per-character `t2s` → lowercase), matched with `memmem`, and the matches
//! mapped back to byte ranges of the block's SOURCE text — the coordinates reading positions
//! use, so the UI maps them to the screen through the block's presentation map.
//!
//! Speed: a block is folded only if it contains, in any script or case, the query's first
//! character (a `memmem` prefilter over the source bytes), so searching a large document
//! costs little more than scanning its bytes. Search works per block, so a match cannot span
//! two blocks (paragraphs), but spans soft line breaks freely. [`search_blocks`] takes a
//! block range and a cancel flag so the app can run it in chunks on a background thread.

pub mod fold;

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use memchr::memmem::Finder;

use crate::document::Document;
use crate::present::OffsetMap;
use crate::script::Converter;
use fold::{FoldTable, Folded, HiddenMap};

/// The transform that hides inline pinyin: text in, (hidden text, map hidden → source) out.
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
        Some(Query {
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
        let (hidden, map) = (self.hide)(source);
        let hidden_map = HiddenMap::new(source, &hidden, map);
        folded.fold(&self.table, &hidden);
        let n = self.folded.len();
        self.finder
            .find_iter(folded.text.as_bytes())
            .map(|at| {
                let start = hidden_map.to_source(folded.to_input(at, false), false);
                let end = hidden_map.to_source(folded.to_input(at + n, true), true);
                start.min(source.len())..end.clamp(start, source.len())
            })
            .collect()
    }
}

/// Searches blocks `blocks` (clamped to the document) of `doc` for `query`, in order.
/// Checks `cancel` before each block and returns the matches found so far once it is set.
/// Run it in chunks (e.g. 2 000 blocks) on a background thread to report progress.
pub fn search_blocks(
    doc: &Document,
    query: &Query,
    blocks: Range<usize>,
    cancel: &AtomicBool,
) -> Vec<Match> {
    let end = blocks.end.min(doc.blocks.len());
    let mut out = Vec::new();
    let mut folded = Folded::default();
    for block in blocks.start.min(end)..end {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let Some(source) = doc.text.get(doc.blocks[block].bytes.clone()) else {
            continue;
        };
        for bytes in query.find_with(source, &mut folded) {
            out.push(Match { block, bytes });
        }
    }
    out
}
