//! The navigator while a large file is read: the chapter lines the reader thread has found so
//! far ([`crate::input::loader::Found`]) instead of the sections of the region shown, growing
//! as they arrive, with the progress in the panel's title (`indexing 43%`). Choosing one shows
//! the region of the file around it ([`super::regions`]); once the whole document is parsed
//! the navigator lists its sections again.

use crate::document::Section;

use super::components::navigator::Entry;
use super::indexing::{position_at, text_offset};
use super::keymap::Action;
use super::state::App;
use super::view::Position;

impl App {
    /// The sections the navigator lists: while the file is read, the chapter lines found so
    /// far (when there are any), else the document's.
    pub fn nav_sections(&self) -> &[Section] {
        match &self.reading {
            Some(r) if !r.outline.is_empty() => &r.outline,
            _ => &self.doc.sections,
        }
    }

    /// The navigator lists the chapter lines found while reading ([`App::nav_sections`]).
    pub fn outline_shown(&self) -> bool {
        self.reading.as_ref().is_some_and(|r| !r.outline.is_empty())
    }

    /// The progress the navigator shows in its title while the file is read (`indexing 43%`).
    pub fn outline_progress(&self) -> Option<String> {
        let r = self.reading.as_ref()?;
        Some(match r.progress.percent() {
            Some(p) => format!("indexing {p}%"),
            None => format!("indexing {} MB", r.progress.mib()),
        })
    }

    /// The index in [`App::nav_sections`] of the section being read.
    pub fn nav_current(&self) -> Option<usize> {
        let Some(r) = self.reading.as_ref().filter(|r| !r.outline.is_empty()) else {
            return self.current_section();
        };
        let at = self.estimated_input_offset();
        match r.outline_at.partition_point(|&a| a <= at) {
            0 => None,
            n => Some(n - 1),
        }
    }

    /// Where a navigator entry is, in percent of the document (of the file while it is read).
    pub fn nav_percent(&self, e: &Entry) -> u8 {
        if let (Some(r), Some(i)) = (&self.reading, e.section) {
            if let (Some(&at), Some(total)) = (r.outline_at.get(i), r.progress.total) {
                return u8::try_from(at * 100 / total.max(1)).unwrap_or(100);
            }
        }
        let total = self.doc.text_len().max(1);
        let start = self.doc.blocks.get(e.block).map_or(0, |b| b.bytes.start);
        u8::try_from(start * 100 / total).unwrap_or(100)
    }

    /// The input offset of the reading position, estimated without reading the file (for
    /// drawing): exact enough to tell which chapter it is in.
    fn estimated_input_offset(&self) -> u64 {
        let Some(r) = &self.reading else {
            return 0;
        };
        r.input_base + (text_offset(&self.doc, self.anchor) as f64 * r.input_per_text) as u64
    }

    /// Takes the chapter lines the reader thread found since the last call; true when there
    /// are new ones (the navigator's caches are then stale).
    pub fn refresh_outline(&mut self) -> bool {
        let Some(r) = &mut self.reading else {
            return false;
        };
        let Ok(found) = r.progress.outline.lock() else {
            return false;
        };
        if found.len() == r.outline.len() {
            return false;
        }
        for f in &found[r.outline.len()..] {
            r.outline.push(Section {
                title: f.title.clone(),
                subtitle: None,
                level: f.level,
                block: r.outline.len(),
            });
            r.outline_at.push(f.at);
        }
        drop(found);
        for c in &mut self.stack {
            c.document_changed();
        }
        // `]` waiting for a chapter line past the region shown: it may be found now.
        let waiting = self.reading.as_mut().and_then(|r| {
            (r.pending == Some(Action::NextSection))
                .then(|| r.pending.take())
                .flatten()
        });
        if let Some(a) = waiting {
            self.message = None;
            self.update(a);
        }
        true
    }

    /// Goes to chapter line `i` of those found while reading: in the region shown when it is
    /// there, else in the region of the file around it.
    pub fn jump_to_outline(&mut self, i: usize) {
        let Some(r) = &self.reading else {
            return;
        };
        if r.book.is_some() {
            self.jump_to_book_entry(i);
            return;
        }
        let (Some(&at), Some(section)) = (r.outline_at.get(i), r.outline.get(i)) else {
            return;
        };
        let title = section.title.clone();
        let end = r.input_base + (self.doc.text_len() as f64 * r.input_per_text) as u64;
        // Another region: the place left is kept (by input offset) for `''`.
        let switch = !(r.input_base..end).contains(&at);
        if switch && self.show_window_at(at).is_none() {
            return;
        }
        let Some(r) = &self.reading else {
            return;
        };
        let text_at = (at.saturating_sub(r.input_base) as f64 / r.input_per_text) as usize;
        let guess = position_at(&self.doc, text_at);
        let target = nearest_line(&self.doc, guess.block, &title).unwrap_or(guess);
        if switch {
            self.go_to(target);
        } else {
            self.jump_to(target);
        }
    }
}

/// The block nearest to `near` whose text is the chapter line `title` (a heading, or any
/// block when the region's parse did not make it one).
fn nearest_line(doc: &crate::document::Document, near: usize, title: &str) -> Option<Position> {
    let is = |b: usize| {
        b < doc.blocks.len() && {
            let text = doc.block_text(b);
            crate::document::spaces::trim(&text) == title || text.starts_with(title)
        }
    };
    (0..2000).find_map(|d| {
        [near.checked_add(d), near.checked_sub(d)]
            .into_iter()
            .flatten()
            .find(|&b| is(b))
            .map(|block| Position { block, byte: 0 })
    })
}
