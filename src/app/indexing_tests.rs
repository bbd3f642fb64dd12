//! The reader while a large file is read: its place is saved by input offset when it quits
//! early, and the file reopens there.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::*;
use crate::app::keymap::Action;
use crate::document::OpenOptions;
use crate::input::loader;
use crate::input::source::{self, Input, Large, Opening};
use crate::layout::WrapOptions;
use crate::present::{PresentOptions, Typography};
use crate::script::{Identity, Script, Scripter};
use crate::units::Cells;

/// A file of numbered lines (`第N行…`), larger than a whole read, with a tab and CRLF now
/// and then (the sanitizer changes those, so text and input offsets differ).
pub(crate) fn numbered_file(dir: &Path, bytes: usize) -> (PathBuf, String) {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < bytes {
        if i % 50 == 0 {
            text.push_str(&format!("第{i}章 標題\n"));
        }
        text.push_str(&format!("第{i}行：這是一行用來測試的文字。\t完\r\n"));
        i += 1;
    }
    let path = dir.join("big.txt");
    std::fs::write(&path, &text).unwrap();
    (path, text)
}

pub(crate) fn open_large(path: &Path) -> Large {
    match source::open_path(path, Opening::default()).unwrap() {
        Input::Large(l) => l,
        Input::Whole { .. } => panic!("expected a large input"),
    }
}

/// An app over `doc`, a partial document of `large` starting at input offset `base`.
pub(crate) fn reading_app(doc: crate::document::Document, large: &Large, base: u64) -> App {
    let scripter = Scripter::new(Arc::new(Identity), Script::Traditional);
    let present = PresentOptions {
        typography: Typography::ORIGINAL,
        ..Default::default()
    };
    let mut app = App::new(
        doc,
        scripter,
        present,
        WrapOptions::new(Cells(60)),
        true,
        (80, 20),
    );
    app.reading = Some(Reading {
        progress: Arc::new(Progress {
            total: large.size(),
            ..Progress::default()
        }),
        input_per_text: 1.0,
        input_base: base,
        seeker: large.seeker(&OpenOptions::default()).map(|s| {
            Arc::new(s.with_head(loader::prefix(large, &OpenOptions::default()).unwrap().1 as u64))
        }),
        ..Reading::default()
    });
    // The first region, to go back to: the document shown, or (another region is shown) the
    // first region read apart.
    let head = if base > 0 {
        Arc::new(loader::prefix(large, &OpenOptions::default()).unwrap().0)
    } else {
        app.doc.clone()
    };
    app.reading.as_mut().unwrap().head = Some((head, 0, 1.0));
    app
}

