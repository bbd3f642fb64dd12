//! HTML content → blocks: the renderer behind HTML pages and EPUB chapters.
//!
//! The markup is parsed by html5ever (through `scraper`), the WHATWG HTML parser, because real
//! chapters are not always well-formed XML (`&nbsp;` with no DTD, unclosed `<p>`). The tree
//! is walked without recursion (a deeply nested page cannot overflow the stack) and written
//! into one text buffer as [`Block`]s:
//!
//! - `p`, `div` and the other block elements end a paragraph; `h1`–`h6` → `Heading { level }`;
//!   `blockquote` → `Quote { depth }`; `li` → `ListItem { depth }` beginning with `• ` or its
//!   number (`ol start`, `li value`); `pre` → `Code`, verbatim, tabs expanded to stops every 8
//!   columns; `table` → aligned columns ([`super::html_table`]), but a layout table is
//!   unwrapped into its cells' blocks and a DocBook admonition (`警告`, `注意`) read as a
//!   `Quote` headed by its title, its icon dropped; `hr` → `Rule`; `br` → a hard
//!   `\n`; `img` → an `Image` block holding its alternative text, between the text before
//!   and after it (drawn `[圖 alt]`/`[图 alt]` by the layout); in a heading, its alt text;
//!   in a list item, its alt text in the item's line as an `Image` span (drawn `[圖 alt]`
//!   too), so the item is not cut in two.
//! - `em`/`i`, `strong`/`b`, `code`, `a href`, `s`/`del` → [`StyleSpan`]s. A footnote reference
//!   (`epub:type="noteref"`, or a link in `sup`) shows as a marker `[1]`; it and a note's
//!   back link (`role="doc-backlink"`, `↩`) are recorded as [`PendingLink`]s, which the page
//!   or book resolves to the block holding the `id` they point at ([`resolve_links`]).
//! - `ruby`: the base text is read as one run; `rt` is never mixed into it: it becomes an
//!   [`Annotation`] of kind `Ruby` over its base, in the block's annotation layer.
//! - Whitespace as CSS Text 3 §4.1.1 collapses it: a run of spaces is one space, none at the
//!   start or end of a block. A run holding a segment break (a line feed) is removed or made
//!   one space by the same rule as plain-text reflow ([`super::segment_break`]: CSS Text 3
//!   §4.1.2 with its Chinese punctuation case and our look through punctuation,
//!   `宜乎？"⏎故曰` → `宜乎？"故曰`; DECISIONS "Joining lines"). Leading `&nbsp;`/U+3000 indentation of a paragraph is dropped, as in plain text.
//! - `script`, `style`, `head`, `template`, `rp` are not text. Control characters that
//!   character references make (`&#27;`) are dropped and counted.
//! - Every `id` (and `a name`) is recorded with the index of the block it falls in, for table
//!   of contents entries that point into a chapter.

use std::collections::HashMap;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::{Annotation, AnnotationKind, Block, BlockKind, InlineStyle, StyleSpan};

/// What rendering wrote, besides the blocks.
#[derive(Debug, Default)]
pub struct Rendered {
    pub controls_removed: usize,
    pub images: usize,
}

/// A footnote marker or a note's back link as rendered, before its `href` is resolved to a
/// block ([`resolve_links`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingLink {
    /// The block holding the marker, and the marker's bytes in it (a `Link` span).
    pub block: usize,
    pub bytes: std::ops::Range<usize>,
    pub href: String,
}

/// Turns each pending link whose `href` `target` resolves (to a block index) into a
/// [`InlineStyle::NoteRef`] span in place of its `Link` span.
pub fn resolve_links(
    blocks: &mut [Block],
    links: &[PendingLink],
    mut target: impl FnMut(&str) -> Option<usize>,
) {
    for l in links {
        let Some(to) = target(&l.href).filter(|&t| t < blocks.len()) else {
            continue;
        };
        let Some(b) = blocks.get_mut(l.block) else {
            continue;
        };
        for sp in &mut b.spans {
            if sp.bytes == l.bytes && sp.style == InlineStyle::Link {
                sp.style = InlineStyle::NoteRef { target: to };
            }
        }
    }
}

/// Pending whitespace before the next character.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pending {
    None,
    Space,
    /// A run that holds a segment break.
    Break,
}

