//! Plain text: paragraphs, titles, metadata lines, headings and chapters.

use super::{Block, BlockKind, Document, OpenError};

/// Parses plain text. PLACEHOLDER: every non-empty line is a paragraph.
pub fn parse_plain(text: String, _heading_regex: Option<&str>) -> Result<Document, OpenError> {
    let mut blocks = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if !content.trim().is_empty() {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                bytes: pos..pos + content.len(),
                spans: vec![],
            });
        }
        pos += line.len();
    }
    let sections = super::sections::collect_sections(&text, &blocks);
    Ok(Document {
        text,
        blocks,
        sections,
        source: Default::default(),
    })
}
