//! One block laid out for one column: the presented text wrapped into lines, with every
//! decoration decided here and nowhere else (the page, the screen, `--dump` and hit-testing
//! read it):
//!
//! - paragraphs: the first-line indent of two U+3000 (clreq §3.1.5, "indent = true");
//! - titles: centred in the column;
//! - list items: the marker (`• `, `12. `) hangs, continuation lines start under the text;
//! - quotes: a bar `│ ` per depth before every line; list items two cells per depth;
//! - preformatted text: verbatim lines, cut at the column; each continuation row starts with
//!   `↪` (DECISIONS "Output formats"); tabs stop every 8 cells;
//! - tables: their `\t`-separated cells in columns joined by ` │ `, a long cell wrapped inside
//!   its column ([`super::table`]);
//! - verse: each line on its own, a long one continued with a 2-cell hanging indent;
//! - rules: a line of `─` fitted to the column;
//! - images: `[圖 alt]`, the word in the displayed script (`[图 alt]`); an image inside a
//!   line (an `Image` span, in a list item) the same, in the line;
//! - author ruby, when shown: a row of annotations above each line ([`super::ruby`]).
//!
//! Decorations that are text (the indent, the image's brackets and word, table padding) are put into the
//! presented text with their own [`OffsetMap`] gaps, so positions stay exact.

use std::ops::Range;

use crate::document::{BlockKind, Document, InlineStyle, StyleSpan};
use crate::offset_map::MapBuilder;
use crate::present::{present_block, PresentOptions, Presented};
use crate::script::Scripter;
use crate::units::Cells;

use super::ruby::{self, RubyMark};
use super::table::TableRow;
use super::width::{grapheme_width, str_width};
use super::wrap::wrap_glued;
use super::{wrap, AmbiguousWidth, WrapOptions};
use unicode_segmentation::UnicodeSegmentation;

/// The mark at the start of a continuation row of a preformatted line or table row.
pub const CONTINUATION: &str = "↪";
/// An image is drawn as `[圖 alt]` (`[圖]` with no alternative text), with `图` where the
/// displayed script is simplified.
pub const IMAGE_WORD: (&str, &str) = ("圖", "图");
/// What a rule is drawn with, repeated to fill the column.
pub const RULE: &str = "─";
/// Rule length at width 0 (`--dump --width 0`: no column to fit).
const UNWRAPPED_RULE_CELLS: usize = 20;
/// A verse line's continuation rows start this far in.
const VERSE_HANG: Cells = Cells(2);

/// What a layout depends on besides the block; a change clears the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayoutKey {
    pub present: PresentOptions,
    pub wrap: WrapOptions,
    pub paragraph_spacing: bool,
    /// Indent the first line of paragraphs that have no indent by two ideographic spaces.
    pub indent: bool,
}

/// One line of a block: a range of its presented text, placed in the column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the presented text (break spaces and `\n` excluded).
    pub bytes: Range<usize>,
    /// Display width of the text (for a rule: of the rule).
    pub width: Cells,
    /// Column where the text starts (after the prefix, a hanging indent, a `↪`, centring).
    pub col: Cells,
    /// A continuation row: [`CONTINUATION`] is drawn just before `col`.
    pub continued: bool,
    /// A ruby row ([`super::ruby`]): the annotations over the text line that follows, drawn
    /// instead of text; `bytes` is then the empty range at that line's start.
    pub ruby: Option<Vec<RubyMark>>,
    /// A visual row of a table ([`super::table`]): its cells' pieces at their columns, drawn
    /// instead of `bytes` (which then spans from the first piece to the last).
    pub table: Option<Box<TableRow>>,
}

/// A block presented and laid out at one width.
#[derive(Debug)]
pub struct BlockLayout {
    pub kind: BlockKind,
    pub presented: Presented,
    pub lines: Vec<Line>,
    /// Drawn at column 0 before every line (list indent, quote bars, preformatted indent).
    pub prefix: String,
    pub prefix_width: Cells,
    /// Blank lines after the block.
    pub gap: usize,
}

impl BlockLayout {
    /// Text lines plus spacing lines.
    pub fn height(&self) -> usize {
        self.lines.len() + self.gap
    }
}

