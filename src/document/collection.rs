//! Poem titles in a plain-text poetry collection (唐诗三百首 as a TXT file): each poem is a
//! title line, an optional author line, then the poem, and each title is a section of the
//! navigator and `--toc`, as a fortune file's entries are ([`super::fortune`]).
//!
//! A poem here is a verse stanza ([`super::verse`]) with one or two short lines before it:
//! - a **title**: a line that reads like a heading ([`lines::is_title`]: no sentence
//!   punctuation, no `，`), at most [`MAX_TITLE_CELLS`] wide, after a blank line (or at the
//!   start);
//! - then, optionally, an **author**: a metadata line (`作者：张九龄`) or a second short
//!   heading-like line at most [`MAX_AUTHOR_CELLS`] wide (`王禹偁（９５４－１００１）`);
//! - then the poem: either the next stanza (a blank line between), or the rest of the same
//!   stanza (`静夜思⏎李白⏎床前明月光，…`), which must then be verse on its own.
//!
//! A text is a collection when it holds at least [`MIN_POEMS`] such poems: one titled poem in
//! a novel is not a table of contents. Novels have no verse stanzas at all (BENCHMARKS.md §13),
//! so they come out unchanged.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use super::lines;
use super::verse;
use super::BlockKind;

/// The widest poem title, in cells (24 Han characters).
pub const MAX_TITLE_CELLS: usize = 48;
/// The widest author line without a `作者：` key, in cells.
pub const MAX_AUTHOR_CELLS: usize = 32;
/// The fewest titled poems that make a text a collection.
pub const MIN_POEMS: usize = 3;

/// One titled poem: its title line, its author line if any, its verse lines (empty for the
/// title of a group of poems, `《春居杂兴》二首` before `其一` and `其二`) and its level (2 for a
/// poem of a group).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poem {
    pub title: usize,
    pub author: Option<usize>,
    pub verse: Range<usize>,
    pub level: u8,
}

/// A poem's title: heading-like ([`lines::is_title`]), or wholly in book-title marks
/// (`《柳》`: one character is enough there); not an attribution (`-- 刘禹锡《陋室铭》`).
fn is_poem_title(t: &str) -> bool {
    t.width() <= MAX_TITLE_CELLS
        && !t.starts_with(['-', '—', '─'])
        && (lines::is_title(t)
            || (t.starts_with('《') && t.ends_with('》') && t.chars().count() >= 3))
}

/// Whether a verse line ends in punctuation (`，。！？；：、`).
fn ends_in_punctuation(t: &str) -> bool {
    t.ends_with(['，', '。', '！', '？', '；', '：', '、'])
}

/// The titled poems among `n` lines (`text(i)` without surrounding spaces,
/// `blank_before(i)`, and their kinds so far: a poem's lines must be body lines or verse),
/// or none when there are fewer than [`MIN_POEMS`]. Linear.
///
/// A title and author line may have been taken into the verse stanza of their poem (the
/// stanza test allows a few short lines): then every line after them must end in
/// punctuation, so that a poem's own unpunctuated first line is not its title.
pub fn poems<'a>(
    n: usize,
    text: impl Fn(usize) -> &'a str,
    blank_before: impl Fn(usize) -> bool,
    kinds: &[BlockKind],
) -> Vec<Poem> {
    let head_kind = |i: usize| {
        matches!(
            kinds[i],
            BlockKind::Paragraph | BlockKind::Title | BlockKind::Meta | BlockKind::Verse
        )
    };
    let title_at = |i: usize| head_kind(i) && is_poem_title(text(i));
    let author_at = |i: usize| {
        let t = text(i);
        head_kind(i) && (lines::is_meta(t) || (t.width() <= MAX_AUTHOR_CELLS && lines::is_title(t)))
    };
    let verse_lines = |r: Range<usize>, strict: bool| {
        r.len() >= 2
            && r.clone().all(|j| {
                let t = text(j);
                verse::may_be_verse_line(t) && (!strict || ends_in_punctuation(t))
            })
            && {
                let stanza: Vec<&str> = r.map(&text).collect();
                verse::is_verse(&stanza)
            }
    };
    // Stanzas: runs of lines with no blank line between (found as the loop goes, none
    // kept: a text of millions of one-line stanzas costs nothing here).
    let stanza_at = |start: usize| {
        let mut end = start + 1;
        while end < n && !blank_before(end) {
            end += 1;
        }
        start..end
    };
    let mut out: Vec<Poem> = Vec::new();
    // A title (and author) stanza with no poem after it: the title of a group of poems
    // when untitled-by-author poems follow (`其一`, `其二`).
    let mut group: Option<(usize, Option<usize>)> = None;
    let mut in_group = false;
    let mut start = 0;
    while start < n {
        let s = stanza_at(start);
        start = s.end;
        if !title_at(s.start) {
            group = None;
            in_group = false;
            continue;
        }
        let strict = kinds[s.start] == BlockKind::Verse;
        let author = (s.len() >= 2 && author_at(s.start + 1)).then_some(s.start + 1);
        let head = 1 + usize::from(author.is_some());
        let poem = if s.len() == head {
            // The poem is the next stanza, already found to be verse.
            Some(stanza_at(s.end))
                .filter(|v| s.end < n && v.clone().all(|j| kinds[j] == BlockKind::Verse))
                .map(|v| (author, v))
        } else if verse_lines(s.start + head..s.end, strict) {
            // The poem follows in the same stanza, verse on its own.
            Some((author, s.start + head..s.end))
        } else if author.is_some() && verse_lines(s.start + 1..s.end, strict) {
            // `静夜思⏎床前明月光，⏎疑是地上霜。`: the second line was the poem's first.
            Some((None, s.start + 1..s.end))
        } else {
            None
        };
        let Some((author, verse)) = poem else {
            group = (s.len() == head).then_some((s.start, author));
            in_group = false;
            continue;
        };
        if let Some((title, group_author)) = group.take().filter(|_| author.is_none()) {
            out.push(Poem {
                title,
                author: group_author,
                verse: title..title,
                level: 1,
            });
            in_group = true;
        } else if author.is_some() {
            in_group = false;
        }
        start = start.max(verse.end);
        out.push(Poem {
            title: s.start,
            author,
            verse,
            level: if in_group { 2 } else { 1 },
        });
    }
    if out.len() < MIN_POEMS {
        out.clear();
    }
    out
}
