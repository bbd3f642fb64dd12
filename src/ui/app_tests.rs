//! App tests without a terminal: keys and actions in, state and a drawn `TestBackend` buffer
//! out. They live in `ui` because they draw; `src/app` itself never imports `src/ui`.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use super::test_screen::screen;
use crate::app::keymap::{Action, Mode};
use crate::app::persist;
use crate::app::state::App;
use crate::app::view::Position;
use crate::document::{open, OpenOptions};
use crate::layout::WrapOptions;
use crate::present::{PresentOptions, Typography};
use crate::script::{Identity, Script, Scripter};
use crate::units::Cells;

/// A traditional-script document through the built-in OpenCC engine, at 80×20.
fn traditional_app(text: &str) -> App {
    let doc = open(text.as_bytes(), "n.txt", &OpenOptions::default()).unwrap();
    let engine = Arc::new(crate::script::builtin::Builtin);
    let scripter = Scripter::new(engine, Script::Traditional);
    App::new(
        doc,
        scripter,
        PresentOptions::default(),
        WrapOptions::new(Cells(40)),
        true,
        (80, 20),
    )
}

fn app_for(text: &str, size: (u16, u16)) -> App {
    let doc = open(text.as_bytes(), "test.txt", &OpenOptions::default()).unwrap();
    let scripter = Scripter::new(Arc::new(Identity), Script::Simplified);
    let present = PresentOptions {
        typography: Typography::ORIGINAL,
        ..Default::default()
    };
    App::new(
        doc,
        scripter,
        present,
        WrapOptions::new(Cells(40)),
        true,
        size,
    )
}

fn paragraphs(n: usize) -> String {
    (0..n)
        .map(|i| format!("第{i}段。这是一个用来测试的段落，文字足够长，可以折成好几行显示出来。\n"))
        .collect()
}

#[test]
fn draws_text_and_status() {
    let mut app = app_for(&paragraphs(3), (60, 12));
    let s = screen(&mut app);
    assert!(s.contains("第0段"), "{s}");
    assert!(s.lines().last().unwrap().contains("test.txt"), "{s}");
}

#[test]
fn scrolling_moves_the_anchor_and_stops_at_the_end() {
    let mut app = app_for(&paragraphs(50), (60, 12));
    app.update(Action::PageDown);
    assert!(app.anchor > Position::default());
    app.update(Action::Bottom);
    let bottom = app.top;
    app.update(Action::LineDown);
    assert_eq!(app.top, bottom, "scrolled past the end");
    let s = screen(&mut app);
    assert!(s.contains("第49段") || s.contains("显示出来"), "{s}");
    app.update(Action::Top);
    assert_eq!(app.anchor, Position::default());
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut app = app_for(&paragraphs(50), (60, 12));
    for _ in 0..37 {
        app.update(Action::LineDown);
    }
    let anchor = app.anchor;
    app.on_resize(30, 8);
    app.on_resize(100, 40);
    app.on_resize(60, 12);
    // The top line still contains the anchor (it starts at or before it, in the same block).
    assert_eq!(app.anchor.block, anchor.block);
    let p = app.view.position_of(&app.doc, &app.scripter, app.top);
    assert!(p.byte <= anchor.byte);
}

#[test]
fn tiny_terminal_never_panics() {
    let mut app = app_for(&paragraphs(5), (1, 1));
    screen(&mut app);
    for a in [
        Action::PageDown,
        Action::ToggleNavigator,
        Action::Help,
        Action::OpenVariantMenu,
    ] {
        app.update(a);
        screen(&mut app);
    }
    app.on_resize(0, 0);
    app.on_resize(3, 2);
    screen(&mut app);
}

