//! Line-break opportunities: UAX #14 tailored for Chinese (W3C clreq, GB/T 15834-2011 §5.1).
//!
//! One hard line (no `\n`) is cut into grapheme clusters ([`Cluster`], UAX #29, never split),
//! each with its width in cells and a coarse break class ([`Class`], from UAX #14's
//! `Line_Break` property via `unicode-linebreak`, overridden by the clreq prohibition lists).
//! Every boundary between two clusters then gets a [`Penalty`]: [`Penalty::Allowed`] is a break
//! opportunity; the others say how strongly a break there is forbidden, which only matters in an
//! emergency (a group wider than the column must be cut somewhere: the weakest glue goes first).
//!
//! Tailoring, in short:
//! * clreq "Prohibition Rules for Line Start and Line End" / GB/T 15834 §5.1.1–5.1.3:
//!   [`is_no_start`] characters never begin a line, [`is_no_end`] characters never end one;
//! * clreq "Unbreakable Marks": `——` and `……` are never split;
//! * curly quotes are brackets (`“` opens, `”` closes) instead of UAX #14's QU;
//! * half-width `,:;!?` after a Han character break like their full-width forms (overrides LB29);
//! * Latin words with inner hyphens, digit runs, number + `%` and URLs stay whole (LB13, LB21,
//!   LB23, LB25, LB28, LB29 plus a URL run rule);
//! * an inline pinyin annotation `發(fā)` stays attached to its character;
//! * a run of eight or more of one dash (`--------`, `========`) is a drawn line, breakable
//!   inside, so the clause before it keeps its `：` ([`open_dash_runs`]);
//! * URLs and paths ([`url_spans`]) are one group that breaks only at clean points, and only
//!   when it is wider than the column: after `/` or `//`, before `.` `?` `#` `&` `=` `-` `_`
//!   ([`Penalty::Url`], the weakest glue inside them, so an emergency cut takes the latest clean
//!   point that fits), nowhere else (strong glue: inside the scheme and its `://`, inside a name). UAX
//!   #14 leaves URLs to tailoring (LB13 and LB29 keep `a.cn` and `://` glued but allow a break
//!   after `/`, SY × AL excepted); clreq has no rule for them; the clean points are the ones
//!   style guides give (the Chicago Manual of Style: after `//`, before most punctuation), with
//!   `/` ending the line rather than starting the next, as the issue asks.

use std::sync::LazyLock;

use regex::Regex;
use unicode_linebreak::{break_property, BreakClass};
use unicode_segmentation::UnicodeSegmentation;

use super::width::{char_width, grapheme_width, is_simple};
use super::AmbiguousWidth;

/// A coarse line-break class of a grapheme cluster (of its first char).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Class {
    /// U+0020 SPACE (UAX #14 SP): a break after a run of spaces drops the spaces (LB7, LB18).
    Space,
    /// Han, kana, Hangul, emoji, East Asian ambiguous symbols: breaks on both sides (LB31).
    Ideo,
    /// Letters and word symbols (AL, HL, SA, XX): glued to each other (LB28).
    Alpha,
    /// Digits (NU): glued to each other and to letters (LB23, LB25).
    Digit,
    /// Opening brackets and quotes (OP and the clreq no-end list): never end a line (LB14).
    Open,
    /// Closing marks (CL, CP, EX, IS, NS, IN, PO and the clreq no-start list): never start a
    /// line (LB13, LB16, LB22).
    Close,
    /// HY `-`: no break before it (LB21), none after it inside a word.
    Hyphen,
    /// BA (e.g. U+3000 IDEOGRAPHIC SPACE, `|`): no break before it (LB21).
    BreakAfter,
    /// BB: no break after it (LB21).
    BreakBefore,
    /// PR (`$ + ¥ €`): glued to a following number or word (LB24, LB25).
    Prefix,
    /// SY `/`: glued inside URLs and words (LB13 × SY).
    Slash,
    /// Straight quotes QU (`"` `'`): glued on both sides (LB19).
    Quote,
    /// GL, WJ, orphan ZWJ: glued on both sides (LB11, LB12).
    Glue,
    /// ZW and controls: zero width, a break after is allowed (LB8).
    ZeroWidth,
}

