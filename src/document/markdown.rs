//! Markdown through pulldown-cmark (CommonMark + strikethrough + tables + footnotes):
//! headings, paragraphs, lists, quotes, code, tables, footnotes, HTML blocks.
//!
//! The Markdown is rendered into [`Document::text`] without its markup, one block after the
//! other, each followed by a `\n`:
//!
//! - ATX and setext headings → `Heading { level }` (1–6). A `#` line inside a fenced or
//!   indented code block is code, not a heading.
//! - The title: when the first block is a level-1 heading and it is the only level-1 heading,
//!   it is a `Title` block instead, and it is still listed as the first section (level 1), so
//!   `--toc` shows the title with its `##` sections indented under it.
//! - Paragraphs → `Paragraph`; inside a block quote → `Quote { depth }` (1 = `>`).
//! - List items → `ListItem { depth }` (1 = outermost list): the item's first block begins
//!   with its marker, `• ` (unordered) or `1. ` (ordered, counting from the list's start);
//!   further paragraphs of the same item are `ListItem`s without a marker. Tight and loose
//!   lists give the same blocks.
//! - Code blocks → one `Preformatted` block each, its lines joined by hard `\n`, trailing newline
//!   dropped.
//! - `---` → `Rule`, an empty range.
//! - Inline: emphasis, strong, inline code, links (their text; the URL is not shown) and
//!   strikethrough become [`StyleSpan`]s relative to the block start. A soft line break is a
//!   space between ASCII words and nothing between CJK characters; a hard break is `\n`.
//! - Tables → one `Table` block: rows separated by `\n`, cells by `\t` (layout aligns the
//!   columns and joins cells with ` │ `); the header row's cells are `Strong`. Column
//!   alignment (`:--:`) is not kept.
//! - Footnotes (GFM `[^label]`): a reference is a marker `[1]` (numbered in the order of
//!   first reference) that follows the note, as HTML/EPUB footnotes do
//!   ([`super::html_render::resolve_links`], [`InlineStyle::NoteRef`]); the definitions are
//!   written after the text, as pandoc writes them in HTML: a `Rule`, then each note a
//!   numbered `ListItem` ending with a back link `↩` to its first reference.
//! - Inline `<ruby>base<rt>reading</rt></ruby>` (with `<rp>` dropped): the base stays in the
//!   text, the `rt` is an [`Annotation`] of kind `Ruby` over it, as in HTML.
//! - HTML blocks → their text content ([`super::html::html_paragraphs`]: tags, comments,
//!   scripts stripped), one block per paragraph of it, of the kind a paragraph would have
//!   there. Other inline HTML tags are dropped (the text between them stays); images show their
//!   alt text.
//! - Character references that make control characters (`&#27;`, `&#x202E;`) are dropped
//!   like the controls [`super::sanitize`] removes, and counted with them.

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::html_render::PendingLink;

use super::{Annotation, AnnotationKind, Block, BlockKind, Document, InlineStyle, StyleSpan};

/// Parses Markdown `text` (already sanitized) into a document; see the module docs for the
/// blocks it makes. Linear in `text.len()`.
pub fn parse_markdown(text: &str) -> Document {
    let mut r = Renderer::default();
    // Where each piece of source text went in the rendered text: `(source start, length,
    // rendered start)`, for `+N` ([`line_starts`]).
    let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
    let options =
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    // Footnote definitions are set aside and written after the text, as notes at the end.
    let mut defs: Vec<NoteDef<'_>> = Vec::new();
    let mut in_def = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                defs.push((label.to_string(), Vec::new()));
                in_def = true;
            }
            Event::End(TagEnd::FootnoteDefinition) => in_def = false,
            event if in_def => {
                if let Some((_, evs)) = defs.last_mut() {
                    evs.push((event, range));
                }
            }
            event => r.feed(event, range, &mut pieces),
        }
    }
    r.notes(defs, &mut pieces);
    r.finish();
    let mut blocks = r.blocks;
    super::html_render::resolve_links(&mut blocks, &r.links, |href| {
        match href.strip_prefix(BACK) {
            Some(label) => r.ref_blocks.get(label).copied(),
            None => r.note_blocks.get(href).copied(),
        }
    });
    let line_starts = line_starts(text, pieces, r.text.len());
    let level1 = |b: &Block| b.kind == BlockKind::Heading { level: 1 };
    let title =
        blocks.first().is_some_and(level1) && blocks.iter().filter(|b| level1(b)).count() == 1;
    if title {
        blocks[0].kind = BlockKind::Title;
    }
    let blocks = super::Blocks::from(blocks);
    let sections = super::sections::collect_sections(&r.text, &blocks, title.then_some(1));
    Document {
        text: r.text,
        blocks,
        file_text: None,
        sections,
        source: super::SourceInfo {
            controls_removed: r.controls_removed,
            line_starts: Some(line_starts),
            ..Default::default()
        },
    }
}

