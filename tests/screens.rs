//! Screens as pictures: the whole UI drawn into ratatui's `TestBackend` at fixed sizes and
//! compared with text pictures in `tests/screens/*.txt`. Driven only by keys (`App::on_key`)
//! and mouse events (`App::on_mouse`), which stay the same whatever the app's inside looks
//! like, and by one constructor ([`reader`]).
//!
//! A picture is the screen's rows (a wide character once, its second cell skipped), a line
//! `----`, then, when anything is highlighted, the same rows with `#` under a search match,
//! `@` under the current match and `~` under the selected word (read from the page the
//! article is drawn from). To accept new pictures after a deliberate change:
//! `UPDATE_SCREENS=1 cargo test --test screens`, then read the diff. Under `CI=true` a
//! missing picture fails.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use yuedu::app::state::App;
use yuedu::document::{open, OpenOptions};
use yuedu::layout::page::Highlight;
use yuedu::layout::width::grapheme_width;
use yuedu::layout::{AmbiguousWidth, WrapOptions};
use yuedu::present::PresentOptions;
use yuedu::script::{Identity, Script, Scripter};
use yuedu::units::Cells;

/// The reader on `file` (the bundled article or a fixture) at `size`, column width 60.
fn reader(file: &str, size: (u16, u16), amb: AmbiguousWidth) -> App {
    let bytes = match file {
        "article.txt" => yuedu::BUNDLED_ARTICLE.as_bytes().to_vec(),
        other => std::fs::read(format!("tests/fixtures/{other}")).unwrap(),
    };
    let doc = open(&bytes, file, &OpenOptions::default()).unwrap();
    let scripter = Scripter::new(Arc::new(Identity), Script::Traditional);
    let wrap = WrapOptions {
        ambiguous: amb,
        ..WrapOptions::new(Cells(60))
    };
    let mut app = App::new(doc, scripter, PresentOptions::default(), wrap, true, size);
    app.theme = yuedu::store::settings::Theme::Plain;
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn search(app: &mut App, q: &str) {
    keys(app, "/");
    keys(app, q);
    for _ in 0..400 {
        app.search_poll();
        if !app.search.is_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    app.search_poll();
    key(app, KeyCode::Enter);
}

/// The screen as a picture (see the module docs).
fn picture(app: &mut App) -> String {
    let (w, h) = (app.term_width, app.term_height);
    let amb = app.view.key().wrap.ambiguous;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| yuedu::ui::draw(f, app)).unwrap();
    let buf = term.backend().buffer().clone();
    // Highlights from the page the article was drawn from.
    let mut marks = vec![vec![' '; usize::from(w)]; usize::from(h)];
    let (x0, y0) = app.column_origin();
    let page = app.page(app.page_height());
    let mut any = false;
    for (row, pr) in page.rows.iter().enumerate() {
        for run in &pr.runs {
            let c = match run.style.highlight {
                Some(Highlight::Match) => '#',
                Some(Highlight::CurrentMatch) => '@',
                Some(Highlight::Selection) => '~',
                None => continue,
            };
            any = true;
            let x = usize::from(x0) + run.col.0;
            for cell in marks[usize::from(y0) + row]
                .iter_mut()
                .skip(x)
                .take(run.width.0)
            {
                *cell = c;
            }
        }
    }
    let mut out = String::new();
    let mut mark_rows = String::new();
    for y in 0..h {
        let mut row = String::new();
        let mut mrow = String::new();
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            row.push_str(sym);
            let cw = grapheme_width(sym, amb).as_u16().max(1);
            mrow.push(marks[usize::from(y)][usize::from(x)]);
            x += cw;
        }
        out.push_str(row.trim_end());
        out.push('\n');
        mark_rows.push_str(mrow.trim_end());
        mark_rows.push('\n');
    }
    out.push_str("----\n");
    if any {
        out.push_str(&mark_rows);
    }
    out
}

