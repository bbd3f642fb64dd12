//! Display transforms for scraped Chinese text: inline pinyin annotations, punctuation width.
//!
//! Each transform returns the new text and an [`OffsetMap`] back to its input.

use crate::present::OffsetMap;

/// Removes inline pinyin annotations such as the `(fā)` in `發(fā)展`.
/// PLACEHOLDER: identity; the typography work implements it.
pub fn hide_pinyin(text: &str) -> (String, OffsetMap) {
    (text.to_string(), OffsetMap::identity(text.len()))
}

/// Shows half-width punctuation between Chinese characters as full-width (`,` → `，`).
/// PLACEHOLDER: identity; the typography work implements it.
pub fn tidy_punctuation(text: &str) -> (String, OffsetMap) {
    (text.to_string(), OffsetMap::identity(text.len()))
}
