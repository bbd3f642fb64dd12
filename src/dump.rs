//! `--dump` and `--toc`: the page's rows as text and the section list, for pipes.

use std::io::{self, Write};

use crate::document::{BlockKind, Document, Format};
use crate::layout::block::{layout_block, LayoutKey};
use crate::layout::page::{line_runs, row_text};
use crate::present::{present, present_block, PresentOptions};
use crate::script::Scripter;

/// Writes the document as the screen shows it in a column of `key.wrap.width` cells: the
/// rows of the page ([`crate::layout::page`]) with their indents, hanging punctuation,
/// rules, quote bars, table rows and `↪` continuation rows, and the blank lines between
/// blocks — without the margin, the status line or colours, and with no page separators
/// (DECISIONS "Output formats"). Width 0 does not wrap; plain text at width 0 is written
/// line by line as a converter would.
pub fn write_dump(
    out: &mut dyn Write,
    doc: &Document,
    scripter: &Scripter,
    key: &LayoutKey,
) -> io::Result<()> {
    if key.wrap.width.0 == 0 && doc.source.format == Format::Plain {
        return write_converted(out, doc, scripter, &key.present);
    }
    let amb = key.wrap.ambiguous;
    for i in 0..doc.blocks.len() {
        let layout = layout_block(doc, scripter, key, i);
        // In a group of one-line paragraphs with no styles, a row of the same text at the same
        // column as the row before is the same row (`yes`: 128 lines a group).
        let plain = doc.blocks.is_group(i) && layout.presented.spans.is_empty();
        let mut last: Option<(std::ops::Range<usize>, crate::units::Cells, String)> = None;
        for line in 0..layout.height() {
            let l = layout
                .lines
                .get(line)
                .filter(|l| plain && l.ruby.is_none() && !l.continued);
            let text = |r: &std::ops::Range<usize>| layout.presented.text.get(r.clone());
            if let (Some(l), Some((r, col, row))) = (l, &last) {
                if l.col == *col && text(r) == text(&l.bytes) {
                    out.write_all(row.as_bytes())?;
                    out.write_all(b"\n")?;
                    continue;
                }
            }
            let row = row_text(&line_runs(&layout, i, line, &[], amb));
            out.write_all(row.as_bytes())?;
            out.write_all(b"\n")?;
            if let Some(l) = l {
                last = Some((l.bytes.clone(), l.col, row));
            }
        }
    }
    Ok(())
}

/// `--dump --width 0` of plain text: yuedu as a converter. Every line of the (decoded,
/// sanitized) text is written with the variant and typography applied, blank lines and
/// indents as they were — like `opencc -c CONFIG` — except that a reflowed paragraph (a
/// block over several source lines, [`crate::document::reflow`]) is written as one line:
/// its first line's indent, then its joined text. With `--reflow off` (or a text with one
/// paragraph per line) the output has the source's lines exactly.
fn write_converted(
    out: &mut dyn Write,
    doc: &Document,
    scripter: &Scripter,
    present_opts: &PresentOptions,
) -> io::Result<()> {
    let whole = doc.whole_text();
    let text = whole.strip_suffix('\n').unwrap_or(&whole);
    if text.is_empty() {
        return Ok(());
    }
    let mut line_start = 0;
    let mut skip_until = 0;
    let mut k = 0;
    for line in text.split('\n') {
        let start = line_start;
        line_start += line.len() + 1;
        if start < skip_until {
            continue;
        }
        while k < doc.blocks.len() && doc.blocks.bytes(k).end <= start {
            k += 1;
        }
        let joined = doc.blocks.get(k).filter(|b| {
            !doc.blocks.is_group(k)
                && (start..start + line.len()).contains(&b.bytes.start)
                && b.bytes.end > start + line.len()
                && !matches!(
                    b.kind,
                    BlockKind::Preformatted | BlockKind::Table | BlockKind::Verse
                )
        });
        if let Some(b) = joined {
            out.write_all(&line.as_bytes()[..b.bytes.start - start])?;
            out.write_all(
                present_block(doc, k, present_opts, scripter)
                    .text
                    .as_bytes(),
            )?;
            out.write_all(b"\n")?;
            skip_until = b.bytes.end;
            continue;
        }
        let p = present(line, BlockKind::Paragraph, &[], present_opts, scripter);
        out.write_all(p.text.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes one line per section: indented two spaces per level below 1, the title, then
/// ` — ` and the subtitle when there is one. Titles follow the variant and typography.
pub fn write_toc(
    out: &mut dyn Write,
    doc: &Document,
    scripter: &Scripter,
    present_opts: &PresentOptions,
) -> io::Result<()> {
    for s in &doc.sections {
        let show = |t: &str| {
            present(
                t,
                BlockKind::Heading { level: s.level },
                &[],
                present_opts,
                scripter,
            )
            .text
        };
        let indent = "  ".repeat(usize::from(s.level.saturating_sub(1)));
        match &s.subtitle {
            Some(sub) => writeln!(out, "{indent}{} — {}", show(&s.title), show(sub))?,
            None => writeln!(out, "{indent}{}", show(&s.title))?,
        }
    }
    Ok(())
}
