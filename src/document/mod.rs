//! The document model: decoded, sanitized text in one buffer, split into blocks, with sections.
//!
//! `bytes → decode → sanitize → parse (plain text or Markdown) → Document { blocks, sections }`.
//! [`open_vec`] takes the bytes by value, so valid UTF-8 becomes the text without a copy.
//! Blocks are byte ranges into [`Document::text`] in a compact index ([`blocks`]: about ten
//! bytes a block, styles and annotations in side tables), so a 100 MB novel is one buffer
//! plus a small index, and 26 million two-byte lines cost 10 bytes each, not 80.

pub mod ansi;
pub mod blocks;
mod chinese;
pub mod collection;
pub mod decode;
pub mod epub;
pub mod fortune;
pub mod html;
pub mod html_charset;
pub mod html_page;
pub mod html_parse;
pub mod html_render;
pub mod html_table;
pub mod lines;
pub mod manpage;
pub mod markdown;
pub mod notebox;
pub mod numbered;
pub mod output;
pub mod parse;
pub mod preformat;
pub mod reflow;
pub mod rule;
pub mod sanitize;
pub mod sections;
pub mod segment_break;
pub mod sniff;
pub(crate) mod source_lines;
pub mod spaces;
pub mod text_store;
pub mod transcript;
pub mod verse;

use std::borrow::Cow;
use std::ops::Range;

pub use blocks::{BlockRef, Blocks};

/// What a block is, which decides its style and how it is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum BlockKind {
    /// The document's title (a short first line such as `《山城夜雨》`, or a Markdown `#` at the top).
    Title,
    /// A metadata line (`來源:…`, `作者：…`, `編輯整理 :…`).
    Meta,
    /// A section heading; level 1 is the outermost (a volume, or a Markdown `#`).
    Heading { level: u8 },
    /// A line that belongs to the heading before it (a subtitle).
    Subtitle,
    /// Body text.
    Paragraph,
    /// A closing notice or disclaimer (`特別聲明…`, `Notice: …`).
    Notice,
    /// Preformatted text, kept verbatim (a Markdown code block, program output, an ASCII
    /// diagram): hard line breaks and spaces kept, no script conversion or typography, no
    /// CJK line-breaking rules. A line wider than the column is cut at the column and
    /// continues on rows that start with `↪` (DECISIONS "Output formats").
    Preformatted,
    /// A table. Its text is its rows separated by hard `\n`; within a row, cells are
    /// separated by `\t` (a row without a tab is one cell, e.g. a plain-text table already
    /// aligned with spaces). Layout aligns the cells in columns.
    Table,
    /// A group of verse lines (a poem, lyrics): one line per hard `\n`, each wrapped on its
    /// own with a hanging indent; never reflowed.
    Verse,
    /// A list item; its text begins with its marker (`• `, `1. `).
    ListItem { depth: u8 },
    /// A line or paragraph of a man page set in by the page's own indentation (`cells`: 7
    /// for the body, 14 for an option's description), as `less -R` shows it, and wrapped
    /// within the rest of the column.
    Indented { cells: u8 },
    /// A block quote paragraph.
    Quote { depth: u8 },
    /// A thematic break (`---`, a line of `＊＊＊` or `────`); its text is empty or the
    /// source line, and it is drawn as a rule fitted to the column.
    Rule,
    /// An image placeholder; its text is the image's alternative text (may be empty).
    Image,
}

impl BlockKind {
    /// True for blocks shown exactly as written (no script conversion, no typography, no
    /// reflow): preformatted text.
    pub fn is_verbatim(self) -> bool {
        matches!(self, BlockKind::Preformatted)
    }
}

/// Inline style for a byte range of a block's text: Markdown emphasis, code and links, and
/// program output's SGR colours and overstrike ([`ansi::AnsiStyle`]). Spans may overlap;
/// their effects add up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InlineStyle {
    /// Italic (Markdown `*…*`, SGR 3).
    Emphasis,
    /// Bold (Markdown `**…**`, SGR 1, overstrike `x\bx`).
    Strong,
    /// Inline code.
    Code,
    /// A link's text (underlined).
    Link,
    /// Struck through (Markdown `~~…~~`, SGR 9).
    Strikethrough,
    /// Formatting from program output (SGR colours, overstrike bold/underline).
    Ansi(ansi::AnsiStyle),
    /// A footnote marker (`[1]`) or a note's way back (`↩`) that leads to block `target`
    /// (HTML/EPUB `epub:type="noteref"`, pandoc's `footnote-ref`/`footnote-back`): drawn as a
    /// link; `Enter` or a click follows it ([`Document::note_at`]).
    NoteRef { target: usize },
    /// An image's alternative text inside a line of text (an image in a list item): drawn as
    /// `[圖 alt]` by the layout, like an image block, without ending the item.
    Image,
}

