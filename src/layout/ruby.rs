//! Ruby rows: a block's annotations (author ruby `rt`, [`AnnotationKind::Ruby`]) drawn on a
//! row of their own above each wrapped line, each centred over its base, when the reader
//! shows them (`p`, the same switch as the source's inline pinyin; DECISIONS "Keys").
//!
//! Three steps, all in [`super::block`]'s layout of one block:
//!
//! 1. [`space_bases`], before wrapping: where two annotations would collide (an annotation
//!    wider than its base, as pinyin over one Han character is), spaces are inserted before
//!    the second base so each annotation fits centred over its base with one cell between
//!    neighbours — as CSS Ruby Layout 1 §4.2 widens a ruby base to its annotation
//!    (`ruby-align: space-around`). At the start of a (hard) line, where an annotation wider
//!    than its base cannot begin left of the line, spaces before the base move it right
//!    instead, so that the annotation, starting the row, is centred over it. The spaces are
//!    gaps of the presented text's map (no source), so hit-testing and positions stay exact;
//!    they are break opportunities, and a line ending in them drops them, as it drops any
//!    break space. (A base that wrapping puts at the start of a soft line keeps its
//!    annotation at the column's edge, up to a cell off centre: wrapping comes after.)
//! 2. Wrapping ([`super::block`]) keeps each base one unit (no break inside it). (An
//!    annotation standing out past the last base of a full line is not counted by the
//!    wrapping; step 3 takes the overhang back.)
//! 3. [`row_over`], after wrapping: the annotations whose bases start on a line, placed at
//!    the base's column plus half the difference of widths, never overlapping the one before
//!    (one cell apart) and never left of the column's edge; a row that would pass the
//!    column's end moves its last marks left ([`fit_marks`]), so it is never wider than the
//!    column.
//!
//! Inline pinyin written in the text (`發(fā)`) is shown in place by the same switch; it is
//! not drawn a second time here.

use std::ops::Range;

use crate::document::{Annotation, AnnotationKind};
use crate::offset_map::{MapBuilder, OffsetMap};
use crate::present::{map_spans, Presented};
use crate::units::{Cells, SourceByte};

use super::width::str_width;
use super::AmbiguousWidth;

/// One annotation placed on a ruby row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RubyMark {
    /// Column in the reading column.
    pub col: Cells,
    pub width: Cells,
    pub text: String,
}

/// An annotation in presented coordinates: its base's byte range and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedAnnotation {
    pub base: Range<usize>,
    pub text: String,
}

/// The annotations to draw as ruby rows, in presented bytes of `p`, sorted, overlapping
/// ones (a nested ruby) dropped. A base the presentation hid entirely is dropped too.
pub fn presented_annotations(annotations: &[Annotation], p: &Presented) -> Vec<PlacedAnnotation> {
    let mut out: Vec<PlacedAnnotation> = Vec::new();
    for a in annotations {
        if a.kind != AnnotationKind::Ruby || a.text.trim().is_empty() {
            continue;
        }
        let base = presented_range(&p.map, &p.text, &a.bytes);
        if base.is_empty() || out.last().is_some_and(|l| l.base.end > base.start) {
            continue;
        }
        out.push(PlacedAnnotation {
            base,
            text: a.text.trim().to_string(),
        });
    }
    out
}

/// A source range of a block → its presented range, without text inserted before or after
/// it (an indent, a CJK–Latin space).
fn presented_range(map: &OffsetMap, text: &str, r: &Range<usize>) -> Range<usize> {
    let s = map.to_display(SourceByte(r.start)).0.min(text.len());
    let mut e = map.to_display(SourceByte(r.end)).0.min(text.len()).max(s);
    while e > s {
        let Some(c) = text[..e].chars().next_back() else {
            break;
        };
        if !map.is_inserted(crate::units::PresentedByte(e - c.len_utf8())) {
            break;
        }
        e -= c.len_utf8();
    }
    s..e
}

