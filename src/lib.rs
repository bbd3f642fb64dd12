//! # yuedu (閱讀) — a terminal reader for Chinese text
//!
//! The crate is laid out in the order text flows through it, one way:
//!
//! ```text
//! bytes → input      (open lazily in chunks, refuse binary, stdin)
//!       → document   (decode, sanitize, parse) → Document { text, blocks, sections }:
//!                    blocks of a kind (paragraph, heading, preformatted, table, verse,
//!                    list item, quote, rule, image…) with style spans and annotations
//!       → present    per block, on demand: hide inline pinyin → OpenCC variant → punctuation
//!                    tidy → presented text + an offset_map back to the source
//!       → layout     terminal-free: width in cells, UAX #14 + clreq line breaking (wrap),
//!                    block decorations (layout::block), the view (blocks laid out lazily,
//!                    cached, walked line by line), and the PAGE (layout::page): positioned
//!                    runs { row, col, text, style, source range } for a viewport
//!       → app        state, keymap, update: key/mouse → Action → state; the page of the
//!                    viewport and hit-testing (cell → source position → word)
//!       → ui         ratatui: draws the page's runs (ui::article), navigator, status, help
//! ```
//!
//! The page is the one answer to "what is drawn where": the screen draws it, `--dump`
//! ([`dump`]) prints the same rows as text, and a mouse click maps back through it.
//! Only `app`, `ui` and `terminal` know about the terminal; everything before them is plain
//! data in, data out, and is tested without one.
//!
//! Units are kept apart by type: a byte offset into a block's source text is a
//! [`units::SourceByte`], into its presented text a [`units::PresentedByte`] (converted only
//! through [`offset_map::OffsetMap`]), display width is [`units::Cells`]. Offsets that never
//! leave one text are `usize` named `*_byte` or ranges named `bytes`; char counts are `chars`.
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
