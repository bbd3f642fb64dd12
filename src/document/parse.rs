//! Plain text: paragraphs, titles, metadata lines, headings and chapters.
//!
//! Each non-empty line is one block; its range is the line without surrounding spaces (any
//! Unicode space, [`super::spaces`]: a `　　` or no-break-space indent is not part of the text).
//! Lines are found with `memchr`, and no block owns a `String`.
//!
//! Decisions, in order of priority, for each line:
//!
//! 1. a chapter line — with `--heading-regex`, a line the regex matches; otherwise the words
//!    of [`super::lines::chapter`] (`第N章`, `序章`, `Chapter N`…) or a numbered heading of
//!    [`super::numbered`] (`章 5.`, `附录 A.`, `1.1.1.`, `一、`, `（一）`);
//! 2. at the top (before any body text): the first line is the `Title` when it reads like a
//!    heading, and `來源:`-style lines are `Meta`;
//! 3. a line starting with `特別聲明`, `Notice:`… is a `Notice`;
//! 4. a poem's title in a poetry collection (a title line, an optional author line, then a
//!    verse stanza, three poems or more: [`super::collection`]);
//! 5. otherwise a paragraph — except that, in a text with no headings at all, a run of
//!    one to three heading-like lines standing between paragraphs, each at most a third of
//!    the length of the paragraphs around it, becomes a `Heading` followed by `Subtitle`s
//!    (see `mark_article_headings`).
//!
//! Numbered lines that are list items or a printed table of contents are not headings (see
//! `drop_numbered_runs`). Levels: with both volumes (`第N卷`, `第N部`) and other chapters,
//! volumes are level 1 and the chapters after a volume level 2; otherwise every chapter line
//! is level 1; numbered headings take their depth (see `set_heading_levels`). A plain-text
//! `Title` is the first section, at level 0 (`--toc` lists it first at indent 0).

use regex::Regex;

use super::fortune;
use super::lines::{self, Chapter, HeadingLike};
use super::notebox::{self, NoteBox};
use super::numbered::{self, Numbering};
use super::preformat;
use super::reflow::{self, Measured, Reflow};
use super::rule;
use super::source_lines::SourceLines;
use super::spaces;
use super::verse;
use super::{BlockKind, BlockRef, Blocks, Document, OpenError};

/// What made a heading line a heading; levels are set from these after the pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeadingSource {
    Chapter(Chapter),
    Numbered(Numbering),
    /// A poem's title in a collection ([`super::collection`]), at its level there.
    Poem(u8),
}

/// Parses plain text into blocks and sections. `heading_regex` (a Rust `regex`, matched
/// against each trimmed line) replaces the built-in chapter words; an invalid one is
/// [`OpenError::HeadingRegex`]. Linear in `text.len()` bytes.
pub fn parse_plain(text: String, heading_regex: Option<&str>) -> Result<Document, OpenError> {
    parse_plain_with(text, heading_regex, Reflow::Auto)
}

/// [`parse_plain`] with a reflow mode: with [`Reflow::Auto`] the lines of a text detected as
/// hard-wrapped are joined into paragraphs ([`super::reflow`]); [`Reflow::On`] joins them
/// whatever the detection says (at the widest common line width); [`Reflow::Off`] keeps the
/// source lines: a detected paragraph is one block of its lines as written (indentation kept,
/// laid out line for line like a stanza), any other line a block of its own. A text with one paragraph per line is not detected, so it comes out the
/// same in every mode.
pub fn parse_plain_with(
    text: String,
    heading_regex: Option<&str>,
    reflow: Reflow,
) -> Result<Document, OpenError> {
    parse_plain_inner(text, heading_regex, reflow, false)
}

/// [`parse_plain_with`], with runs of one-line paragraphs made groups of the block index
/// ([`super::blocks`]) as the blocks are made, so that a text of hundreds of millions of tiny
/// lines is never one block a line in memory (tracker issue 17); shown, searched and
/// addressed as the paragraphs they hold. What the reader and `--dump` open.
pub fn parse_plain_grouped(
    text: String,
    heading_regex: Option<&str>,
    reflow: Reflow,
) -> Result<Document, OpenError> {
    parse_plain_inner(text, heading_regex, reflow, true)
}