/// Step 1: `p` with spaces inserted before bases whose annotations would collide with the
/// one before; returns the new presented text and the annotations moved with it.
pub fn space_bases(
    p: Presented,
    annotations: Vec<PlacedAnnotation>,
    amb: AmbiguousWidth,
) -> (Presented, Vec<PlacedAnnotation>) {
    if annotations.is_empty() {
        return (p, annotations);
    }
    let mut text = String::with_capacity(p.text.len() + annotations.len() * 2);
    let mut b = MapBuilder::new();
    let mut placed = Vec::with_capacity(annotations.len());
    let mut pos = 0;
    // Cells from the start of the current hard line, and where the last annotation ended.
    let mut col: isize = 0;
    let mut last_end: Option<isize> = None;
    for a in annotations {
        let between = &p.text[pos..a.base.start];
        text.push_str(between);
        b.copy(between.len());
        match between.rfind('\n') {
            Some(nl) => {
                col = str_width(&between[nl + 1..], amb).0 as isize;
                last_end = None;
            }
            None => col += str_width(between, amb).0 as isize,
        }
        let base_w = str_width(&p.text[a.base.clone()], amb).0 as isize;
        let ann_w = str_width(&a.text, amb).0 as isize;
        let mut at = col + (base_w - ann_w).div_euclid(2);
        // Not left of the line's start: there the base moves right instead, so that its
        // annotation, starting at the line's start, is still centred over it (it sat one cell
        // off centre, from the base's first cell on).
        let mut pad = (-at).max(0);
        if let Some(end) = last_end {
            pad = pad.max(end + 1 - at);
        }
        if pad > 0 {
            text.extend(std::iter::repeat_n(' ', pad as usize));
            b.replace(pad as usize, 0);
            col += pad;
            at += pad;
        }
        let start = text.len();
        text.push_str(&p.text[a.base.clone()]);
        b.copy(a.base.len());
        col += base_w;
        last_end = Some(at + ann_w);
        placed.push(PlacedAnnotation {
            base: start..text.len(),
            text: a.text,
        });
        pos = a.base.end;
    }
    text.push_str(&p.text[pos..]);
    b.copy(p.text.len() - pos);
    let padded = b.finish();
    let spans = map_spans(&p.spans, &padded);
    let map = padded.then(&p.map);
    (Presented { text, map, spans }, placed)
}

/// Step 2: the ruby row over the line `line` (presented bytes) of `text` drawn from column
/// `col`, or `None` when no annotated base starts on it. Annotations stay within
/// `bounds` (the block's text area: after its prefix, up to the column's width, whose end
/// 0 means unbounded) where there is room.
pub fn row_over(
    text: &str,
    line: &Range<usize>,
    col: Cells,
    annotations: &[PlacedAnnotation],
    bounds: Range<Cells>,
    amb: AmbiguousWidth,
) -> Option<Vec<RubyMark>> {
    let first = annotations.partition_point(|a| a.base.start < line.start);
    let mut marks: Vec<RubyMark> = Vec::new();
    for a in annotations[first..]
        .iter()
        .take_while(|a| a.base.start < line.end)
    {
        let lead = str_width(&text[line.start..a.base.start], amb).0 as isize;
        let base_end = a.base.end.min(line.end);
        let base_w = str_width(&text[a.base.start..base_end], amb).0 as isize;
        let ann_w = str_width(&a.text, amb);
        let mut at = col.0 as isize + lead + (base_w - ann_w.0 as isize).div_euclid(2);
        if bounds.end.0 > 0 {
            at = at.min(bounds.end.0 as isize - ann_w.0 as isize);
        }
        let floor = marks
            .last()
            .map_or(bounds.start.0, |m| (m.col + m.width).0 + 1);
        let at = at.max(floor as isize) as usize;
        marks.push(RubyMark {
            col: Cells(at),
            width: ann_w,
            text: a.text.clone(),
        });
    }
    fit_marks(&mut marks, bounds);
    (!marks.is_empty()).then_some(marks)
}

