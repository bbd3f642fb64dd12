//! Input: where the document's bytes come from, and what wakes the reader.
//!
//! [`events`] is the reader's single source of wake-ups (terminal input, quit signals,
//! background work), so an idle reader sleeps.

pub mod events;
