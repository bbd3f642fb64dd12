//! Presentation of one block: the source text through the display transforms, with a map
//! back to source offsets:
//!
//! ```text
//! source → hide inline pinyin (發(fā)展 → 發展, before conversion so OpenCC sees whole words)
//!        → script variant (OpenCC, clause by clause: see [`convert`])
//!        → punctuation tidy (, → ，) → CJK–Latin spacing (off by default) → display
//! ```
//!
//! Positions are kept in source coordinates (block + byte offset into the block's source text);
//! every step returns an [`OffsetMap`] and the maps compose with [`OffsetMap::then`].
//!
//! Preformatted blocks ([`BlockKind::Preformatted`], e.g. code) are shown exactly as written:
//! no typography and no script conversion (identifiers, strings and comments in code are data, and OpenCC would rewrite
//! them; a reader who wants them converted can read them in the original).

pub mod convert;
pub use crate::offset_map::{MapBuilder, OffsetMap};

use std::ops::Range;

use crate::document::blocks::group_lines;
use crate::document::{reflow, BlockKind, Document, StyleSpan};
use crate::layout::width::str_width;
use crate::layout::AmbiguousWidth;
use crate::script::{Scripter, Variant};
use crate::typography;
use crate::units::SourceByte;

/// Display transforms that leave the file unchanged (issue 7). Each one's rules are in
/// [`crate::typography`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Typography {
    /// Hide inline pinyin annotations such as `發(fā)` ([`typography::hide_pinyin`]); the
    /// app's `p` key toggles it.
    pub hide_pinyin: bool,
    /// Show half-width `, . : ! ?` next to Chinese characters as full-width, GB/T 15834-2011
    /// §4 ([`typography::tidy_punctuation`], through autocorrect's `fullwidth` rule).
    pub fullwidth_punctuation: bool,
    /// Put a space between Han characters and Latin letters or digits, clreq §3.4
    /// ([`typography::cjk_latin_space`]); off by default.
    pub cjk_latin_space: bool,
}

impl Typography {
    /// `--typography tidy` (the default).
    pub const TIDY: Typography = Typography {
        hide_pinyin: true,
        fullwidth_punctuation: true,
        cjk_latin_space: false,
    };
    /// `--typography original`: no transform.
    pub const ORIGINAL: Typography = Typography {
        hide_pinyin: false,
        fullwidth_punctuation: false,
        cjk_latin_space: false,
    };
}

impl Default for Typography {
    fn default() -> Self {
        Typography::TIDY
    }
}

/// How to present blocks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PresentOptions {
    /// The script variant (OpenCC), applied clause by clause ([`convert`]).
    pub variant: Variant,
    /// The typography transforms.
    pub typography: Typography,
}

/// A block as displayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presented {
    /// The display text (what layout wraps and the screen shows).
    pub text: String,
    /// Display ↔ source offsets.
    pub map: OffsetMap,
    /// Inline styles in display coordinates.
    pub spans: Vec<StyleSpan>,
}

/// Presents one block's source text `source` (of kind `kind`, with Markdown `spans` in
/// source bytes) as it is shown under `opts`. The result's `map` goes display byte ↔ source
/// byte; its spans are in display bytes (empty ones dropped). Linear in the block's length.
pub fn present(
    source: &str,
    kind: BlockKind,
    spans: &[StyleSpan],
    opts: &PresentOptions,
    scripter: &Scripter,
) -> Presented {
    if kind.is_verbatim() {
        if source.contains('\t') {
            let (text, map) = expand_tabs(source);
            let spans = map_spans(spans, &map);
            return Presented { text, map, spans };
        }
        return Presented {
            text: source.to_string(),
            map: OffsetMap::identity(source.len()),
            spans: spans.to_vec(),
        };
    }
    let ty = opts.typography;
    let mut text: Option<String> = None;
    let mut map: Option<OffsetMap> = None;
    let mut step = |f: &dyn Fn(&str) -> (String, OffsetMap)| {
        let (t, m) = f(text.as_deref().unwrap_or(source));
        map = Some(match map.take() {
            Some(inner) => m.then(&inner),
            None => m,
        });
        text = Some(t);
    };
    if ty.hide_pinyin {
        step(&typography::hide_pinyin);
    }
    if opts.variant != Variant::Original {
        step(&|t| convert::convert_clauses(t, opts.variant, scripter));
    }
    if ty.fullwidth_punctuation {
        step(&typography::tidy_punctuation);
    }
    if ty.cjk_latin_space {
        step(&typography::cjk_latin_space);
    }
    let text = text.unwrap_or_else(|| source.to_string());
    let map = map.unwrap_or_else(|| OffsetMap::identity(source.len()));
    let spans = map_spans(spans, &map);
    Presented { text, map, spans }
}

