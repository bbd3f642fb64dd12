//! Overlays: help (built from the keymap table), the variant menu, the bookmark list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::components::{BookmarkList, Help, VariantPicker};
use crate::app::keymap::KEYMAP;
use crate::app::state::App;
use crate::document::BlockKind;
use crate::layout::width::str_width;
use crate::options::Current;
use crate::present::present;
use crate::script::Variant;

use super::labels;
use super::text::{clear_wide_overlap, fill, put_str};
use super::theme::Palette;

pub use crate::app::components::navigator::centered;

/// Draws a bordered box with `title` over whatever is there and returns its inner area,
/// `pad` cells in from each side border.
pub fn frame_box(
    area: Rect,
    title: &str,
    pad: u16,
    buf: &mut Buffer,
    p: &Palette,
    app: &App,
) -> Rect {
    clear_wide_overlap(buf, area);
    Clear.render(area, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_set(super::text::border_set(app.view.key().wrap.ambiguous))
        .border_style(p.panel_border)
        .render(area, buf);
    let amb = app.view.key().wrap.ambiguous;
    put_str(
        buf,
        area.x + 2,
        area.y,
        title,
        p.panel_border,
        area.width.saturating_sub(4),
        amb,
    );
    Rect {
        x: area.x + 1 + pad,
        y: area.y + 1,
        width: area.width.saturating_sub(2 + 2 * pad),
        height: area.height.saturating_sub(2),
    }
}

/// The help lines: every binding, grouped, then the current settings, as for a wide box.
pub fn help_lines(app: &App) -> Vec<(String, bool)> {
    help_lines_at(app, usize::MAX)
}

/// The help lines for a box `width` cells wide: a key and its description on one row, the
/// description wrapped under its column when it is longer than the room; on a box too narrow
/// for the column, the description goes under the key, indented (a newcomer's 40×12 help
/// cut `down one line` to `down one li`).
pub fn help_lines_at(app: &App, width: usize) -> Vec<(String, bool)> {
    let amb = app.view.key().wrap.ambiguous;
    let mut lines = Vec::new();
    let entry = |lines: &mut Vec<(String, bool)>, key: &str, what: &str| {
        for l in help_entry(key, what, width, amb) {
            lines.push((l, false));
        }
    };
    let mut group = "";
    for b in KEYMAP {
        if b.group != group {
            group = b.group;
            if !lines.is_empty() {
                lines.push((String::new(), false));
            }
            lines.push((group.to_string(), true));
        }
        let keys: Vec<String> = b.keys.iter().map(|k| k.name()).collect();
        entry(&mut lines, &keys.join(" "), b.label);
    }
    lines.push((String::new(), false));
    let script = app.display_script();
    lines.push((
        format!(
            "{} (config.toml key = value now)",
            labels::SETTINGS.both(script)
        ),
        true,
    ));
    let live = app.live_settings();
    for st in crate::options::SETTINGS {
        let (value, note) = match (st.get)(&live) {
            Current::Set(v) => (v.plain(), ""),
            Current::Unset(v) => (v.plain(), " (follows typography)"),
        };
        let value = match st.key {
            "width" => format!("{value} (column {})", app.column_width()),
            "heading_regex" if value.is_empty() => "unset".to_string(),
            _ => value,
        };
        entry(&mut lines, st.key, &format!("{value}{note}"));
    }
    lines.push((String::new(), false));
    lines.push((labels::DOCUMENT.both(script), true));
    let mut settings = vec![
        (
            "document script".to_string(),
            format!("{:?}", app.scripter.source_script()),
        ),
        (
            "OpenCC engine".to_string(),
            app.scripter.engine().name().to_string(),
        ),
        ("encoding".to_string(), app.doc.source.encoding.to_string()),
    ];
    settings.extend(app.info.iter().cloned());
    for (k, v) in settings {
        entry(&mut lines, &k, &v);
    }
    lines
}

/// The key column of the help: two cells of margin, 22 for the keys, one space.
const HELP_KEY_COLUMN: usize = 25;
/// The fewest cells a description is given beside the key column; below it, it goes under.
const HELP_MIN_TEXT: usize = 16;

/// One help entry's rows for `width` cells: `  keys… description`, the description wrapped
/// at spaces (a word longer than the room is cut between characters).
fn help_entry(
    key: &str,
    what: &str,
    width: usize,
    amb: crate::layout::AmbiguousWidth,
) -> Vec<String> {
    let one = format!("  {key:<22} {what}");
    if str_width(&one, amb).0 <= width {
        return vec![one];
    }
    let (first, indent) = if width >= HELP_KEY_COLUMN + HELP_MIN_TEXT
        && str_width(key, amb).0 <= HELP_KEY_COLUMN - 3
    {
        (format!("  {key:<22} "), HELP_KEY_COLUMN)
    } else {
        (String::new(), 4.min(width.saturating_sub(1)))
    };
    let room = width.saturating_sub(indent).max(1);
    let mut rows = wrap_words(what, room, amb);
    let pad = " ".repeat(indent);
    let mut out = Vec::new();
    if first.is_empty() {
        let keys = wrap_words(key, width.saturating_sub(2).max(1), amb);
        out.extend(keys.into_iter().map(|k| format!("  {k}")));
        out.extend(rows.drain(..).map(|r| format!("{pad}{r}")));
    } else {
        let mut rows = rows.into_iter();
        out.push(format!("{first}{}", rows.next().unwrap_or_default()));
        out.extend(rows.map(|r| format!("{pad}{r}")));
    }
    out
}

/// `text` in rows of at most `room` cells, broken at spaces.
fn wrap_words(text: &str, room: usize, amb: crate::layout::AmbiguousWidth) -> Vec<String> {
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!row.is_empty());
        if !row.is_empty() && str_width(&row, amb).0 + sep + str_width(word, amb).0 > room {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push(' ');
        }
        for c in word.chars() {
            let mut ch = [0u8; 4];
            let cw = str_width(c.encode_utf8(&mut ch), amb).0;
            if !row.is_empty() && str_width(&row, amb).0 + cw > room {
                rows.push(std::mem::take(&mut row));
            }
            row.push(c);
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// The help overlay.
pub fn render_help(app: &App, help: &Help, body: Rect, buf: &mut Buffer, p: &Palette) {
    let area = centered(body, 72, body.height.saturating_sub(2));
    if area.height < 3 || area.width < 8 {
        return;
    }
    let amb = app.view.key().wrap.ambiguous;
    let title = help_title(app.display_script(), area.width.saturating_sub(4), amb);
    let inner = frame_box(area, &title, 1, buf, p, app);
    let lines = help_lines_at(app, usize::from(inner.width));
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    help.page.set((usize::from(inner.height), max_scroll));
    let skip = help.scroll.min(max_scroll);
    for (row, (text, head)) in lines
        .iter()
        .skip(skip)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        let st = if *head { p.heading } else { p.text };
        put_str(buf, inner.x, y, text, st, inner.width, amb);
    }
}

/// The help box's title: the longest of its forms that fits `room` cells, so a narrow
/// terminal shows a whole shorter title rather than a cut one.
fn help_title(
    script: crate::script::Script,
    room: u16,
    amb: crate::layout::AmbiguousWidth,
) -> String {
    let keys = labels::KEYS.both(script);
    let short = labels::KEYS.zh(script);
    let forms = [
        format!(" yuedu {keys} (Esc closes, j/k scroll) "),
        format!(" yuedu {keys} (Esc closes) "),
        format!(" {keys} "),
        format!(" {short} "),
        " ? ".to_string(),
    ];
    let fits = |t: &String| crate::layout::width::str_width(t, amb).0 <= usize::from(room);
    forms.iter().find(|t| fits(t)).cloned().unwrap_or_default()
}

/// The variant menu (`v`).
pub fn render_variant_menu(
    app: &App,
    menu: &VariantPicker,
    body: Rect,
    buf: &mut Buffer,
    p: &Palette,
) {
    let area = centered(body, 40, 9);
    if area.height < 3 || area.width < 8 {
        return;
    }
    let title = format!(" {} ", labels::VARIANT.both(app.display_script()));
    let inner = frame_box(area, &title, 1, buf, p, app);
    let amb = app.view.key().wrap.ambiguous;
    let names = [
        "Original 原文",
        "Simplified 简体",
        "Traditional 繁體",
        "Taiwan 臺灣正體",
        "Hong Kong 香港繁體",
    ];
    for (i, (v, name)) in Variant::ALL.iter().zip(names).enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        if y >= inner.y + inner.height {
            break;
        }
        let st = if i == menu.selected {
            p.selected
        } else {
            p.text
        };
        fill(buf, inner.x, y, inner.width, st);
        let mark = if *v == app.variant() { "●" } else { " " };
        put_str(
            buf,
            inner.x,
            y,
            &format!("{} {} {name}", i + 1, mark),
            st,
            inner.width,
            amb,
        );
    }
}

