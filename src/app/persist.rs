//! Remembering the place and bookmarks of each document across runs (through
//! [`crate::store::StateStore`], keyed by the document's content).

use crate::document::Document;
use crate::store::{FileState, SavedPosition, ShownAs, StateStore};

use super::state::App;
use super::view::Position;

/// A saved position made valid for `doc`: the block clamped to the document, the byte to the
/// block's text and down to a char boundary (the file may have changed since).
pub fn clamp(doc: &Document, p: SavedPosition) -> Position {
    if doc.blocks.is_empty() {
        return Position::default();
    }
    // Saved by the block index with no lines grouped (see `saved`).
    let (block, byte) = doc.grouped_position(p.block, p.byte);
    let p = SavedPosition { block, byte };
    let block = p.block.min(doc.blocks.len() - 1);
    let text = doc.block_text(block);
    let mut byte = p.byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    Position { block, byte }
}

/// A place as it is saved: by the block index the document would have with no lines grouped
/// ([`crate::document::blocks`]), so that places and bookmarks saved before lines were
/// grouped, or by a build that groups differently, keep their meaning.
fn saved(doc: &Document, p: Position) -> SavedPosition {
    let (block, byte) = doc.ungrouped_position(p.block, p.byte);
    SavedPosition { block, byte }
}

/// How the remembered place was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restored {
    /// Nothing remembered (or the place is the top).
    Nothing,
    /// Remembered for this exact content.
    Same,
    /// Remembered for a file of the same name whose content has changed since (a novel that
    /// grew a chapter, a fixed typo); the place is clamped to the new text.
    ByName,
}

/// Restores the remembered place, bookmarks and (unless `keep_variant`, when `--variant` was
/// given) the script variant: by content key, or else from the most recent entry for a file
/// of the same name.
pub fn restore(app: &mut App, store: &StateStore, key: &str, keep_variant: bool) -> Restored {
    let name = &app.doc.source.name;
    if !remembered(app) {
        return Restored::Nothing;
    }
    let (state, how) = match store.get(key) {
        Some(s) => (s, Restored::Same),
        None if name != "stdin" && name != crate::BUNDLED_NAME => {
            match store.recent().into_iter().find(|(_, s)| &s.name == name) {
                Some((_, s)) => (s, Restored::ByName),
                None => return Restored::Nothing,
            }
        }
        None => return Restored::Nothing,
    };
    if let Some(v) = state.shown.variant().filter(|_| !keep_variant) {
        app.set_present(crate::present::PresentOptions {
            variant: v,
            ..app.present()
        });
    }
    app.marks = state
        .bookmarks
        .iter()
        .map(|(&k, &p)| (k, clamp(&app.doc, p)))
        .collect();
    match state.position.map(|p| clamp(&app.doc, p)) {
        Some(p) if p != Position::default() => {
            app.go_to(p);
            how
        }
        _ if how == Restored::ByName && !app.marks.is_empty() => how,
        _ => Restored::Nothing,
    }
}

/// What is remembered of `app`: its place and bookmarks.
pub fn file_state(app: &App) -> FileState {
    FileState {
        position: Some(saved(&app.doc, app.anchor)),
        offset: app.input_offset(),
        bookmarks: app
            .marks
            .iter()
            .map(|(&k, &p)| (k, saved(&app.doc, p)))
            .collect(),
        // A large file's, by input offset too: found before it is read whole next time.
        bookmark_offsets: app
            .input_map
            .as_ref()
            .map(|m| {
                app.marks
                    .iter()
                    .filter_map(|(&k, &p)| {
                        Some((
                            k,
                            m.input_offset(super::indexing::text_offset(&app.doc, p))?,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default(),
        shown: ShownAs {
            variant: Some(crate::store::settings::variant_name(app.variant()).to_string()),
            reflow: app.reflow().map(|r| r.name().to_string()),
        },
        name: app.doc.source.name.clone(),
        ..FileState::default()
    }
}

/// Saves the place and bookmarks (not for stdin: see [`remembered`]).
pub fn save(app: &App, store: &mut StateStore, key: &str) -> anyhow::Result<()> {
    if !remembered(app) {
        return Ok(());
    }
    store.put(key, file_state(app))
}

/// Whether this document's place is kept in the state file. Pager and stdin sessions (a man
/// page, `git log`, a pipe) are not: they are read once, and their entries would only evict
/// books from the state file (DECISIONS, "Input and the sanitizer").
fn remembered(app: &App) -> bool {
    app.doc.source.name != "stdin"
}
