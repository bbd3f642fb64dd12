//! The page: what is drawn in the reading column, as positioned runs, with no terminal.
//!
//! [`build`] walks the [`View`] from a top line for `height` rows and turns each line of each
//! [`BlockLayout`] into [`Run`]s `{ col, text, style, source }` (the row is the index of its
//! [`PageRow`]). Every decoration comes from [`super::block`]; this module only places text
//! and decorations in cells and splits text where its style changes (inline styles, search
//! matches, the selection). The page is the only input of the article renderer
//! (`ui::article`), of `--dump` ([`crate::dump`], through [`line_runs`] and [`row_text`]),
//! and of hit-testing ([`Page::hit_test`]: cell → source position; [`word_at`]: position →
//! word), as helix's `doc_formatter` is for its editor.

use std::ops::Range;
use std::rc::Rc;

use unicode_segmentation::UnicodeSegmentation;

use crate::document::{BlockKind, Document, InlineStyle};
use crate::script::Scripter;
use crate::search::Match;
use crate::typography::is_han;
use crate::units::{Cells, PresentedByte, SourceByte};

use super::block::{BlockLayout, CONTINUATION, RULE};
use super::view::{LineRef, Position, View};
use super::width::{grapheme_width, str_width};
use super::AmbiguousWidth;

/// What a run is, which decides its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Text of a block of this kind.
    Text(BlockKind),
    /// A block's prefix (list indent, preformatted indent).
    Prefix(BlockKind),
    /// The bars before a quote.
    QuoteBar,
    /// A rule.
    Rule,
    /// The `↪` of a continuation row.
    Continuation,
    /// An annotation on a ruby row ([`super::ruby`]).
    Ruby,
}

/// A highlight over text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Highlight {
    /// A search match.
    Match,
    /// The current search match.
    CurrentMatch,
    /// The word the reader clicked.
    Selection,
}

/// How a run looks, without the terminal: its role, inline styles and highlight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunStyle {
    pub role: Role,
    pub inline: Vec<InlineStyle>,
    pub highlight: Option<Highlight>,
}

/// Where a run's text came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunSource {
    pub block: usize,
    /// Byte range of the block's presented text.
    pub presented: Range<usize>,
    /// Byte range of the block's source text.
    pub bytes: Range<SourceByte>,
}

/// A piece of one row in one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Column in the reading column (0 = its left edge).
    pub col: Cells,
    pub width: Cells,
    pub text: String,
    pub style: RunStyle,
    /// `None` for decorations.
    pub source: Option<RunSource>,
}

/// One row of the page.
#[derive(Clone, Debug)]
pub struct PageRow {
    pub line: LineRef,
    pub runs: Vec<Run>,
}

/// Runs for a viewport, and what is needed to map a cell back to the source.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub rows: Vec<PageRow>,
    pub ambiguous: AmbiguousWidth,
    layouts: Vec<(usize, Rc<BlockLayout>)>,
}

/// What to highlight: search matches (source ranges), the current one, a selection.
#[derive(Clone, Debug, Default)]
pub struct Marks<'a> {
    pub matches: &'a [Match],
    pub current: Option<usize>,
    pub selection: Option<(usize, Range<SourceByte>)>,
}

/// Lays out `height` rows from line `top`.
pub fn build(
    view: &mut View,
    doc: &Document,
    scripter: &Scripter,
    top: LineRef,
    height: usize,
    marks: &Marks,
) -> Page {
    let ambiguous = view.key().wrap.ambiguous;
    let mut page = Page {
        rows: Vec::with_capacity(height),
        ambiguous,
        layouts: Vec::new(),
    };
    if doc.blocks.is_empty() {
        return page;
    }
    let mut line = Some(top);
    while page.rows.len() < height {
        let Some(r) = line else { break };
        let layout = view.layout(doc, scripter, r.block);
        if page.layouts.last().is_none_or(|(b, _)| *b != r.block) {
            page.layouts.push((r.block, layout.clone()));
        }
        let hl = block_marks(marks, r.block, &layout);
        page.rows.push(PageRow {
            line: r,
            runs: line_runs(&layout, r.block, r.line, &hl, ambiguous),
        });
        line = view.next(doc, scripter, r);
    }
    page
}

