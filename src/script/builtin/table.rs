//! One compiled OpenCC dictionary table, embedded in the binary by `build.rs` (which documents
//! the format): longest-prefix lookup without any start-up work.
//!
//! The lookup is OpenCC's `PrefixMatch` / `DictGroup::MatchPrefix` on one union of dictionary
//! files: the longest key that is a prefix of the text. The first character selects a bucket
//! through a hash table; within the bucket (sorted by key bytes) the longest prefix key is found
//! by binary search: the greatest key `k ≤ q` is the answer when it is a prefix of `q`, otherwise
//! the answer is no longer than the common prefix of `k` and `q`, which becomes the new `q`.

/// A compiled table: the bytes `build.rs` wrote.
pub struct Table {
    bytes: &'static [u8],
    n_slots: usize,
    bits: u32,
    entries_at: usize,
    blob_at: usize,
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b)
}

impl Table {
    /// Reads the header of a table's bytes. Panics only on a table `build.rs` did not write.
    pub const fn new(bytes: &'static [u8]) -> Table {
        let n_entries = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
        let n_slots = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        let entries_at = 8 + n_slots * 12;
        Table {
            bytes,
            n_slots,
            bits: n_slots.trailing_zeros(),
            entries_at,
            blob_at: entries_at + n_entries * 16,
        }
    }

    /// The range of entries whose key starts with `c`.
    fn bucket(&self, c: char) -> Option<(usize, usize)> {
        let c = c as u32;
        let mut i = (c.wrapping_mul(0x9E37_79B1) >> (32 - self.bits)) as usize;
        loop {
            let at = 8 + i * 12;
            let first = u32_at(self.bytes, at);
            if first == c {
                let start = u32_at(self.bytes, at + 4) as usize;
                let end = u32_at(self.bytes, at + 8) as usize;
                return Some((start, end));
            }
            if first == u32::MAX {
                return None;
            }
            i = (i + 1) & (self.n_slots - 1);
        }
    }

    fn bytes_at(&self, at: usize) -> &'static [u8] {
        let off = self.blob_at + u32_at(self.bytes, at) as usize;
        let len = u32_at(self.bytes, at + 4) as usize;
        &self.bytes[off..off + len]
    }

    /// A key's bytes (compared as bytes, so not checked as UTF-8 on every probe).
    fn key(&self, entry: usize) -> &'static [u8] {
        self.bytes_at(self.entries_at + entry * 16)
    }

    /// A value. build.rs writes whole UTF-8 strings; a table that is not is a build bug, and
    /// then the value is empty rather than a panic.
    fn value(&self, entry: usize) -> &'static str {
        std::str::from_utf8(self.bytes_at(self.entries_at + entry * 16 + 8)).unwrap_or("")
    }

    /// Whether some key starts with `c`.
    pub fn starts_with_char(&self, c: char) -> bool {
        self.bucket(c).is_some()
    }

    /// The longest key that is a prefix of `text`: its length in bytes and its value.
    pub fn longest_prefix(&self, text: &str) -> Option<(usize, &'static str)> {
        let first = text.chars().next()?;
        let (start, end) = self.bucket(first)?;
        let mut q = text;
        loop {
            // The number of keys ≤ q: the greatest such key is the candidate.
            let (mut lo, mut hi) = (start, end);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if self.key(mid) <= q.as_bytes() {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if lo == start {
                return None;
            }
            let key = self.key(lo - 1);
            if q.as_bytes().starts_with(key) {
                return Some((key.len(), self.value(lo - 1)));
            }
            let mut common = key
                .iter()
                .zip(q.as_bytes())
                .take_while(|(a, b)| a == b)
                .count();
            while !q.is_char_boundary(common) {
                common -= 1;
            }
            if common == 0 || common >= q.len() {
                return None;
            }
            q = &q[..common];
        }
    }

    /// The number of entries.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        (self.blob_at - self.entries_at) / 16
    }

    /// Whether the table has no entries.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
