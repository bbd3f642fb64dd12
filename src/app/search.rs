//! Search in the reader: the prompt, a background search over the document, the match list.
//!
//! The search runs in a thread over block ranges (from the reading position to the end, then
//! from the start), sending matches in chunks, so a 100 MB file never freezes the screen;
//! typing a new query cancels the running one.
//!
//! While a large file is still being read, the document searched is the part read so far
//! ([`super::indexing`]). A search (`Enter`, `n`, `N`) that finds nothing further in it is
//! not "not found": it waits ([`Awaiting`]), the status line says `searching…` beside the
//! read's progress, and it is answered on the whole text once that arrives — the first match
//! after the place, a wrap only when it truly wraps, or `not found`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;
use std::thread;

use crate::document::Document;
use crate::script::Scripter;
use crate::search::{search_blocks, Match, Query};

use super::view::Position;

/// Blocks searched between two progress reports.
const CHUNK_BLOCKS: usize = 2000;

/// A chunk of results from the search thread.
struct Chunk {
    /// The block range searched; matches are inside it, in order.
    blocks: std::ops::Range<usize>,
    matches: Vec<Match>,
}

/// A search running in the background.
pub struct Running {
    rx: Receiver<Chunk>,
    cancel: Arc<AtomicBool>,
    /// Blocks searched so far.
    pub done_blocks: usize,
    pub total_blocks: usize,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// A search asked for (`Enter`, `n`, `N`) while the file is read that the part read could
/// not answer: it is answered on the whole text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Awaiting {
    /// `n` (or `Enter`): the first match after the place; `N`: the last before it.
    pub forward: bool,
    /// The place, in text bytes after the reading position (the current match shown, for
    /// `n`/`N`; 0 for `Enter`): the reading position is kept across regions and the whole
    /// document's arrival, so this is too.
    pub after_anchor: usize,
    /// A match starting at the place itself does not count (it is the one shown).
    pub strict: bool,
}

/// Search state in the app.
#[derive(Default)]
pub struct SearchState {
    /// The query the matches are for.
    pub query: String,
    /// All matches found so far, in document order.
    pub matches: Vec<Match>,
    /// Index of the current match.
    pub current: Option<usize>,
    /// Where the reader was when the prompt opened (`Esc` returns there).
    pub origin: Option<Position>,
    /// The reading position right after the current match was shown; when the reader has
    /// moved since, `n`/`N` count from the reading position instead.
    pub shown_at: Option<Position>,
    pub running: Option<Running>,
    /// A search the part read so far could not answer ([`Awaiting`]).
    pub awaiting: Option<Awaiting>,
}

impl SearchState {
    /// Starts searching `doc` for `text` from block `from`, cancelling any running search.
    pub fn start(&mut self, doc: &Arc<Document>, scripter: &Scripter, text: &str, from: usize) {
        self.running = None;
        self.matches.clear();
        self.current = None;
        self.query = text.to_string();
        let Some(query) = Query::new(text, scripter.engine()) else {
            return;
        };
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let n = doc.blocks.len();
        let from = from.min(n);
        let (doc, stop) = (doc.clone(), cancel.clone());
        thread::spawn(move || {
            crate::terminal::fault_point("search");
            let ranges = [from..n, 0..from];
            for range in ranges {
                let mut b = range.start;
                while b < range.end {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let e = (b + CHUNK_BLOCKS).min(range.end);
                    let matches = search_blocks(&doc, &query, b..e, &stop);
                    if tx
                        .send(Chunk {
                            blocks: b..e,
                            matches,
                        })
                        .is_err()
                    {
                        return;
                    }
                    b = e;
                }
            }
        });
        self.running = Some(Running {
            rx,
            cancel,
            done_blocks: 0,
            total_blocks: n,
        });
    }

    /// Takes in what the search thread found; true when anything changed.
    pub fn poll(&mut self) -> bool {
        let Some(run) = &mut self.running else {
            return false;
        };
        let mut changed = false;
        loop {
            match run.rx.try_recv() {
                Ok(chunk) => {
                    run.done_blocks += chunk.blocks.len();
                    let at = self
                        .matches
                        .partition_point(|m| m.block < chunk.blocks.start);
                    let current = self.current.map(|c| &self.matches[c]).cloned();
                    self.matches.splice(at..at, chunk.matches);
                    if let Some(c) = current {
                        self.current = self.matches.iter().position(|m| *m == c);
                    }
                    changed = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.running = None;
                    return true;
                }
            }
        }
        changed
    }

