//! Per-document state (last reading position, bookmarks) in one JSON file, `state.json`.
//!
//! One file for all documents rather than one per document: it is small (at most
//! [`MAX_FILES`] entries, roughly 200 bytes each), it is read once at start-up, and bounding
//! it is a matter of dropping the oldest entries, with no directory of stale files to sweep.
//!
//! Two yuedu instances may write at the same time. Every write takes an advisory lock
//! (`flock(2)` through [`std::fs::File::lock`]) on the lock file `state.json.lock` beside the
//! state file, re-reads the file, changes only its own document's entry, and replaces the
//! file atomically (a temp file in the same directory, fsync, rename over `state.json`, fsync
//! of the directory), then lets the lock go. So the file is always complete, valid JSON, and
//! no instance's update is lost however the writes interleave: the read-modify-write is one
//! critical section. (The lock is a separate file because `state.json` itself is replaced by
//! each write; a lock on the replaced file would guard nothing.) On a file system without
//! `flock` the write goes ahead unlocked.
//!
//! Damage is contained and never silent. An entry that does not parse (a negative block, a
//! bookmark that is not one character…) is dropped alone and reported by name; a file that is
//! not JSON at all, or not the shape above, is replaced by a fresh one. Either way the file as
//! it was is first kept as a timestamped backup, `state.json.bak-20261204T142400Z` (a `-2`…
//! suffix if that exists; the [`MAX_BACKUPS`] newest are kept), and the warning names it in
//! full. Fields this version does not know — in the file or in an entry — are kept as they
//! are when the file is rewritten. A file from a newer yuedu (`version` above [`VERSION`]) is
//! read as far as it can be but never rewritten: saving reports that instead.
//!
//! `state.json` may be a symbolic link (a dotfiles repository): the write goes through it, to
//! the file it points to. Temporary files left by a writer that was killed (`kill -9` between
//! creating and renaming its `.state.*.tmp`) are removed the next time a store opens.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The most documents remembered; the least recently updated are dropped beyond it.
pub const MAX_FILES: usize = 500;

/// The state file's name inside the state directory.
pub const STATE_FILE: &str = "state.json";

/// The newest version of the file's layout this yuedu reads and writes.
pub const VERSION: u64 = 1;

/// How many backups of a damaged state file are kept (the newest).
pub const MAX_BACKUPS: usize = 10;

/// The lock file's name inside the state directory (see the module docs).
pub const LOCK_FILE: &str = "state.json.lock";

/// How long a write waits for another instance's lock before giving up. A write holds it for
/// milliseconds; only a hung process holds it longer.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Files up to this size are hashed whole by [`content_key`]; larger ones are sampled.
const WHOLE_HASH_LIMIT: usize = 3 * SAMPLE;
/// The size of each sampled chunk of a large file.
const SAMPLE: usize = 1 << 20;

/// A key identifying a document by its content, so a moved or renamed file still resumes.
///
/// The key is 32 hex digits (128 bits) of SHA-256. Files up to 3 MiB are hashed whole, with
/// their length. Larger files are sampled: the length plus the first, middle and last 1 MiB,
/// so a 100 MB novel costs about 10 ms instead of about 300 ms at start-up. The trade-off: an
/// edit of a large file that changes neither its length nor the three sampled chunks keeps
/// the old key, so the old position is offered (the app clamps positions to the document, so
/// this is harmless).
pub fn content_key(bytes: &[u8]) -> String {
    let parts: Vec<&[u8]> = content_key_ranges(bytes.len())
        .into_iter()
        .map(|r| &bytes[r])
        .collect();
    content_key_of(bytes.len(), &parts)
}

/// The byte ranges of a `len`-byte input that [`content_key`] hashes (all of it, or the
/// first, middle and last MiB), so a large file's key is made from those ranges alone.
pub fn content_key_ranges(len: usize) -> Vec<std::ops::Range<usize>> {
    if len <= WHOLE_HASH_LIMIT {
        std::iter::once(0..len).collect()
    } else {
        let mid = len / 2 - SAMPLE / 2;
        vec![0..SAMPLE, mid..mid + SAMPLE, len - SAMPLE..len]
    }
}

/// [`content_key`] from the bytes of [`content_key_ranges`]`(len)`, in order.
pub fn content_key_of(len: usize, parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    h.update((len as u64).to_le_bytes());
    for p in parts {
        h.update(p);
    }
    let digest = h.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// A place in a document: block index and byte offset into that block's SOURCE text (before
/// any display transform), so it survives width, variant and typography changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SavedPosition {
    /// Index into `Document::blocks`.
    pub block: usize,
    /// Byte offset into the block's source text.
    pub byte: usize,
}