/// What an inline annotation is: where it came from and how it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnnotationKind {
    /// A pinyin reading written in the source text itself (`發(fā)`): the `(fā)` stays in the
    /// text and is hidden by presentation; the annotation tells a ruby row what to show.
    Pinyin,
    /// Author ruby (HTML/EPUB `<ruby>…<rt>…</rt></ruby>`): the `rt` text is not in the
    /// block's text, only here.
    Ruby,
    /// A link's target (a Markdown link's URL) over the link's text: not drawn in the text;
    /// the status line shows it when the link is clicked.
    Link,
}

/// An inline annotation over a range of a block's text: a layer beside the text, never part
/// of what is wrapped, searched or converted.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Annotation {
    /// The annotated base text, relative to the start of the block's text.
    pub bytes: Range<usize>,
    /// The annotation (a reading such as `fā`, or an `rt`'s text).
    pub text: String,
    pub kind: AnnotationKind,
}

/// An inline style span; `bytes` is relative to the start of the block's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleSpan {
    pub bytes: Range<usize>,
    pub style: InlineStyle,
}

/// One block: a paragraph, heading, metadata line…
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range into [`Document::text`].
    pub bytes: Range<usize>,
    /// Inline styles (Markdown, and program output's SGR/overstrike); ranges relative to the
    /// block's start.
    pub spans: Vec<StyleSpan>,
    /// Inline annotations (pinyin, ruby), sorted by start; ranges relative to the block's
    /// start.
    pub annotations: Vec<Annotation>,
}

impl Block {
    /// A block of `kind` over `bytes` with no styles or annotations.
    pub fn new(kind: BlockKind, bytes: Range<usize>) -> Self {
        Block {
            kind,
            bytes,
            spans: Vec::new(),
            annotations: Vec::new(),
        }
    }
}

/// A navigable section: a heading block and its title.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    /// The heading's text as written (one line).
    pub title: String,
    /// The subtitle line(s) that belong to the heading, if any, joined with no separator
    /// between CJK text and a space between ASCII words ([`sections::join_lines`]).
    pub subtitle: Option<String>,
    /// Nesting level, 1 outermost.
    pub level: u8,
    /// Index of the heading block in [`Document::blocks`] (for Markdown's top `#`, the
    /// `Title` block, listed as a level-1 section).
    pub block: usize,
}

/// The source format of a document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Plain,
    Markdown,
    /// An HTML page, decided by its markup ([`sniff`]).
    Html,
    /// An EPUB book, decided by its zip container ([`sniff`]).
    Epub,
}

/// Where the document's bytes came from and how they were decoded.
#[derive(Clone, Debug, Default)]
pub struct SourceInfo {
    /// Name shown in the status line (file name, `stdin`, or the bundled article's name).
    pub name: String,
    /// The encoding used to decode (a WHATWG name such as `UTF-8`, `GBK`, `Big5`, `UTF-16LE`).
    pub encoding: &'static str,
    /// How many invalid byte sequences became U+FFFD.
    pub replacements: usize,
    /// How many control characters / escape sequences were neutralised.
    pub controls_removed: usize,
    pub format: Format,
    /// What could not be read and was skipped (an EPUB's missing chapters), one line each.
    pub notes: Vec<String>,
    /// A book's own metadata (EPUB, HTML).
    pub meta: BookMeta,
    /// How plain text was reflowed (the mode, and whether any lines were joined); `None` for
    /// what `--reflow` and the `L` key do not change (Markdown, man pages, program output,
    /// books).
    pub reflow: Option<Reflowed>,
    /// For a text rebuilt from its source (a man page): the offset in [`Document::text`] of
    /// each source line (`+N` counts those). `None` when the text's lines are the source's.
    pub line_starts: Option<Vec<usize>>,
    /// A program's output (a man page, coloured output): shown at the terminal's full width,
    /// as the program laid it out for a terminal, not in the reading column.
    pub program_output: bool,
}

/// How a plain text was parsed: [`reflow::Reflow`] mode, and whether it joined any lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reflowed {
    pub mode: reflow::Reflow,
    /// Some block spans several source lines (the text was found hard-wrapped).
    pub joined: bool,
}

