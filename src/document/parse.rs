//! Plain text: paragraphs, titles, metadata lines, headings and chapters.
//!
//! Each non-empty line is one block; its range is the line without surrounding spaces
//! (ASCII and U+3000 ideographic spaces, so a `　　` paragraph indent is not part of the text).
//! Lines are found with `memchr`, and no block owns a `String`.
//!
//! Decisions, in order of priority, for each line:
//!
//! 1. a chapter line — with `--heading-regex`, a line the regex matches; otherwise the words
//!    of [`super::lines::chapter`] (`第N章`, `序章`, `Chapter N`…);
//! 2. at the top (before any body text): the first line is the `Title` when it reads like a
//!    heading, and `來源:`-style lines are `Meta`;
//! 3. a line starting with `特別聲明`, `Notice:`… is a `Notice`;
//! 4. otherwise a paragraph — except that, in a text with no chapter lines at all, a run of
//!    one to three heading-like lines standing between paragraphs, each at most a third of
//!    the length of the paragraphs around it, becomes a `Heading` followed by `Subtitle`s
//!    (see `mark_article_headings`).
//!
//! Levels: with both volumes (`第N卷`, `第N部`) and other chapters, volumes are level 1 and the
//! chapters after a volume level 2; otherwise every chapter line is level 1. A plain-text
//! `Title` is not a section (the sections are what is inside it).

use regex::Regex;

use super::lines::{self, Chapter, HeadingLike};
use super::{Block, BlockKind, Document, OpenError};

/// Parses plain text into blocks and sections. `heading_regex` (a Rust `regex`, matched
/// against each trimmed line) replaces the built-in chapter words; an invalid one is
/// [`OpenError::HeadingRegex`]. Linear in `text.len()` bytes.
pub fn parse_plain(text: String, heading_regex: Option<&str>) -> Result<Document, OpenError> {
    let regex = heading_regex
        .map(Regex::new)
        .transpose()
        .map_err(|e| OpenError::HeadingRegex(one_line_regex_error(&e, heading_regex)))?;
    // One block per non-empty line at most: reserve once instead of growing.
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut blocks: Vec<Block> = Vec::with_capacity(lines);
    // For chapter lines: their block and kind (to fix levels after the pass).
    let mut chapters: Vec<(usize, Chapter)> = Vec::new();
    let mut in_header = true;

    for bytes in line_ranges(&text) {
        let line = &text[bytes.clone()];
        let chapter = match &regex {
            Some(re) => re.is_match(line).then_some(Chapter::Chapter),
            None => lines::chapter(line),
        };
        let kind = if let Some(c) = chapter {
            chapters.push((blocks.len(), c));
            in_header = false;
            BlockKind::Heading { level: 1 }
        } else if in_header && lines::is_meta(line) {
            BlockKind::Meta
        } else if in_header && blocks.is_empty() && lines::is_title(line) {
            BlockKind::Title
        } else if lines::is_notice(line) {
            in_header = false;
            BlockKind::Notice
        } else {
            in_header = false;
            BlockKind::Paragraph
        };
        blocks.push(Block::new(kind, bytes));
    }
    if blocks.capacity() > blocks.len() + blocks.len() / 4 {
        blocks.shrink_to_fit();
    }

    // A lone "title" with nothing after it is just a line.
    if blocks.len() == 1 && blocks[0].kind == BlockKind::Title {
        blocks[0].kind = BlockKind::Paragraph;
    }
    if chapters.is_empty() && regex.is_none() {
        mark_article_headings(&text, &mut blocks);
    } else {
        set_chapter_levels(&mut blocks, &chapters);
    }
    let sections = super::sections::collect_sections(&text, &blocks, false);
    Ok(Document {
        text,
        blocks,
        sections,
        source: Default::default(),
    })
}

/// The byte ranges of the non-empty lines of `text`, trimmed of ASCII and ideographic spaces.
pub fn line_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < bytes.len() {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
            let line = &text[start..end];
            let line_start = start;
            start = end + 1;
            let trimmed_start = line.trim_start_matches([' ', '\u{3000}', '\u{feff}']);
            let first_byte = line_start + (line.len() - trimmed_start.len());
            let trimmed = trimmed_start.trim_end_matches([' ', '\u{3000}']);
            if !trimmed.is_empty() {
                return Some(first_byte..first_byte + trimmed.len());
            }
        }
        None
    })
}

