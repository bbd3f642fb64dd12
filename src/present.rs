//! Presentation of one block: the source text through the display transforms (hide inline
//! pinyin → script variant via OpenCC → punctuation tidy), with a map back to source offsets.
//!
//! Positions are kept in source coordinates (block + byte offset into the block's source text),
//! so every transform returns an [`OffsetMap`] and the maps compose.

use crate::document::{BlockKind, StyleSpan};
use crate::script::{Scripter, Variant};

/// Maps byte offsets between a display text and the source text it was made from.
///
/// Anchors are `(display_byte, source_byte)` pairs, increasing in both; between anchors an
/// offset maps to the anchor at or before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetMap {
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The map of an unchanged text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        OffsetMap {
            anchors: vec![(0, 0), (len, len)],
        }
    }

    /// A map from explicit anchors (must start at (0, 0), increase, end at both lengths).
    pub fn from_anchors(anchors: Vec<(usize, usize)>) -> Self {
        OffsetMap { anchors }
    }

    /// Composes two maps: `self` maps text B → text A, `inner` maps text A → source; the
    /// result maps B → source.
    pub fn then(&self, inner: &OffsetMap) -> OffsetMap {
        let anchors = self
            .anchors
            .iter()
            .map(|&(d, a)| (d, inner.to_source(a)))
            .collect();
        OffsetMap { anchors }
    }

    /// Display byte → source byte.
    pub fn to_source(&self, display_byte: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.0 <= display_byte);
        self.anchors[i.saturating_sub(1)].1
    }

    /// Source byte → display byte.
    pub fn to_display(&self, source_byte: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.1 <= source_byte);
        self.anchors[i.saturating_sub(1)].0
    }
}

/// Display transforms that leave the file unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Typography {
    /// Hide inline pinyin annotations such as `發(fā)`.
    pub hide_pinyin: bool,
    /// Show half-width punctuation between Chinese characters as full-width.
    pub fullwidth_punctuation: bool,
    /// Put a space between CJK and Latin text.
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
    pub variant: Variant,
    pub typography: Typography,
}

/// A block as displayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presented {
    pub text: String,
    /// Display ↔ source offsets.
    pub map: OffsetMap,
    /// Inline styles in display coordinates.
    pub spans: Vec<StyleSpan>,
}

/// Presents one block's source text. PLACEHOLDER: conversion only, no offset tracking.
pub fn present(
    source: &str,
    _kind: BlockKind,
    _spans: &[StyleSpan],
    opts: &PresentOptions,
    scripter: &Scripter,
) -> Presented {
    let text = scripter.convert(opts.variant, source);
    let map = OffsetMap::from_anchors(vec![(0, 0), (text.len(), source.len())]);
    Presented {
        text,
        map,
        spans: vec![],
    }
}