struct Current {
    start_byte: usize,
    kind: BlockKind,
    spans: Vec<StyleSpan>,
    annotations: Vec<Annotation>,
}

/// Writes HTML documents one after the other into one text buffer of blocks.
pub struct Renderer {
    pub text: String,
    pub blocks: Vec<Block>,
    pub out: Rendered,
    cur: Option<Current>,
    space: Pending,
    /// Whether the open block sets ASCII apart from Han with spaces (`使用 Emacs`): then the
    /// segment break rule does not look through punctuation ([`super::segment_break`]).
    spaced: bool,
    open: Vec<(InlineStyle, usize)>,
    lists: Vec<Option<u64>>,
    quote_depth: u8,
    marker: Option<String>,
    heading: Option<u8>,
    pre: usize,
    /// Ruby bases being read: the byte where the next base begins.
    ruby: Vec<usize>,
    /// Layout tables being unwrapped (their nodes), with the admonition's title for one.
    unwrapped: Vec<(ego_tree::NodeId, Option<String>)>,
    /// Ids seen in the document being rendered → block index.
    ids: HashMap<String, usize>,
    /// Footnote markers and back links of the document being rendered (taken by the
    /// caller after each [`Renderer::render`]).
    pub links: Vec<PendingLink>,
}

/// Elements that are not text.
const SKIP: &[&str] = &[
    "head",
    "script",
    "style",
    "template",
    "rp",
    "noscript",
    "title",
    "svg:title",
];

/// Elements whose start and end end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "html",
    "legend",
    "main",
    "nav",
    "p",
    "section",
    "summary",
    "caption",
    // Cells of a layout table being unwrapped (a data table's are never walked).
    "tr",
    "td",
    "th",
];

impl Default for Renderer {
    fn default() -> Self {
        Renderer::new()
    }
}

impl Renderer {
    /// A renderer with nothing written yet.
    pub fn new() -> Renderer {
        Renderer {
            text: String::new(),
            blocks: Vec::new(),
            out: Rendered::default(),
            cur: None,
            space: Pending::None,
            spaced: false,
            open: Vec::new(),
            lists: Vec::new(),
            quote_depth: 0,
            marker: None,
            heading: None,
            pre: 0,
            ruby: Vec::new(),
            unwrapped: Vec::new(),
            ids: HashMap::new(),
            links: Vec::new(),
        }
    }

    /// Writes a `Title` block (an HTML page's `<title>`, when no `h1` repeats it).
    pub fn title(&mut self, title: &str) {
        self.close();
        self.push_block(BlockKind::Title, title.to_string(), Vec::new());
    }