#[test]
fn search_prompt_finds_and_escape_returns() {
    let mut app = app_for(&paragraphs(30), (60, 12));
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    app.on_key(key('/'));
    assert_eq!(app.keyboard(), Mode::Search);
    for c in "第20段".chars() {
        app.on_key(key(c));
    }
    // The background search finishes quickly on a small document.
    for _ in 0..200 {
        app.search_poll();
        if !app.search.is_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    app.search_poll();
    assert_eq!(app.search.matches.len(), 1);
    // Paragraph 20 (one-line paragraphs share a group: its ungrouped index).
    let m = &app.search.matches[0];
    assert_eq!(app.doc.ungrouped_position(m.block, m.bytes.start).0, 20);
    assert!(screen(&mut app).contains("第20段"));
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(app.anchor, Position::default());
}

#[test]
fn bookmarks_set_and_jump_back() {
    let mut app = app_for(&paragraphs(40), (60, 12));
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    app.update(Action::PageDown);
    app.on_key(key('m'));
    app.on_key(key('a'));
    let marked = app.anchor;
    app.update(Action::Top);
    app.on_key(key('\''));
    app.on_key(key('a'));
    assert_eq!(app.anchor, marked);
    app.on_key(key('\''));
    app.on_key(key('\''));
    assert_eq!(app.anchor, Position::default());
}

#[test]
fn opening_lays_out_only_what_is_visible() {
    let mut app = app_for(&paragraphs(20_000), (80, 24));
    screen(&mut app);
    assert!(
        app.view.layouts_made < 100,
        "laid out {} blocks",
        app.view.layouts_made
    );
    app.update(Action::Bottom);
    screen(&mut app);
    assert!(
        app.view.layouts_made < 200,
        "laid out {} blocks",
        app.view.layouts_made
    );
    assert_eq!(app.percent(), 100);
}

#[test]
fn wide_ambiguous_cells_are_forced_two_wide_and_frames_are_ascii() {
    use crate::layout::AmbiguousWidth;
    use ratatui::buffer::CellDiffOption;
    let doc = open(
        "他说：“好。”然后走了。\n".as_bytes(),
        "q.txt",
        &OpenOptions::default(),
    )
    .unwrap();
    let scripter = Scripter::new(Arc::new(Identity), Script::Simplified);
    let present = PresentOptions {
        typography: Typography::ORIGINAL,
        ..Default::default()
    };
    let mut wrap = WrapOptions::new(Cells(40));
    wrap.ambiguous = AmbiguousWidth::Wide;
    let mut app = App::new(doc, scripter, present, wrap, true, (60, 12));
    let backend = TestBackend::new(60, 12);
    let mut term = Terminal::new(backend).unwrap();
    term.draw(|f| crate::ui::draw(f, &mut app)).unwrap();
    let buf = term.backend().buffer().clone();
    let (x, y) = (0..60u16)
        .flat_map(|x| (0..12u16).map(move |y| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "“")
        .expect("the quote is drawn");
    assert_eq!(
        buf[(x, y)].diff_option,
        CellDiffOption::ForcedWidth(2.try_into().unwrap())
    );
    assert_eq!(buf[(x + 1, y)].symbol(), " ");
    // The text after the quote starts two cells later.
    assert_eq!(buf[(x + 2, y)].symbol(), "好");
    app.update(Action::Help);
    term.draw(|f| crate::ui::draw(f, &mut app)).unwrap();
    let buf = term.backend().buffer().clone();
    let all: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(
        all.contains('+') && !all.contains('┌'),
        "frames must be ASCII in wide mode"
    );
}

#[test]
fn empty_and_blank_documents_take_every_key() {
    for text in ["", "   \n\n", "\u{3000}\u{3000}\n", "\u{feff}"] {
        let mut app = app_for(text, (40, 10));
        for a in [
            Action::LineDown,
            Action::PageDown,
            Action::HalfDown,
            Action::LineUp,
            Action::Bottom,
            Action::Top,
            Action::NextSection,
            Action::ToggleScript,
            Action::ToggleNavigator,
            Action::Close,
            Action::Wider,
        ] {
            app.update(a);
            screen(&mut app);
        }
        app.stack.clear();
        app.match_step(true);
    }
}

fn search_for(app: &mut App, q: &str) {
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    app.on_key(key('/'));
    for c in q.chars() {
        app.on_key(key(c));
    }
    for _ in 0..400 {
        app.search_poll();
        if !app.search.is_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    app.search_poll();
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
}

#[test]
fn n_counts_from_the_reading_position_after_moving_away() {
    let mut app = app_for(&paragraphs(60), (60, 12));
    search_for(&mut app, "段。");
    assert_eq!(app.search.matches.len(), 60);
    assert_eq!(app.search.current, Some(0));
    // Move far away, then `n`: the next match after the screen, not match 2.
    for _ in 0..5 {
        app.update(Action::PageDown);
    }
    let here = app.anchor;
    app.update(Action::NextMatch);
    let m = &app.search.matches[app.search.current.unwrap()];
    assert!(
        m.block >= here.block,
        "went back to block {} from {}",
        m.block,
        here.block
    );
    // From the end, `n` goes to the matches on the last screen, then wraps with a note.
    app.update(Action::Bottom);
    app.update(Action::NextMatch);
    assert!(app.search.current >= Some(50), "{:?}", app.search.current);
    for _ in 0..10 {
        if app.search.current == Some(0) {
            break;
        }
        app.update(Action::NextMatch);
    }
    assert_eq!(app.search.current, Some(0));
    assert!(app.message.as_deref().unwrap_or("").contains("wrapped"));
    // `N` from the top wraps to the bottom.
    app.update(Action::PrevMatch);
    assert_eq!(app.search.current, Some(59));
}

#[test]
fn list_items_hang_their_continuation_lines() {
    let md = "- 第一項是一個很長很長的項目，需要折行才能顯示完整的內容。\n";
    let doc = open(md.as_bytes(), "l.md", &OpenOptions::default()).unwrap();
    let scripter = Scripter::new(Arc::new(Identity), Script::Simplified);
    let present = PresentOptions {
        typography: Typography::ORIGINAL,
        ..Default::default()
    };
    let mut app = App::new(
        doc,
        scripter,
        present,
        WrapOptions::new(Cells(30)),
        true,
        (40, 8),
    );
    let s = screen(&mut app);
    let rows: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).collect();
    let col = |row: &str, pat: &str| row.find(pat).map(|b| row[..b].chars().count());
    // The first character of the second line stands under the item's first character.
    let first = col(rows[0], "第").expect("marker line");
    let second_char = rows[1].trim_start().chars().next().unwrap().to_string();
    assert_eq!(col(rows[1], &second_char), Some(first), "{s}");
    assert!(rows[0].contains('•'));
}

#[test]
fn navigator_filter_matches_either_script() {
    let text = "第一章 經濟發(fā)展\n正文一。\n第二章 雨夜\n正文二。\n";
    let mut app = traditional_app(text);
    app.update(Action::ToggleNavigator);
    let entries = |app: &App| app.navigator().unwrap().entries(app);
    assert_eq!(entries(&app).len(), 2);
    for c in "发展".chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let hits = entries(&app);
    assert_eq!(
        hits.len(),
        1,
        "simplified filter, traditional title across pinyin"
    );
    assert_eq!(hits[0].section, Some(0));
    let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
    app.on_key(backspace);
    app.on_key(backspace);
    for c in "雨夜".chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    assert_eq!(entries(&app)[0].section, Some(1));
}

#[test]
fn the_variant_is_remembered_with_the_place_and_a_flag_overrides_it() {
    use crate::script::Variant;
    use crate::store::StateStore;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = StateStore::open_at(dir.path());
    let text = paragraphs(40);
    let mut app = app_for(&text, (60, 12));
    app.update(Action::PageDown);
    app.set_variant(Variant::Taiwan);
    let place = app.anchor;
    persist::save(&app, &mut store, "k").unwrap();
    let (store, _) = StateStore::open_at(dir.path());
    let mut again = app_for(&text, (60, 12));
    persist::restore(&mut again, &store, "k", false);
    assert_eq!(again.variant(), Variant::Taiwan);
    assert_eq!(again.anchor, place);
    // `--variant` given: the remembered one is not applied.
    let mut forced = app_for(&text, (60, 12));
    persist::restore(&mut forced, &store, "k", true);
    assert_eq!(forced.variant(), Variant::Original);
}

#[test]
fn an_unknown_remembered_variant_is_ignored_and_old_entries_still_load() {
    use crate::store::StateStore;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("state.json"),
        r#"{"version":1,"files":{
            "old":{"position":{"block":2,"byte":0},"name":"test.txt","updated_unix":5},
            "new":{"position":{"block":2,"byte":0},"shown":{"variant":"macau","reflow":"on"},
                   "name":"test.txt","updated_unix":6}}}"#,
    )
    .unwrap();
    let (store, warnings) = StateStore::open_at(dir.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    for key in ["old", "new"] {
        let mut app = app_for(&paragraphs(40), (60, 12));
        persist::restore(&mut app, &store, key, false);
        assert_eq!(app.variant(), crate::script::Variant::Original, "{key}");
        // Saved by the block index with no lines grouped: paragraph 2.
        let (block, byte) = (app.anchor.block, app.anchor.byte);
        assert_eq!(app.doc.ungrouped_position(block, byte), (2, 0), "{key}");
    }
}

