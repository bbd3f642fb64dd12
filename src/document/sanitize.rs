//! Making text harmless for a terminal: control characters and escape sequences never pass.
//!
//! One pass, one state machine ([`step`]), character by character:
//!
//! - line ends: CRLF and a lone CR become LF; form feed and vertical tab become LF too (a page
//!   break is a paragraph break); U+2028 LINE SEPARATOR becomes LF and U+2029 PARAGRAPH
//!   SEPARATOR a blank line (LF LF). None of these removes text, so none is counted;
//! - tab: expanded with spaces to the next tab stop; stops are every [`TAB_STOP`] (8) cells,
//!   counted in display width (a Han character is 2) from the start of the line;
//! - escape sequences are removed whole (ECMA-48 § 5): `ESC [` CSI (parameter bytes, then
//!   intermediate bytes, then a final byte, at most [`CSI_MAX`] bytes); `ESC ]` OSC (window
//!   title, `ESC]52;` clipboard…), `ESC P` DCS, `ESC X` SOS, `ESC ^` PM and `ESC _` APC through
//!   their terminator BEL or ST (`ESC \` or U+009C) — another ESC also ends them, as in a
//!   terminal; nF escapes (`ESC ( B`) and two-byte escapes (`ESC 7`);
//! - a control string is one only when it ends: one without its terminator on the same line
//!   within [`STRING_MAX`] bytes is not a sequence, and only its introducer (`ESC ]`) is
//!   removed — the text after it stays. (A CSI cut short keeps the rule a terminal follows:
//!   its parameter and intermediate bytes go with it);
//! - the 8-bit C1 forms are sequences only where they plausibly are one (they are far more
//!   often mojibake: windows-1252 bytes 0x90 and 0x9D read as Latin-1): U+009B (CSI) when a
//!   well-formed CSI follows; U+009D (OSC) when `digits ;` follows and a terminator ends it on
//!   the same line within [`C1_STRING_MAX`] bytes with no control inside; U+0090 (DCS), U+0098
//!   (SOS), U+009E (PM) and U+009F (APC) when printable ASCII up to a terminator follows
//!   within that bound. Otherwise the C1 character alone is removed;
//! - a lone ESC, every other C0 control (BEL, BS, NUL…), DEL and the other C1 controls
//!   U+0080–U+009F are removed; nothing is shown in their place;
//! - bidi and format controls are removed, so text cannot reorder or hide what the terminal
//!   draws after it: embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, the
//!   marks LRM U+200E, RLM U+200F and ALM U+061C (UAX #9 § 2), and the tag characters
//!   U+E0000–U+E007F (invisible; they can smuggle ASCII text past a reader).
//!
//! Formatting meant for a pager is the exception: [`sanitize_styled`] hands SGR sequences
//! (`ESC [ … m`) and overstrike backspaces to [`super::ansi`] (the hook is [`style_hook`]),
//! which turns them into style spans; they and harmless CSI (`ESC [ K`) are removed but not
//! counted.
//!
//! Each other removed sequence or character counts once in the returned count — the
//! "characters removed" the reader reports. Text with nothing to change is returned as it
//! came, without a copy. Every scan for a terminator stops at the next possible introducer,
//! so the pass stays linear on any input.

use unicode_width::UnicodeWidthStr;

use super::ansi::{self, AnsiSpan, Styler};

/// Tab stops every 8 display cells (program output, tables and code expect 8).
pub const TAB_STOP: usize = 8;

/// The longest CSI (parameter and intermediate bytes) taken as one sequence.
pub const CSI_MAX: usize = 64;
/// The longest ESC-introduced control string (introducer to terminator) taken as one.
pub const STRING_MAX: usize = 64 * 1024;
/// The longest C1-introduced control string taken as one.
pub const C1_STRING_MAX: usize = 1024;

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
    let mut sgr = ansi::AnsiStyle::default();
    sanitize_styled_from(text, &mut sgr)
}