/// Presents block `i` of `doc` ([`present`] over its source text). A block of plain text
/// that spans several source lines (a reflowed paragraph, [`crate::document::reflow`]) has
/// its segment breaks joined first (CSS Text 3 §4.1.2); the map still leads back to the
/// source. Verse, tables and preformatted blocks keep their lines.
pub fn present_block(
    doc: &Document,
    i: usize,
    opts: &PresentOptions,
    scripter: &Scripter,
) -> Presented {
    if doc.blocks.is_group(i) {
        let len = doc.blocks.bytes(i).len();
        return join_group_lines(len, present_group_lines(doc, i, opts, scripter)).0;
    }
    let block = doc.blocks.at(i);
    let source = doc.block_text(i);
    let source = source.as_ref();
    // Only reflowed plain text: a man page's or program output's kept line end is an empty
    // row (a blank line of the page), not a segment break.
    let joins = doc.source.reflow.is_some()
        && !matches!(
            block.kind,
            BlockKind::Preformatted | BlockKind::Table | BlockKind::Verse
        )
        && source.contains('\n');
    if !joins {
        return present(source, block.kind, block.spans, opts, scripter);
    }
    let (joined, join_map) = reflow::join_segment_breaks(source);
    let spans = map_spans(block.spans, &join_map);
    let mut p = present(&joined, block.kind, &spans, opts, scripter);
    p.map = p.map.then(&join_map);
    p
}

/// Presents each line of group block `i` (a run of one-line paragraphs,
/// [`crate::document::blocks`]) as the paragraph it was: its range in the block's source
/// text and its presentation (styles clipped to the line).
pub fn present_group_lines(
    doc: &Document,
    i: usize,
    opts: &PresentOptions,
    scripter: &Scripter,
) -> Vec<(Range<usize>, Presented)> {
    present_group_lines_then(doc, i, opts, scripter, |p| p)
}

/// [`present_group_lines`], each line's presentation passed through `then` (the layout's
/// first-line indent). A line that repeats the line before it (`yes`, a log's repeated line)
/// is presented once: the same text and no styles gives the same presentation.
pub fn present_group_lines_then(
    doc: &Document,
    i: usize,
    opts: &PresentOptions,
    scripter: &Scripter,
    then: impl Fn(Presented) -> Presented,
) -> Vec<(Range<usize>, Presented)> {
    let source = doc.block_text(i);
    let spans = doc.blocks.spans(i);
    let mut out: Vec<(Range<usize>, Presented)> = Vec::new();
    for r in group_lines(&source) {
        if let Some((prev, p)) = out.last() {
            if spans.is_empty() && source[prev.clone()] == source[r.clone()] {
                let p = p.clone();
                out.push((r, p));
                continue;
            }
        }
        let p = {
            let line_spans: Vec<StyleSpan> = spans
                .iter()
                .filter_map(|s| {
                    let (a, b) = (s.bytes.start.max(r.start), s.bytes.end.min(r.end));
                    (a < b).then(|| StyleSpan {
                        bytes: a - r.start..b - r.start,
                        style: s.style,
                    })
                })
                .collect();
            present(
                &source[r.clone()],
                BlockKind::Paragraph,
                &line_spans,
                opts,
                scripter,
            )
        };
        out.push((r, then(p)));
    }
    out
}

/// The lines of a group presented ([`present_group_lines`]) as one text, one `\n` between
/// lines standing for the source between them (line end, spaces, blank lines); `source_len`
/// is the group's source length. Also gives where each line starts in the joined text.
pub fn join_group_lines(
    source_len: usize,
    lines: Vec<(Range<usize>, Presented)>,
) -> (Presented, Vec<usize>) {
    let mut text = String::new();
    let mut map = MapBuilder::new();
    let mut spans = Vec::new();
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for (k, (r, p)) in lines.into_iter().enumerate() {
        if k > 0 {
            text.push('\n');
        }
        map.replace(usize::from(k > 0), r.start - at);
        starts.push(text.len());
        spans.extend(p.spans.into_iter().map(|s| StyleSpan {
            bytes: s.bytes.start + text.len()..s.bytes.end + text.len(),
            style: s.style,
        }));
        text.push_str(&p.text);
        map.append(&p.map);
        at = r.end;
    }
    map.replace(0, source_len.saturating_sub(at));
    let presented = Presented {
        text,
        map: map.finish(),
        spans,
    };
    (presented, starts)
}

/// Tab stops every 8 cells (DECISIONS "Input and the sanitizer": program output, tables and
/// code expect 8), counted from the start of each line with ambiguous characters narrow.
fn expand_tabs(text: &str) -> (String, OffsetMap) {
    const STOP: usize = 8;
    let mut out = String::with_capacity(text.len() + 16);
    let mut map = MapBuilder::new();
    let mut col = 0;
    for (i, piece) in text.split('\t').enumerate() {
        if i > 0 {
            let n = STOP - col % STOP;
            out.extend(std::iter::repeat_n(' ', n));
            map.replace(n, 1);
            col += n;
        }
        out.push_str(piece);
        map.copy(piece.len());
        col = match piece.rfind('\n') {
            Some(nl) => str_width(&piece[nl + 1..], AmbiguousWidth::Narrow).0,
            None => col + str_width(piece, AmbiguousWidth::Narrow).0,
        };
    }
    (out, map.finish())
}

/// Maps style spans from source to display bytes: a start rounds down, an end rounds up (so a
/// span over a replaced clause covers its replacement); empty spans are dropped.
pub fn map_spans(spans: &[StyleSpan], map: &OffsetMap) -> Vec<StyleSpan> {
    spans
        .iter()
        .filter_map(|s| {
            let start = map.to_display(SourceByte(s.bytes.start)).0;
            let end = map.to_display_end(SourceByte(s.bytes.end)).0.max(start);
            (end > start).then_some(StyleSpan {
                bytes: start..end,
                style: s.style,
            })
        })
        .collect()
}