    /// Renders one parsed document (a chapter) after what is already written; returns its
    /// ids with the index of the block each falls in.
    pub fn render(&mut self, doc: &Html) -> HashMap<String, usize> {
        let body = doc
            .tree
            .root()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
            .unwrap_or(doc.tree.root());
        // Explicit stack of (node, entered): no recursion, whatever the nesting depth.
        let mut stack = vec![(body, false)];
        while let Some((node, entered)) = stack.pop() {
            if entered {
                self.exit(node);
                continue;
            }
            if self.enter(node) {
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
        }
        self.close();
        self.lists.clear();
        self.quote_depth = 0;
        self.heading = None;
        self.pre = 0;
        self.ruby.clear();
        self.unwrapped.clear();
        self.open.clear();
        std::mem::take(&mut self.ids)
    }

    /// Handles a node's start; true when its children are to be walked (and `exit` called).
    fn enter(&mut self, node: NodeRef<'_, Node>) -> bool {
        let el = match node.value() {
            Node::Text(t) => {
                self.text_node(&t.text);
                return false;
            }
            Node::Element(el) => el,
            Node::Document | Node::Fragment => return true,
            _ => return false,
        };
        let name = el.name();
        let block_level = heading_level(name).is_some()
            || BLOCKS.contains(&name)
            || matches!(
                name,
                "hr" | "table" | "blockquote" | "ul" | "ol" | "menu" | "dir" | "li" | "pre"
            );
        if block_level {
            self.close();
        }
        if let Some(id) = el
            .id()
            .or_else(|| (name == "a").then(|| el.attr("name")).flatten())
        {
            // The block the element's content falls in: the open one, or the next.
            let at = self.blocks.len();
            self.ids.entry(id.to_string()).or_insert(at);
        }
        if SKIP.contains(&name) {
            return false;
        }
        match name {
            "br" => {
                if self.cur.is_some() {
                    self.text.push('\n');
                }
                self.space = Pending::None;
                return false;
            }
            "hr" => {
                self.close();
                self.push_block(BlockKind::Rule, String::new(), Vec::new());
                return false;
            }
            "img" | "image" => {
                let alt = el.attr("alt").or_else(|| el.attr("title")).unwrap_or("");
                let alt = collapse(alt);
                if self.is_admonition_icon(&alt) {
                    return false;
                }
                self.out.images += 1;
                if self.heading.is_some() {
                    // A heading set as an image (a chapter title drawn): its words are the
                    // heading's text.
                    self.inline_str(&alt, None);
                } else if !self.lists.is_empty() && self.pre == 0 {
                    // In a list item (an icon, a formula drawn as a picture, a figure): in
                    // its line, so the item goes on after it, drawn `[圖 alt]` by the layout.
                    // With no alternative text it is decoration (HTML §4.8.4.4): nothing.
                    self.inline_str(&alt, Some(InlineStyle::Image));
                } else {
                    // Its own block, between the text before and after it (which goes on in
                    // the kind of its context); the layout draws it as `[圖 alt]` in the
                    // displayed script.
                    self.close();
                    self.push_block(BlockKind::Image, alt, Vec::new());
                }
                return false;
            }
            "table" => {
                self.close();
                if let Some(layout) = super::html_table::layout(node) {
                    let title = match layout {
                        super::html_table::Layout::Admonition { title } => {
                            self.quote_depth = self.quote_depth.saturating_add(1);
                            Some(title)
                        }
                        super::html_table::Layout::Unwrapped => None,
                    };
                    self.unwrapped.push((node.id(), title));
                    return true;
                }
                let table = super::html_table::render(node);
                self.out.controls_removed += table.controls_removed;
                if let Some(caption) = table.caption {
                    self.push_block(BlockKind::Paragraph, caption, Vec::new());
                }
                if !table.text.is_empty() {
                    self.push_block(BlockKind::Table, table.text, table.spans);
                }
                return false;
            }
            "rt" => {
                let rt = super::html_table::inline_text(node).0;
                if let (Some(base), Some(cur)) = (self.ruby.last_mut(), self.cur.as_mut()) {
                    let start = (*base).max(cur.start_byte);
                    let end = self.text.len();
                    if !rt.is_empty() && start < end {
                        cur.annotations.push(Annotation {
                            bytes: start - cur.start_byte..end - cur.start_byte,
                            text: rt,
                            kind: AnnotationKind::Ruby,
                        });
                    }
                    *base = end;
                }
                return false;
            }
            "ruby" => {
                self.ruby.push(self.text.len());
                return true;
            }
            "a" if is_noteref(node) || is_backlink(el) => {
                let label = super::html_table::inline_text(node).0;
                let label = label.trim_matches(|c| c == '[' || c == ']');
                if !label.is_empty() {
                    let shown = if is_backlink(el) {
                        label.to_string()
                    } else {
                        format!("[{label}]")
                    };
                    self.inline_str(&shown, Some(InlineStyle::Link));
                    self.note_link(el.attr("href"));
                }
                return false;
            }
            _ => {}
        }
        if let Some(level) = heading_level(name) {
            self.close();
            self.heading = Some(level);
        } else if BLOCKS.contains(&name) {
            self.close();
        }
        match name {
            "blockquote" => self.quote_depth = self.quote_depth.saturating_add(1),
            "ul" | "menu" | "dir" => {
                self.close();
                self.lists.push(None);
            }
            "ol" => {
                self.close();
                let start = el.attr("start").and_then(|s| s.trim().parse().ok());
                self.lists.push(Some(start.unwrap_or(1)));
            }
            "li" => {
                self.close();
                let value = el.attr("value").and_then(|s| s.trim().parse::<u64>().ok());
                self.marker = Some(match self.lists.last_mut() {
                    Some(Some(n)) => {
                        if let Some(v) = value {
                            *n = v;
                        }
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "• ".to_string(),
                });
            }
            "pre" | "listing" | "xmp" | "plaintext" => {
                self.close();
                self.pre += 1;
                self.begin(BlockKind::Preformatted);
            }
            _ => {}
        }
        if let Some(style) = inline_style(name, el.attr("href").is_some()) {
            self.open.push((style, self.text.len()));
        }
        true
    }

    fn exit(&mut self, node: NodeRef<'_, Node>) {
        let Some(el) = node.value().as_element() else {
            return;
        };
        let name = el.name();
        if let Some(style) = inline_style(name, el.attr("href").is_some()) {
            if let Some(i) = self.open.iter().rposition(|(s, _)| *s == style) {
                let (_, start) = self.open.remove(i);
                self.span(style, start);
            }
        }
        if heading_level(name).is_some() {
            self.close();
            self.heading = None;
        } else if BLOCKS.contains(&name) {
            self.close();
        }
        match name {
            "blockquote" => {
                self.close();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            "ul" | "menu" | "dir" | "ol" => {
                self.close();
                self.lists.pop();
            }
            "li" => {
                self.close();
                self.marker = None;
            }
            "pre" | "listing" | "xmp" | "plaintext" => {
                self.close();
                self.pre = self.pre.saturating_sub(1);
            }
            "ruby" => {
                self.ruby.pop();
            }
            "table" => {
                self.close();
                if self
                    .unwrapped
                    .last()
                    .is_some_and(|(id, _)| *id == node.id())
                {
                    if let Some((_, Some(_))) = self.unwrapped.pop() {
                        self.quote_depth = self.quote_depth.saturating_sub(1);
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether an image with this alt text is an admonition's decorative icon: in an
    /// admonition, its alt (brackets aside, `[警告]`) is the title or empty.
    fn is_admonition_icon(&self, alt: &str) -> bool {
        let Some((_, Some(title))) = self.unwrapped.last() else {
            return false;
        };
        let word = alt.trim_matches(|c| matches!(c, '[' | ']' | '【' | '】' | ' '));
        word.is_empty() || word == title.trim()
    }

    fn text_node(&mut self, t: &str) {
        if self.pre > 0 {
            self.pre_text(t);
            return;
        }
        // Whether this text writes ASCII against Han without spaces (the segment break
        // rule's look through punctuation, [`super::segment_break`]), found once per node.
        let mut tight = None;
        for (k, c) in t.char_indices() {
            match c {
                '\n' | '\r' | '\x0c' => self.space = Pending::Break,
                ' ' | '\t' => {
                    if self.space == Pending::None {
                        self.space = Pending::Space;
                    }
                }
                c if self.space == Pending::Break => {
                    let tight = *tight.get_or_insert_with(|| !spaced_ascii(t));
                    self.push_char_after_break(c, &t[k..], tight);
                }
                c => self.push_char(c),
            }
        }
    }

    /// Verbatim text inside `pre`: line breaks kept, tabs expanded to stops every 8 columns.
    fn pre_text(&mut self, t: &str) {
        if self.cur.is_none() {
            self.begin(BlockKind::Preformatted);
        }
        let start = self.cur.as_ref().map_or(0, |c| c.start_byte);
        // The HTML parser drops one line feed right after `<pre>`.
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() != Some(&'\n') {
                        self.text.push('\n');
                    }
                }
                '\t' => {
                    let line_start = self.text[start..]
                        .rfind('\n')
                        .map_or(start, |i| start + i + 1);
                    let col = self.text[line_start..].chars().count();
                    for _ in 0..8 - col % 8 {
                        self.text.push(' ');
                    }
                }
                '\n' => self.text.push('\n'),
                c if is_control(c) => self.out.controls_removed += 1,
                c => self.text.push(c),
            }
        }
    }

    /// Writes a string as inline content (an image placeholder, a note marker).
    fn inline_str(&mut self, s: &str, style: Option<InlineStyle>) {
        let mut first = true;
        let mut start = self.text.len();
        for c in s.chars() {
            self.push_char(c);
            if first {
                start = self.text.len() - c.len_utf8();
                first = false;
            }
        }
        if let Some(style) = style {
            if !first {
                self.span(style, start);
            }
        }
    }

    /// Records the marker just written (the last `Link` span of the open block) as a link
    /// to `href`.
    fn note_link(&mut self, href: Option<&str>) {
        let (Some(href), Some(cur)) = (href, self.cur.as_ref()) else {
            return;
        };
        if let Some(sp) = cur.spans.last() {
            self.links.push(PendingLink {
                block: self.blocks.len(),
                bytes: sp.bytes.clone(),
                href: href.trim().to_string(),
            });
        }
    }

    fn push_char(&mut self, c: char) {
        self.push_char_with(c, None);
    }

    /// [`Self::push_char`] after a segment break, with the text from `c` on to the end of its
    /// text node: the break is removed or made a space by the one segment break rule
    /// ([`breaks_without_space`]), looking past punctuation on both sides as far as the
    /// block's text and the node reach (`宜乎？"⏎故曰`).
    fn push_char_after_break(&mut self, c: char, after: &str, tight: bool) {
        self.push_char_with(c, Some((after, tight)));
    }

    fn push_char_with(&mut self, c: char, after: Option<(&str, bool)>) {
        if is_control(c) {
            self.out.controls_removed += 1;
            return;
        }
        if self.cur.is_none() {
            if matches!(c, '\u{a0}' | '\u{3000}') && self.marker.is_none() {
                // Paragraph indentation: dropped, as plain text drops it.
                return;
            }
            self.space = Pending::None;
            let kind = self.context_kind();
            self.begin(kind);
        }
        let body_start = self.cur.as_ref().map_or(0, |c| c.start_byte);
        let prev = self.text[body_start..].chars().next_back();
        match (self.space, prev) {
            (Pending::Space, Some(p)) if p != '\n' => self.text.push(' '),
            (Pending::Break, Some(p)) if p != '\n' => {
                let mut buf = [0; 4];
                let (after, tight) = after.unwrap_or((c.encode_utf8(&mut buf), false));
                let tight = tight && !self.spaced;
                if !breaks_without_space(&self.text[body_start..], after, tight) {
                    self.text.push(' ');
                }
            }
            _ => {}
        }
        self.space = Pending::None;
        // `Han ␠ASCII` or `ASCII␠ Han` so far in the block (`spaced_ascii`, kept as it goes).
        if !self.spaced {
            let mut back = self.text[body_start..].chars().rev();
            if let (Some(' '), Some(a)) = (back.next(), back.next()) {
                self.spaced =
                    (is_wide(a) && c.is_ascii_graphic()) || (a.is_ascii_graphic() && is_wide(c));
            }
        }
        self.text.push(c);
    }

    fn context_kind(&self) -> BlockKind {
        if let Some(level) = self.heading {
            BlockKind::Heading { level }
        } else if self.pre > 0 {
            BlockKind::Preformatted
        } else if !self.lists.is_empty() {
            BlockKind::ListItem {
                depth: self.lists.len().min(usize::from(u8::MAX)) as u8,
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
        self.spaced = false;
        let start_byte = self.text.len();
        if let Some(m) = self.marker.take() {
            self.text.push_str(&m);
        }
        for (_, s) in &mut self.open {
            *s = start_byte;
        }
        for r in &mut self.ruby {
            *r = start_byte;
        }
        self.cur = Some(Current {
            start_byte,
            kind,
            spans: Vec::new(),
            annotations: Vec::new(),
        });
    }

    /// Adds a span from `start` (absolute) to the end of the text, within the current block.
    fn span(&mut self, style: InlineStyle, start: usize) {
        let end = self.text.len();
        if let Some(cur) = &mut self.cur {
            let start = start.max(cur.start_byte);
            if start < end {
                cur.spans.push(StyleSpan {
                    bytes: start - cur.start_byte..end - cur.start_byte,
                    style,
                });
            }
        }
    }

    /// Ends the current block: open styles are cut at its end; an empty block is dropped.
    fn close(&mut self) {
        let open: Vec<_> = self.open.clone();
        for (style, start) in open {
            self.span(style, start);
        }
        self.space = Pending::None;
        let Some(mut cur) = self.cur.take() else {
            return;
        };
        if cur.kind == BlockKind::Preformatted {
            // A `pre`'s trailing line breaks are not lines.
            while self.text.len() > cur.start_byte && self.text.ends_with(['\n', ' ']) {
                self.text.pop();
            }
        } else {
            while self.text.len() > cur.start_byte && self.text.ends_with([' ', '\n']) {
                self.text.pop();
            }
        }
        let end = self.text.len();
        let body = &self.text[cur.start_byte..end];
        if body.trim().is_empty() || body == "• " {
            self.text.truncate(cur.start_byte);
            return;
        }
        for s in &mut cur.spans {
            s.bytes.end = s.bytes.end.min(end - cur.start_byte);
        }
        cur.spans.retain(|s| !s.bytes.is_empty());
        self.text.push('\n');
        cur.annotations
            .retain(|a| a.bytes.end <= end - cur.start_byte);
        self.blocks.push(Block {
            kind: cur.kind,
            bytes: cur.start_byte..end,
            spans: cur.spans,
            annotations: cur.annotations,
        });
    }

    fn push_block(&mut self, kind: BlockKind, text: String, spans: Vec<StyleSpan>) {
        let start = self.text.len();
        self.text.push_str(&text);
        let end = self.text.len();
        self.text.push('\n');
        self.blocks.push(Block {
            kind,
            bytes: start..end,
            spans,
            annotations: Vec::new(),
        });
    }
}

/// A footnote reference: `epub:type="noteref"` (or `role="doc-noteref"`), or a link to a
/// fragment inside `sup` (or holding one).
fn is_noteref(node: NodeRef<'_, Node>) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    let typed = el
        .attr("epub:type")
        .or_else(|| el.attr("role"))
        .is_some_and(|t| t.contains("noteref"));
    if typed {
        return true;
    }
    let to_fragment = el.attr("href").is_some_and(|h| h.contains('#'));
    let in_sup = node
        .parent()
        .and_then(|p| p.value().as_element().map(|e| e.name() == "sup"))
        .unwrap_or(false)
        || node
            .children()
            .any(|c| c.value().as_element().is_some_and(|e| e.name() == "sup"));
    to_fragment && in_sup
}

/// A note's link back to its reference: `role="doc-backlink"` (pandoc's `footnote-back`,
/// the `↩` after a note).
fn is_backlink(el: &scraper::node::Element) -> bool {
    el.attr("href").is_some_and(|h| h.contains('#'))
        && (el.attr("role").is_some_and(|r| r.contains("doc-backlink"))
            || el
                .attr("class")
                .is_some_and(|c| c.contains("footnote-back")))
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn inline_style(name: &str, has_href: bool) -> Option<InlineStyle> {
    match name {
        "em" | "i" | "cite" | "dfn" | "var" => Some(InlineStyle::Emphasis),
        // A layout table's heading cell (`th`), unwrapped: its words stay strong.
        "strong" | "b" | "th" => Some(InlineStyle::Strong),
        "code" | "kbd" | "samp" | "tt" => Some(InlineStyle::Code),
        "s" | "del" | "strike" => Some(InlineStyle::Strikethrough),
        "a" if has_href => Some(InlineStyle::Link),
        _ => None,
    }
}

/// Characters never written: controls (but line feeds and tabs, handled before) and bidi
/// embedding/isolate controls.
pub(crate) fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

use super::segment_break::{breaks_without_space, spaced_ascii};
use crate::layout::width::is_wide;

/// Collapses whitespace in an attribute or label: runs of whitespace (NBSP included) become
/// one space, or nothing across a segment break between wide characters; trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::new();
    let mut space = Pending::None;
    let tight = !spaced_ascii(s);
    for (k, c) in s.char_indices() {
        if c == '\n' || c == '\r' {
            space = Pending::Break;
            continue;
        }
        if c.is_whitespace() {
            if space == Pending::None {
                space = Pending::Space;
            }
            continue;
        }
        if is_control(c) {
            continue;
        }
        if !out.is_empty() {
            match space {
                Pending::Space => out.push(' '),
                Pending::Break if !breaks_without_space(&out, &s[k..], tight) => out.push(' '),
                _ => {}
            }
        }
        space = Pending::None;
        out.push(c);
    }
    out
}

#[cfg(test)]
#[path = "html_render_tests.rs"]
mod tests;
