//! Tables laid out in columns: a `Table` block's rows (`\n`) of cells (`\t`) set side by side,
//! each cell wrapped inside its own column so a long cell makes its row taller, not every row
//! wider.
//!
//! Column widths follow CSS 2.1 §17.5.2.2 (automatic table layout) in terminal cells: each
//! column's *max-content* width is its widest cell on one line, its *min-content* width its
//! widest unbreakable run (the line breaker's groups between break opportunities, UAX #14 as
//! tailored by clreq, capped at [`MIN_CONTENT_CAP`] so a long URL does not claim the column).
//! When the max-content widths fit the column, each column gets its own; else a column whose
//! max-content width is within a fair share of the room (the room over the columns not yet
//! settled, repeated) keeps it, the others get their min-content widths and the room left is
//! shared out in proportion to `max − min`; when even the min-content widths do not fit, the
//! room is shared in proportion to them (the cells are
//! then cut by the line breaker's emergency rule). A cell is wrapped by [`super::wrap`] with
//! the Chinese rules (kinsoku: clreq §3.1.7 push-out), widths counted in cells (CJK = 2).
//!
//! A table row gives one [`Line`] per visual row, holding each cell's piece at its column and
//! the separators ` │ ` between the columns, drawn on every visual row so the columns stay
//! aligned ([`TableRow`]); the presented text is left as it is (cells separated by `\t`), so
//! positions, search and styles map as in any block.

use std::ops::Range;

use crate::units::Cells;

use super::block::Line;
use super::linebreak::{analyze, Penalty};
use super::width::str_width;
use super::{wrap, AmbiguousWidth, WrapOptions};

/// Separator between table cells.
pub const CELL_SEPARATOR: &str = " │ ";
/// The most a column's min-content width counts for one unbreakable run.
pub const MIN_CONTENT_CAP: usize = 16;
/// The narrowest a column is made (one wide character).
const MIN_COLUMN: usize = 2;

/// One visual row of a table row: each cell's piece of text at its column, and the columns
/// where a separator ([`CELL_SEPARATOR`]) is drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    pub pieces: Vec<CellPiece>,
    pub separators: Vec<Cells>,
}

/// A piece of one cell on one visual row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellPiece {
    /// Byte range of the presented text.
    pub bytes: Range<usize>,
    pub col: Cells,
    pub width: Cells,
}

/// The cells of `text`: per row, each cell's byte range.
fn cells(text: &str) -> Vec<Vec<Range<usize>>> {
    let mut rows = Vec::new();
    let mut base = 0;
    for row in text.split('\n') {
        let mut cells = Vec::new();
        let mut at = base;
        for cell in row.split('\t') {
            cells.push(at..at + cell.len());
            at += cell.len() + 1;
        }
        rows.push(cells);
        base += row.len() + 1;
    }
    rows
}

/// The widest unbreakable run of `cell` (break spaces not counted), capped.
fn min_content(cell: &str, amb: AmbiguousWidth) -> usize {
    let mut clusters = Vec::new();
    let mut widest = 0;
    for hard in cell.split('\n') {
        analyze(hard, amb, true, &mut clusters);
        let mut run = 0;
        for c in &clusters {
            if c.before == Penalty::Allowed {
                run = 0;
            }
            if c.first != ' ' {
                run += usize::from(c.width);
            }
            widest = widest.max(run);
        }
    }
    widest.min(MIN_CONTENT_CAP)
}