/// Presents and lays out block `i` of `doc` under `key`.
pub fn layout_block(doc: &Document, scripter: &Scripter, key: &LayoutKey, i: usize) -> BlockLayout {
    if doc.blocks.is_group(i) {
        return layout_group(doc, scripter, key, i);
    }
    let block = doc.blocks.at(i);
    let kind = block.kind;
    let amb = key.wrap.ambiguous;
    let mut presented = present_block(doc, i, &key.present, scripter);
    match kind {
        BlockKind::Paragraph if key.indent => presented = indent_first_line(presented),
        BlockKind::Image => presented = image_label(presented, image_word(doc, scripter, key)),
        _ => {}
    }
    if block.spans.iter().any(|s| s.style == InlineStyle::Image) {
        presented = inline_images(presented, image_word(doc, scripter, key));
    }
    // Author ruby, shown with inline pinyin (`p`): bases spaced so annotations fit.
    let show_ruby = !key.present.typography.hide_pinyin
        && !block.annotations.is_empty()
        && !matches!(
            kind,
            BlockKind::Preformatted | BlockKind::Table | BlockKind::Rule
        );
    let mut annotations = Vec::new();
    if show_ruby {
        let placed = ruby::presented_annotations(block.annotations, &presented);
        (presented, annotations) = ruby::space_bases(presented, placed, amb);
    }
    let prefix = match kind {
        BlockKind::Quote { depth } => "│ ".repeat(usize::from(depth.max(1))),
        BlockKind::ListItem { depth } => "  ".repeat(usize::from(depth)),
        // A man page's own indentation, leaving the text at least half the column.
        BlockKind::Indented { cells } => {
            let room = match key.wrap.width.0 {
                0 => usize::MAX,
                w => w / 2,
            };
            " ".repeat(usize::from(cells).min(room))
        }
        BlockKind::Preformatted => "  ".to_string(),
        _ => String::new(),
    };
    let prefix_width = str_width(&prefix, amb);
    let mut opts = key.wrap;
    if opts.width.0 > 0 {
        opts.width = Cells(opts.width.0.saturating_sub(prefix_width.0).max(2));
    }
    opts.cjk_rules = !kind.is_verbatim();
    // Shown ruby: each base is one unit.
    let glued: Vec<Range<usize>> = annotations.iter().map(|a| a.base.clone()).collect();
    let text = presented.text.as_str();
    let mut lines = match kind {
        BlockKind::Rule => {
            let cells = match opts.width.0 {
                0 => UNWRAPPED_RULE_CELLS,
                w => w,
            };
            let each = str_width(RULE, amb).0.max(1);
            vec![Line {
                bytes: 0..0,
                width: Cells(cells / each * each),
                col: Cells::ZERO,
                continued: false,
                ruby: None,
                table: None,
            }]
        }
        BlockKind::Preformatted => verbatim_lines(text, opts.width, amb),
        BlockKind::Table => super::table::table_lines(text, &opts),
        BlockKind::Verse => {
            let mut lines = Vec::new();
            let mut base = 0;
            for hard in text.split('\n') {
                hanging(hard, base, &opts, VERSE_HANG, &glued, &mut lines);
                base += hard.len() + 1;
            }
            lines
        }
        BlockKind::ListItem { .. } => {
            // The marker (`• `, `12. `) hangs: continuation lines start under the item's text.
            let marker = list_marker_len(text);
            let hang = str_width(&text[..marker], amb);
            let mut lines = Vec::new();
            if marker > 0 && (opts.width.0 == 0 || opts.width.0 > hang.0 + 2) {
                hanging(text, 0, &opts, hang, &glued, &mut lines);
            } else {
                let v = wrap_glued(text, &opts, &glued, 0);
                lines.extend(v.into_iter().map(plain_line));
            }
            lines
        }
        _ => wrap_glued(text, &opts, &glued, 0)
            .into_iter()
            .map(plain_line)
            .collect(),
    };
    for l in &mut lines {
        l.col += prefix_width;
        if kind == BlockKind::Title && opts.width.0 > 0 {
            l.col += Cells(opts.width.0.saturating_sub(l.width.0) / 2);
        }
    }
    if !annotations.is_empty() {
        let bounds = prefix_width..key.wrap.width;
        lines = with_ruby_rows(lines, &presented.text, &annotations, bounds, amb);
    }
    let gap = gap_after(doc, key, kind, i);
    BlockLayout {
        kind,
        presented,
        lines,
        prefix,
        prefix_width,
        gap,
    }
}

