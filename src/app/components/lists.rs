//! Overlays with a list: help (scrolls), the variant picker (`v`), the bookmark list (`B`).

use crossterm::event::KeyEvent;

use super::typed;
use crate::app::component::{Component, Effect, Handled, Layer};
use crate::app::keymap::{lookup, Action, Mode};
use crate::app::state::App;
use crate::script::Variant;

/// `?`: every key and the settings; scrolls by line, by page, to the top and the bottom.
#[derive(Debug, Default)]
pub struct Help {
    pub scroll: usize,
    /// The last drawn page: its height in rows and the largest useful scroll (written by the
    /// drawing code, so that keys scroll by a page and stop at the end).
    pub page: std::cell::Cell<(usize, usize)>,
}

impl Component for Help {
    fn mode(&self) -> Mode {
        Mode::Help
    }

    fn on_key(&mut self, ev: &KeyEvent, _app: &App) -> Handled {
        let (rows, max) = self.page.get();
        let page = rows.saturating_sub(1).max(1);
        match lookup(Mode::Help, ev) {
            Some(Action::ListDown) => self.scroll = (self.scroll + 1).min(max),
            Some(Action::ListUp) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::PageDown) => self.scroll = (self.scroll + page).min(max),
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(page),
            Some(Action::ListTop) => self.scroll = 0,
            Some(Action::ListBottom) => self.scroll = max,
            Some(Action::Close) => return Handled::effect(Effect::Close),
            _ => {}
        }
        Handled::done()
    }

    fn layer(&self) -> Layer<'_> {
        Layer::Help(self)
    }
}

/// `v`: the five variants; `1`–`5` choose at once.
#[derive(Debug, Default)]
pub struct VariantPicker {
    pub selected: usize,
}

impl VariantPicker {
    /// The picker with the variant in use selected.
    pub fn new(current: Variant) -> VariantPicker {
        VariantPicker {
            selected: Variant::ALL.iter().position(|v| *v == current).unwrap_or(0),
        }
    }
}

impl Component for VariantPicker {
    fn mode(&self) -> Mode {
        Mode::VariantMenu
    }

    fn on_key(&mut self, ev: &KeyEvent, _app: &App) -> Handled {
        let n = Variant::ALL.len();
        if let Some(d) = typed(ev).and_then(|c| c.to_digit(10)) {
            let chosen = usize::try_from(d).ok().and_then(|d| d.checked_sub(1));
            return match chosen.and_then(|i| Variant::ALL.get(i)) {
                Some(&v) => Handled::Consumed(vec![Effect::Close, Effect::SetVariant(v)]),
                None => Handled::done(),
            };
        }
        match lookup(Mode::VariantMenu, ev) {
            Some(Action::ListDown) => self.selected = (self.selected + 1) % n,
            Some(Action::ListUp) => self.selected = (self.selected + n - 1) % n,
            Some(Action::ListEnter) => {
                let v = Variant::ALL[self.selected.min(n - 1)];
                return Handled::Consumed(vec![Effect::Close, Effect::SetVariant(v)]);
            }
            Some(Action::Close) => return Handled::effect(Effect::Close),
            _ => {}
        }
        Handled::done()
    }

    fn layer(&self) -> Layer<'_> {
        Layer::Variants(self)
    }
}

/// `B`: the bookmarks; `Enter` jumps, `x` deletes.
#[derive(Debug, Default)]
pub struct BookmarkList {
    pub selected: usize,
}

impl Component for BookmarkList {
    fn mode(&self) -> Mode {
        Mode::Bookmarks
    }

    fn on_key(&mut self, ev: &KeyEvent, app: &App) -> Handled {
        let keys: Vec<char> = app.marks.keys().copied().collect();
        let n = keys.len();
        match lookup(Mode::Bookmarks, ev) {
            Some(Action::ListDown) if n > 0 => self.selected = (self.selected + 1) % n,
            Some(Action::ListUp) if n > 0 => self.selected = (self.selected + n - 1) % n,
            Some(Action::ListEnter) => {
                if let Some(&p) = keys.get(self.selected).and_then(|k| app.marks.get(k)) {
                    return Handled::Consumed(vec![Effect::Close, Effect::JumpTo(p)]);
                }
            }
            Some(Action::ListDelete) => {
                if let Some(&k) = keys.get(self.selected) {
                    self.selected = self.selected.min(n.saturating_sub(2));
                    return Handled::effect(Effect::DeleteMark(k));
                }
            }
            Some(Action::Close) => return Handled::effect(Effect::Close),
            _ => {}
        }
        Handled::done()
    }

    fn layer(&self) -> Layer<'_> {
        Layer::Bookmarks(self)
    }
}
