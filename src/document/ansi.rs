//! Terminal formatting in input turned into styles: SGR escapes and overstrike.
//!
//! Program output meant for a pager carries its formatting in two ways, and both become
//! [`AnsiStyle`] spans over the sanitized text — the formatting characters themselves never
//! reach the text, the screen or `--dump`:
//!
//! - **SGR** (Select Graphic Rendition, ECMA-48 § 8.3.117), `ESC [ Ps ; … m`: bold (1), faint
//!   (2), italic (3), underline (4, and the `4:x` underline styles), reverse (7) and their
//!   resets (0, 22, 23, 24, 27); foreground and background colours in the 8/16-colour forms
//!   (30–37, 90–97, 40–47, 100–107, 39, 49), 256 colours (`38;5;n`) and true colour
//!   (`38;2;r;g;b`, also the ITU T.416 colon forms `38:5:n`, `38:2::r:g:b`). Other
//!   parameters (blink, conceal, fonts…) are ignored. `git`, `ls`, `grep --color` and
//!   `groff -Tutf8` without `-c` write these.
//! - **Overstrike** (the line-printer convention `grotty(1)` emits by default and `less(1)`
//!   interprets): `X BS X` is a bold `X`, `_ BS X` and `X BS _` an underlined `X`, `_ BS X BS X`
//!   bold and underlined. `X` may be any character, so `名 BS 名` (three UTF-8 bytes on each
//!   side; grotty writes one backspace even for a wide character) is a bold `名`. Any other
//!   backspace is left to the sanitizer (removed, and counted).
//!
//! The sanitizer owns the scan: it calls [`Styler::sgr`] when it meets a CSI whose final byte
//! is `m`, and [`Styler::overstrike`] at a backspace; the output position passed in is a byte
//! offset into the sanitized text.

use std::ops::Range;

/// A colour as the program asked for it; mapped to the screen's colours when drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnsiColor {
    /// One of the 256 indexed colours (0–7 normal, 8–15 bright, 16–255 the 6×6×6 cube and
    /// the grey ramp).
    Indexed(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

/// The style of a run of program output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AnsiStyle {
    pub fg: Option<AnsiColor>,
    pub bg: Option<AnsiColor>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underline: bool,
    pub reverse: bool,
}

impl AnsiStyle {
    /// True when the style changes nothing.
    pub fn is_plain(&self) -> bool {
        *self == AnsiStyle::default()
    }

    /// The style without its colours (for the `plain` theme, `NO_COLOR`, or when colours are
    /// turned off): bold, underline, italic and reverse stay.
    pub fn without_colors(self) -> AnsiStyle {
        AnsiStyle {
            fg: None,
            bg: None,
            ..self
        }
    }

