//! Program output (`git log --color`, `ls --color`, `grep --color` through a pipe): text that
//! came with SGR colours or overstrike is read line by line, as a terminal shows it.
//!
//! Such text is not prose: its line breaks, indentation and blank lines are the layout
//! (`git log --stat`'s columns, a diff's hunks). So it is not reflowed and gets no title,
//! headings or paragraph gaps: each line is one block, its indentation kept, consecutive
//! lines with no gap between them (`ListItem { depth: 0 }`, which the layout sets without a
//! gap), and a blank line is kept as the line end of the block before it (an empty row).
//! Lines still wrap at the column with the CJK rules, and script conversion applies.

use super::ansi::AnsiSpan;
use super::{BlockKind, Blocks, Document};

/// True when `text` looks like program output: styles on at least three lines (or on every
/// line of a shorter text). A stray escape in a book does not make it program output.
pub fn is_program_output(text: &str, spans: &[AnsiSpan]) -> bool {
    if spans.is_empty() {
        return false;
    }
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut styled_lines = 0;
    let mut last_line_start = usize::MAX;
    for s in spans {
        let start = memchr::memrchr(b'\n', &text.as_bytes()[..s.bytes.start]).map_or(0, |i| i + 1);
        if start != last_line_start {
            last_line_start = start;
            styled_lines += 1;
            if styled_lines >= 3 {
                return true;
            }
        }
    }
    styled_lines >= lines.min(3)
}

/// One block per line (see the module docs).
pub fn parse_lines(text: String) -> Document {
    let mut blocks = Blocks::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    while start < text.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        if line.trim().is_empty() {
            match blocks.len().checked_sub(1) {
                // A blank line: the previous block keeps the line end before it.
                Some(prev) if blocks.bytes(prev).end < text.len() => {
                    let start_prev = blocks.bytes(prev).start;
                    blocks.set_bytes(prev, start_prev..end.min(start));
                }
                _ => {}
            }
        } else {
            let trimmed_end = start + line.trim_end().len();
            blocks.push_range(BlockKind::ListItem { depth: 0 }, start..trimmed_end);
        }
        start = end + 1;
    }
    Document {
        text,
        blocks,
        ..Document::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_indentation_and_blank_lines_kept() {
        let d = parse_lines("commit abc\nAuthor: x\n\n    第一行\n\n\n tail \n".to_string());
        let got: Vec<&str> = (0..d.blocks.len())
            .map(|i| &d.text[d.blocks.bytes(i)])
            .collect();
        assert_eq!(
            got,
            vec!["commit abc", "Author: x\n", "    第一行\n\n", " tail"]
        );
    }

    #[test]
    fn detection_needs_styles_on_several_lines() {
        let text = "a\nb\nc\nd\n";
        let span = |at: usize| AnsiSpan {
            bytes: at..at + 1,
            style: Default::default(),
        };
        assert!(!is_program_output(text, &[]));
        assert!(!is_program_output(text, &[span(0), span(2)]));
        assert!(is_program_output(text, &[span(0), span(2), span(4)]));
        assert!(is_program_output("a b", &[span(0)]));
    }
}
