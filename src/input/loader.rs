//! Reading, decoding and sanitizing a large input in chunks, on a background thread.
//!
//! The first screen is drawn from [`prefix`]: the input's first region, cut after its last line
//! feed, decoded, sanitized and parsed alone. [`start`] then reads the whole input on a thread
//! in chunks of [`CHUNK_BYTES`], each cut after its last line feed (legacy encodings
//! resynchronise at LF; tabs, CRLF and unterminated escape sequences end at a line end, so
//! sanitizing chunk by chunk gives the text sanitizing it whole would), and appends the
//! decoded, sanitized text to one buffer: every byte is read, validated and sanitized once,
//! while it is in the cache, and no second copy of the file is made (a legacy encoding holds
//! its decoded text only). The text of the prefix is therefore the start of the whole text,
//! and positions in the partial document carry over by their byte offset in the text.
//!
//! Streams (stdin, pipes) are read the same way until they end, up to [`STREAM_MAX_BYTES`] and
//! [`STREAM_MAX_LINES`]: the reader keeps every line in memory as a block, so an endless
//! `yes | yuedu` stops there with a note instead of exhausting memory. A stream whose text
//! stays in memory (a legacy encoding, or text the sanitizer changed, such as
//! `yuedu --force /dev/urandom`) stops at [`STREAM_MAX_HELD`] of text. Files are not capped.
//! A UTF-8 stream past [`super::spill::SPILL_BYTES`] is written to a temporary file as it is
//! read ([`super::spill`]); once parsed, its text is read back from there like a file's.
//! A UTF-8 file (or spilled stream) that the sanitizer left unchanged is not held once parsed:
//! the document reads its blocks back from the file ([`crate::document::text_store`]).

use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8};

use crate::document::ansi::AnsiStyle;
use crate::document::decode::{self, Chosen};
use crate::document::{self, Document, OpenOptions, Sanitized};

use super::events::Waker;
use super::source::{Large, Rest};

/// Bytes read, decoded and sanitized at a time.
pub const CHUNK_BYTES: usize = 4 << 20;
/// A stream is read up to this many bytes…
pub const STREAM_MAX_BYTES: u64 = 2 << 30;
/// …and this many lines (each line is a block, about 10 bytes of index in memory).
pub const STREAM_MAX_LINES: usize = 8_000_000;
/// A stream whose text must stay in memory (a legacy encoding, or text the sanitizer changed:
/// it cannot be read back from a spilled copy of the stream) is read up to this much text:
/// `yuedu --force /dev/urandom` grew by 45 MB a second towards 2 GiB of input and ~3 GB of
/// text.
pub const STREAM_MAX_HELD: usize = 128 << 20;

/// Chunk size and stream caps (the constants above; tests use small ones).
#[derive(Clone, Copy, Debug)]
pub struct Tuning {
    pub chunk_bytes: usize,
    pub stream_max_bytes: u64,
    pub stream_max_lines: usize,
    /// A UTF-8 stream past this many bytes is spilled to a temporary file ([`super::spill`]).
    pub spill_bytes: u64,
    /// The text of a stream that stays in memory is read up to this many bytes.
    pub stream_max_held: usize,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            chunk_bytes: CHUNK_BYTES,
            stream_max_bytes: STREAM_MAX_BYTES,
            stream_max_lines: STREAM_MAX_LINES,
            spill_bytes: super::spill::threshold(),
            stream_max_held: STREAM_MAX_HELD,
        }
    }
}

/// Reads the next bytes of the input into a buffer (0 at the end), waiting for a stream only
/// until the deadline, if any (`None`: nothing came by then).
type ReadFn = dyn FnMut(&mut [u8], Option<Instant>) -> std::io::Result<Option<usize>>;

/// Where text offsets come from in the input: `(input offset, text offset)` at the start of
/// each decoded chunk, in order. Between two checkpoints offsets are interpolated (exact for
/// UTF-8 text the sanitizer left alone; close for two-byte encodings).
#[derive(Clone, Debug, Default)]
pub struct InputMap {
    pub checkpoints: Vec<(u64, usize)>,
    /// The input's length and the text's, closing the last interval.
    pub end: (u64, usize),
}

