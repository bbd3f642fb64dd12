//! Making text harmless for a terminal: control characters and escape sequences never pass.
//!
//! What [`sanitize`] does, character by character:
//!
//! - line ends: CRLF and a lone CR become LF; form feed and vertical tab become LF too (a page
//!   break is a paragraph break) and count as neutralised controls;
//! - tab: expanded with spaces to the next tab stop; stops are every [`TAB_STOP`] (4) cells,
//!   counted in display width (a Han character is 2) from the start of the line;
//! - escape sequences are removed whole (ECMA-48 § 5): `ESC [` CSI up to its final byte,
//!   `ESC ]` OSC (window title, `ESC]52;` clipboard…), `ESC P` DCS, `ESC X` SOS, `ESC ^` PM and
//!   `ESC _` APC up to their terminator BEL or ST (`ESC \` or U+009C) — or, when unterminated,
//!   up to the end of the line (the line feed is kept, so one bad sequence cannot swallow a
//!   book); two- and three-byte escapes (`ESC 7`, `ESC ( B`); and the 8-bit C1 forms
//!   U+009B (CSI), U+009D (OSC), U+0090 (DCS), U+0098, U+009E, U+009F the same way;
//! - a lone ESC, every other C0 control (BEL, BS, NUL…), DEL and the C1 controls
//!   U+0080–U+009F are removed; nothing is shown in their place;
//! - bidi embedding/override/isolate controls U+202A–U+202E and U+2066–U+2069 are removed
//!   (so text cannot reorder what the terminal draws after it).
//!
//! Formatting meant for a pager is the exception: [`sanitize_styled`] hands SGR sequences
//! (`ESC [ … m`) and overstrike backspaces to [`super::ansi`], which turns them into style
//! spans; they and harmless CSI (`ESC [ K`) are removed but not counted.
//!
//! Each removed sequence or character counts once in the returned count. Text with nothing to
//! change is returned as it came, without a copy.

use unicode_width::UnicodeWidthStr;

use super::ansi::{self, AnsiSpan, Styler};

/// Tab stops every 4 display cells.
pub const TAB_STOP: usize = 4;

const ESC: u8 = 0x1b;
const BEL: u8 = 0x07;
const BS: u8 = 0x08;

/// Returns the sanitized text and how many controls or escape sequences were removed or
/// replaced (see the module docs). Runs in one pass, linear in `text.len()` bytes. Text with
/// nothing to change is returned as is; text without tabs is changed in place (it can only
/// shrink), so a large CRLF file is not copied; text with tabs is rebuilt in a new buffer.
pub fn sanitize(text: String) -> (String, usize) {
    let (text, count, _) = sanitize_styled(text);
    (text, count)
}