/// [`sanitize_styled`] for a piece of a longer text that starts in SGR state `sgr` (the
/// state at the end of the piece before); `sgr` becomes the state at the end of this one. A
/// large input is sanitized chunk by chunk this way, so a colour set before a chunk boundary
/// goes on after it.
pub fn sanitize_styled_from(
    text: String,
    sgr: &mut ansi::AnsiStyle,
) -> (String, usize, Vec<AnsiSpan>) {
    // The whole piece in the style it starts in, when nothing in it changes the style.
    let carried = |len: usize, style: ansi::AnsiStyle| {
        if style.is_plain() || len == 0 {
            Vec::new()
        } else {
            vec![AnsiSpan {
                bytes: 0..len,
                style,
            }]
        }
    };
    let Some(first) = next_special(text.as_bytes(), 0) else {
        let spans = carried(text.len(), *sgr);
        return (text, 0, spans);
    };
    if memchr::memchr3(b'\t', BS, ESC, &text.as_bytes()[first..]).is_none() {
        let (text, count) = sanitize_in_place(text.into_bytes(), first);
        let spans = carried(text.len(), *sgr);
        return (text, count, spans);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut count = 0usize;
    let mut tabs = TabColumn::default();
    let mut styler = Styler::starting(*sgr);
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
            Put::Paragraph => out.push_str("\n\n"),
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
    *sgr = styler.style();
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
            let end = csi_end(bytes, i + 2)?;
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

/// [`sanitize`] for text without tabs, backspaces and ESC: every change removes bytes or
/// replaces at least as many bytes by `\n` or `\n\n`, so the result is compacted into the
/// same buffer.
fn sanitize_in_place(mut buf: Vec<u8>, first: usize) -> (String, usize) {
    let mut count = 0usize;
    let mut write = first;
    let mut i = first;
    while i < buf.len() {
        let step = step(&buf, i);
        count += usize::from(step.counted);
        let newlines = match step.put {
            Put::Nothing => 0,
            Put::Newline => 1,
            Put::Paragraph => 2,
            Put::Tab => unreachable!("the in-place path is only taken without tabs"),
        };
        buf[write..write + newlines].fill(b'\n');
        write += newlines;
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
    /// A paragraph break: two line feeds.
    Paragraph,
    Tab,
}

/// One sanitizing step: what to write, where the input continues, and whether something was
/// removed (counted for the "characters removed" notice).
struct Step {
    put: Put,
    next: usize,
    counted: bool,
}

/// The step for the special character at byte `i` (see [`special_at`]): the state machine.
/// SGR and overstrike never get here in the copying path ([`style_hook`] takes them first).
fn step(bytes: &[u8], i: usize) -> Step {
    let keep = |put, next| Step {
        put,
        next,
        counted: false,
    };
    let remove = |next| Step {
        put: Put::Nothing,
        next,
        counted: true,
    };
    match bytes[i] {
        b'\r' => {
            let lf = bytes.get(i + 1) == Some(&b'\n');
            keep(if lf { Put::Nothing } else { Put::Newline }, i + 1)
        }
        b'\t' => keep(Put::Tab, i + 1),
        0x0b | 0x0c => keep(Put::Newline, i + 1),
        ESC => remove(escape_end(bytes, i)),
        // A C1 control U+0080–U+009F (special_at checked the second byte).
        0xc2 => remove(c1_end(bytes, i)),
        0xe2 => match bytes[i + 1..i + 3] {
            [0x80, 0xa8] => keep(Put::Newline, i + 3),
            [0x80, 0xa9] => keep(Put::Paragraph, i + 3),
            // LRM, RLM, embeddings, overrides, isolates.
            _ => remove(i + 3),
        },
        // ALM U+061C (two bytes).
        0xd8 => remove(i + 2),
        // A tag character U+E0000–U+E007F (four bytes).
        0xf3 => remove(i + 4),
        // Other C0 controls (the overstrike hook is in `style_hook`) and DEL.
        _ => remove(i + 1),
    }
}

/// True for the characters the sanitizer never lets through as themselves: C0 and C1
/// controls (LF included: callers that keep line feeds test for it first), DEL, the bidi and
/// format controls of the module docs, U+2028/U+2029 and the tag characters. For text shown
/// outside the document too: file names, config values and messages.
pub fn is_neutralised(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}'
                | '\u{200f}'
                | '\u{061c}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// `s` for a message on the terminal (stderr, the status line): every character
/// [`is_neutralised`] names — controls, bidi and format controls — is written as a Rust
/// escape (`\u{1b}`), so a value from a file, a flag or a path can neither drive the
/// terminal nor reorder the message, and the user still sees what it held.
pub fn escaped(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_neutralised) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_neutralised(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Appends `s` to `out` without control characters (for text made after sanitizing, such as
/// Markdown's `&#27;` character references): what [`is_neutralised`] names is dropped, except
/// that a tab becomes a space and `\n`, U+2028 and U+2029 become `\n`. Returns how many were
/// dropped.
pub fn push_clean(out: &mut String, s: &str) -> usize {
    if next_special(s.as_bytes(), 0).is_none() {
        out.push_str(s);
        return 0;
    }
    let mut dropped = 0;
    for c in s.chars() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            c if is_neutralised(c) => dropped += 1,
            c => out.push(c),
        }
    }
    dropped
}

/// The first byte at or after `from` where [`special_at`] holds. Eight bytes at a time: a
/// word is looked at only when it holds a byte below 0x20, 0x7F, 0xC2, 0xD8, 0xE2 or 0xF3
/// (mostly line feeds and the first byte of `“”…—`), and then only at those bytes: the fast
/// path for the `E2` of common punctuation is one look at the next two bytes.
/// True when [`sanitize`] would return `text` unchanged (no control, escape, tab, CR, bidi or
/// format character): the input layer then appends a chunk without copying it first.
pub fn is_clean(text: &str) -> bool {
    next_special(text.as_bytes(), 0).is_none()
}

fn next_special(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit set in each byte that is zero (and, rarely, in a byte above a zero byte: every
    // flagged byte is checked, so a false flag costs a look, never a wrong answer).
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut i = from;
    while i + 8 <= b.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(word);
        let mut flagged = (x.wrapping_sub(ONES * 0x20) & !x & HIGH)
            | has_zero(x ^ (ONES * 0x7f))
            | has_zero(x ^ (ONES * 0xc2))
            | has_zero(x ^ (ONES * 0xd8))
            | has_zero(x ^ (ONES * 0xe2))
            | has_zero(x ^ (ONES * 0xf3));
        while flagged != 0 {
            let k = i + (flagged.trailing_zeros() / 8) as usize;
            if special_at(b, k) {
                return Some(k);
            }
            flagged &= flagged - 1;
        }
        i += 8;
    }
    (i..b.len()).find(|&k| special_at(b, k))
}

/// True when the character starting at byte `i` must be changed: a C0 control other than LF,
/// DEL, a C1 control (UTF-8 `C2 80`–`C2 9F`), LRM/RLM (`E2 80 8E`/`8F`), U+2028/2029
/// (`E2 80 A8`/`A9`), a bidi embedding or override (`E2 80 AA`–`AE`), an isolate
/// (`E2 81 A6`–`A9`), ALM (`D8 9C`), or a tag character (`F3 A0 80 80`–`F3 A0 81 BF`).
#[inline]
fn special_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        0xd8 => b.get(i + 1) == Some(&0x9c),
        0xe2 => matches!(
            b.get(i + 1..i + 3),
            Some([0x80, 0x8e | 0x8f | 0xa8..=0xae] | [0x81, 0xa6..=0xa9])
        ),
        0xf3 => matches!(b.get(i + 1..i + 3), Some([0xa0, 0x80 | 0x81])),
        _ => false,
    }
}

/// Where the escape starting with the ESC at `i` ends: after a whole sequence, or after the
/// introducer alone when what follows is not one (see the module docs).
fn escape_end(b: &[u8], i: usize) -> usize {
    match b.get(i + 1) {
        Some(b'[') => csi_end(b, i + 2).unwrap_or_else(|| {
            let params = b[i + 2..].iter().take(CSI_MAX);
            i + 2 + params.take_while(|&&p| matches!(p, 0x20..=0x3f)).count()
        }),
        Some(b']' | b'P' | b'X' | b'^' | b'_') => {
            string_end(b, i + 2, STRING_MAX, Payload::Any).unwrap_or(i + 2)
        }
        Some(0x20..=0x2f) => {
            // nF escape: intermediates (a few), then one final byte.
            let mut j = i + 1;
            while matches!(b.get(j), Some(0x20..=0x2f)) && j - i <= 4 {
                j += 1;
            }
            if matches!(b.get(j), Some(0x30..=0x7e)) {
                j + 1
            } else {
                i + 1 // not an escape: the ESC alone
            }
        }
        Some(0x30..=0x7e) => i + 2,
        _ => i + 1, // a lone ESC
    }
}

/// Where the C1 control at `i` (`C2 80`–`C2 9F`) ends: after a whole 8-bit sequence where it
/// plausibly is one, else after the character alone (see the module docs).
fn c1_end(b: &[u8], i: usize) -> usize {
    let after = i + 2;
    let end = match b[i + 1] {
        0x9b => csi_end(b, after),
        0x9d => {
            let digits = b[after.min(b.len())..]
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            if digits > 0 && b.get(after + digits) == Some(&b';') {
                string_end(b, after, C1_STRING_MAX, Payload::Text)
            } else {
                None
            }
        }
        0x90 | 0x98 | 0x9e | 0x9f => string_end(b, after, C1_STRING_MAX, Payload::Ascii),
        _ => None,
    };
    end.unwrap_or(after)
}

/// The end of a CSI whose parameter bytes start at `i`: parameter bytes (0x30–0x3F), then
/// intermediate bytes (0x20–0x2F), then a final byte (0x40–0x7E), at most [`CSI_MAX`] bytes
/// before the final. `None` when that is not what follows.
fn csi_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while matches!(b.get(j), Some(0x30..=0x3f)) && j - i < CSI_MAX {
        j += 1;
    }
    while matches!(b.get(j), Some(0x20..=0x2f)) && j - i < CSI_MAX {
        j += 1;
    }
    matches!(b.get(j), Some(0x40..=0x7e)).then_some(j + 1)
}

