//! The reader while a large input is still being read: what works on the partial document,
//! what waits for the whole one (with progress in the status line), and the hand-over.
//!
//! The first screen is drawn from the input's first region ([`crate::input::loader`]), or
//! from a window around the remembered place ([`crate::input::seek`]). The partial document
//! shown is always a region of whole lines from a known input offset ([`super::regions`]:
//! `G` shows the file's tail at once, `g` the first region again), so when the whole
//! document arrives a position carries over by its text offset: the region's start is found
//! in the whole text from the chunk checkpoints. Reading, scrolling, the navigator (over the
//! sections found so far) and search (over the text shown, run again on the whole text) work
//! at once; `]` past the last section read waits for the whole document, with the progress
//! shown, and then runs.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::document::Document;
use crate::input::loader::{InputMap, Progress};
use crate::input::seek::Seeker;
use crate::store::{FileState, StateStore};

use super::keymap::{Action, Mode};
use super::persist;
use super::state::App;
use super::view::Position;

/// A large input still being read.
#[derive(Debug, Default)]
pub struct Reading {
    pub progress: Arc<Progress>,
    /// An action that waits for the whole document.
    pub pending: Option<Action>,
    /// The input bytes per text byte in the region shown (1 for UTF-8; about 2/3 for GBK),
    /// to estimate percentages by input position.
    pub input_per_text: f64,
    /// The input offset of the first text byte of the partial document (a line start: after
    /// the byte-order mark for the first region, else a window's or the tail's start).
    pub input_base: u64,
    /// The region shown ends at the end of the file (the tail).
    pub reaches_end: bool,
    /// Regions read out of order (a file; `None` for a stream).
    pub seeker: Option<Arc<Seeker>>,
    /// The first region (document, input base, input per text), to go back to with `g`.
    pub head: Option<(Arc<Document>, u64, f64)>,
    /// Bookmarks outside the region shown, by input offset.
    pub parked_marks: BTreeMap<char, u64>,
    /// Bookmarks set (true) or deleted (false) while the input is read: they win over those
    /// the store keeps by block when the whole document arrives, and are saved by input
    /// offset when the reader quits before that.
    pub marks_changed: BTreeMap<char, bool>,
    /// The place before the last jump, when outside the region shown, by input offset.
    pub parked_jump: Option<u64>,
    /// The chapter lines found so far, as sections for the navigator ([`super::outline`]),
    /// and their input offsets.
    pub outline: Vec<crate::document::Section>,
    pub outline_at: Vec<u64>,
    /// A stream: `G` went to the end of what had come, and the view follows what comes next
    /// while it stays at the end ([`super::live`]).
    pub follow: bool,
    /// A book shown from one chapter while the rest is rendered ([`super::book`]).
    pub book: Option<super::book::Shown>,
    /// A book's contents entry chosen past the chapters shown: gone to when it arrives.
    pub pending_entry: Option<(usize, String)>,
}

impl App {
    /// Whether the partial document shown is the input's first region (its blocks are the
    /// whole document's first blocks), or there is no other.
    pub fn at_head(&self) -> bool {
        match &self.reading {
            Some(r) if r.book.is_some() => r.book.is_some_and(|b| b.first),
            Some(r) => r
                .head
                .as_ref()
                .is_none_or(|(doc, _, _)| Arc::ptr_eq(doc, &self.doc)),
            None => true,
        }
    }

