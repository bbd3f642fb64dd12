//! The project's line-breaking checker: checks a `yuedu --dump` against the Chinese
//! line-breaking rules, so every test runs from a clone alone. A port of the team's
//! `wrapcheck.py` keeping its rules exactly:
//!
//! - no line wider than the column; no escape byte in the output;
//! - no forbidden line start or end (clreq §3.1.7 "Prohibition rules for line start and line
//!   end", GB/T 15834—2011 §5.1): [`NO_START`] never starts a line unless the unbreakable group
//!   that would have to move with it is wider than the column, [`NO_END`] never ends one;
//! - `——` and `……` never split (GB/T 15834 §4.2, §4.11); digit runs never split; Latin words
//!   never split when they fit (and stand whole in the source, when one is given); an
//!   `X(pinyin)` group never splits when it fits;
//! - with a source, the Han characters and the Latin letters/digits (pinyin annotations aside)
//!   equal the source's;
//! - a line is *underfull* when the next line's first unit (with its trailing closing
//!   punctuation) would have fitted on it; at most `max_underfull` percent of non-final lines may
//!   be.
//!
//! Blocks are separated by an empty line (or one of only spaces, tabs and U+3000). Widths come
//! from `unicode-width` (the table yuedu lays out with), zero for combining and format
//! characters, with the Python checker's two adjustments: wide ambiguous characters stay
//! narrow in U+00C0–U+024F (accented Latin), and U+1F300–U+1FAFF is wide.
//!
//! Use [`check`] from a test (`mod wrapcheck;`); `tests/wrapcheck_port.rs` tests each rule.
#![allow(dead_code)]

use std::sync::LazyLock;

use regex::Regex;
use unicode_width::UnicodeWidthChar;

/// Characters that must not start a line (closing punctuation, pause and stop marks, …).
pub const NO_START: &str = "。．，、；：？！）》〉」』】〕〗〙”’…—·・～％‰°℃,.;:?!)]}%";
/// Characters that must not end a line (opening brackets and quotes).
pub const NO_END: &str = "（《〈「『【〔〖〘“‘([{";

const PINYIN_LETTERS: &str = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";

static GROUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"[^\s(]\([{PINYIN_LETTERS}]+\)")).unwrap());
static GROUP_AT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"[^\s(]\([{PINYIN_LETTERS}]+\)$")).unwrap());
static GROUP_AT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^[^\s(]\([{PINYIN_LETTERS}]+\)")).unwrap());
static PINYIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\([{PINYIN_LETTERS}]+\)")).unwrap());
static WORD_AT_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z0-9\-]+$").unwrap());
static WORD_AT_START: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Za-z0-9\-]+").unwrap());
static QUOTED_WORD_AT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[(\[{“‘（「]*[A-Za-z0-9\-]+$").unwrap());
static TOKEN_AT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9\-.%/:_]+").unwrap());
static OPENERS_AT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（《〈「『【〔“‘(\[{]*$").unwrap());
static BLOCK_SEP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\n[ \t\u{3000}]*\n").unwrap());

/// What the checker found.
#[derive(Debug, Default)]
pub struct Report {
    /// Screen lines checked.
    pub lines: usize,
    /// Lines that are not the last of their block.
    pub nonfinal: usize,
    /// Non-final lines the next line's first unit would have fitted on.
    pub underfull: usize,
    /// Up to every violation, one message each.
    pub violations: Vec<String>,
    /// The first few underfull lines, for messages.
    pub underfull_examples: Vec<String>,
}

impl Report {
    /// No violation, and underfull lines at most `max_underfull_pct` percent of non-final lines
    /// (the Python checker's default is 1).
    pub fn ok(&self, max_underfull_pct: f64) -> bool {
        self.violations.is_empty()
            && self.underfull as f64 <= max_underfull_pct / 100.0 * self.nonfinal as f64
    }

    /// The checker's printed summary: examples, violations (25 at most), then the count line.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for u in &self.underfull_examples {
            out.push_str(&format!("underfull: {u}\n"));
        }
        for v in self.violations.iter().take(25) {
            out.push_str(v);
            out.push('\n');
        }
        out.push_str(&format!(
            "wrapcheck: {} lines, {} violations, {} underfull of {} non-final",
            self.lines,
            self.violations.len(),
            self.underfull,
            self.nonfinal
        ));
        out
    }
}

/// The width of one character in cells.
pub fn char_width(c: char, wide_ambiguous: bool) -> usize {
    let o = c as u32;
    if o == 0x200d || (0xfe00..=0xfe0f).contains(&o) {
        return 0;
    }
    if (0x1f300..=0x1faff).contains(&o) {
        return 2;
    }
    let narrow = c.width().unwrap_or(0);
    if narrow == 0 {
        return 0;
    }
    if wide_ambiguous && !(0xc0..=0x24f).contains(&o) {
        return c.width_cjk().unwrap_or(narrow).max(narrow);
    }
    narrow
}

/// The width of a string in cells.
pub fn width(s: &str, wide_ambiguous: bool) -> usize {
    s.chars().map(|c| char_width(c, wide_ambiguous)).sum()
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
        || ('\u{f900}'..='\u{faff}').contains(&c)
        || c as u32 >= 0x20000
}

fn han(s: &str) -> Vec<char> {
    s.chars().filter(|&c| is_han(c)).collect()
}

fn alnum(s: &str) -> String {
    PINYIN
        .replace_all(s, "")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// Python's `str.isdigit` for the digits that occur in text: ASCII, full-width, super- and
/// subscript digits.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || matches!(c, '¹' | '²' | '³' | '⁰' | '⁴'..='⁹' | '₀'..='₉')
}

fn no_start(c: char) -> bool {
    NO_START.contains(c)
}

fn no_end(c: char) -> bool {
    NO_END.contains(c)
}

/// The last unbreakable piece of a line: an `X(pinyin)` group, a Latin/digit token, or one
/// character.
fn tail(a: &str) -> &str {
    if let Some(m) = GROUP_AT_END.find(a).or_else(|| WORD_AT_END.find(a)) {
        return m.as_str();
    }
    a.char_indices().last().map_or("", |(i, _)| &a[i..])
}

fn lead_run(n: &str) -> &str {
    let end = n
        .char_indices()
        .find(|&(_, c)| !no_start(c))
        .map_or(n.len(), |(i, _)| i);
    &n[..end]
}

/// The smallest piece a greedy breaker would have to move up from the next line.
fn unit(n: &str) -> &str {
    let chars: Vec<(usize, char)> = n.char_indices().collect();
    let byte = |k: usize| chars.get(k).map_or(n.len(), |&(i, _)| i);
    let mut k = 0;
    while k < chars.len() && no_end(chars[k].1) {
        k += 1;
    }
    let rest = &n[byte(k)..];
    if let Some(m) = GROUP_AT_START.find(rest) {
        k += m.as_str().chars().count();
    } else if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        k += TOKEN_AT_START
            .find(rest)
            .map_or(1, |m| m.as_str().chars().count());
    } else {
        k += 1;
    }
    while k < chars.len()
        && (no_start(chars[k].1)
            || (chars[k].1 == ' ' && chars.get(k + 1).is_some_and(|&(_, c)| no_start(c))))
    {
        k += 1;
    }
    &n[..byte(k.min(chars.len()))]
}

fn last_chars(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    let skip = count.saturating_sub(n);
    s.char_indices().nth(skip).map_or("", |(i, _)| &s[i..])
}

fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Checks `dump` laid out at `width` cells. `source`, when given, is the text that was laid
/// out: its Han characters and Latin letters/digits must come through unchanged.
pub fn check(dump: &str, w: usize, wide_ambiguous: bool, source: Option<&str>) -> Report {
    let wide = wide_ambiguous;
    let mut report = Report::default();
    let blocks: Vec<Vec<&str>> = BLOCK_SEP
        .split(dump.trim_matches('\n'))
        .map(|b| b.split('\n').collect())
        .collect();
    for b in &blocks {
        for (i, &line) in b.iter().enumerate() {
            report.lines += 1;
            let lw = width(line, wide);
            if lw > w {
                report
                    .violations
                    .push(format!("too wide ({lw}>{w}): {line}"));
            }
            if line.contains('\x1b') {
                report
                    .violations
                    .push(format!("escape byte in output: {line:?}"));
            }
            if i + 1 >= b.len() {
                continue;
            }
            report.nonfinal += 1;
            let (a, n) = (line.trim_end_matches(' '), b[i + 1]);
            if a.is_empty() || n.is_empty() {
                continue;
            }
            let a_last = a.chars().next_back().unwrap_or(' ');
            let n_first = n.chars().next().unwrap_or(' ');
            // A boundary inside "X(pinyin)": allowed only when the group is wider than W.
            let left = last_chars(a, 12);
            let seam = format!("{left}{}", first_chars(n, 12));
            let cut = left.len();
            if let Some(g) = GROUP
                .find_iter(&seam)
                .find(|m| m.start() < cut && cut < m.end())
            {
                let lead = OPENERS_AT_END
                    .find(&seam[..g.start()])
                    .map_or("", |m| m.as_str());
                if width(lead, wide) + width(g.as_str(), wide) <= w {
                    report
                        .violations
                        .push(format!("annotation split: {a} / {n}"));
                }
                continue;
            }
            // The group that must move together is wider than W.
            let forced = width(tail(a), wide) + width(lead_run(n), wide) > w;
            if "—…".contains(n_first) && a_last == n_first {
                report
                    .violations
                    .push(format!("split {n_first}{n_first}: {a} / {n}"));
            } else if no_start(n_first) && !forced {
                report
                    .violations
                    .push(format!("line starts with {n_first:?}: {a} / {n}"));
            }
            if no_end(a_last) {
                report
                    .violations
                    .push(format!("line ends with {a_last:?}: {a} / {n}"));
            }
            if is_digit(a_last) && is_digit(n_first) {
                report.violations.push(format!("digits split: {a} / {n}"));
            }
            if a_last.is_ascii_alphanumeric() && n_first.is_ascii_alphanumeric() {
                let left = QUOTED_WORD_AT_END.find(a).map_or("", |m| m.as_str());
                let right = WORD_AT_START.find(n).map_or("", |m| m.as_str());
                let word = format!("{left}{right}");
                // A break at a space is fine (the space is dropped): only a run that stands
                // whole in the source counts.
                let bare = word.trim_start_matches(|c| "([{“‘（「".contains(c));
                if width(&word, wide) <= w && source.is_none_or(|s| s.contains(bare)) {
                    report.violations.push(format!("word split: {a} / {n}"));
                }
            }
            let space = usize::from(a_last.is_ascii() && n_first.is_ascii());
            if lw + space + width(unit(n), wide) <= w {
                report.underfull += 1;
                if report.underfull <= 5 {
                    report.underfull_examples.push(format!("{a} / {n}"));
                }
            }
        }
    }
    if let Some(src) = source {
        let joined = blocks
            .iter()
            .map(|b| b.concat())
            .collect::<Vec<_>>()
            .join("\n\n");
        let (hs, ht) = (han(src), han(&joined));
        if hs != ht {
            let k = hs.iter().zip(&ht).take_while(|(x, y)| x == y).count();
            let around = |v: &[char]| {
                v[k.min(v.len())..(k + 12).min(v.len())]
                    .iter()
                    .collect::<String>()
            };
            report.violations.push(format!(
                "Han text differs from source at Han char {k}: src …{} / dump …{} (lens {} vs {})",
                around(&hs),
                around(&ht),
                hs.len(),
                ht.len()
            ));
        }
        if alnum(src) != alnum(&joined) {
            report
                .violations
                .push("Latin letters/digits differ from source".to_string());
        }
    }
    report
}
