//! The view over a document: blocks presented and laid out on demand, cached, and walked line
//! by line. No terminal here: this is the part of the reader that tests drive directly.
//!
//! A screen line is named by a [`LineRef`] (block, line within the block's layout, where the
//! lines past the block's text lines are its blank spacing lines). The reading position is a
//! [`Position`] in source coordinates; [`View::line_of`] and [`View::position_of`] convert, so
//! a new width or variant only means a new layout.

use std::collections::HashMap;
use std::rc::Rc;

use crate::document::{BlockKind, Document, StyleSpan};
use crate::layout::width::str_width;
use crate::layout::{wrap, VisualLine, WrapOptions};
use crate::present::{present, MapBuilder, PresentOptions, Presented};
use crate::script::Scripter;
use crate::units::{Cells, PresentedByte, SourceByte};

/// A reading position: block index and byte offset into that block's source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub block: usize,
    pub byte: usize,
}

/// One screen line: a block and a line index in its layout (text lines, then spacing lines).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineRef {
    pub block: usize,
    pub line: usize,
}

/// A block presented and laid out at one width.
#[derive(Debug)]
pub struct BlockLayout {
    pub presented: Presented,
    pub lines: Vec<VisualLine>,
    /// Drawn before every line (list indent, quote bar); its width was taken from the column.
    pub prefix: String,
    pub prefix_width: Cells,
    /// Blank cells before every line but the first (a list item's hanging indent).
    pub hang: Cells,
    /// Blank lines after the block.
    pub gap: usize,
}

impl BlockLayout {
    /// Text lines plus spacing lines.
    pub fn height(&self) -> usize {
        self.lines.len() + self.gap
    }
}

/// The first-line indent of a paragraph (two U+3000 IDEOGRAPHIC SPACE, as Chinese books set
/// it), unless the text already starts with a space. The map and spans shift with it.
fn indent_first_line(p: Presented) -> Presented {
    const INDENT: &str = "\u{3000}\u{3000}";
    if p.text.starts_with([' ', '\u{3000}']) || p.text.is_empty() {
        return p;
    }
    let mut map = MapBuilder::new();
    map.replace(INDENT.len(), 0);
    map.append(&p.map);
    let spans = p
        .spans
        .into_iter()
        .map(|s| StyleSpan {
            bytes: s.bytes.start + INDENT.len()..s.bytes.end + INDENT.len(),
            ..s
        })
        .collect();
    Presented {
        text: format!("{INDENT}{}", p.text),
        map: map.finish(),
        spans,
    }
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
    0
}

/// What a layout depends on besides the block; a change clears the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayoutKey {
    pub present: PresentOptions,
    pub wrap: WrapOptions,
    pub paragraph_spacing: bool,
    /// Indent the first line of paragraphs that have no indent by two ideographic spaces.
    pub indent: bool,
}

/// Presents and lays out blocks on demand, with a bounded cache.
pub struct View {
    key: LayoutKey,
    cache: HashMap<usize, Rc<BlockLayout>>,
    /// How many blocks were presented and laid out (a work count for tests).
    pub layouts_made: usize,
}

const CACHE_LIMIT: usize = 4096;

impl View {
    pub fn new(key: LayoutKey) -> Self {
        View {
            key,
            cache: HashMap::new(),
            layouts_made: 0,
        }
    }

    pub fn key(&self) -> LayoutKey {
        self.key
    }

    /// Changes what layouts depend on; clears the cache when it differs.
    pub fn set_key(&mut self, key: LayoutKey) {
        if key != self.key {
            self.key = key;
            self.cache.clear();
        }
    }

    /// The layout of block `i` (which must exist).
    pub fn layout(&mut self, doc: &Document, scripter: &Scripter, i: usize) -> Rc<BlockLayout> {
        if let Some(l) = self.cache.get(&i) {
            return l.clone();
        }
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        let l = Rc::new(self.make_layout(doc, scripter, i));
        self.layouts_made += 1;
        self.cache.insert(i, l.clone());
        l
    }

