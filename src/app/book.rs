//! An EPUB shown from one chapter while the rest is rendered on a thread.
//!
//! [`open`] renders the chapter the reader opens at alone ([`crate::document::epub::open_part`]:
//! the first, the one holding the remembered place, or the `+N` table-of-contents entry's;
//! with the chapters after it when it is short, a cover or a title page)
//! and hands the whole book to [`crate::input::loader::start_job`], the background reader
//! plain text uses. Places in a book are *virtual input offsets* (the spine's chapters end to
//! end by inflated size), so the machinery of a large file works unchanged: the status line's
//! `reading 43%` and percentages, the place saved by input offset when the reader quits
//! early, and the hand-over by text offset when the whole book arrives
//! ([`super::App::take_whole`]: the chapter's text is the whole book's from its start).
//!
//! While the rest is rendered, what needs the whole book waits for it with the progress
//! shown ([`App::defer_for_book`]): `G` (unless the last chapter is shown), `g` from a later
//! chapter, `]` and `[` past the chapter's own sections, the navigator (the book's contents)
//! and the bookmark list (bookmarks are kept by block of the whole book: those remembered
//! come back with it; `m`/`'` work meanwhile on marks set in this session).

use std::sync::atomic::Ordering;

use crate::document::epub::{self, Want};
use crate::document::{Document, Format, OpenOptions};
use crate::input::loader::{self, Finished, Indexing, InputMap};
use crate::pager::StartAt;

use super::keymap::Action;
use super::state::App;

/// A book opened at one chapter, the rest being rendered.
pub struct Opening {
    pub doc: Document,
    pub reading: Indexing,
    /// The chapter's span in the virtual input, and the input bytes per text byte in it.
    pub input_base: u64,
    pub input_per_text: f64,
    /// The text offset in `doc` to open at (a remembered place, a `+N` entry's anchor).
    pub opened_at: Option<usize>,
    /// Which chapter is shown.
    pub shown: Shown,
}

/// Where the chapter shown is in the book.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    /// The first chapter: its blocks are the whole book's first blocks.
    pub first: bool,
    /// The last chapter: the book's end is in it.
    pub last: bool,
}

/// Hidden, for tests: each chapter rendered in the background waits this many milliseconds
/// (a slow book, to see the first chapter while the rest is still loading).
const DELAY_VAR: &str = "YUEDU_BOOK_PART_DELAY_MS";

/// Opens an EPUB at one chapter and starts rendering the whole book; `None` when `bytes` is
/// not an EPUB, the book has one chapter, or the chapter cannot be read alone (the caller
/// then opens it whole, which says what is wrong). `remembered`: the place saved as a
/// virtual input offset; `start`: `+N` (the N-th table-of-contents entry) wins over it.
pub fn open(
    bytes: &mut Option<Vec<u8>>,
    name: &str,
    opts: &OpenOptions,
    key: &str,
    remembered: Option<u64>,
    start: Option<&StartAt>,
) -> Option<Opening> {
    let b = bytes.as_deref()?;
    let is_epub = match opts.format {
        Some(f) => f == Format::Epub,
        None => crate::document::sniff::sniff(b) == Some(Format::Epub),
    };
    if !is_epub {
        return None;
    }
    let forced = crate::document::forced_encoding(opts).ok()?;
    let want = match (start, remembered) {
        (Some(StartAt::Line(n)), _) => Want::Entry(*n),
        (Some(_), _) => Want::First,
        // A place at the very top is no place to go back to.
        (None, Some(at)) if at > 0 => Want::Offset(at),
        (None, _) => Want::First,
    };
    let part = epub::open_part(b, name, forced, want).ok()??;
    let bytes = bytes.take()?;
    let (name, key) = (name.to_string(), key.to_string());
    let delay = std::env::var(DELAY_VAR)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(std::time::Duration::from_millis);
    // The navigator lists the book's contents at once (app::outline), by virtual offset.
    let found = part
        .outline
        .iter()
        .map(|(at, title, level)| loader::Found {
            at: *at,
            title: title.clone(),
            level: *level,
        })
        .collect();
    let progress = loader::Progress {
        total: Some(part.total),
        outline: std::sync::Mutex::new(found),
        ..loader::Progress::default()
    };
    let reading = loader::start_job(progress, move |progress, cancel| {
        let mut on_part = |at: u64| {
            progress.read.store(at, Ordering::Relaxed);
            if let Some(d) = delay {
                std::thread::sleep(d);
            }
            !cancel.load(Ordering::Relaxed)
        };
        let whole =
            epub::open_whole(&bytes, &name, forced, &mut on_part).map_err(|e| e.to_string())?;
        let notes = whole.doc.source.notes.join(" · ");
        let map = InputMap {
            checkpoints: whole.parts.checkpoints,
            end: (whole.parts.total, whole.doc.text.len()),
        };
        Ok(Finished {
            doc: whole.doc,
            map,
            key,
            truncated: (!notes.is_empty()).then_some(notes),
        })
    });
    let text_len = part.doc.text.len().max(1);
    Some(Opening {
        input_base: part.start,
        input_per_text: (part.end - part.start) as f64 / text_len as f64,
        opened_at: part.at,
        shown: Shown {
            first: part.first,
            last: part.end >= part.total,
        },
        doc: part.doc,
        reading,
    })
}

