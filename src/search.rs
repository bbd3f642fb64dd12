//! Searching the document text, in any script.
//!
//! TEMPORARY minimal version (exact substring); the search work replaces it with a
//! script-insensitive one behind the same API.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::document::Document;
use crate::script::Converter;

/// A search query.
#[derive(Clone, Debug)]
pub struct Query {
    text: String,
}

/// A match: a block and a byte range into its source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub block: usize,
    pub bytes: Range<usize>,
}

impl Query {
    /// A query for `text`; `None` when it is empty.
    pub fn new(text: &str, _engine: &dyn Converter) -> Option<Query> {
        (!text.is_empty()).then(|| Query {
            text: text.to_string(),
        })
    }

    /// Matches in one block's source text, as source byte ranges.
    pub fn find_in(&self, block_source: &str, _engine: &dyn Converter) -> Vec<Range<usize>> {
        block_source
            .match_indices(&self.text)
            .map(|(i, m)| i..i + m.len())
            .collect()
    }
}

/// Searches `blocks` of `doc`, stopping early when `cancel` is set.
pub fn search_blocks(
    doc: &Document,
    query: &Query,
    engine: &dyn Converter,
    blocks: Range<usize>,
    cancel: &AtomicBool,
) -> Vec<Match> {
    let mut out = Vec::new();
    for b in blocks {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        for bytes in query.find_in(doc.block_text(b), engine) {
            out.push(Match { block: b, bytes });
        }
    }
    out
}