    /// Whether `action` must wait for the whole document; if so it is kept to run then.
    /// `G` shows the file's tail instead, and `g` the first region ([`super::regions`]).
    pub(super) fn defer_until_whole(&mut self, action: Action) -> bool {
        if self.keyboard() != Mode::Reading {
            return false;
        }
        let Some(reading) = &self.reading else {
            return false;
        };
        if let Some(shown) = reading.book {
            return self.defer_for_book(action, shown);
        }
        let reaches_end = reading.reaches_end;
        let stream = reading.progress.live;
        // Scrolling near a region's edge goes on in the next region (app::regions).
        let page = isize::try_from(self.page_height()).unwrap_or(isize::MAX);
        let lines = match action {
            Action::LineDown => 1,
            Action::PageDown | Action::HalfDown => page,
            Action::LineUp => -1,
            Action::PageUp | Action::HalfUp => -page,
            _ => 0,
        };
        if lines != 0 {
            self.continue_region(lines);
            return false;
        }
        match action {
            // A stream shown as it arrives: `G` goes to the end of what has come and follows.
            Action::Bottom if stream => {
                self.follow_stream();
                return false;
            }
            Action::Top if !self.at_head() => {
                self.show_head();
                return true;
            }
            // The tail is shown: `G` goes to its end as usual.
            Action::Bottom if reaches_end => return false,
            Action::Bottom if self.show_tail() => return true,
            _ => {}
        }
        let needs_whole = match action {
            Action::Bottom => true,
            Action::NextSection => {
                let next = self.current_section().map_or(0, |s| s + 1);
                if next < self.doc.sections.len() || reaches_end {
                    false
                } else if let Some(i) = self.outline_past_region(true) {
                    // A chapter line found past the region shown: the region around it.
                    self.jump_to_outline(i);
                    return true;
                } else {
                    true
                }
            }
            Action::PrevSection if !self.at_head() && !self.section_before_in_region() => {
                match self.outline_past_region(false) {
                    Some(i) => {
                        self.jump_to_outline(i);
                        return true;
                    }
                    // None before the region: wait only when the read has not passed it yet.
                    None => self.reading.as_ref().is_some_and(|r| {
                        r.progress.read.load(std::sync::atomic::Ordering::Relaxed) < r.input_base
                    }),
                }
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
        let what = match action {
            Action::Bottom => "the end",
            Action::PrevSection => "the section before",
            _ => "the next section",
        };
        self.say(format!("reading the file… going to {what} when it is read"));
        true
    }

    /// The chapter line found while reading that `]` (`forward`) or `[` goes to from the
    /// region shown: the first past its end, or the last before its start.
    fn outline_past_region(&self, forward: bool) -> Option<usize> {
        let r = self.reading.as_ref()?;
        if forward {
            let end = r.input_base + (self.doc.text_len() as f64 * r.input_per_text) as u64;
            Some(r.outline_at.partition_point(|&at| at < end)).filter(|&i| i < r.outline_at.len())
        } else {
            r.outline_at
                .partition_point(|&at| at < r.input_base)
                .checked_sub(1)
        }
    }

    /// Whether `[` finds a section start in the region shown (as `section_step` does).
    fn section_before_in_region(&self) -> bool {
        let (cur, at_start) = (self.anchor.block, self.anchor.byte == 0);
        self.doc
            .sections
            .iter()
            .any(|s| s.block < cur || (!at_start && s.block == cur))
    }

    /// `L` while the input is read, after the region shown was parsed again in `mode`: the
    /// first region (for `g`) is parsed again too, regions read from now on and the whole
    /// document are parsed in `mode` — nothing waits for the whole file.
    pub(super) fn reflow_while_reading(
        &mut self,
        mode: crate::document::reflow::Reflow,
        head_shown: bool,
    ) {
        let regex = self.settings.heading_regex.clone();
        let shown = self.doc.clone();
        let Some(r) = &mut self.reading else {
            return;
        };
        if let Some((doc, base, per_text)) = r.head.take() {
            let doc = if head_shown {
                shown
            } else {
                match crate::document::reparse_plain(&doc, regex.as_deref(), mode) {
                    Some(Ok(again)) => Arc::new(again),
                    _ => doc,
                }
            };
            r.head = Some((doc, base, per_text));
        }
        if let Some(seeker) = &r.seeker {
            seeker.set_reflow(mode);
        }
        if let Ok(mut m) = r.progress.reflow.lock() {
            *m = Some(mode);
        }
    }

    /// Percent of the input read so far, while it is being read; `parsing…` once it is all
    /// read and the whole text is being parsed.
    pub fn reading_percent(&self) -> Option<String> {
        let r = self.reading.as_ref()?;
        if r.progress.is_parsing() {
            return Some("parsing…".into());
        }
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
        if self.at_end && r.reaches_end {
            return Some(100);
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
        let mode = self.reflow();
        // Bookmarks and the last jump outside the region shown, by input offset.
        let (mut parked, mut parked_jump) = (Vec::new(), None);
        if let Some(r) = &self.reading {
            if let Some(seeker) = &r.seeker {
                let place = |at: u64| position_at(&doc, seeker.text_offset(&map, at));
                parked = r
                    .parked_marks
                    .iter()
                    .map(|(&c, &at)| (c, place(at)))
                    .collect();
                parked_jump = r.parked_jump.map(place);
            }
        }
        self.input_map = Some(map);
        // The script was judged on the part shown first (a book's title page and first
        // chapter, a region): judged again on the whole text, so `t` converts what it is.
        let script = crate::script::detect_script(self.scripter.engine(), &doc.text);
        self.scripter.set_source_script(script);
        self.replace_document(doc, base, parked, parked_jump);
        // (The reader thread parses in the mode `L` chose while it read; this is the fallback.)
        if let Some(mode) = mode {
            self.set_reflow(mode);
        }
        let reading = self.reading.take();
        if let Some((i, title)) = reading.as_ref().and_then(|r| r.pending_entry.clone()) {
            self.jump_to_arrived_entry(i, &title);
        }
        let pending = reading.and_then(|r| r.pending);
        if let Some(a) = pending {
            self.message = None;
            self.update(a);
        }
    }

    /// Shows `doc` instead of the document shown, whose text is `doc`'s from offset `base`
    /// on, keeping the reader's place, bookmarks, the place before the last jump and the
    /// search by text offset; `parked` bookmarks and `parked_jump` (placed in `doc`) join them.
    pub(super) fn replace_document(
        &mut self,
        doc: Document,
        base: usize,
        parked: Vec<(char, Position)>,
        parked_jump: Option<Position>,
    ) {
        let old = self.doc.clone();
        let carry = |p: Position| position_at(&doc, base + text_offset(&old, p));
        let anchor = carry(self.anchor);
        let mut marks: std::collections::BTreeMap<char, Position> =
            self.marks.iter().map(|(&k, &p)| (k, carry(p))).collect();
        marks.extend(parked);
        let last_jump = self.last_jump.map(carry).or(parked_jump);
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
        if !self.search.query.is_empty() {
            let query = self.search.query.clone();
            self.search
                .start(&self.doc, &self.scripter, &query, anchor.block);
            self.search.origin = origin;
        }
    }
}

impl App {
    /// The input byte offset of the reading position, when the document was read in chunks
    /// (a large file): remembered with the place so the file reopens there at once. Once the
    /// whole document is read it comes from the chunk map; while it is read, it is estimated
    /// from the text offset in the part shown (exact for UTF-8 the sanitizer left alone, and
    /// within the line otherwise: the file reopens on that line).
    pub fn input_offset(&self) -> Option<u64> {
        if let Some(r) = &self.reading {
            let total = r.progress.total?;
            let text_at = text_offset(&self.doc, self.anchor);
            let at = match &r.seeker {
                Some(seeker) => seeker.input_offset(r.input_base, text_at),
                None => (r.input_base as f64 + text_at as f64 * r.input_per_text) as u64,
            };
            return Some(at.min(total));
        }
        let map = self.input_map.as_ref()?;
        map.input_offset(text_offset(&self.doc, self.anchor))
    }

    /// What is remembered of a document still being read, given what was remembered of it
    /// before (`stored`): the place by input offset, and by block only when the part shown is
    /// the start of the input (its blocks are the whole document's); the bookmarks as they
    /// were stored, but for those set or deleted since it opened: a bookmark set is kept by
    /// its input offset only (it was placed in a partial document, whose blocks are not the
    /// whole document's). `None` when the input has no size (a stream, never remembered).
    pub fn reading_file_state(&self, stored: Option<FileState>) -> Option<FileState> {
        let offset = Some(self.input_offset()?);
        let mut state = persist::file_state(self);
        state.offset = offset;
        if !self.at_head() {
            state.position = None;
        }
        let stored = stored.unwrap_or_default();
        state.bookmarks = stored.bookmarks;
        state.bookmark_offsets = stored.bookmark_offsets;
        if let Some(r) = &self.reading {
            for (&c, &set) in &r.marks_changed {
                state.bookmarks.remove(&c);
                state.bookmark_offsets.remove(&c);
                let at = match (self.marks.get(&c), &r.seeker) {
                    (Some(&p), Some(seeker)) if set => {
                        Some(seeker.input_offset(r.input_base, text_offset(&self.doc, p)))
                    }
                    _ if set => r.parked_marks.get(&c).copied(),
                    _ => None,
                };
                if let Some(at) = at {
                    state.bookmark_offsets.insert(c, at);
                }
            }
        }
        Some(state)
    }

    /// Notes that bookmark `c` was set or deleted (`set` false) while the input is read
    /// ([`Reading::marks_changed`]); a copy kept by input offset is dropped.
    pub fn mark_changed(&mut self, c: char, set: bool) {
        if let Some(r) = &mut self.reading {
            r.parked_marks.remove(&c);
            r.marks_changed.insert(c, set);
        }
    }

    /// Bookmarks remembered by input offset only (set while the file was read, last time),
    /// or also by it: placed in the region shown when they are in it, else kept by offset
    /// until a region holding them is shown or the whole document arrives. A bookmark the
    /// store also keeps by block is placed so only while the file is read.
    pub fn place_stored_marks(&mut self, offsets: &BTreeMap<char, u64>) {
        let Some(r) = &mut self.reading else {
            return;
        };
        if r.seeker.is_none() {
            return;
        }
        for (&c, &at) in offsets {
            self.marks.remove(&c);
            r.parked_marks.insert(c, at);
        }
        self.place_parked();
    }

    /// Takes the whole document ([`App::take_whole`]) and restores what the store keeps for
    /// it by block ([`persist::restore`]) — the place when it was past the part read first,
    /// and the bookmarks — merged with the bookmarks set or deleted while it was read and
    /// those the store keeps by input offset only: nothing set meanwhile is lost. Returns how
    /// the place was restored and the reading position carried over before that.
    pub fn take_whole_restoring(
        &mut self,
        doc: Document,
        map: InputMap,
        store: &StateStore,
        key: &str,
    ) -> (persist::Restored, Position) {
        let changed = self
            .reading
            .as_ref()
            .map(|r| r.marks_changed.clone())
            .unwrap_or_default();
        let by_offset_only: Vec<char> = store
            .get(key)
            .map(|s| {
                s.bookmark_offsets
                    .keys()
                    .filter(|c| !s.bookmarks.contains_key(c))
                    .copied()
                    .collect()
            })
            .unwrap_or_default();
        let base = self.region_text_start(&map);
        self.take_whole(doc, base, map);
        let here = self.anchor;
        let carried = self.marks.clone();
        let restored = persist::restore(self, store, key, true);
        for c in by_offset_only {
            if let Some(&p) = carried.get(&c) {
                self.marks.insert(c, p);
            }
        }
        for (c, set) in changed {
            match carried.get(&c) {
                Some(&p) if set => self.marks.insert(c, p),
                _ => self.marks.remove(&c),
            };
        }
        (restored, here)
    }
}

impl App {
    /// The text offset in the whole text (whose chunk checkpoints are `map`) where the partial
    /// document shown starts.
    pub fn region_text_start(&self, map: &InputMap) -> usize {
        match &self.reading {
            // A book's chapter: where that chapter starts in the whole text.
            Some(r) if r.book.is_some() => map
                .checkpoints
                .iter()
                .find(|c| c.0 == r.input_base)
                .map_or(0, |c| c.1),
            Some(r) if !self.at_head() => r
                .seeker
                .as_ref()
                .map_or(0, |s| s.text_offset(map, r.input_base)),
            _ => 0,
        }
    }
}

/// Saves the place of a document still being read (quitting before the read ends), so it
/// reopens there: see [`App::reading_file_state`]. Nothing for a stream or an unkeyed input.
pub fn save_while_reading(app: &App, store: &mut StateStore, key: &str) -> anyhow::Result<()> {
    if key.is_empty() || app.doc.source.name == "stdin" {
        return Ok(());
    }
    match app.reading_file_state(store.get(key)) {
        Some(state) => store.put(key, state),
        None => Ok(()),
    }
}

/// Saves the bookmarks of a document still being read as they are now (`m`, or a bookmark
/// deleted), leaving the remembered place as it was stored (it is restored once the file is
/// read, and saved when the reader quits).
pub fn save_marks_while_reading(
    app: &App,
    store: &mut StateStore,
    key: &str,
) -> anyhow::Result<()> {
    if key.is_empty() || app.doc.source.name == "stdin" {
        return Ok(());
    }
    let stored = store.get(key);
    let Some(now) = app.reading_file_state(stored.clone()) else {
        return Ok(());
    };
    let state = match stored {
        Some(s) => FileState {
            bookmarks: now.bookmarks,
            bookmark_offsets: now.bookmark_offsets,
            ..s
        },
        None => FileState {
            position: None,
            offset: None,
            ..now
        },
    };
    store.put(key, state)
}

/// The byte offset in the document's text of `p`.
pub fn text_offset(doc: &Document, p: Position) -> usize {
    doc.blocks
        .get(p.block)
        .map_or(doc.text_len(), |b| b.bytes.start + p.byte)
}

/// The position of text offset `at`: in the last block starting at or before it, clamped to
/// that block's text and a char boundary.
pub fn position_at(doc: &Document, at: usize) -> Position {
    let i = doc.blocks.partition_point(|b| b.bytes.start <= at);
    let Some(block) = i.checked_sub(1) else {
        return Position::default();
    };
    let text = doc.block_text(block);
    let mut byte = (at - doc.blocks.bytes(block).start).min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    Position { block, byte }
}

#[cfg(test)]
#[path = "indexing_tests.rs"]
pub(crate) mod tests;
