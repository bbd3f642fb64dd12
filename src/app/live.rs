//! The reader's side of a stream shown as it arrives ([`crate::input::live`]): what the
//! writer has sent so far replaces the document shown, the reading position staying put (by
//! text offset: the new text starts with the old); at the end of the text, as in `less`, the
//! new lines can be scrolled to. `G` goes to the end of what has come and then follows the
//! stream, like `less`'s `F`, as long as the view stays at the end (scrolling up stops it).

use crate::document::Document;

use super::state::App;

impl App {
    /// Takes what a paused stream has sent since the last call, if anything; true when the
    /// document shown changed.
    pub fn poll_partial(&mut self) -> bool {
        let Some(doc) = self
            .reading
            .as_ref()
            .and_then(|r| r.progress.take_partial())
        else {
            return false;
        };
        self.take_partial(doc);
        true
    }

    /// Shows `doc`, the stream read so far (its text starts with the text shown).
    pub fn take_partial(&mut self, doc: Document) {
        let follow = self.following();
        self.replace_document(doc, 0, Vec::new(), None);
        if let Some(r) = &mut self.reading {
            // The document shown is the stream's start: what `g` returns to.
            if let Some(head) = &mut r.head {
                head.0 = self.doc.clone();
            }
            r.follow = follow;
        }
        if follow {
            self.to_the_end();
        }
    }

    /// `G` while a stream is read: the end of what has come, then what comes next.
    pub(super) fn follow_stream(&mut self) {
        if let Some(r) = &mut self.reading {
            r.follow = true;
        }
        self.say("at the end: following new lines as they come (scroll up to stop)");
    }

    /// The view follows the stream: `G` was pressed and it is still at the end.
    pub fn following(&self) -> bool {
        self.at_end && self.reading.as_ref().is_some_and(|r| r.follow)
    }

    /// Puts the last screenful of the text on screen.
    pub fn to_the_end(&mut self) {
        let max = self.max_top();
        if max > self.top {
            self.set_top(max);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::app::indexing::Reading;
    use crate::app::keymap::Action;
    use crate::app::state::App;
    use crate::document::{self, OpenOptions};
    use crate::input::loader::Progress;
    use crate::layout::WrapOptions;
    use crate::present::PresentOptions;
    use crate::script::{Identity, Script, Scripter};
    use crate::units::Cells;

    fn lines(n: usize) -> String {
        (0..n).map(|i| format!("第{i}行，這是一行。\n")).collect()
    }

    fn doc(text: &str) -> document::Document {
        document::open_vec(text.as_bytes().to_vec(), "stdin", &OpenOptions::default()).unwrap()
    }

    /// An app reading a stream whose first `n` lines have come, on a 60×10 terminal.
    fn stream_app(n: usize) -> App {
        let scripter = Scripter::new(Arc::new(Identity), Script::Traditional);
        let mut app = App::new(
            doc(&lines(n)),
            scripter,
            PresentOptions::default(),
            WrapOptions::new(Cells(60)),
            false,
            (60, 10),
        );
        let head = (app.doc.clone(), 0, 1.0);
        app.reading = Some(Reading {
            progress: Arc::new(Progress {
                live: true,
                ..Progress::default()
            }),
            input_per_text: 1.0,
            head: Some(head),
            ..Reading::default()
        });
        app
    }

    fn top_text(app: &App) -> String {
        let b = app.doc.block_text(app.anchor.block);
        b[app.anchor.byte..]
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    }

    #[test]
    fn new_lines_keep_the_place_and_g_follows_until_the_view_leaves_the_end() {
        let mut app = stream_app(30);
        app.scroll(5);
        let top = top_text(&app);
        app.take_partial(doc(&lines(60)));
        assert_eq!(top_text(&app), top, "the place moved");
        assert!(app.at_head(), "`g` would leave the stream's start");
        // `G`: the end of what has come, at once (not deferred until the stream ends)…
        app.update(Action::Bottom);
        assert!(app.at_end && app.following());
        // …and the end of what comes next.
        app.take_partial(doc(&lines(90)));
        assert!(app.at_end, "not following");
        assert!(app
            .doc
            .block_text(app.doc.blocks.len() - 1)
            .contains("第89行"));
        // Scrolled up: the view stays put when more comes.
        app.scroll(-3);
        let top = top_text(&app);
        app.take_partial(doc(&lines(120)));
        assert!(!app.following());
        assert_eq!(top_text(&app), top);
    }
}
