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
//! A file that does not parse is moved aside to `state.json.bak`, reported once as a warning,
//! and replaced by a fresh file.

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
    /// How the document was shown, restored when it opens again.
    #[serde(default, skip_serializing_if = "ShownAs::is_empty")]
    pub shown: ShownAs,
    /// The document's last file name, for listings.
    #[serde(default)]
    pub name: String,
    /// When the entry was last written (Unix seconds); set by [`StateStore::put`].
    #[serde(default)]
    pub updated_unix: u64,
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
}

impl ShownAs {
    /// Nothing remembered.
    pub fn is_empty(&self) -> bool {
        self.variant.is_none()
    }

    /// The remembered variant, if it is one this version knows.
    pub fn variant(&self) -> Option<crate::script::Variant> {
        self.variant
            .as_deref()
            .and_then(crate::script::Variant::parse)
    }
}

/// The on-disk layout of `state.json`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    version: u32,
    files: BTreeMap<String, FileState>,
}

/// The document states, loaded from and written to `state.json`.
#[derive(Debug)]
pub struct StateStore {
    dir: PathBuf,
    files: BTreeMap<String, FileState>,
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
        Ok(bytes) => match serde_json::from_slice::<StateFile>(&bytes) {
            Ok(f) => Read::Ok(f),
            Err(e) => Read::Corrupt(e.to_string()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Read::Missing,
        Err(e) => Read::Unreadable(e),
    }
}

impl StateStore {
    /// Opens the store in [`super::state_dir`]. Returns the store and warnings for the user
    /// (a corrupt file moved aside, an unreadable directory). Never fails: without a usable
    /// directory the store still works in memory and [`StateStore::put`] reports the error.
    pub fn open() -> (StateStore, Vec<String>) {
        match super::state_dir() {
            Some(dir) => StateStore::open_at(&dir),
            None => (
                StateStore {
                    dir: PathBuf::new(),
                    files: BTreeMap::new(),
                },
                vec!["state: no home directory found; positions will not be remembered".into()],
            ),
        }
    }

    /// Opens the store whose file is `dir/state.json` (the directory is created if needed).
    pub fn open_at(dir: &Path) -> (StateStore, Vec<String>) {
        let mut warnings = Vec::new();
        let mut store = StateStore {
            dir: dir.to_path_buf(),
            files: BTreeMap::new(),
        };
        let path = store.path();
        match read_file(&path) {
            Read::Ok(f) => store.files = f.files,
            Read::Missing => {}
            Read::Unreadable(e) => warnings.push(format!(
                "state {}: cannot read it ({e}); positions start afresh",
                path.display()
            )),
            Read::Corrupt(e) => {
                let bak = dir.join(format!("{STATE_FILE}.bak"));
                let moved = std::fs::rename(&path, &bak);
                let rewritten = store.write(&BTreeMap::new());
                warnings.push(match (moved, rewritten) {
                    (Ok(()), Ok(())) => format!(
                        "state {}: damaged ({e}); moved it to {} and started a new one",
                        path.display(),
                        bak.display()
                    ),
                    (Err(m), _) => format!(
                        "state {}: damaged ({e}) and could not be moved aside ({m})",
                        path.display()
                    ),
                    (Ok(()), Err(w)) => format!(
                        "state {}: damaged ({e}); moved it to {} but could not write a new one ({w:#})",
                        path.display(),
                        bak.display()
                    ),
                });
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
        let _lock = self.lock()?;
        let mut files = self.reread();
        files.insert(key.to_string(), state);
        prune(&mut files, key);
        self.write(&files)?;
        self.files = files;
        Ok(())
    }

    /// Forgets the document `key` (`yuedu --reset`). Returns whether it was remembered.
    pub fn forget(&mut self, key: &str) -> anyhow::Result<bool> {
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

    /// The file's current entries, falling back to ours when it cannot be read.
    fn reread(&self) -> BTreeMap<String, FileState> {
        match read_file(&self.path()) {
            Read::Ok(f) => f.files,
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
        let body = serde_json::to_vec_pretty(&StateFileRef { version: 1, files })
            .context("cannot serialise the state")?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".state.")
            .suffix(".tmp")
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
        tmp.write_all(&body)
            .and_then(|()| tmp.as_file().sync_all())
            .with_context(|| format!("cannot write {}", tmp.path().display()))?;
        let path = self.path();
        tmp.persist(&path)
            .with_context(|| format!("cannot replace {}", path.display()))?;
        // Make the rename itself durable. Directories cannot be opened for sync everywhere
        // (Windows), so a failure here is not an error.
        if let Ok(d) = std::fs::File::open(dir) {
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
    version: u32,
    files: &'a BTreeMap<String, FileState>,
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
