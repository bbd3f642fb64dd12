//! Opening the input without reading it whole: a regular file, a stream (stdin, a pipe, a
//! character device such as `/dev/zero`), or the bundled article.
//!
//! Small inputs (up to [`WHOLE_MAX`]) are read whole, as before. A large file is sampled —
//! its first [`HEAD_BYTES`], and windows from the middle and the end for the encoding and the
//! content key — and the rest is left to the background [`super::loader`]. A stream is read
//! until [`HEAD_BYTES`] have arrived, it ends, or [`STREAM_FIRST_WAIT`] has passed (a pipe that
//! pauses shows what has come at once): that is enough for the first screen, and
//! enough to refuse binary input by its content at once (`/dev/zero` after its first chunk).

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::{FileExt, FileTypeExt};

use crate::document::decode::{self, Chosen};
use crate::document::OpenError;

/// The first region read before the first screen is drawn.
pub const HEAD_BYTES: usize = 1 << 20;
/// Files up to this size are read whole before opening (a few milliseconds).
pub const WHOLE_MAX: u64 = 4 << 20;
/// Bytes per sample window (middle, end) for choosing the encoding of a large file.
const SAMPLE_BYTES: usize = 64 << 10;

/// An opened input.
pub enum Input {
    /// All of it, already read.
    Whole { bytes: Vec<u8>, name: String },
    /// A large file or a stream: its start, and the rest to read in the background.
    Large(Large),
}

/// A large input: the first bytes and what is needed to read the rest.
pub struct Large {
    pub name: String,
    /// The first bytes (at most [`HEAD_BYTES`]; the start of the text).
    pub head: Vec<u8>,
    pub rest: Rest,
    /// The encoding, chosen from the head and (for a file) windows of the middle and end.
    pub chosen: Chosen,
    /// The content key of a file (from sampled ranges); a stream's is made when it is read.
    pub key: Option<String>,
}

/// Where the rest of a large input comes from.
pub enum Rest {
    /// A regular file of `len` bytes (when opened), read from `head.len()` on.
    File { file: File, len: u64 },
    /// A stream, read on until it ends (its reads on a thread, so that the background reader
    /// can tell when its writer pauses: [`super::live`]).
    Stream(super::pump::Pump),
}

impl Large {
    /// The input's length when known (a file).
    pub fn size(&self) -> Option<u64> {
        match &self.rest {
            Rest::File { len, .. } => Some(*len),
            Rest::Stream(_) => None,
        }
    }
}

/// How to open: the forced encoding label and `--force`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Opening<'a> {
    pub label: Option<&'a str>,
    pub force: bool,
}

/// Opens a file by path (`-` is stdin). Errors name the file.
pub fn open_path(path: &std::path::Path, how: Opening<'_>) -> anyhow::Result<Input> {
    if path.as_os_str() == "-" {
        return open_stdin(how);
    }
    let name = crate::app::load::printable(&path.display().to_string());
    if path.is_dir() {
        anyhow::bail!("{name}: is a directory, not a file");
    }
    let file = File::open(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        anyhow::anyhow!("{name}: {why}")
    })?;
    let short = path
        .file_name()
        .map(|f| crate::app::load::printable(&f.to_string_lossy()))
        .unwrap_or(name);
    open_file(file, short, how)
}

/// Opens stdin: a regular file redirected in is read like a file, anything else as a stream.
pub fn open_stdin(how: Opening<'_>) -> anyhow::Result<Input> {
    use std::os::fd::AsFd;
    let fd = std::io::stdin().as_fd().try_clone_to_owned();
    match fd.map(File::from) {
        Ok(f) if f.metadata().is_ok_and(|m| m.is_file()) => open_file(f, "stdin".into(), how),
        _ => open_stream(Box::new(std::io::stdin()), "stdin".into(), how),
    }
}

