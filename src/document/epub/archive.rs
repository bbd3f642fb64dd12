//! Reading entries from the EPUB's zip with limits: an entry is read only up to the size its
//! header declares, all entries together at most [`MAX_TOTAL_BYTES`], and an entry that
//! would inflate more than [`MAX_RATIO`] times past [`RATIO_FLOOR_BYTES`] is refused — a zip
//! bomb gives an error, never an exhausted machine. Names are matched exactly, then ignoring
//! ASCII case (books made on Windows disagree with their own manifests).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

/// All entries read from one book together.
pub const MAX_TOTAL_BYTES: u64 = 1 << 30;
/// Largest inflation ratio accepted for an entry bigger than [`RATIO_FLOOR_BYTES`].
pub const MAX_RATIO: u64 = 200;
/// Entries up to this size are not checked for their ratio.
pub const RATIO_FLOOR_BYTES: u64 = 4 << 20;

/// Why an entry could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryError {
    Missing,
    /// Past a limit: "inflates 1000 times", "more than 1 GB in all".
    Bomb(String),
    Encrypted,
    Corrupt(String),
}

/// An open book archive.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased name → the name as stored.
    folded: HashMap<String, String>,
    read_bytes: u64,
}

impl<'a> Archive<'a> {
    /// Opens the zip in `bytes`; the error is zip's own description.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, String> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let folded = zip
            .file_names()
            .flatten()
            .map(|n| (n.to_lowercase(), n.to_string()))
            .collect();
        Ok(Archive {
            zip,
            folded,
            read_bytes: 0,
        })
    }

    /// True when the archive has an entry named `name` (or one differing only in case).
    pub fn contains(&self, name: &str) -> bool {
        self.stored_name(name).is_some()
    }

    fn stored_name(&self, name: &str) -> Option<String> {
        if self.zip.index_for_name(name).is_some() {
            return Some(name.to_string());
        }
        self.folded.get(&name.to_lowercase()).cloned()
    }

    /// The bytes of entry `name`, within the limits.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, EntryError> {
        let stored = self.stored_name(name).ok_or(EntryError::Missing)?;
        let mut f = match self.zip.by_name(&stored) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Err(EntryError::Missing),
            Err(e) => return Err(EntryError::Corrupt(e.to_string())),
        };
        if f.encrypted() {
            return Err(EntryError::Encrypted);
        }
        let size = f.size();
        let packed = f.compressed_size().max(1);
        if size > RATIO_FLOOR_BYTES && size / packed > MAX_RATIO {
            return Err(EntryError::Bomb(format!(
                "{stored} would inflate {} times, to {} MB",
                size / packed,
                size >> 20
            )));
        }
        if self.read_bytes + size > MAX_TOTAL_BYTES {
            return Err(EntryError::Bomb(format!(
                "its entries inflate to more than {} MB",
                MAX_TOTAL_BYTES >> 20
            )));
        }
        let mut out = Vec::with_capacity(size.min(64 << 20) as usize);
        // One byte more than declared: a header that lies about the size is caught.
        let got = (&mut f)
            .take(size + 1)
            .read_to_end(&mut out)
            .map_err(|e| EntryError::Corrupt(format!("{stored}: {e}")))?;
        if got as u64 > size {
            return Err(EntryError::Bomb(format!(
                "{stored} inflates past its declared size"
            )));
        }
        self.read_bytes += got as u64;
        Ok(out)
    }
}

impl Archive<'_> {
    /// The declared (inflated) size of entry `name`, without reading it.
    pub fn size(&mut self, name: &str) -> Option<u64> {
        let stored = self.stored_name(name)?;
        self.zip.by_name(&stored).ok().map(|f| f.size())
    }

    /// The first entry whose name ends with `suffix` (ASCII case ignored).
    pub fn first_with_suffix(&self, suffix: &str) -> Option<String> {
        let mut names: Vec<&String> = self.folded.keys().filter(|n| n.ends_with(suffix)).collect();
        names.sort();
        names.first().and_then(|n| self.folded.get(*n)).cloned()
    }
}
