//! Regions of a large file read out of order while the background read runs: a window
//! around a byte offset (a remembered place), the file's tail (`G` right after opening), and
//! the two ways between input offsets and text offsets that keep positions consistent when
//! the whole document arrives.
//!
//! A region is cut at line starts (DECISIONS, "Input and the sanitizer": legacy encodings
//! resynchronise at LF after a seek; UTF-16 keeps even alignment and cuts after a U+000A code
//! unit). Every cut the background read makes is at a line start too, so a region decoded and
//! sanitized alone gives the text the whole read gives for those bytes: its text offset in the
//! whole text is the chunk checkpoint before it ([`InputMap`]) plus the length of the text of
//! the lines between.

use std::fs::File;
use std::os::unix::fs::FileExt;

use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8};

use crate::document::ansi::AnsiStyle;
use crate::document::decode::Chosen;
use crate::document::{self, Document, OpenOptions, Sanitized};

use super::loader::{push_chunk, InputMap};
use super::source::{Large, Rest};

/// The size of a region read out of order: about 20 screens of Chinese text, parsed in a
/// few milliseconds. Scrolling past a region's end (or above its start) shows the next one
/// (`app::regions`), so a region need not be large; parsing 1 MiB for a remembered place or
/// 256 KiB for `G` took 50–60 ms under load.
pub const REGION_BYTES: u64 = 64 << 10;

/// Bytes on each side of a remembered place read for the first screen there.
pub const WINDOW_HALF: u64 = REGION_BYTES / 2;

/// Bytes of the file's end read for `G` before the whole file is read.
pub const TAIL_BYTES: u64 = REGION_BYTES;

/// A partial document of whole lines of the file.
#[derive(Debug)]
pub struct Region {
    pub doc: Document,
    /// The input offsets of the region's first byte (a line start) and of its end.
    pub input: std::ops::Range<u64>,
    /// The text offset in `doc` nearest to the offset asked for.
    pub at_text: usize,
}

impl Region {
    /// Input bytes per text byte in this region (for percentages).
    pub fn input_per_text(&self) -> f64 {
        let text = self.doc.text_len().max(1) as f64;
        (self.input.end - self.input.start) as f64 / text
    }
}

/// A second handle on a large file, for regions read by the reader's thread.
#[derive(Debug)]
pub struct Seeker {
    file: File,
    len: u64,
    chosen: Chosen,
    name: String,
    opts: OpenOptions,
    /// The reflow mode regions are parsed in when `L` changed it while the file is read.
    reflow: std::sync::Mutex<Option<crate::document::reflow::Reflow>>,
    /// The length of the first region (read before the first screen).
    head_len: u64,
}

impl Large {
    /// A handle for reading regions of this file out of order; `None` for a stream.
    pub fn seeker(&self, opts: &OpenOptions) -> Option<Seeker> {
        let Rest::File { file, len } = &self.rest else {
            return None;
        };
        Some(Seeker {
            file: file.try_clone().ok()?,
            len: *len,
            chosen: self.chosen,
            name: self.name.clone(),
            opts: opts.clone(),
            reflow: std::sync::Mutex::new(None),
            head_len: self.head.len() as u64,
        })
    }
}

impl Seeker {
    /// The first region shown ends at input offset `len` (places before it are shown in it).
    pub fn with_head(mut self, len: u64) -> Seeker {
        self.head_len = len;
        self
    }

    /// Regions read from now on are parsed with reflow `mode` (`L` while the file is read).
    pub fn set_reflow(&self, mode: crate::document::reflow::Reflow) {
        if let Ok(mut m) = self.reflow.lock() {
            *m = Some(mode);
        }
    }

