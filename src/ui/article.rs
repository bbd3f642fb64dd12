//! The article column: visible lines of the laid-out blocks, centred, styled by block kind,
//! with inline styles and search matches.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_segmentation::UnicodeSegmentation;

use crate::app::state::App;
use crate::document::{BlockKind, InlineStyle};

use crate::units::SourceByte;

use super::text::{put_str, put_styled};
use super::theme::Palette;

/// The style of a block's text.
pub fn block_style(kind: BlockKind, p: &Palette) -> Style {
    match kind {
        BlockKind::Title => p.title,
        BlockKind::Heading { level } if level >= 3 => p.subtitle.add_modifier(Modifier::BOLD),
        BlockKind::Heading { .. } => p.heading,
        BlockKind::Subtitle => p.subtitle,
        BlockKind::Meta => p.meta,
        BlockKind::Notice => p.notice,
        BlockKind::Preformatted => p.code,
        BlockKind::Rule => p.rule,
        _ => p.text,
    }
}

fn inline_modifier(s: InlineStyle) -> Modifier {
    match s {
        InlineStyle::Emphasis => Modifier::ITALIC,
        InlineStyle::Strong => Modifier::BOLD,
        InlineStyle::Code => Modifier::DIM,
        InlineStyle::Link => Modifier::UNDERLINED,
        InlineStyle::Strikethrough => Modifier::CROSSED_OUT,
        InlineStyle::Ansi(_) => Modifier::empty(),
    }
}

/// Draws the article into `area`.
pub fn render(app: &mut App, area: Rect, buf: &mut Buffer, p: &Palette) {
    let col = app.column_width().as_u16().min(area.width);
    let x0 = area.x + (area.width - col) / 2;
    let amb = app.view.key().wrap.ambiguous;
    let doc = app.doc.clone();
    let mut line = Some(app.top);
    for row in 0..area.height {
        let Some(r) = line else { break };
        if doc.blocks.is_empty() {
            break;
        }
        let layout = app.view.layout(&doc, &app.scripter, r.block);
        let y = area.y + row;
        if let Some(vl) = layout.lines.get(r.line) {
            let kind = doc.blocks[r.block].kind;
            let base = block_style(kind, p);
            let mut x = x0;
            if kind == BlockKind::Title {
                x += (col.saturating_sub(vl.width.as_u16())) / 2;
            }
            if !layout.prefix.is_empty() {
                let st = if matches!(kind, BlockKind::Quote { .. }) {
                    p.quote_bar
                } else {
                    base
                };
                x += put_str(buf, x, y, &layout.prefix, st, col, amb);
            }
            if r.line > 0 {
                x += layout.hang.as_u16();
            }
            let avail = col.saturating_sub(x - x0);
            // Hanging punctuation may use a 2-cell gutter right of the column.
            let gutter = if app.view.key().wrap.hanging_punctuation {
                2
            } else {
                0
            };
            let text_room = (avail + gutter).min((area.x + area.width).saturating_sub(x));
            if kind == BlockKind::Rule {
                put_str(
                    buf,
                    x,
                    y,
                    &"─".repeat(usize::from(avail)),
                    p.rule,
                    avail,
                    amb,
                );
            } else {
                let text = &layout.presented.text;
                let matches: Vec<(Range<usize>, bool)> = app
                    .search
                    .matches
                    .iter()
                    .enumerate()
                    .skip(app.search.matches.partition_point(|m| m.block < r.block))
                    .take_while(|(_, m)| m.block == r.block)
                    .map(|(i, m)| {
                        let map = &layout.presented.map;
                        let s = map.to_display(SourceByte(m.bytes.start)).0;
                        let e = map.to_display_end(SourceByte(m.bytes.end)).0.max(s + 1);
                        (s..e, app.search.current == Some(i))
                    })
                    .collect();
                let start = vl.bytes.start;
                let seg = &text[vl.bytes.clone()];
                let styled = seg.grapheme_indices(true).map(|(i, g)| {
                    let at = start + i;
                    let mut st = base;
                    for span in &layout.presented.spans {
                        if span.bytes.contains(&at) {
                            st = match span.style {
                                InlineStyle::Ansi(a) => p.program_style(st, a),
                                other => st.add_modifier(inline_modifier(other)),
                            };
                        }
                    }
                    if let Some((_, cur)) = matches.iter().find(|(m, _)| m.contains(&at)) {
                        st = if *cur { p.current_match } else { p.match_ };
                    }
                    (g, st)
                });
                put_styled(buf, x, y, styled, text_room, amb);
            }
        }
        line = app.view.next(&doc, &app.scripter, r);
    }
}
