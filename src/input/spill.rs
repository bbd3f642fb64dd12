//! A long stream spilled to a temporary file, so its text is read back from disk like a file's.
//!
//! A pager must take a multi-GB stream (DECISIONS "Input and the sanitizer"). Once a UTF-8
//! stream that the sanitizer has left unchanged passes [`SPILL_BYTES`] (64 MiB; the hidden
//! environment variable `YUEDU_SPILL_BYTES` sets another threshold, for tests), what has come
//! so far and everything after it are written to an unnamed temporary file (`tempfile`: gone
//! when the reader exits, even when killed). When the read ends and the text is still the
//! stream's bytes, the document reads its text back from that file ([`crate::document::text_store`])
//! instead of holding it. A stream the sanitizer changes, a legacy encoding, or a full disk
//! simply stays in memory.

use std::fs::File;
use std::io::Write;

use crate::document::Sanitized;

/// Streams longer than this are spilled to a temporary file.
pub const SPILL_BYTES: u64 = 64 << 20;

/// The spill threshold: [`SPILL_BYTES`], or `YUEDU_SPILL_BYTES` when set (tests).
pub fn threshold() -> u64 {
    std::env::var("YUEDU_SPILL_BYTES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(SPILL_BYTES)
}

/// The UTF-8 byte order mark.
const BOM: [u8; 3] = [0xef, 0xbb, 0xbf];

/// A stream's bytes on their way to a temporary file.
pub struct Spill {
    threshold: u64,
    bom_len: usize,
    file: Option<File>,
    /// Given up: the text is not the stream's bytes, or the file could not be written.
    off: bool,
}

impl Spill {
    /// A spill for a UTF-8 stream whose BOM is `bom_len` bytes; `None` (no spill) otherwise.
    pub fn new(threshold: u64, utf8: bool, bom_len: usize) -> Self {
        Spill {
            threshold,
            bom_len: bom_len.min(BOM.len()),
            file: None,
            off: !utf8,
        }
    }

    /// Called after each read: `consumed` input bytes have come; `out` holds the text of the
    /// input before `pending_at` (the stream's bytes after its BOM, while not rewritten) and
    /// `pending` the input from `pending_at` on, of which `pending[new_from..]` is new.
    pub fn feed(
        &mut self,
        consumed: u64,
        out: &Sanitized,
        pending_at: u64,
        pending: &[u8],
        new_from: usize,
    ) {
        if self.off || out.rewritten {
            self.off = true;
            self.file = None;
            return;
        }
        let written = match &mut self.file {
            Some(f) => f.write_all(&pending[new_from.min(pending.len())..]),
            None if consumed < self.threshold => return,
            None => {
                let made = tempfile::tempfile().and_then(|mut f| {
                    if pending_at > 0 {
                        f.write_all(&BOM[..self.bom_len])?;
                        f.write_all(out.text.as_bytes())?;
                    }
                    f.write_all(pending)?;
                    Ok(f)
                });
                made.map(|f| self.file = Some(f))
            }
        };
        if written.is_err() {
            // A full disk: the text stays in memory.
            self.off = true;
            self.file = None;
        }
    }

    /// The file holding the whole stream, when it was spilled and its text is its bytes.
    pub fn finish(self, out: &Sanitized) -> Option<File> {
        self.file.filter(|_| !self.off && !out.rewritten)
    }
}
