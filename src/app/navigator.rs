//! The section navigator's logic: entries, filtering in either script, selection, jumps.

use crate::script::Config;

use super::keymap::{Action, Mode};
use super::state::App;
use super::view::Position;

/// One navigator entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Index into `doc.sections`, or `None` for the opening text before the first section.
    pub section: Option<usize>,
    pub block: usize,
    pub level: u8,
}

/// Label of the entry for the text before the first section.
pub const OPENING_LABEL: &str = "（開頭）";

impl App {
    /// All entries, unfiltered: an opening entry when the first section does not start the
    /// document, then every section.
    pub fn nav_all_entries(&self) -> Vec<Entry> {
        let secs = &self.doc.sections;
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

    /// Entries matching the filter; the filter matches titles in either script
    /// (both sides folded to simplified, Latin lowercased).
    pub fn nav_entries(&self) -> Vec<Entry> {
        let all = self.nav_all_entries();
        if self.nav.filter.is_empty() {
            return all;
        }
        let engine = self.scripter.engine();
        let fold = |s: &str| engine.convert(Config::T2s, s).to_lowercase();
        let needle = fold(&self.nav.filter);
        let folded = self.nav.folded_titles.get_or_init(|| {
            self.doc
                .sections
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

    /// The entry of the section being read, if it is among `entries` (a filter may hide it).
    pub fn nav_current_entry(&self, entries: &[Entry]) -> Option<usize> {
        let current = self.current_section();
        entries.iter().position(|e| e.section == current)
    }

    /// Opens the navigator with the current section selected.
    pub fn open_navigator(&mut self) {
        self.nav.open = true;
        self.nav.filter.clear();
        let entries = self.nav_entries();
        self.nav.selected = self.nav_current_entry(&entries).unwrap_or(0);
        self.mode = Mode::Navigator;
        let rect = crate::ui::navigator::panel_rect(self);
        if rect.height < 4 || rect.width < 10 {
            // Too small a terminal to show it: do not take the keys.
            self.nav.open = false;
            self.mode = Mode::Reading;
            self.say("the terminal is too small for the navigator");
            return;
        }
        if entries.is_empty() {
            self.say("no sections found in this document");
        }
    }

    /// Applies a list action to the navigator.
    pub fn navigator_action(&mut self, a: Action) {
        let n = self.nav_entries().len();
        match a {
            Action::ListDown if n > 0 => self.nav.selected = (self.nav.selected + 1).min(n - 1),
            Action::ListUp => self.nav.selected = self.nav.selected.saturating_sub(1),
            Action::ListTop => self.nav.selected = 0,
            Action::ListBottom => self.nav.selected = n.saturating_sub(1),
            Action::Backspace => {
                self.nav.filter.pop();
                self.nav.selected = 0;
            }
            Action::ListEnter => {
                let entries = self.nav_entries();
                if let Some(e) = entries.get(self.nav.selected) {
                    let block = e.block;
                    self.mode = Mode::Reading;
                    if !self.nav_is_side_panel() {
                        self.nav.open = false;
                    }
                    self.nav.filter.clear();
                    self.jump_to(Position { block, byte: 0 });
                    self.relayout();
                }
            }
            Action::Close => {
                self.nav.open = false;
                self.nav.filter.clear();
                self.mode = Mode::Reading;
                self.relayout();
            }
            _ => {}
        }
    }
}
