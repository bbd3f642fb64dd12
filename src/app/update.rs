//! Update: a key goes down the component stack to the reader; a reader [`Action`] or a
//! component's [`Effect`] changes the state. No I/O here: what needs the terminal or the
//! state file becomes a [`Request`] for the run loop.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use crate::present::PresentOptions;
use crate::script::{Script, Variant};
use crate::units::Cells;

use super::component::{Effect, Handled};
use super::components::navigator::{is_side, panel_rect, NAV_PANEL_WIDTH};
use super::components::{BookmarkList, Help, MarkPrompt, Navigator, SearchPrompt, VariantPicker};
use super::keymap::{lookup, Action, Mode};
use super::state::{App, Request, MAX_COLUMN, MIN_COLUMN};
use super::view::Position;

/// The script `v` shows of a document written in `source` (`Unknown`: the original of a text
/// whose script is not known).
fn shown_script(v: Variant, source: Script) -> Script {
    match v {
        Variant::Original => source,
        Variant::Simplified => Script::Simplified,
        _ => Script::Traditional,
    }
}

/// Column width step for `+` / `-`, in cells.
const WIDTH_STEP: usize = 4;
/// Lines the mouse wheel scrolls.
const WHEEL_LINES: isize = 3;
/// Said when `Tab` cannot show the navigator.
const TOO_SMALL_FOR_NAVIGATOR: &str = "the terminal is too small for the navigator";

impl App {
    /// Handles a key press: the top component first, down the stack, then the reader.
    pub fn on_key(&mut self, ev: KeyEvent) {
        // A terminal sends Esc and a key typed right after it (fast typing, a paste, tmux
        // `send-keys`) as one Alt+key sequence. yuedu binds no Alt keys, so it is read as
        // what was typed: Esc, then the key.
        if let KeyCode::Char(_) = ev.code {
            if ev.modifiers.contains(KeyModifiers::ALT)
                && !ev.modifiers.contains(KeyModifiers::CONTROL)
            {
                self.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
                let mut plain = ev;
                plain.modifiers.remove(KeyModifiers::ALT);
                return self.on_key(plain);
            }
        }
        // `Ctrl-Z` suspends whatever has the keyboard (a job-control key, like the shell's);
        // `Ctrl-C` is in each panel's and prompt's keymap rows as `Esc` (less cancels a
        // prompt with it) and quits only from the reader.
        if ev.code == KeyCode::Char('z') && ev.modifiers.contains(KeyModifiers::CONTROL) {
            self.requests.push(Request::Suspend);
            return;
        }
        if self.keyboard() == Mode::Reading {
            self.message = None;
            self.navigator_wanted = false;
        }
        for i in (0..self.stack.len()).rev() {
            let mut stack = std::mem::take(&mut self.stack);
            let handled = stack[i].on_key(&ev, self);
            self.stack = stack;
            if let Handled::Consumed(effects) = handled {
                self.apply_from(i, effects);
                return;
            }
        }
        if let Some(action) = lookup(Mode::Reading, &ev) {
            self.update(action);
        }
    }

    /// Applies a component's effects; `from` is its place on the stack (for `Close`).
    fn apply_from(&mut self, from: usize, effects: Vec<Effect>) {
        if effects.iter().any(|e| matches!(e, Effect::Close)) && from < self.stack.len() {
            self.stack.remove(from);
        }
        for e in effects {
            self.apply(e);
        }
    }

    /// Applies one effect.
    pub fn apply(&mut self, e: Effect) {
        match e {
            Effect::Close => {}
            Effect::Push(c) => self.stack.push(c),
            Effect::Reader(a) => self.update(a),
            Effect::JumpTo(p) => self.jump_to(p),
            Effect::GoTo(p) => self.go_to(p),
            Effect::JumpToOutline(i) => self.jump_to_outline(i),
            Effect::SetVariant(v) => self.set_variant(v),
            Effect::SetMark(c) => self.mark_key(false, c),
            Effect::JumpToMark(c) => self.mark_key(true, c),
            Effect::DeleteMark(c) => {
                self.marks.remove(&c);
                self.mark_changed(c, false);
                self.requests.push(Request::SaveMarks);
            }
            Effect::Search(text) => self.search_incremental(&text),
            Effect::SubmitSearch { empty } => self.search_submit(empty),
            Effect::CancelSearch => self.search_cancel(),
            Effect::Relayout => self.relayout(),
            Effect::Say(m) => self.say(m),
        }
    }