/// Blank lines after block `i` of `kind`, by the kind of the block after it.
fn gap_after(doc: &Document, key: &LayoutKey, kind: BlockKind, i: usize) -> usize {
    let next = doc.blocks.get(i + 1).map(|b| b.kind);
    match (kind, next) {
        (_, None) => 0,
        // A heading keeps its subtitles; metadata lines stay together.
        (BlockKind::Heading { .. } | BlockKind::Subtitle, Some(BlockKind::Subtitle)) => 0,
        (BlockKind::Meta, Some(BlockKind::Meta)) => 0,
        (BlockKind::ListItem { .. }, Some(BlockKind::ListItem { .. })) => 0,
        (BlockKind::Indented { .. }, Some(BlockKind::Indented { .. })) => 0,
        (_, Some(BlockKind::Heading { .. })) => 2,
        (BlockKind::Paragraph, Some(BlockKind::Paragraph)) if !key.paragraph_spacing => 0,
        _ => 1,
    }
}

/// A group of one-line paragraphs ([`crate::document::blocks`]) laid out as those paragraphs
/// one after the other: each line presented, indented and wrapped as its own paragraph, with
/// the blank line between two paragraphs (when paragraphs are spaced) as an empty line of the
/// layout at the `\n` that joins them, which maps back to the end of the line before it, as
/// a paragraph's spacing line maps to its end.
fn layout_group(doc: &Document, scripter: &Scripter, key: &LayoutKey, i: usize) -> BlockLayout {
    let kind = BlockKind::Paragraph;
    let indent = |p| if key.indent { indent_first_line(p) } else { p };
    let parts = crate::present::present_group_lines_then(doc, i, &key.present, scripter, indent);
    let len = doc.blocks.bytes(i).len();
    let (presented, starts) = crate::present::join_group_lines(len, parts);
    let text = presented.text.as_str();
    let mut opts = key.wrap;
    if opts.width.0 > 0 {
        opts.width = Cells(opts.width.0.max(2));
    }
    opts.cjk_rules = !kind.is_verbatim();
    let mut lines: Vec<Line> = Vec::new();
    // The lines of the line before (its range and where its rows are in `lines`): a line
    // that repeats it is wrapped the same (`yes`, logs).
    let mut before: Option<(Range<usize>, Range<usize>)> = None;
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |&next| next - 1);
        if k > 0 && key.paragraph_spacing {
            lines.push(Line {
                bytes: start - 1..start - 1,
                width: Cells::ZERO,
                col: Cells::ZERO,
                continued: false,
                ruby: None,
                table: None,
            });
        }
        let rows = lines.len();
        match before {
            Some((prev, was)) if text[prev.clone()] == text[start..end] => {
                for r in was {
                    let l = &lines[r];
                    let bytes =
                        l.bytes.start - prev.start + start..l.bytes.end - prev.start + start;
                    lines.push(Line { bytes, ..l.clone() });
                }
            }
            _ => lines.extend(wrap(&text[start..end], &opts).into_iter().map(|v| Line {
                bytes: start + v.bytes.start..start + v.bytes.end,
                ..plain_line(v)
            })),
        }
        before = Some((start..end, rows..lines.len()));
    }
    BlockLayout {
        kind,
        presented,
        lines,
        prefix: String::new(),
        prefix_width: Cells::ZERO,
        gap: gap_after(doc, key, kind, i),
    }
}

/// `lines` with a ruby row before each line that has annotated bases.
fn with_ruby_rows(
    lines: Vec<Line>,
    text: &str,
    annotations: &[ruby::PlacedAnnotation],
    bounds: Range<Cells>,
    amb: AmbiguousWidth,
) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len() * 2);
    for l in lines {
        if let Some(marks) = ruby::row_over(text, &l.bytes, l.col, annotations, bounds.clone(), amb)
        {
            let end = marks.last().map_or(Cells::ZERO, |m| m.col + m.width);
            out.push(Line {
                bytes: l.bytes.start..l.bytes.start,
                width: end,
                col: Cells::ZERO,
                continued: false,
                ruby: Some(marks),
                table: None,
            });
        }
        out.push(l);
    }
    out
}

