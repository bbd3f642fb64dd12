//! The components that open over the reader: each owns its state and handles its keys,
//! returning [`Effect`]s (see [`super::component`]).
//!
//! * [`Navigator`]: the section list (a side panel on wide terminals, an overlay otherwise).
//! * [`SearchPrompt`], [`MarkPrompt`]: one-line prompts in the status line.
//! * [`Help`], [`BookmarkList`], [`VariantPicker`]: overlays.

mod lists;
pub mod navigator;
mod prompts;

pub use lists::{BookmarkList, Help, VariantPicker};
pub use navigator::Navigator;
pub use prompts::{MarkPrompt, SearchPrompt};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The character a key types, if it types one (no Ctrl).
pub fn typed(ev: &KeyEvent) -> Option<char> {
    match ev.code {
        KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
        _ => None,
    }
}
