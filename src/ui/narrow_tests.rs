//! A newcomer's cosmetic finds on small terminals: the navigator's title cut mid-word while
//! a large file is read, the status line's percent lost at 22 columns, help descriptions
//! cut at 40×12.

use std::sync::Arc;

use super::navigator::title_fitting;
use super::overlay::help_lines_at;
use super::test_screen::screen;
use crate::app::indexing::tests::{numbered_file, open_large, reading_app};
use crate::app::keymap::Action;
use crate::app::state::App;
use crate::document::{open, OpenOptions};
use crate::input::loader;
use crate::layout::width::str_width;
use crate::layout::{AmbiguousWidth, WrapOptions};
use crate::present::PresentOptions;
use crate::script::{Identity, Script, Scripter};
use crate::units::Cells;

fn app(text: &str, size: (u16, u16)) -> App {
    let doc = open(
        text.as_bytes(),
        "a-long-file-name.txt",
        &OpenOptions::default(),
    )
    .unwrap();
    let scripter = Scripter::new(Arc::new(Identity), Script::Simplified);
    App::new(
        doc,
        scripter,
        PresentOptions::default(),
        WrapOptions::new(Cells(40)),
        true,
        size,
    )
}

fn long_text() -> String {
    (1..=40)
        .map(|i| format!("第{i}章 标题\n\n正文第{i}段，这是一段足够长的文字。\n\n"))
        .collect()
}

#[test]
fn the_navigator_title_drops_words_before_it_cuts_the_count_or_percent() {
    let w = |t: &str| str_width(t, AmbiguousWidth::Narrow).as_u16();
    let s = Script::Simplified;
    for room in 8..60 {
        let t = title_fitting(
            s,
            "6000",
            Some("indexing 100%"),
            room,
            AmbiguousWidth::Narrow,
        );
        if room >= 15 {
            assert!(w(&t) <= room, "{t:?} wider than {room}");
            assert!(t.contains("(6000)") && t.contains("100% "), "{room}: {t:?}");
        }
        assert!(t.contains("6000"), "{room}: {t:?}");
    }
    let wide = title_fitting(s, "6000", Some("indexing 100%"), 60, AmbiguousWidth::Narrow);
    assert_eq!(wide, " 章节 Sections (6000) · indexing 100% ");
    let mid = title_fitting(s, "6000", Some("indexing 100%"), 30, AmbiguousWidth::Narrow);
    assert_eq!(mid, " 章节 (6000) · indexing 100% ");
    let tight = title_fitting(
        s,
        "12/6000",
        Some("indexing 45%"),
        22,
        AmbiguousWidth::Narrow,
    );
    assert_eq!(tight, " 章节 (12/6000) · 45% ");
}

#[test]
fn the_navigator_drawn_while_a_large_file_is_read_has_a_whole_title() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = numbered_file(dir.path(), 6 << 20);
    let large = open_large(&path);
    let (prefix, _) = loader::prefix(&large, &OpenOptions::default()).unwrap();
    let mut app = reading_app(prefix, &large, 0);
    for width in [40, 60, 80, 100, 140] {
        app.on_resize(width, 20);
        if app.navigator().is_none() {
            app.update(Action::ToggleNavigator);
        }
        let s = screen(&mut app);
        let title = s.lines().find(|l| l.contains("0%")).unwrap_or("");
        assert!(title.contains(") · "), "{width}: {s}");
        assert!(title.contains("0% ─"), "{width}: the title is cut: {title}");
    }
}

#[test]
fn the_status_line_keeps_its_percent_on_a_narrow_terminal() {
    for width in [16, 20, 22, 26, 30, 40] {
        let mut app = app(&long_text(), (width, 8));
        app.update(Action::PageDown);
        let s = screen(&mut app);
        let status = s.lines().last().unwrap();
        let pct = format!("{}%", app.percent());
        assert!(status.trim_end().ends_with(&pct), "{width}: {status:?}");
    }
    // Wide enough, every part is there.
    let mut app = app(&long_text(), (100, 8));
    let s = screen(&mut app);
    assert!(s.lines().last().unwrap().contains("原文 (简)"));
}

#[test]
fn help_wraps_descriptions_on_a_small_terminal() {
    let mut app = app(&long_text(), (40, 12));
    app.update(Action::Help);
    let s = screen(&mut app);
    assert!(s.contains("down one line"), "{s}");
    for width in [20, 30, 36, 44, 60] {
        let lines = help_lines_at(&app, width);
        let all: Vec<String> = lines.iter().map(|l| l.0.clone()).collect();
        for (l, head) in &lines {
            assert!(
                *head || str_width(l, AmbiguousWidth::Narrow).0 <= width,
                "{width}: {l:?}"
            );
        }
        if width < 30 {
            // Words longer than the room are cut between characters there.
            continue;
        }
        // Every word of every description is there, whole, in order.
        let joined: String = all.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        for b in crate::app::keymap::KEYMAP {
            let want = words(b.label).join(" ");
            assert!(
                words(&joined).join(" ").contains(&want),
                "{width}: {:?} is cut",
                b.label
            );
        }
    }
}
