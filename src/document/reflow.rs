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
//! Lines of a list, a log or a roster are not evidence: a wrap is at least
//! [`MIN_WRAP_CELLS`] wide, and a line that begins or ends like the lines on both sides of
//! it (`物品编号1号⏎物品编号2号⏎…`, `编译 src/file1.c 成功`) is a complete item and left out.
//! A mixed file that fails as a whole is detected per region (windows of inner lines, each
//! held to at most one line in twenty wider than its window: [`detect_region`]). Many TXT
//! exporters count characters, not cells: an ASCII `"` or an ambiguous `“` is one character
//! but one cell, so their full lines spread over a few cell widths. Detection also builds the
//! histogram with every character counted two cells and, for an exporter that breaks
//! anywhere, takes that measure when more lines sit exactly at its peak than at (or a cell
//! under) the cell peak ([`Wrapped::by_chars`]). Whether the exporter broke inside runs of Han
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
//! `“ ” ‘ ’ … — ·`; otherwise it becomes one space. In a block that writes ASCII against Han
//! without spaces, narrow punctuation at the break is looked through: Han on both sides with
//! only punctuation between is "both sides wide" (`宜乎？"⏎故曰` → `宜乎？"故曰`). The source text is not changed: blocks
//! keep source ranges, and the join comes with an [`OffsetMap`].

use unicode_width::UnicodeWidthStr;

use crate::layout::width::is_wide;
use crate::offset_map::{MapBuilder, OffsetMap};

use super::segment_break::{breaks_without_space, spaced_ascii};
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
    /// The source lines as written: no joining, indentation kept, no paragraph spacing
    /// between the lines of one paragraph.
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