/// What is remembered about one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    /// Where the reader left off.
    #[serde(default)]
    pub position: Option<SavedPosition>,
    /// Bookmarks by their mark character (`m a` … `' a`).
    #[serde(default)]
    pub bookmarks: BTreeMap<char, SavedPosition>,
    /// The place as a byte offset into the raw input (a large file's, with `position` to
    /// validate it), so that the file reopens there before it is read whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// Bookmarks by byte offset into the raw input, like `offset`: those of a large file set
    /// while it was still being read (not known by block then), and the others too, so that
    /// they are found before the file is read whole. A bookmark in `bookmarks` is placed by
    /// block once the document is whole; one only here, by this offset.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bookmark_offsets: BTreeMap<char, u64>,
    /// How the document was shown, restored when it opens again.
    #[serde(default, skip_serializing_if = "ShownAs::is_empty")]
    pub shown: ShownAs,
    /// The document's last file name, for listings.
    #[serde(default)]
    pub name: String,
    /// When the entry was last written (Unix seconds); set by [`StateStore::put`].
    #[serde(default)]
    pub updated_unix: u64,
    /// Fields this version does not know (written by a newer yuedu), kept as they were.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// How a document was last shown: restored when it opens again, a command-line flag
/// overriding it (`--variant`). Never used by `--dump` or `--toc`. Each value is kept as the
/// word the config file and the flag use (`"simplified"`), so a value this version does not
/// know (written by a newer yuedu) is ignored rather than making the file unreadable. Reflow
/// (`L`), vertical (`V`) and ruby (`r`) join the variant here as further optional fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownAs {
    /// The script variant (`original`, `simplified`, `traditional`, `taiwan`, `hongkong`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// Plain text as reflowed paragraphs or source lines (`auto`, `on`, `off`; the `L` key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflow: Option<String>,
}

impl ShownAs {
    /// Nothing remembered.
    pub fn is_empty(&self) -> bool {
        self.variant.is_none() && self.reflow.is_none()
    }

    /// The remembered reflow mode, if it is one this version knows.
    pub fn reflow(&self) -> Option<crate::document::reflow::Reflow> {
        self.reflow.as_deref().and_then(|r| r.parse().ok())
    }

    /// The remembered variant, if it is one this version knows.
    pub fn variant(&self) -> Option<crate::script::Variant> {
        self.variant
            .as_deref()
            .and_then(crate::script::Variant::parse)
    }
}

/// `state.json` as read: `{"version": 1, "files": {KEY: ENTRY, …}, …}`.
#[derive(Debug, Default)]
struct StateFile {
    /// The file's `version`.
    version: u64,
    files: BTreeMap<String, FileState>,
    /// Top-level fields other than `version` and `files`, kept on rewrite.
    extra: serde_json::Map<String, serde_json::Value>,
    /// Entries that did not parse: a description (the name if it can be read, else the key)
    /// and why, for the warning.
    damaged: Vec<String>,
}

/// The document states, loaded from and written to `state.json`.
#[derive(Debug)]
pub struct StateStore {
    dir: PathBuf,
    files: BTreeMap<String, FileState>,
    /// Top-level fields this version does not know, kept on rewrite.
    extra: serde_json::Map<String, serde_json::Value>,
    /// The file's version when it is newer than [`VERSION`]: then it is never rewritten.
    newer: Option<u64>,
}

/// Seconds since the Unix epoch (0 if the clock is before it).
fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// What reading the file found.
enum Read {
    Ok(StateFile),
    Missing,
    Corrupt(String),
    Unreadable(std::io::Error),
}