/// The bookmark list (`B`).
pub fn render_bookmarks(app: &App, list: &BookmarkList, body: Rect, buf: &mut Buffer, p: &Palette) {
    let n = u16::try_from(app.marks.len()).unwrap_or(20);
    let area = centered(body, 70, n.max(1) + 3);
    if area.height < 3 || area.width < 12 {
        return;
    }
    let inner = frame_box(
        area,
        &format!(
            " {} (Enter jumps, x deletes) ",
            labels::BOOKMARKS.both(app.display_script())
        ),
        1,
        buf,
        p,
        app,
    );
    let amb = app.view.key().wrap.ambiguous;
    if app.marks.is_empty() {
        put_str(
            buf,
            inner.x,
            inner.y,
            "no bookmarks yet: m then a letter sets one",
            p.dim,
            inner.width,
            amb,
        );
        return;
    }
    let opts = app.present();
    for (i, (k, pos)) in app.marks.iter().enumerate().take(usize::from(inner.height)) {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        let st = if i == list.selected {
            p.selected
        } else {
            p.text
        };
        fill(buf, inner.x, y, inner.width, st);
        let section = app
            .doc
            .section_at(pos.block)
            .map(|s| app.doc.sections[s].title.clone())
            .unwrap_or_default();
        let snippet = app
            .doc
            .blocks
            .get(pos.block)
            .map(|_| {
                let t = app.doc.block_text(pos.block);
                let from = floor_char_boundary(&t, pos.byte);
                t[from..].chars().take(40).collect::<String>()
            })
            .unwrap_or_default();
        let show = |t: &str| present(t, BlockKind::Paragraph, &[], &opts, &app.scripter).text;
        let line = format!("{k}  {}  {}", show(&section), show(&snippet));
        let w = str_width(&line, amb).as_u16();
        put_str(buf, inner.x, y, &line, st, inner.width.min(w.max(1)), amb);
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