impl InputMap {
    /// The input byte offset of text offset `at`; `None` when the map is empty.
    pub fn input_offset(&self, at: usize) -> Option<u64> {
        let i = self.checkpoints.partition_point(|&(_, t)| t <= at);
        let (raw, text) = *self.checkpoints.get(i.checked_sub(1)?)?;
        let (next_raw, next_text) = self.checkpoints.get(i).copied().unwrap_or(self.end);
        let span = next_text.saturating_sub(text).max(1) as f64;
        let scale = next_raw.saturating_sub(raw) as f64 / span;
        Some(raw + ((at - text) as f64 * scale) as u64)
    }
}

/// A whole document, read in the background.
pub struct Finished {
    pub doc: Document,
    /// Text offsets back to input offsets (for the place remembered by input offset).
    pub map: InputMap,
    /// The content key for the state store.
    pub key: String,
    /// Set when a stream was cut at a cap (the note to show).
    pub truncated: Option<String>,
}

/// How far the reader has come, shared with the UI.
#[derive(Debug, Default)]
pub struct Progress {
    /// Input bytes read and decoded so far.
    pub read: AtomicU64,
    /// The input's size, when known (a file).
    pub total: Option<u64>,
    /// The chapter lines found so far ([`Found`]), for the navigator while the rest is read.
    pub outline: Mutex<Vec<Found>>,
    /// All of the input is read and the whole text is being parsed (seconds at 1 GB): the
    /// status line says so instead of `reading 100%`.
    pub parsing: AtomicBool,
    /// A stream is shown as it arrives ([`super::live`]): set by [`start`].
    pub live: bool,
    /// What a paused stream has sent so far, parsed, for the reader to take.
    pub partial: Mutex<Option<Document>>,
    /// The reflow mode to parse the whole text in, when `L` changed it while it was read.
    pub reflow: Mutex<Option<crate::document::reflow::Reflow>>,
}

/// A chapter line found while reading: where it is and what it says. The navigator lists
/// these until the whole document is parsed (they are the chapter lines of
/// [`crate::document::lines::chapter`], or of `--heading-regex`, decided line by line:
/// numbered headings and an article's headings need the whole text and come with it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The input offset of the line (exact for UTF-8; estimated within its chunk otherwise).
    pub at: u64,
    pub title: String,
    /// 1, or 2 for a chapter after a volume (`第一卷`).
    pub level: u8,
}

/// Finds chapter lines in `text` (whole lines) as [`Found`] entries; `input` is the input
/// range the text was decoded from, for their offsets.
struct ChapterScan {
    regex: Option<regex::Regex>,
    volumes: bool,
}

impl ChapterScan {
    fn new(opts: &OpenOptions) -> ChapterScan {
        ChapterScan {
            regex: opts
                .heading_regex
                .as_deref()
                .and_then(|r| regex::Regex::new(r).ok()),
            volumes: false,
        }
    }

    fn scan(&mut self, text: &str, input: std::ops::Range<u64>, out: &Mutex<Vec<Found>>) {
        use crate::document::lines::{self, Chapter};
        let scale = (input.end - input.start) as f64 / text.len().max(1) as f64;
        let mut found = Vec::new();
        let mut from = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
            let raw = &text[from..end];
            let at = from;
            from = end + 1;
            if raw.is_empty() || raw.len() > 3 * lines::MAX_HEADING_BYTES {
                continue;
            }
            let line = document::spaces::trim(raw);
            if line.is_empty() || line.len() > lines::MAX_HEADING_BYTES {
                continue;
            }
            let level = match &self.regex {
                Some(re) => re.is_match(line).then_some(1),
                None => match lines::chapter(line) {
                    Some(Chapter::Volume) => {
                        self.volumes = true;
                        Some(1)
                    }
                    Some(Chapter::Afterword) => Some(1),
                    Some(_) => Some(if self.volumes { 2 } else { 1 }),
                    None => None,
                },
            };
            if let Some(level) = level {
                found.push(Found {
                    at: input.start + (at as f64 * scale) as u64,
                    title: line.to_string(),
                    level,
                });
            }
        }
        if !found.is_empty() {
            if let Ok(mut o) = out.lock() {
                o.extend(found);
            }
        }
    }
}

impl Progress {
    /// Percent read, when the size is known.
    pub fn percent(&self) -> Option<u8> {
        let total = self.total.filter(|&t| t > 0)?;
        let read = self.read.load(Ordering::Relaxed).min(total);
        u8::try_from(read * 100 / total).ok()
    }