/// Joins the lines of a reflowed block's source text for display: each `\n` with the spaces
/// around it (indentation, any Unicode space) is removed or becomes one space
/// ([`breaks_without_space`]). Returns the text and its map (display ↔ source). Linear.
pub fn join_segment_breaks(source: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(source.len());
    let mut map = MapBuilder::new();
    let mut copied = 0; // source bytes consumed so far
    let bytes = source.as_bytes();
    let mut search = 0;
    let tight = !spaced_ascii(source);
    while let Some(nl) = memchr::memchr(b'\n', &bytes[search..]).map(|i| search + i) {
        let before_text = source[..nl].trim_end_matches(is_space);
        let gap_start = before_text.len().max(copied);
        let after_text = source[nl + 1..].trim_start_matches(|c| is_space(c) || c == '\n');
        let gap_end = source.len() - after_text.len();
        out.push_str(&source[copied..gap_start]);
        map.copy(gap_start - copied);
        let space = !breaks_without_space(before_text, after_text, tight);
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
    /// The indent's characters (a space, a tab and U+3000 are one each).
    pub indent_chars: usize,
    /// The narrow (one-cell) characters of indent and text: `cells + narrow` is the line's
    /// width with every character counted two cells, the measure of an exporter that wraps
    /// by character count ([`Wrapped::by_chars`]).
    pub narrow: usize,
}

impl<'a> Measured<'a> {
    /// `text` without surrounding spaces, after an indent of `indent` cells made of
    /// `indent_chars` characters.
    pub fn new(text: &'a str, indent: usize, indent_chars: usize) -> Self {
        let (cells, narrow) = if text.len() > LONG_LINE_BYTES {
            (usize::MAX, 0)
        } else {
            let cells = crate::layout::width::text_width(text);
            // Every character but a zero-width one is one or two cells, so the narrow ones
            // are twice the characters less the cells (a zero-width one counts as narrow).
            let chars = text.chars().count();
            let indent_narrow = (2 * indent_chars).saturating_sub(indent);
            (
                indent + cells,
                (2 * chars).saturating_sub(cells) + indent_narrow,
            )
        };
        Measured {
            text,
            indent,
            cells,
            indent_chars,
            narrow,
        }
    }

    /// Width with every character counted two cells (`usize::MAX` for long lines).
    pub fn char_cells(&self) -> usize {
        self.cells.saturating_add(self.narrow)
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
    /// The exporter counted characters, not cells (every character two cells: a line of 40
    /// characters with two ASCII `"` is as full as one of 40 Han); `cells` and
    /// `content_cells` are then in that measure ([`Measured::char_cells`]).
    pub by_chars: bool,
}

/// The densest window of a width histogram, where the window is `[w − max(4, w/8), w]` and
/// the peak its most frequent width.
fn densest(widths: impl Iterator<Item = usize>) -> Option<Density> {
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
    Some(Density {
        peak,
        at_peak: hist[peak],
        near_peak: hist[peak] + hist[peak.saturating_sub(1)],
        best,
        wider,
        window: lo..=best_w,
    })
}

/// The densest window of a width histogram ([`densest`]).
struct Density {
    /// The most frequent width in the window (the wrap width).
    peak: usize,
    /// Lines exactly at `peak`.
    at_peak: usize,
    /// Lines at `peak` or one less.
    near_peak: usize,
    /// Lines in the window.
    best: usize,
    /// Lines wider than the window.
    wider: usize,
    window: std::ops::RangeInclusive<usize>,
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
    // Lines that repeat the line before (`yes 中文测试行`, a log, a program's output) are not
    // an exporter's wrap of prose, which never repeats a line: more than a quarter, no reflow.
    // (A repeat: the same text as the next inner line, and the line after it starts the same.)
    let repeats = inner
        .clone()
        .zip(inner.clone().skip(1))
        .filter(|((a, next), (b, _))| a.text == b.text && a.text.starts_with(*next))
        .count();
    if !force && repeats * 4 > n {
        return None;
    }
    if force {
        return detect_lines(inner, true, wider_in);
    }
    // Items of a list, a log or a roster (`物品编号1号⏎物品编号2号`, `编译 src/file1.c 成功`,
    // `2024-01-01 12:00:01 启动服务`, a printed table of contents) share their first or last
    // words with the line before and the line after; the lines of wrapped prose are cut
    // anywhere in the running text and do so by chance only now and then (`… Debian⏎… Debian`
    // in a pandoc export), not three in a row. Such lines are complete items, no evidence of
    // a wrap: the wrap is detected from the other lines.
    let prev = std::iter::once(None).chain(inner.clone().map(Some));
    let next = inner.clone().skip(1).map(Some).chain(std::iter::once(None));
    let alike = |x: &Option<(Measured<'_>, char)>, m: &Measured<'_>| {
        x.as_ref().is_some_and(|(o, _)| items_alike(o.text, m.text))
    };
    let prose = inner
        .zip(prev)
        .zip(next)
        .filter(move |((m, p), x)| !(alike(p, &m.0) && alike(x, &m.0)))
        .map(|((m, _), _)| m);
    detect_lines(prose, false, wider_in)
}

/// [`detect_share`] on the lines that are evidence of a wrap.
fn detect_lines<'a, I>(inner: I, force: bool, wider_in: usize) -> Option<Wrapped>
where
    I: Iterator<Item = (Measured<'a>, char)> + Clone,
{
    let n = inner.clone().count();
    if n == 0 || (!force && n < 6) {
        return None;
    }
    // Widths in cells, and in characters (each counted two cells) for exporters that wrap by
    // character count: the measure with more full lines at its peak is the exporter's. A
    // line full by characters is exactly at the peak; one full by cells may be a cell short
    // of it (the next character was wide), so that measure counts both. (A text of Han
    // only is the same in both, and stays with cells.) Only an exporter that breaks anywhere
    // counts characters, and then most lines are exactly at its width: one that breaks at
    // spaces (pandoc, which may also break between Han) has no sharp peak in either.
    let anywhere = inner
        .clone()
        .filter(|(m, next)| m.text.chars().next_back().is_some_and(is_wide) && is_wide(*next))
        .count();
    let break_anywhere = anywhere * 5 >= n;
    let cells = densest(inner.clone().map(|(m, _)| m.cells))?;
    let chars = densest(inner.clone().map(|(m, _)| m.char_cells()))?;
    let by_chars = break_anywhere && chars.at_peak * 2 > n && chars.at_peak > cells.near_peak;
    let width = |m: &Measured<'_>| if by_chars { m.char_cells() } else { m.cells };
    let indent = |m: &Measured<'_>| {
        if by_chars {
            2 * m.indent_chars
        } else {
            m.indent
        }
    };
    let content = |m: &Measured<'_>| width(m).saturating_sub(indent(m));
    let whole = if by_chars { chars } else { cells };
    let text = densest(inner.clone().map(|(m, _)| content(&m)))?;
    let passes = |d: &Density| {
        d.best * 10 >= n * 3 && d.best >= 5 && d.wider * wider_in <= n && d.peak >= MIN_WRAP_CELLS
    };
    if !force && !passes(&whole) && !passes(&text) {
        return None;
    }
    // Lines cut by an exporter end anywhere in a sentence; when most lines of the window end
    // a sentence, they are sentences or verse lines of one length, not a hard wrap.
    let sentence_ends = inner
        .clone()
        .filter(|(m, _)| whole.window.contains(&width(m)) && m.text.ends_with(is_sentence_end))
        .count();
    if !force && sentence_ends * 2 > whole.best {
        return None;
    }
    Some(Wrapped {
        cells: whole.peak,
        content_cells: text.peak,
        break_anywhere,
        by_chars,
    })
}

/// The narrowest wrap width detected (cells, unless forced): exporters wrap novels at 30–40
/// characters and manuals at 60–80 cells; lines of a few characters of one length are items
/// of a list (`苹果三个⏎香蕉两根`, `第1行 内容`), not a wrap.
const MIN_WRAP_CELLS: usize = 20;

/// Whether two lines begin or end alike as items of one list do: the same first two
/// characters, or the same last two, letters or digits (not punctuation, which lines of prose
/// share by chance: `“宝`, `。”`). The same line twice is no list (see the repeats in
/// [`detect_share`]).
pub(crate) fn items_alike(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    fn same(mut x: impl Iterator<Item = char>, mut y: impl Iterator<Item = char>) -> bool {
        (0..2).all(|_| match (x.next(), y.next()) {
            (Some(p), Some(q)) => p == q && p.is_alphanumeric(),
            _ => false,
        })
    }
    same(a.chars(), b.chars()) || same(a.chars().rev(), b.chars().rev())
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
            | '．'
            | '〕'
            | '】'
            | '］'
            | '｝'
            | '〗'
            | '〙'
            | '〛'
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
        let cur_width = self.width(cur);
        if is_closing(first) {
            return cur_width <= self.cells + 2;
        }
        // Too long for this wrap: a paragraph of its own (rule 7 of the cases). Closing
        // punctuation hanging at the end (`。”`) does not count.
        let body = cur.text.trim_end_matches(is_closing);
        let hanging = self.str_width(&cur.text[body.len()..]);
        if cur_width - hanging > self.cells + 2 {
            return false;
        }
        let last = cur.text.chars().next_back().unwrap_or(' ');
        let gap = usize::from(!(self.break_anywhere && (is_wide(last) || is_wide(first))))
            * if self.by_chars { 2 } else { 1 };
        let unit = if self.break_anywhere && is_wide(first) {
            self.str_width(&next.text[..first.len_utf8()])
        } else {
            let end = next
                .text
                .find(|c: char| is_space(c) || (self.break_anywhere && is_wide(c)))
                .unwrap_or(next.text.len());
            self.str_width(&next.text[..end]).max(1)
        };
        let indent = if self.by_chars {
            2 * cur.indent_chars
        } else {
            cur.indent
        };
        // Full: the next line's first word would not have fitted after this one (counting
        // the indent, or not: exporters do both).
        cur_width + gap + unit > self.cells
            || cur_width.saturating_sub(indent) + gap + unit > self.content_cells
    }

    /// A line's width in this wrap's measure: cells, or characters counted two cells each
    /// ([`Wrapped::by_chars`]); `usize::MAX` for long lines.
    pub(crate) fn width(&self, m: &Measured<'_>) -> usize {
        if self.by_chars {
            m.char_cells()
        } else {
            m.cells
        }
    }

    /// A piece of text's width in this wrap's measure.
    fn str_width(&self, s: &str) -> usize {
        if self.by_chars {
            2 * s.chars().count()
        } else {
            s.width()
        }
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
    fn segment_breaks_look_through_punctuation() {
        // Only punctuation between the break and a Han character: the break goes (CSS Text 3
        // §4.1.2 "both sides wide", looking through ASCII and ambiguous punctuation).
        assert_eq!(join("不亦宜乎？\"\n故曰"), "不亦宜乎？\"故曰");
        assert_eq!(join("故曰\n\"甄士隐\"云云"), "故曰\"甄士隐\"云云");
        assert_eq!(join("而借\"通灵\"\n之说"), "而借\"通灵\"之说");
        assert_eq!(join("之说\"\n\"故曰"), "之说\"\"故曰");
        assert_eq!(join("等等...\n然后"), "等等...然后");
        assert_eq!(join("他说：“\n'好'"), "他说：“'好'");
        // A Latin letter or a digit on the way: one space, as before.
        assert_eq!(join("GNOME 或者\nKDE"), "GNOME 或者 KDE");
        assert_eq!(join("改变 \"$PATH\"\n环境变量"), "改变 \"$PATH\" 环境变量");
        assert_eq!(join("参见 bash(1)\n中的"), "参见 bash(1) 中的");
        assert_eq!(
            join("移动光标到\n\"|tutor|\" 并按"),
            "移动光标到 \"|tutor|\" 并按"
        );
        assert_eq!(join("a \"\n\"b"), "a \" \"b");
        // A space between the punctuation and the Han: not looked through.
        assert_eq!(join("甲 \"\n乙"), "甲 \" 乙");
        // A text that sets ASCII apart with spaces: the exporter ate one at the break.
        assert_eq!(join("GNU 版\n\"瑞士军刀\" 。"), "GNU 版 \"瑞士军刀\" 。");
        assert_eq!(join("作为\"P\"定义)\n的 Pin"), "作为\"P\"定义) 的 Pin");
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
    fn fullwidth_closers_are_never_line_starts() {
        // clreq §3.1.7: a line starting with one was broken before it by the exporter, so it
        // continues the line before, full or not (hlm35 had a paragraph holding only `．`).
        let w = Wrapped {
            cells: 70,
            content_cells: 70,
            break_anywhere: true,
            by_chars: false,
        };
        let cur = Measured::new("此开卷第一回也", 0, 0);
        for c in ['．', '〕', '】', '］', '｝', '〗', '，'] {
            let next = format!("{c}作者自云");
            assert!(w.joins(&cur, &Measured::new(&next, 0, 0), None), "{c}");
        }
        assert!(!w.joins(&cur, &Measured::new("作者自云", 0, 0), None));
    }

    #[test]
    fn full_by_character_count() {
        // 10 characters with two ASCII quotes: 18 cells, 20 by characters.
        let full = Measured::new("而借\"通灵\"之说撰此", 0, 0);
        assert_eq!((full.cells, full.char_cells()), (18, 20));
        let next = Measured::new("石头记", 0, 0);
        let mut w = Wrapped {
            cells: 20,
            content_cells: 20,
            break_anywhere: true,
            by_chars: false,
        };
        assert!(!w.joins(&full, &next, None));
        w.by_chars = true;
        assert!(w.joins(&full, &next, None));
        // An indent of two U+3000 is two characters (4 by characters, 4 cells); four spaces
        // are four (8 by characters).
        assert_eq!(Measured::new("甲", 4, 2).char_cells(), 6);
        assert_eq!(Measured::new("甲", 4, 4).char_cells(), 10);
        // Detection: lines of 10 characters, some with quotes, are wrapped by characters.
        let lines = [
            "而借\"通灵\"之说撰此",
            "甲乙丙丁戊己庚辛壬癸",
            "故曰\"甄士隐\"云云但",
            "书中所记何事何人自又",
            "我堂\"堂\"须眉诚不若",
            "实愧则有余悔又无益之",
            "他\"说\"起根由虽近荒",
        ];
        let inner = lines.iter().map(|l| (Measured::new(l, 0, 0), '甲'));
        assert_eq!(
            detect(inner, false),
            Some(Wrapped {
                cells: 20,
                content_cells: 20,
                break_anywhere: true,
                by_chars: true,
            })
        );
        // The same Han lines alone are the same in both measures and stay with cells.
        let han = lines.iter().filter(|l| !l.contains('"'));
        let inner = han.map(|l| (Measured::new(l, 0, 0), '甲'));
        assert!(detect(inner.clone(), true).is_some_and(|w| !w.by_chars));
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("* 列表项一"), Some(2));
        assert_eq!(list_marker("12. 项目"), Some(4));
        assert_eq!(list_marker("1.1. 控制台"), None);
        assert_eq!(list_marker("甲乙"), None);
    }
}