fn plain_line(v: super::VisualLine) -> Line {
    Line {
        bytes: v.bytes,
        width: v.width,
        col: Cells::ZERO,
        continued: false,
        ruby: None,
        table: None,
    }
}

/// Wraps one hard line `text` (at byte `base` of the presented text): the first line at the
/// full width, the rest `hang` cells in (list items, verse); no break inside `glued` (ruby
/// bases, in bytes of the whole presented text).
fn hanging(
    text: &str,
    base: usize,
    opts: &WrapOptions,
    hang: Cells,
    glued: &[Range<usize>],
    out: &mut Vec<Line>,
) {
    let first = wrap_glued(text, opts, glued, base).into_iter().next();
    let Some(first) = first else { return };
    let mut rest_start = first.bytes.end;
    out.push(Line {
        bytes: base + first.bytes.start..base + first.bytes.end,
        ..plain_line(first)
    });
    // Break spaces after the first line belong to no line.
    rest_start += text[rest_start..].len() - text[rest_start..].trim_start_matches(' ').len();
    if rest_start >= text.len() {
        return;
    }
    let mut body = *opts;
    body.width = Cells(opts.width.0.saturating_sub(hang.0).max(2));
    for v in wrap_glued(&text[rest_start..], &body, glued, base + rest_start) {
        out.push(Line {
            bytes: base + rest_start + v.bytes.start..base + rest_start + v.bytes.end,
            width: v.width,
            col: hang,
            continued: false,
            ruby: None,
            table: None,
        });
    }
}

/// Verbatim lines: one per hard line, cut between grapheme clusters where it would pass the
/// column; each continuation row starts with [`CONTINUATION`]. Width 0: no cutting.
fn verbatim_lines(text: &str, width: Cells, amb: AmbiguousWidth) -> Vec<Line> {
    let mark = str_width(CONTINUATION, amb);
    let mut lines = Vec::new();
    let mut base = 0;
    for hard in text.split('\n') {
        let mut start = 0;
        let mut w = 0;
        let mut continued = false;
        for (at, g) in hard.grapheme_indices(true) {
            let gw = grapheme_width(g, amb).0;
            let room = if continued {
                width.0.saturating_sub(mark.0).max(1)
            } else {
                width.0
            };
            if width.0 > 0 && w + gw > room && at > start {
                lines.push(verbatim_line(base, start..at, w, continued, mark));
                start = at;
                w = 0;
                continued = true;
            }
            w += gw;
        }
        lines.push(verbatim_line(base, start..hard.len(), w, continued, mark));
        base += hard.len() + 1;
    }
    lines
}

fn verbatim_line(base: usize, r: Range<usize>, w: usize, continued: bool, mark: Cells) -> Line {
    Line {
        bytes: base + r.start..base + r.end,
        width: Cells(w),
        col: if continued { mark } else { Cells::ZERO },
        continued,
        ruby: None,
        table: None,
    }
}

/// The word for an image in the displayed script: the variant's, or for the original text
/// the book's language (`zh-CN`, `zh-Hans`…), else the script detected in its text.
fn image_word(doc: &Document, scripter: &Scripter, key: &LayoutKey) -> &'static str {
    use crate::script::{Script, Variant};
    let simplified = match key.present.variant {
        Variant::Simplified => true,
        Variant::Original => match doc.source.meta.language.as_deref() {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => {
                let l = l.to_ascii_lowercase();
                ["zh-cn", "zh-hans", "zh-sg", "zh-my"]
                    .iter()
                    .any(|p| l.starts_with(p))
            }
            _ => scripter.source_script() == Script::Simplified,
        },
        _ => false,
    };
    if simplified {
        IMAGE_WORD.1
    } else {
        IMAGE_WORD.0
    }
}

/// An image's alternative text `p` as `[圖 alt]` (`[圖]` when empty): the brackets and the
/// word are decorations with no source.
fn image_label(p: Presented, word: &str) -> Presented {
    let lead = if p.text.is_empty() {
        format!("[{word}")
    } else {
        format!("[{word} ")
    };
    let mut p = insert_before(p, &lead);
    let mut map = MapBuilder::new();
    map.append(&p.map);
    map.replace(1, 0);
    p.text.push(']');
    p.map = map.finish();
    p
}