    /// True once all of the input is read and the whole text is being parsed.
    pub fn is_parsing(&self) -> bool {
        self.parsing.load(Ordering::Relaxed)
    }

    /// MiB read so far.
    pub fn mib(&self) -> u64 {
        self.read.load(Ordering::Relaxed) >> 20
    }

    /// What a paused stream has sent so far, once ([`super::live`]).
    pub fn take_partial(&self) -> Option<Document> {
        self.partial.lock().ok()?.take()
    }
}

/// A background read in progress.
pub struct Indexing {
    rx: Receiver<Result<Finished, String>>,
    pub progress: Arc<Progress>,
    waker: Arc<Mutex<Option<Waker>>>,
    cancel: Arc<AtomicBool>,
    /// Starts the read (it waits for the first screen, at most [`FIRST_FRAME_WAIT`]).
    go: Option<mpsc::Sender<()>>,
}

/// How long the background read waits for the first screen to be drawn before it starts.
pub const FIRST_FRAME_WAIT: std::time::Duration = std::time::Duration::from_millis(300);

impl Drop for Indexing {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Indexing {
    /// Wakes the event loop through `waker` when the read is done.
    pub fn set_waker(&self, waker: Waker) {
        if let Ok(mut w) = self.waker.lock() {
            *w = Some(waker);
        }
    }

    /// The first screen is drawn: the read starts now.
    pub fn release(&mut self) {
        if let Some(go) = self.go.take() {
            let _ = go.send(());
        }
    }

    /// The result, once the read is done (an error message when it failed).
    pub fn try_take(&self) -> Option<Result<Finished, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("reading stopped".into())),
        }
    }

    /// Waits for the result.
    pub fn wait(mut self) -> Result<Finished, String> {
        self.release();
        self.rx
            .recv()
            .unwrap_or_else(|_| Err("reading stopped".into()))
    }
}

/// The most of the input's start parsed for the first screen of a stream or a Markdown text
/// (about 80 screens of Chinese text; parsing the whole first MiB took 20–50 ms under load).
pub const FIRST_REGION_BYTES: usize = 256 << 10;

/// The first region of a plain-text file, which the reader can leave for the next region
/// while the file is read ([`super::seek`]): about 20 screens of Chinese text, parsed in a
/// quarter of the time of [`FIRST_REGION_BYTES`].
pub const FIRST_SCREEN_BYTES: usize = super::seek::REGION_BYTES as usize;

/// The partial document of a large input's first region (at most [`FIRST_SCREEN_BYTES`] of
/// a plain-text file, else [`FIRST_REGION_BYTES`], in whole lines, or cut at a character
/// boundary when its first line is longer than that), and the input bytes it covers.
pub fn prefix(large: &Large, opts: &OpenOptions) -> Result<(Document, usize), document::OpenError> {
    let body = &large.head[large.chosen.bom_len.min(large.head.len())..];
    let most = if can_seek(large, opts) && large.size().is_some() {
        FIRST_SCREEN_BYTES
    } else {
        FIRST_REGION_BYTES
    };
    let body = &body[..body.len().min(most)];
    let cut = match document::format_for(&large.name, opts) {
        // Markdown: at a blank line outside a fenced code block.
        document::Format::Markdown => markdown_cut(body),
        // A line longer than the region (a file of one line) is cut at a character boundary.
        _ => super::seek::last_line_end(body, large.chosen.encoding)
            .unwrap_or_else(|| safe_cut(body, 0, large.chosen)),
    };
    let mut out = Sanitized {
        encoding: large.chosen.encoding.name(),
        ..Sanitized::default()
    };
    push_chunk(
        large.chosen,
        &body[..cut],
        &mut out,
        &mut AnsiStyle::default(),
    );
    let doc = document::parse_sanitized(out, &large.name, opts)?;
    Ok((doc, large.chosen.bom_len + cut))
}

/// True when the input can be shown from its start before it is read whole: plain text in
/// any encoding, and Markdown in an ASCII-compatible one (its first region cut at a blank line
/// outside a fenced code block: the blocks before that cut are the whole document's, but for
/// reference-style links defined further on).
pub fn can_show_prefix(large: &Large, opts: &OpenOptions) -> bool {
    let enc = large.chosen.encoding;
    match document::format_for(&large.name, opts) {
        document::Format::Plain => true,
        document::Format::Markdown => enc != UTF_16LE && enc != UTF_16BE,
        _ => false,
    }
}