/// How a boundary between two clusters may be used, weakest prohibition first.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Penalty {
    /// A break opportunity.
    Allowed = 0,
    /// Forbidden line start (clreq no-start, LB13/LB21): the push-out glue, cut first.
    NoStart = 1,
    /// A clean point inside a URL or path ([`url_spans`]) or after a word's inner hyphen: an
    /// emergency cut takes one before it would start a line with `，。、）` (see
    /// `wrap::cut_level`), so `https://…/a、` keeps its `、`.
    Url = 2,
    /// Inside a word, URL, pinyin annotation or glued pair (LB11–LB12, LB19, LB23–LB30).
    Word = 3,
    /// Forbidden line end (clreq no-end, LB14), inside `——`/`……` (clreq unbreakable marks),
    /// between digits (LB25), inside a URL scheme and its `://`: cut only when nothing else
    /// fits.
    Strong = 4,
    /// Never: before a space (LB7), which is never a line start.
    Never = 5,
}

/// One grapheme cluster of a hard line.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Byte offset of the cluster start in the laid-out line.
    pub start_byte: usize,
    /// Byte offset just past the cluster.
    pub end_byte: usize,
    /// Display width in cells ([`super::width::grapheme_width`]).
    pub width: u8,
    /// The break class of its first char.
    pub class: Class,
    /// Its first char.
    pub first: char,
    /// The penalty of a break just before this cluster (`Never` for the first cluster).
    pub before: Penalty,
}