/// [`sanitize`], also turning SGR escapes and overstrike into style spans over the result
/// ([`super::ansi`]); those, and harmless CSI such as `ESC[K`, are not counted as removed.
pub fn sanitize_styled(text: String) -> (String, usize, Vec<AnsiSpan>) {
    let Some(first) = next_special(text.as_bytes(), 0) else {
        return (text, 0, Vec::new());
    };
    if memchr::memchr3(b'\t', BS, ESC, &text.as_bytes()[first..]).is_none() {
        let (text, count) = sanitize_in_place(text.into_bytes(), first);
        return (text, count, Vec::new());
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut count = 0usize;
    let mut tabs = TabColumn::default();
    let mut styler = Styler::default();
    let mut run = 0; // start of the pending run of unchanged bytes
    let mut i = first;
    while i < bytes.len() {
        if !special_at(bytes, i) {
            match next_special(bytes, i + 1) {
                Some(j) => i = j,
                None => break,
            }
        }
        out.push_str(&text[run..i]);
        // Formatting for a pager (SGR, overstrike) becomes styles: see `super::ansi`.
        if let Some(next) = style_hook(&mut styler, bytes, i, &mut out) {
            i = next.min(bytes.len());
            run = i;
            continue;
        }
        let step = step(bytes, i);
        count += usize::from(step.counted);
        match step.put {
            Put::Nothing => {}
            Put::Newline => out.push('\n'),
            Put::Tab => {
                let col = tabs.column(&out);
                let pad = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', pad));
                tabs.advance(out.len(), col + pad);
            }
        }
        i = step.next.min(bytes.len());
        run = i;
    }
    out.push_str(&text[run..]);
    let spans = styler.finish(out.len());
    (out, count, spans)
}

/// At a backspace or `ESC [`: handles overstrike, SGR and harmless CSI, returning where the
/// input continues; `None` leaves the byte to [`step`].
fn style_hook(styler: &mut Styler, bytes: &[u8], i: usize, out: &mut String) -> Option<usize> {
    match bytes[i] {
        BS => {
            let op = styler.overstrike(bytes, i, out)?;
            out.truncate(out.len() - op.pop);
            // The pushed range is one whole character of the (valid UTF-8) input.
            out.push_str(std::str::from_utf8(&bytes[op.push]).ok()?);
            Some(op.next)
        }
        ESC if bytes.get(i + 1) == Some(&b'[') => {
            let end = skip_csi(bytes, i + 2);
            let fin = *bytes.get(end.checked_sub(1)?)?;
            let params = bytes.get(i + 2..end - 1)?;
            if fin == b'm' && ansi::sgr_params(params) {
                styler.sgr(params, out.len());
                Some(end)
            } else if ansi::harmless_csi(params, fin) {
                Some(end)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// [`sanitize`] for text without tabs: every change removes bytes or replaces one byte by
/// `\n`, so the result is compacted into the same buffer.
fn sanitize_in_place(mut buf: Vec<u8>, first: usize) -> (String, usize) {
    let mut count = 0usize;
    let mut write = first;
    let mut i = first;
    while i < buf.len() {
        let step = step(&buf, i);
        count += usize::from(step.counted);
        if step.put != Put::Nothing {
            buf[write] = b'\n';
            write += 1;
        }
        i = step.next.min(buf.len());
        let run_end = next_special(&buf, i).unwrap_or(buf.len());
        buf.copy_within(i..run_end, write);
        write += run_end - i;
        i = run_end;
    }
    buf.truncate(write);
    // Only whole characters were removed, so this is valid UTF-8; checked without `unsafe`.
    match String::from_utf8(buf) {
        Ok(text) => (text, count),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), count),
    }
}

/// What to write for the special character at a byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Put {
    Nothing,
    Newline,
    Tab,
}

/// One sanitizing step: what to write, where the input continues, and whether a control was
/// neutralised.
struct Step {
    put: Put,
    next: usize,
    counted: bool,
}

/// The step for the special character at byte `i` (see [`special_at`]).
fn step(bytes: &[u8], i: usize) -> Step {
    let (put, next, counted) = match bytes[i] {
        b'\r' => {
            let lf = bytes.get(i + 1) == Some(&b'\n');
            (if lf { Put::Nothing } else { Put::Newline }, i + 1, false)
        }
        b'\t' => (Put::Tab, i + 1, false),
        0x0b | 0x0c => (Put::Newline, i + 1, true),
        ESC => (Put::Nothing, skip_escape(bytes, i + 1), true),
        // A C1 control U+0080–U+009F (special_at checked the second byte).
        0xc2 => {
            let next = match bytes.get(i + 1) {
                Some(0x9b) => skip_csi(bytes, i + 2),
                Some(0x90 | 0x98 | 0x9d | 0x9e | 0x9f) => skip_string(bytes, i + 2),
                _ => i + 2,
            };
            (Put::Nothing, next, true)
        }
        // A bidi control (three bytes).
        0xe2 => (Put::Nothing, i + 3, true),
        // Other C0 controls and DEL.
        _ => (Put::Nothing, i + 1, true),
    };
    Step { put, next, counted }
}

/// Appends `s` to `out` without control characters (for text made after sanitizing, such as
/// Markdown's `&#27;` character references): C0/C1 controls, DEL and bidi controls are
/// dropped, a tab becomes a space, and `\n` is kept. Returns how many were dropped.
pub fn push_clean(out: &mut String, s: &str) -> usize {
    if next_special(s.as_bytes(), 0).is_none() {
        out.push_str(s);
        return 0;
    }
    let mut dropped = 0;
    for c in s.chars() {
        match c {
            '\n' => out.push(c),
            '\t' => out.push(' '),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => dropped += 1,
            c if c.is_control() => dropped += 1,
            c => out.push(c),
        }
    }
    dropped
}

/// The first byte at or after `from` where [`special_at`] holds. Eight bytes at a time: a
/// word is looked at byte by byte only when it holds a byte below 0x20, 0x7F, 0xC2 or 0xE2
/// (mostly line feeds and the first byte of `“”…—`).
fn next_special(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut i = from;
    while i + 8 <= b.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(word);
        let flagged = (x.wrapping_sub(ONES * 0x20) & !x & HIGH)
            | has_zero(x ^ (ONES * 0x7f))
            | has_zero(x ^ (ONES * 0xc2))
            | has_zero(x ^ (ONES * 0xe2));
        if flagged != 0 {
            if let Some(k) = (i..i + 8).find(|&k| special_at(b, k)) {
                return Some(k);
            }
        }
        i += 8;
    }
    (i..b.len()).find(|&k| special_at(b, k))
}

/// True when the character starting at byte `i` must be changed: a C0 control other than LF,
/// DEL, a C1 control (UTF-8 `C2 80`–`C2 9F`), or a bidi control (`E2 80 AA`–`AE`,
/// `E2 81 A6`–`A9`).
#[inline]
fn special_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    }
}

