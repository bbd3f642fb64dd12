//! The status line: file, section, variant, encoding, percent; the search prompt and match
//! count; short messages.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::component::Layer;
use crate::app::state::App;
use crate::document::BlockKind;
use crate::layout::width::str_width;
use crate::layout::AmbiguousWidth;
use crate::present::present;
use crate::script::Script;

use super::text::{fill, put_str, put_str_fit};
use super::theme::Palette;

/// The right-hand part: variant (and the document's own script), encoding, percent.
pub fn right_text(app: &App) -> String {
    right_parts(app)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(" │ ")
}

/// Cells the left part (the file name) keeps on a narrow status line before the right part
/// drops its less needed parts.
const LEFT_KEEPS: u16 = 10;

/// The right-hand part for a status line `width` cells wide: the parts that fit beside
/// [`LEFT_KEEPS`] cells of the left, the least needed dropped first (the reflow mark, the
/// variant, the encoding …), so the percent is never cut (a newcomer's 22 columns lost it).
fn right_fitting(app: &App, width: u16, amb: AmbiguousWidth) -> String {
    let mut parts = right_parts(app);
    let join = |parts: &[(u8, String)]| {
        parts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" │ ")
    };
    let budget = width.saturating_sub(LEFT_KEEPS);
    while parts.len() > 1 && str_width(&join(&parts), amb).as_u16() > budget {
        let least = parts
            .iter()
            .enumerate()
            .min_by_key(|(i, (keep, _))| (*keep, *i))
            .map_or(0, |(i, _)| i);
        parts.remove(least);
    }
    join(&parts)
}

/// The parts of the right-hand side, each with how long it stays as the line narrows (the
/// higher, the longer; the percent last).
fn right_parts(app: &App) -> Vec<(u8, String)> {
    let script = match app.scripter.source_script() {
        Script::Traditional => "繁",
        Script::Simplified => "简",
        Script::Unknown => "?",
    };
    let mut parts = Vec::new();
    let typing_nothing = matches!(prompt(app), Some(Layer::Search(s)) if s.text.is_empty());
    match app.search.current {
        Some(i) if app.match_on_screen() => {
            parts.push((4, format!("match {}/{}", i + 1, app.search.matches.len())))
        }
        _ if !app.search.query.is_empty()
            && !app.search.is_running()
            && app.search.awaiting.is_none()
            && !typing_nothing =>
        {
            parts.push((
                4,
                match app.search.matches.len() {
                    1 => "1 match".to_string(),
                    n => format!("{n} matches"),
                },
            ))
        }
        _ => {}
    }
    if let Some(run) = &app.search.running {
        let pct = run.done_blocks * 100 / run.total_blocks.max(1);
        parts.push((3, format!("searching {pct}%")));
    } else if app.search.awaiting.is_some() {
        // Waiting for the whole text (the read's progress follows at the end).
        parts.push((3, "searching…".to_string()));
    }
    parts.push((
        1,
        match app.variant() {
            crate::script::Variant::Original => format!("原文 ({script})"),
            v => format!("{} (原{script})", v.label()),
        },
    ));
    // Plain text: reflowed paragraphs (when lines were joined) or the source's lines (`L`).
    match app.doc.source.reflow {
        Some(r) if r.mode == crate::document::reflow::Reflow::Off => parts.push((
            0,
            super::labels::SOURCE_LINES
                .zh(app.display_script())
                .to_string(),
        )),
        Some(r) if r.joined => parts.push((
            0,
            super::labels::REFLOWED.zh(app.display_script()).to_string(),
        )),
        _ => {}
    }
    if app.doc.source.encoding != "UTF-8" {
        parts.push((2, app.doc.source.encoding.to_string()));
    }
    parts.push((9, format!("{:>3}%", app.percent())));
    if let Some(r) = app.reading_percent() {
        parts.push((5, r));
    }
    parts
}

