//! Moving between regions of a large file while it is read: `G` shows the file's tail at
//! once (parsed alone from a line start near the end), `g` the first region again, and `''`
//! or `'x` a window around a place outside the region shown.
//!
//! Positions in the region shown are the document's; bookmarks and the place before the
//! last jump that fall outside it are kept by input offset ([`super::indexing::Reading`]),
//! placed again when a region holding them is shown, and in the whole document when it
//! arrives.

use std::sync::Arc;

use crate::document::Document;
use crate::input::loader::InputMap;

use super::indexing::{position_at, text_offset};

/// Text left below (or above) the top of the screen when the next region is shown: a few
/// screens, more than a page.
const REGION_MARGIN: usize = 16 << 10;
use super::state::App;
use super::view::Position;

impl App {
    /// `G` while the file is read: shows its tail, at its end (false when there is no file
    /// to read it from).
    pub(super) fn show_tail(&mut self) -> bool {
        let Some(seeker) = self.reading.as_ref().and_then(|r| r.seeker.clone()) else {
            return false;
        };
        let Some(region) = seeker.tail() else {
            return false;
        };
        self.last_jump = Some(self.anchor);
        let per_text = region.input_per_text();
        self.show_region(Arc::new(region.doc), region.input.start, per_text, true);
        let max = self.max_top();
        self.set_top(max);
        true
    }

    /// `g` while another region is shown: the first region again, at its top.
    pub(super) fn show_head(&mut self) {
        let Some((doc, base, per_text)) = self.reading.as_ref().and_then(|r| r.head.clone()) else {
            return;
        };
        self.last_jump = Some(self.anchor);
        self.show_region(doc, base, per_text, false);
        self.go_to(Position::default());
    }

    /// Replaces the partial document by `doc`, the region of the file from input offset
    /// `base` (a line start): bookmarks and the last jump in the old region are kept by input
    /// offset, those in the new one placed in it. The reading position is the caller's to set.
    pub(super) fn show_region(
        &mut self,
        doc: Arc<Document>,
        base: u64,
        per_text: f64,
        reaches_end: bool,
    ) {
        let Some((seeker, old_base)) = self
            .reading
            .as_ref()
            .and_then(|r| Some((r.seeker.clone()?, r.input_base)))
        else {
            return;
        };
        let input_of = |p: Position| seeker.input_offset(old_base, text_offset(&self.doc, p));
        let marks: Vec<(char, u64)> = self.marks.iter().map(|(&c, &p)| (c, input_of(p))).collect();
        let jump = self.last_jump.map(input_of);
        self.doc = doc;
        self.view = super::view::View::new(self.view.key());
        for c in &mut self.stack {
            c.document_changed();
        }
        self.marks.clear();
        self.last_jump = None;
        self.anchor = Position::default();
        self.relayout();
        let Some(r) = &mut self.reading else {
            return;
        };
        r.parked_marks.extend(marks);
        if jump.is_some() {
            r.parked_jump = jump;
        }
        r.input_base = base;
        r.input_per_text = per_text;
        r.reaches_end = reaches_end;
        self.place_parked();
        if !self.search.query.is_empty() {
            let query = self.search.query.clone();
            self.search.start(&self.doc, &self.scripter, &query, 0);
        }
    }

    /// Places the bookmarks and the last jump kept by input offset that lie in the region
    /// shown in it.
    pub(super) fn place_parked(&mut self) {
        let Some(r) = &mut self.reading else {
            return;
        };
        let Some(seeker) = r.seeker.clone() else {
            return;
        };
        let (base, per_text) = (r.input_base, r.input_per_text);
        let end = base + (self.doc.text_len() as f64 * per_text) as u64;
        let map = InputMap {
            checkpoints: vec![(base, 0)],
            end: (end, self.doc.text_len()),
        };
        let inside = |at: u64| at >= base && at < end;
        let place = |at: u64| position_at(&self.doc, seeker.text_offset(&map, at));
        let placed: Vec<(char, Position)> = r
            .parked_marks
            .iter()
            .filter(|&(_, &at)| inside(at))
            .map(|(&c, &at)| (c, place(at)))
            .collect();
        for (c, p) in placed {
            r.parked_marks.remove(&c);
            self.marks.insert(c, p);
        }
        if let Some(at) = r.parked_jump.filter(|&at| inside(at)) {
            r.parked_jump = None;
            self.last_jump = Some(place(at));
        }
    }

