//! [`OffsetMap`]: display byte ↔ source byte, for text that went through display transforms.
//!
//! A neutral module: [`crate::typography`] and [`crate::present`] both build maps, and
//! layout and search read them; none of them owns it. Its conversions are the only way
//! between a [`SourceByte`] and a [`PresentedByte`] (the "display" text here is the
//! presented text).
//!
//! A map is a monotone chain of points `(display_byte, source_byte)`, starting at `(0, 0)` and
//! ending at `(display_len, source_len)`. The gap from one point to the next is either
//!
//! - a **copy**: both sides have the same byte length and the same char boundaries (the bytes
//!   were kept, or each char was swapped for one of the same UTF-8 length, as OpenCC does for
//!   `發` → `发`); offsets inside map linearly, so the map is char-exact there; or
//! - a **replacement**: an opaque change (`U盘` → `隨身碟`, a hidden `(fā)`, `,` → `，`); an
//!   offset inside maps to the start of the gap.
//!
//! A transform that changes one char at a time therefore keeps every char boundary exact, and
//! a clause whose length changed is exact at its two ends.

use crate::units::{PresentedByte, SourceByte};

/// One point of the chain; `copy` says whether the gap up to the next point is a copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Point {
    display_byte: usize,
    source_byte: usize,
    copy: bool,
}

/// Maps byte offsets between a display text and the source text it was made from.
///
/// See the module docs for the model. Both directions are monotone (non-decreasing), map
/// `0` to `0` and each text's length to the other's, and map a char boundary to a char
/// boundary when the map was made by this crate's transforms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetMap {
    points: Vec<Point>,
}

impl OffsetMap {
    /// The map of an unchanged text of `len` bytes (one copy gap: exact everywhere).
    pub fn identity(len: usize) -> Self {
        let mut b = MapBuilder::new();
        b.copy(len);
        b.finish()
    }

    /// A map from explicit anchors `(display_byte, source_byte)`; they should start at
    /// (0, 0), not decrease, and end at both lengths (out-of-order anchors are clamped so the
    /// map stays monotone). Between anchors an offset maps to the anchor at or before it.
    pub fn from_anchors(anchors: Vec<(usize, usize)>) -> Self {
        let mut points: Vec<Point> = Vec::with_capacity(anchors.len() + 1);
        let (mut d_max, mut s_max) = (0, 0);
        if anchors.first() != Some(&(0, 0)) {
            points.push(Point {
                display_byte: 0,
                source_byte: 0,
                copy: false,
            });
        }
        for (d, s) in anchors {
            d_max = d_max.max(d);
            s_max = s_max.max(s);
            points.push(Point {
                display_byte: d_max,
                source_byte: s_max,
                copy: false,
            });
        }
        OffsetMap { points }
    }

    /// The map's anchors `(display_byte, source_byte)`, in order: every point where the
    /// mapping is known exactly (copy gaps are exact inside too).
    pub fn anchors(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.points.iter().map(|p| (p.display_byte, p.source_byte))
    }

    /// Length in bytes of the display text.
    pub fn display_len(&self) -> usize {
        self.points.last().map_or(0, |p| p.display_byte)
    }

    /// Length in bytes of the source text.
    pub fn source_len(&self) -> usize {
        self.points.last().map_or(0, |p| p.source_byte)
    }

