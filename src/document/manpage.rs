//! Man pages as documents: `man`'s formatted output (through a pipe, as `MANPAGER` gets it)
//! recognised and turned into sections, kept lines and reflowable paragraphs.
//!
//! What `man` (man-db → groff → grotty) writes, and how it is read here:
//!
//! - a **header** line `TAR(1)   <title>   TAR(1)` exactly as wide as the width `man`
//!   formatted for, and a **footer** line ending in the same `TAR(1)`; both become `Meta`;
//! - **section** lines (`.SH`: `NAME`, `名字`, `總覽`, `選項` …) at column 0 → level-1
//!   headings; **subsection** lines (`.SS`) indented less than the body (3 columns) → level 2;
//! - the **body**, indented (7 columns for man(7) pages). Its lines are grouped into runs of
//!   lines with the same indentation between blank lines. A run whose lines, all but the last,
//!   reach the fill width is a filled paragraph: its lines are joined into one paragraph (so it
//!   reflows at any width) — a groff hyphen (U+2010 `‐`) at a line end is removed, an ASCII
//!   `-` after a letter joins without a space, wide characters on both sides join with no
//!   space (CSS Text 3 § 4.1.2), anything else with one space, and the extra spaces of
//!   justification collapse. Every other line (synopsis, option tags such as `-f, --file`,
//!   tables) is kept as written: one line, its spaces kept.
//!
//! Overstrike and SGR styles ([`super::ansi`]) move with the text.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

use super::ansi::AnsiSpan;

/// A detected man page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManPage {
    /// The page's name and section as `man` prints them in lower case: `tar(1)`.
    pub name: String,
    /// The width in cells `man` formatted for (the header line's width).
    pub width: usize,
}

/// The name a man page read from stdin goes by: `MAN_PN` when man-db set it (`tar(1)`), else
/// the name in the page's header.
pub fn display_name(page: &ManPage) -> String {
    match std::env::var("MAN_PN") {
        Ok(pn) if !pn.trim().is_empty() => super::sanitize::sanitize(pn.trim().to_string()).0,
        _ => page.name.clone(),
    }
}

/// What a block of a man page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManKind {
    /// The header or footer line.
    Frame,
    /// A section (1) or subsection (2) title.
    Heading(u8),
    /// A filled paragraph, its lines joined; `depth` counts indentation steps past the body's.
    Prose { depth: u8 },
    /// A line kept as written.
    Line { depth: u8 },
}

/// One block of the man page's rebuilt text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManBlock {
    pub kind: ManKind,
    /// Range of [`ManText::text`].
    pub bytes: Range<usize>,
    /// True when a blank line came before it in the page.
    pub after_blank: bool,
    /// The page's own indentation of its lines, in columns (7 for a man(7) page's body; 0 for
    /// the header, footer and section titles), which the reader keeps as `less -R` does.
    pub indent: usize,
}

/// The man page rebuilt: text, blocks and the styles moved onto the new text.
#[derive(Clone, Debug, Default)]
pub struct ManText {
    pub text: String,
    pub blocks: Vec<ManBlock>,
    pub spans: Vec<AnsiSpan>,
    /// For each line of the page as `man` wrote it, the offset in [`ManText::text`] where
    /// its text went (a blank or dropped line: where the next copied text went), so that
    /// `+N` counts the page's own lines as `less` does.
    pub line_starts: Vec<usize>,
}

/// `(range of the line without its end, indentation in columns)` for each line.
fn lines(text: &str) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let end = start + line.trim_end().len();
        out.push((start..end.max(start), indent));
        start += line.len() + 1;
    }
    if text.ends_with('\n') {
        out.pop();
    }
    out
}

/// `NAME(SEC)` at the start of `s`: the name and section.
fn title_ref(s: &str) -> Option<(&str, &str)> {
    let open = s.find('(')?;
    let close = open + s[open..].find(')')?;
    let (name, sec) = (&s[..open], &s[open + 1..close]);
    let ok = !name.is_empty()
        && !sec.is_empty()
        && sec.len() <= 8
        && !name.contains(char::is_whitespace)
        && sec.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then_some((name, sec))
}