fn parse_plain_inner(
    text: String,
    heading_regex: Option<&str>,
    reflow: Reflow,
    group: bool,
) -> Result<Document, OpenError> {
    let regex = heading_regex
        .map(Regex::new)
        .transpose()
        .map_err(|e| OpenError::HeadingRegex(one_line_regex_error(&e, heading_regex)))?;
    let mut lines = SourceLines::new(&text);
    // A fortune file: `%` lines are not blocks; the line after one starts an entry.
    let fortune = regex.is_none() && fortune::is_fortune(&text);
    let mut entry_start: Vec<bool> = Vec::new();
    if fortune {
        let mut next_entry = true;
        lines.retain(|line, blank_before| {
            if fortune::is_separator(line) {
                next_entry = true;
                return false;
            }
            if next_entry {
                *blank_before = true;
            }
            entry_start.push(std::mem::take(&mut next_entry));
            true
        });
    }
    // w3m's admonition boxes: the icon's halves are left out of the title's and the note's
    // first line (not with `--reflow off`: the source lines as written).
    let notes = if fortune || reflow == Reflow::Off {
        Vec::new()
    } else {
        notebox::find(&lines)
    };
    for b in &notes {
        lines.set_first(b.title_line, b.title.start);
        lines.set_first(b.body.start, b.body_start);
    }
    let mut next_note = 0;
    // One kind per line first (two bytes a line); blocks are made when lines are joined.
    let mut kinds: Vec<BlockKind> = Vec::with_capacity(lines.len());
    // For heading lines: their block and what made them headings (to fix levels after).
    let mut headings: Vec<(usize, HeadingSource)> = Vec::new();
    let mut in_header = true;

    for i in 0..lines.len() {
        let line = lines.str(i);
        if fortune {
            // Each entry is a section named by its first line; `作者：` lines after it are
            // metadata.
            let kind = if entry_start.get(i).copied().unwrap_or(false) {
                BlockKind::Heading { level: 1 }
            } else if lines::is_meta(line)
                && matches!(
                    kinds.last(),
                    Some(BlockKind::Heading { .. } | BlockKind::Meta)
                )
                && !lines.blank_before(i)
            {
                BlockKind::Meta
            } else {
                BlockKind::Paragraph
            };
            kinds.push(kind);
            continue;
        }
        if notes.get(next_note).is_some_and(|b| b.title_line == i) {
            next_note += 1;
            in_header = false;
            kinds.push(NOTE);
            continue;
        }
        let heading = match &regex {
            Some(re) => re
                .is_match(line)
                .then_some(HeadingSource::Chapter(Chapter::Chapter)),
            None => lines::chapter(line)
                .map(HeadingSource::Chapter)
                .or_else(|| numbered::numbered(line).map(HeadingSource::Numbered)),
        };
        let kind = if let Some(h) = heading {
            headings.push((kinds.len(), h));
            BlockKind::Heading { level: 1 }
        } else if in_header && lines::is_meta(line) {
            BlockKind::Meta
        } else if in_header && kinds.is_empty() && lines::is_title(line) && stands_apart(&lines, i)
        {
            BlockKind::Title
        } else if lines::is_notice(line) {
            in_header = false;
            BlockKind::Notice
        } else {
            in_header = false;
            BlockKind::Paragraph
        };
        if heading.is_some() {
            in_header = false;
        }
        kinds.push(kind);
    }
    if !headings.is_empty() {
        // (It only drops headings: nothing to do without any.)
        drop_numbered_runs(&lines, &mut kinds, &mut headings);
    }
    let glued = mark_preformatted(&lines, &mut kinds);
    mark_rules_and_verse(&lines, &mut kinds);
    if regex.is_none() && !fortune {
        mark_poem_titles(&lines, &mut kinds, &mut headings);
    }
    if !headings.is_empty() {
        set_heading_levels(&mut kinds, &headings);
    }
    // With groups: a line joins the group before it unless it may be an article's heading or
    // stands next to one (`mark_article_headings` below sees those as blocks of their own).
    let article = headings.is_empty() && regex.is_none() && !fortune;
    let heading_like = |i: usize| i < lines.len() && lines::heading_like(lines.str(i)).is_some();
    let joins = |i: usize| {
        group
            && !(article
                && (heading_like(i) || heading_like(i + 1) || i > 0 && heading_like(i - 1)))
    };
    let mut blocks = reflow_paragraphs(&lines, kinds, &glued, &notes, reflow, &joins);
    drop(lines);

    // A "title" with at most one line after it is just a line (`你好⏎世界`).
    let paragraphs = (0..blocks.len().min(3))
        .map(|i| blocks.lines_in(i))
        .sum::<usize>();
    if paragraphs <= 2 && blocks.first().is_some_and(|b| b.kind == BlockKind::Title) {
        blocks.set_kind(0, BlockKind::Paragraph);
    }
    if headings.is_empty() && regex.is_none() && !fortune {
        mark_article_headings(&text, &mut blocks);
    }
    if group {
        blocks.group_line_paragraphs(&text);
    }
    let mut sections = super::sections::collect_sections(&text, &blocks, Some(0));
    if fortune {
        for s in &mut sections {
            let name = fortune::entry_name(&s.title);
            if name.len() != s.title.len() {
                s.title = name.to_string();
            }
        }
    }
    Ok(Document {
        text,
        blocks,
        file_text: None,
        sections,
        source: Default::default(),
    })
}

