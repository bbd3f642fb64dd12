//! The section navigator panel: the section tree indented by level, the current section
//! marked, the selection highlighted, a filter line, and each entry's percent.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::components::navigator::{current_entry, list_offset, list_rows, Entry, Navigator};
use crate::app::state::App;
use crate::document::BlockKind;
use crate::layout::width::str_width;
use crate::layout::AmbiguousWidth;
use crate::present::present;

use super::overlay::frame_box;
use super::text::{fill, put_str, put_str_fit};
use super::theme::Palette;

/// The title of an entry as shown (current variant and typography).
fn entry_title(app: &App, e: &Entry) -> String {
    let opts = app.present();
    let Some(i) = e.section else {
        return super::labels::OPENING.zh(app.display_script()).to_string();
    };
    let s = &app.nav_sections()[i];
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

/// The panel's title: the label, the count of sections and, while a large file is read, how
/// far the chapter lines are found (`indexing 45%`) — its longest form that fits `room`
/// cells: the English label goes first, then the word `indexing`, then the label, so the
/// count and the percentage stay whole (a newcomer saw `… · indexing 100─┐`).
pub(super) fn title_fitting(
    script: crate::script::Script,
    count: &str,
    progress: Option<&str>,
    room: u16,
    amb: AmbiguousWidth,
) -> String {
    let both = super::labels::SECTIONS.both(script);
    let zh = super::labels::SECTIONS.zh(script);
    let (long, short) = match progress {
        Some(p) => {
            let bare = p.strip_prefix("indexing ").unwrap_or(p);
            (format!("· {p} "), format!("· {bare} "))
        }
        None => (String::new(), String::new()),
    };
    let forms = [
        format!(" {both} ({count}) {long}"),
        format!(" {zh} ({count}) {long}"),
        format!(" {zh} ({count}) {short}"),
        format!(" ({count}) {short}"),
        format!(" {count} "),
    ];
    let fits = |t: &String| str_width(t, amb).as_u16() <= room;
    match forms.iter().find(|t| fits(t)) {
        Some(t) => t.clone(),
        None => forms[forms.len() - 1].clone(),
    }
}

/// Draws the navigator into `rect`.
pub fn render(app: &App, nav: &Navigator, rect: Rect, buf: &mut Buffer, p: &Palette) {
    if rect.width < 6 || rect.height < 4 {
        return;
    }
    let entries = nav.entries(app);
    let amb = app.view.key().wrap.ambiguous;
    // While filtering, the count is of matches: `12/447`.
    let total = app.nav_sections().len();
    let count = if nav.filter.is_empty() {
        total.to_string()
    } else {
        let shown = entries.iter().filter(|e| e.section.is_some()).count();
        format!("{shown}/{total}")
    };
    let title = title_fitting(
        app.display_script(),
        &count,
        app.outline_progress().as_deref(),
        rect.width.saturating_sub(4),
        amb,
    );
    let inner = frame_box(rect, &title, 0, buf, p, app);
    // The filter line.
    let filter = if nav.focused {
        format!("filter: {}▏", nav.filter)
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
        let msg = if app.reading.is_some() && app.nav_sections().is_empty() {
            "no sections found yet"
        } else if app.nav_sections().is_empty() {
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
    let hi = nav.highlighted(app, &entries);
    let current = current_entry(app, &entries);
    let off = list_offset(hi.unwrap_or(0), rows);
    for (row, (i, e)) in entries.iter().enumerate().skip(off).take(rows).enumerate() {
        let y = inner.y + 1 + u16::try_from(row).unwrap_or(u16::MAX);
        let style = if Some(i) == hi { p.selected } else { p.panel };
        fill(buf, inner.x, y, inner.width, style);
        // ▶ is the cursor: the entry Enter jumps to (while the navigator has the keys, the
        // selection; beside the text, the section being read). The section being read, when
        // the cursor is elsewhere, is marked ∙. (A newcomer pressed Down after Tab and saw ▶
        // stay on the current section: the selection's colour alone did not read as a cursor.)
        // ▶ is East Asian Ambiguous: two cells in wide mode, and the marker column has one.
        let cursor = if amb == AmbiguousWidth::Wide {
            ">"
        } else {
            "▶"
        };
        let marker = if Some(i) == hi {
            cursor
        } else if Some(i) == current {
            "∙"
        } else {
            " "
        };
        let mstyle = if Some(i) == hi { style } else { p.current };
        put_str(buf, inner.x, y, marker, mstyle, 1, amb);
        let pct = format!(" {:>3}%", app.nav_percent(e));
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
