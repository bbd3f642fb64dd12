//! `Ctrl-Z` and `Ctrl-C` with a panel or prompt open (a newcomer found them dead there):
//! `Ctrl-Z` suspends from everywhere; `Ctrl-C` cancels what is open, like `Esc` (as `less`
//! cancels a prompt), and quits only from the reader.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::test_screen::screen;
use crate::app::keymap::Mode;
use crate::app::state::{App, Request};
use crate::document::{open, OpenOptions};
use crate::layout::WrapOptions;
use crate::present::PresentOptions;
use crate::script::{Identity, Script, Scripter};
use crate::units::Cells;

fn app() -> App {
    let text: String = (1..=5)
        .map(|i| format!("第{i}章 标题\n\n正文第{i}段。\n\n"))
        .collect();
    let doc = open(text.as_bytes(), "k.txt", &OpenOptions::default()).unwrap();
    let scripter = Scripter::new(Arc::new(Identity), Script::Simplified);
    App::new(
        doc,
        scripter,
        PresentOptions::default(),
        WrapOptions::new(Cells(40)),
        true,
        // Narrow: the navigator is an overlay that takes the keyboard.
        (60, 20),
    )
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The keys that open each panel or prompt, with the mode it takes the keyboard in.
const OPENERS: &[(KeyCode, Mode)] = &[
    (KeyCode::Tab, Mode::Navigator),
    (KeyCode::Char('/'), Mode::Search),
    (KeyCode::Char('?'), Mode::Help),
    (KeyCode::Char('v'), Mode::VariantMenu),
    (KeyCode::Char('B'), Mode::Bookmarks),
    (KeyCode::Char('m'), Mode::SetMark),
    (KeyCode::Char('\''), Mode::JumpMark),
];

#[test]
fn ctrl_z_suspends_with_any_panel_or_prompt_open() {
    for &(open_key, mode) in OPENERS {
        let mut app = app();
        app.on_key(KeyEvent::new(open_key, KeyModifiers::NONE));
        assert_eq!(app.keyboard(), mode);
        if mode == Mode::Navigator || mode == Mode::Search {
            app.on_key(key('第'));
        }
        app.on_key(ctrl('z'));
        assert!(
            app.requests.iter().any(|r| matches!(r, Request::Suspend)),
            "Ctrl-Z in {mode:?} does not suspend"
        );
        // It is not typed anywhere, and what was open is still open after `fg`.
        assert_eq!(app.keyboard(), mode, "Ctrl-Z changed {mode:?}");
        if let Some(nav) = app.navigator() {
            assert_eq!(nav.filter, "第");
        }
        screen(&mut app);
    }
}

#[test]
fn ctrl_c_cancels_a_panel_or_prompt_and_quits_only_from_the_reader() {
    for &(open_key, mode) in OPENERS {
        let mut app = app();
        app.on_key(KeyEvent::new(open_key, KeyModifiers::NONE));
        assert_eq!(app.keyboard(), mode);
        if mode == Mode::Search {
            for c in "第3章".chars() {
                app.on_key(key(c));
            }
        }
        app.on_key(ctrl('c'));
        assert_eq!(app.keyboard(), Mode::Reading, "Ctrl-C left {mode:?} open");
        assert!(
            !app.wants_out(),
            "Ctrl-C in {mode:?} quit: {:?}",
            app.requests
        );
        assert!(app.navigator().is_none());
        // A cancelled search keeps no matches, as Esc.
        assert!(app.search.matches.is_empty() || mode != Mode::Search);
        app.on_key(ctrl('c'));
        assert!(
            app.requests.iter().any(|r| matches!(r, Request::Quit)),
            "Ctrl-C from the reader quits"
        );
    }
}

#[test]
fn the_help_says_what_ctrl_c_and_ctrl_z_do_in_panels() {
    let mut app = app();
    app.on_resize(120, 80);
    app.on_key(key('?'));
    assert!(screen(&mut app).contains("Esc closes"));
    let lines: Vec<String> = super::overlay::help_lines(&app)
        .into_iter()
        .map(|l| l.0)
        .collect();
    assert!(lines.iter().any(|l| l.contains("Ctrl-C in a panel")));
    assert!(lines
        .iter()
        .any(|l| l.contains("Esc ? q Ctrl-C") && l.contains("close help")));
}