/// The images inside a line (`Image` spans over their alternative text, in a list item)
/// drawn `[圖 alt]`: the brackets and the word are decorations with no source, put in through
/// a map from the new text to the old one composed with the presentation's.
fn inline_images(p: Presented, word: &str) -> Presented {
    let mut images: Vec<Range<usize>> = p
        .spans
        .iter()
        .filter(|s| s.style == InlineStyle::Image)
        .map(|s| s.bytes.clone())
        .collect();
    images.sort_by_key(|r| r.start);
    let lead = format!("[{word} ");
    let mut text = String::with_capacity(p.text.len() + images.len() * (lead.len() + 1));
    let mut outer = MapBuilder::new();
    // Where in the old text bytes were put, and how many.
    let mut inserts: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for r in &images {
        if r.start < at || r.end > p.text.len() {
            continue;
        }
        text.push_str(&p.text[at..r.start]);
        outer.copy(r.start - at);
        text.push_str(&lead);
        outer.replace(lead.len(), 0);
        inserts.push((r.start, lead.len()));
        text.push_str(&p.text[r.clone()]);
        outer.copy(r.len());
        text.push(']');
        outer.replace(1, 0);
        inserts.push((r.end, 1));
        at = r.end;
    }
    text.push_str(&p.text[at..]);
    outer.copy(p.text.len() - at);
    let map = outer.finish().then(&p.map);
    // A position after the bytes put in before it (and at it, for an image's own end).
    let shift = |x: usize, with_at: bool| {
        x + inserts
            .iter()
            .filter(|&&(pos, _)| pos < x || (with_at && pos == x))
            .map(|&(_, n)| n)
            .sum::<usize>()
    };
    let spans = p
        .spans
        .into_iter()
        .map(|s| {
            let own = s.style == InlineStyle::Image;
            StyleSpan {
                bytes: shift(s.bytes.start, false)..shift(s.bytes.end, own),
                ..s
            }
        })
        .collect();
    Presented { text, map, spans }
}

/// `p` with `lead` put before its text (a decoration: a zero-length gap in the source).
fn insert_before(p: Presented, lead: &str) -> Presented {
    let mut map = MapBuilder::new();
    map.replace(lead.len(), 0);
    map.append(&p.map);
    let spans = shift_spans(p.spans, lead.len());
    Presented {
        text: format!("{lead}{}", p.text),
        map: map.finish(),
        spans,
    }
}

fn shift_spans(spans: Vec<StyleSpan>, by: usize) -> Vec<StyleSpan> {
    spans
        .into_iter()
        .map(|s| StyleSpan {
            bytes: s.bytes.start + by..s.bytes.end + by,
            ..s
        })
        .collect()
}

/// The first-line indent of a paragraph (two U+3000 IDEOGRAPHIC SPACE, as Chinese books set
/// it, clreq §3.1.5), unless the text already starts with a space or is not Chinese: an
/// English paragraph (in a Markdown file, a bilingual text) keeps its first line flush.
fn indent_first_line(p: Presented) -> Presented {
    if p.text.starts_with([' ', '\u{3000}']) || !is_chinese_paragraph(&p.text) {
        return p;
    }
    insert_before(p, "\u{3000}\u{3000}")
}

/// Whether a paragraph is Chinese for the first-line indent: in its first 64 characters,
/// wide characters (Han, full-width punctuation) at least as many as Latin words, so
/// `Python 是一种语言` is Chinese and `See 第一章 for details` is not.
fn is_chinese_paragraph(text: &str) -> bool {
    let (mut wide, mut words, mut in_word) = (0usize, 0usize, false);
    for c in text.chars().take(64) {
        if super::width::is_wide(c) {
            wide += 1;
        }
        let letter = c.is_alphabetic() && !super::width::is_wide(c);
        if letter && !in_word {
            words += 1;
        }
        in_word = letter;
    }
    wide > 0 && wide >= words
}

/// Bytes of a list marker at the start of a list item's text (`• `, `12. `), or 0.
fn list_marker_len(text: &str) -> usize {
    if let Some(rest) = text.strip_prefix("• ") {
        return text.len() - rest.len();
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with(". ") {
        return digits + 2;
    }
    // A plain-text list item keeps the marker it was written with (`* `, `+ `, `o `, `1) `).
    crate::document::reflow::list_marker_bytes(text).unwrap_or(0)
}
