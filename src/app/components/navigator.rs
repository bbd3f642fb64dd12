//! The section navigator: entries, filtering in either script, selection, jumps, and where
//! its panel sits (for drawing and for mouse clicks).
//!
//! On terminals at least [`NAV_SIDE_MIN_WIDTH`] wide it is a side panel that stays open after
//! a jump and follows the reading position, giving the keyboard back to the reader
//! (`focused` false); `Tab` focuses it again and `Esc` closes it. On narrower terminals it is
//! an overlay that closes after a jump. A side panel the reader is reading beside closes when
//! the terminal shrinks below that width (`Tab` brings the navigator back as an overlay).

use std::cell::OnceCell;

use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::typed;
use crate::app::component::{Component, Effect, Handled, Layer};
use crate::app::keymap::{lookup, Action, Mode};
use crate::app::state::App;
use crate::app::view::Position;
use crate::script::Config;

/// The narrowest side navigator panel, in cells (its width follows the titles, up to
/// [`NAV_PANEL_SHARE`] of the terminal).
pub const NAV_PANEL_WIDTH: u16 = 34;
/// The most of the terminal's width the side panel takes, in fifths.
pub const NAV_PANEL_SHARE: u16 = 2;
/// Narrowest terminal that shows the navigator beside the text rather than over it.
pub const NAV_SIDE_MIN_WIDTH: u16 = 100;

/// One navigator entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Index into `doc.sections`, or `None` for the opening text before the first section.
    pub section: Option<usize>,
    pub block: usize,
    pub level: u8,
}

/// The navigator's state.
#[derive(Debug, Default)]
pub struct Navigator {
    /// It has the keyboard (else it is a side panel beside the reader).
    pub focused: bool,
    /// Index into the filtered entries.
    pub selected: usize,
    /// What the reader typed to filter titles.
    pub filter: String,
    /// Every section's title and subtitle folded for filtering (pinyin hidden, simplified,
    /// lowercase), made on the first filter keystroke: the document never changes, so once
    /// is enough, and a 10,000-chapter novel is not converted again on every key and frame.
    folded_titles: OnceCell<Vec<String>>,
    /// The widest entry (indent and title, as written), in cells.
    widest: OnceCell<u16>,
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// True when a terminal `width` cells wide shows the navigator beside the text.
pub fn is_side(width: u16) -> bool {
    width >= NAV_SIDE_MIN_WIDTH
}

/// The panel's rectangle on a terminal of `size` (the status line excluded); a side panel
/// is `side_width` wide.
pub fn panel_rect(size: (u16, u16), side_width: u16) -> Rect {
    let body = Rect::new(0, 0, size.0, size.1.saturating_sub(1));
    if is_side(size.0) {
        Rect {
            width: side_width.min(body.width),
            ..body
        }
    } else {
        centered(body, 60, body.height.saturating_sub(2))
    }
}

/// Rows of entries that fit in a panel of `rect` (borders and filter line excluded).
pub fn list_rows(rect: Rect) -> usize {
    usize::from(rect.height.saturating_sub(3))
}

/// First entry shown so that `selected` is visible.
pub fn list_offset(selected: usize, rows: usize) -> usize {
    if rows == 0 || selected < rows {
        0
    } else {
        selected + 1 - rows
    }
}

impl Navigator {
    /// The navigator, focused, with the current section selected.
    pub fn open(app: &App) -> Navigator {
        let mut nav = Navigator::default();
        nav.focus(app);
        nav
    }

    fn focus(&mut self, app: &App) {
        self.focused = true;
        self.filter.clear();
        let entries = self.entries(app);
        self.selected = current_entry(app, &entries).unwrap_or(0);
    }

    /// The side panel's width on a terminal `term_width` wide: wide enough for the widest
    /// entry with its marker, percent and borders, at least [`NAV_PANEL_WIDTH`], at most
    /// [`NAV_PANEL_SHARE`] fifths of the terminal (so a 200-column terminal shows manual
    /// headings whole, and the text keeps most of the screen).
    pub fn side_width(&self, app: &App) -> u16 {
        let widest = *self.widest.get_or_init(|| {
            let amb = app.view.key().wrap.ambiguous;
            let w = app
                .nav_sections()
                .iter()
                .map(|s| {
                    let title = match &s.subtitle {
                        Some(sub) => format!("{} — {}", s.title, sub),
                        None => s.title.clone(),
                    };
                    let indent = 2 * usize::from(s.level.saturating_sub(1));
                    indent + crate::layout::width::str_width(&title, amb).0
                })
                .max()
                .unwrap_or(0);
            u16::try_from(w).unwrap_or(u16::MAX)
        });
        // Borders 2, marker 1, percent 5, a cell of air.
        let want = widest.saturating_add(9);
        let most = (app.term_width / 5 * NAV_PANEL_SHARE).max(NAV_PANEL_WIDTH);
        want.clamp(NAV_PANEL_WIDTH, most)
    }

    /// Entries matching the filter; the filter matches titles in either script
    /// (both sides folded to simplified, Latin lowercased).
    pub fn entries(&self, app: &App) -> Vec<Entry> {
        let all = all_entries(app);
        if self.filter.is_empty() {
            return all;
        }
        let engine = app.scripter.engine();
        let fold = |s: &str| engine.convert(Config::T2s, s).to_lowercase();
        let needle = fold(&self.filter);
        let folded = self.folded_titles.get_or_init(|| {
            app.nav_sections()
                .iter()
                .map(|s| {
                    let text = match &s.subtitle {
                        Some(sub) => format!("{} {}", s.title, sub),
                        None => s.title.clone(),
                    };
                    fold(&crate::typography::hide_pinyin(&text).0)
                })
                .collect()
        });
        all.into_iter()
            .filter(|e| e.section.is_some_and(|i| folded[i].contains(&needle)))
            .collect()
    }

