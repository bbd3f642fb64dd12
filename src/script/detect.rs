//! Which script a document is mainly written in, judged from a small sample.
//!
//! A document is *traditional* when converting it to simplified (`t2s`) would change clearly
//! more of its characters than converting it to traditional (`s2t`) would, and *simplified* the
//! other way round. Characters shared by both scripts (人, 大, 中 …) change under neither and do
//! not count; leftovers of the other script (a `華為云` in a traditional text) only dent the
//! majority.
//!
//! Only a sample is converted: the whole text when it is at most [`SAMPLE_BYTES`], else
//! [`SAMPLE_CHUNKS`] chunks spread evenly from start to end, [`SAMPLE_BYTES`] in all, so the
//! cost does not grow with the file (a 100 MB novel costs the same as a 64 KB one).

use std::collections::HashSet;

use super::{Config, Converter, Script};

/// Most bytes of the text that detection converts (each config once).
pub const SAMPLE_BYTES: usize = 64 * 1024;
/// How many spread-out chunks a long text is sampled in.
pub const SAMPLE_CHUNKS: usize = 8;
/// One script wins when its evidence is more than this many times the other's.
const MAJORITY: usize = 2;

/// What detection counted, in chars of the sample.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Han characters in the sample.
    pub han_chars: usize,
    /// Characters that `t2s` changes (traditional forms).
    pub t2s_changed_chars: usize,
    /// Characters that `s2t` changes (simplified forms).
    pub s2t_changed_chars: usize,
}

impl Evidence {
    /// The verdict: the script whose forms outnumber the other's more than twice; `Unknown`
    /// when there is no Han text, no changed character, or no clear majority.
    pub fn script(&self) -> Script {
        let (t, s) = (self.t2s_changed_chars, self.s2t_changed_chars);
        if self.han_chars == 0 || (t == 0 && s == 0) {
            Script::Unknown
        } else if t > MAJORITY * s {
            Script::Traditional
        } else if s > MAJORITY * t {
            Script::Simplified
        } else {
            Script::Unknown
        }
    }
}

/// Detects the script `text` is mainly written in (see the module docs), converting at most
/// [`SAMPLE_BYTES`] bytes of it with each of `t2s` and `s2t`.
pub fn detect_script(engine: &dyn Converter, text: &str) -> Script {
    evidence(engine, text).script()
}

/// The counts [`detect_script`] decides on.
pub fn evidence(engine: &dyn Converter, text: &str) -> Evidence {
    let mut ev = Evidence::default();
    for chunk in sample(text) {
        let han_chars = chunk.chars().filter(|&c| is_han(c)).count();
        if han_chars == 0 {
            continue;
        }
        ev.han_chars += han_chars;
        ev.t2s_changed_chars += changed_chars(chunk, &engine.convert(Config::T2s, chunk));
        ev.s2t_changed_chars += changed_chars(chunk, &engine.convert(Config::S2t, chunk));
    }
    ev
}

/// The pieces of `text` that detection looks at: all of it when it is at most
/// [`SAMPLE_BYTES`] bytes, else [`SAMPLE_CHUNKS`] chunks of about
/// `SAMPLE_BYTES / SAMPLE_CHUNKS` bytes, evenly spaced from the start to the end, cut at char
/// boundaries. Their total length is at most [`SAMPLE_BYTES`] bytes.
pub fn sample(text: &str) -> Vec<&str> {
    if text.len() <= SAMPLE_BYTES {
        return vec![text];
    }
    let chunk_bytes = SAMPLE_BYTES / SAMPLE_CHUNKS;
    let last_start_byte = text.len() - chunk_bytes;
    (0..SAMPLE_CHUNKS)
        .map(|i| {
            let start_byte = ceil_char_boundary(text, last_start_byte * i / (SAMPLE_CHUNKS - 1));
            let end_byte = floor_char_boundary(text, start_byte + chunk_bytes);
            &text[start_byte..end_byte.max(start_byte)]
        })
        .filter(|chunk| !chunk.is_empty())
        .collect()
}

/// True for Han ideographs: the CJK Unified Ideographs blocks (with extensions A–H) and the
/// CJK Compatibility Ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}')
}

/// How many chars of `before` a conversion changed. Line by line (conversion keeps newlines);
/// where a line kept its char count (nearly always for `t2s`/`s2t`) chars are compared in
/// place, else the chars of `before` that appear nowhere in the converted line are counted.
fn changed_chars(before: &str, after: &str) -> usize {
    let (b_lines, a_lines) = (before.split('\n'), after.split('\n'));
    if before.matches('\n').count() != after.matches('\n').count() {
        return changed_in_line(before, after);
    }
    b_lines
        .zip(a_lines)
        .map(|(b, a)| changed_in_line(b, a))
        .sum()
}

fn changed_in_line(before: &str, after: &str) -> usize {
    if before == after {
        return 0;
    }
    if before.chars().count() == after.chars().count() {
        return before
            .chars()
            .zip(after.chars())
            .filter(|(b, a)| b != a)
            .count();
    }
    let kept: HashSet<char> = after.chars().collect();
    before.chars().filter(|c| !kept.contains(c)).count()
}

fn ceil_char_boundary(text: &str, mut byte: usize) -> usize {
    while byte < text.len() && !text.is_char_boundary(byte) {
        byte += 1;
    }
    byte.min(text.len())
}

fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while byte > 0 && !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_of_a_long_text_is_bounded_and_spread() {
        let text = "甲乙丙丁\n".repeat(100_000); // 1.3 MB, 3-byte chars
        let chunks = sample(&text);
        assert_eq!(chunks.len(), SAMPLE_CHUNKS);
        assert!(chunks.iter().map(|c| c.len()).sum::<usize>() <= SAMPLE_BYTES);
        let first = chunks[0].as_ptr() as usize - text.as_ptr() as usize;
        let last = chunks[SAMPLE_CHUNKS - 1].as_ptr() as usize - text.as_ptr() as usize;
        assert_eq!(first, 0);
        assert!(text.len() - (last + chunks[SAMPLE_CHUNKS - 1].len()) < 4);
    }

    #[test]
    fn changed_chars_counts_in_place_and_by_absence() {
        assert_eq!(changed_chars("頭髮\n你好", "头发\n你好"), 2);
        assert_eq!(changed_chars("隨身碟", "U盘"), 3);
        assert_eq!(changed_chars("", ""), 0);
    }

    #[test]
    fn verdict_needs_a_clear_majority() {
        let ev = |t, s| Evidence {
            han_chars: 100,
            t2s_changed_chars: t,
            s2t_changed_chars: s,
        };
        assert_eq!(ev(30, 3).script(), Script::Traditional);
        assert_eq!(ev(1, 30).script(), Script::Simplified);
        assert_eq!(ev(10, 8).script(), Script::Unknown);
        assert_eq!(ev(0, 0).script(), Script::Unknown);
    }
}