/// Regions of the file can be shown out of order (`G`, a remembered place): plain text only
/// (a Markdown region could start inside a code block or a list).
pub fn can_seek(large: &Large, opts: &OpenOptions) -> bool {
    document::format_for(&large.name, opts) == document::Format::Plain
}

/// Where to cut the first region of a Markdown text: after the last blank line that is not
/// inside a fenced code block (```` ``` ```` or `~~~`), or the whole region.
fn markdown_cut(body: &[u8]) -> usize {
    let mut fenced = false;
    let mut cut = None;
    let mut from = 0;
    for end in memchr::memchr_iter(b'\n', body) {
        let line = body[from..end].trim_ascii();
        if line.starts_with(b"```") || line.starts_with(b"~~~") {
            fenced = !fenced;
        } else if line.is_empty() && !fenced {
            cut = Some(end + 1);
        }
        from = end + 1;
    }
    cut.unwrap_or(body.len())
}

/// Starts reading the whole input on a thread.
pub fn start(large: Large, opts: OpenOptions) -> Indexing {
    let progress = Progress {
        total: large.size(),
        live: matches!(large.rest, Rest::Stream(_)),
        ..Progress::default()
    };
    start_job(progress, move |p, c| {
        let scan = (document::format_for(&large.name, &opts) == document::Format::Plain)
            .then(|| ChapterScan::new(&opts));
        read_whole(large, &opts, Tuning::default(), p, c, scan)
    })
}

/// Runs `job` on a thread once the first screen is drawn (or after [`FIRST_FRAME_WAIT`]),
/// with `progress` (of its total bytes) for it to advance and a flag that is set when the
/// reader no longer wants the result; the event loop is woken when it is done. A book's
/// remaining chapters are rendered this way ([`crate::app::book`]).
pub fn start_job<F>(progress: Progress, job: F) -> Indexing
where
    F: FnOnce(&Progress, &AtomicBool) -> Result<Finished, String> + Send + 'static,
{
    let (tx, rx) = mpsc::channel();
    let progress = Arc::new(progress);
    let waker: Arc<Mutex<Option<Waker>>> = Arc::default();
    let cancel = Arc::new(AtomicBool::new(false));
    let (p, w, c) = (progress.clone(), waker.clone(), cancel.clone());
    let (go, go_rx) = mpsc::channel::<()>();
    let spawned = std::thread::Builder::new()
        .name("indexing".into())
        .spawn(move || {
            // The first screen first: the read starts once it is drawn (a thread decoding a
            // legacy encoding on the second core slowed the first frame by half under load).
            let _ = go_rx.recv_timeout(FIRST_FRAME_WAIT);
            let result = job(&p, &c);
            let _ = tx.send(result);
            if let Some(w) = w.lock().ok().and_then(|w| w.clone()) {
                w.wake();
            }
        });
    if let Err(e) = spawned {
        let (tx, rx2) = mpsc::channel();
        let _ = tx.send(Err(format!("could not start reading: {e}")));
        return Indexing {
            rx: rx2,
            progress,
            waker,
            cancel,
            go: None,
        };
    }
    Indexing {
        rx,
        progress,
        waker,
        cancel,
        go: Some(go),
    }
}

/// Reads the whole input on this thread (for `--dump` and `--toc`).
pub fn read_blocking(large: Large, opts: &OpenOptions) -> Result<Finished, String> {
    read_blocking_with(large, opts, Tuning::default())
}

/// [`read_blocking`] with another chunk size and caps.
pub fn read_blocking_with(
    large: Large,
    opts: &OpenOptions,
    tuning: Tuning,
) -> Result<Finished, String> {
    let progress = Progress {
        total: large.size(),
        ..Progress::default()
    };
    read_whole(
        large,
        opts,
        tuning,
        &progress,
        &AtomicBool::new(false),
        None,
    )
}