    fn make_layout(&self, doc: &Document, scripter: &Scripter, i: usize) -> BlockLayout {
        let block = &doc.blocks[i];
        let mut presented = present(
            doc.block_text(i),
            block.kind,
            &block.spans,
            &self.key.present,
            scripter,
        );
        if self.key.indent && block.kind == BlockKind::Paragraph {
            presented = indent_first_line(presented);
        }
        let prefix = match block.kind {
            BlockKind::Quote { depth } => "│ ".repeat(usize::from(depth.max(1))),
            BlockKind::ListItem { depth } => "  ".repeat(usize::from(depth)),
            BlockKind::Preformatted => "  ".to_string(),
            BlockKind::Image => "〔圖〕".to_string(),
            _ => String::new(),
        };
        let prefix_width = str_width(&prefix, self.key.wrap.ambiguous);
        let mut opts = self.key.wrap;
        if opts.width.0 > 0 {
            opts.width = Cells(opts.width.0.saturating_sub(prefix_width.0).max(2));
        }
        opts.cjk_rules = !block.kind.is_verbatim();
        // A list item's marker (`• `, `12. `) hangs: its continuation lines start under the
        // item's text, not under the marker.
        let marker_bytes = match block.kind {
            BlockKind::ListItem { .. } => list_marker_len(&presented.text),
            _ => 0,
        };
        let hang = Cells(str_width(&presented.text[..marker_bytes], self.key.wrap.ambiguous).0);
        let lines = if block.kind == BlockKind::Rule {
            vec![VisualLine {
                bytes: 0..0,
                width: Cells::ZERO,
            }]
        } else if marker_bytes > 0 && opts.width.0 > hang.0 + 2 {
            let mut body = opts;
            body.width = opts.width.saturating_sub(hang);
            let mut lines = wrap(&presented.text[marker_bytes..], &body);
            for (n, l) in lines.iter_mut().enumerate() {
                l.bytes = l.bytes.start + marker_bytes..l.bytes.end + marker_bytes;
                if n == 0 {
                    l.bytes.start = 0;
                    l.width += hang;
                }
            }
            lines
        } else {
            wrap(&presented.text, &opts)
        };
        let next = doc.blocks.get(i + 1).map(|b| b.kind);
        let gap = match (block.kind, next) {
            (_, None) => 0,
            // A heading keeps its subtitles; metadata lines stay together.
            (BlockKind::Heading { .. } | BlockKind::Subtitle, Some(BlockKind::Subtitle)) => 0,
            (BlockKind::Meta, Some(BlockKind::Meta)) => 0,
            (BlockKind::ListItem { .. }, Some(BlockKind::ListItem { .. })) => 0,
            (_, Some(BlockKind::Heading { .. })) => 2,
            (BlockKind::Paragraph, Some(BlockKind::Paragraph)) if !self.key.paragraph_spacing => 0,
            _ => 1,
        };
        BlockLayout {
            presented,
            lines,
            prefix,
            prefix_width,
            hang: if marker_bytes > 0 { hang } else { Cells::ZERO },
            gap,
        }
    }

    /// The line after `r`, if any.
    pub fn next(&mut self, doc: &Document, sc: &Scripter, r: LineRef) -> Option<LineRef> {
        if r.block >= doc.blocks.len() {
            return None;
        }
        if r.line + 1 < self.layout(doc, sc, r.block).height() {
            return Some(LineRef {
                block: r.block,
                line: r.line + 1,
            });
        }
        (r.block + 1 < doc.blocks.len()).then_some(LineRef {
            block: r.block + 1,
            line: 0,
        })
    }

    /// The line before `r`, if any.
    pub fn prev(&mut self, doc: &Document, sc: &Scripter, r: LineRef) -> Option<LineRef> {
        if r.block >= doc.blocks.len() {
            return None;
        }
        if r.line > 0 {
            return Some(LineRef {
                block: r.block,
                line: r.line - 1,
            });
        }
        if r.block == 0 {
            return None;
        }
        let h = self.layout(doc, sc, r.block - 1).height();
        Some(LineRef {
            block: r.block - 1,
            line: h.saturating_sub(1),
        })
    }

    /// Moves `n` lines down (or up for negative `n`), stopping at the ends.
    pub fn step(&mut self, doc: &Document, sc: &Scripter, mut r: LineRef, n: isize) -> LineRef {
        for _ in 0..n.unsigned_abs() {
            let moved = if n > 0 {
                self.next(doc, sc, r)
            } else {
                self.prev(doc, sc, r)
            };
            match moved {
                Some(m) => r = m,
                None => break,
            }
        }
        r
    }

    /// The source position where line `r` starts. Spacing lines map to the block's end.
    pub fn position_of(&mut self, doc: &Document, sc: &Scripter, r: LineRef) -> Position {
        if doc.blocks.is_empty() {
            return Position::default();
        }
        let l = self.layout(doc, sc, r.block);
        let byte = match l.lines.get(r.line) {
            Some(line) => l.presented.map.to_source(PresentedByte(line.bytes.start)).0,
            None => doc.blocks[r.block].bytes.len(),
        };
        Position {
            block: r.block,
            byte,
        }
    }

    /// The line that shows source position `p`: the last text line starting at or before it
    /// (a position at the very end of a block names its first spacing line, if it has one).
    pub fn line_of(&mut self, doc: &Document, sc: &Scripter, p: Position) -> LineRef {
        if doc.blocks.is_empty() {
            return LineRef::default();
        }
        let block = p.block.min(doc.blocks.len() - 1);
        let l = self.layout(doc, sc, block);
        let len = doc.blocks[block].bytes.len();
        if p.byte >= len && l.gap > 0 && len > 0 {
            return LineRef {
                block,
                line: l.lines.len(),
            };
        }
        let d = l.presented.map.to_display(SourceByte(p.byte.min(len))).0;
        let line = l
            .lines
            .partition_point(|v| v.bytes.start <= d)
            .saturating_sub(1);
        LineRef { block, line }
    }

    /// The last line of the document.
    pub fn last_line(&mut self, doc: &Document, sc: &Scripter) -> LineRef {
        match doc.blocks.len() {
            0 => LineRef::default(),
            n => {
                let h = self.layout(doc, sc, n - 1).height();
                LineRef {
                    block: n - 1,
                    line: h.saturating_sub(1),
                }
            }
        }
    }
}