/// For each line of the Markdown source, the offset in the rendered text where its text went
/// (a line with none — blank, a fence, a rule — maps to the next text), so that `+N` counts
/// the file's lines as `less` does. `pieces`: `(source start, length, rendered start)` of the
/// text events.
fn line_starts(src: &str, mut pieces: Vec<(usize, usize, usize)>, end: usize) -> Vec<usize> {
    pieces.sort_by_key(|p| p.0);
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1))
        .filter(|&s| s < src.len())
        .map(|s| {
            let i = pieces.partition_point(|&(from, len, _)| from + len <= s);
            match pieces.get(i) {
                Some(&(from, _, at)) if from <= s => at + (s - from),
                Some(&(_, _, at)) => at,
                None => end,
            }
        })
        .collect()
}

/// The block being written.
struct Current {
    start_byte: usize,
    kind: BlockKind,
    spans: Vec<StyleSpan>,
    /// Links' URLs over their text ([`AnnotationKind::Link`]) and ruby (`Ruby`).
    annotations: Vec<Annotation>,
}

#[derive(Default)]
struct Renderer {
    text: String,
    blocks: Vec<Block>,
    current: Option<Current>,
    /// Open inline styles: the style and the byte where it began (in `text`).
    open: Vec<(InlineStyle, usize)>,
    /// The URLs of the links open (nested in an image's alt text, or a link in a link).
    link_urls: Vec<String>,
    /// Enclosing lists, innermost last: the next number for ordered lists.
    lists: Vec<Option<u64>>,
    quote_depth: u8,
    /// The marker of a list item whose first block has not begun yet.
    marker: Option<String>,
    soft_break: bool,
    controls_removed: usize,
    /// Inside a table's header row.
    table_head: bool,
    /// Cells begun in the current table row.
    cells: usize,
    /// Rows begun in the current table.
    rows: usize,
    /// The raw HTML of the HTML block being read.
    html: Option<String>,
    /// Inline `<ruby>`s open: the byte (in `text`) where the next base begins.
    ruby: Vec<usize>,
    /// The text of the `<rt>` being read; inside `<rp>`, its text is dropped.
    rt: Option<String>,
    rp: bool,
    /// Footnote numbers by label, in the order of first reference.
    note_numbers: HashMap<String, usize>,
    /// The block of each footnote's first reference, and of each note's first block.
    ref_blocks: HashMap<String, usize>,
    note_blocks: HashMap<String, usize>,
    /// Footnote markers (`href` = the label) and back links (`href` = [`BACK`] + label).
    links: Vec<PendingLink>,
}

/// A footnote definition set aside: its label and its events with their source ranges.
type NoteDef<'a> = (String, Vec<(Event<'a>, std::ops::Range<usize>)>);

/// The `href` prefix of a note's back link to its reference.
const BACK: &str = "\u{0}back:";

impl Renderer {
    /// Renders one event, and records where its source text went in `pieces`.
    fn feed(
        &mut self,
        event: Event<'_>,
        range: std::ops::Range<usize>,
        pieces: &mut Vec<(usize, usize, usize)>,
    ) {
        let len = match &event {
            Event::Text(t) | Event::Code(t) => t.len(),
            _ => 0,
        };
        let before = self.text.len();
        self.event(event);
        if len > 0 && self.text.len() >= before + len {
            let at = self.text.len() - len;
            pieces.push((range.start, len.min(range.len()), at));
        }
    }