/// The `第N行` label of the source line the top of the screen is in (a reflowed paragraph
/// holds many).
pub(crate) fn top_line(app: &App) -> String {
    let text = app.doc.block_text(app.anchor.block);
    let from = text
        .rmatch_indices('第')
        .map(|(i, _)| i)
        .filter(|&i| i <= app.anchor.byte)
        .find(|&i| {
            let rest = &text[i + '第'.len_utf8()..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && rest[digits..].starts_with('行')
        })
        .unwrap_or(0);
    text[from..].split('：').next().unwrap().to_string()
}

#[test]
fn quitting_before_the_read_ends_saves_the_place_and_the_file_reopens_there() {
    let dir = tempfile::tempdir().unwrap();
    let (path, text) = numbered_file(dir.path(), 6 << 20);
    let opts = OpenOptions::default();
    let (mut store, _) = StateStore::open_at(&dir.path().join("state"));
    let large = open_large(&path);
    let key = large.key.clone().unwrap();

    // In the first region: the place is saved by block and by input offset.
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    app.scroll(300);
    let label = top_line(&app);
    save_while_reading(&app, &mut store, &key).unwrap();
    let saved = store.get(&key).expect("the place is saved while reading");
    assert_eq!(saved.position.map(|p| p.block), Some(app.anchor.block));
    let at = saved.offset.expect("by input offset") as usize;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    assert!(
        text[line_start..].starts_with(&format!("{label}：")),
        "{label} vs {:?}",
        &text[line_start..][..30]
    );

    // In a window further on (after `G`, or a resumed place): by input offset only, and the
    // window opened at that offset shows the same line at the top.
    let far = text.find("第80000行").unwrap() as u64;
    let win = large.seeker(&opts).unwrap().window(far).unwrap();
    let mut app = reading_app(win.doc, &large, win.input.start);
    app.go_to(position_at(&app.doc, win.at_text));
    app.scroll(25);
    let label = top_line(&app);
    save_while_reading(&app, &mut store, &key).unwrap();
    let saved = store.get(&key).unwrap();
    assert_eq!(
        saved.position, None,
        "block indexes of a window are not the file's"
    );
    let at = saved.offset.unwrap();
    let win = large.seeker(&opts).unwrap().window(at).unwrap();
    let mut again = reading_app(win.doc, &large, win.input.start);
    again.go_to(position_at(&again.doc, win.at_text));
    assert_eq!(top_line(&again), label);
}

#[test]
fn a_stream_still_being_read_is_not_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = numbered_file(dir.path(), 6 << 20);
    let large = open_large(&path);
    let (prefix, _) = loader::prefix(&large, &OpenOptions::default()).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    let (mut store, _) = StateStore::open_at(&dir.path().join("state"));
    // No content key yet (a stream's is made once it is read).
    save_while_reading(&app, &mut store, "").unwrap();
    assert!(store.recent().is_empty());
    if let Some(r) = &mut app.reading {
        r.progress = Arc::new(Progress::default());
    }
    save_while_reading(&app, &mut store, "k").unwrap();
    assert!(store.recent().is_empty(), "no size: a stream");
}

/// The text of the line the screen's top is in, and of the last row's block.
pub(crate) fn top_text(app: &App) -> String {
    app.doc.block_text(app.anchor.block)[app.anchor.byte..].to_string()
}

#[test]
fn g_right_after_opening_shows_the_tail_at_once_and_the_place_holds_when_the_read_ends() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut text) = numbered_file(dir.path(), 6 << 20);
    // The last line has no line feed.
    text.push_str("尾聲：這是全書最後一句獨一無二的話。");
    std::fs::write(&path, &text).unwrap();
    let opts = OpenOptions::default();
    let large = open_large(&path);
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    app.scroll(40);
    let before = top_line(&app);

    app.update(Action::Bottom);
    let r = app.reading.as_ref().unwrap();
    assert!(r.pending.is_none(), "G does not wait for the read");
    assert!(r.reaches_end && r.input_base > 4 << 20, "{r:?}");
    assert!(app.at_end);
    assert_eq!(app.percent(), 100);
    let last = app.doc.blocks.len() - 1;
    assert!(app.doc.block_text(last).ends_with("獨一無二的話。"));
    let top = top_text(&app).to_string();

    // `''` goes back to the place before `G`, in the first region, and `''` again to the tail.
    let jump_back = |app: &mut App| app.apply(crate::app::component::Effect::JumpToMark('\''));
    jump_back(&mut app);
    assert!(app.at_head());
    assert_eq!(top_line(&app), before);
    jump_back(&mut app);
    assert_eq!(top_text(&app), top, "'' returns to the tail");
    // `g`: the first region's top; `G`: the tail again.
    app.update(Action::Top);
    assert_eq!(app.anchor, Position::default());
    assert!(app.at_head());
    app.update(Action::Bottom);
    assert_eq!(top_text(&app), top);

    // The whole document arrives (read in small chunks): the same text at the top, at the end.
    let tuning = loader::Tuning {
        chunk_bytes: 64 << 10,
        ..loader::Tuning::default()
    };
    let done = loader::read_blocking_with(open_large(&path), &opts, tuning).unwrap();
    let base = app.region_text_start(&done.map);
    assert!(done.doc.text[base..].starts_with(&app.doc.text[..]));
    app.take_whole(done.doc, base, done.map);
    assert!(app.reading.is_none());
    assert_eq!(top_text(&app), top);
    assert!(app.at_end);
    // The place before `G` (the top) is kept for `''`, by input offset, in the whole document.
    jump_back(&mut app);
    assert_eq!(app.anchor, Position::default());
}

