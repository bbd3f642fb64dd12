//! The article column: the runs of the page ([`crate::layout::page`]) put into the buffer at
//! their cells, each in the palette's style for its role, inline styles and highlight.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::app::state::App;
use crate::document::{BlockKind, InlineStyle};

use crate::layout::page::{Highlight, Role, RunStyle};

use super::text::put_str;
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
        InlineStyle::Link | InlineStyle::NoteRef { .. } => Modifier::UNDERLINED,
        InlineStyle::Strikethrough => Modifier::CROSSED_OUT,
        InlineStyle::Ansi(_) | InlineStyle::Image => Modifier::empty(),
    }
}

/// The screen style of a run of the page.
pub fn run_style(style: &RunStyle, p: &Palette) -> Style {
    let mut st = match style.role {
        Role::Text(kind) | Role::Prefix(kind) => block_style(kind, p),
        Role::QuoteBar => p.quote_bar,
        Role::Rule => p.rule,
        Role::Continuation | Role::Ruby => p.dim,
    };
    for s in &style.inline {
        st = match *s {
            InlineStyle::Ansi(a) => p.program_style(st, a),
            other => st.add_modifier(inline_modifier(other)),
        };
    }
    match style.highlight {
        Some(Highlight::Match) => p.match_,
        Some(Highlight::CurrentMatch) => p.current_match,
        Some(Highlight::Selection) => p.selected,
        None => st,
    }
}

/// Draws the article into `area`: the page's runs, nothing else.
pub fn render(app: &mut App, area: Rect, buf: &mut Buffer, p: &Palette) {
    let col = app.column_width().as_u16().min(area.width);
    let x0 = area.x + (area.width - col) / 2;
    let amb = app.view.key().wrap.ambiguous;
    let right = area.x + area.width;
    let page = app.page(usize::from(area.height));
    for (row, pr) in (0u16..).zip(&page.rows) {
        let y = area.y + row;
        for run in &pr.runs {
            let x = x0.saturating_add(run.col.as_u16());
            if x >= right {
                break;
            }
            let style = run_style(&run.style, p);
            put_str(buf, x, y, &run.text, style, right - x, amb);
        }
    }
}
