//! `--dump` and `--toc`: the laid-out text and the section list, for pipes.

use std::io::{self, Write};

use crate::document::{BlockKind, Document, Format};
use crate::layout::{wrap, WrapOptions};
use crate::present::{present, PresentOptions};
use crate::script::Scripter;

/// Writes the document laid out at `opts.width` cells: one output line per screen line, an
/// empty line between blocks, no escape codes. `Cells(0)` writes each block unwrapped.
pub fn write_dump(
    out: &mut dyn Write,
    doc: &Document,
    scripter: &Scripter,
    present_opts: &PresentOptions,
    wrap_opts: &WrapOptions,
) -> io::Result<()> {
    if wrap_opts.width.0 == 0 && doc.source.format == Format::Plain {
        return write_converted(out, doc, scripter, present_opts);
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        let p = present(
            doc.block_text(i),
            block.kind,
            &block.spans,
            present_opts,
            scripter,
        );
        let opts = WrapOptions {
            cjk_rules: !block.kind.is_verbatim(),
            ..*wrap_opts
        };
        for line in wrap(&p.text, &opts) {
            out.write_all(p.text[line.bytes].as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// `--dump --width 0` of plain text: yuedu as a converter. Every line of the (decoded,
/// sanitized) text is written with the variant and typography applied, blank lines and
/// indents as they were — like `opencc -c CONFIG`.
fn write_converted(
    out: &mut dyn Write,
    doc: &Document,
    scripter: &Scripter,
    present_opts: &PresentOptions,
) -> io::Result<()> {
    let text = doc.text.strip_suffix('\n').unwrap_or(&doc.text);
    if text.is_empty() {
        return Ok(());
    }
    for line in text.split('\n') {
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