/// clreq "Prohibition Rules for Line Start" (GB/T 15834-2011 §5.1.1, 5.1.2): characters that
/// never begin a line, plus the ASCII forms `,.;:?!)]}%`.
pub fn is_no_start(c: char) -> bool {
    matches!(
        c,
        '。' | '．'
            | '，'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '”'
            | '’'
            | '…'
            | '—'
            | '·'
            | '・'
            | '～'
            | '％'
            | '‰'
            | '°'
            | '℃'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// clreq "Prohibition Rules for Line End" (GB/T 15834-2011 §5.1.3): characters that never end a
/// line, plus the ASCII forms `([{`.
pub fn is_no_end(c: char) -> bool {
    matches!(
        c,
        '（' | '《'
            | '〈'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〖'
            | '〘'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

/// The tailored break class of a char (UAX #14 `Line_Break`, LB1 resolution for Chinese:
/// AI, CJ and Hangul as ID; SA, XX as AL).
pub fn class_of(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Alpha,
            '0'..='9' => Class::Digit,
            ' ' => Class::Space,
            '(' | '[' | '{' => Class::Open,
            ')' | ']' | '}' | ',' | '.' | ';' | ':' | '?' | '!' | '%' => Class::Close,
            '-' => Class::Hyphen,
            '"' | '\'' => Class::Quote,
            '/' => Class::Slash,
            '$' | '+' | '\\' => Class::Prefix,
            '|' => Class::BreakAfter,
            '\u{0}'..='\u{1f}' | '\u{7f}' => Class::ZeroWidth,
            _ => Class::Alpha,
        };
    }
    let u = u32::from(c);
    // Fullwidth digits are ID in UAX #14, which would split `（１０２１－１０８６）` anywhere;
    // clreq keeps a number whole, so they are digits here like their ASCII forms (LB25).
    if ('\u{FF10}'..='\u{FF19}').contains(&c) {
        return Class::Digit;
    }
    if (0x4e00..=0x9fff).contains(&u) || (0x3400..=0x4dbf).contains(&u) {
        return Class::Ideo;
    }
    if is_no_start(c) {
        return Class::Close;
    }
    if is_no_end(c) {
        return Class::Open;
    }
    use BreakClass as B;
    match break_property(u) {
        B::Alphabetic
        | B::HebrewLetter
        | B::ComplexContext
        | B::Unknown
        | B::CombiningMark
        | B::Surrogate => Class::Alpha,
        B::Numeric => Class::Digit,
        B::OpenPunctuation => Class::Open,
        B::ClosePunctuation
        | B::CloseParenthesis
        | B::Exclamation
        | B::InfixSeparator
        | B::NonStarter
        | B::Inseparable
        | B::Postfix
        | B::BeforeAndAfter => Class::Close,
        B::Prefix => Class::Prefix,
        B::Space => Class::Space,
        B::NonBreakingGlue | B::WordJoiner | B::ZeroWidthJoiner => Class::Glue,
        B::ZeroWidthSpace | B::Mandatory | B::CarriageReturn | B::LineFeed | B::NextLine => {
            Class::ZeroWidth
        }
        B::After => Class::BreakAfter,
        B::Before => Class::BreakBefore,
        B::Hyphen => Class::Hyphen,
        B::Quotation => Class::Quote,
        B::Symbol => Class::Slash,
        _ => Class::Ideo,
    }
}

/// Cuts one hard line (no `\n`) into grapheme clusters with widths and classes, appending to
/// `out` (cleared first). Byte offsets are relative to `line`. With `cjk_rules` off every
/// boundary is [`Penalty::Allowed`] and spaces are ordinary clusters (preformatted text).
///
/// Fast path: ASCII, Latin, CJK punctuation, kana and BMP Han between such chars are their own
/// clusters (UAX #29 GB999); anything else goes through `unicode-segmentation`.
pub fn analyze(line: &str, ambiguous: AmbiguousWidth, cjk_rules: bool, out: &mut Vec<Cluster>) {
    out.clear();
    let mut pos = 0;
    let mut cur = line.chars().next();
    while let Some(c) = cur {
        let clen = c.len_utf8();
        let next = line.get(pos + clen..).and_then(|r| r.chars().next());
        let (end, width) = if is_simple(c) && next.is_none_or(is_simple) {
            (pos + clen, char_width(c, ambiguous))
        } else {
            let rest = line.get(pos..).unwrap_or("");
            let g = rest.graphemes(true).next().unwrap_or(rest);
            let w = grapheme_width(g, ambiguous).0.min(usize::from(u8::MAX));
            (pos + g.len().max(clen), u8::try_from(w).unwrap_or(u8::MAX))
        };
        let mut class = class_of(c);
        if class == Class::Space && end - pos > clen {
            class = Class::Alpha; // SP + combining mark: LB10
        }
        out.push(Cluster {
            start_byte: pos,
            end_byte: end,
            width,
            class,
            first: c,
            before: Penalty::Never,
        });
        cur = if end == pos + clen {
            next
        } else {
            line.get(end..).and_then(|r| r.chars().next())
        };
        pos = end;
    }
    if cjk_rules {
        assign_penalties(line, out);
    } else {
        for c in out.iter_mut().skip(1) {
            c.before = Penalty::Allowed;
        }
    }
}

/// Sets `before` on every cluster but the first, by the tailored rules (module docs).
fn assign_penalties(line: &str, cl: &mut [Cluster]) {
    // Index of the last non-space cluster before the current position.
    let mut last_solid: Option<usize> = None;
    let mut pinyin_close: usize = usize::MAX; // index of the ')' of an annotation in progress
    for i in 1..cl.len() {
        let a = cl[i - 1];
        let b = cl[i];
        if a.class != Class::Space {
            last_solid = Some(i - 1);
        }
        let pen = if b.class == Class::Space {
            Penalty::Never // LB7
        } else if a.class == Class::Space {
            match last_solid.map(|k| cl[k]) {
                None => Penalty::NoStart, // leading indent: keep it with the text
                Some(p) if p.class == Class::Open => Penalty::Strong, // LB14 OP SP* ×
                _ if b.class == Class::Close || b.class == Class::BreakAfter => Penalty::NoStart,
                _ => Penalty::Allowed, // LB18
            }
        } else {
            let prev = if i >= 2 { Some(cl[i - 2]) } else { None };
            if i == pinyin_close {
                Penalty::Word
            } else if b.first == '(' && a.class == Class::Ideo {
                if let Some(close) = pinyin_annotation(line, cl, i) {
                    pinyin_close = close;
                    Penalty::Word
                } else {
                    pair(a, b, prev)
                }
            } else {
                pair(a, b, prev)
            }
        };
        cl[i].before = pen;
    }
    open_dash_runs(cl);
    if line.contains('/') {
        for span in url_spans(line) {
            glue_url(cl, &span);
        }
    }
}

/// The characters a drawn line is made of (`--------`, `========`). Not `—`: it may not
/// start a line (clreq, GB/T 15834 §5.1.1), so an em-dash run stays glued in pairs.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '=' | '_' | '*' | '~' | '＊' | '─' | '━')
}

/// The shortest run of one dash character that is a drawn line rather than punctuation or a
/// blank to fill in: shorter runs (`--`, the `____` of old novel texts) stay glued.
const DASH_RUN: usize = 8;

/// Makes the inside of every run of [`DASH_RUN`] or more of one [`is_dash`] character
/// breakable. UAX #14 glues such a run whole (LB21 `× HY`, LB28 `AL × AL`), so a 69-dash line
/// after `这是一行：` is one unbreakable word that the emergency cut splits anywhere — after
/// `行`, leaving `：` to start the next line against clreq's line-start prohibition. A run that
/// long is a drawn line, not a word (the issue's "a dash run after text breaks legally"), so
/// it may break between any two of its marks. The boundary before the run keeps its penalty
/// (`：` × `-`: the line ends with the first dashes, never with `：` alone at the next start).
fn open_dash_runs(cl: &mut [Cluster]) {
    let mut i = 0;
    while i < cl.len() {
        let c = cl[i].first;
        if !is_dash(c) || cl[i].end_byte - cl[i].start_byte != c.len_utf8() {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < cl.len()
            && cl[end].first == c
            && cl[end].end_byte - cl[end].start_byte == c.len_utf8()
        {
            end += 1;
        }
        if end - i >= DASH_RUN {
            for cluster in &mut cl[i + 1..end] {
                cluster.before = Penalty::Allowed;
            }
        }
        i = end;
    }
}

/// A URL or path found in a line: byte ranges relative to the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlSpan {
    /// The whole URL or path.
    pub bytes: std::ops::Range<usize>,
    /// The end of its scheme and `://`, or of a path's root (`/`, `~/`, `./`, `../`).
    pub scheme_end: usize,
    /// A path (no scheme): no break just after its root, which would leave `/` alone.
    pub path: bool,
}

/// URL characters (RFC 3986 unreserved, reserved and `%`), ASCII only: a Han character or
/// full-width punctuation ends a URL.
const URL_CHARS: &str = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]";

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        // A scheme and `://`; or a path: `/`, `~/`, `./`, `../` with at least two segments,
        // not glued to a word before it (`TCP/IP`, `and/or` are not paths).
        r"(?:^|[^A-Za-z0-9_./~-])((?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|(?:~|\.\.?)?/[A-Za-z0-9._~-]+/){URL_CHARS}*)"
    ))
    .expect("URL pattern")
});

