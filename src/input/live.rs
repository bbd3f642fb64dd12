//! A stream shown as it arrives: what a paused writer has sent is parsed and handed to the
//! reader while the rest is still to come.
//!
//! `(echo 第一行; sleep 3; echo 第二行; sleep 20) | yuedu` shows its first line at once (the
//! first region, [`super::pump`]); the background reader ([`super::loader`]) then reads the
//! rest until the stream ends. Without this module the second line waited for that end; `less`
//! shows lines as they come. So while a stream is read, each read waits for the writer only
//! until a deadline ([`super::pump::Pump::read_until`]): when the writer has paused and input
//! came since the last hand-over, the text decoded so far (whole lines) is parsed alone and
//! left in [`super::loader::Progress::partial`] for the reader to take
//! ([`crate::app::App::take_partial`]): its text is the start of the whole text, so the reading
//! position carries over by text offset, as it does to the whole document.
//!
//! Hand-overs cost a parse of everything read so far, so they are spaced: at least
//! [`MIN_GAP`] apart, and four times as long as the last one took (parsing at most a fifth of
//! the time); past [`LIVE_MAX_BYTES`] of text there are none (the status line counts what is
//! read, and the text is shown when the stream ends, as before). A writer that never pauses
//! is read at full speed: a hand-over waits for a pause.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::document::{self, Document, OpenOptions, Sanitized};

/// Hand-overs are at least this far apart.
pub const MIN_GAP: Duration = Duration::from_millis(100);
/// No hand-overs past this much text (each would copy and parse all of it).
pub const LIVE_MAX_BYTES: usize = 32 << 20;

/// When the background reader hands what it has read of a stream to the reader.
#[derive(Debug)]
pub struct Live {
    /// Input bytes read when the text was last handed over (or at the start: none).
    shown_input: u64,
    /// Text bytes handed over last time.
    shown_text: usize,
    last: Instant,
    gap: Duration,
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

impl Live {
    pub fn new() -> Live {
        Live {
            shown_input: 0,
            shown_text: 0,
            last: Instant::now(),
            gap: MIN_GAP,
        }
    }

    /// How long the next read may wait for the writer before what has come is shown:
    /// `None` (as long as it takes) when everything read has been handed over, or the text is
    /// past [`LIVE_MAX_BYTES`]. `consumed` input bytes have been read, `text` bytes decoded.
    pub fn deadline(&self, consumed: u64, text: usize) -> Option<Instant> {
        (consumed > self.shown_input && text <= LIVE_MAX_BYTES).then_some(self.last + self.gap)
    }

    /// The writer has paused: hands over `out` (the text of the input read so far, whole
    /// lines) parsed as a document, unless no text came since the last time.
    pub fn publish(
        &mut self,
        consumed: u64,
        out: &Sanitized,
        name: &str,
        opts: &OpenOptions,
        slot: &Mutex<Option<Document>>,
    ) {
        self.shown_input = consumed;
        if out.text.len() == self.shown_text {
            return;
        }
        let started = Instant::now();
        let copy = Sanitized {
            text: out.text.clone(),
            spans: out.spans.clone(),
            controls_removed: out.controls_removed,
            encoding: out.encoding,
            replacements: out.replacements,
            rewritten: out.rewritten,
        };
        if let Ok(doc) = document::parse_sanitized(copy, name, opts) {
            if let Ok(mut s) = slot.lock() {
                *s = Some(doc);
            }
        }
        self.shown_text = out.text.len();
        self.last = Instant::now();
        self.gap = MIN_GAP.max(4 * self.last.duration_since(started));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sanitized(text: &str) -> Sanitized {
        Sanitized {
            text: text.into(),
            encoding: "UTF-8",
            ..Sanitized::default()
        }
    }

    #[test]
    fn input_not_yet_shown_sets_a_deadline_and_a_pause_hands_it_over() {
        let mut live = Live::new();
        let slot = Mutex::new(None);
        let opts = OpenOptions::default();
        // Nothing read beyond what was shown: wait as long as it takes.
        assert_eq!(live.deadline(0, 0), None);
        let due = live.deadline(12, 0).expect("input came");
        assert!(due <= Instant::now() + MIN_GAP);
        live.publish(16, &sanitized("第一行文字\n"), "stdin", &opts, &slot);
        let doc = slot.lock().unwrap().take().expect("handed over");
        assert_eq!(doc.text_len(), "第一行文字\n".len());
        assert_eq!(live.deadline(16, doc.text_len()), None);
        // A line without its line feed yet: nothing new to parse, and no deadline until more.
        live.publish(20, &sanitized("第一行文字\n"), "stdin", &opts, &slot);
        assert!(slot.lock().unwrap().is_none());
        assert_eq!(live.deadline(20, 16), None);
        // Past the cap: no more hand-overs.
        assert_eq!(live.deadline(u64::MAX, LIVE_MAX_BYTES + 1), None);
    }
}
