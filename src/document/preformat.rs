//! Preformatted lines in plain text: ASCII and box-drawing tables, shell commands with the
//! program output after them, and column-aligned lines. They are shown verbatim (leading
//! spaces and alignment kept, no reflow, no blank lines between rows, no punctuation tidy):
//! [`super::parse`] makes each run of them (lines with no blank line between) one
//! `Preformatted` block over the source lines, indentation included.
//!
//! Which lines (each test sees one line, `text` without its indent):
//! - **table rows**: a border `+-----+---+` or `|----+----|`, a row `| a | b |` (starts with
//!   `|` and holds another), box-drawing characters (U+2500–U+257F);
//! - **commands**: a shell prompt `$ `, `# `, `user@host:~$ ` ([`super::lines::is_prompt`]);
//!   the lines after a command, up to the next blank line, are its output (a transcript);
//! - **column-aligned**: text, a run of three or more spaces, more text (`mc   V:54   1482`),
//!   or a pandoc table rule of dashes with spaces between (`  ------ ---- ----`);
//! - a line of an indented block whose stanza (its run of lines between blank lines) is
//!   mostly such lines is one too (a table's wrapped cell, a command's continuation).

use super::lines;

/// A table row or border, or box drawing.
pub fn is_table_line(text: &str) -> bool {
    // A box-drawing character U+2500–U+257F: E2 94 xx or E2 95 xx in UTF-8 (E2 only ever
    // leads a sequence), found by byte search rather than decoding every character.
    let b = text.as_bytes();
    if memchr::memmem::find(b, b"\xe2\x94").is_some()
        || memchr::memmem::find(b, b"\xe2\x95").is_some()
    {
        return true;
    }
    if text.starts_with('|') && text.matches('|').count() >= 2 {
        return true;
    }
    // `+-----+----+`, `+=====+`.
    text.starts_with('+')
        && text.len() >= 4
        && text
            .chars()
            .all(|c| matches!(c, '+' | '-' | '=' | '|' | ' '))
}

/// Text, a run of at least three ASCII spaces, more text; or a rule of dashes with spaces
/// between (`------ ---- ----`, pandoc's simple tables).
pub fn is_column_aligned(text: &str) -> bool {
    if text.contains("   ") {
        return true;
    }
    // (Bytes: `-` and space are ASCII, and any other byte ends the check at once.)
    text.bytes().all(|c| c == b'-' || c == b' ')
        && text.bytes().filter(|&c| c == b'-').count() >= 6
        && text.contains(' ')
}

/// Marks the verbatim lines among the `n` lines `text(i)` (each line's text without indent,
/// `indent(i)` in cells; `blank_before` says whether a blank line comes before it), with the flush-left transcripts and
/// configuration stanzas of [`super::transcript`]; also returns the lines whose blank lines
/// before them lie inside one verbatim block. Linear.
pub fn verbatim_lines<'a>(
    n: usize,
    text: impl Fn(usize) -> &'a str + Copy,
    blank_before: impl Fn(usize) -> bool + Copy,
    indent: impl Fn(usize) -> usize,
) -> (Vec<bool>, Vec<usize>) {
    let mut out = vec![false; n];
    let mut in_transcript = false;
    for (i, verbatim) in out.iter_mut().enumerate() {
        if blank_before(i) {
            in_transcript = false;
        }
        let t = text(i);
        if lines::is_prompt(t) {
            in_transcript = true;
            *verbatim = true;
            continue;
        }
        *verbatim = in_transcript || is_table_line(t) || is_column_aligned(t);
    }
    // Stanzas that are mostly verbatim are verbatim through.
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && !blank_before(end) {
            end += 1;
        }
        let count = out[start..end].iter().filter(|&&v| v).count();
        if count >= 2 && count * 2 > end - start {
            out[start..end].fill(true);
        }
        start = end;
    }
    let glued = super::transcript::mark(&mut out, text, blank_before, indent);
    (out, glued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lines() {
        for t in [
            "+---------+--------+-----+",
            "|软件包   |流行度  |大小 |",
            "|---------+--------+-----|",
            "┌──┬──┐",
        ] {
            assert!(is_table_line(t), "{t}");
        }
        for t in ["a | b", "+1 分", "|单独"] {
            assert!(!is_table_line(t), "{t}");
        }
    }

    #[test]
    fn the_real_text_case() {
        // ../shared/cases/real-text.md, "Preformatted".
        let lines = [
            "+---------+--------+-----+",
            "|软件包   |流行度  |大小 |",
            "|---------+--------+-----|",
            "|mc       |V:54,   |1482 |",
            "+---------+--------+-----+",
            "$ sudo apt-get update",
            "$ ls -l /etc/apt",
        ];
        let blank = [true, false, false, false, false, true, false];
        assert_eq!(
            verbatim_lines(lines.len(), |i| lines[i], |i| blank[i], |_| 0).0,
            vec![true; 7]
        );
    }

    #[test]
    fn transcripts_and_prose() {
        let lines = [
            "$ ls -li foo",
            "1449840 -rw-rw-r-- 1 penguin",
            "请参阅下面的示例。",
        ];
        let blank = [true, false, true];
        assert_eq!(
            verbatim_lines(lines.len(), |i| lines[i], |i| blank[i], |_| 0).0,
            [true, true, false]
        );
        let prose = ["他说：“你好。”", "我们走吧，天快黑了。"];
        assert_eq!(
            verbatim_lines(2, |i| prose[i], |i| i == 0, |_| 0).0,
            [false, false]
        );
    }
}