/// The URLs and paths of `line`: `scheme://…`, `www.…`, and absolute or relative paths with at
/// least two segments (`/usr/share/doc`, `~/.config/yuedu`, `../a/b`). A trailing `.,;:!?'`
/// is sentence punctuation, not part of it, and so is a `)` or `]` it does not open.
pub fn url_spans(line: &str) -> Vec<UrlSpan> {
    let mut out = Vec::new();
    // Every URL or path has a `/` or starts `www.`: most lines of prose have neither, and the
    // pattern's lazy automaton (its classes are Unicode) took ~20 ms to warm up on the first
    // screen of a Chinese text.
    if memchr::memchr(b'/', line.as_bytes()).is_none() && !line.contains("www.") {
        return out;
    }
    for caps in URL.captures_iter(line) {
        let Some(m) = caps.get(1) else { continue };
        let mut text = m.as_str();
        loop {
            let trimmed = text.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
            let trimmed = match trimmed.chars().next_back() {
                Some(')') if trimmed.matches('(').count() < trimmed.matches(')').count() => {
                    &trimmed[..trimmed.len() - 1]
                }
                Some(']') if trimmed.matches('[').count() < trimmed.matches(']').count() => {
                    &trimmed[..trimmed.len() - 1]
                }
                _ => trimmed,
            };
            if trimmed.len() == text.len() {
                break;
            }
            text = trimmed;
        }
        let start = m.start();
        let path = !text.contains("://") && !text.starts_with("www.");
        let scheme_end = match text.find("://") {
            Some(k) => start + k + 3,
            None if path => start + text.find('/').map_or(0, |k| k + 1),
            None => start,
        };
        out.push(UrlSpan {
            bytes: start..start + text.len(),
            scheme_end,
            path,
        });
    }
    out
}