/// Whether the title-like line `i` stands apart from the lines after it, as a title does:
/// a blank line after it, or a next line unlike it. The first line of a log or a roster
/// (`2024-01-01 12:00:01 启动服务⏎2024-01-01 12:00:02 …`, `张三 技术部⏎李四 市场部⏎王五 财务部`)
/// is one of its items: it begins or ends like the next line ([`reflow::items_alike`]), or it
/// and the two lines after it are all split by spaces into the same number of fields.
fn stands_apart(lines: &SourceLines<'_>, i: usize) -> bool {
    let n = lines.len();
    if i + 1 >= n || lines.blank_before(i + 1) {
        return true;
    }
    let (line, next) = (lines.str(i), lines.str(i + 1));
    if reflow::items_alike(line, next) {
        return false;
    }
    let fields = |s: &str| s.split(spaces::is_space).filter(|f| !f.is_empty()).count();
    let f = fields(line);
    let row = f >= 2
        && i + 2 < n
        && !lines.blank_before(i + 2)
        && fields(next) == f
        && fields(lines.str(i + 2)) == f;
    !row
}

/// The kind of a w3m note box's title and of its note's paragraphs ([`super::notebox`]).
const NOTE: BlockKind = BlockKind::Quote { depth: 1 };

/// Marks the verbatim lines ([`preformat::verbatim_lines`]) that are body lines as
/// `Preformatted` (headings stay headings). One kind per line here.
fn mark_preformatted(lines: &SourceLines<'_>, kinds: &mut [BlockKind]) -> Vec<usize> {
    let (verbatim, glued) = preformat::verbatim_lines(
        lines.len(),
        |i| lines.str(i),
        |i| lines.blank_before(i),
        |i| lines.indent(i),
    );
    for (kind, verbatim) in kinds.iter_mut().zip(verbatim) {
        if verbatim
            && matches!(
                kind,
                BlockKind::Paragraph | BlockKind::Title | BlockKind::Meta | BlockKind::Notice
            )
        {
            *kind = BlockKind::Preformatted;
        }
    }
    glued
}

