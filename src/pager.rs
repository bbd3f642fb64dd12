//! yuedu as a pager: `less`-style start commands (`+N`, `+/pattern`, `+G`) and `-F` (quit at
//! once when the text fits one screen).
//!
//! `+` arguments are taken off the command line before clap sees it ([`split_start_args`],
//! as DECISIONS says), since clap has no syntax for them. With `-F`, a document that fits the
//! terminal is printed to the normal screen — no alternate screen, so it stays in the
//! scrollback as with `less -F` — with its styles written as SGR by yuedu itself (the input's
//! escapes never pass; only the parsed styles are re-encoded), then yuedu exits.

use std::ffi::OsString;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::app::state::App;
use crate::app::view::Position;
use crate::document::ansi::{AnsiColor, AnsiStyle};
use crate::document::{Document, InlineStyle, StyleSpan};
use crate::present::{present, present_group_lines, PresentOptions};
use crate::script::Scripter;

/// Where to start reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartAt {
    /// `+N`: line N of the text (1 is the first).
    Line(usize),
    /// `+/pattern`: the first match of the pattern (the same search as `/`).
    Pattern(String),
    /// `+G`: the end.
    End,
}

/// Takes `less`-style start commands off `args` (the program name first): `+N`, `+/pattern`
/// and `+G` before a `--`. The last one given wins. Other arguments, and `+` arguments that
/// are none of these (a file named `+notes`), stay.
pub fn split_start_args(
    args: impl IntoIterator<Item = OsString>,
) -> (Vec<OsString>, Option<StartAt>) {
    let mut rest = Vec::new();
    let mut start = None;
    let mut options_done = false;
    for (i, arg) in args.into_iter().enumerate() {
        if i == 0 || options_done {
            rest.push(arg);
            continue;
        }
        if arg == "--" {
            options_done = true;
            rest.push(arg);
            continue;
        }
        let parsed = arg
            .to_str()
            .and_then(|s| s.strip_prefix('+'))
            .and_then(|cmd| {
                if let Some(p) = cmd.strip_prefix('/') {
                    (!p.is_empty()).then(|| StartAt::Pattern(p.to_string()))
                } else if cmd == "G" {
                    Some(StartAt::End)
                } else {
                    cmd.parse::<usize>().ok().map(StartAt::Line)
                }
            });
        match parsed {
            Some(s) => start = Some(s),
            None => rest.push(arg),
        }
    }
    (rest, start)
}

/// The position of line `n` (1-based) of the source, as `less` counts it: the block holding
/// that line's start, or the next block. A rebuilt text (a man page, whose paragraphs are
/// joined) maps the source's lines through [`crate::document::SourceInfo::line_starts`];
/// otherwise the text's lines are the source's (a reflowed plain text keeps its line ends).
pub fn line_position(doc: &Document, n: usize) -> Position {
    let byte = if let Some(starts) = &doc.source.line_starts {
        starts
            .get(n.saturating_sub(1))
            .copied()
            .unwrap_or(doc.text_len())
    } else if n <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', doc.whole_text().as_bytes())
            .nth(n - 2)
            .map_or(doc.text_len(), |i| i + 1)
    };
    let block = doc
        .blocks
        .partition_point(|b| b.bytes.end <= byte)
        .min(doc.blocks.len().saturating_sub(1));
    let start = doc.blocks.get(block).map_or(0, |b| b.bytes.start);
    Position {
        block,
        byte: byte.saturating_sub(start),
    }
}

/// An EPUB or an HTML page: `+N` is its N-th contents entry.
fn is_book(doc: &Document) -> bool {
    matches!(
        doc.source.format,
        crate::document::Format::Epub | crate::document::Format::Html
    )
}

