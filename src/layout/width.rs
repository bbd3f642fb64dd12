//! Display width in cells, per grapheme cluster. The one place widths are decided.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::AmbiguousWidth;
use crate::units::Cells;

/// The display width of one grapheme cluster.
pub fn grapheme_width(g: &str, ambiguous: AmbiguousWidth) -> Cells {
    // PLACEHOLDER (to be refined by the layout work): unicode-width per cluster.
    let w = match ambiguous {
        AmbiguousWidth::Narrow => g.width(),
        AmbiguousWidth::Wide => g.width_cjk(),
    };
    Cells(w)
}

/// The display width of a string: the sum of its grapheme clusters' widths.
pub fn str_width(s: &str, ambiguous: AmbiguousWidth) -> Cells {
    s.graphemes(true)
        .map(|g| grapheme_width(g, ambiguous))
        .sum()
}