impl App {
    /// Goes to entry `i` of the book's contents while the book loads: in the chapters shown
    /// at once, else once the whole book is read (the status line says so).
    pub(super) fn jump_to_book_entry(&mut self, i: usize) {
        let Some(r) = &mut self.reading else {
            return;
        };
        let (Some(&at), Some(title)) = (
            r.outline_at.get(i),
            r.outline.get(i).map(|s| s.title.clone()),
        ) else {
            return;
        };
        let end = r.input_base + (self.doc.text_len() as f64 * r.input_per_text) as u64;
        if (r.input_base..end).contains(&at) {
            // The inverse of the offset the entry was given from its block's text offset.
            let t = (at - r.input_base) as f64 / r.input_per_text;
            let t = ((t - 1e-9).ceil().max(0.0) as usize).min(self.doc.text_len());
            let p = super::indexing::position_at(&self.doc, t);
            self.jump_to(super::view::Position { byte: 0, ..p });
            return;
        }
        r.pending_entry = Some((i, title.clone()));
        self.say(format!("reading the book… {title} once it is read"));
    }

    /// Entry `i` of the contents, named `title`, in the whole book just arrived.
    pub(super) fn jump_to_arrived_entry(&mut self, i: usize, title: &str) {
        // The wait is over: its "… once it is read" message goes.
        self.message = None;
        let sections = &self.doc.sections;
        let s = sections
            .get(i)
            .filter(|s| s.title == title)
            .or_else(|| sections.iter().find(|s| s.title == title));
        if let Some(s) = s {
            let p = super::view::Position {
                block: s.block,
                byte: 0,
            };
            self.jump_to(p);
        }
    }

    /// Whether `action` waits for the whole book (see the module's notes); if so it is kept
    /// to run then, and the status line says so.
    pub(super) fn defer_for_book(&mut self, action: Action, shown: Shown) -> bool {
        let sections = self.doc.sections.len();
        let current = self.current_section();
        let needs_whole = match action {
            Action::Top => !shown.first,
            Action::Bottom => !shown.last,
            Action::NextSection => current.map_or(0, |s| s + 1) >= sections && !shown.last,
            Action::PrevSection => current.is_none_or(|s| s == 0) && !shown.first,
            // The navigator lists the book's contents while it loads, when it has them.
            Action::ToggleNavigator => {
                self.refresh_outline();
                self.reading.as_ref().is_some_and(|r| r.outline.is_empty())
            }
            Action::OpenBookmarks => true,
            _ => false,
        };
        if !needs_whole {
            return false;
        }
        let what = match action {
            Action::Top => "the start",
            Action::Bottom => "the end",
            Action::NextSection => "the next section",
            Action::PrevSection => "the previous section",
            Action::ToggleNavigator => "the contents",
            _ => "the bookmarks",
        };
        if let Some(r) = &mut self.reading {
            r.pending = Some(action);
        }
        self.say(format!("reading the book… {what} once it is read"));
        true
    }
}
