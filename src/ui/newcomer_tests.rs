//! What a newcomer found in the reader, each pinned by a test: the navigator asked for on a
//! small terminal, the status title and the script, the help title on a tiny terminal, the
//! first-line indent of English paragraphs, and program output at the terminal's width.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::test_screen::screen;
use crate::app::keymap::Action;
use crate::app::state::App;
use crate::document::{open, OpenOptions};
use crate::layout::WrapOptions;
use crate::present::PresentOptions;
use crate::script::{Identity, Script, Scripter};
use crate::units::Cells;

fn app_named(text: &str, name: &str, width: usize, size: (u16, u16)) -> App {
    let doc = open(text.as_bytes(), name, &OpenOptions::default()).unwrap();
    let scripter = Scripter::new(Arc::new(Identity), Script::Simplified);
    App::new(
        doc,
        scripter,
        PresentOptions::default(),
        WrapOptions::new(Cells(width)),
        true,
        size,
    )
}

fn sections() -> String {
    (1..=5)
        .map(|i| format!("第{i}章 标题\n\n正文第{i}段。\n\n"))
        .collect()
}

#[test]
fn the_navigator_asked_for_on_a_small_terminal_opens_when_it_grows() {
    let mut app = app_named(&sections(), "n.txt", 40, (20, 5));
    app.update(Action::ToggleNavigator);
    assert!(app.navigator().is_none());
    assert!(app.message.as_deref().unwrap().contains("too small"));
    app.on_resize(100, 30);
    assert!(app.message.is_none(), "{:?}", app.message);
    assert!(app.navigator().is_some());
    assert!(screen(&mut app).contains("第3章"));
    // Another key in between: the wish is gone, growing opens nothing.
    let mut app = app_named(&sections(), "n.txt", 40, (20, 5));
    app.update(Action::ToggleNavigator);
    app.on_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    app.on_resize(100, 30);
    assert!(app.navigator().is_none());
}

#[test]
fn the_status_title_follows_the_script() {
    let doc = open(
        crate::BUNDLED_ARTICLE.as_bytes(),
        crate::BUNDLED_NAME,
        &OpenOptions::default(),
    )
    .unwrap();
    let scripter = Scripter::new(
        Arc::new(crate::script::builtin::Builtin),
        Script::Traditional,
    );
    let mut app = App::new(
        doc,
        scripter,
        PresentOptions::default(),
        WrapOptions::new(Cells(40)),
        true,
        (100, 20),
    );
    assert!(super::status::left_text(&app).starts_with("南大跨界攬才"));
    app.update(Action::ToggleScript);
    app.message = None;
    let left = super::status::left_text(&app);
    assert!(left.starts_with("南大跨界揽才"), "{left}");
    // A file name stays as it is on disk.
    let mut app = app_named("第1章 開頭\n\n正文。\n", "舊書.txt", 40, (100, 20));
    app.update(Action::ToggleScript);
    app.message = None;
    assert!(super::status::left_text(&app).starts_with("舊書.txt"));
}

#[test]
fn the_help_title_is_whole_on_a_tiny_terminal() {
    for (w, h) in [(20, 6), (30, 8), (50, 10), (100, 30)] {
        let mut app = app_named(&sections(), "n.txt", 40, (w, h));
        app.update(Action::Help);
        let s = screen(&mut app);
        let top = s.lines().find(|l| l.contains('┌')).unwrap_or_default();
        assert!(
            top.contains(" 按键 keys ") || top.contains(" 按键 ") || top.contains("(Esc closes"),
            "{w}×{h}: {top:?}\n{s}"
        );
    }
}

#[test]
fn the_first_line_indent_is_for_chinese_paragraphs_only() {
    let md = "# Notes\n\nThis is an English paragraph that goes on.\n\n这是一个中文段落，应该缩进。\n\nPython 是一种编程语言。\n";
    let mut app = app_named(md, "notes.md", 40, (60, 12));
    app.set_indent(true);
    let s = screen(&mut app);
    assert!(
        s.lines()
            .any(|l| l.trim_start().starts_with("This is an English")),
        "{s}"
    );
    assert!(!s.contains("　　This"), "{s}");
    assert!(s.contains("　　这是一个中文段落"), "{s}");
    assert!(s.contains("　　Python 是一种"), "{s}");
}

