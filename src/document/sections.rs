//! Sections: the heading blocks of a document, with their subtitles, in order.

use super::{BlockKind, Blocks, Section};

/// Collects one [`Section`] per `Heading` block (and per `Title` block at `title_level` when
/// that is given: level 1 for Markdown's top `#`, level 0 for a plain text's title line, so
/// that `--toc` lists it first at indent 0 with the chapters at indent 0 too). A section's
/// subtitle is the text of the `Subtitle` blocks right after its heading, joined by
/// [`join_lines`]. Line breaks and runs of spaces (no-break, ideographic…) inside a title
/// become one space ([`super::spaces::fold`]), so a title is one line.
pub fn collect_sections(text: &str, blocks: &Blocks, title_level: Option<u8>) -> Vec<Section> {
    let mut sections = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let level = match b.kind {
            BlockKind::Heading { level } => level,
            BlockKind::Title => match title_level {
                Some(level) => level,
                None => continue,
            },
            _ => continue,
        };
        let subs: Vec<&str> = blocks
            .iter()
            .skip(i + 1)
            .take_while(|s| s.kind == BlockKind::Subtitle)
            .map(|s| text[s.bytes.clone()].trim())
            .collect();
        let section = Section {
            title: one_line(text[b.bytes.clone()].trim()),
            subtitle: (!subs.is_empty()).then(|| join_lines(&subs)),
            level,
            block: i,
        };
        // A page header repeating the heading (w3m's and pandoc's exports of a manual print the
        // chapter title, a navigation line and a rule, then the chapter's own heading): one
        // entry, the later one, where the chapter's text begins.
        if let Some(prev) = sections.last_mut() {
            if repeats(text, blocks, prev, &section) {
                *prev = section;
                continue;
            }
        }
        sections.push(section);
    }
    sections
}

/// Whether `next` repeats `prev` (same title and level) with at most three short blocks
/// between them that are not prose (a navigation line, a rule: no `。，！？；`): a page
/// header, not a chapter of its own.
fn repeats(text: &str, blocks: &Blocks, prev: &Section, next: &Section) -> bool {
    const SHORT_BYTES: usize = 240;
    // Counted in lines: a group of one-line paragraphs is one block of several lines.
    let mut lines = 0;
    let short = |t: &str| t.len() <= SHORT_BYTES && !t.contains(['。', '，', '！', '？', '；']);
    prev.title == next.title
        && prev.level == next.level
        && next.block - prev.block <= 4
        && (prev.block + 1..next.block).all(|k| {
            let b = blocks.at(k);
            let t = &text[b.bytes.clone()];
            if blocks.is_group(k) {
                lines += super::blocks::group_lines(t).count();
                return lines <= 3 && super::blocks::group_lines(t).all(|r| short(&t[r]));
            }
            lines += 1;
            !matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Title) && short(t)
        })
}

/// Joins lines that continue each other: with no separator (as Chinese text is written,
/// `一場“跨界融合”` + `正在南大…` → `一場“跨界融合”正在南大…`), except for a space where
/// both sides of the join are ASCII letters, digits or punctuation (`AI` + `Lab` → `AI Lab`).
pub fn join_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let ascii_end = out
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_graphic());
        let ascii_start = line.chars().next().is_some_and(|c| c.is_ascii_graphic());
        if ascii_end && ascii_start {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn one_line(s: &str) -> String {
    super::spaces::fold(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_cjk_without_space_and_ascii_with_one() {
        assert_eq!(
            join_lines(&["一場“跨界融合”", "正在南大悄然發生……"]),
            "一場“跨界融合”正在南大悄然發生……"
        );
        assert_eq!(join_lines(&["Deep", "Learning"]), "Deep Learning");
        assert_eq!(join_lines(&["AI", "實戰"]), "AI實戰");
        assert_eq!(join_lines(&["one"]), "one");
    }

    #[test]
    fn sections_take_following_subtitles() {
        let text = "H\nS1\nS2\nP";
        let b = |kind, r: std::ops::Range<usize>| crate::document::Block {
            kind,
            bytes: r,
            spans: vec![],
            annotations: vec![],
        };
        let blocks = vec![
            b(BlockKind::Heading { level: 1 }, 0..1),
            b(BlockKind::Subtitle, 2..4),
            b(BlockKind::Subtitle, 5..7),
            b(BlockKind::Paragraph, 8..9),
        ];
        let s = collect_sections(text, &Blocks::from(blocks), None);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].subtitle.as_deref(), Some("S1 S2"));
        assert_eq!(s[0].block, 0);
    }
}
