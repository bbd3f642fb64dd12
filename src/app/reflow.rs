//! The `L` key: a plain text shown as reflowed paragraphs or as the source's lines
//! ([`crate::document::reflow`]), switched keeping the reading position.
//!
//! Both views are parses of the same text ([`crate::document::reparse_plain`]), so a place is
//! carried from one to the other by its byte offset in that text: the source byte at the top
//! of the screen stays at the top (in the line that now holds it), and bookmarks, the place
//! before the last jump and the search follow the same way. The mode is remembered per
//! document like the variant ([`super::persist`]); `--reflow` sets it for one run, and
//! `--dump`/`--toc` never use what is remembered.

use std::sync::Arc;

use crate::document::reflow::Reflow;

use super::indexing::{position_at, text_offset};
use super::state::App;
use super::view::{Position, View};

impl App {
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
        let head_shown = self.at_head();
        if !self.set_reflow(next) {
            return;
        }
        // While a large file is read: the first region, the regions read next and the whole
        // document in the same mode (app::indexing).
        self.reflow_while_reading(next, head_shown);
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
        true
    }
}