fn check(name: &str, app: &mut App) {
    let got = picture(app);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/screens")
        .join(format!("{name}.txt"));
    let update = std::env::var_os("UPDATE_SCREENS").is_some();
    match std::fs::read_to_string(&path) {
        Ok(want) if !update => assert!(
            want == got,
            "screen {name} differs from {}:\n--- want\n{want}\n--- got\n{got}",
            path.display()
        ),
        Err(_) if std::env::var_os("CI").is_some() && !update => {
            panic!("no picture {} under CI:\n{got}", path.display())
        }
        _ => std::fs::write(&path, &got).unwrap(),
    }
}

#[test]
fn reader_at_several_widths() {
    for (w, h) in [(100, 30), (64, 20), (40, 14)] {
        let mut app = reader("article.txt", (w, h), AmbiguousWidth::Narrow);
        check(&format!("reader_{w}x{h}"), &mut app);
    }
    // A few pages on, where the text is dense with quotes and dashes.
    let mut app = reader("article.txt", (64, 20), AmbiguousWidth::Narrow);
    keys(&mut app, "  ");
    check("reader_64x20_page3", &mut app);
}

#[test]
fn reader_with_ambiguous_wide() {
    let mut app = reader("article.txt", (64, 20), AmbiguousWidth::Wide);
    keys(&mut app, "  ");
    check("reader_64x20_page3_wide", &mut app);
}

#[test]
fn reader_on_markdown() {
    let mut app = reader("nested.md", (60, 30), AmbiguousWidth::Narrow);
    check("markdown_60x30", &mut app);
}

#[test]
fn navigator_side_panel_and_overlay() {
    let mut app = reader("article.txt", (110, 24), AmbiguousWidth::Narrow);
    key(&mut app, KeyCode::Tab);
    check("navigator_side_110x24", &mut app);
    let mut app = reader("article.txt", (70, 20), AmbiguousWidth::Narrow);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Down);
    check("navigator_overlay_70x20", &mut app);
}

#[test]
fn search_with_highlights() {
    let mut app = reader("article.txt", (64, 20), AmbiguousWidth::Narrow);
    search(&mut app, "南京");
    keys(&mut app, "n");
    check("search_64x20", &mut app);
}

#[test]
fn help() {
    let mut app = reader("article.txt", (80, 30), AmbiguousWidth::Narrow);
    keys(&mut app, "?");
    check("help_80x30", &mut app);
}

#[test]
fn tiny_terminal() {
    let mut app = reader("article.txt", (20, 6), AmbiguousWidth::Narrow);
    check("reader_20x6", &mut app);
    key(&mut app, KeyCode::Tab);
    check("navigator_20x6", &mut app);
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "?");
    check("help_20x6", &mut app);
}

#[test]
fn a_click_selects_the_word() {
    let mut app = reader("article.txt", (64, 20), AmbiguousWidth::Narrow);
    keys(&mut app, " ");
    let (x0, _) = app.column_origin();
    let click = |app: &mut App, x: u16, y: u16| {
        app.on_mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Row 5 is `“滿載”AI實戰經驗而歸`: the right half of `滿` selects `滿` alone (until a
    // dictionary groups words), `I` selects the word `AI`; a blank row clears.
    click(&mut app, x0 + 2, 5);
    check("click_han_64x20", &mut app);
    click(&mut app, x0 + 7, 5);
    check("click_latin_64x20", &mut app);
    click(&mut app, x0 + 2, 3);
    assert_eq!(app.selection, None);
}

#[test]
fn ruby_rows_with_p() {
    // A pandoc-made HTML page (tests/data/epub/hongloumeng-notes.md) with author ruby: hidden
    // until `p`, then a row of annotations over each line that has annotated bases.
    let mut app = reader("hongloumeng_notes.html", (50, 24), AmbiguousWidth::Narrow);
    check("ruby_hidden_50x24", &mut app);
    keys(&mut app, "p");
    check("ruby_shown_50x24", &mut app);
}
