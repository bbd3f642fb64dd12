//! `--dump` prints exactly the rows the screen shows, for the same settings (issue 12,
//! DECISIONS "Output formats"): indent, hanging punctuation, paragraph spacing, ambiguous
//! narrow and wide, several widths, plain text and Markdown. In process (the screen through
//! ratatui's `TestBackend`), and once through the real binary with a config file in a pty.

mod common;

use std::sync::Arc;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use yuedu::app::state::App;
use yuedu::document::{open, Document, OpenOptions};
use yuedu::dump::write_dump;
use yuedu::layout::block::LayoutKey;
use yuedu::layout::width::grapheme_width;
use yuedu::layout::{AmbiguousWidth, WrapOptions};
use yuedu::present::PresentOptions;
use yuedu::script::{Identity, Script, Scripter};
use yuedu::units::Cells;

fn scripter() -> Scripter {
    Scripter::new(Arc::new(Identity), Script::Traditional)
}

fn doc(name: &str) -> Document {
    let bytes = match name {
        "article.txt" => yuedu::BUNDLED_ARTICLE.as_bytes().to_vec(),
        other => std::fs::read(format!("tests/fixtures/{other}")).unwrap(),
    };
    open(&bytes, name, &OpenOptions::default()).unwrap()
}

fn dump_rows(name: &str, key: &LayoutKey) -> Vec<String> {
    let mut out = Vec::new();
    write_dump(&mut out, &doc(name), &scripter(), key).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// Every row of the reading column on screen, the margin cut off, from the top to the end
/// (the terminal is made tall enough to hold the whole document).
fn screen_rows(name: &str, key: &LayoutKey, rows: u16) -> Vec<String> {
    let width = key.wrap.width;
    let cols = u16::try_from(width.0 + 10).unwrap();
    let mut app = App::new(
        doc(name),
        scripter(),
        key.present,
        key.wrap,
        key.paragraph_spacing,
        (cols, rows),
    );
    app.set_indent(key.indent);
    assert_eq!(app.column_width(), width);
    let mut term = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    term.draw(|f| yuedu::ui::draw(f, &mut app)).unwrap();
    let buf = term.backend().buffer().clone();
    let (x0, _) = app.column_origin();
    let amb = key.wrap.ambiguous;
    let mut out = Vec::new();
    for y in 0..rows - 1 {
        let mut row = String::new();
        let mut x = x0;
        while x < cols {
            let sym = buf[(x, y)].symbol();
            row.push_str(sym);
            x += grapheme_width(sym, amb).as_u16().max(1);
        }
        out.push(row.trim_end().to_string());
    }
    out
}

fn key(width: usize, amb: AmbiguousWidth, indent: bool, hanging: bool, spacing: bool) -> LayoutKey {
    LayoutKey {
        present: PresentOptions::default(),
        wrap: WrapOptions {
            ambiguous: amb,
            hanging_punctuation: hanging,
            ..WrapOptions::new(Cells(width))
        },
        paragraph_spacing: spacing,
        indent,
    }
}

#[test]
fn dump_equals_the_screen() {
    for name in ["article.txt", "nested.md", "novel_simplified.txt"] {
        for amb in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
            for (indent, hanging, spacing) in [
                (false, false, true),
                (true, true, true),
                (true, false, false),
                (false, true, false),
            ] {
                for width in [20, 37, 61] {
                    let k = key(width, amb, indent, hanging, spacing);
                    let dump = dump_rows(name, &k);
                    let rows = u16::try_from(dump.len() + 1).unwrap();
                    let screen = screen_rows(name, &k, rows);
                    assert_eq!(
                        dump, screen,
                        "{name} width {width} {amb:?} indent {indent} hanging {hanging}"
                    );
                }
            }
        }
    }
}

/// The report, through the binary: with `indent` and `hanging_punctuation` in the
/// config, `--dump --width 40` prints the rows the reader shows at a 40-cell column.
#[test]
fn dump_equals_the_screen_with_a_config_file() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config").join("yuedu");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "indent = true\nhanging_punctuation = true\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["--dump", "--width", "40", "--ambiguous", "narrow"])
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let dump: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect();
    assert!(
        dump[3].starts_with("　　"),
        "no indent in --dump:\n{}",
        dump[..8].join("\n")
    );
    let (cols, rows) = (50u16, 30u16);
    let mut s = common::Session::start(
        &["--width", "40", "--ambiguous", "narrow"],
        cols,
        rows,
        home.path(),
    );
    s.wait_for("華為", 10);
    let screen = s.settle();
    let x0 = usize::from(cols - 40) / 2;
    let shown: Vec<String> = screen
        .lines()
        .take(usize::from(rows) - 1)
        .map(|l| {
            l.chars()
                .skip(x0)
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    assert_eq!(shown, dump[..shown.len()].to_vec());
    s.send("q");
    s.wait_exit(10);
}