/// A book's metadata (EPUB's OPF, an HTML page's `<title>`), and its writing direction for
/// the vertical mode.
#[derive(Clone, Debug, Default)]
pub struct BookMeta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// The book's language tag (`zh-Hant`, `zh-CN`).
    pub language: Option<String>,
    /// The book's CSS sets `writing-mode: vertical-rl` on `html`/`body`.
    pub vertical_rl: bool,
    /// The spine's `page-progression-direction` is `rtl`.
    pub rtl: bool,
}

impl SourceInfo {
    /// The name for the status line: a book's title and authors, else the file name.
    pub fn display_name(&self) -> String {
        match (&self.meta.title, self.meta.authors.is_empty()) {
            (Some(t), true) => t.clone(),
            (Some(t), false) => format!("{t} · {}", self.meta.authors.join("、")),
            (None, _) => self.name.clone(),
        }
    }
}

/// A parsed document.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The text all blocks point into (sanitized; for Markdown, the rendered text without
    /// markup) — empty when the text is read back from the file ([`Document::file_text`]):
    /// read it through [`Document::block_text`], [`Document::text_range`],
    /// [`Document::text_len`] and [`Document::whole_text`], which serve both.
    pub text: String,
    /// The text read back from its file by block, for a UTF-8 file sanitizing left unchanged
    /// ([`text_store`]); `None` when the text is in memory.
    pub file_text: Option<text_store::FileText>,
    /// The block index ([`blocks`]: about ten bytes a block).
    pub blocks: Blocks,
    pub sections: Vec<Section>,
    pub source: SourceInfo,
}

impl Document {
    /// The text of block `i`.
    pub fn block_text(&self, i: usize) -> Cow<'_, str> {
        self.text_range(self.blocks.bytes(i)).unwrap_or_default()
    }

    /// The text in `range`; `None` when it is not a range of char boundaries of the text.
    pub fn text_range(&self, range: Range<usize>) -> Option<Cow<'_, str>> {
        match &self.file_text {
            Some(f) => (range.start <= range.end && range.end <= f.len()).then(|| f.read(range)),
            None => self.text.get(range).map(Cow::Borrowed),
        }
    }

    /// Position `(block, byte)` in the terms of the blocks as they would be with no lines
    /// grouped ([`Blocks::ungrouped_index`]): a place in a group is in its line, a place
    /// between two of its lines at the end of the first (where its spacing line is).
    pub fn ungrouped_position(&self, block: usize, byte: usize) -> (usize, usize) {
        let base = self.blocks.ungrouped_index(block);
        if !self.blocks.is_group(block) {
            return (base, byte);
        }
        let text = self.block_text(block);
        let mut out = (base, byte);
        for (k, r) in blocks::group_lines(&text).enumerate() {
            if k > 0 && byte < r.start {
                break;
            }
            out = (base + k, byte.saturating_sub(r.start).min(r.len()));
        }
        out
    }

    /// The position [`Document::ungrouped_position`] gave (unclamped: the byte may be past the
    /// block's text when the document changed).
    pub fn grouped_position(&self, ungrouped_block: usize, byte: usize) -> (usize, usize) {
        let (block, k) = self.blocks.from_ungrouped(ungrouped_block);
        if !self.blocks.is_group(block) {
            return (block, byte);
        }
        let text = self.block_text(block);
        let line = blocks::group_lines(&text).nth(k);
        match line {
            Some(r) => (block, r.start + byte.min(r.len())),
            None => (block, text.len()),
        }
    }

    /// The length of the text in bytes.
    pub fn text_len(&self) -> usize {
        self.file_text.as_ref().map_or(self.text.len(), |f| f.len())
    }

    /// The whole text (read from the file when it is kept there: as large as the file).
    pub fn whole_text(&self) -> Cow<'_, str> {
        self.text_range(0..self.text_len()).unwrap_or_default()
    }

    /// A message when the file the text is read back from has changed since it was indexed.
    pub fn text_changed(&self) -> Option<String> {
        self.file_text.as_ref().filter(|f| f.changed()).map(|_| {
            format!(
                "{}: the file changed on disk since it was opened; some text may be missing (reopen it)",
                self.source.name
            )
        })
    }

    /// Reads the text back from `file` (the document's own input, from byte `base`) instead
    /// of holding it: for a UTF-8 file whose text is its bytes. The text in memory is freed.
    pub fn keep_text_in_file(&mut self, file: std::fs::File, base: u64) -> std::io::Result<()> {
        let f = text_store::FileText::new(file, base, self.text.len())?;
        self.file_text = Some(f);
        self.text = String::new();
        Ok(())
    }

    /// The block a footnote marker at byte `byte` of block `block` leads to, if one is there.
    pub fn note_at(&self, block: usize, byte: usize) -> Option<usize> {
        self.blocks
            .get(block)?
            .spans
            .iter()
            .find_map(|s| match s.style {
                InlineStyle::NoteRef { target } if s.bytes.contains(&byte) => Some(target),
                _ => None,
            })
    }

    /// The index of the section that contains block `block` (the last section starting at or
    /// before it), if any.
    pub fn section_at(&self, block: usize) -> Option<usize> {
        match self.sections.partition_point(|s| s.block <= block) {
            0 => None,
            n => Some(n - 1),
        }
    }
}

