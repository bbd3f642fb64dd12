//! Text layout: display width in cells and Chinese line breaking.
//!
//! Pipeline (pure stages): grapheme clusters → widths ([`width`]) → break opportunities
//! ([`linebreak`], UAX #14 tailored by W3C clreq) → greedy first fit with push-out ([`wrap`](mod@wrap)).

pub mod block;
pub mod linebreak;
pub mod page;
pub mod ruby;
pub mod table;
pub mod view;
pub mod width;
pub mod wrap;

use std::ops::Range;

use crate::units::Cells;

/// How East Asian Width "Ambiguous" characters (“ ” ‘ ’ … — ·) are counted.
#[derive(
    Copy, Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum AmbiguousWidth {
    /// One cell (Unicode's default outside East Asian legacy contexts; most terminals).
    #[default]
    Narrow,
    /// Two cells, for terminals set to draw them wide.
    Wide,
}

/// Options for laying out one block of text.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct WrapOptions {
    /// The column width in cells. `Cells(0)` means: do not wrap (one line per hard line).
    pub width: Cells,
    /// Width policy for East Asian Ambiguous characters.
    pub ambiguous: AmbiguousWidth,
    /// Allow one `、，。,.` to hang into a 2-cell right gutter (off by default).
    pub hanging_punctuation: bool,
    /// Apply the Chinese (clreq) tailoring; off for preformatted code, which breaks
    /// between grapheme clusters only when a line is too long.
    pub cjk_rules: bool,
}

impl WrapOptions {
    /// Default options at `width` cells.
    pub fn new(width: Cells) -> Self {
        WrapOptions {
            width,
            ambiguous: AmbiguousWidth::Narrow,
            hanging_punctuation: false,
            cjk_rules: true,
        }
    }
}

/// One line on screen: a byte range of the laid-out text (break spaces and the hard `\n`
/// excluded) and its display width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualLine {
    /// Byte range into the text that was laid out.
    pub bytes: Range<usize>,
    /// Display width of `text[bytes]`.
    pub width: Cells,
}

pub use wrap::wrap;
