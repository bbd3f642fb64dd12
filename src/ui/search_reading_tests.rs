//! Search in a large file still being read (a newcomer searched a phrase at the end of a
//! 300 MB file and was told `not found` while it was parsed, then `search wrapped to the top`
//! on a move that did not wrap): a search the part read cannot answer waits for the whole
//! text, saying so, and is answered then.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::status::right_text;
use super::test_screen::screen;
use crate::app::indexing::tests::{numbered_file, open_large, reading_app};
use crate::app::keymap::Action;
use crate::app::state::App;
use crate::document::OpenOptions;
use crate::input::loader;

/// Waits for the background search (and takes in its results).
fn settle(app: &mut App) {
    for _ in 0..2000 {
        app.search_poll();
        if !app.search.is_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    app.search_poll();
}

fn search(app: &mut App, q: &str) {
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    app.on_key(key('/'));
    for c in q.chars() {
        app.on_key(key(c));
    }
    settle(app);
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
}

/// A file larger than its first region with `phrase` on its last line (and on an early one
/// when `early`), read as far as its first region.
fn reading(dir: &std::path::Path, early: bool) -> (App, std::path::PathBuf) {
    let (path, mut text) = numbered_file(dir, 6 << 20);
    if early {
        text.insert_str(0, "開頭：這裡也有獨特標記。\n");
    }
    text.push_str("最後的獨特標記句子\n");
    std::fs::write(&path, &text).unwrap();
    let large = open_large(&path);
    let (prefix, _) = loader::prefix(&large, &OpenOptions::default()).unwrap();
    assert!(
        !prefix.text.contains("最後的"),
        "the end is not in the first region"
    );
    (reading_app(prefix, &large, 0), path)
}

fn whole_arrives(app: &mut App, path: &std::path::Path) {
    let done = loader::read_blocking(open_large(path), &OpenOptions::default()).unwrap();
    let base = app.region_text_start(&done.map);
    app.take_whole(done.doc, base, done.map);
    settle(app);
}

#[test]
fn a_phrase_past_the_part_read_is_searched_for_not_reported_missing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = reading(dir.path(), false);
    search(&mut app, "獨特標記");
    let said = app.message.clone().unwrap_or_default();
    assert!(!said.starts_with("not found:"), "{said}");
    assert!(
        said.contains("not found yet") && said.contains("searching all of it"),
        "{said}"
    );
    let status = right_text(&app);
    assert!(status.contains("searching…"), "{status}");
    assert!(!status.contains("0 matches"), "{status}");
    // `n` meanwhile: still searching, not `not found`.
    app.update(Action::NextMatch);
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.contains("not found yet") && said.contains("searching all of it"),
        "{said}"
    );
    screen(&mut app);

    whole_arrives(&mut app, &path);
    assert!(app.search.awaiting.is_none());
    assert_eq!(app.search.matches.len(), 1);
    assert!(
        app.match_on_screen(),
        "the match is shown once the file is read"
    );
    assert!(screen(&mut app).contains("最後的獨特標記句子"));
    assert!(right_text(&app).contains("match 1/1"));
    assert!(app.message.is_none(), "{:?}", app.message);
    // `n` on the one match shown does not claim to wrap.
    app.update(Action::NextMatch);
    let said = app.message.clone().unwrap_or_default();
    assert!(!said.contains("wrapped"), "{said}");
    assert!(said.contains("only match"), "{said}");
}

#[test]
fn n_past_the_last_match_read_waits_and_goes_on_without_claiming_a_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = reading(dir.path(), true);
    search(&mut app, "獨特標記");
    // The early one is in the part read: shown at once.
    assert!(app.match_on_screen());
    assert!(screen(&mut app).contains("這裡也有獨特標記"));
    app.update(Action::NextMatch);
    let said = app.message.clone().unwrap_or_default();
    assert!(!said.contains("wrapped"), "{said}");
    assert!(said.contains("no more matches yet"), "{said}");
    assert!(screen(&mut app).contains("這裡也有獨特標記"), "it stays");

    whole_arrives(&mut app, &path);
    assert_eq!(app.search.matches.len(), 2);
    assert_eq!(app.search.current, Some(1), "on to the match at the end");
    assert!(screen(&mut app).contains("最後的獨特標記句子"));
    assert!(app
        .message
        .as_deref()
        .is_none_or(|m| !m.contains("wrapped")));
    // Past the last match of the whole text, `n` does wrap, and says so.
    app.update(Action::NextMatch);
    assert_eq!(app.search.current, Some(0));
    assert_eq!(app.message.as_deref(), Some("search wrapped to the top"));
}

#[test]
fn a_phrase_in_no_part_of_the_file_is_not_found_once_it_is_all_searched() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = reading(dir.path(), false);
    search(&mut app, "沒有這句話");
    assert!(app.search.awaiting.is_some());
    whole_arrives(&mut app, &path);
    assert!(app.search.awaiting.is_none());
    assert_eq!(app.message.as_deref(), Some("not found: 沒有這句話"));
}
