//! A book part by part: one spine item rendered alone, so that the reader can show the first
//! chapter (or the one holding the remembered place, or a `+N` table-of-contents target)
//! before the whole book is inflated and parsed.
//!
//! Places in a book are given in a *virtual input*: the spine's chapters laid end to end by
//! their inflated sizes, read from the zip's central directory without inflating anything
//! ([`Span`]). A part rendered alone yields the same text and blocks as the same chapter
//! rendered inside the whole book (the renderer keeps no state from one chapter to the next),
//! so a place in it carries over to the whole book by its text offset plus the chapter's
//! start ([`Parts::checkpoints`]). Within a chapter, a virtual offset and a text offset are
//! scaled linearly, the same way both ways, so a place saved as a virtual offset reopens
//! on the same line.

use super::{is_html_type, Book, Chapters, OpenError};
use crate::document::Document;

/// One spine chapter in the virtual input: `[start, end)`, its inflated size long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Span {
    pub spine: usize,
    pub start: u64,
    pub end: u64,
}

/// A whole book with where its chapters are.
pub struct Opened {
    pub doc: Document,
    pub parts: Parts,
}

/// Where each rendered chapter is: `(virtual input offset, text offset)` at its start, in
/// order, and the virtual input's length.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    pub checkpoints: Vec<(u64, usize)>,
    pub total: u64,
}

/// Which part to open first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// The first chapter.
    First,
    /// The chapter holding this virtual input offset (a remembered place).
    Offset(u64),
    /// The `n`-th entry (from 1) of the table of contents, as `--toc` lists it.
    Entry(usize),
}

/// A book's chapters opened alone (one, and those after it while the first screen needs
/// them).
pub struct Partial {
    /// The chapters alone: their sections are the table-of-contents entries into them.
    pub doc: Document,
    /// Their span in the virtual input.
    pub start: u64,
    pub end: u64,
    /// The virtual input's length.
    pub total: u64,
    /// It starts at the book's first chapter (its blocks are the whole book's first blocks).
    pub first: bool,
    /// The text offset in `doc` of the place asked for (a remembered offset, an entry's
    /// anchor).
    pub at: Option<usize>,
    /// The whole book's table of contents as its sections will be, before it is read:
    /// `(virtual input offset, label, level)` — exact for the entries into the chapters
    /// opened, their chapter's start for the others. Empty when the book has none.
    pub outline: Vec<(u64, String, u8)>,
}

impl Book<'_> {
    /// The spine's HTML chapters that can be read (in the manifest, in the zip, not
    /// encrypted; each path once), laid end to end by their inflated sizes.
    pub(super) fn spans(&mut self) -> Vec<Span> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        let mut at = 0u64;
        for (spine, idref) in self.pkg.spine.iter().enumerate() {
            let Some(item) = self.pkg.manifest.get(idref) else {
                continue;
            };
            if !is_html_type(&item.media_type)
                || self.encrypted.contains(&item.path)
                || !seen.insert(item.path.clone())
            {
                continue;
            }
            let Some(size) = self.zip.size(&item.path) else {
                continue;
            };
            out.push(Span {
                spine,
                start: at,
                end: at + size.max(1),
            });
            at += size.max(1);
        }
        out
    }

    /// The zip path of spine item `spine`.
    fn spine_path(&self, spine: usize) -> Option<&str> {
        let id = self.pkg.spine.get(spine)?;
        self.pkg.manifest.get(id).map(|i| i.path.as_str())
    }
}

/// The first part is rendered on until it holds this much text (a cover or title page alone
/// would leave the first screen nearly empty)…
pub const FIRST_PART_TEXT: usize = 16 << 10;
/// …or this many chapters.
pub const FIRST_PART_CHAPTERS: usize = 8;

/// Opens the part of the book `want` names, alone: its chapter and the ones after it until
/// [`FIRST_PART_TEXT`] or [`FIRST_PART_CHAPTERS`]. `Ok(None)` when there is nothing to gain
/// (a book of one chapter) or the part cannot be read alone (the whole book then says why).
pub fn open_part(
    bytes: &[u8],
    name: &str,
    forced: Option<&'static encoding_rs::Encoding>,
    want: Want,
) -> Result<Option<Partial>, OpenError> {
    open_part_sized(bytes, name, forced, want, FIRST_PART_TEXT)
}

