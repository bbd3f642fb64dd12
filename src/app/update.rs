//! Update: key → [`Action`] → new state. No I/O here.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use crate::present::PresentOptions;
use crate::script::{Script, Variant};
use crate::units::Cells;

use super::keymap::{lookup, Action, Mode};
use super::state::{App, MAX_COLUMN, MIN_COLUMN, NAV_PANEL_WIDTH};
use super::view::Position;

/// Column width step for `+` / `-`, in cells.
const WIDTH_STEP: usize = 4;
/// Lines the mouse wheel scrolls.
const WHEEL_LINES: isize = 3;

impl App {
    /// Handles a key press.
    pub fn on_key(&mut self, ev: KeyEvent) {
        if self.mode == Mode::Reading {
            self.message = None;
        }
        let printable = match ev.code {
            KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
            _ => None,
        };
        match self.mode {
            Mode::SetMark | Mode::JumpMark => {
                let mode = self.mode;
                self.mode = Mode::Reading;
                if let Some(c) = printable {
                    self.mark_key(mode, c);
                }
                return;
            }
            Mode::Search => {
                if let Some(c) = printable {
                    self.search.prompt.push(c);
                    self.search_incremental();
                    return;
                }
            }
            Mode::Navigator => {
                // j/k move while the filter is empty; otherwise every letter filters.
                if let Some(c) = printable {
                    if !(self.nav.filter.is_empty() && (c == 'j' || c == 'k')) {
                        self.nav.filter.push(c);
                        self.nav.selected = 0;
                        return;
                    }
                }
            }
            Mode::VariantMenu => {
                if let Some(d) = printable.and_then(|c| c.to_digit(10)) {
                    if let Some(v) = usize::try_from(d).ok().and_then(|d| d.checked_sub(1)) {
                        if v < Variant::ALL.len() {
                            self.mode = Mode::Reading;
                            self.set_variant(Variant::ALL[v]);
                        }
                    }
                    return;
                }
            }
            _ => {}
        }
        if let Some(action) = lookup(self.mode, &ev) {
            self.update(action);
        }
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) {
        if self.defer_until_whole(action) {
            return;
        }
        let page = isize::try_from(self.page_height()).unwrap_or(isize::MAX);
        match (self.mode, action) {
            (_, Action::LineDown) if self.mode == Mode::Reading => self.scroll(1),
            (_, Action::LineUp) if self.mode == Mode::Reading => self.scroll(-1),
            (_, Action::PageDown) => self.scroll((page - 2).max(1)),
            (_, Action::PageUp) => self.scroll(-(page - 2).max(1)),
            (_, Action::HalfDown) => self.scroll((page / 2).max(1)),
            (_, Action::HalfUp) => self.scroll(-(page / 2).max(1)),
            (_, Action::Top) => self.jump_to(Position::default()),
            (_, Action::Bottom) => {
                self.last_jump = Some(self.anchor);
                let max = self.max_top();
                self.set_top(max);
            }
            (_, Action::NextSection) => self.section_step(true),
            (_, Action::PrevSection) => self.section_step(false),
            (_, Action::ToggleNavigator) => {
                // Closed → open with the keyboard; open beside the text → take the keyboard.
                self.open_navigator();
                self.relayout();
            }
            (_, Action::ToggleScript) => self.toggle_script(),
            (_, Action::OpenVariantMenu) => {
                self.menu_selected = Variant::ALL
                    .iter()
                    .position(|v| *v == self.variant())
                    .unwrap_or(0);
                self.mode = Mode::VariantMenu;
            }
            (_, Action::Help) => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            (_, Action::Quit) => self.quit = true,
            (_, Action::StartSearch) => {
                self.search.prompt.clear();
                self.search.origin = Some(self.anchor);
                self.mode = Mode::Search;
            }
            (_, Action::NextMatch) => self.match_step(true),
            (_, Action::PrevMatch) => self.match_step(false),
            (_, Action::StartMark) => self.mode = Mode::SetMark,
            (_, Action::StartJump) => self.mode = Mode::JumpMark,
            (_, Action::OpenBookmarks) => {
                self.bookmark_selected = 0;
                self.mode = Mode::Bookmarks;
            }
            (_, Action::Wider) => self.set_width(self.max_width.0 + WIDTH_STEP),
            (_, Action::Narrower) => {
                // From "as wide as fits", narrowing starts at the current column.
                let from = self.max_width.0.min(self.column_width().0);
                self.set_width(from.saturating_sub(WIDTH_STEP))
            }
            (_, Action::ResetWidth) => self.set_width(self.default_width.0),
            (_, Action::CycleTheme) => {
                self.theme = self.theme.next();
                self.say(format!("theme: {}", self.theme.name()));
            }
            (_, Action::TogglePinyin) => {
                let mut p = self.present();
                p.typography.hide_pinyin = !p.typography.hide_pinyin;
                self.say(if p.typography.hide_pinyin {
                    "pinyin hidden"
                } else {
                    "pinyin shown"
                });
                self.set_present(p);
            }
            (_, Action::TogglePunctuation) => {
                let mut p = self.present();
                p.typography.fullwidth_punctuation = !p.typography.fullwidth_punctuation;
                self.say(if p.typography.fullwidth_punctuation {
                    "full-width punctuation"
                } else {
                    "punctuation as written"
                });
                self.set_present(p);
            }
            (_, Action::Suspend) => self.suspend = true,
            (_, Action::Redraw) => self.redraw = true,
            (Mode::Navigator, a) => self.navigator_action(a),
            (Mode::VariantMenu, a) => self.menu_action(a),
            (Mode::Bookmarks, a) => self.bookmarks_action(a),
            (Mode::Search, a) => self.search_action(a),
            (Mode::Help, Action::ListDown) => self.help_scroll += 1,
            (Mode::Help, Action::ListUp) => self.help_scroll = self.help_scroll.saturating_sub(1),
            (Mode::Reading, Action::Close) => {
                if self.nav.open {
                    self.nav.open = false;
                    self.relayout();
                } else {
                    self.search.clear();
                    self.selection = None;
                }
            }
            (_, Action::Close) => self.mode = Mode::Reading,
            _ => {}
        }
    }

