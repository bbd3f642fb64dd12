//! Reflow of hard-wrapped plain text: finding the width an exporter wrapped at, deciding which
//! line breaks are the exporter's (segment breaks inside a paragraph) and which end a
//! paragraph, and joining the lines of a paragraph for display.
//!
//! **Detection** ([`detect`]) looks at the *inner* lines — prose lines followed directly by
//! another prose line — and their widths in cells. In a hard-wrapped text most inner lines
//! end close to a common maximum, the wrap width; in a text with one paragraph per line they
//! spread over every width. The densest window `[w − max(4, w/8), w]` of inner-line widths
//! (up to 250 cells) must hold at least 30% of the inner lines, and at most a quarter may be
//! wider than it; the most frequent width in that window is the wrap width (a line may pass
//! it by one hanging punctuation mark). When most lines of the window end a sentence (`。`,
//! `！`, `？`, a closing quote), they are sentences or verse lines of one length, not a wrap.
//! A mixed file that fails as a whole is detected per region (windows of inner lines, each
//! held to at most one line in twenty wider than its window: [`detect_region`]). Whether the exporter broke inside runs of Han
//! text (w3m, fixed-width TXT books) or only at spaces (pandoc) decides what the "next word"
//! is in the fit test below. This follows the line-length histogram of calibre's
//! `unwrap_lines` heuristic and the text-format detection of KOReader/crengine.
//!
//! **Joining** ([`Wrapped::joins`]): a line continues into the next when the next one does not
//! start a paragraph (more indented, a list item — the parser has already kept headings,
//! rules, preformatted lines and verse apart) and the line is *full*: the next line's first
//! word would not have fitted after it within the wrap width (so a short last line ends its
//! paragraph even when the next line is not indented). A next line starting with closing
//! punctuation (`，。`) always continues: the exporter broke before it.
//!
//! **Display** ([`join_segment_breaks`]): CSS Text Level 3 §4.1.2 (segment break
//! transformation), as DECISIONS "Text rules" states it: a segment break (with the spaces
//! around it) is removed when the characters on both sides are wide (East Asian Width F, W or
//! H), when either side is wide punctuation (the spec's space-discarding punctuation), or one
//! side is wide and the other East Asian punctuation, including the ambiguous
//! `“ ” ‘ ’ … — ·`; otherwise it becomes one space. The source text is not changed: blocks
//! keep source ranges, and the join comes with an [`OffsetMap`].

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::layout::width::is_wide;
use crate::offset_map::{MapBuilder, OffsetMap};

use super::spaces::is_space;

/// How plain text is reflowed (`--reflow`, config key `reflow`).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Reflow {
    /// Join hard-wrapped lines when the text is detected as hard-wrapped.
    #[default]
    Auto,
    /// Join lines as if the text were hard-wrapped (at the widest common line width).
    On,
    /// One block per source line, as written.
    Off,
}

impl Reflow {
    /// The other state for the `L` key: reflowed paragraphs ⇄ source lines.
    pub fn toggled(self) -> Reflow {
        match self {
            Reflow::Off => Reflow::Auto,
            Reflow::Auto | Reflow::On => Reflow::Off,
        }
    }

    /// The option's name as written on the command line and in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Reflow::Auto => "auto",
            Reflow::On => "on",
            Reflow::Off => "off",
        }
    }
}

impl std::str::FromStr for Reflow {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(Reflow::Auto),
            "on" => Ok(Reflow::On),
            "off" => Ok(Reflow::Off),
            _ => Err(format!("unknown reflow '{s}' (auto, on, off)")),
        }
    }
}

/// East Asian punctuation for the segment break rule: CJK Symbols and Punctuation, the
/// fullwidth forms' punctuation, and the ambiguous-width `“ ” ‘ ’ … — ·` (and `―`, `‥`).
pub fn is_east_asian_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{3000}'..='\u{303f}'
            | '\u{ff01}'..='\u{ff0f}'
            | '\u{ff1a}'..='\u{ff20}'
            | '\u{ff3b}'..='\u{ff40}'
            | '\u{ff5b}'..='\u{ff65}'
            | '\u{fe10}'..='\u{fe1f}'
            | '\u{fe30}'..='\u{fe4f}'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '…'
            | '‥'
            | '—'
            | '―'
            | '·'
    )
}

