//! Putting text into the buffer cell by cell, with yuedu's width function.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::layout::width::grapheme_width;
use crate::layout::AmbiguousWidth;

/// Writes `s` at (`x`, `y`) in at most `max` cells, grapheme by grapheme, with widths from
/// [`grapheme_width`]. Where that width differs from what ratatui would compute (an ambiguous
/// character in wide mode), the cell's width is forced so the screen diff stays aligned.
/// Zero-width graphemes are dropped. Returns the cells used.
pub fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    s: &str,
    style: Style,
    max: u16,
    amb: AmbiguousWidth,
) -> u16 {
    put_styled(buf, x, y, s.graphemes(true).map(|g| (g, style)), max, amb)
}

/// Like [`put_str`] with a style per grapheme.
pub fn put_styled<'a>(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    graphemes: impl Iterator<Item = (&'a str, Style)>,
    max: u16,
    amb: AmbiguousWidth,
) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.y + area.height {
        return 0;
    }
    let limit = x.saturating_add(max).min(area.x + area.width);
    let mut cx = x;
    for (g, style) in graphemes {
        let w = grapheme_width(g, amb).as_u16();
        if w == 0 {
            continue;
        }
        if cx.saturating_add(w) > limit {
            break;
        }
        if let Some(cell) = buf.cell_mut((cx, y)) {
            cell.set_symbol(g).set_style(style);
            let natural = u16::try_from(g.width()).unwrap_or(u16::MAX);
            let opt = match NonZeroU16::new(w) {
                Some(nz) if natural != w => CellDiffOption::ForcedWidth(nz),
                _ => CellDiffOption::None,
            };
            cell.set_diff_option(opt);
        }
        for i in 1..w {
            if let Some(cell) = buf.cell_mut((cx + i, y)) {
                cell.reset();
                cell.set_style(style);
            }
        }
        cx += w;
    }
    cx - x
}

/// Fills a row segment with spaces in `style`.
pub fn fill(buf: &mut Buffer, x: u16, y: u16, width: u16, style: Style) {
    for i in 0..width {
        if let Some(cell) = buf.cell_mut((x + i, y)) {
            cell.reset();
            cell.set_style(style);
        }
    }
}

/// Before an overlay covers `area`: a wide character standing just left of it would have its
/// right half under the overlay's left border, and terminals draw the whole character, hiding
/// the border. Such characters become a space.
pub fn clear_wide_overlap(buf: &mut Buffer, area: ratatui::layout::Rect) {
    if area.x == 0 {
        return;
    }
    for y in area.y..area.y + area.height {
        if let Some(cell) = buf.cell_mut((area.x - 1, y)) {
            if cell.symbol().width() > 1 {
                let style = cell.style();
                cell.reset();
                cell.set_style(style);
            }
        }
    }
}

/// Box-drawing characters are East Asian Ambiguous: a terminal set to draw those wide draws
/// `─│┌` two cells wide, which would break every frame. In that mode frames are ASCII.
pub fn border_set(amb: AmbiguousWidth) -> ratatui::symbols::border::Set<'static> {
    match amb {
        AmbiguousWidth::Narrow => ratatui::symbols::border::PLAIN,
        AmbiguousWidth::Wide => ratatui::symbols::border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        },
    }
}
