//! The view over a document: blocks presented and laid out on demand, cached, and walked line
//! by line. No terminal here: this is the part of the reader that tests drive directly.
//!
//! A screen line is named by a [`LineRef`] (block, line within the block's layout, where the
//! lines past the block's text lines are its blank spacing lines). The reading position is a
//! [`Position`] in source coordinates; [`View::line_of`] and [`View::position_of`] convert, so
//! a new width or variant only means a new layout.

use std::collections::HashMap;
use std::rc::Rc;

use crate::document::Document;
use crate::script::Scripter;
use crate::units::{PresentedByte, SourceByte};

pub use super::block::{layout_block, BlockLayout, LayoutKey, Line};

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

/// Presents and lays out blocks on demand, with a bounded cache.
pub struct View {
    key: LayoutKey,
    cache: HashMap<usize, Rc<BlockLayout>>,
    /// Lines held by the cached layouts (a group of one-line paragraphs is one block of
    /// many lines).
    cached_lines: usize,
    /// How many blocks were presented and laid out (a work count for tests).
    pub layouts_made: usize,
}

const CACHE_LIMIT: usize = 4096;
/// …and at most this many lines in them.
const CACHE_LINES_LIMIT: usize = 1 << 16;

impl View {
    pub fn new(key: LayoutKey) -> Self {
        View {
            key,
            cache: HashMap::new(),
            cached_lines: 0,
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
            self.cached_lines = 0;
        }
    }

    /// The layout of block `i` (which must exist).
    pub fn layout(&mut self, doc: &Document, scripter: &Scripter, i: usize) -> Rc<BlockLayout> {
        if let Some(l) = self.cache.get(&i) {
            return l.clone();
        }
        if self.cache.len() >= CACHE_LIMIT || self.cached_lines >= CACHE_LINES_LIMIT {
            self.cache.clear();
            self.cached_lines = 0;
        }
        let l = Rc::new(layout_block(doc, scripter, &self.key, i));
        self.cached_lines += l.lines.len();
        self.layouts_made += 1;
        self.cache.insert(i, l.clone());
        l
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
            None => doc.blocks.bytes(r.block).len(),
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
        let len = doc.blocks.bytes(block).len();
        if p.byte >= len && l.gap > 0 && len > 0 {
            return LineRef {
                block,
                line: l.lines.len(),
            };
        }
        let d = l.presented.map.to_display(SourceByte(p.byte.min(len))).0;
        let mut line = l
            .lines
            .partition_point(|v| v.bytes.start <= d)
            .saturating_sub(1);
        // A line with a ruby row is shown from its ruby row.
        if line > 0 && l.lines[line - 1].ruby.is_some() {
            line -= 1;
        }
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
