//! Markdown through pulldown-cmark (CommonMark): headings, paragraphs, lists, quotes, code.

use super::Document;

/// Parses Markdown. PLACEHOLDER: treated as plain text; the document work replaces it.
pub fn parse_markdown(text: &str) -> Document {
    super::parse::parse_plain(text.to_string(), None).unwrap_or_default()
}