    /// Applies a reader action.
    pub fn update(&mut self, action: Action) {
        if self.defer_until_whole(action) {
            return;
        }
        let page = isize::try_from(self.page_height()).unwrap_or(isize::MAX);
        match action {
            Action::LineDown => self.scroll(1),
            Action::LineUp => self.scroll(-1),
            Action::PageDown => self.scroll((page - 2).max(1)),
            Action::PageUp => self.scroll(-(page - 2).max(1)),
            Action::HalfDown => self.scroll((page / 2).max(1)),
            Action::HalfUp => self.scroll(-(page / 2).max(1)),
            Action::Top => self.jump_to(Position::default()),
            Action::Bottom => {
                self.last_jump = Some(self.anchor);
                let max = self.max_top();
                self.set_top(max);
            }
            Action::NextSection => self.section_step(true),
            Action::PrevSection => self.section_step(false),
            Action::ToggleNavigator => self.open_navigator(),
            Action::ToggleScript => self.toggle_script(),
            Action::OpenVariantMenu => {
                let picker = VariantPicker::new(self.variant());
                self.stack.push(Box::new(picker));
            }
            Action::Help => self.stack.push(Box::<Help>::default()),
            Action::Quit => self.requests.push(Request::Quit),
            Action::StartSearch => {
                self.search.origin = Some(self.anchor);
                self.stack.push(Box::<SearchPrompt>::default());
            }
            Action::NextMatch => self.match_step(true),
            Action::PrevMatch => self.match_step(false),
            Action::StartMark => self.stack.push(Box::new(MarkPrompt { jump: false })),
            Action::StartJump => self.stack.push(Box::new(MarkPrompt { jump: true })),
            Action::OpenBookmarks => self.stack.push(Box::<BookmarkList>::default()),
            Action::Wider => self.set_width(self.max_width.0 + WIDTH_STEP),
            Action::Narrower => {
                // From "as wide as fits", narrowing starts at the current column.
                let from = self.max_width.0.min(self.column_width().0);
                self.set_width(from.saturating_sub(WIDTH_STEP))
            }
            Action::ResetWidth => self.set_width(self.default_width.0),
            Action::CycleTheme => {
                self.theme = self.theme.next();
                // Under NO_COLOR the screen stays plain whatever the theme: say so, rather
                // than name a theme that does not show (it is kept for a run with colours).
                let name = self.theme.name();
                self.say(if self.theme.effective() == self.theme {
                    format!("theme: {name}")
                } else {
                    format!("theme: {name} — colours are off (NO_COLOR is set)")
                });
            }
            Action::TogglePinyin => {
                let mut p = self.present();
                p.typography.hide_pinyin = !p.typography.hide_pinyin;
                let what = self.annotations_here();
                let state = if p.typography.hide_pinyin {
                    "hidden"
                } else {
                    "shown"
                };
                self.say(format!("{what} {state}"));
                self.set_present(p);
            }
            Action::TogglePunctuation => {
                let mut p = self.present();
                p.typography.fullwidth_punctuation = !p.typography.fullwidth_punctuation;
                self.say(if p.typography.fullwidth_punctuation {
                    "full-width punctuation"
                } else {
                    "punctuation as written"
                });
                self.set_present(p);
            }
            Action::ToggleReflow => self.toggle_reflow(),
            Action::FollowNote => self.follow_note(),
            Action::Suspend => self.requests.push(Request::Suspend),
            Action::Redraw => self.requests.push(Request::Redraw),
            // `Esc` with no panel open: clear the search highlights.
            Action::Close => {
                self.search.clear();
                self.selection = None;
            }
            // Component actions (lists, prompts) are theirs.
            _ => {}
        }
    }

    /// Opens the navigator with the current section selected, unless the terminal is too
    /// small to show it.
    fn open_navigator(&mut self) {
        if !self.navigator_fits() {
            self.say(TOO_SMALL_FOR_NAVIGATOR);
            self.navigator_wanted = true;
            return;
        }
        self.navigator_wanted = false;
        let nav = Navigator::open(self);
        let empty = nav.entries(self).is_empty();
        self.stack.push(Box::new(nav));
        self.relayout();
        if empty {
            self.say("no sections found in this document");
        }
    }

    /// Whether the navigator's panel fits the terminal.
    fn navigator_fits(&self) -> bool {
        let rect = panel_rect((self.term_width, self.term_height), NAV_PANEL_WIDTH);
        rect.height >= 4 && rect.width >= 10
    }

    /// Handles a terminal resize. A navigator asked for while the terminal was too small
    /// opens once it fits, and the message saying it did not goes.
    pub fn on_resize(&mut self, width: u16, height: u16) {
        self.term_width = width;
        self.term_height = height;
        // A side panel the reader was reading beside (not focused) has no room beside the
        // text any more: it closes rather than turn into an overlay over the text that the
        // reading keys scroll unseen underneath (newcomer finding); `Tab` brings it back.
        if !is_side(width) {
            self.stack
                .retain(|c| c.as_navigator().is_none_or(|n| n.focused));
        }
        self.relayout();
        if self.navigator_wanted && self.navigator_fits() {
            if self.message.as_deref() == Some(TOO_SMALL_FOR_NAVIGATOR) {
                self.message = None;
            }
            self.open_navigator();
        }
    }

