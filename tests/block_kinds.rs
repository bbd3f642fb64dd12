//! The block kinds of the shared model (preformatted, table, verse, image, rule, annotations,
//! colour styles) are shown on screen and by `--dump` without panicking, at any width.

use std::sync::Arc;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use yuedu::app::state::App;
use yuedu::document::ansi::{AnsiColor, AnsiStyle};
use yuedu::document::{
    Annotation, AnnotationKind, Block, BlockKind, Document, Format, InlineStyle, StyleSpan,
};
use yuedu::dump::write_dump;
use yuedu::layout::block::LayoutKey;
use yuedu::layout::{AmbiguousWidth, WrapOptions};
use yuedu::present::PresentOptions;
use yuedu::script::{Identity, Script, Scripter};
use yuedu::units::Cells;

/// A document with one block of every kind.
fn every_kind() -> Document {
    let parts: &[(BlockKind, &str)] = &[
        (BlockKind::Title, "《山城夜雨》"),
        (BlockKind::Heading { level: 1 }, "第一章　雨"),
        (
            BlockKind::Paragraph,
            "他發(fā)展了一個很長很長的想法，直到天亮。",
        ),
        (
            BlockKind::Preformatted,
            "fn main() {\n\tprintln!(\"這是一行非常非常長的程式碼，比欄寬還要寬得多\");\n}",
        ),
        (
            BlockKind::Table,
            "名稱\t數量\n蘋果\t3\n一個很長的名字\t12345",
        ),
        (
            BlockKind::Verse,
            "床前明月光\n疑是地上霜\n舉頭望明月\n低頭思故鄉",
        ),
        (BlockKind::Rule, ""),
        (BlockKind::Rule, "＊＊＊"),
        (BlockKind::Image, "一張照片：雨中的山城"),
        (BlockKind::Image, ""),
        (BlockKind::ListItem { depth: 1 }, "• 第一項"),
        (BlockKind::Quote { depth: 2 }, "引用的話"),
    ];
    let mut doc = Document::default();
    doc.source.format = Format::Markdown;
    for (kind, text) in parts {
        let start = doc.text.len();
        doc.text.push_str(text);
        let mut b = Block::new(*kind, start..doc.text.len());
        if *kind == BlockKind::Paragraph {
            b.annotations.push(Annotation {
                bytes: 3..6,
                text: "fā".into(),
                kind: AnnotationKind::Pinyin,
            });
            b.spans.push(StyleSpan {
                bytes: 0..3,
                style: InlineStyle::Ansi(AnsiStyle {
                    fg: Some(AnsiColor::Indexed(1)),
                    ..AnsiStyle::default()
                }),
            });
            b.spans.push(StyleSpan {
                bytes: 3..12,
                style: InlineStyle::Ansi(AnsiStyle {
                    reverse: true,
                    underline: true,
                    ..AnsiStyle::default()
                }),
            });
        }
        doc.blocks.push(b);
        doc.text.push('\n');
    }
    doc
}

fn scripter() -> Scripter {
    Scripter::new(Arc::new(Identity), Script::Traditional)
}

#[test]
fn dump_of_every_kind_at_any_width() {
    let doc = every_kind();
    for amb in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
        for width in [0, 1, 2, 3, 5, 8, 13, 40] {
            let mut out = Vec::new();
            let opts = WrapOptions {
                ambiguous: amb,
                ..WrapOptions::new(Cells(width))
            };
            let key = LayoutKey {
                present: PresentOptions::default(),
                wrap: opts,
                paragraph_spacing: true,
                indent: true,
            };
            write_dump(&mut out, &doc, &scripter(), &key).unwrap();
            let out = String::from_utf8(out).unwrap();
            let want = if width >= 10 || width == 0 {
                "床前明月光"
            } else {
                "床"
            };
            assert!(out.contains(want), "width {width}:\n{out}");
            assert!(!out.contains('\t'), "a tab reached the output:\n{out}");
            if width == 0 || width >= 24 {
                assert!(
                    out.contains("名稱           │ 數量\n蘋果           │ 3\n"),
                    "width {width}:\n{out}"
                );
            }
        }
    }
}

#[test]
fn screen_of_every_kind_at_any_size() {
    for (w, h) in [(1, 1), (2, 2), (5, 3), (20, 6), (40, 12), (100, 30)] {
        let mut app = App::new(
            every_kind(),
            scripter(),
            PresentOptions::default(),
            WrapOptions::new(Cells(40)),
            true,
            (w, h),
        );
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        for _ in 0..40 {
            term.draw(|f| yuedu::ui::draw(f, &mut app)).unwrap();
            app.scroll(1);
        }
    }
}