    /// Handles a terminal resize.
    pub fn on_resize(&mut self, width: u16, height: u16) {
        self.term_width = width;
        self.term_height = height;
        self.relayout();
    }

    /// Handles the mouse: the wheel scrolls (the navigator when over it), a click in the
    /// navigator jumps, a click in the text selects a word.
    pub fn on_mouse(&mut self, ev: MouseEvent) {
        let over_nav = self.nav_is_side_panel() && ev.column < NAV_PANEL_WIDTH;
        match ev.kind {
            MouseEventKind::ScrollDown if over_nav => self.navigator_action(Action::ListDown),
            MouseEventKind::ScrollUp if over_nav => self.navigator_action(Action::ListUp),
            MouseEventKind::ScrollDown => self.scroll(WHEEL_LINES),
            MouseEventKind::ScrollUp => self.scroll(-WHEEL_LINES),
            MouseEventKind::Down(MouseButton::Left) if self.nav.open => {
                if let Some(i) = crate::ui::navigator::entry_at(self, ev.column, ev.row) {
                    self.nav.selected = i;
                    self.navigator_action(Action::ListEnter);
                }
            }
            // A click in the text selects the word drawn there (through the page's
            // hit-testing); beside the text it clears the selection.
            MouseEventKind::Down(MouseButton::Left) if self.mode == Mode::Reading => {
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

    /// `t`: Simplified ⇄ Traditional; from Original, to the script the document is not in.
    fn toggle_script(&mut self) {
        let next = match self.variant() {
            Variant::Simplified => Variant::Traditional,
            Variant::Traditional | Variant::Taiwan | Variant::HongKong => Variant::Simplified,
            Variant::Original => match self.scripter.source_script() {
                Script::Simplified => Variant::Traditional,
                _ => Variant::Simplified,
            },
        };
        self.set_variant(next);
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

    fn mark_key(&mut self, mode: Mode, c: char) {
        match (mode, c) {
            (Mode::SetMark, c) if c.is_ascii_alphabetic() => {
                self.marks.insert(c, self.anchor);
                self.marks_changed = true;
                self.say(format!("bookmark {c} set"));
            }
            (Mode::JumpMark, '\'') => match self.last_jump {
                Some(p) => self.jump_to(p),
                None => self.say("no earlier position"),
            },
            (Mode::JumpMark, c) => match self.marks.get(&c) {
                Some(&p) => self.jump_to(p),
                None => self.say(format!("no bookmark {c}")),
            },
            _ => self.say("bookmarks are letters a–z, A–Z"),
        }
    }

    fn menu_action(&mut self, a: Action) {
        let n = Variant::ALL.len();
        match a {
            Action::ListDown => self.menu_selected = (self.menu_selected + 1) % n,
            Action::ListUp => self.menu_selected = (self.menu_selected + n - 1) % n,
            Action::ListEnter => {
                self.mode = Mode::Reading;
                self.set_variant(Variant::ALL[self.menu_selected.min(n - 1)]);
            }
            Action::Close => self.mode = Mode::Reading,
            _ => {}
        }
    }

    fn bookmarks_action(&mut self, a: Action) {
        let keys: Vec<char> = self.marks.keys().copied().collect();
        let n = keys.len();
        match a {
            Action::ListDown if n > 0 => self.bookmark_selected = (self.bookmark_selected + 1) % n,
            Action::ListUp if n > 0 => {
                self.bookmark_selected = (self.bookmark_selected + n - 1) % n
            }
            Action::ListEnter => {
                if let Some(p) = keys
                    .get(self.bookmark_selected)
                    .and_then(|k| self.marks.get(k))
                {
                    let p = *p;
                    self.mode = Mode::Reading;
                    self.jump_to(p);
                }
            }
            Action::ListDelete => {
                if let Some(k) = keys.get(self.bookmark_selected) {
                    self.marks.remove(k);
                    self.marks_changed = true;
                    self.bookmark_selected = self.bookmark_selected.min(n.saturating_sub(2));
                }
            }
            Action::Close => self.mode = Mode::Reading,
            _ => {}
        }
    }
}