/// Whether a segment break between `before` and `after` is removed (CSS Text 3 §4.1.2 with
/// its Chinese/Japanese punctuation case); otherwise it becomes one space.
pub fn joins_without_space(before: char, after: char) -> bool {
    let (wb, wa) = (is_wide(before), is_wide(after));
    // Wide punctuation (space-discarding, P* or U+3000) on either side removes the break
    // whatever the other side is (`mount(8)⏎。` → `mount(8)。`).
    let wide_punct = |c: char| is_wide(c) && is_east_asian_punctuation(c);
    (wb && wa)
        || wide_punct(before)
        || wide_punct(after)
        || (wb && is_east_asian_punctuation(after))
        || (wa && is_east_asian_punctuation(before))
}

/// Joins the lines of a reflowed block's source text for display: each `\n` with the spaces
/// around it (indentation, any Unicode space) is removed or becomes one space
/// ([`joins_without_space`]). Returns the text and its map (display ↔ source). Linear.
pub fn join_segment_breaks(source: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(source.len());
    let mut map = MapBuilder::new();
    let mut copied = 0; // source bytes consumed so far
    let bytes = source.as_bytes();
    let mut search = 0;
    while let Some(nl) = memchr::memchr(b'\n', &bytes[search..]).map(|i| search + i) {
        let before_text = source[..nl].trim_end_matches(is_space);
        let gap_start = before_text.len().max(copied);
        let after_text = source[nl + 1..].trim_start_matches(|c| is_space(c) || c == '\n');
        let gap_end = source.len() - after_text.len();
        out.push_str(&source[copied..gap_start]);
        map.copy(gap_start - copied);
        let space = match (before_text.chars().next_back(), after_text.chars().next()) {
            (Some(b), Some(a)) => !joins_without_space(b, a),
            _ => false,
        };
        if space {
            out.push(' ');
        }
        map.replace(usize::from(space), gap_end - gap_start);
        copied = gap_end;
        search = gap_end.max(nl + 1);
    }
    out.push_str(&source[copied..]);
    map.copy(source.len() - copied);
    (out, map.finish())
}

/// Lines longer than this (bytes) are never hard-wrapped lines: 600 bytes is at least 200
/// Han characters (400 cells), wider than any wrap width detected. Their width is not measured.
const LONG_LINE_BYTES: usize = 600;
/// The widest wrap width detected (cells).
const MAX_WRAP_CELLS: usize = 250;

/// One source line as reflow sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Measured<'a> {
    /// The line's text without surrounding spaces.
    pub text: &'a str,
    /// Indent in cells.
    pub indent: usize,
    /// Indent plus the text's width, in cells (ambiguous narrow); `usize::MAX` for long lines.
    pub cells: usize,
}

impl<'a> Measured<'a> {
    pub fn new(text: &'a str, indent: usize) -> Self {
        let cells = if text.len() > LONG_LINE_BYTES {
            usize::MAX
        } else {
            indent + crate::layout::width::text_width(text)
        };
        Measured {
            text,
            indent,
            cells,
        }
    }
}

/// A detected hard wrap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wrapped {
    /// The wrap width in cells, indentation included (most exporters count it).
    pub cells: usize,
    /// The wrap width of the text alone (an exporter that indents the first line on top of
    /// the width, `□□甲乙丙丁戊己庚辛⏎壬癸子丑寅卯辰巳`).
    pub content_cells: usize,
    /// The exporter broke inside runs of wide text (else only at spaces).
    pub break_anywhere: bool,
}