/// Marks rule lines ([`rule::is_rule`]) and verse stanzas ([`verse::is_verse`]: runs of two
/// or more body lines with no blank line and nothing else between them) among the body
/// lines (one kind per line here; preformatted lines and headings are left as they are).
fn mark_rules_and_verse(lines: &SourceLines<'_>, kinds: &mut [BlockKind]) {
    let body = |k: BlockKind| {
        matches!(
            k,
            BlockKind::Paragraph | BlockKind::Title | BlockKind::Meta | BlockKind::Notice
        )
    };
    let n = lines.len();
    for (k, kind) in kinds.iter_mut().enumerate() {
        let line = lines.str(k);
        // A short run of `_` inside a paragraph is a blank to fill in (`乱嚷⏎____⏎众人`, a
        // wrapped line of an old text): a rule only with a blank line next to it.
        let standing = lines.blank_before(k) || k + 1 >= n || lines.blank_before(k + 1);
        if body(*kind) && rule::is_rule(line) && (standing || !rule::is_short_underline(line)) {
            *kind = BlockKind::Rule;
        }
    }
    let mut i = 0;
    while i < kinds.len() {
        if kinds[i] != BlockKind::Paragraph {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < kinds.len() && kinds[end] == BlockKind::Paragraph && !lines.blank_before(end) {
            end += 1;
        }
        // Lines that cannot be verse are ruled out first, so a long run of short lines
        // (`yes | head -c 50M`) is not collected.
        if end - i >= 2 && (i..end).all(|j| verse::may_be_verse_line(lines.str(j))) {
            let stanza: Vec<&str> = (i..end).map(|j| lines.str(j)).collect();
            if verse::is_verse(&stanza) {
                kinds[i..end].fill(BlockKind::Verse);
            }
        }
        i = end;
    }
}

/// Makes the poem titles of a poetry collection ([`super::collection::poems`]) headings,
/// their author lines metadata and their poems verse; `headings` stays in line order.
fn mark_poem_titles(
    lines: &SourceLines<'_>,
    kinds: &mut [BlockKind],
    headings: &mut Vec<(usize, HeadingSource)>,
) {
    let poems = super::collection::poems(
        lines.len(),
        |i| lines.str(i),
        |i| lines.blank_before(i),
        kinds,
    );
    if poems.is_empty() {
        return;
    }
    for p in &poems {
        kinds[p.title] = BlockKind::Heading { level: 1 };
        if let Some(a) = p.author {
            kinds[a] = BlockKind::Meta;
        }
        kinds[p.verse.clone()].fill(BlockKind::Verse);
        headings.push((p.title, HeadingSource::Poem(p.level)));
    }
    headings.sort_by_key(|h| h.0);
}

/// Joins the lines of hard-wrapped paragraphs (see [`super::reflow`]) and makes the blocks:
/// `kinds` has one kind per line of `lines`; each run of `Preformatted` lines with no blank
/// line between them becomes one block over the source lines, the first line's indentation
/// included (so the rows keep their alignment), and so does each verse stanza (a run of
/// `Verse` lines); consecutive `Paragraph` lines that
/// [`reflow::Wrapped::joins`] become one block over their source range (with the `\n`s and
/// indents inside, joined for display by [`super::reflow::join_segment_breaks`]). A paragraph
/// whose first line starts with a list marker (`* `, `1. `) becomes a `ListItem` whose lines
/// hang under its text. When no hard wrap is detected, every other line is a block as it was.
fn reflow_paragraphs(
    lines: &SourceLines<'_>,
    kinds: Vec<BlockKind>,
    glued: &[usize],
    notes: &[NoteBox],
    mode: Reflow,
    joins_group: &dyn Fn(usize) -> bool,
) -> Blocks {
    let n = lines.len();
    // The note box whose note holds line `i` (its index), if any.
    let note_of = |i: usize| {
        let k = notes.partition_point(|b| b.body.start <= i);
        k.checked_sub(1).filter(|&k| notes[k].body.contains(&i))
    };
    // A paragraph in a note box is a quotation (as HTML reads the box).
    let in_note = |kind: BlockKind, i: usize| match kind {
        BlockKind::Paragraph if note_of(i).is_some() => NOTE,
        k => k,
    };
    let grouped = |k: BlockKind| matches!(k, BlockKind::Preformatted | BlockKind::Verse);
    // Line `i` continues the preformatted block or the stanza of the line before it (a
    // transcript's block goes on across its blank lines: `glued`).
    let continues_pre = |i: usize| {
        i > 0
            && grouped(kinds[i])
            && kinds[i - 1] == kinds[i]
            && (!lines.blank_before(i)
                || (kinds[i] == BlockKind::Preformatted && glued.binary_search(&i).is_ok()))
    };
    let mut out = Blocks::with_capacity(n);
    // The block of the entry (a line, or a run of preformatted lines) starting at line `i`,
    // as it is without reflow; returns the line after it.
    let push_entry = |out: &mut Blocks, i: usize, kind: BlockKind| {
        let mut end = i + 1;
        while end < n && continues_pre(end) {
            end += 1;
        }
        if grouped(kind) {
            out.push_range(kind, lines.start(i)..lines.bytes(end - 1).end);
        } else if kind == BlockKind::Paragraph {
            out.push_paragraph_line(lines.bytes(i), lines.text(), joins_group(i));
        } else {
            out.push_range(kind, lines.bytes(i));
        }
        end
    };
    let prose = |i: usize| matches!(kinds[i], BlockKind::Paragraph | BlockKind::Title);
    let measured = |i: usize| Measured::new(lines.str(i), lines.indent(i), lines.indent_chars(i));
    // The inner lines: a prose line followed directly by another (prose lines are one entry
    // each, so the next entry is the next line).
    let is_inner = |i: usize| prose(i) && prose(i + 1) && !lines.blank_before(i + 1);
    let at = |i: usize| (measured(i), lines.str(i + 1).chars().next().unwrap_or(' '));
    let inner = (0..n.saturating_sub(1)).filter(|&i| is_inner(i)).map(at);
    // With `--reflow off` the paragraphs are found as with `auto`, and each is shown as its
    // source lines (below).
    let wrapped = match reflow::detect(inner, mode == Reflow::On) {
        Some(w) => Some(Regions(vec![(0..n, w, None)])),
        None if mode != Reflow::On => Regions::detect(n, &is_inner, &at),
        None => None,
    };
    let Some(wrapped) = wrapped else {
        let mut i = 0;
        while i < n {
            i = push_entry(&mut out, i, in_note(kinds[i], i));
        }
        out.shrink_to_fit();
        return out;
    };
    let mut list_depths = ListDepths::default();
    let mut i = 0;
    while i < n {
        let mut kind = kinds[i];
        // A "title" that is the first line of a wrapped paragraph is prose.
        if kind == BlockKind::Title {
            let continues = i + 1 < n
                && kinds[i + 1] == BlockKind::Paragraph
                && !lines.blank_before(i + 1)
                && wrapped.joins(i, &measured(i), &measured(i + 1), None);
            if continues {
                kind = BlockKind::Paragraph;
            }
        }
        if kind != BlockKind::Paragraph {
            list_depths.clear();
            i = push_entry(&mut out, i, kind);
            continue;
        }
        let first = measured(i);
        let marker = reflow::list_marker(first.text);
        let hang = marker.map(|w| first.indent + w);
        let mut cur = first;
        let mut last = i;
        while last + 1 < n {
            let j = last + 1;
            if kinds[j] != BlockKind::Paragraph || lines.blank_before(j) || note_of(j) != note_of(i)
            {
                break;
            }
            let m = measured(j);
            if !wrapped.joins(last, &cur, &m, hang) {
                break;
            }
            cur = m;
            last = j;
        }
        if mode == Reflow::Off {
            // The source lines, as the file has them: indentation kept, no paragraph spacing
            // between the lines of one paragraph (laid out as a stanza: each line its own).
            list_depths.clear();
            out.push_range(BlockKind::Verse, lines.start(i)..lines.bytes(last).end);
            i = last + 1;
            continue;
        }
        let kind = match marker {
            Some(_) => BlockKind::ListItem {
                depth: list_depths.depth(first.indent),
            },
            None => {
                list_depths.clear();
                in_note(BlockKind::Paragraph, i)
            }
        };
        if kind == BlockKind::Paragraph && last == i {
            out.push_paragraph_line(lines.bytes(i), lines.text(), joins_group(i));
        } else {
            out.push_range(kind, lines.bytes(i).start..lines.bytes(last).end);
        }
        i = last + 1;
    }
    out.shrink_to_fit();
    out
}

/// Nesting of plain-text list items by their indent: an item more indented than the one
/// before it is one level deeper, an item at the indent of an earlier one is at its level
/// (`* KISS⏎    + 不要过度设计⏎* 阅读日志`: depths 0, 1, 0). Anything between items but
/// blank lines ends the list.
#[derive(Default)]
struct ListDepths(Vec<usize>);

/// The deepest list level drawn (two cells each).
const MAX_LIST_DEPTH: u8 = 6;

impl ListDepths {
    fn depth(&mut self, indent: usize) -> u8 {
        while self.0.last().is_some_and(|&top| top > indent) {
            self.0.pop();
        }
        if self.0.last() != Some(&indent) {
            self.0.push(indent);
        }
        u8::try_from(self.0.len() - 1).map_or(MAX_LIST_DEPTH, |d| d.min(MAX_LIST_DEPTH))
    }

    fn clear(&mut self) {
        self.0.clear();
    }
}

/// Inner lines per region window: a region of a mixed file is found when it fills about
/// half a window.
const REGION_LINES: usize = 64;

/// The hard wraps of a text by line ranges, in order of their windows. The whole text is
/// detected first ([`reflow::detect`]); when that finds a wrap, it is one range over every
/// line (so a text detected as a whole reads as before). Otherwise, with `--reflow auto`, a
/// mixed file — a hard-wrapped preface before chapters of one paragraph per line, pandoc's
/// space-only wraps — is detected per region ([`Regions::detect`]).
struct Regions(Vec<(std::ops::Range<usize>, reflow::Wrapped, Option<usize>)>);

impl Regions {
    /// Windows of [`REGION_LINES`] inner lines (`is_inner`, measured by `at`) overlapping by
    /// half, each detected on its own and more strictly ([`reflow::detect_region`]); a window
    /// with a wrap covers its lines and carries on, both ways, over up to a window of inner
    /// lines next to it that fit it (a region rarely fills whole windows), stopping at the
    /// first too long; where two overlap, the one starting first keeps the lines. Streams
    /// over the lines with a window's buffer, not an object per line.
    fn detect<'a>(
        n: usize,
        is_inner: &dyn Fn(usize) -> bool,
        at: &dyn Fn(usize) -> (Measured<'a>, char),
    ) -> Option<Regions> {
        let mut ranges = Vec::new();
        let mut window: Vec<usize> = Vec::with_capacity(REGION_LINES);
        let mut next = (0..n.saturating_sub(1)).filter(|&i| is_inner(i));
        loop {
            let before = window.len();
            window.extend(next.by_ref().take(REGION_LINES - before));
            if window.len() <= before && before < REGION_LINES {
                break; // nothing new
            }
            if let Some(w) = reflow::detect_region(window.iter().map(|&i| at(i))) {
                // The least indent in the window: continuation lines are there (first lines
                // may be indented more, and so are code blocks).
                let indent = window.iter().map(|&i| at(i).0.indent).min().unwrap_or(0);
                let fits = |i: &usize| is_inner(*i) && w.width(&at(*i).0) <= w.cells + 2;
                let first = window[0];
                let start = (0..first)
                    .rev()
                    .filter(|&i| is_inner(i))
                    .take(REGION_LINES)
                    .take_while(fits)
                    .last()
                    .unwrap_or(first);
                let last = window[window.len() - 1];
                let end = (last + 1..n.saturating_sub(1))
                    .filter(|&i| is_inner(i))
                    .take(REGION_LINES)
                    .take_while(fits)
                    .last()
                    .unwrap_or(last);
                ranges.push((start..end + 1, w, Some(indent)));
            }
            if window.len() < REGION_LINES {
                break;
            }
            window.drain(..REGION_LINES / 2);
        }
        // Disjoint ranges in order: where two overlap, the one starting first keeps the lines.
        ranges.sort_by_key(|(r, _, _)| r.start);
        let mut disjoint: Vec<(std::ops::Range<usize>, reflow::Wrapped, Option<usize>)> =
            Vec::new();
        let mut covered = 0;
        for (r, w, indent) in ranges {
            if r.end > covered {
                disjoint.push((r.start.max(covered)..r.end, w, indent));
                covered = r.end;
            }
        }
        (!disjoint.is_empty()).then_some(Regions(disjoint))
    }

    /// [`reflow::Wrapped::joins`] under the wrap of line `i` (the line `cur`); false where
    /// there is none. In a region, the next line must also be at the region's least indent
    /// (where its continuation lines are): an indented block of configuration lines in a
    /// pandoc export is not joined to itself.
    fn joins(
        &self,
        i: usize,
        cur: &Measured<'_>,
        next: &Measured<'_>,
        hang: Option<usize>,
    ) -> bool {
        let k = self.0.partition_point(|(r, _, _)| r.start <= i);
        let Some((r, w, indent)) = k.checked_sub(1).and_then(|k| self.0.get(k)) else {
            return false;
        };
        r.contains(&i)
            && indent.is_none_or(|d| next.indent == d || hang.is_some())
            && w.joins(cur, next, hang)
    }
}

/// Marks a run of numbered lines (only blank lines between) as the entries of a printed
/// table of contents when it has three or more and some entry is not deeper than the one
/// before it.
fn mark_contents(run: std::ops::Range<usize>, styles: &[Option<(u8, u8)>], item: &mut [bool]) {
    if run.len() < 3 {
        return;
    }
    let flat = (run.start + 1..run.end).any(|j| {
        let (a, b) = (
            styles[j - 1].unwrap_or_default(),
            styles[j].unwrap_or_default(),
        );
        a.0 != b.0 || b.1 <= a.1
    });
    if flat {
        item[run].fill(true);
    }
}

/// Numbered lines that are items of a list or of a printed table of contents, not headings,
/// become paragraphs again. (One block per line here, so block `i` is line `i`.) Any numbered
/// line counts as a neighbour, heading-like or not ([`numbered::numbering`]). A numbered line
/// is an item when
/// - the line before or after it is numbered in the same style with no blank line between
///   (`1. 前言⏎2. 安装⏎2.1. 准备`), or in the same style and depth with only blank lines
///   between (`1. 设置变量值⏎⏎2. 命令名`: a heading has its section's text after it);
/// - in its stanza (lines between blank lines), at least two lines and half of all lines are
///   numbered in its style (a contents list whose long entries wrap onto a second line);
/// - it is `N.`-numbered and more indented than the lines on both sides (an item in text);
/// - its next line hangs under it (more indented, no blank line between): a wrapped item;
/// - it is one of three or more numbered lines in a row (blank lines allowed) not each
///   deeper than the last: a contents list spaced out by blank lines.
///
/// A chapter-word line directly followed by an item (`序言⏎    1. 免责声明`) is part of the
/// printed contents too.
fn drop_numbered_runs(
    lines: &SourceLines<'_>,
    kinds: &mut [BlockKind],
    headings: &mut Vec<(usize, HeadingSource)>,
) {
    let style_of = |n: Numbering| match n {
        Numbering::Decimal(d) => Some((0, d)),
        Numbering::ChineseComma => Some((1, 1)),
        Numbering::ChineseParen => Some((2, 1)),
        Numbering::Chapter => None,
    };
    let styles: Vec<Option<(u8, u8)>> = (0..lines.len())
        .map(|i| {
            numbered::numbering(lines.str(i))
                .filter(|(_, title)| numbered::item_like(title))
                .and_then(|(n, _)| style_of(n))
        })
        .collect();
    let mut item = vec![false; lines.len()];
    for i in 0..lines.len() {
        let Some(s) = styles[i] else { continue };
        let near = |j: usize, blank_between: bool| {
            styles[j].is_some_and(|t| t.0 == s.0 && (!blank_between || t == s))
        };
        if (i > 0 && near(i - 1, lines.blank_before(i)))
            || (i + 1 < lines.len() && near(i + 1, lines.blank_before(i + 1)))
        {
            item[i] = true;
        }
        // A wrapped item: its next line hangs under it (more indented, no blank between).
        if i + 1 < lines.len()
            && !lines.blank_before(i + 1)
            && lines.indent(i + 1) > lines.indent(i)
        {
            item[i] = true;
        }
        if s.0 == 0 {
            let deeper = |j: usize| lines.indent(i) > lines.indent(j);
            let before = i == 0 || deeper(i - 1);
            let after = i + 1 == lines.len() || deeper(i + 1);
            if before && after && lines.len() > 1 {
                item[i] = true;
            }
        }
    }
    // A contents list with blank lines between its entries: three or more numbered lines in a
    // row (only blank lines between) where some entry is not deeper than the one before it
    // (`1.1.⏎⏎1.1.1.⏎⏎1.1.2.`); headings in a row each open the one after them.
    let mut start = 0;
    while start < lines.len() {
        let mut end = start;
        while end < lines.len()
            && styles[end].is_some()
            && (end == start
                || !lines.blank_before(end)
                || lines.indent(end) == lines.indent(end - 1))
        {
            end += 1;
        }
        // A list of another numbering style in the run (`（二）经过⏎⏎1. 第一步⏎2. 第二步⏎⏎二、结论`:
        // two or more lines with no blank line between, a style unlike the entries on both
        // sides) is the text of the section before it, not contents: it splits the run.
        let mut piece = start;
        let mut j = start;
        while j < end {
            let mut stanza_end = j + 1;
            while stanza_end < end && !lines.blank_before(stanza_end) {
                stanza_end += 1;
            }
            let family = |k: usize| styles[k].map(|t| t.0);
            let unlike = |k: usize| family(k) != family(j);
            let inner_list = stanza_end - j >= 2
                && (j == start || unlike(j - 1))
                && (stanza_end == end || unlike(stanza_end))
                && (j > start || stanza_end < end);
            if inner_list {
                mark_contents(piece..j, &styles, &mut item);
                piece = stanza_end;
            }
            j = stanza_end;
        }
        mark_contents(piece..end, &styles, &mut item);
        start = end.max(start + 1);
    }
    // Stanzas: numbered lines per style.
    let mut start = 0;
    while start < lines.len() {
        let mut end = start + 1;
        while end < lines.len() && !lines.blank_before(end) {
            end += 1;
        }
        for family in 0..3 {
            let n = (start..end)
                .filter(|&j| styles[j].is_some_and(|t| t.0 == family))
                .count();
            if n >= 2 && n * 2 >= end - start {
                for j in start..end {
                    if styles[j].is_some_and(|t| t.0 == family) {
                        item[j] = true;
                    }
                }
            }
        }
        start = end;
    }
    // `1.1 概述` (no final dot) stands between blank lines: a wrapped line of prose may
    // start with `3.18 版…`.
    let alone =
        |i: usize| lines.blank_before(i) && (i + 1 >= lines.len() || lines.blank_before(i + 1));
    headings.retain(|&(i, h)| {
        let no_dot = matches!(h, HeadingSource::Numbered(Numbering::Decimal(_)))
            && !lines
                .str(i)
                .split(spaces::is_space)
                .next()
                .is_some_and(|n| n.ends_with(['.', '、']));
        let keep = match h {
            HeadingSource::Numbered(_) if no_dot && !alone(i) => false,
            HeadingSource::Numbered(Numbering::Chapter) => true,
            HeadingSource::Numbered(_) => !item[i],
            HeadingSource::Chapter(_) => {
                !(i + 1 < lines.len() && !lines.blank_before(i + 1) && item[i + 1])
            }
            HeadingSource::Poem(_) => true,
        };
        if !keep {
            kinds[i] = BlockKind::Paragraph;
        }
        keep
    });
}

/// The byte ranges of the non-empty lines of `text`, trimmed of spaces ([`spaces::is_space`]:
/// ASCII, no-break and ideographic spaces…), so a `　　` paragraph indent is not part of the
/// text.
pub fn line_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let lines = SourceLines::new(text);
    (0..lines.len()).map(move |i| lines.bytes(i))
}