#[test]
fn program_output_fills_the_terminal_width_and_prose_keeps_the_column() {
    // `git log --color` shape: coloured lines, one 96 cells wide.
    let long = "x".repeat(96);
    let log =
        format!("\x1b[33mcommit 1\x1b[m\n{long}\n\x1b[33mcommit 2\x1b[m\n\x1b[32madded\x1b[m\n");
    let mut app = app_named(&log, "stdin", 80, (100, 12));
    assert!(app.doc.source.program_output);
    app.fit_program_output();
    assert_eq!(app.column_width(), Cells(100));
    let s = screen(&mut app);
    assert!(s.lines().any(|l| l.starts_with(&long)), "{s}");
    // Prose: the reading column (80) with its margin, whatever fit_program_output says.
    let prose = format!("第一段。{}\n", "文字".repeat(60));
    let mut app = app_named(&prose, "a.txt", 80, (100, 12));
    app.fit_program_output();
    assert_eq!(app.column_width(), Cells(80));
}

#[test]
fn a_clicked_markdown_link_shows_its_url_in_the_status_line() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let md = "# 链接\n\n请看[官方网站](https://example.org/文档?a=1)了解更多。\n";
    let mut app = app_named(md, "a.md", 40, (60, 12));
    let s = screen(&mut app);
    let (row, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("官方网站"))
        .unwrap();
    let before = &line[..line.find("官方网站").unwrap()];
    let col = unicode_width::UnicodeWidthStr::width(before) + 2;
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: u16::try_from(col).unwrap(),
        row: u16::try_from(row).unwrap(),
        modifiers: KeyModifiers::NONE,
    };
    app.on_mouse(click);
    assert_eq!(
        app.message.as_deref(),
        Some("link: https://example.org/文档?a=1")
    );
    let s = screen(&mut app);
    assert!(
        s.lines()
            .last()
            .unwrap()
            .contains("link: https://example.org/"),
        "{s}"
    );
    // Elsewhere in the text: no URL.
    app.message = None;
    let click = MouseEvent {
        column: u16::try_from(unicode_width::UnicodeWidthStr::width(before).saturating_sub(2))
            .unwrap(),
        ..click
    };
    app.on_mouse(click);
    assert_eq!(app.message, None);
}

#[test]
fn down_right_after_tab_moves_the_cursor_in_the_overlay_navigator() {
    let long: String = (1..=5)
        .map(|i| format!("第{i}章 标题\n\n{}", "正文。\n\n".repeat(30)))
        .collect();
    let mut app = app_named(&long, "n.txt", 40, (80, 20));
    app.on_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    app.on_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let s = screen(&mut app);
    let marked = |s: &str, mark: char| {
        s.lines()
            .find(|l| l.contains(mark))
            .map(|l| l.to_string())
            .unwrap_or_default()
    };
    assert!(marked(&s, '▶').contains("第2章"), "{s}");
    // The section being read (the first) keeps a mark of its own.
    assert!(marked(&s, '∙').contains("第1章"), "{s}");
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.navigator().is_none());
    assert_eq!(app.current_section(), Some(1));
}

/// The help screen scrolls like the text: `Space`/`f` a page down, `b` up, `G` to its end and
/// `g` back (the newcomer found only `j`/`k`); `j` past the end does not run on.
#[test]
fn help_scrolls_by_page_and_to_its_ends() {
    let mut app = app_named(&sections(), "n.txt", 40, (60, 12));
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    app.on_key(key('?'));
    let first = screen(&mut app);
    app.on_key(key(' '));
    let paged = screen(&mut app);
    assert_ne!(paged, first, "Space did not scroll the help");
    app.on_key(key('G'));
    let end = screen(&mut app);
    assert!(
        end.contains("encoding"),
        "G did not reach the settings at the end:\n{end}"
    );
    app.on_key(key('j'));
    assert_eq!(screen(&mut app), end, "j scrolled past the end");
    app.on_key(key('k'));
    assert_ne!(screen(&mut app), end, "k after G did not scroll up at once");
    app.on_key(key('g'));
    assert_eq!(screen(&mut app), first, "g did not go back to the top");
}

/// The query being typed stays visible on a narrow terminal (the newcomer saw
/// `搜索 search match 1/5 │ …` at 40 columns, without what they typed): the label and then the
/// right part give way to it.
#[test]
fn the_search_query_is_visible_on_a_narrow_terminal() {
    for w in [40, 24, 12] {
        let mut app = app_named(&sections(), "n.txt", 40, (w, 12));
        app.on_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
        for c in "第二章".chars() {
            app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let s = screen(&mut app);
        let status = s.lines().last().unwrap_or_default();
        assert!(status.contains("第二章"), "{w} columns: {status:?}");
    }
}

/// A side navigator the reader reads beside (after a jump it gives the keys back) closes when
/// the terminal shrinks below the side-panel width, instead of becoming an overlay over the
/// text whose reading keys scroll it unseen (newcomer: 120×30, Tab, Enter, resize to 60×20).
#[test]
fn a_docked_navigator_closes_when_the_terminal_gets_too_narrow_for_it() {
    let mut app = app_named(&sections(), "n.txt", 40, (120, 30));
    app.on_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    app.on_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.navigator().is_some_and(|n| !n.focused), "not docked");
    app.on_resize(60, 20);
    assert!(app.navigator().is_none(), "the docked panel is still open");
    let s = screen(&mut app);
    assert!(!s.contains('┌'), "a box covers the text:\n{s}");
    // Tab brings it back, as an overlay with the keyboard.
    app.on_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    assert!(app.navigator().is_some_and(|n| n.focused));
}

