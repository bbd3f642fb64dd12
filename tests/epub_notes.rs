//! Ruby and footnotes in a real book: the opening of 《红楼梦》 第一回 (public domain, from
//! `tests/data/hongloumeng-1-2.txt`) written as pandoc Markdown with author ruby
//! (`<ruby>甄<rt>zhēn</rt>…</ruby>`), two footnotes (`[^1]`) and an image,
//! `tests/data/epub/hongloumeng-notes.md`; the book was made with
//! `pandoc -f markdown -t epub3 -o hongloumeng-notes-epub3.epub hongloumeng-notes.md`
//! (pandoc 2.17) and the HTML page `tests/fixtures/hongloumeng_notes.html` with
//! `pandoc -s -t html`. Checked through the real binary.

mod common;

use std::path::{Path, PathBuf};

fn book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/epub/hongloumeng-notes-epub3.epub")
}

fn yuedu(args: &[&str], file: &Path) -> String {
    common::run_ok(args, file)
}

#[test]
fn dump_prints_ruby_rows_over_their_bases_when_pinyin_is_shown() {
    let args = ["--dump", "--width", "40", "--variant", "original"];
    let hidden = yuedu(&args, &book());
    assert!(!hidden.contains("zhēn"), "{hidden}");
    assert!(hidden.contains("故曰“甄士隐”云"), "{hidden}");
    let shown = yuedu(
        &[&args[..], &["--typography", "original"]].concat(),
        &book(),
    );
    let rows: Vec<&str> = shown.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains("故曰“甄"))
        .expect("the base line");
    // The annotation row is right above the line of its bases, each centred over its base:
    // `甄` at cells 24–25 under `zhēn` (24–27)…
    assert_eq!(
        rows[at - 1],
        "                        zhēn shì yǐn",
        "{shown}"
    );
    assert_eq!(rows[at], "此《石头记》一书也。故曰“甄   士  隐”云");
    // …and the rt never enters the base text.
    assert!(rows
        .iter()
        .all(|r| !(r.contains("zhēn") && r.contains('甄'))));
    assert_eq!(
        rows[rows.iter().position(|r| r.contains("女娲")).unwrap() - 1],
        "    nǚwā"
    );
}

#[test]
fn an_image_is_a_block_of_its_own_labelled_in_the_displayed_script() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hongloumeng_notes.html");
    for f in [book(), page] {
        let simplified = yuedu(&["--dump", "--width", "40", "--variant", "original"], &f);
        assert!(
            simplified.contains("下。\n\n[图 青埂峰下的顽石]\n\n青埂峰下的顽石\n"),
            "{simplified}"
        );
        let traditional = yuedu(&["--dump", "--width", "40", "--variant", "traditional"], &f);
        assert!(
            traditional.contains("\n[圖 青埂峯下的頑石]\n"),
            "{traditional}"
        );
    }
}

mod app {
    //! The reader driven by keys and the mouse on the same book and page.
    use std::sync::Arc;

    use crossterm::event::{
        KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
    };
    use yuedu::app::state::App;
    use yuedu::document::{open, InlineStyle, OpenOptions};
    use yuedu::layout::WrapOptions;
    use yuedu::present::PresentOptions;
    use yuedu::script::{Identity, Script, Scripter};
    use yuedu::units::Cells;

    fn reader(path: &std::path::Path, height: u16) -> App {
        let bytes = std::fs::read(path).unwrap();
        let doc = open(&bytes, "book", &OpenOptions::default()).unwrap();
        let scripter = Scripter::new(Arc::new(Identity), Script::Simplified);
        let wrap = WrapOptions::new(Cells(40));
        App::new(
            doc,
            scripter,
            PresentOptions::default(),
            wrap,
            true,
            (50, height),
        )
    }

    fn key(app: &mut App, code: KeyCode) {
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    /// The rows on screen.
    fn shown(app: &mut App) -> String {
        app.page(app.page_height()).text().join("\n")
    }

    fn files() -> [std::path::PathBuf; 2] {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        [
            super::book(),
            root.join("tests/fixtures/hongloumeng_notes.html"),
        ]
    }

    #[test]
    fn enter_follows_the_first_marker_and_two_quotes_come_back() {
        for f in files() {
            let mut app = reader(&f, 16);
            let before = app.anchor;
            assert!(!shown(&mut app).contains("1. 甄士隐"));
            key(&mut app, KeyCode::Enter);
            let s = shown(&mut app);
            assert!(
                s.contains("1. 甄士隐：谐音“真事隐”"),
                "{}:\n{s}",
                f.display()
            );
            key(&mut app, KeyCode::Char('\''));
            key(&mut app, KeyCode::Char('\''));
            assert_eq!(app.anchor, before, "{}", f.display());
        }
    }

    #[test]
    fn a_click_on_a_marker_follows_it() {
        for f in files() {
            let mut app = reader(&f, 30);
            assert!(!shown(&mut app).contains("2. 大荒山无稽崖"));
            // Find where the page draws the second marker `[2]`.
            let page = app.page(app.page_height());
            let (row, col) = page
                .rows
                .iter()
                .enumerate()
                .find_map(|(i, r)| {
                    r.runs
                        .iter()
                        .find(|run| {
                            run.text == "[2]"
                                && run
                                    .style
                                    .inline
                                    .iter()
                                    .any(|s| matches!(s, InlineStyle::NoteRef { .. }))
                        })
                        .map(|run| (i, run.col))
                })
                .expect("marker [2] on the first page");
            let (x0, y0) = app.column_origin();
            app.on_mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: x0 + col.as_u16() + 1,
                row: y0 + row as u16,
                modifiers: KeyModifiers::NONE,
            });
            let s = shown(&mut app);
            assert!(s.contains("2. 大荒山无稽崖"), "{}:\n{s}", f.display());
            assert!(app.selection.is_none());
            // Enter on the note's page follows the first marker there: a note's back link
            // (the book is short: the page ends at its end, where both notes are).
            key(&mut app, KeyCode::Enter);
            let text = app.doc.block_text(app.anchor.block);
            assert!(text.contains("故曰“甄士隐”云云。[1]"), "{text:?}");
        }
    }
}
