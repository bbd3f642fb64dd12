//! Hit-testing: every cell of the reading column maps back to the source character drawn
//! there, and decorations (indent, quote bars, `↪`, rules, margins) map to nothing.

use std::sync::Arc;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use unicode_segmentation::UnicodeSegmentation;
use yuedu::app::state::App;
use yuedu::document::{open, Format, OpenOptions};
use yuedu::layout::width::grapheme_width;
use yuedu::layout::{AmbiguousWidth, WrapOptions};
use yuedu::present::{PresentOptions, Typography};
use yuedu::script::{Identity, Script, Scripter};
use yuedu::units::Cells;

fn app(text: &str, format: Format, size: (u16, u16), amb: AmbiguousWidth) -> App {
    let opts = OpenOptions {
        format: Some(format),
        ..Default::default()
    };
    let doc = open(text.as_bytes(), "t", &opts).unwrap();
    let present = PresentOptions {
        typography: Typography::ORIGINAL,
        ..Default::default()
    };
    let wrap = WrapOptions {
        ambiguous: amb,
        hanging_punctuation: true,
        ..WrapOptions::new(Cells(30))
    };
    let scripter = Scripter::new(Arc::new(Identity), Script::Traditional);
    let mut app = App::new(doc, scripter, present, wrap, true, size);
    app.set_indent(true);
    app
}

/// Draws the screen and checks every cell: where hit-testing names a position, the
/// grapheme drawn there (or, in the right half of a wide one, just left of it) is the
/// source text at that position; where it names none, no source text is drawn. Returns how
/// many cells named a position.
fn check_every_cell(app: &mut App) -> usize {
    let (w, h) = (app.term_width, app.term_height);
    let amb = app.view.key().wrap.ambiguous;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| yuedu::ui::draw(f, app)).unwrap();
    let buf = term.backend().buffer().clone();
    let doc = app.doc.clone();
    let mut hits = 0;
    for y in 0..h - 1 {
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol().to_string();
            let cw = grapheme_width(&sym, amb).as_u16().max(1);
            for dx in 0..cw {
                if let Some(p) = app.hit_test(x + dx, y) {
                    hits += 1;
                    let text = doc.block_text(p.block);
                    let at = &text[p.byte..];
                    let g = at.graphemes(true).next().unwrap_or("");
                    assert_eq!(g, sym, "cell ({}, {y}) names {p:?}", x + dx);
                }
            }
            x += cw;
        }
    }
    hits
}

#[test]
fn every_cell_of_plain_text() {
    for amb in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
        let mut a = app(yuedu::BUNDLED_ARTICLE, Format::Plain, (50, 20), amb);
        for _ in 0..6 {
            assert!(check_every_cell(&mut a) > 200);
            a.scroll(17);
        }
    }
}

#[test]
fn every_cell_of_markdown_with_decorations() {
    let md = "# 標題\n\n> 引用一段“很長”的話，長得要折行才行，再長一點點。\n\n- 列表項目，也很長很長很長很長很長很長很長。\n\n```\nlet s = \"一行很長很長很長很長很長的程式碼，要用續行記號\";\n```\n\n---\n\n| 名稱 | 數量 |\n|---|---|\n| 蘋果 | 3 |\n";
    let mut a = app(md, Format::Markdown, (40, 24), AmbiguousWidth::Narrow);
    assert!(check_every_cell(&mut a) > 100);
    // Decorations and the margin name nothing: the quote bar, the `↪`.
    let (x0, _) = a.column_origin();
    assert_eq!(a.hit_test(0, 0), None);
    let screen = {
        let mut term = Terminal::new(TestBackend::new(40, 24)).unwrap();
        term.draw(|f| yuedu::ui::draw(f, &mut a)).unwrap();
        term.backend().buffer().clone()
    };
    let mut seen_bar = false;
    let mut seen_mark = false;
    for y in 0..23 {
        let sym = screen[(x0, y)].symbol();
        if sym == "│" {
            seen_bar = true;
            assert_eq!(a.hit_test(x0, y), None);
        }
        for x in x0..40 {
            if screen[(x, y)].symbol() == "↪" {
                seen_mark = true;
                assert_eq!(a.hit_test(x, y), None);
            }
        }
    }
    assert!(seen_bar && seen_mark, "no quote bar or ↪ on screen");
}
