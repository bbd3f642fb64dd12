//! The section navigator panel: the section tree indented by level, the current section
//! marked, the selection highlighted, a filter line, and each entry's percent.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::keymap::Mode;
use crate::app::navigator::{Entry, OPENING_LABEL};
use crate::app::state::{App, NAV_PANEL_WIDTH};
use crate::document::BlockKind;
use crate::layout::width::str_width;
use crate::layout::AmbiguousWidth;
use crate::present::present;

use super::overlay::{centered, frame_box};
use super::text::{fill, put_str, put_str_fit};
use super::theme::Palette;

/// The panel's rectangle for a terminal of the app's size.
pub fn panel_rect(app: &App) -> Rect {
    let body = Rect::new(0, 0, app.term_width, app.term_height.saturating_sub(1));
    if app.nav_is_side_panel() {
        Rect {
            width: NAV_PANEL_WIDTH.min(body.width),
            ..body
        }
    } else {
        centered(body, 60, body.height.saturating_sub(2))
    }
}

/// Rows of entries that fit in a panel of `rect` (borders and filter line excluded).
fn list_rows(rect: Rect) -> usize {
    usize::from(rect.height.saturating_sub(3))
}

/// First entry shown so that `selected` is visible.
fn list_offset(selected: usize, rows: usize) -> usize {
    if rows == 0 || selected < rows {
        0
    } else {
        selected + 1 - rows
    }
}

/// The highlighted entry: the selection while the panel has the keyboard, else the section
/// being read.
fn highlighted(app: &App, entries: &[Entry]) -> Option<usize> {
    if app.mode == Mode::Navigator {
        Some(app.nav.selected)
    } else {
        app.nav_current_entry(entries)
    }
}

/// The entry under a mouse click at (`column`, `row`), if any.
pub fn entry_at(app: &App, column: u16, row: u16) -> Option<usize> {
    let rect = panel_rect(app);
    let inner_top = rect.y + 2;
    if column <= rect.x || column >= rect.x + rect.width - 1 || row < inner_top {
        return None;
    }
    let entries = app.nav_entries();
    let rows = list_rows(rect);
    let off = list_offset(highlighted(app, &entries).unwrap_or(0), rows);
    let i = off + usize::from(row - inner_top);
    (usize::from(row - inner_top) < rows && i < entries.len()).then_some(i)
}

/// The title of an entry as shown (current variant and typography).
fn entry_title(app: &App, e: &Entry) -> String {
    let opts = app.present();
    let Some(i) = e.section else {
        return present(
            OPENING_LABEL,
            BlockKind::Paragraph,
            &[],
            &opts,
            &app.scripter,
        )
        .text;
    };
    let s = &app.doc.sections[i];
    let show = |t: &str| {
        present(
            t,
            BlockKind::Heading { level: s.level },
            &[],
            &opts,
            &app.scripter,
        )
        .text
    };
    match &s.subtitle {
        Some(sub) => format!("{} — {}", show(&s.title), show(sub)),
        None => show(&s.title),
    }
}

/// Draws the navigator into `rect`.
pub fn render(app: &App, rect: Rect, buf: &mut Buffer, p: &Palette) {
    if rect.width < 6 || rect.height < 4 {
        return;
    }
    let entries = app.nav_entries();
    let label = present(
        "章節",
        BlockKind::Paragraph,
        &[],
        &app.present(),
        &app.scripter,
    )
    .text;
    let title = format!(" {label} Sections ({}) ", app.doc.sections.len());
    let inner = frame_box(rect, &title, 0, buf, p, app);
    let amb = app.view.key().wrap.ambiguous;
    // The filter line.
    let filter = if app.mode == Mode::Navigator {
        format!("filter: {}▏", app.nav.filter)
    } else {
        "Tab: focus · Esc: close".to_string()
    };
    put_str(
        buf,
        inner.x + 1,
        inner.y,
        &filter,
        p.dim,
        inner.width.saturating_sub(1),
        amb,
    );
    if entries.is_empty() {
        let msg = if app.doc.sections.is_empty() {
            "no sections found"
        } else {
            "no section matches"
        };
        put_str(
            buf,
            inner.x + 1,
            inner.y + 1,
            msg,
            p.dim,
            inner.width.saturating_sub(1),
            amb,
        );
        return;
    }
    let rows = list_rows(rect);
    let hi = highlighted(app, &entries);
    let current = app.nav_current_entry(&entries);
    let off = list_offset(hi.unwrap_or(0), rows);
    let total = app.doc.text.len().max(1);
    for (row, (i, e)) in entries.iter().enumerate().skip(off).take(rows).enumerate() {
        let y = inner.y + 1 + u16::try_from(row).unwrap_or(u16::MAX);
        let style = if Some(i) == hi { p.selected } else { p.panel };
        fill(buf, inner.x, y, inner.width, style);
        // ▶ is East Asian Ambiguous: two cells in wide mode, and the marker column has one.
        let current_mark = if amb == AmbiguousWidth::Wide {
            ">"
        } else {
            "▶"
        };
        let marker = if Some(i) == current {
            current_mark
        } else {
            " "
        };
        let mstyle = if Some(i) == hi { style } else { p.current };
        put_str(buf, inner.x, y, marker, mstyle, 1, amb);
        let pct = format!(" {:>3}%", app.doc.blocks[e.block].bytes.start * 100 / total);
        let pct_w = str_width(&pct, amb).as_u16();
        let indent = "  ".repeat(usize::from(e.level.saturating_sub(1)));
        let text = format!("{indent}{}", entry_title(app, e));
        let room = inner.width.saturating_sub(1 + pct_w);
        put_str_fit(buf, inner.x + 1, y, &text, style, room, amb);
        put_str(
            buf,
            inner.x + inner.width - pct_w,
            y,
            &pct,
            if Some(i) == hi { style } else { p.dim },
            pct_w,
            amb,
        );
    }
}