/// The highlights of block `block` in presented bytes, sorted by start.
fn block_marks(
    marks: &Marks,
    block: usize,
    layout: &BlockLayout,
) -> Vec<(Range<usize>, Highlight)> {
    let map = &layout.presented.map;
    let to_presented = |r: &Range<usize>| {
        let s = map.to_display(SourceByte(r.start)).0;
        let e = map.to_display_end(SourceByte(r.end)).0.max(s + 1);
        s..e
    };
    let first = marks.matches.partition_point(|m| m.block < block);
    let mut out: Vec<(Range<usize>, Highlight)> = marks.matches[first..]
        .iter()
        .take_while(|m| m.block == block)
        .enumerate()
        .map(|(k, m)| {
            let h = if marks.current == Some(first + k) {
                Highlight::CurrentMatch
            } else {
                Highlight::Match
            };
            (to_presented(&m.bytes), h)
        })
        .collect();
    if let Some((b, r)) = &marks.selection {
        if *b == block {
            out.push((to_presented(&(r.start.0..r.end.0)), Highlight::Selection));
        }
    }
    out
}

/// The runs of line `line` of a block laid out as `layout` (block index `block`), with the
/// highlights `marks` (presented byte ranges). A spacing line has no runs.
pub fn line_runs(
    layout: &BlockLayout,
    block: usize,
    line: usize,
    marks: &[(Range<usize>, Highlight)],
    amb: AmbiguousWidth,
) -> Vec<Run> {
    let Some(l) = layout.lines.get(line) else {
        return Vec::new();
    };
    let kind = layout.kind;
    let deco = |col: Cells, text: String, role: Role| Run {
        col,
        width: str_width(&text, amb),
        text,
        style: RunStyle {
            role,
            inline: Vec::new(),
            highlight: None,
        },
        source: None,
    };
    let mut runs = Vec::new();
    if !layout.prefix.is_empty() {
        let role = match kind {
            BlockKind::Quote { .. } => Role::QuoteBar,
            _ => Role::Prefix(kind),
        };
        runs.push(deco(Cells::ZERO, layout.prefix.clone(), role));
    }
    if l.continued {
        let w = str_width(CONTINUATION, amb);
        runs.push(deco(
            l.col.saturating_sub(w),
            CONTINUATION.into(),
            Role::Continuation,
        ));
    }
    if let Some(marks) = &l.ruby {
        runs.extend(marks.iter().map(|m| Run {
            col: m.col,
            width: m.width,
            text: m.text.clone(),
            style: RunStyle {
                role: Role::Ruby,
                inline: Vec::new(),
                highlight: None,
            },
            source: None,
        }));
        return runs;
    }
    if kind == BlockKind::Rule {
        let each = str_width(RULE, amb).0.max(1);
        runs.push(deco(l.col, RULE.repeat(l.width.0 / each), Role::Rule));
        return runs;
    }
    if let Some(t) = &l.table {
        let sep = super::table::CELL_SEPARATOR;
        for &c in &t.separators {
            runs.push(deco(c, sep.into(), Role::Prefix(kind)));
        }
        for p in &t.pieces {
            text_runs(
                layout, block, &p.bytes, p.col, p.width, marks, amb, &mut runs,
            );
        }
        runs.sort_by_key(|r| r.col);
        return runs;
    }
    text_runs(
        layout, block, &l.bytes, l.col, l.width, marks, amb, &mut runs,
    );
    runs
}