    /// Composes two maps: `self` maps text B → text A, `inner` maps text A → source; the
    /// result maps B → source. One sweep over both chains (each point costs a binary search).
    ///
    /// Exact — the same as `inner.to_source(self.to_source(d))` and
    /// `self.to_display(inner.to_display(s))` — except where a replaced gap of one map
    /// overlaps one of the other in part (`U盘 :` → `隨身碟 :` → `隨身碟：`), or `self`
    /// inserts text exactly where `inner` deleted some: the composed gap is then the union,
    /// and an offset inside maps to its start (earlier, never later).
    pub fn then(&self, inner: &OffsetMap) -> OffsetMap {
        // Sweep both chains by their common coordinate (text A), inner points first at ties.
        let (mut i, mut j) = (0, 0);
        let (mut self_copy, mut inner_copy) = (false, false);
        let mut out: Vec<Point> = Vec::with_capacity(self.points.len() + inner.points.len());
        while i < self.points.len() || j < inner.points.len() {
            let take_inner = match (self.points.get(i), inner.points.get(j)) {
                (Some(p), Some(q)) => q.display_byte <= p.source_byte,
                (None, Some(_)) => true,
                _ => false,
            };
            // A point strictly inside the other map's replaced gap is dropped: the composed
            // gap is opaque there, and the point would pull offsets to the wrong side.
            let (d, s, inside) = if take_inner {
                let q = inner.points[j];
                j += 1;
                inner_copy = q.copy;
                let inside = i > 0
                    && !self.points[i - 1].copy
                    && self.points[i - 1].source_byte < q.display_byte
                    && self
                        .points
                        .get(i)
                        .is_some_and(|n| n.source_byte > q.display_byte);
                (self.display_of(q.display_byte), q.source_byte, inside)
            } else {
                let p = self.points[i];
                i += 1;
                self_copy = p.copy;
                let inside = j > 0
                    && !inner.points[j - 1].copy
                    && inner.points[j - 1].display_byte < p.source_byte
                    && inner
                        .points
                        .get(j)
                        .is_some_and(|n| n.display_byte > p.source_byte);
                (p.display_byte, inner.source_of(p.source_byte), inside)
            };
            if inside {
                continue;
            }
            let copy = self_copy && inner_copy;
            let (d, s) = match out.last() {
                Some(l) => (d.max(l.display_byte), s.max(l.source_byte)),
                None => (d, s),
            };
            match out.last_mut() {
                Some(l) if l.display_byte == d && l.source_byte == s => l.copy = copy,
                _ => out.push(Point {
                    display_byte: d,
                    source_byte: s,
                    copy,
                }),
            }
        }
        fix_copies(&mut out);
        OffsetMap { points: out }
    }

    /// Display byte → source byte (offsets past the end map to the source length). An offset
    /// inside a replaced gap maps to the gap's source start; an offset right after deleted
    /// source text maps past the deletion.
    pub fn to_source(&self, display: PresentedByte) -> SourceByte {
        SourceByte(self.source_of(display.0))
    }

    /// Source byte → display byte (offsets past the end map to the display length). An offset
    /// in deleted text (a hidden annotation) maps to the display offset of what follows the
    /// deletion; an offset where text was inserted (a CJK–Latin space) maps past the insertion,
    /// so the char that was there is found again.
    pub fn to_display(&self, source: SourceByte) -> PresentedByte {
        PresentedByte(self.display_of(source.0))
    }

    /// Source byte → display byte, rounding up: where `source` falls inside a replaced gap,
    /// the display offset at the gap's end (for the end of a range, so a highlighted match or
    /// a style span covers the whole replacement).
    pub fn to_display_end(&self, source: SourceByte) -> PresentedByte {
        PresentedByte(self.display_end_of(source.0))
    }

    /// True when the display byte `display` lies in text that has no source at all: an
    /// insertion such as a paragraph indent, an image mark, table padding or a CJK–Latin
    /// space (a replaced gap whose source side is empty). Hit-testing names nothing there.
    pub fn is_inserted(&self, display: PresentedByte) -> bool {
        let i = self.points.partition_point(|p| p.display_byte <= display.0);
        match (
            i.checked_sub(1).and_then(|k| self.points.get(k)),
            self.points.get(i),
        ) {
            (Some(p), Some(n)) => !p.copy && n.source_byte == p.source_byte,
            _ => false,
        }
    }

    fn source_of(&self, display_byte: usize) -> usize {
        let i = self
            .points
            .partition_point(|p| p.display_byte <= display_byte);
        let Some(p) = i.checked_sub(1).and_then(|k| self.points.get(k)) else {
            return 0;
        };
        if p.copy && i < self.points.len() {
            p.source_byte + (display_byte - p.display_byte)
        } else {
            p.source_byte
        }
    }