/// Opens an open file: small regular files are read whole, large ones sampled; character
/// devices, FIFOs and sockets are streams.
pub fn open_file(mut file: File, name: String, how: Opening<'_>) -> anyhow::Result<Input> {
    let meta = file
        .metadata()
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let t = meta.file_type();
    if t.is_char_device() || t.is_fifo() || t.is_socket() || t.is_block_device() {
        return open_stream(Box::new(file), name, how);
    }
    let len = meta.len();
    if len <= WHOLE_MAX {
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        file.read_to_end(&mut bytes)
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        return Ok(Input::Whole { bytes, name });
    }
    let read = |at: u64, n: usize| -> anyhow::Result<Vec<u8>> {
        read_at_most(&file, at, n).map_err(|e| anyhow::anyhow!("{name}: {e}"))
    };
    let head = read(0, HEAD_BYTES)?;
    if crate::document::sniff::is_book(&head) {
        // An EPUB or HTML page is opened whole (a zip's directory is at its end).
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        file.read_to_end(&mut bytes)
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        return Ok(Input::Whole { bytes, name });
    }
    let ulen = usize::try_from(len).unwrap_or(usize::MAX);
    // Windows start at even offsets, so UTF-16 code units stay aligned.
    let mid = read(
        ((len / 2).saturating_sub(SAMPLE_BYTES as u64 / 2)) & !1,
        SAMPLE_BYTES,
    )?;
    let end = read(len.saturating_sub(SAMPLE_BYTES as u64) & !1, SAMPLE_BYTES)?;
    let sample = [&head[..head.len().min(SAMPLE_BYTES)], &mid[..], &end[..]];
    // The content key (3 MiB read and hashed) on a second thread while the encoding is chosen:
    // both stand between opening and the first screen.
    let (chosen, key) = std::thread::scope(|s| {
        let key = s.spawn(|| -> anyhow::Result<String> {
            let mut parts = Vec::new();
            for r in crate::store::content_key_ranges(ulen) {
                // The first range is the head, already read.
                parts.push(match head.get(r.clone()).filter(|_| r.start == 0) {
                    Some(bytes) => std::borrow::Cow::Borrowed(bytes),
                    None => std::borrow::Cow::Owned(read(r.start as u64, r.len())?),
                });
            }
            let refs: Vec<&[u8]> = parts.iter().map(|p| &p[..]).collect();
            Ok(crate::store::content_key_of(ulen, &refs))
        });
        let chosen = decode::choose_sampled(sample, ulen, how.label, how.force, &name);
        let key = key
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("{name}: could not read")));
        (chosen, key)
    });
    let (chosen, key) = (chosen?, key?);
    Ok(Input::Large(Large {
        name,
        head,
        rest: Rest::File { file, len },
        chosen,
        key: Some(key),
    }))
}

/// Reads up to `n` bytes at `at` (fewer only at the end of the file).
fn read_at_most(file: &File, at: u64, n: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; n];
    let mut got = 0;
    while got < n {
        match file.read_at(&mut buf[got..], at + got as u64) {
            Ok(0) => break,
            Ok(k) => got += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    buf.truncate(got);
    Ok(buf)
}

/// How long a stream that goes on is waited for before the first screen: what has come by
/// then is shown at once (a pipe whose writer pauses, `(echo 第一行; sleep 15; …) | yuedu`,
/// shows its first line as `less` does), and the rest is read in the background.
pub const STREAM_FIRST_WAIT: std::time::Duration = std::time::Duration::from_millis(150);

/// Reads a stream until it ends, [`HEAD_BYTES`] have arrived or [`STREAM_FIRST_WAIT`] has
/// passed (its reads are on a thread, [`super::pump`]); an ended stream is whole, a longer one
/// is refused at once when its start looks binary.
pub fn open_stream(
    stream: Box<dyn Read + Send>,
    name: String,
    how: Opening<'_>,
) -> anyhow::Result<Input> {
    use super::pump::{Gathered, Pump};
    let could_not = |e: std::io::Error| anyhow::anyhow!("{name}: could not read: {e}");
    let mut pump = Pump::start(stream).map_err(could_not)?;
    let mut head = match pump
        .gather(HEAD_BYTES, STREAM_FIRST_WAIT)
        .map_err(could_not)?
    {
        Gathered::Ended(bytes) => return Ok(Input::Whole { bytes, name }),
        Gathered::More(head) => head,
    };
    if crate::document::sniff::is_book(&head) {
        // An EPUB or HTML page is opened whole.
        pump.read_to_end(&mut head)
            .map_err(|e| anyhow::anyhow!("{name}: could not read: {e}"))?;
        return Ok(Input::Whole { bytes: head, name });
    }
    let chosen = decode::choose_sampled([&head, &[], &[]], head.len(), how.label, how.force, &name)
        .map_err(|e: OpenError| anyhow::Error::from(e))?;
    Ok(Input::Large(Large {
        name,
        head,
        rest: Rest::Stream(pump),
        chosen,
        key: None,
    }))
}