/// Keeps a ruby row inside the column: an annotation standing out past the last base of a
/// full line (pinyin over the line's last Han character) pushes the row past the column's
/// end; the marks at the row's end then move left, each one cell before the next — no gap
/// at all when the row cannot hold the gaps — and never left of the text area. The
/// wrapping does not count annotations, so this is where the overhang is taken back.
fn fit_marks(marks: &mut [RubyMark], bounds: Range<Cells>) {
    let (lo, hi) = (bounds.start.0, bounds.end.0);
    if hi == 0 {
        return;
    }
    let total: usize = marks.iter().map(|m| m.width.0).sum();
    let gap = usize::from(total + marks.len().saturating_sub(1) <= hi.saturating_sub(lo));
    let mut limit = hi;
    for m in marks.iter_mut().rev() {
        if (m.col + m.width).0 <= limit {
            break;
        }
        m.col = Cells(limit.saturating_sub(m.width.0).max(lo));
        limit = m.col.0.saturating_sub(gap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(base: Range<usize>, text: &str) -> PlacedAnnotation {
        PlacedAnnotation {
            base,
            text: text.into(),
        }
    }

    fn presented(text: &str) -> Presented {
        Presented {
            text: text.into(),
            map: OffsetMap::identity(text.len()),
            spans: Vec::new(),
        }
    }

    #[test]
    fn colliding_annotations_space_their_bases() {
        // 漢字: "hàn" (3 cells) centred over 漢 (2) starts one cell before it, so 字 moves
        // one cell right and "zì" starts one cell after "hàn", centred over 字.
        let (p, placed) = space_bases(
            presented("是漢字"),
            vec![ann(3..6, "hàn"), ann(6..9, "zì")],
            AmbiguousWidth::Narrow,
        );
        assert_eq!(p.text, "是漢 字");
        assert_eq!(placed[1].base, 7..10);
        let row = row_over(
            &p.text,
            &(0..10),
            Cells(0),
            &placed,
            Cells(0)..Cells(0),
            AmbiguousWidth::Narrow,
        )
        .unwrap();
        let cols: Vec<usize> = row.iter().map(|m| m.col.0).collect();
        assert_eq!(cols, [1, 5]);
        // The inserted space has no source: position 6 of the source is 字 at display 7.
        assert_eq!(p.map.to_display(SourceByte(6)).0, 7);
    }

    #[test]
    fn an_annotation_at_a_line_start_is_centred_over_its_base() {
        // "dīng" (4 cells) over 丁 (2) at the start of a line: 丁 moves one cell right and
        // the annotation starts the row, one cell each side of 丁 (it was at 丁's first cell,
        // one cell off centre).
        let (p, placed) = space_bases(
            presented("丁是\n丁"),
            vec![ann(0..3, "dīng"), ann(7..10, "dīng")],
            AmbiguousWidth::Narrow,
        );
        assert_eq!(p.text, " 丁是\n 丁");
        for (line, base) in [(0..7, 1..4), (8..12, 9..12)] {
            let row = row_over(
                &p.text,
                &line,
                Cells(0),
                &placed,
                Cells(0)..Cells(0),
                AmbiguousWidth::Narrow,
            )
            .unwrap();
            assert_eq!(row[0].col.0, 0);
            assert!(placed.iter().any(|a| a.base == base), "{placed:?}");
        }
    }

    #[test]
    fn an_annotation_starting_a_line_moves_the_next_base() {
        let (p, placed) = space_bases(
            presented("漢字"),
            vec![ann(0..3, "hàn"), ann(3..6, "zì")],
            AmbiguousWidth::Narrow,
        );
        assert_eq!(p.text, " 漢 字");
        assert_eq!(placed[1].base, 5..8);
        let row = row_over(
            &p.text,
            &(0..8),
            Cells(0),
            &placed,
            Cells(0)..Cells(0),
            AmbiguousWidth::Narrow,
        )
        .unwrap();
        let cols: Vec<usize> = row.iter().map(|m| m.col.0).collect();
        assert_eq!(cols, [0, 4]);
        // The inserted spaces have no source: position 3 of the source is 字 at display 5.
        assert_eq!(p.map.to_display(SourceByte(3)).0, 5);
    }

    #[test]
    fn narrow_annotations_need_no_space() {
        let (p, _) = space_bases(
            presented("東京"),
            vec![ann(0..6, "とう")],
            AmbiguousWidth::Narrow,
        );
        assert_eq!(p.text, "東京");
    }

    #[test]
    fn a_row_never_passes_the_column_end() {
        // Bases spaced as step 1 spaces them; the last three-cell reading, centred over its
        // two-cell base at cells 12–13, stands out to cell 15 in a 14-cell column.
        let text = "甲  乙  丙  丁";
        let a = [
            ann(0..3, "jia"),
            ann(5..8, "yii"),
            ann(10..13, "bin"),
            ann(15..18, "din"),
        ];
        let row = |end| {
            row_over(
                text,
                &(0..text.len()),
                Cells(0),
                &a,
                Cells(0)..Cells(end),
                AmbiguousWidth::Narrow,
            )
            .unwrap()
        };
        let marks = row(14);
        assert_eq!((marks[3].col + marks[3].width).0, 14, "{marks:?}");
        for w in marks.windows(2) {
            assert!(w[0].col + w[0].width <= w[1].col, "{marks:?}");
        }
        // With room, the row is as before.
        let wide = row(20);
        assert_eq!(
            wide.iter().map(|m| m.col.0).collect::<Vec<_>>(),
            [0, 4, 8, 12]
        );
    }

    #[test]
    fn a_row_holds_only_the_bases_on_its_line() {
        let text = "甲乙丙丁";
        let a = [ann(0..3, "jiǎ"), ann(9..12, "dīng")];
        let first = row_over(
            text,
            &(0..6),
            Cells(2),
            &a,
            Cells(0)..Cells(0),
            AmbiguousWidth::Narrow,
        );
        assert_eq!(first.unwrap().len(), 1);
        let second = row_over(
            text,
            &(6..12),
            Cells(0),
            &a,
            Cells(0)..Cells(0),
            AmbiguousWidth::Narrow,
        );
        let m = second.unwrap();
        // 丁 at cells 2–3; "dīng" (4 cells) centred: column 1.
        assert_eq!((m[0].col.0, m[0].text.as_str()), (1, "dīng"));
        assert!(row_over(
            text,
            &(3..6),
            Cells(0),
            &a,
            Cells(0)..Cells(0),
            AmbiguousWidth::Narrow
        )
        .is_none());
    }
}
