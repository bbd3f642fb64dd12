//! Remembering the place and bookmarks of each document across runs (through
//! [`crate::store::StateStore`], keyed by the document's content).

use crate::document::Document;
use crate::store::{FileState, SavedPosition, StateStore};

use super::state::App;
use super::view::Position;

/// A saved position made valid for `doc`: the block clamped to the document, the byte to the
/// block's text and down to a char boundary (the file may have changed since).
pub fn clamp(doc: &Document, p: SavedPosition) -> Position {
    if doc.blocks.is_empty() {
        return Position::default();
    }
    let block = p.block.min(doc.blocks.len() - 1);
    let text = doc.block_text(block);
    let mut byte = p.byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    Position { block, byte }
}

fn saved(p: Position) -> SavedPosition {
    SavedPosition {
        block: p.block,
        byte: p.byte,
    }
}

/// Restores the remembered place and bookmarks, if any. True when a place was restored.
pub fn restore(app: &mut App, store: &StateStore, key: &str) -> bool {
    let Some(state) = store.get(key) else {
        return false;
    };
    app.marks = state
        .bookmarks
        .iter()
        .map(|(&k, &p)| (k, clamp(&app.doc, p)))
        .collect();
    match state.position {
        Some(p) => {
            let p = clamp(&app.doc, p);
            app.go_to(p);
            p != Position::default()
        }
        None => false,
    }
}

/// Saves the place and bookmarks.
pub fn save(app: &App, store: &mut StateStore, key: &str) -> anyhow::Result<()> {
    let state = FileState {
        position: Some(saved(app.anchor)),
        bookmarks: app.marks.iter().map(|(&k, &p)| (k, saved(p))).collect(),
        name: app.doc.source.name.clone(),
        updated_unix: 0,
    };
    store.put(key, state)
}