    /// Handles the mouse: the components first (the navigator scrolls and jumps), then the
    /// reader: the wheel scrolls, a click in the text selects a word.
    pub fn on_mouse(&mut self, ev: MouseEvent) {
        for i in (0..self.stack.len()).rev() {
            let mut stack = std::mem::take(&mut self.stack);
            let handled = stack[i].on_mouse(&ev, self);
            self.stack = stack;
            if let Handled::Consumed(effects) = handled {
                self.apply_from(i, effects);
                return;
            }
        }
        match ev.kind {
            MouseEventKind::ScrollDown => self.scroll(WHEEL_LINES),
            MouseEventKind::ScrollUp => self.scroll(-WHEEL_LINES),
            // A click in the text selects the word drawn there (through the page's
            // hit-testing); beside the text it clears the selection.
            // A click on a footnote marker follows it.
            MouseEventKind::Down(MouseButton::Left)
                if self.keyboard() == Mode::Reading && self.click_note(ev.column, ev.row) => {}
            MouseEventKind::Down(MouseButton::Left) if self.keyboard() == Mode::Reading => {
                self.click(ev.column, ev.row);
            }
            _ => {}
        }
    }

    fn set_width(&mut self, w: usize) {
        self.max_width = Cells(w.clamp(MIN_COLUMN, MAX_COLUMN));
        self.relayout();
        self.say(format!(
            "column width {} (fits {})",
            self.max_width,
            self.column_width()
        ));
    }

    /// Switches variant keeping the reader in place.
    pub fn set_variant(&mut self, v: Variant) {
        let p = PresentOptions {
            variant: v,
            ..self.present()
        };
        self.set_present(p);
        self.say(format!(
            "{} · OpenCC: {}",
            v.label(),
            self.scripter.engine().name()
        ));
    }

    /// `t`: simplified ⇄ traditional, the document's own script shown as written. From the
    /// original it goes to the script the document is not in, and a second `t` comes back to
    /// the view it left — the original (not the text converted there and back), or the variant
    /// chosen with `v` (Taiwan, Hong Kong …) — so `t t` changes nothing.
    fn toggle_script(&mut self) {
        let now = self.variant();
        let source = self.scripter.source_script();
        let back = self
            .toggled_from
            .take()
            .filter(|&from| shown_script(from, source) != shown_script(now, source));
        let next = back.unwrap_or(match shown_script(now, source) {
            // The simplified view: back to the original of a traditional (or unknown) text.
            Script::Simplified if source == Script::Simplified => Variant::Traditional,
            Script::Simplified => Variant::Original,
            _ if now == Variant::Original || source != Script::Simplified => Variant::Simplified,
            // A converted traditional view of a simplified text: its original.
            _ => Variant::Original,
        });
        self.set_variant(next);
        self.toggled_from = Some(now);
    }

    fn section_step(&mut self, forward: bool) {
        let cur = self.anchor.block;
        let secs = &self.doc.sections;
        let target = if forward {
            secs.iter().find(|s| s.block > cur).map(|s| s.block)
        } else {
            // The start of the current section if we are inside it, else the previous one.
            let at_start = self.anchor.byte == 0;
            secs.iter()
                .rev()
                .find(|s| s.block < cur || (!at_start && s.block == cur))
                .map(|s| s.block)
        };
        match target {
            Some(b) => self.jump_to(Position { block: b, byte: 0 }),
            None if secs.is_empty() => self.say("no sections in this document"),
            None => self.say(if forward {
                "last section"
            } else {
                "first section"
            }),
        }
    }

    /// The letter after `m` (`jump` false) or `'` (`jump` true).
    fn mark_key(&mut self, jump: bool, c: char) {
        // While a large file is read, a place outside the region shown (app::regions).
        if jump && self.jump_to_parked(c) {
            return;
        }
        match (jump, c) {
            (false, c) if c.is_ascii_alphabetic() => {
                self.marks.insert(c, self.anchor);
                self.mark_changed(c, true);
                self.requests.push(Request::SaveMarks);
                self.say(format!("bookmark {c} set"));
            }
            (true, '\'') => match self.last_jump {
                Some(p) => self.jump_to(p),
                None => self.say("no earlier position"),
            },
            (true, c) => match self.marks.get(&c) {
                Some(&p) => self.jump_to(p),
                None => self.say(format!("no bookmark {c}")),
            },
            _ => self.say("bookmarks are letters a–z, A–Z"),
        }
    }
}

impl App {
    /// What `p` shows or hides here, for its message: a book's ruby (the author's `rt`,
    /// anywhere in the document), inline pinyin (`發(fā)`, on the page being read), or both;
    /// "pinyin" when there is neither.
    fn annotations_here(&self) -> &'static str {
        use crate::document::AnnotationKind;
        let doc = &self.doc;
        let ruby = doc
            .blocks
            .any_annotation(|a| a.kind == AnnotationKind::Ruby);
        let from = self.anchor.block;
        let to = (from + self.page_height().max(1)).min(doc.blocks.len());
        let pinyin = (from..to).any(|b| {
            let text = doc.block_text(b);
            crate::typography::hide_pinyin(&text).0.len() != text.len()
        });
        match (ruby, pinyin) {
            (true, true) => "ruby and pinyin",
            (true, false) => "ruby",
            _ => "pinyin",
        }
    }
}