/// Sets heading levels. Chapter words: with volumes and chapters both present, a volume is
/// level 1 and what follows a volume is level 2 (front matter before the first volume and an
/// afterword stay level 1). Numbering: `章 N.`/`附录 A.` level 1, `N.N.N.` its count of
/// numbers; `一、` level 1 and `（一）` level 2, one deeper each when the text has chapters.
fn set_heading_levels(kinds: &mut [BlockKind], headings: &[(usize, HeadingSource)]) {
    let chapter = |h: &HeadingSource| match *h {
        HeadingSource::Chapter(c) => Some(c),
        _ => None,
    };
    let has_volumes = headings
        .iter()
        .any(|h| chapter(&h.1) == Some(Chapter::Volume));
    let has_chapters = headings
        .iter()
        .any(|h| chapter(&h.1).is_some_and(|c| c != Chapter::Volume));
    let has_chapter_level = has_chapters
        || headings
            .iter()
            .any(|h| h.1 == HeadingSource::Numbered(Numbering::Chapter));
    let nest = has_volumes && has_chapters;
    let chinese = u8::from(has_chapter_level);
    // Per chapter-level section: one level deeper for `N.` numbering when the section holds
    // a `1.`-style heading (the manual's preface: `序言` › `1. 免责声明`), so that `N.N.`
    // numbering that carries the chapter's number (`第 1 章` › `1.1.`) keeps its depth.
    let is_chapter_level = |h: &HeadingSource| {
        matches!(
            h,
            HeadingSource::Chapter(_) | HeadingSource::Numbered(Numbering::Chapter)
        )
    };
    let mut offsets = vec![0u8; headings.len()];
    let mut k = 0;
    while k < headings.len() {
        let mut end = k + 1;
        while end < headings.len() && !is_chapter_level(&headings[end].1) {
            end += 1;
        }
        let shallow = is_chapter_level(&headings[k].1)
            && headings[k + 1..end]
                .iter()
                .any(|h| h.1 == HeadingSource::Numbered(Numbering::Decimal(1)));
        for o in &mut offsets[k..end] {
            *o = u8::from(shallow);
        }
        k = end;
    }
    let mut seen_volume = false;
    for (&(i, h), offset) in headings.iter().zip(offsets) {
        let level = match h {
            HeadingSource::Chapter(Chapter::Volume) => {
                seen_volume = true;
                1
            }
            HeadingSource::Chapter(Chapter::Afterword) => 1,
            HeadingSource::Chapter(_) if nest && seen_volume => 2,
            HeadingSource::Chapter(_) => 1,
            HeadingSource::Numbered(Numbering::Chapter) => 1,
            HeadingSource::Numbered(Numbering::Decimal(d)) => d + offset,
            HeadingSource::Numbered(Numbering::ChineseComma) => 1 + chinese,
            HeadingSource::Numbered(Numbering::ChineseParen) => 2 + chinese,
            // Under the chapters of a collection (`卷一` › `《静夜思》`) when it has them.
            HeadingSource::Poem(level) => level + chinese,
        };
        kinds[i] = BlockKind::Heading { level };
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
fn mark_article_headings(text: &str, blocks: &mut Blocks) {
    // Whether each paragraph could be a heading or subtitle line.
    let candidate: Vec<Option<HeadingLike>> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let line = &text[b.bytes.clone()];
            // (A group of one-line paragraphs holds none: see `parse_plain_grouped`.)
            (b.kind == BlockKind::Paragraph
                && !blocks.is_group(i)
                && !lines::is_meta(line)
                && numbered::numbered(line).is_none())
            .then(|| lines::heading_like(line))
            .flatten()
        })
        .collect();
    let is_body =
        |b: &BlockRef<'_>, c: Option<HeadingLike>| b.kind == BlockKind::Paragraph && c.is_none();
    let mut i = 0;
    while i < blocks.len() {
        if blocks.kind(i) != BlockKind::Paragraph || candidate[i].is_none() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < blocks.len() && blocks.kind(j) == BlockKind::Paragraph && candidate[j].is_some() {
            j += 1;
        }
        let run = i..j;
        i = j;
        if run.len() > MAX_RUN || run.start == 0 || run.end >= blocks.len() {
            continue;
        }
        let prev = blocks.at(run.start - 1);
        let next = blocks.at(run.end);
        let prev_ok = match prev.kind {
            BlockKind::Title | BlockKind::Meta => true,
            _ => is_body(&prev, candidate[run.start - 1]),
        };
        if !prev_ok || !is_body(&next, candidate[run.end]) {
            continue;
        }
        let limit = if prev.kind == BlockKind::Paragraph {
            prev.bytes.len().min(next.bytes.len())
        } else {
            next.bytes.len()
        };
        if run
            .clone()
            .any(|k| blocks.bytes(k).len() * SHORTER_BY > limit)
        {
            continue;
        }
        let Some(groups) = group_run(&candidate[run.clone()]) else {
            continue;
        };
        let mut k = run.start;
        for len in groups {
            blocks.set_kind(k, BlockKind::Heading { level: 1 });
            for b in k + 1..k + len {
                blocks.set_kind(b, BlockKind::Subtitle);
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