/// [`open_part`], rendering chapters on until `min_text` bytes of text (0: one chapter).
pub(super) fn open_part_sized(
    bytes: &[u8],
    name: &str,
    forced: Option<&'static encoding_rs::Encoding>,
    want: Want,
    min_text: usize,
) -> Result<Option<Partial>, OpenError> {
    let mut book = Book::prepare(bytes, name)?;
    let spans = book.spans();
    if spans.len() < 2 {
        return Ok(None);
    }
    let entries = book.toc();
    let (span, fragment) = match want {
        Want::First => (spans[0], None),
        Want::Offset(at) => {
            let i = spans.partition_point(|s| s.start <= at).max(1) - 1;
            (spans[i], None)
        }
        Want::Entry(n) => match entry_target(&book, &entries, &spans, n) {
            Some(t) => t,
            None => return Ok(None),
        },
    };
    let from = spans.iter().position(|s| *s == span).unwrap_or(0);
    let mut ch = Chapters::default();
    let mut to = from;
    while to < spans.len() {
        ch.render(&mut book, spans[to].spine, forced)?;
        to += 1;
        if ch.r.text.len() >= min_text || to - from >= FIRST_PART_CHAPTERS {
            break;
        }
    }
    // The part starts at its first chapter that could be rendered.
    let Some(first) = ch
        .parts
        .first()
        .and_then(|&(spine, _)| spans.iter().find(|s| s.spine == spine).copied())
    else {
        return Ok(None);
    };
    // The text length of the chapter asked for, when it is that first one.
    let first_len = ch.parts.get(1).map(|p| p.1);
    let path = book.spine_path(span.spine).unwrap_or_default().to_string();
    let anchor = fragment.and_then(|f| ch.ids.get(&(path, f)).copied());
    let (opened, ids) = (ch.chapter_start.clone(), ch.ids.clone());
    let mut doc = ch.finish(&mut book, entries.clone())?;
    // What the whole book skipped is said when it arrives.
    doc.source.notes.clear();
    let at = match want {
        Want::Offset(at) if first == span => {
            Some(text_in_span(at, span, first_len.unwrap_or(doc.text.len())))
        }
        Want::Offset(_) => Some(0),
        Want::Entry(_) => Some(anchor.map_or(0, |b| doc.blocks.bytes(b).start)),
        Want::First => None,
    };
    let end = spans[to - 1].end;
    // The entries as the whole book's sections will be: into chapters that can be read, in
    // reading order; those into the chapters opened placed exactly.
    let per_text = (end - first.start) as f64 / doc.text.len().max(1) as f64;
    let mut outline: Vec<(usize, u64, String, u8)> = entries
        .into_iter()
        .filter_map(|e| {
            let i = spans
                .iter()
                .position(|s| book.spine_path(s.spine) == Some(e.path.as_str()))?;
            let at = match opened.get(&e.path) {
                Some(&start) => {
                    let block = e
                        .fragment
                        .and_then(|f| ids.get(&(e.path.clone(), f)).copied())
                        .unwrap_or(start);
                    let t = doc.blocks.get(block)?.bytes.start;
                    first.start + (t as f64 * per_text) as u64
                }
                None => spans[i].start,
            };
            Some((i, at, e.label, e.level))
        })
        .collect();
    outline.sort_by_key(|o| o.0);
    Ok(Some(Partial {
        doc,
        start: first.start,
        end,
        total: spans.last().map_or(0, |s| s.end),
        first: first == spans[0],
        at,
        outline: outline
            .into_iter()
            .map(|(_, at, label, level)| (at, label, level))
            .collect(),
    }))
}

/// The text offset, in a chapter of `text_len` bytes spanning `span`, of virtual offset `at`:
/// the inverse of the interpolation that saved it (`at = start + ⌊t · span / text_len⌋`), so
/// rounded up: with more markup than text (a span longer than its text) it gives `t` back.
fn text_in_span(at: u64, span: Span, text_len: usize) -> usize {
    let into = at.saturating_sub(span.start).min(span.end - span.start);
    let t = into as f64 * text_len as f64 / (span.end - span.start) as f64;
    ((t - 1e-9).ceil().max(0.0) as usize).min(text_len)
}

/// The chapter and anchor of the `n`-th table-of-contents entry (from 1; past the last, the
/// last), counting entries as the whole book's sections do: those into chapters that can be
/// read, in reading order. `None` with no table of contents (sections are then the headings,
/// known only from the whole book).
fn entry_target(
    book: &Book<'_>,
    entries: &[super::toc::Entry],
    spans: &[Span],
    n: usize,
) -> Option<(Span, Option<String>)> {
    let mut entries: Vec<(usize, Option<String>)> = entries
        .iter()
        .filter_map(|e| {
            let i = spans
                .iter()
                .position(|s| book.spine_path(s.spine) == Some(e.path.as_str()))?;
            Some((i, e.fragment.clone()))
        })
        .collect();
    entries.sort_by_key(|(i, _)| *i);
    let (i, fragment) = entries
        .get(n.max(1).min(entries.len()).checked_sub(1)?)?
        .clone();
    Some((spans[i], fragment))
}

#[cfg(test)]
#[path = "parts_tests.rs"]
mod tests;
