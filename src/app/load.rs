//! From arguments to a ready document: read the bytes, open, choose engine and variant.

use std::io::{IsTerminal, Write};

use crate::cli::{Args, FormatArg};
use crate::document::{self, Document, Format, OpenOptions};
use crate::input::loader;
use crate::input::source::{self, Input, Opening};
use crate::layout::{AmbiguousWidth, WrapOptions};
use crate::present::PresentOptions;
use crate::script::{self, Scripter};
use crate::store::{self, Settings};
use crate::units::Cells;

/// A document ready to show, with the options it is shown with.
pub struct Loaded {
    pub doc: Document,
    pub scripter: Scripter,
    pub present: PresentOptions,
    pub wrap: WrapOptions,
    /// `--ambiguous auto`: ask the terminal once it is in raw mode.
    pub detect_ambiguous: bool,
    /// The document's content key for the state store.
    pub key: String,
    pub settings: Settings,
    /// Problems with the config file, to show once.
    pub warnings: Vec<String>,
    /// Problems with the state file found while opening (a damaged file kept as a backup):
    /// shown in the status line and again on stderr after the reader exits, since opening
    /// the store moved the damaged file aside and a later open has nothing to report.
    pub state_warnings: Vec<String>,
    /// A large input still being read in the background (`doc` is its first region).
    pub reading: Option<crate::input::loader::Indexing>,
    /// Input bytes per text byte in `doc` while `reading` (for percentages).
    pub input_per_text: f64,
    /// While `reading`: the input offset `doc` starts at (0, or a window around the
    /// remembered place), and the text offset in `doc` of the remembered place, if opened there.
    pub input_base: u64,
    pub opened_at: Option<usize>,
    /// While `reading` a file: regions of it read out of order (`G`, a remembered place).
    pub seeker: Option<crate::input::seek::Seeker>,
    /// The first region and its input bytes per text byte, when `doc` is another region.
    pub head: Option<(Document, f64)>,
    /// The input offset of the first region's text (after a byte-order mark).
    pub head_base: u64,
    /// A book shown from one chapter while the rest is rendered ([`super::book`]).
    pub book: Option<super::book::Shown>,
}

/// The name and content key of the input named by `args` (for `--reset`), taken the way
/// [`load`] takes them, so a large file's sampled key matches the one its place is kept under.
/// `None`: a stream, which is never remembered.
pub fn input_key(args: &Args) -> anyhow::Result<(String, Option<String>)> {
    Ok(match open_input(args)? {
        Input::Whole { bytes, name } => (name, Some(store::content_key(&bytes))),
        Input::Large(large) => (large.name.clone(), large.key.clone()),
    })
}

/// True when stdin is a pipe, a socket or a regular file: something that carries a document.
/// A terminal, `/dev/null` or a closed stdin does not, and the bundled article opens instead.
fn stdin_has_data() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return false;
    }
    let Ok(fd) = stdin.as_fd().try_clone_to_owned() else {
        return false;
    };
    match std::fs::File::from(fd).metadata() {
        Ok(m) => {
            let t = m.file_type();
            t.is_fifo() || t.is_socket() || t.is_file()
        }
        Err(_) => false,
    }
}

/// Opens the input named by `args` without reading a large one whole (see
/// [`crate::input::source`]).
fn open_input(args: &Args) -> anyhow::Result<Input> {
    let how = Opening {
        label: args.encoding.as_deref(),
        force: args.force,
    };
    match &args.file {
        Some(p) => source::open_path(p, how),
        None if stdin_has_data() => {
            if std::io::stdin().is_terminal() {
                let _ = writeln!(
                    std::io::stderr(),
                    "yuedu: reading the document from the terminal; end it with Ctrl-D"
                );
            }
            source::open_stdin(how)
        }
        None => Ok(Input::Whole {
            bytes: crate::BUNDLED_ARTICLE.as_bytes().to_vec(),
            name: crate::BUNDLED_NAME.to_string(),
        }),
    }
}

/// Loads the document and options: the config file's settings, overridden by arguments.
///
/// A large input is shown from its first region while the rest is read on a thread
/// ([`Loaded::reading`]), except for `--dump`, `--toc` and output that is not a terminal,
/// which need all of it.
pub fn load(args: &Args) -> anyhow::Result<Loaded> {
    load_named(args).map_err(|e| named_by_path(args, e))
}