/// Options for opening a document.
#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    /// Force an encoding (any WHATWG label); `None` detects it.
    pub encoding: Option<String>,
    /// Force a format; `None` decides by content (EPUB, HTML), then by the name's extension.
    pub format: Option<Format>,
    /// A user regex for chapter lines in plain text.
    pub heading_regex: Option<String>,
    /// Open files that look binary anyway.
    pub force: bool,
    /// Joining hard-wrapped plain text into paragraphs.
    pub reflow: reflow::Reflow,
    /// Plain text is a program's output even without colours (yuedu runs as git's pager).
    pub program_output: bool,
}

/// Why a document could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{name}: looks like a binary file, not text (use --force to open it anyway)")]
    Binary { name: String },
    /// A zip archive that is not an EPUB (OCF 3.3 §4.3: no `mimetype` entry naming
    /// `application/epub+zip`, no `META-INF/container.xml`): said as such, not as "binary".
    #[error("{name}: a zip archive, not an EPUB book (it has no mimetype entry and no META-INF/container.xml); unzip it to read the files it holds")]
    NotABook { name: String },
    #[error("unknown encoding '{label}' (use a WHATWG label such as utf-8, gbk, gb18030, big5, utf-16le)")]
    UnknownEncoding { label: String },
    /// An EPUB that cannot be opened: one line saying why.
    #[error("{name}: {why}")]
    Book { name: String, why: String },
    #[error("invalid --heading-regex: {0}")]
    HeadingRegex(String),
}

impl OpenError {
    /// The error for input the decoder refuses as not text, `head` its first bytes: a zip
    /// that is not an EPUB ([`OpenError::NotABook`]), else [`OpenError::Binary`].
    pub fn binary(name: &str, head: &[u8]) -> OpenError {
        let name = name.to_string();
        if sniff::is_zip(head) {
            OpenError::NotABook { name }
        } else {
            OpenError::Binary { name }
        }
    }
}

/// Decodes, sanitizes and parses `bytes` into a [`Document`] named `name`.
pub fn open(bytes: &[u8], name: &str, opts: &OpenOptions) -> Result<Document, OpenError> {
    if let Some(doc) = open_book(bytes, name, opts)? {
        return Ok(doc);
    }
    let decoded = decode::decode(bytes, opts.encoding.as_deref(), opts.force, name)?;
    finish_open(decoded, name, opts)
}

/// Like [`open`], but takes the bytes by value so that valid UTF-8 becomes the document's
/// text without a copy (a 100 MB file then needs about 100 MB, not 200 MB, while opening).
pub fn open_vec(bytes: Vec<u8>, name: &str, opts: &OpenOptions) -> Result<Document, OpenError> {
    if let Some(doc) = open_book(&bytes, name, opts)? {
        return Ok(doc);
    }
    let decoded = decode::decode_vec(bytes, opts.encoding.as_deref(), opts.force, name)?;
    finish_open(decoded, name, opts)
}

/// Opens `bytes` as an EPUB or HTML page when `--format` says so or, without it, when
/// their content does ([`sniff::sniff`]); `None` for text and Markdown.
fn open_book(bytes: &[u8], name: &str, opts: &OpenOptions) -> Result<Option<Document>, OpenError> {
    let format = match opts.format {
        Some(f @ (Format::Html | Format::Epub)) => f,
        Some(_) => return Ok(None),
        None => match sniff::sniff(bytes) {
            Some(f) => f,
            None => return Ok(None),
        },
    };
    let forced = forced_encoding(opts)?;
    Ok(Some(match format {
        Format::Epub => epub::open(bytes, name, forced)?,
        _ => html_page::open(bytes, name, forced),
    }))
}

