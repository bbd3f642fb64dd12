//! The reader's state: the document, what is shown and how, where the reader is.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::document::Document;
use crate::layout::WrapOptions;
use crate::present::PresentOptions;
use crate::script::{Scripter, Variant};
use crate::store::{Settings, Theme};
use crate::units::Cells;

use super::component::Component;
use super::components::navigator::{is_side, Navigator, NAV_PANEL_WIDTH};
use super::keymap::Mode;
use super::search::SearchState;
use super::view::{LayoutKey, LineRef, Position, View};
use crate::script::Script;

/// The narrowest and widest reading column, in cells.
pub const MIN_COLUMN: usize = 8;
pub const MAX_COLUMN: usize = 1000;

/// What the reader asks of the run loop (it owns the terminal and the state file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    Quit,
    /// `Ctrl-Z`: suspend the process.
    Suspend,
    /// `Ctrl-L`: clear the terminal and draw everything again.
    Redraw,
    /// Bookmarks changed: save them now.
    SaveMarks,
}

/// The reader and the components open over it. The reader's own state is here; each
/// component keeps its own (see [`super::component`]). `update` applies a reader action,
/// [`App::apply`] a component's effect; `ui` draws it all.
pub struct App {
    pub doc: Arc<Document>,
    pub scripter: Scripter,
    pub view: View,
    /// The widest the reading column may be (the `--width` / `+` `-` setting).
    pub max_width: Cells,
    /// The width `=` returns to.
    pub default_width: Cells,
    /// Terminal size in cells.
    pub term_width: u16,
    pub term_height: u16,
    /// The first line on screen.
    pub top: LineRef,
    /// Where the reader is, in source coordinates: the start of the top line. Kept across
    /// relayouts (resize, variant, typography), so the same sentence stays at the top.
    pub anchor: Position,
    /// The last line of the document is on screen.
    pub at_end: bool,
    /// The components over the reader, bottom first; keys go to the top one first.
    pub stack: Vec<Box<dyn Component>>,
    pub search: SearchState,
    /// The word the reader clicked (block, source range), highlighted until `Esc`.
    pub selection: Option<(usize, std::ops::Range<crate::units::SourceByte>)>,
    pub marks: BTreeMap<char, Position>,
    /// Where the reader was before the last jump (`''` returns).
    pub last_jump: Option<Position>,
    /// A short-lived message for the status line.
    pub message: Option<String>,
    /// `Tab` was pressed on a terminal too small for the navigator: it opens (and the message
    /// goes) when the terminal grows enough, unless another key came first.
    pub navigator_wanted: bool,
    pub theme: Theme,
    /// What the run loop is asked to do, oldest first; it drains them.
    pub requests: Vec<Request>,
    /// Shown in help: the engine, encoding and config path.
    pub info: Vec<(String, String)>,
    /// The settings the reader started with (config file and flags).
    pub settings: Settings,
    /// Set while a large input is still being read ([`super::indexing`]).
    pub reading: Option<super::indexing::Reading>,
    /// Input offsets of text offsets, for a document read in chunks.
    pub input_map: Option<crate::input::loader::InputMap>,
    /// The variant the last `t` left, which the next `t` returns to (`t t` changes nothing).
    pub toggled_from: Option<Variant>,
    /// `L` on a large document: parsed again on a thread ([`super::reflow`]).
    pub reflowing: Option<super::reflow::Reflowing>,
}

impl App {
    /// A new app over `doc`, showing it with `present` and `wrap` (its width is the maximum
    /// column width), on a terminal of `size` cells.
    pub fn new(
        doc: Document,
        scripter: Scripter,
        present: PresentOptions,
        wrap: WrapOptions,
        paragraph_spacing: bool,
        size: (u16, u16),
    ) -> App {
        let key = LayoutKey {
            present,
            wrap,
            paragraph_spacing,
            indent: false,
        };
        // Width 0 (as `--dump` takes it: no wrapping) means, on screen, as wide as fits.
        let width = match wrap.width.0 {
            0 => Cells(MAX_COLUMN),
            w => Cells(w.clamp(MIN_COLUMN, MAX_COLUMN)),
        };
        let mut app = App {
            doc: Arc::new(doc),
            scripter,
            view: View::new(key),
            max_width: width,
            default_width: width,
            term_width: size.0,
            term_height: size.1,
            top: LineRef::default(),
            anchor: Position::default(),
            at_end: false,
            stack: Vec::new(),
            search: SearchState::default(),
            selection: None,
            marks: BTreeMap::new(),
            last_jump: None,
            message: None,
            navigator_wanted: false,
            theme: Theme::default(),
            requests: Vec::new(),
            info: Vec::new(),
            settings: Settings::default(),
            reading: None,
            input_map: None,
            toggled_from: None,
            reflowing: None,
        };
        app.relayout();
        app
    }