fn read_whole(
    large: Large,
    opts: &OpenOptions,
    tuning: Tuning,
    progress: &Progress,
    cancel: &AtomicBool,
    mut scan: Option<ChapterScan>,
) -> Result<Finished, String> {
    let Large {
        name,
        head,
        rest,
        chosen,
        key,
    } = large;
    let is_stream = matches!(rest, Rest::Stream(_));
    let mut out = Sanitized {
        encoding: chosen.encoding.name(),
        ..Sanitized::default()
    };
    if let Some(len) = progress.total {
        // Text is about the input's size (UTF-8) or up to half as much again (GBK, Big5).
        let guess = if chosen.encoding == UTF_8 {
            len
        } else {
            len + len / 2
        };
        out.text.reserve(usize::try_from(guess).unwrap_or(0));
    }
    // A UTF-8 file's text is read back from it once parsed, when it is the file's bytes.
    let keep = match &rest {
        Rest::File { file, .. } if chosen.encoding == UTF_8 => file.try_clone().ok(),
        _ => None,
    };
    // A file is read as it was when opened: one that keeps growing (a log written to, `yes >
    // f`) is not read until memory runs out (tracker issue 17); a note says it grew.
    let grew = match &rest {
        Rest::File { file, len } => file.try_clone().ok().map(|f| (f, *len)),
        Rest::Stream(_) => None,
    };
    let mut reader: Box<ReadFn> = match rest {
        Rest::File { file, len } => {
            let mut at = head.len() as u64;
            Box::new(move |buf: &mut [u8], _| {
                let room = usize::try_from(len.saturating_sub(at)).unwrap_or(usize::MAX);
                let want = buf.len().min(room);
                let n = file.read_at(&mut buf[..want], at)?;
                at += n as u64;
                Ok(Some(n))
            })
        }
        Rest::Stream(mut s) => Box::new(move |buf: &mut [u8], until| s.read_until(buf, until)),
    };
    // `pending` holds input not yet decoded: the head, then what follows the last line feed.
    let mut pending = head;
    // The input offset of `pending[0]`.
    let mut pending_at: u64 = 0;
    let mut skip = chosen.bom_len.min(pending.len());
    let mut map = InputMap::default();
    // Input bytes read so far, the head included.
    let mut consumed: u64 = pending.len() as u64;
    let mut lines = 0usize;
    let mut truncated = None;
    let chunk = tuning.chunk_bytes.max(1);
    // The SGR state carried from chunk to chunk.
    let mut sgr = AnsiStyle::default();
    // A stream read for the reader is shown as it arrives, whenever its writer pauses.
    let mut live = (is_stream && progress.live).then(super::live::Live::new);
    let mut spill = is_stream.then(|| {
        super::spill::Spill::new(tuning.spill_bytes, chosen.encoding == UTF_8, chosen.bom_len)
    });
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err("cancelled".into());
        }
        // Read straight onto the end of `pending` (no second copy of each chunk).
        let old = pending.len();
        pending.resize(old + chunk, 0);
        let got = loop {
            let until = live
                .as_ref()
                .and_then(|l| l.deadline(consumed, out.text.len()));
            match reader(&mut pending[old..], until) {
                Ok(got) => break got,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(format!("{name}: could not read: {e}")),
            }
        };
        // The writer paused: what has come is decoded below and shown.
        let paused = got.is_none();
        let n = got.unwrap_or(0);
        pending.truncate(old + n);
        if let Some(s) = &mut spill {
            s.feed(consumed + n as u64, &out, pending_at, &pending, old);
        }
        let end = n == 0 && !paused;
        {
            // Cut after the last line feed (for UTF-16 a U+000A code unit at an even offset,
            // so the code units stay aligned).
            let cut = if end {
                pending.len()
            } else {
                match super::seek::last_line_end(&pending[skip..], chosen.encoding) {
                    Some(i) => skip + i,
                    // A line longer than a chunk: decode it when it is long enough to matter.
                    None if pending.len() >= 4 * tuning.chunk_bytes.max(1 << 16) => {
                        safe_cut(&pending, skip, chosen)
                    }
                    None => skip,
                }
            };
            if cut > skip {
                let piece = &pending[skip..cut];
                if is_stream {
                    lines += memchr::memchr_iter(b'\n', piece).count();
                }
                map.checkpoints
                    .push((pending_at + skip as u64, out.text.len()));
                let text_from = out.text.len();
                push_chunk(chosen, piece, &mut out, &mut sgr);
                if let Some(scan) = &mut scan {
                    let input = pending_at + skip as u64..pending_at + cut as u64;
                    scan.scan(&out.text[text_from..], input, &progress.outline);
                }
                pending.drain(..cut);
                pending_at += cut as u64;
                skip = 0;
            }
        }
        consumed += n as u64;
        // Text that cannot be read back from a spilled copy of the stream (not UTF-8, or
        // changed by the sanitizer) is held in memory: capped lower.
        let held = is_stream
            && (chosen.encoding != UTF_8 || out.rewritten)
            && out.text.len() >= tuning.stream_max_held;
        let capped = is_stream
            && (consumed >= tuning.stream_max_bytes || lines >= tuning.stream_max_lines || held);
        if end || capped {
            // What follows is parsing: said before the progress reaches its end.
            progress.parsing.store(true, Ordering::Relaxed);
        }
        progress.read.store(consumed, Ordering::Relaxed);
        if let (Some(l), true) = (&mut live, paused) {
            // In the reflow mode `L` chose meanwhile.
            let mut opts = opts.clone();
            if let Some(mode) = progress.reflow.lock().ok().and_then(|m| *m) {
                opts.reflow = mode;
            }
            l.publish(consumed, &out, &name, &opts, &progress.partial);
        }
        if end {
            break;
        }
        if capped && held {
            truncated = Some(format!(
                "{name}: stopped reading after {} MB, {} MB of text held in memory; the rest is not shown",
                consumed >> 20,
                out.text.len() >> 20
            ));
            break;
        }
        if capped {
            truncated = Some(format!(
                "{name}: stopped reading after {} MB and {lines} lines (the reader keeps every line in memory); the rest is not shown",
                consumed >> 20
            ));
            break;
        }
    }
    if let Some((file, len)) = grew {
        let now = file.metadata().map_or(0, |m| m.len());
        if now > len && truncated.is_none() {
            truncated = Some(format!(
                "{name}: the file grew while it was read; shown as it was when opened ({} MB)",
                len >> 20
            ));
        }
    }
    map.end = (pending_at, out.text.len());
    let key = match key {
        Some(k) => k,
        None => crate::store::content_key(out.text.as_bytes()),
    };
    // A stream spilled to a temporary file is read back from it like a file.
    let keep = keep.or_else(|| spill.and_then(|s| s.finish(&out)));
    let (built, rewritten) = ((out.text.as_ptr(), out.text.len()), out.rewritten);
    // `L` while the input was read: the mode the reader shows now.
    let wanted = || progress.reflow.lock().ok().and_then(|m| *m);
    let mut opts = opts.clone();
    if let Some(mode) = wanted() {
        opts.reflow = mode;
    }
    let mut doc = document::parse_sanitized(out, &name, &opts).map_err(|e| e.to_string())?;
    // `L` again while the text was parsed: parsed again here, not on the reader's thread.
    if let Some(mode) = wanted().filter(|&m| doc.source.reflow.is_some_and(|r| r.mode != m)) {
        if let Some(again) = document::reparse_plain(&doc, opts.heading_regex.as_deref(), mode) {
            doc = again.map_err(|e| e.to_string())?;
        }
    }
    // Plain text and program output keep the text they were given (the same buffer); a man
    // page or Markdown builds another, which stays in memory.
    let same_text = (doc.text.as_ptr(), doc.text.len()) == built;
    if let Some(file) = keep.filter(|_| !rewritten && same_text) {
        // Memory for the text is given back; on failure it simply stays.
        let _ = doc.keep_text_in_file(file, chosen.bom_len as u64);
    }
    Ok(Finished {
        doc,
        map,
        key,
        truncated,
    })
}

