//! Compiles OpenCC 1.4.2's text dictionaries (`data/opencc/*.txt`) into lookup tables that the
//! binary embeds (`include_bytes!` in `src/script/builtin/table.rs`), so the built-in engine
//! needs no data files and no parsing at start-up.
//!
//! Each table is the *union* of one or more dictionary files in OpenCC's sense
//! (`DictGroup` with `match_policy: union`, `src/PrefixMatch.cpp` `LeafMatcher`): a key takes
//! the value of the first file that has it, and the value is the entry's first candidate
//! (`DictEntry::GetDefault`). Lines starting with `#` and empty lines are skipped
//! (`src/Lexicon.cpp`).
//!
//! Format (all integers u32 little-endian): a header `n_entries, n_slots`; `n_slots` slots of
//! `(first char, first entry, end entry)` forming an open-addressing hash table on the key's
//! first character (empty slot: first char `u32::MAX`; hash `c * 0x9E3779B1 >> (32 - log2
//! n_slots)`, linear probing); `n_entries` entries of `(key offset, key length, value offset,
//! value length)` into the string blob that follows, sorted by key bytes within each
//! first-character bucket.

use std::collections::BTreeMap;
use std::path::Path;

/// The tables: a name, then the files united into it, in priority order.
const TABLES: &[(&str, &[&str])] = &[
    ("cjk_compat", &["CJK_Compatibility_Ideographs"]),
    (
        "st_phrases",
        &["STPhrases", "STPhrases_GeneratedFromRegionalPhrases"],
    ),
    ("st_characters", &["STCharacters"]),
    ("ts_phrases", &["TSPhrases"]),
    ("ts_characters_ext", &["TSCharactersExt"]),
    ("ts_characters", &["TSCharacters"]),
    ("tw_phrases", &["TWPhrases"]),
    ("tw_phrases_rev", &["TWPhrasesRev"]),
    ("tw_variants", &["TWVariants"]),
    ("tw_variants_phrases", &["TWVariantsPhrases"]),
    ("tw_variants_rev", &["TWVariantsRev"]),
    ("tw_variants_rev_phrases", &["TWVariantsRevPhrases"]),
    ("hk_variants", &["HKVariants"]),
    ("hk_variants_phrases", &["HKVariantsPhrases"]),
    ("hk_variants_rev", &["HKVariantsRev"]),
    ("hk_variants_rev_phrases", &["HKVariantsRevPhrases"]),
];

fn hash(c: u32, bits: u32) -> usize {
    (c.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/opencc");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    println!("cargo::rerun-if-changed=build.rs");
    for (name, files) in TABLES {
        // Keys in byte order; the first file that has a key gives its value.
        let mut entries: BTreeMap<String, String> = BTreeMap::new();
        for file in *files {
            let path = data.join(format!("{file}.txt"));
            println!("cargo::rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            for line in text.lines() {
                let line = line.strip_suffix('\r').unwrap_or(line);
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let (key, values) = line
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("{file}: no tab in {line:?}"));
                let value = values.split(' ').next().unwrap_or_default();
                assert!(!key.is_empty(), "{file}: empty key in {line:?}");
                entries
                    .entry(key.to_string())
                    .or_insert_with(|| value.to_string());
            }
        }
        // Buckets by first character; BTreeMap order keeps each bucket sorted by key bytes.
        let mut buckets: BTreeMap<u32, Vec<(&String, &String)>> = BTreeMap::new();
        for (k, v) in &entries {
            let first = k.chars().next().expect("non-empty key") as u32;
            buckets.entry(first).or_default().push((k, v));
        }
        let bits = (buckets.len() * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let n_slots = 1usize << bits;
        let mut slots = vec![(u32::MAX, 0u32, 0u32); n_slots];
        let mut table: Vec<u32> = Vec::new();
        let mut blob: Vec<u8> = Vec::new();
        for (first, bucket) in &buckets {
            let start = (table.len() / 4) as u32;
            for (k, v) in bucket {
                table.extend([blob.len() as u32, k.len() as u32]);
                blob.extend_from_slice(k.as_bytes());
                table.extend([blob.len() as u32, v.len() as u32]);
                blob.extend_from_slice(v.as_bytes());
            }
            let end = (table.len() / 4) as u32;
            let mut i = hash(*first, bits);
            while slots[i].0 != u32::MAX {
                i = (i + 1) & (n_slots - 1);
            }
            slots[i] = (*first, start, end);
        }
        let mut bytes = Vec::with_capacity(8 + n_slots * 12 + table.len() * 4 + blob.len());
        bytes.extend((entries.len() as u32).to_le_bytes());
        bytes.extend((n_slots as u32).to_le_bytes());
        for (c, s, e) in slots {
            for x in [c, s, e] {
                bytes.extend(x.to_le_bytes());
            }
        }
        for x in table {
            bytes.extend(x.to_le_bytes());
        }
        bytes.extend(blob);
        std::fs::write(out.join(format!("{name}.bin")), bytes).expect("write table");
    }
}