    fn display_of(&self, source_byte: usize) -> usize {
        let i = self
            .points
            .partition_point(|p| p.source_byte <= source_byte);
        let Some(p) = i.checked_sub(1).and_then(|k| self.points.get(k)) else {
            return 0;
        };
        if p.copy && i < self.points.len() {
            p.display_byte + (source_byte - p.source_byte)
        } else {
            p.display_byte
        }
    }

    fn display_end_of(&self, source_byte: usize) -> usize {
        let down = self.display_of(source_byte);
        if self.source_of(down) >= source_byte {
            return down;
        }
        let i = self.points.partition_point(|p| p.source_byte < source_byte);
        self.points
            .get(i)
            .map_or(self.display_len(), |p| p.display_byte)
    }
}

/// A copy gap must have equal lengths on both sides; clamping can break that, so such a gap
/// becomes a replacement.
fn fix_copies(points: &mut [Point]) {
    for k in 0..points.len() {
        let next = points.get(k + 1).copied();
        let p = &mut points[k];
        p.copy = match next {
            Some(n) => p.copy && n.display_byte - p.display_byte == n.source_byte - p.source_byte,
            None => false,
        };
    }
}

/// Builds an [`OffsetMap`] left to right from copies and replacements.
#[derive(Debug, Default)]
pub struct MapBuilder {
    points: Vec<Point>,
    display_byte: usize,
    source_byte: usize,
}

impl MapBuilder {
    /// An empty builder at (0, 0).
    pub fn new() -> Self {
        MapBuilder::default()
    }

    fn mark(&mut self, copy: bool) {
        let (d, s) = (self.display_byte, self.source_byte);
        match self.points.last_mut() {
            Some(l) if l.display_byte == d && l.source_byte == s => l.copy = copy,
            Some(l) if l.copy && copy => {}
            _ => self.points.push(Point {
                display_byte: d,
                source_byte: s,
                copy,
            }),
        }
    }

    /// `len` bytes kept as they were (or swapped char for char with chars of the same
    /// UTF-8 length).
    pub fn copy(&mut self, len: usize) {
        if len == 0 {
            return;
        }
        self.mark(true);
        self.display_byte += len;
        self.source_byte += len;
    }

    /// `source_len` source bytes shown as `display_len` display bytes, opaquely.
    pub fn replace(&mut self, display_len: usize, source_len: usize) {
        if display_len == 0 && source_len == 0 {
            return;
        }
        self.mark(false);
        self.display_byte += display_len;
        self.source_byte += source_len;
    }

    /// Appends a map of a piece (display piece ↔ source piece) at the current position.
    pub fn append(&mut self, piece: &OffsetMap) {
        let n = piece.points.len();
        for k in 0..n.saturating_sub(1) {
            let (p, q) = (piece.points[k], piece.points[k + 1]);
            let (dl, sl) = (
                q.display_byte - p.display_byte,
                q.source_byte - p.source_byte,
            );
            if p.copy {
                self.copy(dl);
            } else {
                self.replace(dl, sl);
            }
        }
    }

    /// The bytes written so far: (display, source).
    pub fn position(&self) -> (usize, usize) {
        (self.display_byte, self.source_byte)
    }

    /// The finished map, ending at the current position.
    pub fn finish(mut self) -> OffsetMap {
        if self.points.is_empty() {
            self.points.push(Point {
                display_byte: 0,
                source_byte: 0,
                copy: false,
            });
        }
        let (d, s) = (self.display_byte, self.source_byte);
        match self.points.last_mut() {
            Some(l) if l.display_byte == d && l.source_byte == s => l.copy = false,
            _ => self.points.push(Point {
                display_byte: d,
                source_byte: s,
                copy: false,
            }),
        }
        fix_copies(&mut self.points);
        OffsetMap {
            points: self.points,
        }
    }
}