    /// True while the search thread is still working.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The first match at or after `p`, if found yet.
    pub fn first_at_or_after(&self, p: Position) -> Option<usize> {
        let i = self
            .matches
            .partition_point(|m| (m.block, m.bytes.start) < (p.block, p.byte));
        (i < self.matches.len()).then_some(i)
    }

    /// Matches inside block `b`.
    pub fn in_block(&self, b: usize) -> &[Match] {
        let s = self.matches.partition_point(|m| m.block < b);
        let e = self.matches.partition_point(|m| m.block <= b);
        &self.matches[s..e]
    }

    /// Forgets the query and matches.
    pub fn clear(&mut self) {
        *self = SearchState::default();
    }
}

use super::keymap::Mode;
use super::state::App;

impl App {
    /// Restarts the search for `text` (called on every key typed at the prompt).
    pub fn search_incremental(&mut self, text: &str) {
        self.search.awaiting = None;
        let from = self.search.origin.unwrap_or(self.anchor);
        self.search
            .start(&self.doc, &self.scripter, text, from.block);
        self.search_follow();
    }

    /// Takes in background results; while the prompt is open, shows the first match after
    /// the origin as soon as it is known.
    pub fn search_poll(&mut self) -> bool {
        let changed = self.search.poll();
        if self.search.awaiting.is_some() {
            self.search_answer();
        } else if changed && self.search.current.is_none() {
            self.search_follow();
        }
        changed
    }

    /// Whether the document searched is only the part of the input read so far.
    fn partial(&self) -> bool {
        self.reading.is_some()
    }

    /// Waits for the whole text to answer a search ([`Awaiting`]), saying so.
    fn search_wait(&mut self, awaiting: Awaiting, what: &str) {
        self.search.awaiting = Some(awaiting);
        self.say(format!(
            "{what}: {} — searching all of it once it is read",
            self.search.query
        ));
        self.search_answer();
    }

    /// Answers an awaited search when it can: a match after the place as soon as it is
    /// known, else — once the whole text is searched — the wrap or `not found`.
    fn search_answer(&mut self) {
        let Some(w) = self.search.awaiting else {
            return;
        };
        let at = super::indexing::text_offset(&self.doc, self.anchor) + w.after_anchor;
        let start = |m: &Match| self.doc.blocks.bytes(m.block).start + m.bytes.start;
        let matches = &self.search.matches;
        let first_after = matches.partition_point(|m| {
            let s = start(m);
            s < at || (w.strict && s == at)
        });
        // The thread searches from the reading position's block on: a match after the place
        // found while it runs is the first one.
        let found = w.forward && first_after < matches.len();
        let whole = !self.partial() && !self.search.is_running();
        if !found && !whole {
            return;
        }
        self.search.awaiting = None;
        self.message = None;
        let n = matches.len();
        let before = matches.partition_point(|m| start(m) < at);
        let i = if n == 0 {
            self.say(format!("not found: {}", self.search.query));
            return;
        } else if w.forward && found {
            first_after
        } else if w.forward {
            self.say("search wrapped to the top");
            0
        } else if let Some(i) = before.checked_sub(1) {
            i
        } else {
            self.say("search wrapped to the bottom");
            n - 1
        };
        self.search.current = Some(i);
        self.last_jump = Some(self.anchor);
        self.show_match(i);
    }

    fn search_follow(&mut self) {
        let origin = self.search.origin.unwrap_or(self.anchor);
        // Until the part after the origin is searched, an earlier match may not be the first.
        let after = self.search.first_at_or_after(origin);
        // Wrap to the first match only in the whole text: in the part read so far, one may
        // come after the origin in what is not read yet.
        let found = after.or_else(|| {
            (!self.search.is_running() && !self.search.matches.is_empty() && !self.partial())
                .then_some(0)
        });
        if let Some(i) = found {
            self.search.current = Some(i);
            self.show_match(i);
        } else if self.keyboard() == Mode::Search {
            self.go_to(origin);
        }
    }