/// `t t` comes back to what was shown (newcomer: on the bundled article, which is traditional,
/// it landed on 繁體, the text converted to simplified and back, not on 原文): to the original,
/// or to the variant chosen with `v`; on a simplified text, to its original too.
#[test]
fn t_twice_comes_back_to_the_view_it_left() {
    use crate::script::Variant;
    let article = |app: &mut App| {
        let s = screen(app);
        let rows: Vec<&str> = s.lines().collect();
        rows[..rows.len() - 1].join("\n")
    };
    let doc = open(
        crate::BUNDLED_ARTICLE.as_bytes(),
        crate::BUNDLED_NAME,
        &OpenOptions::default(),
    )
    .unwrap();
    let scripter = Scripter::new(
        Arc::new(crate::script::builtin::Builtin),
        Script::Traditional,
    );
    let mut app = App::new(
        doc,
        scripter,
        PresentOptions::default(),
        WrapOptions::new(Cells(60)),
        true,
        (100, 40),
    );
    let original = article(&mut app);
    app.update(Action::ToggleScript);
    assert_eq!(app.variant(), Variant::Simplified);
    assert_ne!(article(&mut app), original);
    app.update(Action::ToggleScript);
    assert_eq!(app.variant(), Variant::Original);
    assert_eq!(article(&mut app), original);
    // A variant chosen with `v`: `t` leaves it and comes back to it.
    app.set_variant(Variant::Taiwan);
    app.update(Action::ToggleScript);
    assert_eq!(app.variant(), Variant::Simplified);
    app.update(Action::ToggleScript);
    assert_eq!(app.variant(), Variant::Taiwan);
    // A simplified text: traditional, then the original again.
    let mut app = app_named("第1章 开头\n\n正文。\n", "s.txt", 40, (100, 20));
    app.update(Action::ToggleScript);
    assert_eq!(app.variant(), Variant::Traditional);
    app.update(Action::ToggleScript);
    assert_eq!(app.variant(), Variant::Original);
}

/// The status line names the section where the reading starts (newcomer: `+/冷子兴` on a
/// novel put 第二回's heading, which holds the match, on the second row under the blank row
/// before it, and the status line said 第一回): the match's while it is shown, and with a
/// blank row at the top the section after it.
#[test]
fn the_status_line_names_the_section_where_the_reading_starts() {
    let body = "士隐意欲也跟了过去，方举步时，忽听一声霹雳，有若山崩地陷。\n\n".repeat(12);
    let text = format!(
        "第一回  甄士隐梦幻识通灵　贾雨村风尘怀闺秀\n\n{body}\
         第二回  贾夫人仙逝扬州城　冷子兴演说荣国府\n\n{body}"
    );
    let mut app = app_named(&text, "hlm.txt", 40, (60, 12));
    assert_eq!(app.doc.sections.len(), 2);
    crate::pager::apply_start(&mut app, &crate::pager::StartAt::Pattern("冷子兴".into()));
    for _ in 0..400 {
        app.search_poll();
        if !app.search.is_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    app.search_poll();
    app.message = None;
    let s = screen(&mut app);
    let rows: Vec<&str> = s.lines().collect();
    assert!(rows[1].contains("第二回"), "{s}");
    let status = super::status::left_text(&app);
    assert!(status.contains("第二回"), "{status}\n{s}");
    // No search: the blank row before 第二回 at the top.
    app.search.clear();
    let heading = app.doc.sections[1].block;
    let before = heading - 1;
    let len = app.doc.blocks.bytes(before).len();
    app.go_to(crate::app::view::Position {
        block: before,
        byte: len,
    });
    let s = screen(&mut app);
    assert!(s.lines().next().unwrap_or("x").trim().is_empty(), "{s}");
    let status = super::status::left_text(&app);
    assert!(status.contains("第二回"), "{status}\n{s}");
    // One row up, the last line of 第一回 is read first.
    app.update(Action::LineUp);
    assert!(super::status::left_text(&app).contains("第一回"));
}
