//! A document's text read back from its file, by block, instead of held in memory.
//!
//! A UTF-8 file that sanitizing left unchanged (no BOM past its first bytes, no control
//! character, no invalid byte: the common case) is its text, byte for byte, from its BOM on.
//! Once such a file is parsed, [`FileText`] replaces the text in memory: the block index keeps
//! the offsets, and a block's text is read back with `read_at` (no mmap: `unsafe` is
//! forbidden) through a small window cache near the screen. Legacy encodings and files the
//! sanitizer changed keep their decoded text in memory ([`super::Document::text`]).
//!
//! The file may change while it is open. Every read checks the file's length and modification
//! time against those seen when it was indexed, and that what it read is whole and valid
//! UTF-8; when not, the read gives what it can (U+FFFD for the rest) and
//! [`FileText::changed`] says so, for a clear message instead of wrong text or a panic.

use std::borrow::Cow;
use std::fs::File;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Bytes read at a time for small reads (blocks near the screen share one read).
pub const WINDOW_BYTES: usize = 64 << 10;

/// The text of a document, read back from its file.
#[derive(Clone)]
pub struct FileText {
    file: Arc<File>,
    /// Where the text starts in the file (after a BOM).
    base: u64,
    len: usize,
    /// The file's length and modification time when it was indexed.
    stamp: (u64, Option<SystemTime>),
    window: Arc<Mutex<Window>>,
    changed: Arc<AtomicBool>,
}

impl std::fmt::Debug for FileText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileText")
            .field("base", &self.base)
            .field("len", &self.len)
            .field("changed", &self.changed())
            .finish()
    }
}

/// The last bytes read: text offset of `bytes[0]`.
#[derive(Default)]
struct Window {
    at: usize,
    bytes: Vec<u8>,
}

impl FileText {
    /// The text of `file` from byte `base` on, `len` bytes (the file as it is now).
    pub fn new(file: File, base: u64, len: usize) -> std::io::Result<Self> {
        let stamp = stamp_of(&file)?;
        Ok(FileText {
            file: Arc::new(file),
            base,
            len,
            stamp,
            window: Arc::default(),
            changed: Arc::default(),
        })
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// True once a read found the file changed or cut short since it was indexed.
    pub fn changed(&self) -> bool {
        self.changed.load(Ordering::Relaxed)
    }

    /// The text in `range` (clamped to the text). When the file has changed, what could be
    /// read, with U+FFFD for what could not.
    pub fn read(&self, range: Range<usize>) -> Cow<'static, str> {
        let end = range.end.min(self.len);
        let start = range.start.min(end);
        if start == end {
            return Cow::Borrowed("");
        }
        let bytes = if end - start <= WINDOW_BYTES {
            self.read_windowed(start, end)
        } else {
            self.read_direct(start, end)
        };
        match String::from_utf8(bytes) {
            Ok(s) if s.len() == end - start => Cow::Owned(s),
            Ok(s) => {
                self.changed.store(true, Ordering::Relaxed);
                Cow::Owned(s)
            }
            Err(e) => {
                self.changed.store(true, Ordering::Relaxed);
                Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        }
    }

    fn read_windowed(&self, start: usize, end: usize) -> Vec<u8> {
        let Ok(mut w) = self.window.lock() else {
            return self.read_direct(start, end);
        };
        let inside = start >= w.at && end <= w.at + w.bytes.len();
        if !inside {
            let wend = (start + WINDOW_BYTES).min(self.len);
            w.bytes = self.read_direct(start, wend);
            w.at = start;
        }
        let (a, b) = (start - w.at, (end - w.at).min(w.bytes.len()));
        w.bytes.get(a..b).unwrap_or_default().to_vec()
    }

    /// Reads text bytes `start..end` from the file (fewer when it is shorter now).
    fn read_direct(&self, start: usize, end: usize) -> Vec<u8> {
        if stamp_of(&self.file).ok() != Some(self.stamp) {
            self.changed.store(true, Ordering::Relaxed);
        }
        let mut buf = vec![0u8; end - start];
        let mut got = 0;
        while got < buf.len() {
            match self
                .file
                .read_at(&mut buf[got..], self.base + (start + got) as u64)
            {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        if got < buf.len() {
            self.changed.store(true, Ordering::Relaxed);
        }
        buf.truncate(got);
        buf
    }
}

fn stamp_of(file: &File) -> std::io::Result<(u64, Option<SystemTime>)> {
    let m = file.metadata()?;
    Ok((m.len(), m.modified().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_ranges_back_from_the_file_past_its_bom() {
        let mut f = tempfile::tempfile().unwrap();
        let body = "第一章\n天地玄黃。\n".repeat(10_000);
        f.write_all(b"\xef\xbb\xbf").unwrap();
        f.write_all(body.as_bytes()).unwrap();
        let t = FileText::new(f, 3, body.len()).unwrap();
        assert_eq!(t.read(0..9), "第一章");
        assert_eq!(t.read(10..25), "天地玄黃。");
        let far = body.len() - 16;
        assert_eq!(t.read(far..far + 15), "天地玄黃。");
        assert_eq!(t.read(0..body.len()), body.as_str());
        assert_eq!(t.read(body.len()..body.len() + 5), "");
        assert!(!t.changed());
    }

    #[test]
    fn a_file_cut_short_while_open_is_reported_not_a_panic() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        let body = "天地玄黃，宇宙洪荒。\n".repeat(20_000);
        f.write_all(body.as_bytes()).unwrap();
        let t = FileText::new(f.reopen().unwrap(), 0, body.len()).unwrap();
        assert_eq!(t.read(0..30), "天地玄黃，宇宙洪荒。");
        f.as_file().set_len(100).unwrap();
        let late = t.read(body.len() - 31..body.len() - 1);
        assert!(late.is_empty(), "{late}");
        assert!(t.changed());
        // Cut inside a character: the rest is U+FFFD, not a panic.
        let cut = t.read(95..110);
        assert!(cut.ends_with('\u{fffd}') || cut.is_empty(), "{cut}");
    }
}