    /// The highlighted entry: the selection while the panel has the keyboard, else the
    /// section being read.
    pub fn highlighted(&self, app: &App, entries: &[Entry]) -> Option<usize> {
        if self.focused {
            Some(self.selected)
        } else {
            current_entry(app, entries)
        }
    }

    /// The entry under a mouse click at (`column`, `row`), if any.
    pub fn entry_at(&self, app: &App, column: u16, row: u16) -> Option<usize> {
        let rect = panel_rect((app.term_width, app.term_height), self.side_width(app));
        let inner_top = rect.y + 2;
        if column <= rect.x || column >= rect.x + rect.width - 1 || row < inner_top {
            return None;
        }
        let entries = self.entries(app);
        let rows = list_rows(rect);
        let off = list_offset(self.highlighted(app, &entries).unwrap_or(0), rows);
        let i = off + usize::from(row - inner_top);
        (usize::from(row - inner_top) < rows && i < entries.len()).then_some(i)
    }

    /// Jumps to the selected entry: a side panel stays (and gives the keys back), an
    /// overlay closes.
    fn enter(&mut self, app: &App) -> Handled {
        let entries = self.entries(app);
        let Some(e) = entries.get(self.selected) else {
            return Handled::done();
        };
        let jump = match e.section {
            // While the file is read: a chapter line found so far (app::outline).
            Some(i) if app.outline_shown() => Effect::JumpToOutline(i),
            None if app.outline_shown() => Effect::Reader(Action::Top),
            _ => Effect::JumpTo(Position {
                block: e.block,
                byte: 0,
            }),
        };
        self.filter.clear();
        if is_side(app.term_width) {
            self.focused = false;
            Handled::Consumed(vec![jump, Effect::Relayout])
        } else {
            Handled::Consumed(vec![Effect::Close, jump, Effect::Relayout])
        }
    }

    fn list(&mut self, a: Action, app: &App) -> Handled {
        let n = self.entries(app).len();
        match a {
            Action::ListDown if n > 0 => self.selected = (self.selected + 1).min(n - 1),
            Action::ListUp => self.selected = self.selected.saturating_sub(1),
            Action::ListTop => self.selected = 0,
            Action::ListBottom => self.selected = n.saturating_sub(1),
            Action::Backspace => {
                self.filter.pop();
                self.selected = 0;
            }
            Action::ListEnter => return self.enter(app),
            Action::Close => return Handled::Consumed(vec![Effect::Close, Effect::Relayout]),
            _ => {}
        }
        Handled::done()
    }
}

/// All entries, unfiltered: an opening entry when the first section does not start the
/// document, then every section.
pub fn all_entries(app: &App) -> Vec<Entry> {
    let secs = app.nav_sections();
    let mut out = Vec::with_capacity(secs.len() + 1);
    if secs.first().is_some_and(|s| s.block > 0) {
        out.push(Entry {
            section: None,
            block: 0,
            level: 1,
        });
    }
    out.extend(secs.iter().enumerate().map(|(i, s)| Entry {
        section: Some(i),
        block: s.block,
        level: s.level,
    }));
    out
}

/// The entry of the section being read, if it is among `entries` (a filter may hide it).
pub fn current_entry(app: &App, entries: &[Entry]) -> Option<usize> {
    let current = app.nav_current();
    entries.iter().position(|e| e.section == current)
}

impl Component for Navigator {
    fn mode(&self) -> Mode {
        if self.focused {
            Mode::Navigator
        } else {
            Mode::Reading
        }
    }

    fn on_key(&mut self, ev: &KeyEvent, app: &App) -> Handled {
        if !self.focused {
            // A side panel beside the reader: `Tab` takes the keyboard, `Esc` closes it,
            // everything else is the reader's.
            return match lookup(Mode::Reading, ev) {
                Some(Action::ToggleNavigator) => {
                    self.focus(app);
                    Handled::effect(Effect::Relayout)
                }
                Some(Action::Close) => Handled::Consumed(vec![Effect::Close, Effect::Relayout]),
                _ => Handled::Ignored,
            };
        }
        // j/k move while the filter is empty; otherwise every letter filters.
        if let Some(c) = typed(ev) {
            if !(self.filter.is_empty() && (c == 'j' || c == 'k')) {
                self.filter.push(c);
                self.selected = 0;
                return Handled::done();
            }
        }
        match lookup(Mode::Navigator, ev) {
            Some(a) => self.list(a, app),
            None => Handled::done(),
        }
    }

    fn on_mouse(&mut self, ev: &MouseEvent, app: &App) -> Handled {
        let side = is_side(app.term_width);
        let over = side && ev.column < self.side_width(app);
        match ev.kind {
            MouseEventKind::ScrollDown if over => self.list(Action::ListDown, app),
            MouseEventKind::ScrollUp if over => self.list(Action::ListUp, app),
            MouseEventKind::Down(MouseButton::Left) => {
                match self.entry_at(app, ev.column, ev.row) {
                    Some(i) => {
                        self.selected = i;
                        self.enter(app)
                    }
                    None => Handled::Ignored,
                }
            }
            _ => Handled::Ignored,
        }
    }

    fn layer(&self) -> Layer<'_> {
        Layer::Navigator(self)
    }

    fn document_changed(&mut self) {
        self.folded_titles = OnceCell::new();
        self.widest = OnceCell::new();
    }

    fn as_navigator(&self) -> Option<&Navigator> {
        Some(self)
    }
}
