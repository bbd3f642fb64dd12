//! Input: where the document's bytes come from, how a large one is read in the background,
//! and what wakes the reader.
//!
//! - [`source`] opens a file or stream without reading it whole, and refuses binary input by
//!   the content of its first chunk;
//! - [`loader`] shows a large input from its first region, and reads, decodes and sanitizes
//!   the rest in chunks on a thread; [`live`] shows a stream's lines as they arrive;
//! - [`seek`] reads regions of a large file out of order while the rest is read (a
//!   remembered place, the file's tail for `G`) and keeps their positions consistent with
//!   the whole text;
//! - [`events`] is the reader's single source of wake-ups (terminal input, quit signals,
//!   background work), so an idle reader sleeps.

pub mod events;
pub mod live;
pub mod loader;
pub mod pump;
pub mod seek;
pub mod source;
pub mod spill;
