//! The reader while a large input is still being read: what works on the partial document,
//! what waits for the whole one (with progress in the status line), and the hand-over.
//!
//! The first screen is drawn from the input's first region ([`crate::input::loader`]). The
//! text of that region is the start of the whole text, so a position carries over by its
//! byte offset in the text. Reading, scrolling, the navigator (over the sections found so
//! far) and search (over the text read so far, run again on the whole text) work at once;
//! `G` and `]` past the last section read wait for the whole document, with the progress
//! shown, and then run.

use std::sync::Arc;

use crate::document::Document;
use crate::input::loader::{InputMap, Progress};

use super::keymap::{Action, Mode};
use super::state::App;
use super::view::Position;

/// A large input still being read.
#[derive(Debug)]
pub struct Reading {
    pub progress: Arc<Progress>,
    /// An action that waits for the whole document.
    pub pending: Option<Action>,
    /// The input bytes per text byte in the part read first (1 for UTF-8; about 2/3 for GBK),
    /// to estimate percentages by input position.
    pub input_per_text: f64,
    /// The input offset the partial document starts at (a window around the remembered
    /// place, or 0).
    pub input_base: u64,
}

impl App {
    /// Whether `action` must wait for the whole document; if so it is kept to run then.
    pub(super) fn defer_until_whole(&mut self, action: Action) -> bool {
        if self.keyboard() != Mode::Reading {
            return false;
        }
        let needs_whole = match action {
            Action::Bottom => true,
            Action::NextSection => {
                let next = self.current_section().map_or(0, |s| s + 1);
                next >= self.doc.sections.len()
            }
            _ => false,
        };
        let Some(reading) = &mut self.reading else {
            return false;
        };
        if !needs_whole {
            return false;
        }
        reading.pending = Some(action);
        let what = if action == Action::Bottom {
            "the end"
        } else {
            "the next section"
        };
        self.say(format!("reading the file… going to {what} when it is read"));
        true
    }

    /// Percent of the input read so far, while it is being read.
    pub fn reading_percent(&self) -> Option<String> {
        let r = self.reading.as_ref()?;
        Some(match r.progress.percent() {
            Some(p) => format!("reading {p}%"),
            None => format!("reading {} MB", r.progress.mib()),
        })
    }

    /// Percent read while the input is being read: the top line's input position estimated
    /// from its text offset, over the input's size.
    pub(super) fn reading_position_percent(&self) -> Option<u8> {
        let r = self.reading.as_ref()?;
        let total = r.progress.total? as f64;
        if total <= 0.0 || self.doc.blocks.is_empty() {
            return Some(0);
        }
        let at =
            r.input_base as f64 + text_offset(&self.doc, self.anchor) as f64 * r.input_per_text;
        Some((at * 100.0 / total).clamp(0.0, 100.0) as u8)
    }

    /// Replaces the partial document by the whole one, keeping the reader's place (and
    /// bookmarks, the place before the last jump, the search) by text offset — the partial
    /// document's text is the whole text's from offset `base` on — then runs the action that
    /// waited for it. `map` gives input offsets of text offsets, for the remembered place.
    pub fn take_whole(&mut self, doc: Document, base: usize, map: InputMap) {
        let old = self.doc.clone();
        let carry = |p: Position| position_at(&doc, base + text_offset(&old, p));
        self.input_map = Some(map);
        let anchor = carry(self.anchor);
        let marks = self.marks.iter().map(|(&k, &p)| (k, carry(p))).collect();
        let last_jump = self.last_jump.map(carry);
        let origin = self.search.origin.map(carry);
        self.doc = Arc::new(doc);
        self.view = super::view::View::new(self.view.key());
        for c in &mut self.stack {
            c.document_changed();
        }
        self.marks = marks;
        self.last_jump = last_jump;
        self.anchor = anchor;
        self.relayout();
        let pending = self.reading.take().and_then(|r| r.pending);
        if !self.search.query.is_empty() {
            let query = self.search.query.clone();
            self.search
                .start(&self.doc, &self.scripter, &query, anchor.block);
            self.search.origin = origin;
        }
        if let Some(a) = pending {
            self.message = None;
            self.update(a);
        }
    }
}

impl App {
    /// The input byte offset of the reading position, when the document was read in chunks
    /// (a large file): remembered with the place so the file reopens there at once.
    pub fn input_offset(&self) -> Option<u64> {
        let map = self.input_map.as_ref().filter(|_| self.reading.is_none())?;
        map.input_offset(text_offset(&self.doc, self.anchor))
    }
}

/// The byte offset in the document's text of `p`.
pub fn text_offset(doc: &Document, p: Position) -> usize {
    doc.blocks
        .get(p.block)
        .map_or(doc.text.len(), |b| b.bytes.start + p.byte)
}

/// The position of text offset `at`: in the last block starting at or before it, clamped to
/// that block's text and a char boundary.
pub fn position_at(doc: &Document, at: usize) -> Position {
    let i = doc.blocks.partition_point(|b| b.bytes.start <= at);
    let Some(block) = i.checked_sub(1) else {
        return Position::default();
    };
    let text = doc.block_text(block);
    let mut byte = (at - doc.blocks[block].bytes.start).min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    Position { block, byte }
}
