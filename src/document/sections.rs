//! Sections: the heading blocks of a document, with their subtitles, in order.

use super::{Block, BlockKind, Section};

/// Collects one [`Section`] per heading block; subtitles are the `Subtitle` blocks right after.
pub fn collect_sections(text: &str, blocks: &[Block]) -> Vec<Section> {
    let mut sections = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let BlockKind::Heading { level } = b.kind {
            let subs: Vec<&str> = blocks[i + 1..]
                .iter()
                .take_while(|s| s.kind == BlockKind::Subtitle)
                .map(|s| text[s.bytes.clone()].trim())
                .collect();
            sections.push(Section {
                title: text[b.bytes.clone()].trim().to_string(),
                subtitle: (!subs.is_empty()).then(|| subs.join(" ")),
                level,
                block: i,
            });
        }
    }
    sections
}