/// The densest window of a width histogram: `(peak, count in window, wider than window)`,
/// where the window is `[w − max(4, w/8), w]` and the peak its most frequent width.
fn densest(
    widths: impl Iterator<Item = usize>,
) -> Option<(usize, usize, usize, std::ops::RangeInclusive<usize>)> {
    let mut hist = vec![0usize; MAX_WRAP_CELLS + 1];
    let mut long = 0;
    for w in widths {
        match hist.get_mut(w) {
            Some(n) => *n += 1,
            None => long += 1,
        }
    }
    let mut prefix = vec![0usize; hist.len() + 1];
    for (i, n) in hist.iter().enumerate() {
        prefix[i + 1] = prefix[i] + n;
    }
    let low = |w: usize| w.saturating_sub((w / 8).max(4));
    let (best_w, best) = (8..=MAX_WRAP_CELLS)
        .filter(|&w| hist[w] > 0)
        .map(|w| (w, prefix[w + 1] - prefix[low(w)]))
        .max_by_key(|&(w, c)| (c, w))?;
    // The wrap width is the most frequent width in the window (ties: the wider): lines of a
    // kinsoku exporter that let a `，` hang past the width are fewer and must not raise it.
    let lo = low(best_w);
    let peak = (lo..=best_w)
        .max_by_key(|&w| (hist[w], w))
        .unwrap_or(best_w);
    let wider = prefix[hist.len()] - prefix[best_w + 1] + long;
    Some((peak, best, wider, lo..=best_w))
}

/// Detects a hard wrap from `inner`, the inner lines (prose lines followed directly by
/// another prose line) with the first character of the line after each. `force` (`--reflow
/// on`) accepts the densest window whatever its share. `inner` is walked a few times and not
/// collected (a text of millions of short lines would need an object per line).
pub(crate) fn detect<'a, I>(inner: I, force: bool) -> Option<Wrapped>
where
    I: Iterator<Item = (Measured<'a>, char)> + Clone,
{
    detect_share(inner, force, 4)
}

/// [`detect`] for one region of a text ([`super::parse`] looks at windows of a mixed file):
/// stricter, at most one inner line in twenty wider than the densest width window (instead
/// of one in four) — no line of a hard-wrapped region passes the wrap width, while a roster of
/// names in a novel (lines of 13 to 34 cells) spreads on both sides of any window.
pub(crate) fn detect_region<'a, I>(inner: I) -> Option<Wrapped>
where
    I: Iterator<Item = (Measured<'a>, char)> + Clone,
{
    detect_share(inner, false, 20)
}

/// [`detect`] with at most one line in `wider_in` wider than the densest window.
fn detect_share<'a, I>(inner: I, force: bool, wider_in: usize) -> Option<Wrapped>
where
    I: Iterator<Item = (Measured<'a>, char)> + Clone,
{
    let n = inner.clone().count();
    if n == 0 || (!force && n < 6) {
        return None;
    }
    let content = |m: &Measured<'_>| m.cells.saturating_sub(m.indent);
    let (peak, best, wider, window) = densest(inner.clone().map(|(m, _)| m.cells))?;
    let (content_peak, content_best, content_wider, _) =
        densest(inner.clone().map(|(m, _)| content(&m)))?;
    let passes =
        |best: usize, wider: usize| best * 10 >= n * 3 && best >= 5 && wider * wider_in <= n;
    if !force && !passes(best, wider) && !passes(content_best, content_wider) {
        return None;
    }
    // Lines cut by an exporter end anywhere in a sentence; when most lines of the window end
    // a sentence, they are sentences or verse lines of one length, not a hard wrap.
    let sentence_ends = inner
        .clone()
        .filter(|(m, _)| window.contains(&m.cells) && m.text.ends_with(is_sentence_end))
        .count();
    if !force && sentence_ends * 2 > best {
        return None;
    }
    let anywhere = inner
        .filter(|(m, next)| m.text.chars().next_back().is_some_and(is_wide) && is_wide(*next))
        .count();
    Some(Wrapped {
        cells: peak,
        content_cells: content_peak,
        break_anywhere: anywhere * 5 >= n,
    })
}

/// Punctuation that ends a sentence or a verse line (with a closing quote after it).
fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '。' | '．' | '！' | '？' | '”' | '」' | '』' | '.' | '!' | '?'
    )
}

/// Closing punctuation that never starts a line (clreq §3.1.7 "line-start prohibition"): a
/// line that starts with one was broken before it by the exporter.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '”'
            | '’'
            | '…'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
    )
}

/// A list item's marker at the start of a line: `* `, `- `, `+ `, `• `, `· `, `1. `, `1) `,
/// `a) `, `（1）`. Returns the marker's width in cells (the hanging indent of its lines).
pub fn list_marker(text: &str) -> Option<usize> {
    list_marker_bytes(text).map(|n| text[..n].width())
}

