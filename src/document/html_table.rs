//! HTML tables as `Table` blocks, and the plain text content of an element.
//!
//! A table becomes one `Table` block: one line per row (`tr`, header and body rows in
//! document order, nested tables' rows not mixed in), cells separated by `\t` (the block
//! model's cell separator; the page layout aligns the columns in terminal cells), each
//! cell's text collapsed to one line; header cells (`th`) are `Strong`.
//! `colspan` is not spread over columns; a spanning cell takes one column.

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