/// Sets heading levels from chapter kinds: with volumes and chapters both present, a volume
/// is level 1 and what follows a volume is level 2 (front matter before the first volume and
/// an afterword stay level 1).
fn set_chapter_levels(blocks: &mut [Block], chapters: &[(usize, Chapter)]) {
    let has_volumes = chapters.iter().any(|&(_, c)| c == Chapter::Volume);
    let has_chapters = chapters.iter().any(|&(_, c)| c != Chapter::Volume);
    let nest = has_volumes && has_chapters;
    let mut seen_volume = false;
    for &(i, c) in chapters {
        let level = match c {
            Chapter::Volume => {
                seen_volume = true;
                1
            }
            Chapter::Afterword => 1,
            _ if nest && seen_volume => 2,
            _ => 1,
        };
        blocks[i].kind = BlockKind::Heading { level };
    }
}

/// How much longer (in bytes) than a heading line the paragraphs around it must be.
const SHORTER_BY: usize = 3;
/// The longest run of short lines that can be headings (two headings with subtitles).
const MAX_RUN: usize = 6;

/// Finds article headings (for texts without chapter lines): maximal runs of consecutive
/// heading-like paragraphs with a paragraph after them and a paragraph, title or metadata
/// line before them, each line at most 1/[`SHORTER_BY`] of the neighbouring paragraphs'
/// length. A run is cut into groups after each line ending in `…` (a sentence carried over
/// two subtitle lines ends there), and groups longer than three into pairs (the last one a
/// triple when odd). In each group the first line is the `Heading` (level 1; it must not end
/// in `…`) and the others are `Subtitle`s. A run that does not fit stays paragraphs.
fn mark_article_headings(text: &str, blocks: &mut [Block]) {
    // Whether each paragraph could be a heading or subtitle line.
    let candidate: Vec<Option<HeadingLike>> = blocks
        .iter()
        .map(|b| {
            let line = &text[b.bytes.clone()];
            (b.kind == BlockKind::Paragraph && !lines::is_meta(line))
                .then(|| lines::heading_like(line))
                .flatten()
        })
        .collect();
    let is_body = |b: &Block, c: Option<HeadingLike>| b.kind == BlockKind::Paragraph && c.is_none();
    let mut i = 0;
    while i < blocks.len() {
        if blocks[i].kind != BlockKind::Paragraph || candidate[i].is_none() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < blocks.len() && blocks[j].kind == BlockKind::Paragraph && candidate[j].is_some() {
            j += 1;
        }
        let run = i..j;
        i = j;
        if run.len() > MAX_RUN || run.start == 0 || run.end >= blocks.len() {
            continue;
        }
        let prev = &blocks[run.start - 1];
        let next = &blocks[run.end];
        let prev_ok = match prev.kind {
            BlockKind::Title | BlockKind::Meta => true,
            _ => is_body(prev, candidate[run.start - 1]),
        };
        if !prev_ok || !is_body(next, candidate[run.end]) {
            continue;
        }
        let limit = if prev.kind == BlockKind::Paragraph {
            prev.bytes.len().min(next.bytes.len())
        } else {
            next.bytes.len()
        };
        if blocks[run.clone()]
            .iter()
            .any(|b| b.bytes.len() * SHORTER_BY > limit)
        {
            continue;
        }
        let Some(groups) = group_run(&candidate[run.clone()]) else {
            continue;
        };
        let mut k = run.start;
        for len in groups {
            blocks[k].kind = BlockKind::Heading { level: 1 };
            for b in &mut blocks[k + 1..k + len] {
                b.kind = BlockKind::Subtitle;
            }
            k += len;
        }
    }
}

/// Splits a run of heading-like lines into (heading + subtitles) group lengths, or `None`
/// when some group would start with a line ending in `…`.
fn group_run(run: &[Option<HeadingLike>]) -> Option<Vec<usize>> {
    let mut groups = Vec::new();
    let mut seg_start = 0;
    for (k, c) in run.iter().enumerate() {
        if *c == Some(HeadingLike::Ellipsis) || k + 1 == run.len() {
            let mut n = k + 1 - seg_start;
            while n > 3 {
                groups.push(2);
                n -= 2;
            }
            groups.push(n);
            seg_start = k + 1;
        }
    }
    let mut k = 0;
    for &len in &groups {
        if run[k] != Some(HeadingLike::Plain) {
            return None;
        }
        k += len;
    }
    Some(groups)
}

/// The `regex` crate's error as one line: its syntax errors span several lines (the
/// pattern, a caret line, `error: …`); the last line is kept, without its `error: `, followed
/// by the pattern (quoted and escaped, so no control character reaches the terminal).
fn one_line_regex_error(e: &regex::Error, pattern: Option<&str>) -> String {
    let text = e.to_string();
    let last = text
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("invalid pattern");
    let reason = last.strip_prefix("error: ").unwrap_or(last);
    match pattern {
        Some(p) if text.lines().count() > 1 => format!("{reason} in {p:?}"),
        _ => reason.to_string(),
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