fn read_file(path: &Path) -> Read {
    match std::fs::read(path) {
        Ok(bytes) => match parse(&bytes) {
            Ok(f) => Read::Ok(f),
            Err(e) => Read::Corrupt(e),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Read::Missing,
        Err(e) => Read::Unreadable(e),
    }
}

/// Parses a state file's bytes as [`StateStore::open_at`] does: the entries that parse, and a
/// description of each damaged one; `Err` says why the whole file is damaged. (For tests and
/// the fuzz target; nothing is written.)
pub fn parse_entries(bytes: &[u8]) -> Result<(BTreeMap<String, FileState>, Vec<String>), String> {
    parse(bytes).map(|f| (f.files, f.damaged))
}

/// Parses the file entry by entry: the shape (an object with a numeric `version` and an object
/// `files`) must hold, else the whole file is damaged (`Err`); each entry that does not parse
/// is left out and described in [`StateFile::damaged`].
fn parse(bytes: &[u8]) -> Result<StateFile, String> {
    use serde_json::Value;
    let value: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let Value::Object(mut top) = value else {
        return Err("not a JSON object".into());
    };
    let version = match top.remove("version") {
        Some(v) => v.as_u64().ok_or("'version' is not a whole number")?,
        None => return Err("no 'version'".into()),
    };
    let Some(Value::Object(entries)) = top.remove("files") else {
        return Err("no 'files' object".into());
    };
    let mut file = StateFile {
        version,
        extra: top,
        ..StateFile::default()
    };
    for (key, entry) in entries {
        let name = entry
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string);
        match serde_json::from_value::<FileState>(entry) {
            Ok(state) => {
                file.files.insert(key, state);
            }
            Err(e) => file.damaged.push(match name {
                Some(n) if !n.is_empty() => format!("“{}” ({e})", printable(&n)),
                _ => format!("key {} ({e})", printable(&key)),
            }),
        }
    }
    Ok(file)
}

/// `s` with control and bidi characters replaced by `?`, for a warning on the terminal.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if crate::document::sanitize::is_neutralised(c) {
                '?'
            } else {
                c
            }
        })
        .collect()
}

impl StateStore {
    /// Opens the store in [`super::state_dir`]. Returns the store and warnings for the user
    /// (a corrupt file moved aside, an unreadable directory). Never fails: without a usable
    /// directory the store still works in memory and [`StateStore::put`] reports the error.
    pub fn open() -> (StateStore, Vec<String>) {
        match super::state_dir() {
            Some(dir) => StateStore::open_at(&dir),
            None => (
                StateStore::in_memory(PathBuf::new()),
                vec!["state: no home directory found; positions will not be remembered".into()],
            ),
        }
    }

    fn in_memory(dir: PathBuf) -> StateStore {
        StateStore {
            dir,
            files: BTreeMap::new(),
            extra: serde_json::Map::new(),
            newer: None,
        }
    }

    /// Opens the store whose file is `dir/state.json` (the directory is created if needed).
    pub fn open_at(dir: &Path) -> (StateStore, Vec<String>) {
        let mut warnings = Vec::new();
        let mut store = StateStore::in_memory(dir.to_path_buf());
        let path = store.path();
        remove_orphans(dir);
        match read_file(&path) {
            Read::Ok(f) if f.version > VERSION => {
                warnings.push(format!(
                    "state {}: written by a newer yuedu (version {}); places are read from it \
                     but not saved, so it is not changed",
                    path.display(),
                    f.version
                ));
                store.newer = Some(f.version);
                store.files = f.files;
                store.extra = f.extra;
            }
            Read::Ok(f) if !f.damaged.is_empty() => {
                store.files = f.files;
                store.extra = f.extra;
                // Drop the damaged entries from the file too, after keeping it as it was.
                let kept = store.lock().and_then(|_lock| {
                    let bak = backup(&path, false)?;
                    let files = store.reread();
                    store.write(&files)?;
                    store.files = files;
                    Ok(bak)
                });
                let what = f.damaged.join("; ");
                let n = f.damaged.len();
                warnings.push(match kept {
                    Ok(bak) => format!(
                        "state {}: {n} damaged entr{} dropped: {what}; the file as it was is kept \
                         as {}",
                        path.display(),
                        if n == 1 { "y" } else { "ies" },
                        bak.display()
                    ),
                    Err(e) => format!(
                        "state {}: {n} damaged entr{} left out: {what} (could not back it up: \
                         {e:#})",
                        path.display(),
                        if n == 1 { "y" } else { "ies" },
                    ),
                });
            }
            Read::Ok(f) => {
                store.files = f.files;
                store.extra = f.extra;
            }
            Read::Missing => {}
            Read::Unreadable(e) => warnings.push(format!(
                "state {}: cannot read it ({e}); positions start afresh",
                path.display()
            )),
            Read::Corrupt(e) => {
                let moved = store.lock().and_then(|_lock| {
                    // Another instance may have replaced it meanwhile: look again.
                    if let Read::Ok(f) = read_file(&path) {
                        store.files = f.files;
                        store.extra = f.extra;
                        return Ok(None);
                    }
                    let bak = backup(&path, true)?;
                    store.write(&BTreeMap::new())?;
                    Ok(Some(bak))
                });
                match moved {
                    Ok(None) => {}
                    Ok(Some(bak)) => warnings.push(format!(
                        "state {}: damaged ({e}); kept it as {} and started a new one",
                        path.display(),
                        bak.display()
                    )),
                    Err(m) => warnings.push(format!(
                        "state {}: damaged ({e}) and could not be replaced ({m:#})",
                        path.display()
                    )),
                }
            }
        }
        (store, warnings)
    }