/// The encoding `--encoding` forces on a book's chapters or an HTML page, if any.
pub fn forced_encoding(
    opts: &OpenOptions,
) -> Result<Option<&'static encoding_rs::Encoding>, OpenError> {
    match &opts.encoding {
        Some(label) => Ok(Some(
            encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                OpenError::UnknownEncoding {
                    label: label.clone(),
                }
            })?,
        )),
        None => Ok(None),
    }
}

fn finish_open(
    decoded: decode::Decoded,
    name: &str,
    opts: &OpenOptions,
) -> Result<Document, OpenError> {
    let (text, controls_removed, spans) = sanitize::sanitize_styled(decoded.text);
    parse_sanitized(
        Sanitized {
            text,
            spans,
            controls_removed,
            encoding: decoded.encoding,
            replacements: decoded.replacements,
            rewritten: true,
        },
        name,
        opts,
    )
}

/// Decoded and sanitized text with what was found on the way, ready to parse (the input
/// layer decodes and sanitizes large inputs chunk by chunk, then parses once).
#[derive(Debug, Default)]
pub struct Sanitized {
    pub text: String,
    /// SGR/overstrike styles over `text`.
    pub spans: Vec<ansi::AnsiSpan>,
    pub controls_removed: usize,
    /// The WHATWG name of the encoding decoded from.
    pub encoding: &'static str,
    pub replacements: usize,
    /// Some input was not kept byte for byte (decoded from another encoding, or changed by
    /// the sanitizer): the text is not the file's bytes.
    pub rewritten: bool,
}

/// The format `name` is parsed as: the forced one, else by extension.
pub fn format_for(name: &str, opts: &OpenOptions) -> Format {
    opts.format.unwrap_or_else(|| {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Format::Markdown
        } else {
            Format::Plain
        }
    })
}

/// Parses sanitized text into a [`Document`] named `name`.
pub fn parse_sanitized(
    input: Sanitized,
    name: &str,
    opts: &OpenOptions,
) -> Result<Document, OpenError> {
    let format = format_for(name, opts);
    let text = input.text;
    let ansi_spans = input.spans;
    let man = (format == Format::Plain && opts.heading_regex.is_none())
        .then(|| manpage::detect(&text))
        .flatten();
    let mut reflowed = None;
    let mut program_output = true;
    let mut doc = match format {
        Format::Plain if man.is_some() => man_document(&text, &ansi_spans, man.as_ref()),
        Format::Plain
            if opts.format.is_none()
                && !fortune::is_fortune(&text)
                && (opts.program_output || output::is_program_output(&text, &ansi_spans)) =>
        {
            output::parse_lines(text)
        }
        Format::Plain => {
            let doc = parse::parse_plain_grouped(text, opts.heading_regex.as_deref(), opts.reflow)?;
            reflowed = Some(Reflowed {
                mode: opts.reflow,
                joined: joins_lines(&doc),
            });
            doc
        }
        Format::Markdown | Format::Html | Format::Epub => {
            program_output = false;
            markdown::parse_markdown(&text)
        }
    };
    program_output &= reflowed.is_none();
    if format == Format::Plain && man.is_none() {
        attach_ansi_spans(&mut doc.blocks, &ansi_spans);
    }
    // A man page read from stdin is named by its page (`tar(1)`) as a title, like a book's;
    // its name stays `stdin`, so the session is not remembered (DECISIONS: pager and stdin
    // sessions never evict books from the state file).
    let title = match &man {
        Some(page) if name == "stdin" => Some(manpage::display_name(page)),
        _ => None,
    };
    doc.source = SourceInfo {
        name: name.to_string(),
        meta: BookMeta {
            title,
            ..BookMeta::default()
        },
        encoding: input.encoding,
        replacements: input.replacements,
        controls_removed: input.controls_removed + doc.source.controls_removed,
        format,
        reflow: reflowed,
        line_starts: doc.source.line_starts.take(),
        program_output,
        ..Default::default()
    };
    Ok(doc)
}

/// Whether a plain text's blocks join source lines: a paragraph or list item spanning a line
/// end (verse, tables and preformatted blocks keep their lines in every mode).
fn joins_lines(doc: &Document) -> bool {
    doc.blocks.iter().enumerate().any(|(i, b)| {
        matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::ListItem { .. } | BlockKind::Quote { .. }
        ) && !doc.blocks.is_group(i)
            && doc.block_text(i).contains('\n')
    })
}

