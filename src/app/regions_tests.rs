//! Moving about a large file while it is read, without waiting for the whole of it:
//! scrolling on across regions, `]` and `[` past the region shown through the chapter lines
//! found so far, and what must wait (`G` on Markdown and on a stream) waiting with progress.

use std::path::Path;
use std::sync::Arc;

use crate::app::indexing::tests::{numbered_file, open_large, reading_app, top_line, top_text};
use crate::app::keymap::Action;
use crate::app::state::App;
use crate::document::OpenOptions;
use crate::input::loader::{self, Found};

/// The number of the source line at the top of the screen (`第N行`).
fn top_number(app: &App) -> usize {
    let line = top_line(app);
    let digits: String = line
        .trim_start_matches('第')
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no line number at the top: {line:?}"))
}

#[test]
fn paging_runs_on_across_regions_while_the_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = numbered_file(dir.path(), 6 << 20);
    let opts = OpenOptions::default();
    let large = open_large(&path);
    let (prefix, head_bytes) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    assert!(
        head_bytes <= 64 << 10,
        "a plain file's first region is small"
    );
    let in_head = app.doc.blocks.len();
    // Down far past the first region: each page moves on, none stops at a region's end.
    let mut last = top_number(&app);
    let mut regions = 0;
    for _ in 0..300 {
        let doc = app.doc.clone();
        app.update(Action::PageDown);
        regions += usize::from(!Arc::ptr_eq(&doc, &app.doc));
        let now = top_number(&app);
        assert!(now > last, "PageDown moved from line {last} to {now}");
        assert!(
            now - last <= app.page_height(),
            "no line skipped: {last} → {now}"
        );
        last = now;
    }
    assert!(
        regions >= 2,
        "the reader went on into later regions ({regions})"
    );
    assert!(!app.at_head() && app.reading.as_ref().unwrap().pending.is_none());
    assert!(
        last > in_head,
        "past the first region's {in_head} blocks: line {last}"
    );
    // And back up, to the top of the file.
    for _ in 0..400 {
        let before = top_number(&app);
        app.update(Action::PageUp);
        if app.anchor == crate::app::view::Position::default() && app.at_head() {
            break;
        }
        let now = top_number(&app);
        assert!(now < before, "PageUp moved from line {before} to {now}");
        assert!(
            before - now <= app.page_height(),
            "no line skipped: {before} → {now}"
        );
    }
    assert!(app.at_head());
    assert_eq!(top_number(&app), 0);
}

/// A file whose chapters are longer than a region (about 90 KiB each).
fn long_chapters(dir: &Path) -> std::path::PathBuf {
    let mut text = String::new();
    for ch in 0..60 {
        text.push_str(&format!("第{ch}章 長章\n"));
        for i in 0..2000 {
            text.push_str(&format!("第{i}行：這是第{ch}章裏的一行字。\n"));
        }
    }
    let path = dir.join("long.txt");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn section_keys_go_past_the_region_shown_through_the_chapters_found_so_far() {
    let dir = tempfile::tempdir().unwrap();
    let path = long_chapters(dir.path());
    let opts = OpenOptions::default();
    let large = open_large(&path);
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    assert_eq!(
        app.doc.sections.len(),
        1,
        "the first region holds one chapter"
    );
    let indexing = loader::start(open_large(&path), opts.clone());
    app.reading.as_mut().unwrap().progress = indexing.progress.clone();
    let _done = indexing.wait().unwrap();
    app.refresh_outline();

    app.update(Action::NextSection);
    assert_eq!(top_text(&app).lines().next(), Some("第1章 長章"));
    assert!(!app.at_head());
    app.update(Action::NextSection);
    assert_eq!(top_text(&app).lines().next(), Some("第2章 長章"));
    // `[` from a chapter's start: the chapter before, outside the region shown.
    app.update(Action::PrevSection);
    assert_eq!(top_text(&app).lines().next(), Some("第1章 長章"));
    app.update(Action::PrevSection);
    assert_eq!(top_text(&app).lines().next(), Some("第0章 長章"));
    assert!(
        app.reading.as_ref().unwrap().pending.is_none(),
        "nothing waited"
    );
}

#[test]
fn next_section_waits_for_the_next_chapter_line_found_not_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = long_chapters(dir.path());
    let opts = OpenOptions::default();
    let large = open_large(&path);
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    // Nothing found yet past the first region: `]` waits, and says so.
    app.update(Action::NextSection);
    assert_eq!(
        app.reading.as_ref().unwrap().pending,
        Some(Action::NextSection)
    );
    assert!(app.message.as_deref().unwrap().contains("next section"));
    // The reader thread finds the next chapter line: `]` goes there at once.
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("第1章 長章").unwrap() as u64;
    let progress = app.reading.as_ref().unwrap().progress.clone();
    progress.outline.lock().unwrap().extend([
        Found {
            at: 0,
            title: "第0章 長章".into(),
            level: 1,
        },
        Found {
            at,
            title: "第1章 長章".into(),
            level: 1,
        },
    ]);
    app.refresh_outline();
    assert_eq!(top_text(&app).lines().next(), Some("第1章 長章"));
    assert!(app.reading.as_ref().unwrap().pending.is_none());
}