/// An error naming the input by its file name (`zero: looks like a binary file`) names it by
/// the path as typed instead (`/dev/zero: …`); the status line keeps the short name.
fn named_by_path(args: &Args, e: anyhow::Error) -> anyhow::Error {
    let Some(path) = &args.file else { return e };
    let full = printable(&path.display().to_string());
    let Some(short) = path.file_name().map(|f| printable(&f.to_string_lossy())) else {
        return e;
    };
    let msg = format!("{e:#}");
    match msg.strip_prefix(&format!("{short}: ")) {
        Some(rest) if short != full => anyhow::anyhow!("{full}: {rest}"),
        _ => e,
    }
}

/// Opens the state store, keeping its warnings (a damaged file moved aside is reported once,
/// by the first open).
fn open_store(warnings: &mut Vec<String>) -> store::StateStore {
    let (store, w) = store::StateStore::open();
    warnings.extend(w);
    store
}

fn load_named(args: &Args) -> anyhow::Result<Loaded> {
    // While the input is opened: the punctuation tidy's patterns, for the first screen.
    crate::typography::punctuation::warm_up();
    let (mut settings, mut warnings) = store::load_settings();
    let mut state_warnings = Vec::new();
    args.settings.apply(&mut settings);
    let opts = OpenOptions {
        encoding: args.encoding.clone(),
        format: args.format.map(|f| match f {
            FormatArg::Plain => Format::Plain,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Epub => Format::Epub,
        }),
        heading_regex: settings.heading_regex.clone(),
        force: args.force,
        reflow: settings.reflow,
        // git runs its pager with GIT_PAGER_IN_USE set: what it pipes is program output
        // (`git log`, `git diff` without colours too), shown as written at the terminal's width.
        program_output: args.file.is_none() && std::env::var_os("GIT_PAGER_IN_USE").is_some(),
    };
    let whole_needed = args.dump || args.toc || !std::io::stdout().is_terminal();
    let mut opts = opts;
    let mut reading = None;
    let mut input_per_text = 1.0;
    let (mut input_base, mut opened_at) = (0, None);
    let input = open_input(args)?;
    // The reader opens a text in the reflow mode it was left in (`L`), so that its remembered
    // place (by block) is found; a `--reflow` flag is applied after that (app::run). `--dump`
    // and `--toc` never use what is remembered.
    if !whole_needed {
        let key = match &input {
            Input::Whole { bytes, .. } => Some(store::content_key(bytes)),
            Input::Large(large) => large.key.clone(),
        };
        let remembered = key
            .and_then(|k| open_store(&mut state_warnings).get(&k))
            .and_then(|s| s.shown.reflow());
        let large_with_flag = matches!(input, Input::Large(_)) && args.settings.has("reflow");
        if let Some(mode) = remembered.filter(|_| !large_with_flag) {
            opts.reflow = mode;
        }
    }
    let (mut seeker, mut head, mut head_base) = (None, None, 0);
    let mut book = None;
    let (doc, key) = match input {
        Input::Whole { bytes, name } => {
            let key = store::content_key(&bytes);
            let mut bytes = Some(bytes);
            // An EPUB: its first chapter (or the remembered one, or +N's) now, the rest on a
            // thread (app::book); `-F` needs the whole book to know whether it fits.
            let opening = (!whole_needed && !args.quit_if_one_screen)
                .then(|| {
                    let remembered = open_store(&mut state_warnings)
                        .get(&key)
                        .and_then(|s| s.offset);
                    let start = args.start.as_ref();
                    super::book::open(&mut bytes, &name, &opts, &key, remembered, start)
                })
                .flatten();
            match (opening, bytes) {
                (Some(o), _) => {
                    reading = Some(o.reading);
                    (input_base, input_per_text) = (o.input_base, o.input_per_text);
                    opened_at = o.opened_at;
                    book = Some(o.shown);
                    (o.doc, key)
                }
                (None, Some(bytes)) => (document::open_vec(bytes, &name, &opts)?, key),
                (None, None) => anyhow::bail!("{name}: could not open the book"),
            }
        }
        Input::Large(large) if whole_needed || !loader::can_show_prefix(&large, &opts) => {
            let done = loader::read_blocking(large, &opts).map_err(anyhow::Error::msg)?;
            warnings.extend(done.truncated);
            (done.doc, done.key)
        }
        Input::Large(large) => {
            let key = large.key.clone().unwrap_or_default();
            // The remembered place, by input offset: open a window there instead of the start.
            let remembered = (!key.is_empty())
                .then(|| open_store(&mut state_warnings).get(&key))
                .flatten()
                .and_then(|s| s.offset);
            let (prefix, input_bytes) = loader::prefix(&large, &opts)?;
            if !prefix.text.is_empty() {
                input_per_text = input_bytes as f64 / prefix.text.len() as f64;
            }
            let bom = large.chosen.bom_len as u64;
            (input_base, head_base) = (bom, bom);
            seeker = loader::can_seek(&large, &opts)
                .then(|| large.seeker(&opts))
                .flatten()
                .map(|s| s.with_head(input_bytes as u64));
            let window = remembered
                .zip(seeker.as_ref())
                .and_then(|(at, s)| s.window(at));
            let doc = match window {
                Some(w) => {
                    input_base = w.input.start;
                    opened_at = Some(w.at_text);
                    head = Some((prefix, input_per_text));
                    input_per_text = w.input_per_text();
                    w.doc
                }
                None => {
                    // A place inside the first region (saved by input offset only, when the
                    // reader quit before the file was read): its text offset, estimated.
                    opened_at = remembered
                        .filter(|&at| at > bom && at < input_bytes as u64)
                        .map(|at| ((at - bom) as f64 / input_per_text) as usize);
                    prefix
                }
            };
            reading = Some(loader::start(large, opts.clone()));
            (doc, key)
        }
    };
    // What a book skipped (missing or encrypted chapters), said once like config problems.
    warnings.extend(doc.source.notes.iter().cloned());
    let engine = script::engine(settings.engine)?;
    let source_script = if reading.is_some() {
        // A region of a large input: thousands of Han characters are plenty, and converting
        // all 64 KiB both ways took ~20 ms of the first screen under load.
        script::detect_script(&*engine, &detection_sample(&doc.text))
    } else {
        script::detect_script(&*engine, &doc.text)
    };
    let scripter = Scripter::new(engine, source_script);
    let present = PresentOptions {
        variant: settings.variant,
        typography: settings.typography(),
    };
    let mut wrap = WrapOptions::new(Cells(settings.width));
    wrap.hanging_punctuation = settings.hanging_punctuation;
    let ambiguous: Option<AmbiguousWidth> = settings.ambiguous.fixed();
    wrap.ambiguous = ambiguous.unwrap_or_default();
    Ok(Loaded {
        doc,
        scripter,
        present,
        wrap,
        detect_ambiguous: ambiguous.is_none(),
        key,
        settings,
        warnings,
        state_warnings,
        reading,
        input_per_text,
        input_base,
        opened_at,
        seeker,
        head,
        head_base,
        book,
    })
}

/// Bytes of a large input's first region that script detection reads: four pieces spread
/// over it.
const SCRIPT_SAMPLE_BYTES: usize = 16 << 10;

/// [`SCRIPT_SAMPLE_BYTES`] of `text` in four pieces spread evenly (cut at char boundaries),
/// joined by line feeds; all of `text` when it is short.
fn detection_sample(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= SCRIPT_SAMPLE_BYTES {
        return text.into();
    }
    let piece = SCRIPT_SAMPLE_BYTES / 4;
    let mut out = String::with_capacity(SCRIPT_SAMPLE_BYTES + 4);
    for i in 0..4 {
        let mut start = (text.len() - piece) * i / 3;
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let mut end = (start + piece).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(&text[start..end.max(start)]);
        out.push('\n');
    }
    out.into()
}

/// A file name as it may be shown: control characters (an escape sequence in a file name) and
/// bidi/format controls (an isolate or LRM that reorders the message) become `?`, so no name
/// can drive the terminal.
pub fn printable(name: &str) -> String {
    name.chars()
        .map(|c| {
            if crate::document::sanitize::is_neutralised(c) {
                '?'
            } else {
                c
            }
        })
        .collect()
}