/// The plain text `doc` parsed again with reflow `mode` (the `L` key): the same text, so a
/// source byte offset means the same in both; its SGR styles (a fortune file's colours) carried
/// over. `None` when `doc` is not plain text parsed with reflow ([`SourceInfo::reflow`]).
pub fn reparse_plain(
    doc: &Document,
    heading_regex: Option<&str>,
    mode: reflow::Reflow,
) -> Option<Result<Document, OpenError>> {
    doc.source.reflow?;
    let text = doc.whole_text().into_owned();
    let mut new = match parse::parse_plain_grouped(text, heading_regex, mode) {
        Ok(d) => d,
        Err(e) => return Some(Err(e)),
    };
    if doc.file_text.is_some() {
        // The same text: read back from the same file.
        new.file_text = doc.file_text.clone();
        new.text = String::new();
    }
    let mut spans: Vec<ansi::AnsiSpan> = doc
        .blocks
        .iter()
        .flat_map(|b| {
            b.spans.iter().filter_map(move |s| match s.style {
                InlineStyle::Ansi(style) => Some(ansi::AnsiSpan {
                    bytes: b.bytes.start + s.bytes.start..b.bytes.start + s.bytes.end,
                    style,
                }),
                _ => None,
            })
        })
        .collect();
    spans.sort_by_key(|s| s.bytes.start);
    attach_ansi_spans(&mut new.blocks, &spans);
    new.source = SourceInfo {
        reflow: Some(Reflowed {
            mode,
            joined: joins_lines(&new),
        }),
        ..doc.source.clone()
    };
    Some(Ok(new))
}

/// A man page as a document ([`manpage`]): sections are the page's section lines, kept
/// lines and filled paragraphs become blocks.
fn man_document(text: &str, spans: &[ansi::AnsiSpan], page: Option<&manpage::ManPage>) -> Document {
    let Some(page) = page else {
        return Document::default();
    };
    let m = manpage::structure(text, spans, page);
    let mut blocks: Blocks = m
        .blocks
        .iter()
        .map(|b| {
            let kind = match b.kind {
                manpage::ManKind::Frame => BlockKind::Meta,
                manpage::ManKind::Heading(level) => BlockKind::Heading { level },
                manpage::ManKind::Prose { .. } | manpage::ManKind::Line { .. } => {
                    BlockKind::Indented {
                        cells: u8::try_from(b.indent).unwrap_or(u8::MAX),
                    }
                }
            };
            Block::new(kind, b.bytes.clone())
        })
        .collect();
    // Kept lines and paragraphs keep the page's indentation, and the layout sets them without
    // a gap; where the page had a blank line between two, the first keeps its line end (an
    // empty row), so paragraphs, option entries and synopsis groups stay apart as in `man`.
    for i in 1..blocks.len() {
        let items = matches!(
            (blocks.kind(i - 1), blocks.kind(i)),
            (BlockKind::Indented { .. }, BlockKind::Indented { .. })
        );
        let prev = blocks.bytes(i - 1);
        if items && m.blocks[i].after_blank && m.text.as_bytes().get(prev.end) == Some(&b'\n') {
            blocks.set_bytes(i - 1, prev.start..prev.end + 1);
        }
    }
    attach_ansi_spans(&mut blocks, &m.spans);
    let sections = sections::collect_sections(&m.text, &blocks, None);
    Document {
        text: m.text,
        blocks,
        file_text: None,
        sections,
        source: SourceInfo {
            line_starts: Some(m.line_starts),
            ..SourceInfo::default()
        },
    }
}

/// Gives each block the parts of `spans` (ranges of the whole text, sorted by start) that fall
/// in it, relative to the block's start. Blocks must be ranges of the same text, in order.
fn attach_ansi_spans(blocks: &mut Blocks, spans: &[ansi::AnsiSpan]) {
    for span in spans {
        let first = blocks.partition_point(|b| b.bytes.end <= span.bytes.start);
        for i in first..blocks.len() {
            let bytes = blocks.bytes(i);
            if bytes.start >= span.bytes.end {
                break;
            }
            let start = span.bytes.start.max(bytes.start);
            let end = span.bytes.end.min(bytes.end);
            if start < end {
                blocks.push_span(
                    i,
                    StyleSpan {
                        bytes: start - bytes.start..end - bytes.start,
                        style: InlineStyle::Ansi(span.style),
                    },
                );
            }
        }
    }
}