    fn show_match(&mut self, i: usize) {
        if let Some(m) = self.search.matches.get(i) {
            let p = Position {
                block: m.block,
                byte: m.bytes.start,
            };
            // Put the match on the second line of the screen, so a line of context shows —
            // but never lower the top past the last screen, where the match is already
            // visible (going to the match and then scrolling up a line pushed a match on the
            // document's last line below the screen).
            let line = self.view.line_of(&self.doc, &self.scripter, p);
            let top = self
                .view
                .prev(&self.doc, &self.scripter, line)
                .unwrap_or(line);
            let max = self.max_top();
            self.set_top(top.min(max));
            self.search.shown_at = Some(self.anchor);
        }
    }

    /// True when the current match is the one the reader was last shown and has not moved
    /// away from.
    pub fn match_on_screen(&self) -> bool {
        self.search.current.is_some() && self.search.shown_at == Some(self.anchor)
    }

    /// `Enter` at the prompt: keep the matches (an empty prompt clears the search).
    pub fn search_submit(&mut self, empty: bool) {
        if empty {
            self.search.clear();
            return;
        }
        if let Some(o) = self.search.origin {
            self.last_jump = Some(o);
        }
        if self.partial() && self.search.current.is_none() {
            let from_here = Awaiting {
                forward: true,
                after_anchor: 0,
                strict: false,
            };
            self.search_wait(from_here, "not found yet");
            return;
        }
        if self.search.matches.is_empty() && !self.search.is_running() {
            let msg = self.not_found();
            self.say(msg);
        }
    }

    /// "not found: …", or, while the rest of the document is read, that the search runs
    /// again on all of it (and shows the first match then).
    fn not_found(&self) -> String {
        let q = &self.search.query;
        match &self.reading {
            Some(_) => format!("not found yet: {q} — searching all of it once it is read"),
            None => format!("not found: {q}"),
        }
    }

    /// `Esc` at the prompt: forget the search, back to where it started.
    pub fn search_cancel(&mut self) {
        let origin = self.search.origin;
        self.search.clear();
        if let Some(o) = origin {
            self.go_to(o);
        }
    }

    /// `n` / `N`: the next or previous match, wrapping around with a note.
    pub fn match_step(&mut self, forward: bool) {
        let n = self.search.matches.len();
        if self.search.awaiting.is_some() && !self.search.query.is_empty() {
            // Still waiting: say so again.
            let q = &self.search.query;
            self.say(format!(
                "not found yet: {q} — searching all of it once it is read"
            ));
            return;
        }
        if n == 0 && self.partial() && !self.search.query.is_empty() {
            let from_here = Awaiting {
                forward,
                after_anchor: 0,
                strict: false,
            };
            self.search_wait(from_here, "not found yet");
            return;
        }
        if n == 0 {
            self.say(if self.search.query.is_empty() {
                "no search yet: press / to search".to_string()
            } else {
                self.not_found()
            });
            return;
        }
        // From the current match while it is on screen, else from the reading position.
        let candidate = match (self.match_on_screen(), self.search.current) {
            (true, Some(c)) if forward => Some(c + 1).filter(|&i| i < n),
            (true, Some(c)) => c.checked_sub(1),
            _ if forward => self.search.first_at_or_after(self.anchor),
            _ => self
                .search
                .first_at_or_after(self.anchor)
                .unwrap_or(n)
                .checked_sub(1),
        };
        let next = match candidate {
            Some(i) => i,
            // In the part read so far there is none further: the rest of the file may hold
            // one, so wait for the whole text rather than wrap.
            None if self.partial() => {
                let on_screen = self.match_on_screen();
                let after_anchor = match (on_screen, self.search.current) {
                    (true, Some(c)) => {
                        let m = &self.search.matches[c];
                        let at = self.doc.blocks.bytes(m.block).start + m.bytes.start;
                        at.saturating_sub(super::indexing::text_offset(&self.doc, self.anchor))
                    }
                    _ => 0,
                };
                let awaiting = Awaiting {
                    forward,
                    after_anchor,
                    strict: on_screen,
                };
                self.search_wait(awaiting, "no more matches yet");
                return;
            }
            // The one match, shown: nothing to wrap to.
            None if n == 1 && self.match_on_screen() => {
                self.say(format!("the only match: {}", self.search.query));
                0
            }
            None if forward => {
                self.say("search wrapped to the top");
                0
            }
            None => {
                self.say("search wrapped to the bottom");
                n - 1
            }
        };
        self.search.current = Some(next);
        self.last_jump = Some(self.anchor);
        self.show_match(next);
    }
}