#[test]
fn the_navigator_lists_the_chapters_found_while_reading_and_goes_to_one() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let (path, text) = numbered_file(dir.path(), 6 << 20);
    let chapters = text.matches("章 標題").count();
    let opts = OpenOptions::default();
    let large = open_large(&path);
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    let in_prefix = app.doc.sections.len();
    assert!(in_prefix < chapters / 2);
    let indexing = loader::start(open_large(&path), opts.clone());
    app.reading.as_mut().unwrap().progress = indexing.progress.clone();
    app.update(Action::ToggleNavigator);
    // The reader thread is done (its document not taken yet): every chapter line was found,
    // and the navigator lists them, with the progress.
    let done = indexing.wait().unwrap();
    assert!(app.refresh_outline());
    assert_eq!(app.nav_sections().len(), chapters);
    assert!(app.outline_shown());
    assert_eq!(app.outline_progress().as_deref(), Some("indexing 100%"));
    let nav = app.navigator().unwrap();
    assert_eq!(nav.entries(&app).len(), chapters);
    // Filter to a chapter far past the first region, and choose it.
    for c in "第100000章".chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    assert_eq!(app.navigator().unwrap().entries(&app).len(), 1);
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(!app.at_head(), "a window around the chapter is shown");
    assert_eq!(top_text(&app), "第100000章 標題");
    // `''` returns to the top of the first region.
    app.apply(crate::app::component::Effect::JumpToMark('\''));
    assert!(app.at_head());
    assert_eq!(app.anchor, Position::default());
    app.apply(crate::app::component::Effect::JumpToMark('\''));
    assert_eq!(top_text(&app), "第100000章 標題");
    // The whole document arrives: the same place, and the navigator lists its sections.
    let base = app.region_text_start(&done.map);
    app.take_whole(done.doc, base, done.map);
    assert_eq!(top_text(&app), "第100000章 標題");
    assert!(!app.outline_shown());
    assert_eq!(app.nav_sections().len(), app.doc.sections.len());
}

#[test]
fn the_status_line_says_parsing_not_reading_100_once_the_input_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = numbered_file(dir.path(), 6 << 20);
    let opts = OpenOptions::default();
    let large = open_large(&path);
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    let total = large.size();
    let indexing = loader::start(open_large(&path), opts);
    let progress = indexing.progress.clone();
    app.reading.as_mut().unwrap().progress = progress.clone();
    // Every byte read, the whole text parsed after that (the result not taken yet): the
    // status line never said `reading 100%` while the parse ran.
    let _done = indexing.wait().unwrap();
    assert_eq!(
        progress.read.load(std::sync::atomic::Ordering::Relaxed),
        total.unwrap()
    );
    assert_eq!(app.reading_percent().as_deref(), Some("parsing…"));
}

/// The text from bookmark `c` on (its first 40 bytes, at char boundaries).
fn mark_text(app: &App, c: char) -> String {
    let p = app.marks[&c];
    app.doc.block_text(p.block)[p.byte..]
        .chars()
        .take(14)
        .collect()
}

/// A store in `dir` that remembers bookmarks `a` (block 3), `b` (block 7) and `e` (block 9)
/// of `large` by block, as a run that read the whole file left them.
fn store_with_marks(dir: &Path, large: &Large) -> (crate::store::StateStore, String) {
    use crate::store::SavedPosition;
    let key = large.key.clone().unwrap();
    let (mut store, _) = crate::store::StateStore::open_at(&dir.join("state"));
    let mut stored = FileState {
        name: "big.txt".into(),
        ..FileState::default()
    };
    for (c, block) in [('a', 3), ('b', 7), ('e', 9)] {
        stored.bookmarks.insert(c, SavedPosition { block, byte: 0 });
    }
    store.put(&key, stored).unwrap();
    (store, key)
}