/// Moves the reader to `start` (after the remembered place is restored, so it wins).
pub fn apply_start(app: &mut App, start: &StartAt) {
    use crate::app::keymap::Action;
    match start {
        // A book or an HTML page has no lines of its own to count: `+N` opens at the N-th
        // entry of its contents, as `--toc` lists them (the last when N is past them).
        StartAt::Line(n) if is_book(&app.doc) => {
            let sections = &app.doc.sections;
            if let Some(s) = sections.get(n.max(&1).min(&sections.len()).saturating_sub(1)) {
                let p = Position {
                    block: s.block,
                    byte: 0,
                };
                app.go_to(p);
            }
        }
        StartAt::Line(n) => {
            let p = line_position(&app.doc, *n);
            app.go_to(p);
        }
        // A large input still being read: `G` waits for the whole document (app::indexing).
        StartAt::End if app.reading.is_some() => app.update(Action::Bottom),
        StartAt::End => {
            let top = app.max_top();
            app.set_top(top);
        }
        StartAt::Pattern(p) => {
            // As if typed: `/`, the pattern, Enter. The search runs in the background and
            // shows its first match when found.
            use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
            app.go_to(Position::default());
            app.update(Action::StartSearch);
            for c in p.chars().filter(|c| !c.is_control()) {
                app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        }
    }
}

/// The document as it would be printed by `-F`: the text between blocks as it is (line ends,
/// indentation), each block presented (variant, typography) with its styles as SGR when
/// `styles` is set. `colors` keeps program output's and nothing else's colours.
pub fn render_plain(
    doc: &Document,
    scripter: &Scripter,
    present_opts: &PresentOptions,
    styles: bool,
    colors: bool,
) -> String {
    let text = doc.whole_text();
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (i, block) in doc.blocks.iter().enumerate() {
        if block.bytes.start < at {
            continue;
        }
        out.push_str(&text[at..block.bytes.start]);
        if doc.blocks.is_group(i) {
            // A run of one-line paragraphs: each line presented as its own block, the line
            // ends and spaces between them as they are.
            let mut from = block.bytes.start;
            for (r, p) in present_group_lines(doc, i, present_opts, scripter) {
                out.push_str(&text[from..block.bytes.start + r.start]);
                if styles && !p.spans.is_empty() {
                    write_styled(&mut out, &p.text, &p.spans, colors);
                } else {
                    out.push_str(&p.text);
                }
                from = block.bytes.start + r.end;
            }
            out.push_str(&text[from..block.bytes.end]);
            at = block.bytes.end;
            continue;
        }
        let p = present(
            &text[block.bytes.clone()],
            block.kind,
            block.spans,
            present_opts,
            scripter,
        );
        if styles && !p.spans.is_empty() {
            write_styled(&mut out, &p.text, &p.spans, colors);
        } else {
            out.push_str(&p.text);
        }
        at = block.bytes.end;
    }
    out.push_str(&text[at..]);
    if !out.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
    out
}

/// `text` with `spans` written as SGR sequences, each run ending with a reset.
fn write_styled(out: &mut String, text: &str, spans: &[StyleSpan], colors: bool) {
    let mut cuts: Vec<usize> = spans
        .iter()
        .flat_map(|s| [s.bytes.start, s.bytes.end])
        .filter(|&b| b <= text.len() && text.is_char_boundary(b))
        .chain([0, text.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut style = AnsiStyle::default();
        for s in spans
            .iter()
            .filter(|s| s.bytes.start <= a && a < s.bytes.end)
        {
            add_style(&mut style, s.style);
        }
        if !colors {
            style = style.without_colors();
        }
        if style.is_plain() {
            out.push_str(&text[a..b]);
        } else {
            out.push_str(&sgr(style));
            out.push_str(&text[a..b]);
            out.push_str("\x1b[0m");
        }
    }
}

fn add_style(st: &mut AnsiStyle, s: InlineStyle) {
    match s {
        InlineStyle::Ansi(a) => {
            st.bold |= a.bold;
            st.dim |= a.dim;
            st.italic |= a.italic;
            st.underline |= a.underline;
            st.reverse |= a.reverse;
            st.fg = a.fg.or(st.fg);
            st.bg = a.bg.or(st.bg);
        }
        InlineStyle::Strong => st.bold = true,
        InlineStyle::Emphasis => st.italic = true,
        InlineStyle::Link | InlineStyle::NoteRef { .. } => st.underline = true,
        InlineStyle::Code => st.dim = true,
        _ => {}
    }
}

/// The SGR sequence that sets `style` from the default.
fn sgr(style: AnsiStyle) -> String {
    let mut p: Vec<String> = Vec::new();
    for (on, code) in [
        (style.bold, "1"),
        (style.dim, "2"),
        (style.italic, "3"),
        (style.underline, "4"),
        (style.reverse, "7"),
    ] {
        if on {
            p.push(code.into());
        }
    }
    for (c, base) in [(style.fg, 38i32), (style.bg, 48)] {
        match c {
            // The 16 basic colours in their short forms (30–37, 90–97; 40–47, 100–107).
            Some(AnsiColor::Indexed(n)) if n < 8 => p.push(format!("{}", base - 8 + i32::from(n))),
            Some(AnsiColor::Indexed(n)) if n < 16 => {
                p.push(format!("{}", base + 44 + i32::from(n)))
            }
            Some(AnsiColor::Indexed(n)) => p.push(format!("{base};5;{n}")),
            Some(AnsiColor::Rgb(r, g, b)) => p.push(format!("{base};2;{r};{g};{b}")),
            None => {}
        }
    }
    format!("\x1b[{}m", p.join(";"))
}

/// How many terminal rows `text` takes at `cols` columns (a line wider than the terminal
/// wraps there).
pub fn rows_needed(text: &str, cols: usize) -> usize {
    let cols = cols.max(1);
    text.strip_suffix('\n')
        .unwrap_or(text)
        .split('\n')
        .map(|l| l.width().div_ceil(cols).max(1))
        .sum()
}

/// `-F`: prints the document and returns true when it fits in `rows` rows of `cols` columns
/// (one row is kept for the shell's prompt, as `less -F` does); returns false, printing
/// nothing, when it does not.
pub fn print_if_fits(
    out: &mut dyn Write,
    doc: &Document,
    scripter: &Scripter,
    present_opts: &PresentOptions,
    (cols, rows): (u16, u16),
    colors: bool,
) -> io::Result<bool> {
    let plain = render_plain(doc, scripter, present_opts, false, false);
    if rows_needed(&plain, usize::from(cols)) >= usize::from(rows) {
        return Ok(false);
    }
    let styled = render_plain(doc, scripter, present_opts, true, colors);
    out.write_all(styled.as_bytes())?;
    out.flush()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(args: &[&str]) -> (Vec<String>, Option<StartAt>) {
        let (rest, start) = split_start_args(args.iter().map(OsString::from));
        (
            rest.into_iter().map(|a| a.into_string().unwrap()).collect(),
            start,
        )
    }

    #[test]
    fn start_arguments_are_taken_before_clap() {
        assert_eq!(
            split(&["yuedu", "+12", "a.txt"]),
            (
                vec!["yuedu".into(), "a.txt".into()],
                Some(StartAt::Line(12))
            )
        );
        assert_eq!(
            split(&["yuedu", "-F", "+/選項"]),
            (
                vec!["yuedu".into(), "-F".into()],
                Some(StartAt::Pattern("選項".into()))
            )
        );
        assert_eq!(split(&["yuedu", "+G"]).1, Some(StartAt::End));
        // Not start commands: kept (a file name), and anything after `--`.
        assert_eq!(split(&["yuedu", "+notes"]).0, vec!["yuedu", "+notes"]);
        assert_eq!(split(&["yuedu", "+/"]).0, vec!["yuedu", "+/"]);
        assert_eq!(
            split(&["yuedu", "--", "+3"]),
            (vec!["yuedu".into(), "--".into(), "+3".into()], None)
        );
        // The program name is never taken.
        assert_eq!(split(&["+1"]).0, vec!["+1"]);
    }

    #[test]
    fn line_positions() {
        let doc =
            crate::document::open(b"one\n\nthree\nfour\n", "t.txt", &Default::default()).unwrap();
        // The paragraph (as counted with no lines grouped: the three lines are one group).
        let paragraph = |n| {
            let p = line_position(&doc, n);
            doc.ungrouped_position(p.block, p.byte).0
        };
        assert_eq!(paragraph(1), 0); // one
        assert_eq!(paragraph(2), 1); // a blank line: the next, three
        assert_eq!(paragraph(3), 1);
        assert_eq!(paragraph(4), 2); // four
        assert_eq!(paragraph(99), 2);
    }

    #[test]
    fn rows_count_wrapped_lines() {
        assert_eq!(rows_needed("a\nb\n", 80), 2);
        assert_eq!(rows_needed("a\n\nb", 80), 3);
        assert_eq!(rows_needed(&"中".repeat(50), 80), 2);
        assert_eq!(rows_needed("", 80), 1);
    }

    #[test]
    fn styles_are_written_back_as_sgr_only() {
        let input = "commit \x1b[33mabc\x1b[m\x1b]0;x\x07 \x1b[1;4mhead\x1b[0m\n  body\n";
        let doc = crate::document::open(input.as_bytes(), "t.txt", &Default::default()).unwrap();
        let sc = Scripter::new(
            std::sync::Arc::new(crate::script::Identity),
            crate::script::Script::Traditional,
        );
        let opts = PresentOptions::default();
        let out = render_plain(&doc, &sc, &opts, true, true);
        assert_eq!(
            out,
            "commit \x1b[33mabc\x1b[0m \x1b[1;4mhead\x1b[0m\n  body\n"
        );
        let out = render_plain(&doc, &sc, &opts, true, false);
        assert_eq!(out, "commit abc \x1b[1;4mhead\x1b[0m\n  body\n");
        assert_eq!(
            render_plain(&doc, &sc, &opts, false, false),
            "commit abc head\n  body\n"
        );
    }
}