#[test]
fn a_match_on_the_last_line_is_drawn_on_screen() {
    // Issue 15: `show_match` put the match's line at the top (clamped to the last screen),
    // then scrolled up a line for context, pushing the document's last line below the screen.
    let text = format!("{}最后一行有个词叫做尾巴。\n", paragraphs(40));
    let mut app = app_for(&text, (60, 12));
    search_for(&mut app, "尾巴");
    assert_eq!(app.search.matches.len(), 1);
    let shown = screen(&mut app);
    assert!(
        shown.contains("尾巴"),
        "the match is not on screen:\n{shown}"
    );
    assert!(app.at_end);
    // A match in the middle still gets a line of context above it.
    search_for(&mut app, "第20段");
    let shown = screen(&mut app);
    let first = shown.lines().next().unwrap_or("");
    assert!(!first.contains("第20段"), "no context line:\n{shown}");
    assert!(
        shown.lines().nth(1).unwrap_or("").contains("第20段"),
        "{shown}"
    );
}

#[test]
fn help_lists_every_setting_of_the_options_table_with_its_live_value() {
    let mut app = app_for(&paragraphs(3), (100, 60));
    app.set_variant(crate::script::Variant::HongKong);
    let lines: Vec<String> = crate::ui::overlay::help_lines(&app)
        .into_iter()
        .map(|l| l.0)
        .collect();
    for st in crate::options::SETTINGS {
        assert!(
            lines.iter().any(|l| l.trim_start().starts_with(st.key)),
            "{} missing from help",
            st.key
        );
    }
    assert!(lines
        .iter()
        .any(|l| l.contains("variant") && l.contains("hongkong")));
}