/// Skips an escape sequence whose ESC is just before `i`; returns the index after it.
fn skip_escape(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'[') => skip_csi(b, i + 1),
        Some(b']' | b'P' | b'X' | b'^' | b'_') => skip_string(b, i + 1),
        Some(0x20..=0x2f) => {
            // nF escape: intermediates then one final byte.
            let mut j = i;
            while matches!(b.get(j), Some(0x20..=0x2f)) {
                j += 1;
            }
            if matches!(b.get(j), Some(0x30..=0x7e)) {
                j + 1
            } else {
                j
            }
        }
        Some(0x30..=0x7e) => i + 1,
        _ => i, // a lone ESC
    }
}

/// Skips a CSI's parameter and intermediate bytes (0x20–0x3F) and its final byte (0x40–0x7E).
/// A malformed CSI ends before the first byte outside those ranges.
fn skip_csi(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(0x20..=0x3f)) {
        i += 1;
    }
    if matches!(b.get(i), Some(0x40..=0x7e)) {
        i + 1
    } else {
        i
    }
}

/// Skips a control string (OSC, DCS, SOS, PM, APC) through its terminator: BEL, `ESC \` or
/// U+009C. Unterminated, it ends before the next line feed (or at the end of the text).
fn skip_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            BEL => return i + 1,
            b'\n' => return i,
            ESC if b.get(i + 1) == Some(&b'\\') => return i + 2,
            0xc2 if b.get(i + 1) == Some(&0x9c) => return i + 2,
            _ => i += 1,
        }
    }
    i
}

/// The display column at the end of the output, measured incrementally so that tab expansion
/// stays linear however many tabs a line has.
#[derive(Default)]
struct TabColumn {
    /// Output byte up to which `col` is known.
    measured_byte: usize,
    /// Display column (cells) at `measured_byte`.
    col: usize,
}

impl TabColumn {
    fn column(&mut self, out: &str) -> usize {
        // Overstrike may have taken back bytes measured before: measure the line again.
        if self.measured_byte > out.len() || !out.is_char_boundary(self.measured_byte) {
            self.measured_byte = 0;
            self.col = 0;
        }
        let fresh = &out[self.measured_byte..];
        match memchr::memrchr(b'\n', fresh.as_bytes()) {
            Some(k) => self.col = fresh[k + 1..].width(),
            None => self.col += fresh.width(),
        }
        self.measured_byte = out.len();
        self.col
    }

