//! Inputs for the open and frame benchmarks, generated in memory (never committed).
//!
//! The bundled article (`assets/article.txt`, about 10.5 KB of Traditional Chinese news text,
//! 37 lines) repeated to a target size in bytes, optionally with a `第N章 …` chapter line before
//! every [`CHAPTER_EVERY`] paragraphs. `scripts/bench.sh` writes the same files with awk.
#![allow(dead_code)]

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use yuedu::app::state::App;
use yuedu::document::{self, OpenOptions};
use yuedu::layout::WrapOptions;
use yuedu::present::{PresentOptions, Typography};
use yuedu::script::{self, EngineKind, Scripter, Variant};
use yuedu::units::Cells;

/// The article every input is made of.
pub const ARTICLE: &str = include_str!("../../assets/article.txt");

/// Paragraphs (source lines) between two chapter lines in the chapter variant.
pub const CHAPTER_EVERY: usize = 30;

/// One mebibyte, in bytes.
pub const MB: usize = 1 << 20;

/// The article's lines repeated until the text is at least `target_bytes` long (UTF-8 bytes);
/// with `chapters`, a line `第N章 跨界攬才之N` precedes every [`CHAPTER_EVERY`] lines.
pub fn corpus(target_bytes: usize, chapters: bool) -> String {
    repeat(ARTICLE, "跨界攬才之", target_bytes, chapters)
}

fn repeat(article: &str, title: &str, target_bytes: usize, chapters: bool) -> String {
    let lines: Vec<&str> = article.lines().collect();
    let mut out = String::with_capacity(target_bytes + article.len());
    let mut n = 0usize;
    let mut chapter = 0usize;
    while out.len() < target_bytes {
        if chapters && n.is_multiple_of(CHAPTER_EVERY) {
            chapter += 1;
            out.push_str(&format!("第{chapter}章 {title}{chapter}\n"));
        }
        out.push_str(lines[n % lines.len()]);
        out.push('\n');
        n += 1;
    }
    out
}

/// A GBK file of at least `target_bytes` bytes *before* encoding, with chapter lines: the
/// article converted to Simplified (GBK files are in practice Simplified), without its pinyin
/// annotations, repeated, encoded as GBK (characters GBK lacks would become HTML numeric
/// references, as `encoding_rs` does; the article has none).
///
/// The article's scraped pinyin annotations (`發(fā)`, `業(yè)`: 138 of them) are removed because
/// with them chardetng takes the GBK bytes for windows-1252 (see BENCHMARKS.md), and this
/// benchmark is about the cost of opening a GBK file, not of opening mojibake.
pub fn gbk(target_bytes: usize) -> Vec<u8> {
    let engine = script::engine(EngineKind::Builtin).expect("builtin engine");
    let simplified = strip_pinyin(&engine.convert(script::Config::T2s, ARTICLE));
    let text = repeat(&simplified, "跨界揽才之", target_bytes, true);
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    bytes.into_owned()
}

/// Removes parenthesised runs of lowercase Latin letters with or without tone marks (`(fā)`);
/// same as `sed -E 's/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)//g'` in scripts/bench.sh.
fn strip_pinyin(text: &str) -> String {
    let pinyin = |c: char| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open_byte) = rest.find('(') {
        let after = &rest[open_byte + 1..];
        let run_bytes = after.find(|c: char| !pinyin(c)).unwrap_or(after.len());
        out.push_str(&rest[..open_byte]);
        if run_bytes > 0 && after[run_bytes..].starts_with(')') {
            rest = &after[run_bytes + 1..];
        } else {
            out.push('(');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Opens `bytes` the way `src/app/load.rs` does (`open_vec`, real engine, detected script, tidy
/// typography, width 80) and builds the app for a `size` terminal. Lays out nothing beyond what
/// `App::new` does.
pub fn open_app(bytes: Vec<u8>, name: &str, size: (u16, u16)) -> App {
    let doc = document::open_vec(bytes, name, &OpenOptions::default()).expect("open");
    let engine = script::engine(EngineKind::Builtin).expect("builtin engine");
    let source = script::detect_script(&*engine, &doc.text);
    let scripter = Scripter::new(engine, source);
    let present = PresentOptions {
        variant: Variant::Original,
        typography: Typography::TIDY,
    };
    App::new(
        doc,
        scripter,
        present,
        WrapOptions::new(Cells(80)),
        true,
        size,
    )
}

/// A terminal of the app's size over a `TestBackend`.
pub fn terminal(app: &App) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(app.term_width, app.term_height)).expect("test backend")
}

/// Draws one frame of `app` into `term`.
pub fn draw(term: &mut Terminal<TestBackend>, app: &mut App) {
    term.draw(|f| yuedu::ui::draw(f, app)).expect("draw");
}