#[test]
fn while_reading_g_waits_for_the_whole_document_and_the_place_carries_over() {
    use crate::input::loader::Progress;
    let whole_text = paragraphs(300);
    let cut = whole_text.match_indices('\n').nth(99).unwrap().0 + 1;
    let mut app = app_for(&whole_text[..cut], (60, 12));
    app.reading = Some(crate::app::indexing::Reading {
        progress: Arc::new(Progress {
            total: Some(whole_text.len() as u64),
            ..Progress::default()
        }),
        input_per_text: 1.0,
        ..Default::default()
    });
    for _ in 0..20 {
        app.update(Action::PageDown);
    }
    let here = app.anchor;
    let text_at = crate::app::indexing::text_offset(&app.doc, here);
    assert!(app.percent() < 40, "{}", app.percent());
    // `G` waits, with a note, instead of going to the end of the part read so far.
    app.update(Action::Bottom);
    assert_eq!(app.anchor, here);
    assert!(screen(&mut app).contains("reading"));
    let whole = open(whole_text.as_bytes(), "test.txt", &OpenOptions::default()).unwrap();
    // Before the hand-over the place carries over by text offset…
    let carried = crate::app::indexing::position_at(&whole, text_at);
    assert_eq!(crate::app::indexing::text_offset(&whole, carried), text_at);
    app.take_whole(whole, 0, Default::default());
    // …and then the waiting `G` runs.
    assert!(app.reading.is_none());
    assert!(app.at_end);
    let (block, byte) = (app.anchor.block, app.anchor.byte);
    let paragraph = app.doc.ungrouped_position(block, byte).0;
    assert!(paragraph >= 290, "{:?}", app.anchor);
    assert_eq!(app.percent(), 100);
}

