//! Greedy first-fit wrapping with push-out.

use unicode_segmentation::UnicodeSegmentation;

use super::width::grapheme_width;
use super::{VisualLine, WrapOptions};
use crate::units::Cells;

/// Lays out `text` into visual lines of at most `opts.width` cells.
///
/// PLACEHOLDER: breaks between any grapheme clusters; the layout work replaces it.
pub fn wrap(text: &str, opts: &WrapOptions) -> Vec<VisualLine> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    for hard in text.split_inclusive('\n') {
        let base = line_start;
        let content = hard.strip_suffix('\n').unwrap_or(hard);
        let mut start = base;
        let mut width = Cells::ZERO;
        for (i, g) in content.grapheme_indices(true) {
            let w = grapheme_width(g, opts.ambiguous);
            if opts.width.0 > 0 && width + w > opts.width && width > Cells::ZERO {
                lines.push(VisualLine {
                    bytes: start..base + i,
                    width,
                });
                start = base + i;
                width = Cells::ZERO;
            }
            width += w;
        }
        lines.push(VisualLine {
            bytes: start..base + content.len(),
            width,
        });
        line_start += hard.len();
    }
    if lines.is_empty() {
        lines.push(VisualLine {
            bytes: 0..0,
            width: Cells::ZERO,
        });
    }
    lines
}
