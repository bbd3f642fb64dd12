//! The reader application: state, keymap, update.