/// The left-hand part: the file name and the current section (or a message).
pub fn left_text(app: &App) -> String {
    if let Some(m) = &app.message {
        return m.clone();
    }
    let mut name = app.doc.source.display_name();
    // A title (a book's, the bundled article's) follows the script shown, like the section
    // after it; a file name is shown as it is on disk, so it can be found.
    if app.doc.source.meta.title.is_some() || name == crate::BUNDLED_NAME {
        name = present(&name, BlockKind::Title, &[], &app.present(), &app.scripter).text;
    }
    let name = &name;
    match app.current_section() {
        Some(i) => {
            let s = &app.doc.sections[i];
            let title = present(
                &s.title,
                BlockKind::Heading { level: s.level },
                &[],
                &app.present(),
                &app.scripter,
            )
            .text;
            // A page headed by its own title (an HTML page's `<title>`, the first section):
            // the title once.
            let own = app
                .doc
                .source
                .meta
                .title
                .as_deref()
                .map(|t| present(t, BlockKind::Title, &[], &app.present(), &app.scripter).text);
            if title.trim() == name.trim() || own.is_some_and(|t| t.trim() == title.trim()) {
                return name.clone();
            }
            format!("{name} │ {title}")
        }
        None => name.clone(),
    }
}

/// The prompt on top of the stack (search or bookmark letter), if any.
fn prompt(app: &App) -> Option<Layer<'_>> {
    app.stack
        .last()
        .map(|c| c.layer())
        .filter(|l| matches!(l, Layer::Search(_) | Layer::Mark(_)))
}

/// The search prompt for a status line `width` cells wide with `rw` cells on the right: the
/// label, `/` and the query, then without the label, then only the query's end (what was just
/// typed) — the query stays visible on a narrow terminal.
fn search_prompt(label: &str, text: &str, width: u16, rw: u16, amb: AmbiguousWidth) -> String {
    let full = format!("{label} /{text}▏");
    if str_width(&full, amb).as_u16() + rw < width {
        return full;
    }
    let short = format!("/{text}▏");
    if str_width(&short, amb).as_u16() + rw < width {
        return short;
    }
    let mut tail = text;
    loop {
        let short = format!("/{tail}▏");
        if str_width(&short, amb).as_u16() < width || tail.is_empty() {
            return short;
        }
        let mut chars = tail.chars();
        chars.next();
        tail = chars.as_str();
    }
}

/// Draws the status line.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, p: &Palette) {
    if area.height == 0 {
        return;
    }
    let amb = app.view.key().wrap.ambiguous;
    let y = area.y;
    fill(buf, area.x, y, area.width, p.status);
    let right = right_fitting(app, area.width, amb);
    let mut rw = str_width(&right, amb).as_u16().min(area.width);
    let top = prompt(app);
    if let Some(Layer::Search(search)) = top {
        let label = super::labels::SEARCH.both(app.display_script());
        let prompt = search_prompt(&label, &search.text, area.width, rw, amb);
        // What is being typed comes first: the right part gives way on a narrow terminal.
        if str_width(&prompt, amb).as_u16() + rw + 1 > area.width {
            rw = 0;
        }
        put_str(
            buf,
            area.x,
            y,
            &prompt,
            p.status_accent,
            area.width.saturating_sub(rw + 1),
            amb,
        );
    } else if let Some(Layer::Mark(mark)) = top {
        let hint = if mark.jump {
            "go to mark: a letter, or ' for back"
        } else {
            "mark: press a letter"
        };
        put_str(
            buf,
            area.x + 1,
            y,
            hint,
            p.message,
            area.width.saturating_sub(rw + 2),
            amb,
        );
    } else {
        let left = left_text(app);
        let st = if app.message.is_some() {
            p.message
        } else {
            p.status
        };
        // One cell of margin each side, and at least two cells before the right part.
        let room = area.width.saturating_sub(rw + 3);
        put_str_fit(buf, area.x + 1, y, &left, st, room, amb);
    }
    put_str(
        buf,
        area.x + area.width - rw,
        y,
        &right,
        p.status_accent,
        rw,
        amb,
    );
}