/// Where to cut a long line without a line feed (after `from`, a character boundary): at the
/// last character boundary of `bytes`, so that no character is split between two decoded
/// pieces (a split one would decode as two U+FFFD and be counted as invalid). For UTF-8,
/// before a character that the end of `bytes` cuts; for UTF-16, at an even offset and not
/// between the two halves of a surrogate pair; for the multi-byte legacy encodings, after the
/// last whole character found walking from `from` (their trail bytes overlap ASCII, so they
/// do not resynchronise backwards); single-byte encodings anywhere.
fn safe_cut(bytes: &[u8], from: usize, chosen: Chosen) -> usize {
    let enc = chosen.encoding;
    if enc == UTF_16LE || enc == UTF_16BE {
        let mut cut = from + ((bytes.len() - from) & !1);
        if cut >= from + 2 {
            let pair = [bytes[cut - 2], bytes[cut - 1]];
            let unit = if enc == UTF_16LE {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            };
            if (0xd800..0xdc00).contains(&unit) {
                cut -= 2;
            }
        }
        return cut;
    }
    if enc == UTF_8 {
        let tail = bytes.len().saturating_sub(4).max(from);
        return (tail..bytes.len())
            .rev()
            .find(|&i| bytes[i] & 0xc0 != 0x80)
            .filter(|&i| bytes[i] >= 0xc0)
            .unwrap_or(bytes.len());
    }
    if enc.is_single_byte() {
        return bytes.len();
    }
    // The length of the character a lead byte starts, in the encoding's byte ranges
    // (WHATWG Encoding §10–13: gb18030, Big5, EUC-JP, Shift_JIS, EUC-KR).
    let name = enc.name();
    let width = |b: &[u8]| -> usize {
        let (lead, next) = (b[0], b.get(1).copied());
        if lead < 0x80 {
            return 1;
        }
        match name {
            "GBK" | "gb18030" if (0x81..=0xfe).contains(&lead) => {
                if next.is_some_and(|n| n.is_ascii_digit()) {
                    4
                } else {
                    2
                }
            }
            "EUC-JP" if lead == 0x8f => 3,
            "EUC-JP" if lead == 0x8e || (0xa1..=0xfe).contains(&lead) => 2,
            "Shift_JIS" if (0x81..=0x9f).contains(&lead) || (0xe0..=0xfc).contains(&lead) => 2,
            "Big5" | "EUC-KR" if (0x81..=0xfe).contains(&lead) => 2,
            _ => 1,
        }
    };
    let mut at = from;
    while at < bytes.len() {
        let w = width(&bytes[at..]);
        if at + w > bytes.len() {
            break;
        }
        at += w;
    }
    at
}

