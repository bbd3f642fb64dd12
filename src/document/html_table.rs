//! HTML tables as `Table` blocks, and the plain text content of an element.
//!
//! A table becomes one `Table` block: one line per row (`tr`, header and body rows in
//! document order, nested tables' rows not mixed in), cells separated by `\t` (the block
//! model's cell separator; the page layout aligns the columns in terminal cells), each
//! cell's text collapsed to one line; header cells (`th`) are `Strong`.
//! `colspan` is not spread over columns; a spanning cell takes one column.
//!
//! A *layout* table (HTML §4.9.1 "Tables must not be used as layout aids", which pages still
//! do) is not drawn as a text table: [`layout`] tells the renderer to unwrap it into its
//! cells' blocks. A table is for layout when a cell of its own holds block content (`p`,
//! `div`, a list, `pre`, a heading, a nested table), when no row has more than one cell (one
//! data column), or when it is a DocBook admonition (a `warning`/`note`/`tip`/`caution`/
//! `important` box: an icon cell, a title cell `警告`, a text cell) — that one is read as a
//! quotation headed by its title, the icon (whose alt repeats the title) left out.

use ego_tree::NodeRef;
use scraper::Node;

use super::html_render::{collapse, is_control};
use super::{InlineStyle, StyleSpan};

/// A table laid out as text.
pub struct Table {
    pub caption: Option<String>,
    /// The rows, `\n`-separated, no trailing line feed.
    pub text: String,
    /// Header cells, relative to the start of `text`.
    pub spans: Vec<StyleSpan>,
    pub controls_removed: usize,
}

/// How a table is to be read when it is not a data table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// Unwrapped into its cells' blocks, in document order.
    Unwrapped,
    /// A DocBook admonition with its title (`警告`): unwrapped into a quotation.
    Admonition { title: String },
}

/// Admonition kinds of DocBook's XSL stylesheets (`div class`, `table summary`).
const ADMONITIONS: &[&str] = &["warning", "note", "tip", "caution", "important"];

/// Elements that make a cell hold blocks rather than a value.
const CELL_BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "dl",
    "pre",
    "blockquote",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "figure",
];

/// Whether the `table` element `node` is a layout table, and how to read it; `None` for a
/// data table (drawn by [`render`]).
pub fn layout(node: NodeRef<'_, Node>) -> Option<Layout> {
    let el = node.value().as_element()?;
    let cells = cells(node);
    let first_th = || {
        cells
            .iter()
            .flatten()
            .find(|c| c.value().as_element().is_some_and(|e| e.name() == "th"))
            .map(|c| inline_text(*c).0)
    };
    let summary = el.attr("summary").unwrap_or("").trim().to_ascii_lowercase();
    let in_admonition_div = node
        .parent()
        .and_then(|p| {
            p.value()
                .as_element()
                .map(|e| e.classes().any(|c| ADMONITIONS.contains(&c)))
        })
        .unwrap_or(false);
    if in_admonition_div || ADMONITIONS.contains(&summary.as_str()) {
        let title = first_th().unwrap_or_default();
        return Some(Layout::Admonition { title });
    }
    if cells.is_empty() {
        return None;
    }
    let one_column = cells.iter().all(|row| row.len() <= 1);
    let block_cell = cells.iter().flatten().any(|c| {
        c.descendants().skip(1).any(|d| {
            d.value()
                .as_element()
                .is_some_and(|e| CELL_BLOCKS.contains(&e.name()))
        })
    });
    (one_column || block_cell).then_some(Layout::Unwrapped)
}

/// The rows of this table (not of a nested one), each its `td`/`th` cells.
fn cells(node: NodeRef<'_, Node>) -> Vec<Vec<NodeRef<'_, Node>>> {
    let mut rows = Vec::new();
    let mut stack: Vec<NodeRef<'_, Node>> = node.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        let Some(el) = n.value().as_element() else {
            continue;
        };
        match el.name() {
            "tr" => {
                let row: Vec<_> = n
                    .children()
                    .filter(|c| {
                        c.value()
                            .as_element()
                            .is_some_and(|e| e.name() == "td" || e.name() == "th")
                    })
                    .collect();
                if !row.is_empty() {
                    rows.push(row);
                }
            }
            "table" | "caption" => {}
            _ => {
                let mut kids: Vec<_> = n.children().collect();
                kids.reverse();
                stack.extend(kids);
            }
        }
    }
    rows
}

/// Lays out the `table` element `node`.
pub fn render(node: NodeRef<'_, Node>) -> Table {
    let mut caption = None;
    let mut rows: Vec<Vec<(String, bool)>> = Vec::new();
    let mut controls_removed = 0;
    // Rows of this table only: walk down, but not into a nested table.
    let mut stack: Vec<NodeRef<'_, Node>> = node.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        let Some(el) = n.value().as_element() else {
            continue;
        };
        match el.name() {
            "caption" => {
                let (t, c) = inline_text(n);
                controls_removed += c;
                if !t.is_empty() {
                    caption = Some(t);
                }
            }
            "tr" => {
                let mut row = Vec::new();
                for cell in n.children() {
                    let Some(ce) = cell.value().as_element() else {
                        continue;
                    };
                    if ce.name() == "td" || ce.name() == "th" {
                        let (t, c) = inline_text(cell);
                        controls_removed += c;
                        row.push((t, ce.name() == "th"));
                    }
                }
                if !row.is_empty() {
                    rows.push(row);
                }
            }
            "table" => {}
            _ => {
                let mut kids: Vec<_> = n.children().collect();
                kids.reverse();
                stack.extend(kids);
            }
        }
    }
    let mut text = String::new();
    let mut spans = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            text.push('\n');
        }
        for (i, (t, head)) in row.iter().enumerate() {
            if i > 0 {
                text.push('\t');
            }
            let start = text.len();
            text.push_str(t);
            if *head && !t.is_empty() {
                spans.push(StyleSpan {
                    bytes: start..text.len(),
                    style: InlineStyle::Strong,
                });
            }
        }
    }
    Table {
        caption,
        text,
        spans,
        controls_removed,
    }
}

/// The text content of `node` on one line, whitespace collapsed as in a paragraph, `rt`,
/// `rp`, `script` and `style` left out, `br` a space, images as their alt text; and how many
/// control characters were dropped.
pub fn inline_text(node: NodeRef<'_, Node>) -> (String, usize) {
    let mut raw = String::new();
    let mut controls = 0;
    // The node's own name does not count: `inline_text(rt)` is the annotation.
    let mut stack: Vec<_> = node.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        match n.value() {
            Node::Text(t) => {
                for c in t.chars() {
                    if is_control(c) {
                        controls += 1;
                    } else {
                        raw.push(c);
                    }
                }
            }
            Node::Element(el) => {
                match el.name() {
                    "rt" | "rp" | "script" | "style" => continue,
                    "br" => raw.push(' '),
                    "img" => {
                        if let Some(alt) = el.attr("alt") {
                            raw.push_str(alt);
                        }
                    }
                    _ => {}
                }
                let mut kids: Vec<_> = n.children().collect();
                kids.reverse();
                stack.extend(kids);
            }
            _ => {}
        }
    }
    (collapse(&raw), controls)
}
