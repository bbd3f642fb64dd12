//! Following footnotes: `Enter` follows the selected footnote marker (a click selects), else
//! the first marker on the page; a click on a marker follows it at once. The marker's target
//! is a block ([`crate::document::InlineStyle::NoteRef`]); the jump goes through
//! [`App::jump_to`], so `''` comes back (DECISIONS "Keys": Enter and a click on a footnote
//! marker follow it). A note's back link (`↩`) is a marker too, leading back to the text.

use crate::document::InlineStyle;

use super::state::App;
use super::view::Position;

impl App {
    /// `Enter`: follows the selected marker, else the first marker shown.
    pub fn follow_note(&mut self) {
        let selected = self
            .selection
            .as_ref()
            .and_then(|(b, r)| self.doc.note_at(*b, r.start.0));
        let target = selected.or_else(|| {
            let page = self.page(self.page_height());
            page.rows.iter().flat_map(|r| &r.runs).find_map(|run| {
                run.style.inline.iter().find_map(|s| match s {
                    InlineStyle::NoteRef { target } => Some(*target),
                    _ => None,
                })
            })
        });
        match target {
            Some(t) => self.follow(t),
            None => self.say("no footnote marker on this page"),
        }
    }

    /// A click at (`x`, `y`): follows the footnote marker drawn there and returns true, or
    /// returns false when there is none.
    pub fn click_note(&mut self, x: u16, y: u16) -> bool {
        let Some(p) = self.hit_test(x, y) else {
            return false;
        };
        match self.doc.note_at(p.block, p.byte) {
            Some(t) => {
                self.follow(t);
                true
            }
            None => false,
        }
    }

    fn follow(&mut self, target: usize) {
        self.selection = None;
        self.jump_to(Position {
            block: target,
            byte: 0,
        });
        self.say("note · '' goes back");
    }
}
