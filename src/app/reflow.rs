//! The `L` key: a plain text shown as reflowed paragraphs or as the source's lines
//! ([`crate::document::reflow`]), switched keeping the reading position.
//!
//! Both views are parses of the same text ([`crate::document::reparse_plain`]), so a place is
//! carried from one to the other by its byte offset in that text: the source byte at the top
//! of the screen stays at the top (in the line that now holds it), and bookmarks, the place
//! before the last jump and the search follow the same way. The mode is remembered per
//! document like the variant ([`super::persist`]); `--reflow` sets it for one run, and
//! `--dump`/`--toc` never use what is remembered.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;
use std::time::Instant;

use crate::document::reflow::Reflow;
use crate::document::{Document, OpenError};

use super::indexing::{position_at, text_offset};
use super::state::App;
use super::view::{Position, View};

/// A document at least this long is parsed again on a thread when `L` is pressed (a 100 MB
/// text takes about a second, a 1 GB one ten), the reader keeping its keys meanwhile.
pub const BACKGROUND_BYTES: usize = 8 << 20;

/// The document being parsed again in another reflow mode, on a thread.
#[derive(Debug)]
pub struct Reflowing {
    rx: Receiver<Option<Result<Document, OpenError>>>,
    /// The document it is parsed from (the hand-over is dropped if another replaced it).
    from: Arc<Document>,
    mode: Reflow,
    since: Instant,
}

impl App {
    /// `L` on a large document: parses it again in `mode` on a thread; the status line says so
    /// with the time it has taken ([`App::reflow_progress`]) until [`App::reflow_poll`] hands
    /// the new document over.
    pub fn set_reflow_in_background(&mut self, mode: Reflow) {
        let (tx, rx) = mpsc::channel();
        let doc = self.doc.clone();
        let regex = self.settings.heading_regex.clone();
        let spawned = std::thread::Builder::new()
            .name("reflow".into())
            .spawn(move || {
                let _ = tx.send(crate::document::reparse_plain(&doc, regex.as_deref(), mode));
            });
        if spawned.is_err() {
            // No thread: here, waiting.
            self.set_reflow(mode);
            return;
        }
        self.reflowing = Some(Reflowing {
            rx,
            from: self.doc.clone(),
            mode,
            since: Instant::now(),
        });
        self.say(self.reflow_progress().unwrap_or_default());
    }

    /// What the status line shows while `L` is parsing a large document again.
    pub fn reflow_progress(&self) -> Option<String> {
        let r = self.reflowing.as_ref()?;
        let what = match r.mode {
            Reflow::Off => "source lines",
            _ => "reflowed paragraphs",
        };
        Some(format!(
            "L: parsing {} MB again as {what}… {} s",
            self.doc.text_len() >> 20,
            r.since.elapsed().as_secs()
        ))
    }

    /// Takes the document parsed again by `L`, once it is ready, keeping the reader's place
    /// (as [`App::set_reflow`] does); true when something changed.
    pub fn reflow_poll(&mut self) -> bool {
        let Some(r) = &self.reflowing else {
            return false;
        };
        let result = match r.rx.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => {
                // The message counts the seconds.
                self.message = self.reflow_progress();
                return true;
            }
            Err(TryRecvError::Disconnected) => None,
        };
        let Some(r) = self.reflowing.take() else {
            return false;
        };
        self.message = None;
        if !Arc::ptr_eq(&r.from, &self.doc) {
            // Another document replaced it meanwhile (a large file's whole text arrived).
            return true;
        }
        match result {
            Some(Ok(doc)) => {
                self.install_reparsed(doc);
                self.say_reflow(r.mode);
            }
            Some(Err(e)) => self.say(format!("{e}")),
            None => self.say("L: could not parse the text again"),
        }
        true
    }

    /// Whether `L` is parsing the document again on a thread (the event loop ticks to show it).
    pub fn reflow_running(&self) -> bool {
        self.reflowing.is_some()
    }

    /// The reflow mode of the document, when it is plain text that `L` can change.
    pub fn reflow(&self) -> Option<Reflow> {
        self.doc.source.reflow.map(|r| r.mode)
    }

    /// `L`: reflowed paragraphs ⇄ the source's lines, with a message saying which.
    pub fn toggle_reflow(&mut self) {
        let Some(mode) = self.reflow() else {
            self.say("L: only plain text is reflowed (this document keeps its own layout)");
            return;
        };
        let next = mode.toggled();
        if self.reflowing.is_some() {
            return self.say(self.reflow_progress().unwrap_or_default());
        }
        if self.reading.is_none() && self.doc.text_len() >= BACKGROUND_BYTES {
            return self.set_reflow_in_background(next);
        }
        let head_shown = self.at_head();
        if !self.set_reflow(next) {
            return;
        }
        // While a large file is read: the first region, the regions read next and the whole
        // document in the same mode (app::indexing).
        self.reflow_while_reading(next, head_shown);
        self.say_reflow(next);
    }

    /// Says which mode `L` left the document in.
    fn say_reflow(&mut self, next: Reflow) {
        let joined = self.doc.source.reflow.is_some_and(|r| r.joined);
        self.say(match next {
            Reflow::Off => "source lines, as the file has them (L: reflowed paragraphs)",
            _ if joined => "reflowed paragraphs (L: source lines)",
            _ => "reflowed paragraphs: this text is not hard-wrapped, its lines are its paragraphs",
        });
    }

    /// Shows the document parsed with reflow `mode`, keeping the reader's place. False when
    /// the document is not reflowable plain text, or already in that mode.
    pub fn set_reflow(&mut self, mode: Reflow) -> bool {
        if self.reflow().is_none_or(|m| m == mode) {
            return false;
        }
        let regex = self.settings.heading_regex.clone();
        let doc = match crate::document::reparse_plain(&self.doc, regex.as_deref(), mode) {
            Some(Ok(doc)) => doc,
            Some(Err(e)) => {
                self.say(format!("{e}"));
                return false;
            }
            None => return false,
        };
        self.install_reparsed(doc);
        true
    }

    /// Shows `doc`, the document parsed again in another reflow mode (the same text), keeping
    /// the reader's place, bookmarks, the place before the last jump and the search.
    fn install_reparsed(&mut self, doc: Document) {
        let old = self.doc.clone();
        let carry = |p: Position| position_at(&doc, text_offset(&old, p));
        let anchor = carry(self.anchor);
        self.marks = self.marks.iter().map(|(&k, &p)| (k, carry(p))).collect();
        self.last_jump = self.last_jump.map(carry);
        let origin = self.search.origin.map(carry);
        self.selection = None;
        self.doc = Arc::new(doc);
        self.view = View::new(self.view.key());
        for c in &mut self.stack {
            c.document_changed();
        }
        self.anchor = anchor;
        self.relayout();
        // Matches name blocks: search again in the new blocks.
        if !self.search.query.is_empty() {
            let query = self.search.query.clone();
            self.search
                .start(&self.doc, &self.scripter, &query, anchor.block);
            self.search.origin = origin;
        }
    }
}