#[test]
fn g_on_markdown_and_on_a_stream_waits_for_the_read_with_progress_then_goes_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut md = String::new();
    let mut i = 0;
    while md.len() < 6 << 20 {
        md.push_str(&format!("## 第{i}節\n\n這是第{i}段，用來測試的文字。\n\n"));
        i += 1;
    }
    md.push_str("最後一段。\n");
    let path = dir.path().join("big.md");
    std::fs::write(&path, &md).unwrap();
    let opts = OpenOptions::default();
    let large = open_large(&path);
    assert!(
        !loader::can_seek(&large, &opts),
        "a Markdown region is not cut out of order"
    );
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    // As the reader has it: no seeker for a Markdown text (nor for a stream).
    app.reading.as_mut().unwrap().seeker = None;
    let indexing = loader::start(open_large(&path), opts.clone());
    app.reading.as_mut().unwrap().progress = indexing.progress.clone();
    app.update(Action::Bottom);
    assert_eq!(app.reading.as_ref().unwrap().pending, Some(Action::Bottom));
    assert!(app.message.as_deref().unwrap().contains("going to the end"));
    assert!(
        app.reading_percent().is_some(),
        "the status line shows the progress"
    );
    let done = indexing.wait().unwrap();
    let base = app.region_text_start(&done.map);
    app.take_whole(done.doc, base, done.map);
    assert!(app.reading.is_none() && app.at_end);
    assert!(app
        .doc
        .block_text(app.doc.blocks.len() - 1)
        .contains("最後一段"));
}

#[test]
fn l_while_reading_shows_the_region_in_the_other_mode_at_once_and_the_whole_file_follows() {
    use crate::document::reflow::Reflow;
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = numbered_file(dir.path(), 6 << 20);
    let opts = OpenOptions::default();
    let large = open_large(&path);
    let (prefix, _) = loader::prefix(&large, &opts).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    let indexing = loader::start(open_large(&path), opts.clone());
    app.reading.as_mut().unwrap().progress = indexing.progress.clone();
    app.scroll(30);
    let line = top_number(&app);
    let before = app.reflow().unwrap();
    app.update(Action::ToggleReflow);
    let after = app.reflow().unwrap();
    assert_eq!(
        after,
        before.toggled(),
        "the region shown changed mode at once"
    );
    assert_eq!(top_number(&app), line, "at the same line");
    assert!(
        app.reading.as_ref().unwrap().pending.is_none(),
        "nothing waits"
    );
    // `G` (the tail) and `g` (the first region) are in the new mode too.
    app.update(Action::Bottom);
    assert_eq!(app.reflow(), Some(after));
    app.update(Action::Top);
    assert_eq!(app.reflow(), Some(after));
    app.scroll(30);
    let line = top_number(&app);
    // The whole document was parsed in it on the reader's thread.
    let done = indexing.wait().unwrap();
    assert_eq!(done.doc.source.reflow.map(|r| r.mode), Some(after));
    let base = app.region_text_start(&done.map);
    app.take_whole(done.doc, base, done.map);
    assert_eq!(app.reflow(), Some(after));
    assert_eq!(top_number(&app), line);
    assert_ne!(
        after,
        Reflow::Auto,
        "from the default, L shows the source lines"
    );
}

#[test]
fn l_on_a_large_document_parses_it_again_on_a_thread_keeping_the_place() {
    use crate::document::reflow::Reflow;
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = numbered_file(dir.path(), 1 << 20);
    let doc =
        crate::document::open_vec(text.into_bytes(), "big.txt", &OpenOptions::default()).unwrap();
    let large = open_large(&numbered_file(dir.path(), 6 << 20).0);
    let mut app = reading_app(doc, &large, 0);
    app.reading = None;
    app.scroll(200);
    let line = top_number(&app);
    let before = app.reflow().unwrap();
    app.set_reflow_in_background(before.toggled());
    // The reader goes on meanwhile; the status line says what runs.
    assert!(app.reflow_running());
    assert!(app.message.as_deref().unwrap().starts_with("L: parsing"));
    assert_eq!(app.reflow(), Some(before));
    let mut polls = 0;
    while app.reflow_running() {
        app.reflow_poll();
        std::thread::sleep(std::time::Duration::from_millis(5));
        polls += 1;
        assert!(polls < 20_000, "the thread never answered");
    }
    assert_eq!(app.reflow(), Some(before.toggled()));
    assert_eq!(top_number(&app), line, "the same line at the top");
    assert_ne!(before.toggled(), Reflow::Auto);
}
