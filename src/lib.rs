//! # yuedu (閱讀) — a terminal reader for Chinese text
//!
//! The crate is laid out in the order text flows through it:
//!
//! ```text
//! bytes → document (decode, sanitize, parse, sections)
//!       → present  (typography transforms, script conversion through OpenCC, offset maps)
//!       → layout   (display width in cells, UAX #14 + clreq line breaking, wrap)
//!       → app      (state, keymap, update: key → Action → state)
//!       → ui       (ratatui widgets: article, navigator, status, help)
//! ```
//!
//! Only `app`, `ui` and `terminal` know about the terminal; everything before them is plain
//! data in, data out, and is tested without one.
//!
//! Units are kept apart by name and type: byte offsets into UTF-8 text are `usize` values named
//! `*_byte` or ranges named `bytes`; display width is [`units::Cells`]; char counts are named
//! `chars`.
#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod document;
pub mod dump;
pub mod input;
pub mod layout;
pub mod offset_map;
pub mod options;
pub mod pager;
pub mod present;
pub mod script;
pub mod search;
pub mod store;
pub mod terminal;
pub mod typography;
pub mod ui;
pub mod units;

/// The article shipped with yuedu, opened when no file is given.
pub const BUNDLED_ARTICLE: &str = include_str!("../assets/article.txt");
/// The name shown for the bundled article.
pub const BUNDLED_NAME: &str = "南大跨界攬才 (bundled article)";