/// Sets the penalties inside one URL or path: clean points get [`Penalty::Url`], every other
/// boundary [`Penalty::Strong`] — so a URL or path that must be cut and has no clean point left
/// on the line moves to the next line whole rather than filling this one, and is cut elsewhere
/// only when a clean point would not fit even on a line of its own. The boundaries before and
/// after it keep theirs.
fn glue_url(cl: &mut [Cluster], span: &UrlSpan) {
    let first = cl.partition_point(|c| c.start_byte < span.bytes.start);
    for i in first + 1..cl.len() {
        if cl[i].start_byte >= span.bytes.end {
            break;
        }
        let (a, b) = (cl[i - 1].first, cl[i].first);
        let at = cl[i].start_byte;
        // Never inside `https://`, nor just after a path's root (`/` alone at a line end).
        let in_root = at < span.scheme_end || (span.path && at == span.scheme_end);
        let clean = (a == '/' && b != '/')
            || (matches!(b, '.' | '?' | '#' | '&' | '=' | '-' | '_') && a != b && a != '/');
        cl[i].before = if clean && !in_root {
            Penalty::Url
        } else {
            Penalty::Strong
        };
    }
}

/// If cluster `i` is the `(` of an inline pinyin annotation (`發(fā)`: ASCII parentheses holding
/// one lowercase pinyin syllable, right after a Han char), the index of its `)`.
fn pinyin_annotation(line: &str, cl: &[Cluster], i: usize) -> Option<usize> {
    let rest = line.get(cl[i].end_byte..)?;
    let mut letters = 0;
    for c in rest.chars() {
        match c {
            ')' if letters > 0 => return Some(i + 1 + letters),
            'a'..='z'
            | 'ü'
            | 'ā'
            | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
                if letters < 8 =>
            {
                letters += 1;
            }
            _ => return None,
        }
    }
    None
}

/// The penalty between two adjacent non-space clusters `a` `b` (`prev` precedes `a`).
fn pair(a: Cluster, b: Cluster, prev: Option<Cluster>) -> Penalty {
    use Class as C;
    let wordish = |c: Class| matches!(c, C::Alpha | C::Digit);
    let prev_class = prev.map(|p| p.class);
    let prev_word = prev_class.is_some_and(wordish);
    match (a.class, b.class) {
        (C::Open, _) => Penalty::Strong, // LB14, clreq line end
        _ if a.first == b.first && matches!(a.first, '—' | '…') => Penalty::Strong, // clreq
        (C::Hyphen, C::Digit) => Penalty::Url, // LB25 HY × NU; a clean emergency cut
        (_, C::Close | C::Hyphen | C::BreakAfter | C::ZeroWidth) => Penalty::NoStart, // LB13, LB21
        (C::ZeroWidth, _) => Penalty::Allowed, // LB8 (after the clreq prohibitions)
        (C::Glue | C::Quote | C::BreakBefore, _) | (_, C::Glue | C::Quote) => Penalty::Word, // LB11, LB12, LB19, LB21
        (C::Digit, C::Digit) => Penalty::Strong, // LB25: digit runs never split
        (C::Alpha | C::Digit, C::Alpha | C::Digit) => Penalty::Word, // LB23, LB28
        (C::Alpha | C::Digit, C::Slash | C::Prefix) => Penalty::Word, // LB13 × SY; C++
        (C::Alpha | C::Digit, C::Open) if b.first.is_ascii() => Penalty::Word, // LB30
        (C::Prefix, C::Alpha | C::Digit | C::Open) => Penalty::Word, // LB24, LB25
        (C::Slash, C::Alpha | C::Digit | C::Slash) if prev_class != Some(C::Ideo) => Penalty::Word, // URL
        (C::Hyphen, C::Alpha) if prev_word => Penalty::Url, // inner hyphen: a clean emergency cut
        (C::Close, C::Alpha | C::Digit | C::Slash) => {
            if a.first.is_ascii() && prev_word {
                Penalty::Word // LB29 IS × AL, LB25 IS × NU, LB30 CP × AL: `a.cn`, `1,000`, `f(x)y`
            } else {
                Penalty::Allowed // after a Han char, `,` breaks like `，` (clreq tailoring)
            }
        }
        _ => Penalty::Allowed, // LB31
    }
}

#[cfg(test)]
mod tests;