/// [`list_marker`] in bytes of `text` (the layout hangs an item's lines after it).
pub fn list_marker_bytes(text: &str) -> Option<usize> {
    for m in ["* ", "- ", "+ ", "• ", "· ", "o ", "◦ ", "▪ ", "– "] {
        if text.starts_with(m) {
            return Some(m.len());
        }
    }
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    if (1..=3).contains(&digits) {
        let rest = &text[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(digits + 2);
        }
    }
    None
}

impl Wrapped {
    /// Whether line `cur` continues into `next` (no blank line between them). `hang` is the
    /// indent continuation lines of `cur`'s paragraph have when it is a list item (its text
    /// column), else `None`.
    pub(crate) fn joins(
        &self,
        cur: &Measured<'_>,
        next: &Measured<'_>,
        hang: Option<usize>,
    ) -> bool {
        let Some(first) = next.text.chars().next() else {
            return false;
        };
        if cur.cells == usize::MAX || next.cells == usize::MAX {
            return false;
        }
        if list_marker(next.text).is_some() {
            return false;
        }
        let continuation_indent = hang.unwrap_or(cur.indent);
        if next.indent > continuation_indent && !is_closing(first) {
            return false;
        }
        if is_closing(first) {
            return cur.cells <= self.cells + 2;
        }
        // Too long for this wrap: a paragraph of its own (rule 7 of the cases). Closing
        // punctuation hanging at the end (`。”`) does not count.
        let body = cur.text.trim_end_matches(is_closing);
        let hanging = cur.text[body.len()..].width();
        if cur.cells - hanging > self.cells + 2 {
            return false;
        }
        let last = cur.text.chars().next_back().unwrap_or(' ');
        let gap = usize::from(!(self.break_anywhere && (is_wide(last) || is_wide(first))));
        let unit = if self.break_anywhere && is_wide(first) {
            first.width().unwrap_or(2)
        } else {
            let end = next
                .text
                .find(|c: char| is_space(c) || (self.break_anywhere && is_wide(c)))
                .unwrap_or(next.text.len());
            next.text[..end].width().max(1)
        };
        // Full: the next line's first word would not have fitted after this one (counting
        // the indent, or not: exporters do both).
        cur.cells + gap + unit > self.cells
            || cur.cells - cur.indent + gap + unit > self.content_cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(s: &str) -> String {
        let (t, m) = join_segment_breaks(s);
        assert_eq!(m.source_len(), s.len());
        assert_eq!(m.display_len(), t.len());
        t
    }

    #[test]
    fn css_text_segment_breaks() {
        // Wide–wide: removed; narrow–narrow and wide–narrow: one space.
        assert_eq!(join("甲乙\n丙丁"), "甲乙丙丁");
        assert_eq!(
            join("例如\nunattended-upgrades 软件包"),
            "例如 unattended-upgrades 软件包"
        );
        assert_eq!(join("line that is\nwrapped by"), "line that is wrapped by");
        // Indentation and trailing spaces go with the break; NBSP too.
        assert_eq!(join("甲乙  \n    丙丁"), "甲乙丙丁");
        assert_eq!(join("甲乙\n\u{a0}\u{a0}\u{a0} 丙丁"), "甲乙丙丁");
        // Ambiguous East Asian punctuation next to a wide character: removed.
        assert_eq!(join("他说“\n好”"), "他说“好”");
        assert_eq!(join("“好”\n他说"), "“好”他说");
        assert_eq!(join("等等……\n然后"), "等等……然后");
        assert_eq!(join("文\n件，"), "文件，");
        assert_eq!(join("bash(1)\n。"), "bash(1)。");
        assert_eq!(join("abc"), "abc");
    }

    #[test]
    fn join_map_points_into_source() {
        let src = "甲乙\n    丙丁";
        let (t, m) = join_segment_breaks(src);
        assert_eq!(t, "甲乙丙丁");
        let bing = t.find('丙').unwrap();
        assert_eq!(
            m.to_source(crate::units::PresentedByte(bing)).0,
            src.find('丙').unwrap()
        );
        assert_eq!(
            m.to_display(crate::units::SourceByte(src.find('丙').unwrap()))
                .0,
            bing
        );
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("* 列表项一"), Some(2));
        assert_eq!(list_marker("12. 项目"), Some(4));
        assert_eq!(list_marker("1.1. 控制台"), None);
        assert_eq!(list_marker("甲乙"), None);
    }
}