/// The text runs of presented bytes `bytes` of a block drawn from `col` (`whole`: their
/// width), cut where a style or a highlight starts or ends.
#[allow(clippy::too_many_arguments)]
fn text_runs(
    layout: &BlockLayout,
    block: usize,
    bytes: &Range<usize>,
    col: Cells,
    whole: Cells,
    marks: &[(Range<usize>, Highlight)],
    amb: AmbiguousWidth,
    runs: &mut Vec<Run>,
) {
    let kind = layout.kind;
    let text = &layout.presented.text;
    let spans = &layout.presented.spans;
    // Cut the line where a style or a highlight starts or ends.
    let (s, e) = (bytes.start, bytes.end);
    let mut cuts: Vec<usize> = vec![s, e];
    let inside = |b: usize| b > s && b < e && text.is_char_boundary(b);
    for sp in spans {
        cuts.extend(
            [sp.bytes.start, sp.bytes.end]
                .into_iter()
                .filter(|&b| inside(b)),
        );
    }
    for (r, _) in marks {
        cuts.extend([r.start, r.end].into_iter().filter(|&b| inside(b)));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut col = col;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        let piece = &text[a..b];
        // One piece is the whole line, whose width the layout knows.
        let width = if a == s && b == e {
            whole
        } else {
            str_width(piece, amb)
        };
        let inline = spans
            .iter()
            .filter(|sp| sp.bytes.contains(&a))
            .map(|sp| sp.style)
            .collect();
        let highlight = marks
            .iter()
            .filter(|(r, _)| r.contains(&a))
            .map(|(_, h)| *h)
            .max();
        let map = &layout.presented.map;
        runs.push(Run {
            col,
            width,
            text: piece.to_string(),
            style: RunStyle {
                role: Role::Text(kind),
                inline,
                highlight,
            },
            source: Some(RunSource {
                block,
                presented: a..b,
                bytes: map.to_source(PresentedByte(a))..map.to_source(PresentedByte(b)),
            }),
        });
        col += width;
    }
}

/// The row as plain text: runs at their columns, the gaps between them as spaces, and no
/// trailing spaces (what `--dump` prints for a row): the empty row of a man page's blank line
/// is empty, not its block's indent, and a line's own trailing spaces are invisible on screen.
pub fn row_text(runs: &[Run]) -> String {
    let mut out = String::new();
    let mut col = 0;
    for r in runs {
        if r.col.0 > col {
            out.extend(std::iter::repeat_n(' ', r.col.0 - col));
            col = r.col.0;
        }
        out.push_str(&r.text);
        col += r.width.0;
    }
    out.truncate(out.trim_end_matches(' ').len());
    out
}

impl Page {
    /// The source position drawn at (`row`, `col`) of the page (`col` in the column), or
    /// `None` where no text is drawn (decorations, blank cells, past the rows). A cell in the
    /// right half of a wide character names that character.
    pub fn hit_test(&self, row: usize, col: Cells) -> Option<Position> {
        let pr = self.rows.get(row)?;
        let run = pr
            .runs
            .iter()
            .find(|r| r.source.is_some() && col >= r.col && col < r.col + r.width)?;
        let src = run.source.as_ref()?;
        let mut x = run.col;
        let mut at = src.presented.start;
        for (i, g) in run.text.grapheme_indices(true) {
            let w = grapheme_width(g, self.ambiguous);
            if col < x + w {
                at = src.presented.start + i;
                break;
            }
            x += w;
        }
        let layout = &self.layouts.iter().find(|(b, _)| *b == src.block)?.1;
        let map = &layout.presented.map;
        if map.is_inserted(PresentedByte(at)) {
            return None;
        }
        let byte = map.to_source(PresentedByte(at));
        Some(Position {
            block: src.block,
            byte: byte.0,
        })
    }

    /// The rows as plain text ([`row_text`]).
    pub fn text(&self) -> Vec<String> {
        self.rows.iter().map(|r| row_text(&r.runs)).collect()
    }
}

/// The word of `text` (a block's source text) at byte `at`: a Han character on its own (a
/// dictionary will group Han characters into words later), otherwise the UAX #29 word
/// around it (`Configuration`, `2026`). Punctuation and spaces are words of their own.
pub fn word_at(text: &str, at: SourceByte) -> Range<SourceByte> {
    let at = at.0.min(text.len());
    for (start, w) in text.split_word_bound_indices() {
        let end = start + w.len();
        if at >= end {
            continue;
        }
        if w.chars().any(is_han) {
            // One Han character (with its combining marks).
            let (i, g) = w[at.saturating_sub(start)..]
                .grapheme_indices(true)
                .next()
                .map(|(i, g)| (i + at.saturating_sub(start), g))
                .unwrap_or((0, w));
            let s = start + i;
            // `at` may be inside a character: snap to its grapheme.
            let s = (start..=s)
                .rev()
                .find(|&b| text.is_char_boundary(b))
                .unwrap_or(start);
            return SourceByte(s)..SourceByte(s + g.len());
        }
        return SourceByte(start)..SourceByte(end);
    }
    SourceByte(text.len())..SourceByte(text.len())
}