/// Detects man output: a header `NAME(SEC) … NAME(SEC)`, a footer ending in `NAME(SEC)`, and
/// an indented body with at least one section line at column 0.
pub fn detect(text: &str) -> Option<ManPage> {
    let head_end = (text.len().min(4096)..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let head = &text[..head_end];
    let header = head.lines().find(|l| !l.trim().is_empty())?.trim_start();
    let (name, sec) = title_ref(header)?;
    let tag = format!("{name}({sec})");
    let header_trim = header.trim_end();
    if !header_trim.ends_with(&tag) || header_trim.len() < 2 * tag.len() + 2 {
        return None;
    }
    let tail_from = text.len().saturating_sub(4096);
    let tail_from = (tail_from..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let footer = text[tail_from..]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())?;
    // man(7) footers end with the page's `NAME(SEC)`; mdoc(7) ones (BSD pages) repeat the
    // operating system's name at both ends: `BSD   September 25, 1999   BSD`.
    let footer = footer.trim();
    let parts: Vec<&str> = footer
        .split("  ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mdoc = parts.len() >= 3 && parts.first() == parts.last();
    if !footer.ends_with(&tag) && !mdoc {
        return None;
    }
    // The body: most lines indented, some section lines at column 0.
    let (mut indented, mut column0) = (0usize, 0usize);
    for l in text.lines().skip(1).take(2000) {
        if l.trim().is_empty() {
            continue;
        }
        if l.starts_with(' ') {
            indented += 1;
        } else {
            column0 += 1;
        }
    }
    // Header and footer are at column 0 too.
    if column0 < 2 || indented < column0 {
        return None;
    }
    Some(ManPage {
        name: format!("{}({sec})", name.to_lowercase()),
        width: header_trim.width(),
    })
}

/// Rebuilds the man page `text` (with styles `spans`, sorted by start) as blocks.
pub fn structure(text: &str, spans: &[AnsiSpan], page: &ManPage) -> ManText {
    let all = lines(text);
    let first = all.iter().position(|(r, _)| !r.is_empty());
    let last = all.iter().rposition(|(r, _)| !r.is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return ManText::default();
    };
    // The body's indentation: the most common among the first lines of sections (the line
    // after a column-0 section line; 7 for man(7) pages). Option descriptions, more
    // numerous, are deeper.
    let mut counts = [0usize; 16];
    let mut after_section = false;
    for (r, indent) in &all[first + 1..last] {
        if r.is_empty() {
            continue;
        }
        if *indent == 0 {
            after_section = true;
        } else if std::mem::take(&mut after_section) && *indent < 16 {
            counts[*indent] += 1;
        }
    }
    let base = (1..16)
        .max_by_key(|&i| (counts[i], usize::MAX - i))
        .filter(|&i| counts[i] > 0)
        .unwrap_or(7);
    let fill = page.width.saturating_sub(12).max(page.width / 2);
    let depth = |indent: usize| -> u8 {
        let extra = indent.saturating_sub(base);
        extra.div_ceil(7).min(4) as u8
    };

    let mut b = Builder::new(text, spans);
    let mut blank = false;
    b.frame(all[first].0.clone(), false);
    let mut i = first + 1;
    while i < last {
        let (r, indent) = (all[i].0.clone(), all[i].1);
        b.indent = indent;
        if r.is_empty() {
            blank = true;
            i += 1;
            continue;
        }
        let after_blank = std::mem::take(&mut blank);
        if indent == 0 {
            b.line(ManKind::Heading(1), r, after_blank);
            i += 1;
            continue;
        }
        if indent < base {
            b.line(ManKind::Heading(2), r.start + indent..r.end, after_blank);
            i += 1;
            continue;
        }
        // A run of non-blank lines with this indentation.
        let mut j = i + 1;
        while j < last && !all[j].0.is_empty() && all[j].1 == indent {
            j += 1;
        }
        let run = &all[i..j];
        let filled = |k: usize| text[run[k].0.clone()].width() >= fill;
        let body = |k: usize| run[k].0.start + indent..run[k].0.end;
        let has_gaps = |k: usize| text[body(k)].contains("  ");
        let d = depth(indent);
        if run.len() == 1 {
            // A single line right above deeper ones is a tag (`.TP`: `-f, --file`); one
            // with inner space runs is a table row unless it is a justified line.
            let tag = j < last && !all[j].0.is_empty() && all[j].1 > indent;
            if !tag && (!has_gaps(0) || filled(0)) {
                b.prose(ManKind::Prose { depth: d }, &[body(0)], after_blank);
            } else {
                b.line(ManKind::Line { depth: d }, body(0), after_blank);
            }
            i = j;
            continue;
        }
        // Filled paragraphs: lines reaching the fill width, and the line that ends them.
        // Other lines are kept (`所有選項:` above a filled list, synopsis lines).
        let mut k = 0;
        while k < run.len() {
            let mut e = k;
            while e + 1 < run.len() && filled(e) {
                e += 1;
            }
            let first = after_blank && k == 0;
            if e > k {
                let ranges: Vec<Range<usize>> = (k..=e).map(body).collect();
                b.prose(ManKind::Prose { depth: d }, &ranges, first);
            } else {
                b.line(ManKind::Line { depth: d }, body(k), first);
            }
            k = e + 1;
        }
        i = j;
    }
    if last > first {
        b.indent = 0;
        b.frame(all[last].0.clone(), blank);
    }
    b.finish()
}

/// Builds the new text by copying pieces of the old one, remembering where each piece came
/// from so that styles can follow.
struct Builder<'a> {
    src: &'a str,
    spans: &'a [AnsiSpan],
    out: ManText,
    /// `(source range, start in the new text)` for each copied piece, in order.
    pieces: Vec<(Range<usize>, usize)>,
    /// The indentation of the lines the next block comes from ([`ManBlock::indent`]).
    indent: usize,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str, spans: &'a [AnsiSpan]) -> Self {
        Builder {
            src,
            spans,
            out: ManText::default(),
            pieces: Vec::new(),
            indent: 0,
        }
    }

    fn copy(&mut self, r: Range<usize>) {
        if r.is_empty() {
            return;
        }
        self.pieces.push((r.clone(), self.out.text.len()));
        self.out.text.push_str(&self.src[r]);
    }

    fn start_block(&mut self) -> usize {
        if !self.out.text.is_empty() {
            self.out.text.push('\n');
        }
        self.out.text.len()
    }

    fn push_block(&mut self, kind: ManKind, start: usize, after_blank: bool) {
        self.out.blocks.push(ManBlock {
            kind,
            bytes: start..self.out.text.len(),
            after_blank,
            indent: self.indent,
        });
    }

    fn line(&mut self, kind: ManKind, r: Range<usize>, after_blank: bool) {
        let start = self.start_block();
        let r =
            r.start + (self.src[r.clone()].len() - self.src[r.clone()].trim_start().len())..r.end;
        self.copy(r);
        self.push_block(kind, start, after_blank);
    }

    /// The header or footer line, its parts (`TAR(1)`, `tar`, `TAR(1)`) three spaces apart
    /// instead of spread over the width `man` formatted for.
    fn frame(&mut self, r: Range<usize>, after_blank: bool) {
        let start = self.start_block();
        let mut pos = r.start;
        for part in self.src[r.clone()].split("  ") {
            let p = pos..pos + part.len();
            pos += part.len() + 2;
            let p = p.start + (part.len() - part.trim_start().len())..p.end;
            if p.is_empty() {
                continue;
            }
            if self.out.text.len() > start {
                self.out.text.push_str("   ");
            }
            self.copy(p);
        }
        self.push_block(ManKind::Frame, start, after_blank);
    }

    /// Joins the lines `ranges` into one paragraph (see the module docs).
    fn prose(&mut self, kind: ManKind, ranges: &[Range<usize>], after_blank: bool) {
        let start = self.start_block();
        for (n, r) in ranges.iter().enumerate() {
            let mut r = r.clone();
            let line = &self.src[r.clone()];
            let last = n + 1 == ranges.len();
            let mut join_tight = false;
            if !last {
                if let Some(stem) = line.strip_suffix('\u{2010}') {
                    r.end = r.start + stem.len();
                    join_tight = true;
                } else if let Some(stem) = line.strip_suffix('-') {
                    join_tight = stem.chars().next_back().is_some_and(char::is_alphanumeric);
                }
            }
            // The words, without justification's extra spaces.
            let mut pos = r.start;
            let mut first_word = true;
            for word in self.src[r.clone()].split(' ') {
                let w = pos..pos + word.len();
                pos += word.len() + 1;
                if word.is_empty() {
                    continue;
                }
                if !first_word {
                    self.out.text.push(' ');
                }
                first_word = false;
                self.copy(w);
            }
            if last {
                break;
            }
            let next = self.src[ranges[n + 1].clone()].chars().next();
            let prev = self.out.text.chars().next_back();
            let wide = |c: Option<char>| c.and_then(|c| c.width()).is_some_and(|w| w == 2);
            let tight = join_tight || (wide(prev) && wide(next));
            if !tight && self.out.text.len() > start {
                self.out.text.push(' ');
            }
        }
        self.push_block(kind, start, after_blank);
    }

    /// The text and blocks, with each source span mapped through the copied pieces.
    fn finish(mut self) -> ManText {
        let mut spans = Vec::new();
        for s in self.spans {
            let mark = spans.len();
            let first = self.pieces.partition_point(|(r, _)| r.end <= s.bytes.start);
            for (r, at) in &self.pieces[first..] {
                if r.start >= s.bytes.end {
                    break;
                }
                let from = s.bytes.start.max(r.start);
                let to = s.bytes.end.min(r.end);
                if from < to {
                    let bytes = at + (from - r.start)..at + (to - r.start);
                    // Neighbouring pieces of one span join up again (words of a bold line).
                    let same_span = spans.len() > mark;
                    match spans.last_mut() {
                        Some(AnsiSpan { bytes: prev, .. })
                            if same_span && prev.end + 1 >= bytes.start =>
                        {
                            prev.end = bytes.end;
                        }
                        _ => spans.push(AnsiSpan {
                            bytes,
                            style: s.style,
                        }),
                    }
                }
            }
        }
        spans.sort_by_key(|s| s.bytes.start);
        self.out.spans = spans;
        self.out.line_starts = self.line_starts();
        self.out
    }

    /// [`ManText::line_starts`]: each source line start mapped through the copied pieces
    /// (in source order) to the first text copied at or after it.
    fn line_starts(&self) -> Vec<usize> {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', self.src.as_bytes()).map(|i| i + 1));
        let end = self.out.text.len();
        starts
            .filter(|&s| s < self.src.len())
            .map(|s| {
                let i = self.pieces.partition_point(|(r, _)| r.end <= s);
                self.pieces
                    .get(i)
                    .map_or(end, |(r, at)| at + s.saturating_sub(r.start))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "\
TAR(1)                          tar                          TAR(1)

名字
       tar - tar 檔案管理程式的 GNU 版本。

總覽
       tar <操作引數> [選項]
       [-]A --catenate --concatenate
       [-]c --create

描述
       這是一段很長的說明文字，由 groff 排版到固定的寬度，兩端對齊之後
       在這裡換行；下一行接著寫，直到段落結束。 The  text  is  justi‐
       fied to the width, with a ‐hyphen.

   子節
       -f, --file 檔案
              使用檔案或者設備檔案。 Use  archive  file or device
              ARCHIVE.

GNU                             Mar 2010                     TAR(1)
";

    #[test]
    fn detects_header_footer_and_body() {
        let page = detect(PAGE).unwrap();
        assert_eq!(page.name, "tar(1)");
        assert_eq!(page.width, 67);
        assert!(detect("TAR(1) tar\n\nbody\n").is_none());
        assert!(detect("第一章\n\n正文\n").is_none());
        // A column-0 text that mentions a NAME(1) twice is not a man page.
        assert!(detect("LS(1) see LS(1)\nline\nLS(1)\n").is_none());
        // An indented header (readlink in manpages-zh); an mdoc footer (ssh, finger).
        let indented = format!(" {PAGE}");
        assert_eq!(detect(&indented).unwrap().name, "tar(1)");
        let mdoc = PAGE.replace(
            "GNU                             Mar 2010                     TAR(1)",
            "BSD                      September 25, 1999                      BSD",
        );
        assert_eq!(detect(&mdoc).unwrap().name, "tar(1)");
    }

    #[test]
    fn structure_sections_lines_and_prose() {
        let page = detect(PAGE).unwrap();
        let m = structure(PAGE, &[], &page);
        let got: Vec<(ManKind, &str)> = m
            .blocks
            .iter()
            .map(|b| (b.kind, &m.text[b.bytes.clone()]))
            .collect();
        // The page's own indentation of each block: body 7, option text 14, subsection 3.
        let indents: Vec<usize> = m.blocks.iter().map(|b| b.indent).collect();
        assert_eq!(indents, [0, 0, 7, 0, 7, 7, 7, 0, 7, 3, 7, 14, 0]);
        let line = ManKind::Line { depth: 0 };
        assert_eq!(
            got,
            vec![
                (ManKind::Frame, "TAR(1)   tar   TAR(1)"),
                (ManKind::Heading(1), "名字"),
                (ManKind::Prose { depth: 0 }, "tar - tar 檔案管理程式的 GNU 版本。"),
                (ManKind::Heading(1), "總覽"),
                (line, "tar <操作引數> [選項]"),
                (line, "[-]A --catenate --concatenate"),
                (line, "[-]c --create"),
                (ManKind::Heading(1), "描述"),
                (
                    ManKind::Prose { depth: 0 },
                    "這是一段很長的說明文字，由 groff 排版到固定的寬度，兩端對齊之後在這裡換行；下一行接著寫，直到段落結束。 The text is justified to the width, with a ‐hyphen."
                ),
                (ManKind::Heading(2), "子節"),
                (line, "-f, --file 檔案"),
                (
                    ManKind::Prose { depth: 1 },
                    "使用檔案或者設備檔案。 Use archive file or device ARCHIVE."
                ),
                (ManKind::Frame, "GNU   Mar 2010   TAR(1)"),
            ]
        );
    }

    #[test]
    fn styles_follow_the_text() {
        let text = "X(1)        x        X(1)\n\nNAME\n       --bold   word\n       and  more\n\nX 1                   X(1)\n";
        // Styles: `NAME` bold, `--bold` bold, `word and` underlined across the line end.
        let at = |s: &str| text.find(s).unwrap();
        let bold = crate::document::ansi::AnsiStyle {
            bold: true,
            ..Default::default()
        };
        let under = crate::document::ansi::AnsiStyle {
            underline: true,
            ..Default::default()
        };
        let spans = vec![
            AnsiSpan {
                bytes: at("NAME")..at("NAME") + 4,
                style: bold,
            },
            AnsiSpan {
                bytes: at("--bold")..at("--bold") + 6,
                style: bold,
            },
            AnsiSpan {
                bytes: at("word")..at("and") + 3,
                style: under,
            },
        ];
        let page = ManPage {
            name: "x(1)".into(),
            width: 26,
        };
        let m = structure(text, &spans, &page);
        let styled: Vec<&str> = m.spans.iter().map(|s| &m.text[s.bytes.clone()]).collect();
        assert_eq!(styled, vec!["NAME", "--bold", "word and"]);
    }
}