    /// Writes the footnote definitions after the text, as HTML footnotes are (a rule, then
    /// a numbered list): referenced notes in the order of their numbers, then the others;
    /// each ends with a back link `↩` to its first reference.
    fn notes(&mut self, mut defs: Vec<NoteDef<'_>>, pieces: &mut Vec<(usize, usize, usize)>) {
        if defs.is_empty() {
            return;
        }
        self.close();
        let at = self.text.len();
        self.blocks.push(Block::new(BlockKind::Rule, at..at));
        defs.sort_by_key(|(label, _)| self.note_numbers.get(label).copied().unwrap_or(usize::MAX));
        let mut next = self.note_numbers.len() + 1;
        for (label, events) in defs {
            if self.note_blocks.contains_key(&label) {
                continue; // a second definition of the same label
            }
            let n = self.note_numbers.get(&label).copied().unwrap_or_else(|| {
                next += 1;
                next - 1
            });
            self.close();
            self.note_blocks.insert(label.clone(), self.blocks.len());
            self.lists.push(Some(n as u64));
            self.start(Tag::Item);
            let last_par = events
                .iter()
                .rposition(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)));
            let back = self.ref_blocks.contains_key(&label);
            for (i, (event, range)) in events.into_iter().enumerate() {
                if back && Some(i) == last_par {
                    self.back_link(&label);
                }
                self.feed(event, range, pieces);
            }
            if back && last_par.is_none() {
                self.back_link(&label);
            }
            self.end(TagEnd::Item);
            self.end(TagEnd::List(true));
        }
    }

    /// A footnote reference: the marker `[n]`, a link to its note.
    fn note_ref(&mut self, label: &str) {
        let next = self.note_numbers.len() + 1;
        let n = *self.note_numbers.entry(label.to_string()).or_insert(next);
        self.inline("");
        let block = self.blocks.len();
        self.ref_blocks.entry(label.to_string()).or_insert(block);
        self.marker_link(&format!("[{n}]"), label.to_string());
    }

    /// A note's link back to its reference, `↩` as pandoc writes it.
    fn back_link(&mut self, label: &str) {
        self.inline("");
        self.marker_link("↩", format!("{BACK}{label}"));
    }

    /// Writes `shown` as a `Link` span recorded as a pending link to `href`.
    fn marker_link(&mut self, shown: &str, href: String) {
        let start = self.text.len();
        self.push_text(shown);
        self.span(InlineStyle::Link, start);
        if let Some(cur) = &self.current {
            self.links.push(PendingLink {
                block: self.blocks.len(),
                bytes: start - cur.start_byte..self.text.len() - cur.start_byte,
                href,
            });
        }
    }

    /// Inline HTML: `<ruby>`, `<rt>`, `<rp>` make a ruby annotation as in HTML
    /// ([`super::html_render`]); other tags are dropped.
    fn inline_html(&mut self, tag: &str) {
        let t = tag.trim().to_ascii_lowercase();
        let body = t.strip_prefix('<').unwrap_or("");
        let (close, body) = match body.strip_prefix('/') {
            Some(b) => ("/", b),
            None => ("", body),
        };
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match format!("{close}{name}").as_str() {
            "ruby" => {
                self.inline("");
                self.ruby.push(self.text.len());
            }
            "/ruby" => {
                self.ruby.pop();
                self.rt = None;
                self.rp = false;
            }
            "rt" if !self.ruby.is_empty() => self.rt = Some(String::new()),
            "/rt" => {
                let Some(rt) = self.rt.take() else { return };
                let rt = rt.trim().to_string();
                let end = self.text.len();
                if let (Some(base), Some(cur)) = (self.ruby.last_mut(), self.current.as_mut()) {
                    let start = (*base).max(cur.start_byte);
                    if !rt.is_empty() && start < end {
                        cur.annotations.push(Annotation {
                            bytes: start - cur.start_byte..end - cur.start_byte,
                            text: rt,
                            kind: AnnotationKind::Ruby,
                        });
                    }
                    *base = end;
                }
            }
            "rp" if !self.ruby.is_empty() => self.rp = true,
            "/rp" => self.rp = false,
            _ => {}
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.inline(&t),
            Event::Code(t) => {
                self.inline("");
                let start = self.text.len();
                self.push_text(&t);
                self.span(InlineStyle::Code, start);
            }
            Event::FootnoteReference(t) => self.note_ref(&t),
            Event::TaskListMarker(done) => self.inline(if done { "[x] " } else { "[ ] " }),
            Event::SoftBreak => self.soft_break = true,
            Event::HardBreak => self.text.push('\n'),
            Event::Rule => {
                self.close();
                let at = self.text.len();
                self.blocks.push(Block::new(BlockKind::Rule, at..at));
            }
            Event::Html(t) => match &mut self.html {
                Some(raw) => raw.push_str(&t),
                None => self.html_block(&t),
            },
            Event::InlineHtml(t) => self.inline_html(&t),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                let kind = self.context_kind();
                self.begin(kind);
            }
            Tag::Heading { level, .. } => self.begin(BlockKind::Heading {
                level: heading_level(level),
            }),
            Tag::BlockQuote(_) => {
                self.close();
                self.quote_depth = self.quote_depth.saturating_add(1);
            }
            Tag::CodeBlock(_) => self.begin(BlockKind::Preformatted),
            Tag::List(first) => {
                self.close();
                self.lists.push(first);
            }
            Tag::Item => {
                self.close();
                self.marker = Some(match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "• ".to_string(),
                });
            }
            Tag::Emphasis => self.open_style(InlineStyle::Emphasis),
            Tag::Strong => self.open_style(InlineStyle::Strong),
            Tag::Strikethrough => self.open_style(InlineStyle::Strikethrough),
            Tag::Link { dest_url, .. } => {
                self.open_style(InlineStyle::Link);
                self.link_urls.push(dest_url.to_string());
            }
            Tag::Table(_) => {
                self.begin(BlockKind::Table);
                self.rows = 0;
            }
            Tag::TableHead | Tag::TableRow => {
                self.table_head = matches!(tag, Tag::TableHead);
                self.cells = 0;
                if self.rows > 0 {
                    self.text.push('\n');
                }
                self.rows += 1;
            }
            Tag::TableCell => {
                // Not through `push_text`: the sanitizer would expand the tab.
                if self.cells > 0 {
                    self.text.push('\t');
                }
                self.cells += 1;
                if self.table_head {
                    self.open_style(InlineStyle::Strong);
                }
            }
            Tag::HtmlBlock => {
                self.close();
                self.html = Some(String::new());
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock => self.close(),
            TagEnd::BlockQuote(_) => {
                self.close();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.close();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.close();
                self.marker = None;
            }
            TagEnd::Link => {
                let url = self.link_urls.pop().unwrap_or_default();
                if let Some((style, start)) = self.open.pop() {
                    self.span(style, start);
                    self.link(url, start);
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                if let Some((style, start)) = self.open.pop() {
                    self.span(style, start);
                }
            }
            TagEnd::TableCell if self.table_head => {
                if let Some((style, start)) = self.open.pop() {
                    self.span(style, start);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => self.table_head = false,
            TagEnd::Table => {
                self.close();
                self.table_head = false;
            }
            TagEnd::HtmlBlock => {
                if let Some(raw) = self.html.take() {
                    self.html_block(&raw);
                }
            }
            _ => {}
        }
    }

    /// The text of an HTML block, one block per paragraph of it ([`super::html`]), of the
    /// kind a paragraph would have here.
    fn html_block(&mut self, raw: &str) {
        for p in super::html::html_paragraphs(raw) {
            let kind = self.context_kind();
            self.begin(kind);
            self.push_text(&p);
            self.close();
        }
    }

    /// The kind of a paragraph here: a list item, a quote, or a plain paragraph.
    fn context_kind(&self) -> BlockKind {
        if !self.lists.is_empty() {
            BlockKind::ListItem {
                depth: u8::try_from(self.lists.len()).unwrap_or(u8::MAX),
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote {
                depth: self.quote_depth,
            }
        } else {
            BlockKind::Paragraph
        }
    }

    fn begin(&mut self, kind: BlockKind) {
        self.close();
        self.soft_break = false;
        self.current = Some(Current {
            start_byte: self.text.len(),
            kind,
            spans: Vec::new(),
            annotations: Vec::new(),
        });
        if matches!(kind, BlockKind::ListItem { .. }) {
            if let Some(m) = self.marker.take() {
                self.text.push_str(&m);
            }
        }
    }

    /// Appends inline text, starting a block first when there is none (a tight list item).
    fn inline(&mut self, t: &str) {
        if self.rp {
            return;
        }
        if let Some(rt) = &mut self.rt {
            rt.push_str(t);
            return;
        }
        if self.current.is_none() {
            let kind = self.context_kind();
            self.begin(kind);
        }
        if std::mem::take(&mut self.soft_break) {
            let ascii_end = self
                .text
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_graphic());
            let ascii_start = t.chars().next().is_none_or(|c| c.is_ascii_graphic());
            if ascii_end && ascii_start {
                self.text.push(' ');
            }
        }
        self.push_text(t);
    }

    /// Appends text from the parser: character references (`&#27;`) can make controls again,
    /// so they are dropped here too.
    fn push_text(&mut self, t: &str) {
        self.controls_removed += super::sanitize::push_clean(&mut self.text, t);
    }

    fn open_style(&mut self, style: InlineStyle) {
        self.inline("");
        self.open.push((style, self.text.len()));
    }

    /// Records `style` from `start` (a byte of `text`) to the end of the text so far.
    fn span(&mut self, style: InlineStyle, start: usize) {
        if let Some(cur) = &mut self.current {
            let from = start.max(cur.start_byte) - cur.start_byte;
            let to = self.text.len() - cur.start_byte;
            if from < to {
                cur.spans.push(StyleSpan {
                    bytes: from..to,
                    style,
                });
            }
        }
    }

    /// Records link `url` over the text from `start` (a byte of `text`) to here; the URL
    /// goes through the sanitizer like the text (no control reaches the status line).
    fn link(&mut self, url: String, start: usize) {
        let mut clean = String::with_capacity(url.len());
        self.controls_removed += super::sanitize::push_clean(&mut clean, &url);
        if let Some(cur) = &mut self.current {
            let from = start.max(cur.start_byte) - cur.start_byte;
            let to = self.text.len() - cur.start_byte;
            if from < to && !clean.is_empty() {
                cur.annotations.push(Annotation {
                    bytes: from..to,
                    text: clean,
                    kind: AnnotationKind::Link,
                });
            }
        }
    }

    /// Ends the current block: trims it (code keeps its inner lines), records it if it has
    /// text, and separates it from the next with `\n`.
    fn close(&mut self) {
        let Some(cur) = self.current.take() else {
            return;
        };
        self.open.clear();
        let body = &self.text[cur.start_byte..];
        let kept = if cur.kind == BlockKind::Preformatted {
            body.trim_end_matches('\n').len()
        } else {
            body.trim_end().len()
        };
        self.text.truncate(cur.start_byte + kept);
        if kept > 0 {
            let spans = cur
                .spans
                .into_iter()
                .filter_map(|mut s| {
                    s.bytes.end = s.bytes.end.min(kept);
                    (s.bytes.start < s.bytes.end).then_some(s)
                })
                .collect();
            let mut annotations: Vec<Annotation> = cur
                .annotations
                .into_iter()
                .filter_map(|mut a| {
                    a.bytes.end = a.bytes.end.min(kept);
                    (a.bytes.start < a.bytes.end).then_some(a)
                })
                .collect();
            annotations.sort_by_key(|a| a.bytes.start);
            self.blocks.push(Block {
                kind: cur.kind,
                bytes: cur.start_byte..cur.start_byte + kept,
                spans,
                annotations,
            });
            self.text.push('\n');
        }
    }

    fn finish(&mut self) {
        self.close();
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