    fn advance(&mut self, out_len: usize, col: usize) {
        self.measured_byte = out_len;
        self.col = col;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> (String, usize) {
        sanitize(t.to_string())
    }

    #[test]
    fn clean_text_is_not_copied() {
        let t = "第一章\n“你好”……—\n".to_string();
        let ptr = t.as_ptr();
        let (out, n) = sanitize(t);
        assert_eq!((out.as_ptr(), n), (ptr, 0));
    }

    #[test]
    fn line_ends() {
        assert_eq!(s("a\r\nb\rc\n"), ("a\nb\nc\n".into(), 0));
        assert_eq!(s("a\r\r\nb"), ("a\n\nb".into(), 0));
        assert_eq!(s("a\x0cb"), ("a\nb".into(), 1));
    }

    #[test]
    fn tabs_expand_by_display_width() {
        assert_eq!(s("\tx").0, "    x");
        assert_eq!(s("ab\tx").0, "ab  x");
        assert_eq!(s("中\tx").0, "中  x");
        assert_eq!(s("中文\tx\n\ty").0, "中文    x\n    y");
        assert_eq!(s("a\t\tb").0, "a       b");
    }

    #[test]
    fn escape_sequences_removed_whole() {
        assert_eq!(s("前\x1b[2J後"), ("前後".into(), 1));
        // SGR becomes a style (`super::ansi`), so it is not counted as removed.
        assert_eq!(s("前\x1b[1;31m紅\x1b[0m後"), ("前紅後".into(), 0));
        assert_eq!(s("a\x1b]0;標題\x07b"), ("ab".into(), 1));
        assert_eq!(s("a\x1b]52;c;aGVsbG8=\x07b"), ("ab".into(), 1));
        assert_eq!(
            s("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b"),
            ("alinkb".into(), 2)
        );
        assert_eq!(s("a\x1bPq#0;2\x1b\\b"), ("ab".into(), 1));
        assert_eq!(s("a\x1b_apc\x1b\\b\x1b^pm\x07c"), ("abc".into(), 2));
        assert_eq!(s("a\x1b(Bb\x1b7c\x1bc"), ("abc".into(), 3));
        assert_eq!(s("a\x1b"), ("a".into(), 1));
        assert_eq!(s("a\x1b中"), ("a中".into(), 1));
    }

    #[test]
    fn unterminated_string_stops_at_line_end() {
        assert_eq!(s("a\x1b]0;title\nnext line"), ("a\nnext line".into(), 1));
    }

    #[test]
    fn c0_c1_del_and_bidi() {
        assert_eq!(s("a\x08b\x07c\x00d\x7fe"), ("abcde".into(), 4));
        assert_eq!(s("a\u{9b}31mb"), ("ab".into(), 1));
        assert_eq!(s("a\u{9d}0;t\u{9c}b"), ("ab".into(), 1));
        assert_eq!(s("a\u{85}b"), ("ab".into(), 1));
        assert_eq!(
            s("a\u{202e}cba\u{202c}\u{2066}x\u{2069}"),
            ("acbax".into(), 4)
        );
        // Neighbours of the bidi controls are kept.
        assert_eq!(s("“…—\u{2065}\u{206a}").1, 0);
    }

    #[test]
    fn push_clean_drops_controls() {
        let mut out = String::new();
        assert_eq!(push_clean(&mut out, "a\x1b[2Jb\tc\u{202e}d\ne"), 2);
        assert_eq!(out, "a[2Jb cd\ne");
    }

    #[test]
    fn in_place_and_copying_paths_agree() {
        let nasty = "a\r\nb\rc\x1b[31md\x1b]0;t\x07e\u{9b}1mf\u{202e}g\x0ch\x00“i”\x1b";
        let (in_place, n) = s(nasty);
        // The same text with a tab at the very end takes the copying path.
        let (copied, m) = s(&format!("{nasty}\t"));
        assert_eq!(format!("{in_place}    "), copied);
        // 6: the SGR `ESC[31m` is a style, not a removal.
        assert_eq!((in_place.as_str(), n), ("a\nb\ncdefg\nh“i”", 6));
        assert_eq!(n, m);
    }

    #[test]
    fn word_scan_agrees_with_byte_scan() {
        let base = "第一章“山城”……——ab\u{a0}\u{202e}中文\x1b\r\n\u{85}\x7f\tz".as_bytes();
        for cut in 0..base.len() {
            let b = &base[cut..];
            for from in 0..b.len() {
                let naive = (from..b.len()).find(|&k| special_at(b, k));
                assert_eq!(next_special(b, from), naive, "cut {cut} from {from}");
            }
        }
    }

    #[test]
    fn output_never_has_controls() {
        let nasty = "x\x1b[\x1b]\x1b\u{9b}\u{9d}\x1bP\x1b\x1b[?1049h\x07\x08\r\t\u{202e}y";
        let (out, _) = s(nasty);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.starts_with('x'));
    }
}