/// Decodes and sanitizes one chunk (whole lines) and appends it to `out`. `sgr` is the SGR
/// state at the end of the text before (a colour set there goes on in this chunk), and
/// becomes the state at the end of this one.
pub(super) fn push_chunk(chosen: Chosen, bytes: &[u8], out: &mut Sanitized, sgr: &mut AnsiStyle) {
    let text = if chosen.encoding == UTF_8 {
        match simdutf8::basic::from_utf8(bytes) {
            // Nothing for the sanitizer to change (the common case): no copy but the append.
            Ok(s) if document::sanitize::is_clean(s) => {
                let base = out.text.len();
                out.text.push_str(s);
                if !sgr.is_plain() && !s.is_empty() {
                    push_span(out, base..out.text.len(), *sgr);
                }
                return;
            }
            Ok(s) => {
                out.rewritten = true;
                s.to_owned()
            }
            Err(_) => {
                out.rewritten = true;
                let d = decode::decode_with(UTF_8, bytes);
                out.replacements += d.replacements;
                d.text
            }
        }
    } else {
        out.rewritten = true;
        let d = decode::decode_with(chosen.encoding, bytes);
        out.replacements += d.replacements;
        d.text
    };
    let (text, removed, spans) = document::sanitize::sanitize_styled_from(text, sgr);
    let base = out.text.len();
    out.controls_removed += removed;
    for s in spans {
        push_span(out, s.bytes.start + base..s.bytes.end + base, s.style);
    }
    out.text.push_str(&text);
}

/// Appends a style span over `bytes` of `out`'s text, joined to the last one when it goes on
/// from it in the same style (a colour across a chunk boundary is one span, as when the text
/// is sanitized whole).
fn push_span(out: &mut Sanitized, bytes: std::ops::Range<usize>, style: AnsiStyle) {
    // Spans come sorted by start; only an SGR span can continue the last SGR span.
    if let Some(last) = out
        .spans
        .iter_mut()
        .rev()
        .take(64)
        .find(|l| l.bytes.end == bytes.start && l.style == style)
    {
        last.bytes.end = bytes.end;
        return;
    }
    out.spans.push(document::ansi::AnsiSpan { bytes, style });
}

#[cfg(test)]
#[path = "loader_tests.rs"]
mod tests;