    /// The present options in force.
    pub fn present(&self) -> PresentOptions {
        self.view.key().present
    }

    pub fn variant(&self) -> Variant {
        self.present().variant
    }

    /// The navigator, when it is open.
    pub fn navigator(&self) -> Option<&Navigator> {
        self.stack.iter().find_map(|c| c.as_navigator())
    }

    /// Whose keys are in force: the top component's, or the reader's.
    pub fn keyboard(&self) -> Mode {
        self.stack.last().map_or(Mode::Reading, |c| c.mode())
    }

    /// True when the run loop is asked to quit or suspend (it stops taking keys first).
    pub fn wants_out(&self) -> bool {
        self.requests
            .iter()
            .any(|r| matches!(r, Request::Quit | Request::Suspend))
    }

    /// The side navigator's width (when it is open beside the text).
    pub fn nav_panel_width(&self) -> u16 {
        self.navigator()
            .map_or(NAV_PANEL_WIDTH, |n| n.side_width(self))
            .min(self.term_width)
    }

    /// The script the reader sees: the variant's, or the document's own for the original.
    /// Labels follow it (简体 labels for a simplified view).
    pub fn display_script(&self) -> Script {
        match self.variant() {
            Variant::Original => self.scripter.source_script(),
            Variant::Simplified => Script::Simplified,
            _ => Script::Traditional,
        }
    }

    /// True when the navigator is drawn beside the text (wide terminals).
    pub fn nav_is_side_panel(&self) -> bool {
        self.navigator().is_some() && is_side(self.term_width)
    }

    /// Width of the area the article is drawn in.
    pub fn article_area_width(&self) -> u16 {
        if self.nav_is_side_panel() {
            self.term_width.saturating_sub(self.nav_panel_width())
        } else {
            self.term_width
        }
    }

    /// Lines of text on screen (the status line takes the last row).
    pub fn page_height(&self) -> usize {
        usize::from(self.term_height.saturating_sub(1)).max(1)
    }

    /// The reading column's width: the maximum, or the area less a margin when narrower.
    /// Program output (a man page, coloured output) has no margin: it was laid out for the
    /// terminal's width, as `less -R` shows it.
    pub fn column_width(&self) -> Cells {
        let area = Cells::from_u16(self.article_area_width());
        let margin = if area.0 > 24 && !self.doc.source.program_output {
            Cells(4)
        } else {
            Cells::ZERO
        };
        let fit = area.saturating_sub(margin);
        Cells(self.max_width.0.min(fit.0).max(1))
    }

    /// Lays out again for the current size and options, keeping the anchor at the top.
    pub fn relayout(&mut self) {
        let mut key = self.view.key();
        key.wrap.width = self.column_width();
        self.view.set_key(key);
        self.top = self.view.line_of(&self.doc, &self.scripter, self.anchor);
        self.update_at_end();
    }

    fn update_at_end(&mut self) {
        let max = self.max_top();
        self.at_end = self.top >= max;
    }

    /// Changes present options (variant, typography) keeping the reader in place.
    pub fn set_present(&mut self, present: PresentOptions) {
        let mut key = self.view.key();
        key.present = present;
        self.view.set_key(key);
        self.relayout();
    }

    /// Program output (a man page, `git log --color`) fills the terminal's width like `less -R`
    /// instead of the reading column: the program laid its lines out for a terminal (man-db
    /// formats for the terminal's width), and prose keeps the column. Called unless `--width`
    /// was given on the command line; `+` `-` `=` still change it.
    pub fn fit_program_output(&mut self) {
        if self.doc.source.program_output {
            self.max_width = Cells(MAX_COLUMN);
            self.default_width = Cells(MAX_COLUMN);
            self.relayout();
        }
    }

    /// Turns the first-line indent of paragraphs on or off.
    pub fn set_indent(&mut self, on: bool) {
        let mut key = self.view.key();
        key.indent = on;
        self.view.set_key(key);
        self.relayout();
    }

    /// Sets the top line and records the anchor from it.
    pub fn set_top(&mut self, top: LineRef) {
        self.top = top;
        self.anchor = self.view.position_of(&self.doc, &self.scripter, top);
        self.update_at_end();
    }