/// What a control string may hold before its terminator.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Payload {
    /// Anything but a line feed (ESC-introduced strings: the introducer is unmistakable).
    Any,
    /// Text without controls (a C1 OSC: a window title may be Chinese).
    Text,
    /// Printable ASCII (C1 DCS, SOS, PM, APC).
    Ascii,
}

/// The end of a control string whose payload starts at `i`: after its terminator BEL or ST
/// (`ESC \\` or U+009C), within `max` bytes and before the line's end. An ESC-introduced
/// string ([`Payload::Any`]) also ends before any other ESC, as a terminal cancels it there.
/// `None` when it does not end so.
///
/// Linear overall: the scan stops at the next ESC (for [`Payload::Any`]) or the next ESC or
/// C1 character (otherwise), the only bytes that can introduce another string, so no byte is
/// scanned by two strings of the same kind.
fn string_end(b: &[u8], i: usize, max: usize, payload: Payload) -> Option<usize> {
    let limit = i.saturating_add(max).min(b.len());
    let mut j = i;
    while j < limit {
        match b[j] {
            BEL => return Some(j + 1),
            b'\n' => return None,
            ESC if b.get(j + 1) == Some(&b'\\') => return Some(j + 2),
            ESC => return (payload == Payload::Any).then_some(j),
            0xc2 if b.get(j + 1) == Some(&0x9c) => return Some(j + 2),
            0xc2 if payload != Payload::Any && matches!(b.get(j + 1), Some(0x80..=0x9f)) => {
                return None
            }
            0x00..=0x1f | 0x7f if payload != Payload::Any => return None,
            0x80.. if payload == Payload::Ascii => return None,
            _ => j += 1,
        }
    }
    None
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
        // A page break is a paragraph break; nothing is removed, so nothing is counted.
        assert_eq!(s("a\x0cb"), ("a\nb".into(), 0));
    }

    #[test]
    fn tabs_expand_by_display_width() {
        assert_eq!(s("\tx").0, "        x");
        assert_eq!(s("ab\tx").0, "ab      x");
        assert_eq!(s("中\tx").0, "中      x");
        assert_eq!(s("中文\tx\n\ty").0, "中文    x\n        y");
        assert_eq!(s("a\t\tb").0, "a               b");
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
    fn unterminated_string_is_not_a_sequence() {
        // Only the introducer goes; the text after it stays.
        assert_eq!(s("a\x1b]0;title\nnext"), ("a0;title\nnext".into(), 1));
        assert_eq!(s("a\x1bPq#0\nb"), ("aq#0\nb".into(), 1));
        // Too long to be one.
        let long = format!("\x1b]0;{}\x07", "x".repeat(STRING_MAX));
        assert_eq!(s(&long).0.len(), STRING_MAX + 2);
        // Another ESC ends a string, as in a terminal; the next sequence is its own.
        assert_eq!(s("a\x1b]0;t\x1b[2Jb"), ("ab".into(), 2));
    }

    #[test]
    fn a_stray_c1_is_dropped_alone() {
        // The example: windows-1252 0x9D as U+009D in the middle of a sentence.
        let line = "這是正常的句子\u{9d}，後面整行都會消失。\n下一行";
        assert_eq!(
            s(line),
            ("這是正常的句子，後面整行都會消失。\n下一行".into(), 1)
        );
        for c1 in ['\u{90}', '\u{98}', '\u{9b}', '\u{9d}', '\u{9e}', '\u{9f}'] {
            let t = format!("前{c1}後面的字，還有\u{9c}與\x07都在。");
            assert_eq!(s(&t), ("前後面的字，還有與都在。".into(), 3), "{c1:?}");
        }
        // Plausible 8-bit sequences are still removed whole.
        assert_eq!(s("a\u{9d}2;標題\u{9c}b"), ("ab".into(), 1));
        assert_eq!(s("a\u{90}1$r\u{9c}b"), ("ab".into(), 1));
        assert_eq!(s("a\u{9f}apc\x07b"), ("ab".into(), 1));
        assert_eq!(s("a\u{9b}1;2Hb"), ("ab".into(), 1));
        // …but not across a line end, or with a control inside.
        assert_eq!(s("a\u{9d}0;t\nb\x07"), ("a0;t\nb".into(), 2));
        assert_eq!(s("a\u{9f}x\u{85}y\x07"), ("axy".into(), 3));
    }

    #[test]
    fn format_controls_and_separators() {
        // LRM, RLM, ALM and tag characters are removed and counted.
        assert_eq!(s("a\u{200e}b\u{200f}c\u{61c}d"), ("abcd".into(), 3));
        assert_eq!(s("🏴\u{e0067}\u{e0062}\u{e007f}x"), ("🏴x".into(), 3));
        // U+2028 is a line break, U+2029 a paragraph break: nothing is removed.
        assert_eq!(s("一\u{2028}二\u{2029}三"), ("一\n二\n\n三".into(), 0));
        // The same through the copying path (a tab elsewhere).
        assert_eq!(s("\t一\u{2029}三\u{200e}").0, "        一\n\n三");
        // Their neighbours pass: ZWJ, ‘’, ‧, Arabic letters, variation selectors, plane-15.
        let fine = "\u{200d}‘’‧\u{2027}\u{202f}\u{61b}\u{61d}ب\u{e0100}\u{f0000}\u{e0080}";
        assert_eq!(s(fine), (fine.into(), 0));
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
    fn overstrike_cannot_smuggle_a_format_control() {
        // Found by tests/fault_props.rs: `_ BS U+202E` was underline over a bidi override.
        let (out, n) = s("_\x08\u{202e}abc");
        assert_eq!((out.as_str(), n), ("_abc", 2));
    }

    #[test]
    fn escaped_shows_controls_as_escapes() {
        assert_eq!(escaped("plain 中文"), "plain 中文");
        assert_eq!(
            escaped("a\x1b[31m\u{2067}b\u{9b}\n"),
            "a\\u{1b}[31m\\u{2067}b\\u{9b}\\u{a}"
        );
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
        assert_eq!(
            copied.strip_suffix(' ').map(str::trim_end),
            Some(in_place.as_str())
        );
        // 5: the SGR `ESC[31m` is a style and the form feed a line break, not removals.
        assert_eq!((in_place.as_str(), n), ("a\nb\ncdefg\nh“i”", 5));
        assert_eq!(n, m);
    }

    #[test]
    fn word_scan_agrees_with_byte_scan() {
        let base = "第一章“山城”……——ab\u{a0}\u{202e}中文\x1b\r\n\u{85}\x7f\tz\u{200e}\u{2029}ب\u{61c}\u{e0041}\u{e0100}".as_bytes();
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