    /// `'x` or `''` while the file is read, for a place kept by input offset: shows the
    /// region around it there. False when the place is not kept so (the caller goes on).
    pub(super) fn jump_to_parked(&mut self, c: char) -> bool {
        let Some(r) = &self.reading else {
            return false;
        };
        let at = match c {
            '\'' if self.last_jump.is_none() => r.parked_jump,
            '\'' => None,
            c => r.parked_marks.get(&c).copied(),
        };
        let Some(at) = at else {
            return false;
        };
        // (The place left is kept by input offset: `''` again returns there.)
        let Some(at_text) = self.show_window_at(at) else {
            return false;
        };
        let p = position_at(&self.doc, at_text);
        self.go_to(p);
        true
    }

    /// Shows the region of the file around input offset `at` — the first region when `at`
    /// is in it — keeping the place left for `''`; returns the text offset of `at` in it.
    pub(super) fn show_window_at(&mut self, at: u64) -> Option<usize> {
        self.reading.as_ref()?.seeker.as_ref()?;
        self.last_jump = Some(self.anchor);
        self.show_around(at, true)
    }

    /// Scrolling `n` lines while the file is read, near the end of a region that does not
    /// reach the end of the file (or, up, near the start of one that is not the first): the
    /// region around the top of the screen is shown instead, with the same line at the top,
    /// and the scroll then goes on in it — reading runs on across regions without waiting for
    /// the whole file. True when the region changed.
    pub(super) fn continue_region(&mut self, n: isize) -> bool {
        let Some(r) = &self.reading else {
            return false;
        };
        let Some(seeker) = r.seeker.clone() else {
            return false;
        };
        let at_text = text_offset(&self.doc, self.anchor);
        let near_end = n > 0 && !r.reaches_end && self.doc.text_len() - at_text < REGION_MARGIN;
        let near_start = n < 0 && !self.at_head() && at_text < REGION_MARGIN;
        if !near_end && !near_start {
            return false;
        }
        let at = seeker.input_offset(r.input_base, at_text);
        // Up into the first region: the first region itself.
        let Some(top) = self.show_around(at, near_start) else {
            return false;
        };
        self.go_to(position_at(&self.doc, top));
        true
    }

    /// Shows the region of the file around input offset `at` (the first region when `at` is
    /// in it and `prefer_head`); returns the text offset of `at` in it.
    fn show_around(&mut self, at: u64, prefer_head: bool) -> Option<usize> {
        let r = self.reading.as_ref()?;
        let seeker = r.seeker.clone()?;
        let head = r.head.clone();
        let window = if prefer_head {
            seeker.window(at)
        } else {
            seeker.window_any(at)
        };
        match window {
            Some(w) => {
                let per_text = w.input_per_text();
                let at_text = w.at_text;
                let reaches_end = w.input.end >= seeker.len();
                self.show_region(Arc::new(w.doc), w.input.start, per_text, reaches_end);
                Some(at_text)
            }
            // In the first region.
            None => {
                let (doc, base, per_text) = head?;
                self.show_region(doc, base, per_text, false);
                let map = InputMap {
                    checkpoints: vec![(base, 0)],
                    end: (seeker.len(), self.doc.text_len()),
                };
                Some(seeker.text_offset(&map, at))
            }
        }
    }
}

#[cfg(test)]
#[path = "regions_tests.rs"]
mod tests;