    /// Puts `p` at the top of the screen.
    pub fn go_to(&mut self, p: Position) {
        self.anchor = p;
        self.top = self.view.line_of(&self.doc, &self.scripter, p);
        self.clamp_bottom();
        self.update_at_end();
    }

    /// Jumps (remembering where the reader was for `''`).
    pub fn jump_to(&mut self, p: Position) {
        self.last_jump = Some(self.anchor);
        self.go_to(p);
    }

    /// The highest top line that still fills the screen.
    pub fn max_top(&mut self) -> LineRef {
        let last = self.view.last_line(&self.doc, &self.scripter);
        let back = self.page_height().saturating_sub(1);
        let n = isize::try_from(back).unwrap_or(isize::MAX);
        self.view.step(&self.doc, &self.scripter, last, -n)
    }

    /// Keeps the top no lower than [`App::max_top`] (no empty screen past the end), without
    /// moving the anchor when the document is shorter than a screen.
    pub fn clamp_bottom(&mut self) {
        // A book's chapter shown while the rest is read: its end is not the book's, so a
        // place near it (a `+N` entry) stays at the top.
        if self
            .reading
            .as_ref()
            .and_then(|r| r.book)
            .is_some_and(|s| !s.last)
        {
            return;
        }
        let max = self.max_top();
        if self.top > max {
            self.set_top(max);
        }
    }

    /// Scrolls by `n` lines.
    pub fn scroll(&mut self, n: isize) {
        let target = self.view.step(&self.doc, &self.scripter, self.top, n);
        let max = self.max_top();
        let target = if n > 0 && target > max {
            max.max(self.top)
        } else {
            target
        };
        self.set_top(target);
    }

    /// Percent read: the byte offset of the top line in the whole text.
    pub fn percent(&self) -> u8 {
        if let Some(p) = self.reading_position_percent() {
            return p;
        }
        let total = self.doc.text_len();
        if total == 0 || self.doc.blocks.is_empty() || self.at_end {
            return 100;
        }
        let block = self
            .doc
            .blocks
            .at(self.anchor.block.min(self.doc.blocks.len() - 1));
        let at = block.bytes.start + self.anchor.byte;
        u8::try_from((at * 100 / total).min(100)).unwrap_or(100)
    }

    /// The section being read, as the status line and the navigator name it: where the
    /// reading starts — the current match's section while it is shown (a search, `+/pattern`,
    /// which put the match on the second row), else the section of the first text on screen
    /// (a blank row at the top, the space before a heading, belongs to what follows it).
    pub fn current_section(&self) -> Option<usize> {
        let shown_match = self
            .search
            .current
            .filter(|_| self.match_on_screen())
            .and_then(|i| self.search.matches.get(i));
        let block = match shown_match {
            Some(m) => m.block,
            None => {
                let b = self.anchor.block;
                let len = self.doc.blocks.get(b).map_or(0, |x| x.bytes.len());
                let gap_at_top = len > 0 && self.anchor.byte >= len;
                if gap_at_top && b + 1 < self.doc.blocks.len() {
                    b + 1
                } else {
                    b
                }
            }
        };
        self.doc.section_at(block)
    }

    /// The settings as they are now: the start settings with what the reader changed since
    /// (variant, width, theme, typography toggles) laid over them. The help screen lists them
    /// through the options table.
    pub fn live_settings(&self) -> Settings {
        let mut s = self.settings.clone();
        let key = self.view.key();
        s.variant = key.present.variant;
        s.width = self.max_width.0;
        s.theme = self.theme;
        let preset = s.typography.typography();
        let t = key.present.typography;
        let differs = |now: bool, was: Option<bool>, preset: bool| {
            (now != was.unwrap_or(preset)).then_some(now).or(was)
        };
        s.hide_pinyin = differs(t.hide_pinyin, s.hide_pinyin, preset.hide_pinyin);
        s.fullwidth_punctuation = differs(
            t.fullwidth_punctuation,
            s.fullwidth_punctuation,
            preset.fullwidth_punctuation,
        );
        s.indent = key.indent;
        s.paragraph_spacing = key.paragraph_spacing;
        s.hanging_punctuation = key.wrap.hanging_punctuation;
        if let Some(mode) = self.reflow() {
            s.reflow = mode;
        }
        s
    }

    /// Shows a message in the status line until the next key.
    pub fn say(&mut self, msg: impl Into<String>) {
        self.message = Some(msg.into());
    }
}
