//! The `L` key (reflowed paragraphs ⇄ source lines) on a hard-wrapped text, through keys,
//! drawn into a `TestBackend`.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::test_screen::screen;
use crate::app::indexing::text_offset;
use crate::app::keymap::Action;
use crate::app::persist;
use crate::app::state::App;
use crate::document::reflow::Reflow;
use crate::document::{open, OpenOptions};
use crate::layout::WrapOptions;
use crate::present::{PresentOptions, Typography};
use crate::script::{Identity, Script, Scripter};
use crate::units::Cells;

/// Twenty paragraphs of 95 Han characters, each hard-wrapped at 30 characters with a
/// two-U+3000 indent on its first line (an old TXT book's shape).
fn wrapped_book() -> String {
    let han: Vec<char> =
        "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜"
            .chars()
            .collect();
    let mut out = String::new();
    for p in 0..20 {
        let para: String = (0..95).map(|i| han[(i * 7 + p * 3) % han.len()]).collect();
        let mut chars: Vec<char> = para.chars().collect();
        chars.insert(0, '\u{3000}');
        chars.insert(0, '\u{3000}');
        for line in chars.chunks(30) {
            out.extend(line);
            out.push('\n');
        }
    }
    out
}

fn app_with(text: &str, reflow: Reflow) -> App {
    let opts = OpenOptions {
        reflow,
        ..OpenOptions::default()
    };
    let doc = open(text.as_bytes(), "book.txt", &opts).unwrap();
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
        (80, 20),
    )
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// The source byte range of the top line on screen.
fn top_range(app: &mut App) -> std::ops::Range<usize> {
    let start = text_offset(
        &app.doc,
        app.view.position_of(&app.doc, &app.scripter, app.top),
    );
    let next = app.view.step(&app.doc, &app.scripter, app.top, 1);
    let end = text_offset(
        &app.doc,
        app.view.position_of(&app.doc, &app.scripter, next),
    );
    start..end.max(start + 1)
}

#[test]
fn l_switches_to_source_lines_and_back_keeping_the_top_source_byte() {
    let text = wrapped_book();
    let mut app = app_with(&text, Reflow::Auto);
    assert_eq!(
        app.doc.blocks.len(),
        20,
        "the book is reflowed into its paragraphs"
    );
    for _ in 0..23 {
        app.update(Action::LineDown);
    }
    let at = text_offset(&app.doc, app.anchor);
    assert!(at > 0);
    app.on_key(key('L'));
    assert_eq!(app.reflow(), Some(Reflow::Off));
    // The source lines: each paragraph's lines as the file has them, laid out line for line
    // (one stanza-like block per paragraph, no spacing between its lines).
    assert_eq!(app.doc.blocks.len(), 20);
    assert!((0..20).all(|i| app.doc.blocks.kind(i) == crate::document::BlockKind::Verse));
    // The source byte that was at the top is on the top line now.
    assert!(
        top_range(&mut app).contains(&at),
        "{:?} lacks {at}",
        top_range(&mut app)
    );
    let s = screen(&mut app);
    let status = s.lines().last().unwrap();
    assert!(
        status.contains("source lines") && status.contains("原行"),
        "{s}"
    );
    // Back: the same byte still at the top.
    app.on_key(key('j'));
    app.on_key(key('j'));
    let here = text_offset(&app.doc, app.anchor);
    app.on_key(key('L'));
    assert_eq!(app.reflow(), Some(Reflow::Auto));
    assert_eq!(app.doc.blocks.len(), 20);
    let r = top_range(&mut app);
    assert!(r.contains(&here), "{r:?} lacks {here}");
    let s = screen(&mut app);
    assert!(s.lines().last().unwrap().contains("重排"), "{s}");
}

#[test]
fn l_carries_bookmarks_and_is_remembered_with_the_place() {
    let text = wrapped_book();
    let mut app = app_with(&text, Reflow::Auto);
    app.update(Action::PageDown);
    app.on_key(key('m'));
    app.on_key(key('a'));
    let marked = text_offset(&app.doc, app.marks[&'a']);
    app.on_key(key('L'));
    assert_eq!(text_offset(&app.doc, app.marks[&'a']), marked);
    let state = persist::file_state(&app);
    assert_eq!(state.shown.reflow.as_deref(), Some("off"));
    assert_eq!(state.shown.reflow(), Some(Reflow::Off));
    // The help screen's settings list the mode in force.
    assert_eq!(app.live_settings().reflow, Reflow::Off);
}

#[test]
fn l_says_what_it_did_on_text_that_is_not_reflowed_or_not_plain() {
    // One paragraph per line: nothing joined, nothing changes but the status.
    let novel = "第一章 开始\n\n　　他走了。\n\n　　她来了。\n";
    let mut app = app_with(novel, Reflow::Auto);
    let blocks = app.doc.blocks.len();
    app.on_key(key('L'));
    assert_eq!(app.doc.blocks.len(), blocks);
    assert_eq!(app.reflow(), Some(Reflow::Off));
    // Markdown keeps its own layout.
    let doc = open(
        "# 标题\n\n段落\n".as_bytes(),
        "a.md",
        &OpenOptions::default(),
    )
    .unwrap();
    let scripter = Scripter::new(Arc::new(Identity), Script::Simplified);
    let mut app = App::new(
        doc,
        scripter,
        PresentOptions::default(),
        WrapOptions::new(Cells(40)),
        true,
        (80, 20),
    );
    app.on_key(key('L'));
    assert_eq!(app.reflow(), None);
    assert!(app.message.as_deref().unwrap().contains("only plain text"));
    assert_eq!(persist::file_state(&app).shown.reflow, None);
}

#[test]
fn l_is_in_the_help_screen() {
    let mut app = app_with(&wrapped_book(), Reflow::Auto);
    app.update(Action::Help);
    let mut found = false;
    for _ in 0..40 {
        if screen(&mut app).contains("reflowed paragraphs ⇄ source lines") {
            found = true;
            break;
        }
        app.update(Action::ListDown);
        app.on_key(key('j'));
    }
    assert!(found);
}