#[test]
fn bookmarks_set_while_reading_are_merged_with_the_stored_ones_when_the_read_ends() {
    use crate::app::component::Effect;
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = numbered_file(dir.path(), 6 << 20);
    let opts = OpenOptions::default();
    let large = open_large(&path);
    let (store, key) = store_with_marks(dir.path(), &large);
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    persist::restore(&mut app, &store, &key, true);
    let at_b = mark_text(&app, 'b');
    // While the file is read: `a` moved and `c` set in the first region, `e` deleted, `d`
    // set in the tail (`G`).
    app.scroll(40);
    app.apply(Effect::SetMark('a'));
    app.apply(Effect::SetMark('c'));
    let at_a = top_text(&app).chars().take(14).collect::<String>();
    app.apply(Effect::DeleteMark('e'));
    app.update(Action::Bottom);
    app.scroll(-30);
    app.apply(Effect::SetMark('d'));
    let at_d = top_text(&app).chars().take(14).collect::<String>();
    assert!(!app.at_head());

    let done = loader::read_blocking(open_large(&path), &opts).unwrap();
    app.take_whole_restoring(done.doc, done.map, &store, &key);
    assert!(app.reading.is_none());
    assert_eq!(mark_text(&app, 'a'), at_a, "a as set while reading");
    assert_eq!(mark_text(&app, 'c'), at_a);
    assert_eq!(mark_text(&app, 'd'), at_d, "d set in the tail");
    assert_eq!(mark_text(&app, 'b'), at_b, "b as stored");
    assert!(!app.marks.contains_key(&'e'), "e deleted while reading");
}

#[test]
fn bookmarks_set_while_reading_are_saved_on_quitting_early_and_found_on_reopening() {
    use crate::app::component::Effect;
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = numbered_file(dir.path(), 6 << 20);
    let opts = OpenOptions::default();
    let large = open_large(&path);
    let (mut store, key) = store_with_marks(dir.path(), &large);
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    persist::restore(&mut app, &store, &key, true);
    let at_b = mark_text(&app, 'b');
    app.scroll(40);
    app.apply(Effect::SetMark('a'));
    let at_a = top_text(&app).chars().take(14).collect::<String>();
    app.update(Action::Bottom);
    app.scroll(-30);
    app.apply(Effect::SetMark('d'));
    let at_d = top_text(&app).chars().take(14).collect::<String>();
    app.apply(Effect::DeleteMark('e'));
    // `m` saves the bookmarks at once (the event loop's SaveMarks); quitting saves the place.
    save_marks_while_reading(&app, &mut store, &key).unwrap();
    let marks_only = store.get(&key).unwrap();
    assert_eq!(
        marks_only.offset, None,
        "the remembered place is left as it was"
    );
    save_while_reading(&app, &mut store, &key).unwrap();
    let saved = store.get(&key).unwrap();
    assert_eq!(saved.bookmarks.keys().collect::<String>(), "b");
    assert_eq!(saved.bookmark_offsets.keys().collect::<String>(), "ad");

    // Reopened, while it is read again: `a` is in the first region, `'d` shows the tail.
    let large = open_large(&path);
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut again = reading_app(prefix, &large, 0);
    persist::restore(&mut again, &store, &key, true);
    again.place_stored_marks(&saved.bookmark_offsets);
    assert_eq!(mark_text(&again, 'a'), at_a);
    again.apply(Effect::JumpToMark('d'));
    assert_eq!(top_text(&again).chars().take(14).collect::<String>(), at_d);
    // The whole document: all of them where they were set.
    let done = loader::read_blocking(open_large(&path), &opts).unwrap();
    again.take_whole_restoring(done.doc, done.map, &store, &key);
    assert_eq!(mark_text(&again, 'a'), at_a);
    assert_eq!(mark_text(&again, 'd'), at_d);
    assert_eq!(mark_text(&again, 'b'), at_b);
    assert!(!again.marks.contains_key(&'e'));
}