    /// The path of the state file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// The remembered state of the document with content key `key` (see [`content_key`]).
    pub fn get(&self, key: &str) -> Option<FileState> {
        self.files.get(key).cloned()
    }

    /// All remembered documents, most recently updated first.
    pub fn recent(&self) -> Vec<(String, FileState)> {
        let mut v: Vec<_> = self
            .files
            .iter()
            .map(|(k, s)| (k.clone(), s.clone()))
            .collect();
        v.sort_by(|a, b| b.1.updated_unix.cmp(&a.1.updated_unix).then(a.0.cmp(&b.0)));
        v
    }

    /// Stores `state` for `key`, stamping `updated_unix` with the current time, and writes the
    /// file: re-reads it (keeping other instances' entries), replaces this entry, keeps the
    /// [`MAX_FILES`] most recent, and writes atomically.
    pub fn put(&mut self, key: &str, mut state: FileState) -> anyhow::Result<()> {
        state.updated_unix = now_unix();
        self.writable()?;
        let _lock = self.lock()?;
        let mut files = self.reread();
        // Fields a newer yuedu wrote into this entry stay.
        if let Some(old) = files.get(key) {
            for (k, v) in &old.extra {
                state.extra.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        files.insert(key.to_string(), state);
        prune(&mut files, key);
        self.write(&files)?;
        self.files = files;
        Ok(())
    }

    /// Forgets the document `key` (`yuedu --reset`). Returns whether it was remembered.
    pub fn forget(&mut self, key: &str) -> anyhow::Result<bool> {
        self.writable()?;
        let _lock = self.lock()?;
        let mut files = self.reread();
        let was = files.remove(key).is_some() | self.files.contains_key(key);
        self.write(&files)?;
        self.files = files;
        Ok(was)
    }

    /// Takes the store's lock (see the module docs), waiting up to [`LOCK_WAIT`] for another
    /// instance to finish its write. Released when the returned guard is dropped.
    fn lock(&self) -> anyhow::Result<StateLock> {
        let dir = &self.dir;
        anyhow::ensure!(!dir.as_os_str().is_empty(), "no state directory");
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the state directory {}", dir.display()))?;
        let path = dir.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(StateLock { _file: Some(file) }),
                Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
                    "another yuedu has held {} for {} s; not saving",
                    path.display(),
                    LOCK_WAIT.as_secs()
                ),
                // No flock on this file system: write unlocked, as before locks.
                Err(std::fs::TryLockError::Error(_)) => return Ok(StateLock { _file: None }),
            }
        }
    }

    /// An error when the file must not be written (it is from a newer yuedu).
    fn writable(&self) -> anyhow::Result<()> {
        match self.newer {
            Some(v) => anyhow::bail!(
                "{} was written by a newer yuedu (version {v}, this one knows {VERSION}); not \
                 changing it",
                self.path().display()
            ),
            None => Ok(()),
        }
    }

    /// The file's current entries (and unknown top-level fields, into `self.extra`), falling
    /// back to ours when it cannot be read.
    fn reread(&mut self) -> BTreeMap<String, FileState> {
        match read_file(&self.path()) {
            Read::Ok(f) => {
                self.extra = f.extra;
                f.files
            }
            Read::Missing => BTreeMap::new(),
            Read::Corrupt(_) | Read::Unreadable(_) => self.files.clone(),
        }
    }

    /// Replaces the file with `files` atomically.
    fn write(&self, files: &BTreeMap<String, FileState>) -> anyhow::Result<()> {
        let dir = &self.dir;
        anyhow::ensure!(!dir.as_os_str().is_empty(), "no state directory");
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the state directory {}", dir.display()))?;
        let body = serde_json::to_vec_pretty(&StateFileRef {
            version: VERSION,
            files,
            extra: &self.extra,
        })
        .context("cannot serialise the state")?;
        // Through a symbolic link, to the file it points to (in its own directory, so the
        // rename stays within one file system).
        let path = resolve_link(&self.path());
        let target_dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => dir.clone(),
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(".state.")
            .suffix(".tmp")
            .tempfile_in(&target_dir)
            .with_context(|| {
                format!("cannot create a temporary file in {}", target_dir.display())
            })?;
        tmp.write_all(&body)
            .and_then(|()| tmp.as_file().sync_all())
            .with_context(|| format!("cannot write {}", tmp.path().display()))?;
        tmp.persist(&path)
            .with_context(|| format!("cannot replace {}", path.display()))?;
        // Make the rename itself durable. Directories cannot be opened for sync everywhere
        // (Windows), so a failure here is not an error.
        if let Ok(d) = std::fs::File::open(&target_dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// Holds the store's lock while alive (the lock goes with the file descriptor).
struct StateLock {
    _file: Option<std::fs::File>,
}

/// [`StateFile`] borrowed, for writing without a copy.
#[derive(Serialize)]
struct StateFileRef<'a> {
    version: u64,
    files: &'a BTreeMap<String, FileState>,
    #[serde(flatten)]
    extra: &'a serde_json::Map<String, serde_json::Value>,
}

/// `path`, or the file it points to when it is a symbolic link (followed through chains; a
/// relative target is taken from the link's directory). A dangling link gives its target.
fn resolve_link(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..16 {
        match std::fs::read_link(&p) {
            Ok(target) => {
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                }
            }
            Err(_) => break,
        }
    }
    p
}