#[test]
fn labels_follow_the_displayed_script_and_the_navigator_counts_matches() {
    // A simplified document shown as written: simplified labels (not 章節).
    let text = "第一章 开始\n正文一。\n第二章 雨夜\n正文二。\n第三章 经济发展\n正文三。\n";
    let mut app = app_for(text, (80, 20));
    app.update(Action::ToggleNavigator);
    let s = screen(&mut app);
    assert!(s.contains("章节 Sections (3)"), "{s}");
    assert!(!s.contains("章節"), "{s}");
    app.on_key(KeyEvent::new(KeyCode::Char('雨'), KeyModifiers::NONE));
    let s = screen(&mut app);
    assert!(s.contains("章节 Sections (1/3)"), "{s}");
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.update(Action::OpenBookmarks);
    assert!(screen(&mut app).contains("书签 Bookmarks"));
}

#[test]
fn the_side_navigator_widens_for_long_titles_up_to_two_fifths() {
    let long = "第一章 一个很长很长很长很长很长很长的手册标题用来测试面板宽度";
    let text = format!("{long}\n正文。\n第二章 短\n正文。\n");
    let mut app = app_for(&text, (200, 30));
    app.update(Action::ToggleNavigator);
    let w = app.nav_panel_width();
    assert!(w > 34 && w <= 80, "{w}");
    let s = screen(&mut app);
    assert!(s.contains("面板宽度"), "title cut:\n{s}");
    // A 100-column terminal keeps at most 40 cells for it.
    app.on_resize(100, 30);
    assert!(app.nav_panel_width() <= 40);
}

#[test]
fn esc_and_a_key_arriving_together_as_alt_key_close_the_panel_and_do_the_key() {
    // Terminals send Esc followed quickly by `t` as Alt-t: the navigator must close and `t`
    // must switch the script, not go into the navigator's filter.
    let text = "第一章 雨夜\n正文一。\n第二章 晴天\n正文二。\n";
    let mut app = traditional_app(text);
    let before = app.variant();
    app.update(Action::ToggleNavigator);
    assert!(app.navigator().is_some());
    app.on_key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::ALT));
    assert!(app.navigator().is_none(), "Esc closed the navigator");
    assert_ne!(app.variant(), before, "t switched the script");
}

#[test]
fn stdin_sessions_are_not_remembered() {
    // A man page or `git log` through a pipe is read once: its place must neither be saved
    // (it would evict books) nor restored from an earlier pipe (DECISIONS).
    use crate::store::StateStore;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = StateStore::open_at(dir.path());
    let text = paragraphs(40);
    let mut app = app_for(&text, (60, 12));
    Arc::make_mut(&mut app.doc).source.name = "stdin".into();
    app.update(Action::PageDown);
    persist::save(&app, &mut store, "k").unwrap();
    let (store, _) = StateStore::open_at(dir.path());
    assert!(store.get("k").is_none(), "nothing saved for stdin");
}