    /// The file's length when opened.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True for an empty file (never: a large input is not).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Up to `n` bytes at `at` (fewer at the end of the file, or when it was truncated).
    fn read(&self, at: u64, n: usize) -> Option<Vec<u8>> {
        let mut buf = vec![0u8; n];
        let mut got = 0;
        while got < n {
            match self.file.read_at(&mut buf[got..], at + got as u64) {
                Ok(0) => break,
                Ok(k) => got += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        buf.truncate(got);
        Some(buf)
    }

    /// The region around input offset `at`: whole lines from about [`WINDOW_HALF`] before to
    /// [`WINDOW_HALF`] after it. `None` when `at` is in the first region (or past the end).
    pub fn window(&self, at: u64) -> Option<Region> {
        if at <= self.head_len || at >= self.len {
            return None;
        }
        self.region(at.saturating_sub(WINDOW_HALF), at + WINDOW_HALF, at)
    }

    /// The region around input offset `at`, also when it is in the first region (scrolling
    /// on from a region's edge). `None` past the end.
    pub fn window_any(&self, at: u64) -> Option<Region> {
        if at >= self.len {
            return None;
        }
        self.region(at.saturating_sub(WINDOW_HALF), at + WINDOW_HALF, at)
    }

    /// The file's tail: whole lines of about the last [`TAIL_BYTES`], to the end.
    pub fn tail(&self) -> Option<Region> {
        let begin = self.len.saturating_sub(TAIL_BYTES).max(self.head_len);
        self.region(begin, self.len, self.len)
    }

    /// Whole lines of `begin..end` (to the end of the file when `end` reaches it), the text
    /// offset of `at` in them.
    fn region(&self, begin: u64, end: u64, at: u64) -> Option<Region> {
        let enc = self.chosen.encoding;
        let begin = align(begin, self.chosen);
        let end = end.min(self.len);
        let buf = self.read(begin, usize::try_from(end.checked_sub(begin)?).ok()?)?;
        let reaches_end = begin + buf.len() as u64 >= self.len;
        // From just after the first line feed (or the text's start) to just after the last
        // (or the end of the file).
        let start = if begin <= self.chosen.bom_len as u64 {
            self.chosen.bom_len.saturating_sub(begin as usize)
        } else {
            next_line_start(&buf, 0, enc)?
        };
        let stop = if reaches_end {
            buf.len()
        } else {
            last_line_end(&buf, enc).unwrap_or(buf.len())
        };
        if stop <= start {
            return None;
        }
        let mut out = Sanitized {
            encoding: enc.name(),
            ..Sanitized::default()
        };
        // Split at the start of the line holding `at`, so that line's text offset is exact.
        let at_rel = (at.saturating_sub(begin) as usize).clamp(start, stop);
        let line = line_start_before(&buf[..at_rel], start, enc);
        // (The SGR state before the region is not known: it starts plain.)
        let mut sgr = AnsiStyle::default();
        push_chunk(self.chosen, &buf[start..line], &mut out, &mut sgr);
        let mut at_text = out.text.len();
        push_chunk(self.chosen, &buf[line..stop], &mut out, &mut sgr);
        if enc == UTF_8 {
            // Within the line, UTF-8 offsets are text offsets (up to what the sanitizer changed).
            at_text = (at_text + at_rel - line).min(out.text.len());
        }
        let mut opts = self.opts.clone();
        if let Some(mode) = self.reflow.lock().ok().and_then(|m| *m) {
            opts.reflow = mode;
        }
        let doc = document::parse_sanitized(out, &self.name, &opts).ok()?;
        Some(Region {
            doc,
            input: begin + start as u64..begin + stop as u64,
            at_text,
        })
    }

    /// The input offset of text offset `text_at` of a region whose text starts at input offset
    /// `base` (a line start): the start of the line holding it, found by decoding the lines
    /// between, plus (for UTF-8) the offset within the line.
    pub fn input_offset(&self, base: u64, text_at: usize) -> u64 {
        const STEP: usize = 256 << 10;
        let enc = self.chosen.encoding;
        let (mut at, mut text) = (base, 0usize);
        let mut scratch = Sanitized::default();
        let mut sgr = AnsiStyle::default();
        while at < self.len {
            let Some(buf) = self.read(at, STEP) else {
                break;
            };
            let full = buf.len() < STEP;
            let mut from = 0;
            while let Some(next) = next_line_start(&buf, from, enc).or(full.then_some(buf.len())) {
                if next <= from {
                    break;
                }
                scratch.text.clear();
                scratch.spans.clear();
                push_chunk(self.chosen, &buf[from..next], &mut scratch, &mut sgr);
                if text + scratch.text.len() > text_at {
                    let within = if enc == UTF_8 { text_at - text } else { 0 };
                    return at + (from + within.min(next - from - 1)) as u64;
                }
                text += scratch.text.len();
                from = next;
            }
            if from == 0 {
                // A line longer than a step: go on from its end, approximately.
                from = buf.len();
                text += buf.len();
            }
            at += from as u64;
            if full {
                break;
            }
        }
        at.min(self.len)
    }

    /// The text offset in the whole text of input offset `at` (a line start), from the
    /// chunk checkpoints of the whole read and the text of the lines since the last of them.
    pub fn text_offset(&self, map: &InputMap, at: u64) -> usize {
        let i = map.checkpoints.partition_point(|&(raw, _)| raw <= at);
        let Some(&(raw, text)) = i.checked_sub(1).and_then(|i| map.checkpoints.get(i)) else {
            return 0;
        };
        let n = usize::try_from(at - raw).unwrap_or(0);
        let mut out = Sanitized::default();
        if let Some(bytes) = self.read(raw, n) {
            push_chunk(self.chosen, &bytes, &mut out, &mut AnsiStyle::default());
        }
        text + out.text.len()
    }
}

/// `at` rounded down to a code unit boundary (even for UTF-16).
fn align(at: u64, chosen: Chosen) -> u64 {
    if is_utf16(chosen) {
        at & !1
    } else {
        at
    }
}

fn is_utf16(chosen: Chosen) -> bool {
    chosen.encoding == UTF_16LE || chosen.encoding == UTF_16BE
}

/// The line feeds of `bytes` (which starts at a code unit boundary) in `enc`: the index just
/// after each one, in order.
fn line_ends<'a>(
    bytes: &'a [u8],
    enc: &'static encoding_rs::Encoding,
) -> impl Iterator<Item = usize> + 'a {
    let (le, be) = (enc == UTF_16LE, enc == UTF_16BE);
    memchr::memchr_iter(b'\n', bytes).filter_map(move |i| {
        if le {
            // 0A 00 at an even offset.
            (i % 2 == 0 && bytes.get(i + 1) == Some(&0)).then_some(i + 2)
        } else if be {
            // 00 0A at an even offset.
            (i % 2 == 1 && bytes[i - 1] == 0).then_some(i + 1)
        } else {
            Some(i + 1)
        }
    })
}

/// The first line start in `bytes` after `from` (just after a line feed).
pub fn next_line_start(
    bytes: &[u8],
    from: usize,
    enc: &'static encoding_rs::Encoding,
) -> Option<usize> {
    let from = if enc == UTF_16LE || enc == UTF_16BE {
        from & !1
    } else {
        from
    };
    line_ends(&bytes[from..], enc).next().map(|i| from + i)
}

/// Just after the last line feed of `bytes`.
pub fn last_line_end(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Option<usize> {
    if enc == UTF_16LE || enc == UTF_16BE {
        line_ends(bytes, enc).last()
    } else {
        memchr::memrchr(b'\n', bytes).map(|i| i + 1)
    }
}

/// The start of the line that ends `bytes` (the last line start at or after `floor`).
fn line_start_before(bytes: &[u8], floor: usize, enc: &'static encoding_rs::Encoding) -> usize {
    last_line_end(&bytes[floor..], enc).map_or(floor, |i| floor + i)
}