    /// Applies the parameters of one SGR sequence (the bytes between `ESC [` and `m`).
    pub fn apply_sgr(&mut self, params: &[u8]) {
        // Parameters are separated by `;`; a parameter may have `:`-separated parts.
        let groups: Vec<&[u8]> = params.split(|&b| b == b';').collect();
        let mut i = 0;
        while i < groups.len() {
            let group = groups[i];
            i += 1;
            let mut parts = group.split(|&b| b == b':');
            let code = parts.next().map_or(0, number);
            let sub: Vec<&[u8]> = parts.collect();
            match code {
                0 => *self = AnsiStyle::default(),
                1 => self.bold = true,
                2 => self.dim = true,
                3 => self.italic = true,
                // `4:0` is "no underline"; other `4:x` are underline styles.
                4 => self.underline = sub.first().is_none_or(|s| number(s) != 0),
                7 => self.reverse = true,
                21 => self.underline = true, // doubly underlined (ECMA-48)
                22 => {
                    self.bold = false;
                    self.dim = false;
                }
                23 => self.italic = false,
                24 => self.underline = false,
                27 => self.reverse = false,
                30..=37 => self.fg = Some(AnsiColor::Indexed((code - 30) as u8)),
                90..=97 => self.fg = Some(AnsiColor::Indexed((code - 90 + 8) as u8)),
                40..=47 => self.bg = Some(AnsiColor::Indexed((code - 40) as u8)),
                100..=107 => self.bg = Some(AnsiColor::Indexed((code - 100 + 8) as u8)),
                39 => self.fg = None,
                49 => self.bg = None,
                38 | 48 => {
                    let color = if sub.is_empty() {
                        // `38;5;n` / `38;2;r;g;b`: the arguments are the next parameters.
                        let (color, used) = extended_color(&groups[i..]);
                        i += used;
                        color
                    } else {
                        extended_color_colon(&sub)
                    };
                    if let Some(c) = color {
                        if code == 38 {
                            self.fg = Some(c);
                        } else {
                            self.bg = Some(c);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// A decimal parameter; empty or out of range reads as 0 (ECMA-48 § 5.4.2: an omitted
/// parameter has its default value, 0 for SGR).
fn number(s: &[u8]) -> u32 {
    let mut n: u32 = 0;
    for &b in s {
        if !b.is_ascii_digit() {
            return 0;
        }
        n = n.saturating_mul(10).saturating_add(u32::from(b - b'0'));
    }
    n
}

fn byte(s: &[u8]) -> u8 {
    number(s).min(255) as u8
}

/// `5;n` or `2;r;g;b` after a `38`/`48`: the colour and how many parameters it used.
fn extended_color(rest: &[&[u8]]) -> (Option<AnsiColor>, usize) {
    match rest.first().map(|s| number(s)) {
        Some(5) if rest.len() >= 2 => (Some(AnsiColor::Indexed(byte(rest[1]))), 2),
        Some(2) if rest.len() >= 4 => (
            Some(AnsiColor::Rgb(byte(rest[1]), byte(rest[2]), byte(rest[3]))),
            4,
        ),
        Some(_) => (None, rest.len().min(1)),
        None => (None, 0),
    }
}

/// The colon form: `5:n`, `2:r:g:b` or `2:colourspace:r:g:b` (ITU T.416).
fn extended_color_colon(sub: &[&[u8]]) -> Option<AnsiColor> {
    match number(sub[0]) {
        5 if sub.len() >= 2 => Some(AnsiColor::Indexed(byte(sub[1]))),
        2 if sub.len() >= 5 => Some(AnsiColor::Rgb(byte(sub[2]), byte(sub[3]), byte(sub[4]))),
        2 if sub.len() == 4 => Some(AnsiColor::Rgb(byte(sub[1]), byte(sub[2]), byte(sub[3]))),
        _ => None,
    }
}

/// A styled range of the sanitized text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnsiSpan {
    pub bytes: Range<usize>,
    pub style: AnsiStyle,
}

/// What the sanitizer should do at a backspace that [`Styler::overstrike`] understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overstrike {
    /// Remove this many bytes from the end of the output (the character struck over).
    pub pop: usize,
    /// Then append the character at this input range (empty: nothing).
    pub push: Range<usize>,
    /// The input continues here.
    pub next: usize,
}

/// Collects styles while the sanitizer scans: the current SGR state and the overstrike marks.
#[derive(Default)]
pub struct Styler {
    sgr: AnsiStyle,
    /// Output byte where the current SGR style began.
    sgr_from: usize,
    sgr_spans: Vec<AnsiSpan>,
    strike_spans: Vec<AnsiSpan>,
}

impl Styler {
    /// A styler whose text starts in `style`: the SGR state at the end of the text before it
    /// (a large input is sanitized chunk by chunk, and a colour set in one chunk goes on in
    /// the next, as on a terminal).
    pub fn starting(style: AnsiStyle) -> Styler {
        Styler {
            sgr: style,
            ..Styler::default()
        }
    }

    /// The SGR state now (at the end of the text scanned so far).
    pub fn style(&self) -> AnsiStyle {
        self.sgr
    }

    /// An SGR sequence with parameters `params` at output byte `out_pos`.
    pub fn sgr(&mut self, params: &[u8], out_pos: usize) {
        let mut next = self.sgr;
        next.apply_sgr(params);
        if next != self.sgr {
            self.close_sgr(out_pos);
            self.sgr = next;
            self.sgr_from = out_pos;
        }
    }

    fn close_sgr(&mut self, out_pos: usize) {
        if !self.sgr.is_plain() && out_pos > self.sgr_from {
            self.sgr_spans.push(AnsiSpan {
                bytes: self.sgr_from..out_pos,
                style: self.sgr,
            });
        }
    }

    /// A backspace at input byte `bs` (so `input[bs] == 0x08`), with `out` the text written so
    /// far. Returns what to do when it is overstrike, and records the style; `None` leaves
    /// the backspace to the sanitizer (removed and counted).
    pub fn overstrike(&mut self, input: &[u8], bs: usize, out: &str) -> Option<Overstrike> {
        // The character struck over: the input's character before the backspace, which must
        // also be the last one written (it was copied, not a control).
        let prev = std::str::from_utf8(&input[bs.saturating_sub(4)..bs])
            .ok()
            .or_else(|| std::str::from_utf8(&input[bs.saturating_sub(3)..bs]).ok())
            .or_else(|| std::str::from_utf8(&input[bs.saturating_sub(2)..bs]).ok())
            .or_else(|| std::str::from_utf8(&input[bs.saturating_sub(1)..bs]).ok())?
            .chars()
            .next_back()?;
        if prev.is_control() || !out.ends_with(prev) {
            return None;
        }
        // Backspaces after the first (some formatters write one per cell of a wide glyph).
        let mut at = bs + 1;
        while input.get(at) == Some(&0x08) && at - bs < 2 {
            at += 1;
        }
        let len = utf8_len(*input.get(at)?)?;
        let next = std::str::from_utf8(input.get(at..at + len)?)
            .ok()?
            .chars()
            .next()?;
        // Not a control, nor a bidi/format character the sanitizer removes (`_ BS U+202E`).
        if crate::document::sanitize::is_neutralised(next) {
            return None;
        }
        let end = out.len();
        let prev_len = prev.len_utf8();
        let (op, mark) = if next == prev {
            let bold = AnsiStyle {
                bold: true,
                ..Default::default()
            };
            (
                Overstrike {
                    pop: 0,
                    push: at..at,
                    next: at + len,
                },
                Some((end - prev_len..end, bold)),
            )
        } else if prev == '_' || next == '_' {
            let underline = AnsiStyle {
                underline: true,
                ..Default::default()
            };
            if prev == '_' {
                // `_ BS X`: X replaces the underscore.
                let start = end - prev_len;
                (
                    Overstrike {
                        pop: prev_len,
                        push: at..at + len,
                        next: at + len,
                    },
                    Some((start..start + len, underline)),
                )
            } else {
                (
                    Overstrike {
                        pop: 0,
                        push: at..at,
                        next: at + len,
                    },
                    Some((end - prev_len..end, underline)),
                )
            }
        } else {
            // Two different characters: not formatting; the sanitizer removes the backspace.
            return None;
        };
        if op.pop > 0 {
            // The struck-over character goes: so do marks on it.
            let from = end - op.pop;
            while self
                .strike_spans
                .last()
                .is_some_and(|s| s.bytes.start >= from)
            {
                self.strike_spans.pop();
            }
            if let Some(last) = self.strike_spans.last_mut() {
                last.bytes.end = last.bytes.end.min(from);
            }
        }
        if let Some((bytes, style)) = mark {
            self.mark(bytes, style);
        }
        Some(op)
    }

    /// Adds `style` to `bytes` (one character), merging with the previous mark.
    fn mark(&mut self, bytes: Range<usize>, style: AnsiStyle) {
        if let Some(last) = self.strike_spans.last_mut() {
            if last.bytes == bytes {
                last.style.bold |= style.bold;
                last.style.underline |= style.underline;
                // Split off so that a merged run keeps one style: handled by the caller's
                // order (marks come character by character).
                return;
            }
        }
        self.strike_spans.push(AnsiSpan { bytes, style });
    }

    /// The spans, sorted by start, with adjacent equal overstrike marks merged. `out_len` is
    /// the length of the sanitized text.
    pub fn finish(mut self, out_len: usize) -> Vec<AnsiSpan> {
        self.close_sgr(out_len);
        let mut merged: Vec<AnsiSpan> = Vec::with_capacity(self.strike_spans.len());
        for s in self.strike_spans {
            match merged.last_mut() {
                Some(last) if last.bytes.end == s.bytes.start && last.style == s.style => {
                    last.bytes.end = s.bytes.end;
                }
                _ => merged.push(s),
            }
        }
        let mut spans = self.sgr_spans;
        if spans.is_empty() {
            return merged;
        }
        spans.extend(merged);
        spans.sort_by_key(|s| s.bytes.start);
        spans
    }
}

/// The length of the UTF-8 sequence a lead byte starts; `None` for a continuation byte.
fn utf8_len(lead: u8) -> Option<usize> {
    match lead {
        0x00..=0x7f => Some(1),
        0xc0..=0xdf => Some(2),
        0xe0..=0xef => Some(3),
        0xf0..=0xf7 => Some(4),
        _ => None,
    }
}

/// True when the CSI parameters `params` and final byte `fin` are harmless once removed: they
/// only erase or style (EL `K`), so removing them is not worth a notice.
pub fn harmless_csi(params: &[u8], fin: u8) -> bool {
    fin == b'K' && params.iter().all(|b| b.is_ascii_digit())
}

/// True when `params` can be an SGR's parameter string (digits, `;` and `:`).
pub fn sgr_params(params: &[u8]) -> bool {
    params
        .iter()
        .all(|&b| b.is_ascii_digit() || b == b';' || b == b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sgr(p: &str) -> AnsiStyle {
        let mut s = AnsiStyle::default();
        s.apply_sgr(p.as_bytes());
        s
    }

    #[test]
    fn sgr_attributes_and_resets() {
        assert!(sgr("1").bold);
        assert!(sgr("1;4;7;3").reverse);
        assert!(sgr("").is_plain());
        assert!(sgr("1;0").is_plain());
        assert!(!sgr("1;22").bold);
        assert!(!sgr("4;24").underline);
        assert!(sgr("4:3").underline);
        assert!(!sgr("4:0").underline);
        assert_eq!(sgr("31").fg, Some(AnsiColor::Indexed(1)));
        assert_eq!(sgr("01;31").fg, Some(AnsiColor::Indexed(1)));
        assert_eq!(sgr("93").fg, Some(AnsiColor::Indexed(11)));
        assert_eq!(sgr("104").bg, Some(AnsiColor::Indexed(12)));
        assert_eq!(sgr("31;39").fg, None);
    }

    #[test]
    fn sgr_extended_colours() {
        assert_eq!(sgr("38;5;208").fg, Some(AnsiColor::Indexed(208)));
        assert_eq!(sgr("48;2;1;2;3").bg, Some(AnsiColor::Rgb(1, 2, 3)));
        assert_eq!(sgr("38:5:17").fg, Some(AnsiColor::Indexed(17)));
        assert_eq!(sgr("38:2::10:20:30").fg, Some(AnsiColor::Rgb(10, 20, 30)));
        assert_eq!(sgr("38:2:10:20:30").fg, Some(AnsiColor::Rgb(10, 20, 30)));
        // The colour's arguments are not read as attributes (5 would be blink, 1 bold).
        let s = sgr("38;5;1;4");
        assert_eq!(
            (s.fg, s.bold, s.underline),
            (Some(AnsiColor::Indexed(1)), false, true)
        );
        // Truncated forms are ignored without panicking.
        assert_eq!(sgr("38;5").fg, None);
        assert_eq!(sgr("38;2;1").fg, None);
        assert_eq!(sgr("38").fg, None);
        assert_eq!(sgr("38;2;999;0;0").fg, Some(AnsiColor::Rgb(255, 0, 0)));
    }

    use crate::document::sanitize::sanitize_styled;

    /// Sanitized text, removed count, and each span as (text, style).
    fn run(input: &str) -> (String, usize, Vec<(String, AnsiStyle)>) {
        let (text, n, spans) = sanitize_styled(input.to_string());
        let styled = spans
            .iter()
            .map(|s| (text[s.bytes.clone()].to_string(), s.style))
            .collect();
        (text, n, styled)
    }

    const BOLD: AnsiStyle = AnsiStyle {
        fg: None,
        bg: None,
        bold: true,
        dim: false,
        italic: false,
        underline: false,
        reverse: false,
    };
    const UNDER: AnsiStyle = AnsiStyle {
        underline: true,
        bold: false,
        ..BOLD
    };
    const BOTH: AnsiStyle = AnsiStyle {
        underline: true,
        ..BOLD
    };

    #[test]
    fn overstrike_bold_and_underline() {
        let (t, n, s) = run("名\x08名字\x08字\n_\x08選 x\x08x_\x08y\n");
        assert_eq!(t, "名字\n選 xy\n");
        assert_eq!(n, 0);
        assert_eq!(
            s,
            vec![
                ("名字".to_string(), BOLD),
                ("選".to_string(), UNDER),
                ("x".to_string(), BOLD),
                ("y".to_string(), UNDER),
            ]
        );
    }

    #[test]
    fn overstrike_as_grotty_writes_it() {
        // From `man -L zh_TW tar` through a pipe: bold options, underlined placeholders.
        let (t, n, s) =
            run("-\x08--\x08-c\x08cr\x08re\x08ea\x08at\x08te\x08e _\x08<_\x08檔_\x08>\n");
        assert_eq!((t.as_str(), n), ("--create <檔>\n", 0));
        assert_eq!(
            s,
            vec![("--create".to_string(), BOLD), ("<檔>".to_string(), UNDER)]
        );
        // Bold and underlined, and the underlined-then-bold order; `X BS _` underlines X.
        let (t, _, s) = run("_\x08a\x08a_\x08中\x08中 b\x08_");
        assert_eq!(t, "a中 b");
        assert_eq!(s, vec![("a中".to_string(), BOTH), ("b".to_string(), UNDER)]);
        // Bold underscore, triple strike; other pairs are left to the sanitizer.
        let (t, _, s) = run("_\x08_ +\x08o x\x08x\x08x");
        assert_eq!(t, "_ +o x");
        assert_eq!(s, vec![("_".to_string(), BOLD), ("x".to_string(), BOLD)]);
    }

    #[test]
    fn backspaces_that_are_not_overstrike_are_removed() {
        assert_eq!(run("\x08a"), ("a".into(), 1, vec![]));
        assert_eq!(run("a\x08"), ("a".into(), 1, vec![]));
        assert_eq!(run("a\x08\x1b[2Jb"), ("ab".into(), 2, vec![]));
        assert_eq!(run("a\n\x08b"), ("a\nb".into(), 1, vec![]));
        assert_eq!(run("a\x08\x07"), ("a".into(), 2, vec![]));
        // A backspace after a removed control does not strike over text written before it.
        assert_eq!(run("a\x07\x08a"), ("aa".into(), 2, vec![]));
    }

    #[test]
    fn overstrike_with_tabs_keeps_tab_stops() {
        let (t, _, s) = run("_\x08a\tb\x08b\tc");
        assert_eq!(t, "a       b       c");
        assert_eq!(s, vec![("a".to_string(), UNDER), ("b".to_string(), BOLD)]);
        let (t, _, _) = run("中\x08中\tx");
        assert_eq!(t, "中      x");
    }

    #[test]
    fn sgr_becomes_spans_not_removals() {
        let (t, n, s) = run("a\x1b[1;31mred\x1b[0m b\x1b[K \x1b[38;5;208m橙\x1b[m\n");
        assert_eq!((t.as_str(), n), ("ared b 橙\n", 0));
        let red = AnsiStyle {
            fg: Some(AnsiColor::Indexed(1)),
            ..BOLD
        };
        let orange = AnsiStyle {
            fg: Some(AnsiColor::Indexed(208)),
            ..AnsiStyle::default()
        };
        assert_eq!(
            s,
            vec![("red".to_string(), red), ("橙".to_string(), orange)]
        );
        // Unterminated at the end: runs to the end of the text.
        let (_, _, s) = run("\x1b[7mrev");
        assert_eq!(s[0].0, "rev");
        // Other escapes are still removed and counted; a private-mode `m` is not SGR.
        assert_eq!(run("a\x1b[2Jb\x1b[?1m").1, 2);
        assert_eq!(run("a\x1b]0;t\x07b\x1b[31").0, "ab");
    }

    #[test]
    fn nothing_formatting_survives() {
        let nasty = "x\x08\x08\x08_\x08\x1b[1m\x08\x1b[31;\x1b[38;2;\x08中\x08\u{9b}1m\x1b[m\x08";
        for cut in 0..nasty.len() {
            if !nasty.is_char_boundary(cut) {
                continue;
            }
            let (t, _, spans) = sanitize_styled(nasty[cut..].to_string());
            assert!(!t.chars().any(|c| c.is_control()), "{t:?}");
            for s in spans {
                assert!(s.bytes.end <= t.len() && t.is_char_boundary(s.bytes.start));
                assert!(t.is_char_boundary(s.bytes.end) && !s.bytes.is_empty());
            }
        }
    }
}