/// Each column's width for a table of `rows` in `width` cells (0: unlimited).
pub fn column_widths(
    text: &str,
    rows: &[Vec<Range<usize>>],
    width: Cells,
    amb: AmbiguousWidth,
) -> Vec<usize> {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut max = vec![0usize; n];
    let mut min = vec![0usize; n];
    for row in rows {
        for (c, r) in row.iter().enumerate() {
            let cell = &text[r.clone()];
            max[c] = max[c].max(str_width(cell, amb).0);
            min[c] = min[c].max(min_content(cell, amb));
        }
    }
    let sep = str_width(CELL_SEPARATOR, amb).0;
    let avail = width.0.saturating_sub(sep * n.saturating_sub(1));
    if width.0 == 0 || max.iter().sum::<usize>() <= avail {
        return max;
    }
    // Columns narrower than a fair share of what is left keep their max-content width
    // (a column of short words is not wrapped for a long one's sake).
    let mut widths = vec![0usize; n];
    let mut fixed = vec![false; n];
    let mut left = avail;
    loop {
        let open = fixed.iter().filter(|f| !**f).count();
        if open == 0 {
            break;
        }
        let fair = left / open;
        let fits: Vec<usize> = (0..n).filter(|&c| !fixed[c] && max[c] <= fair).collect();
        if fits.is_empty() {
            break;
        }
        for c in fits {
            fixed[c] = true;
            widths[c] = max[c];
            left -= max[c];
        }
    }
    let open: Vec<usize> = (0..n).filter(|&c| !fixed[c]).collect();
    let min_sum: usize = open.iter().map(|&c| min[c]).sum();
    let (base, weight): (Vec<usize>, Vec<usize>) = if min_sum <= left {
        (
            open.iter().map(|&c| min[c]).collect(),
            open.iter().map(|&c| max[c] - min[c]).collect(),
        )
    } else {
        (vec![0; open.len()], open.iter().map(|&c| min[c]).collect())
    };
    let room = left.saturating_sub(base.iter().sum());
    let total: usize = weight.iter().sum::<usize>().max(1);
    for (k, &c) in open.iter().enumerate() {
        widths[c] = base[k] + weight[k] * room / total;
    }
    // What rounding left over goes to the columns that can use it, widest need first.
    let mut left = avail.saturating_sub(widths.iter().sum());
    while left > 0 {
        let Some(c) = (0..n)
            .filter(|&c| widths[c] < max[c])
            .max_by_key(|&c| max[c] - widths[c])
        else {
            break;
        };
        widths[c] += 1;
        left -= 1;
    }
    for (w, m) in widths.iter_mut().zip(&max) {
        *w = (*w).max(MIN_COLUMN.min(*m));
    }
    widths
}

/// The lines of a table whose presented text is `text`, in `opts.width` cells (0: one line
/// per row).
pub fn table_lines(text: &str, opts: &WrapOptions) -> Vec<Line> {
    let amb = opts.ambiguous;
    let rows = cells(text);
    let widths = column_widths(text, &rows, opts.width, amb);
    let sep = str_width(CELL_SEPARATOR, amb).0;
    let starts: Vec<usize> = widths
        .iter()
        .scan(0, |at, w| {
            let s = *at;
            *at += w + sep;
            Some(s)
        })
        .collect();
    let mut lines = Vec::new();
    for row in &rows {
        let wrapped: Vec<Vec<super::VisualLine>> = row
            .iter()
            .enumerate()
            .map(|(c, r)| {
                let cell = &text[r.clone()];
                let mut o = *opts;
                o.cjk_rules = true;
                o.hanging_punctuation = false;
                o.width = if opts.width.0 == 0 {
                    Cells(0)
                } else {
                    Cells(widths[c].max(1))
                };
                let mut v = wrap(cell, &o);
                for l in &mut v {
                    l.bytes = r.start + l.bytes.start..r.start + l.bytes.end;
                }
                v
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let row_start = row.first().map_or(0, |r| r.start);
        for k in 0..height {
            let pieces: Vec<CellPiece> = wrapped
                .iter()
                .enumerate()
                .filter_map(|(c, v)| {
                    let l = v.get(k)?;
                    (!l.bytes.is_empty()).then(|| CellPiece {
                        bytes: l.bytes.clone(),
                        col: Cells(starts[c]),
                        width: l.width,
                    })
                })
                .collect();
            let separators: Vec<Cells> = (1..row.len()).map(|c| Cells(starts[c] - sep)).collect();
            let start = pieces.first().map_or(row_start, |p| p.bytes.start);
            let end = pieces.last().map_or(start, |p| p.bytes.end);
            let width = pieces
                .last()
                .map(|p| p.col + p.width)
                .into_iter()
                .chain(separators.last().map(|&s| s + Cells(sep)))
                .max()
                .unwrap_or(Cells::ZERO);
            lines.push(Line {
                bytes: start..end,
                width,
                col: Cells::ZERO,
                continued: false,
                ruby: None,
                table: Some(Box::new(TableRow { pieces, separators })),
            });
        }
    }
    lines
}
