//! Components and the stack that routes input to them.
//!
//! The reader is the base; above it sit the components a key opens — the section navigator,
//! the search prompt, help, the bookmark list, the variant picker, the bookmark-letter prompt.
//! Each owns its state, handles its keys (through its rows of the one [`super::keymap`]) and
//! is drawn by its own function in `src/ui`, reached through [`Layer`]. A key goes to the top
//! component first; one that does not handle it ([`Handled::Ignored`]) passes it down, and
//! what reaches the bottom goes to the reader. A component never changes the reader: it
//! returns [`Effect`]s (close me, jump there, set the variant …) that [`super::state::App`]
//! applies, so every change of the reading state goes through one place.
//!
//! Modelled on helix's compositor (`helix-term/src/compositor.rs`: layers, an event goes to
//! the top layer, a callback changes the editor) and gitui's popup stack (the first popup that
//! consumes an event stops it).

use crossterm::event::{KeyEvent, MouseEvent};

use crate::script::Variant;

use super::components::{BookmarkList, Help, MarkPrompt, Navigator, SearchPrompt, VariantPicker};
use super::keymap::{Action, Mode};
use super::state::App;
use super::view::Position;

/// What a component wants done; [`App::apply`] does it.
#[derive(Debug)]
pub enum Effect {
    /// Remove the component that returned this.
    Close,
    /// Open a component on top.
    Push(Box<dyn Component>),
    /// Run a reader action (`Ctrl-C` in a prompt still quits).
    Reader(Action),
    /// Put `p` at the top, remembering the place for `''`.
    JumpTo(Position),
    /// Put `p` at the top without remembering.
    GoTo(Position),
    /// Go to the chapter line found while the file is read (app::outline), remembering.
    JumpToOutline(usize),
    SetVariant(Variant),
    SetMark(char),
    JumpToMark(char),
    DeleteMark(char),
    /// Search for the text (typed at the prompt), from the search's origin.
    Search(String),
    /// `Enter` at the prompt: keep the matches (an empty prompt clears them).
    SubmitSearch {
        empty: bool,
    },
    /// `Esc` at the prompt: forget the search and go back to where it started.
    CancelSearch,
    /// The side panel changed (opened, closed, took or gave up the keys): the column may
    /// change width.
    Relayout,
    Say(String),
}

/// The answer of a component to an event.
#[derive(Debug)]
pub enum Handled {
    /// Not mine: pass it down the stack.
    Ignored,
    /// Mine, and these are the effects.
    Consumed(Vec<Effect>),
}

impl Handled {
    /// Consumed with no effect.
    pub fn done() -> Handled {
        Handled::Consumed(Vec::new())
    }

    /// Consumed with one effect.
    pub fn effect(e: Effect) -> Handled {
        Handled::Consumed(vec![e])
    }
}

/// What the `ui` draws for a component.
pub enum Layer<'a> {
    Navigator(&'a Navigator),
    Search(&'a SearchPrompt),
    Help(&'a Help),
    Bookmarks(&'a BookmarkList),
    Variants(&'a VariantPicker),
    Mark(&'a MarkPrompt),
}

/// A part of the screen that owns its state and handles its keys.
pub trait Component: std::fmt::Debug {
    /// The keymap rows that apply while it has the keyboard.
    fn mode(&self) -> Mode;

    /// Handles a key; `app` is the reader, read-only.
    fn on_key(&mut self, ev: &KeyEvent, app: &App) -> Handled;

    /// Handles the mouse; most components leave it to the reader.
    fn on_mouse(&mut self, _ev: &MouseEvent, _app: &App) -> Handled {
        Handled::Ignored
    }

    /// What to draw.
    fn layer(&self) -> Layer<'_>;

    /// The document was replaced by a fuller one (a large input read to its end): forget
    /// what was derived from the old one.
    fn document_changed(&mut self) {}

    /// The navigator, when this is it (the reader lays its column out around the panel).
    fn as_navigator(&self) -> Option<&Navigator> {
        None
    }
}

#[cfg(test)]
mod tests {
    /// `src/app` never imports `src/ui` (the layers point one way: ui draws the app).
    #[test]
    fn app_does_not_import_ui() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app"),
            &mut files,
        );
        assert!(files.len() > 5);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for line in text.lines() {
                let code = line.split("//").next().unwrap_or("");
                assert!(
                    !code.contains(concat!("crate", "::ui")),
                    "{} imports ui: {line}",
                    f.display()
                );
            }
        }
    }
}