/// Keeps the state file at `path` as `state.json.bak-YYYYMMDDTHHMMSSZ` (`-2`, `-3`… when that
/// exists): renamed when `moved` (it is about to be replaced), else copied. Old backups beyond
/// [`MAX_BACKUPS`] are removed. Returns the backup's path.
fn backup(path: &Path, moved: bool) -> anyhow::Result<PathBuf> {
    let source = resolve_link(path);
    let dir = path.parent().unwrap_or(Path::new("."));
    let stem = format!("{STATE_FILE}.bak-{}", utc_stamp(now_unix()));
    let mut bak = dir.join(&stem);
    let mut n = 2;
    while bak.exists() {
        bak = dir.join(format!("{stem}-{n}"));
        n += 1;
    }
    if moved && source == path {
        std::fs::rename(path, &bak)
    } else {
        std::fs::copy(&source, &bak).map(|_| ())
    }
    .with_context(|| format!("cannot keep {} as {}", path.display(), bak.display()))?;
    let prefix = format!("{STATE_FILE}.bak-");
    let mut backups: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(&prefix))
                .collect()
        })
        .unwrap_or_default();
    // The stamp sorts by time; `-N` sorts after the stamp it extends.
    backups.sort_by_key(|n| backup_order(n));
    let excess = backups.len().saturating_sub(MAX_BACKUPS);
    for old in &backups[..excess] {
        let _ = std::fs::remove_file(dir.join(old));
    }
    Ok(bak)
}

/// Sort key of a backup name: its stamp, then its `-N` number (none = 1).
fn backup_order(name: &str) -> (String, u64) {
    let rest = name.rsplit_once(".bak-").map_or(name, |(_, r)| r);
    match rest.split_once('-') {
        Some((stamp, n)) => (stamp.to_string(), n.parse().unwrap_or(u64::MAX)),
        None => (rest.to_string(), 1),
    }
}

/// Unix seconds as a UTC stamp `YYYYMMDDTHHMMSSZ` (the civil date from days since the epoch,
/// after Howard Hinnant's `civil_from_days`).
fn utc_stamp(unix: u64) -> String {
    let days = (unix / 86_400) as i64;
    let secs = unix % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Removes `.state.*.tmp` files a killed writer left in `dir`. Only under the store's lock:
/// a live writer holds it for as long as its temporary file exists, so any seen then is an
/// orphan. Without the lock (another instance is writing) nothing is removed this time.
fn remove_orphans(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let orphans: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(".state.") && n.ends_with(".tmp")
        })
        .map(|e| e.path())
        .collect();
    if orphans.is_empty() {
        return;
    }
    let Ok(lock) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK_FILE))
    else {
        return;
    };
    if lock.try_lock().is_ok() {
        for o in orphans {
            let _ = std::fs::remove_file(o);
        }
    }
}

/// Drops the least recently updated entries beyond [`MAX_FILES`], never `keep` (the entry just
/// written, which may share its second with others).
fn prune(files: &mut BTreeMap<String, FileState>, keep: &str) {
    if files.len() <= MAX_FILES {
        return;
    }
    let mut by_age: Vec<(u64, String)> = files
        .iter()
        .filter(|(k, _)| k.as_str() != keep)
        .map(|(k, s)| (s.updated_unix, k.clone()))
        .collect();
    by_age.sort();
    let excess = files.len() - MAX_FILES;
    for (_, k) in by_age.into_iter().take(excess) {
        files.remove(&k);
    }
}
