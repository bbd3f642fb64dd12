//! Prompts in the status line: the search prompt (`/`) and the bookmark letter (`m`, `'`).

use crossterm::event::KeyEvent;

use super::typed;
use crate::app::component::{Component, Effect, Handled, Layer};
use crate::app::keymap::{lookup, Action, Mode};
use crate::app::state::App;

/// `/`: the query being typed; every key restarts the search (incremental).
#[derive(Debug, Default)]
pub struct SearchPrompt {
    pub text: String,
}

impl Component for SearchPrompt {
    fn mode(&self) -> Mode {
        Mode::Search
    }

    fn on_key(&mut self, ev: &KeyEvent, _app: &App) -> Handled {
        if let Some(c) = typed(ev) {
            self.text.push(c);
            return Handled::effect(Effect::Search(self.text.clone()));
        }
        match lookup(Mode::Search, ev) {
            Some(Action::Backspace) => {
                self.text.pop();
                Handled::effect(Effect::Search(self.text.clone()))
            }
            Some(Action::SearchSubmit) => Handled::Consumed(vec![
                Effect::Close,
                Effect::SubmitSearch {
                    empty: self.text.is_empty(),
                },
            ]),
            Some(Action::Close) => Handled::Consumed(vec![Effect::Close, Effect::CancelSearch]),
            // The prompt is modal: other keys do nothing.
            _ => Handled::done(),
        }
    }

    fn layer(&self) -> Layer<'_> {
        Layer::Search(self)
    }
}

/// After `m` (set) or `'` (jump): the next key names the bookmark.
#[derive(Debug)]
pub struct MarkPrompt {
    /// `'`: jump to the mark (`''`: back); else set it.
    pub jump: bool,
}

impl Component for MarkPrompt {
    fn mode(&self) -> Mode {
        if self.jump {
            Mode::JumpMark
        } else {
            Mode::SetMark
        }
    }

    fn on_key(&mut self, ev: &KeyEvent, _app: &App) -> Handled {
        let mut effects = vec![Effect::Close];
        if let Some(c) = typed(ev) {
            effects.push(if self.jump {
                Effect::JumpToMark(c)
            } else {
                Effect::SetMark(c)
            });
        }
        Handled::Consumed(effects)
    }

    fn layer(&self) -> Layer<'_> {
        Layer::Mark(self)
    }
}
