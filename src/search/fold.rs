//! Folding text for search: one form for every script and case, with a map back.
//!
//! `fold` = hide inline pinyin → each character through OpenCC `t2s` on its own → ASCII and
//! full-width ASCII (U+FF01–U+FF5E) to lowercase ASCII → the no-break and typographic spaces
//! ([`is_folded_space`]: U+00A0, U+2000–U+200A, U+202F, U+205F) to U+0020, so `第 1 章` typed
//! finds `第\u{a0}1\u{a0}章` as an exported manual writes it. The ideographic space U+3000 is
//! not folded: it is a wide character of Chinese text (`第二章　雨夜`), not a word space.
//!
//! Conversion is per character, not per phrase, on purpose: the query and the text are then
//! folded by the same context-free function, so `乾` in `乾隆` (kept by OpenCC's phrase table)
//! and a query `乾` (which `t2s` alone makes `干`) still meet. Per character, `t2s` is
//! many-to-one (發 髮 → 发), which is what a script-insensitive search wants, and it keeps the
//! character count, so offsets map back exactly. The per-character table is built once per
//! engine with one `t2s` call over all of CJK Unified Ideographs, Extension A and the
//! compatibility block, one character per line (about 10 ms), and cached.
//! Characters outside those blocks (Extension B and later) are left as they are.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::offset_map::OffsetMap;
use crate::script::{Config, Converter};
use crate::units::PresentedByte;

/// First and last code point of the dense table (Extension A through the compatibility block).
const DENSE_FIRST: u32 = 0x3400;
const DENSE_LAST: u32 = 0xFAFF;
/// The blocks whose characters are converted.
const HAN_BLOCKS: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];

/// The per-character fold of Han characters for one engine.
#[derive(Debug)]
pub struct FoldTable {
    /// `dense[cp - DENSE_FIRST]`: the fold of a one-character result.
    dense: Vec<char>,
    /// Characters whose `t2s` is more than one character (none with OpenCC's dictionaries today).
    multi: HashMap<char, Box<str>>,
    /// Folded character → the other characters that fold to (or into) it.
    inverse: HashMap<char, Vec<char>>,
}

/// The outcome of [`FoldTable::match_len`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InPlace {
    /// A match taking this many source bytes.
    Match(usize),
    NoMatch,
    /// Reached a `(` first.
    Paren,
}

/// How one character folds.
enum CharFold<'a> {
    Same,
    One(char),
    Many(&'a str),
}

impl FoldTable {
    /// The table for `engine`, built on first use and cached by engine name.
    pub fn for_engine(engine: &dyn Converter) -> Arc<FoldTable> {
        static CACHE: OnceLock<Mutex<HashMap<&'static str, Arc<FoldTable>>>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(engine.name())
            .or_insert_with(|| Arc::new(FoldTable::build(engine)))
            .clone()
    }

    /// Builds the table with one `t2s` call over all Han characters, one per line; falls back
    /// to one call per character if the engine does not keep the line structure.
    pub fn build(engine: &dyn Converter) -> FoldTable {
        let chars: Vec<char> = HAN_BLOCKS
            .iter()
            .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
            .collect();
        let mut joined = String::with_capacity(chars.len() * 4);
        for &c in &chars {
            joined.push(c);
            joined.push('\n');
        }
        let converted = engine.convert(Config::T2s, &joined);
        let pieces: Vec<&str> = converted.split('\n').collect();
        let owned: Vec<String>;
        let pieces: Vec<&str> = if pieces.len() == chars.len() + 1 {
            pieces
        } else {
            owned = chars
                .iter()
                .map(|c| engine.convert(Config::T2s, c.encode_utf8(&mut [0; 4])))
                .collect();
            owned.iter().map(String::as_str).collect()
        };
        let span = (DENSE_LAST - DENSE_FIRST + 1) as usize;
        let mut dense: Vec<char> = (DENSE_FIRST..=DENSE_LAST)
            .map(|cp| char::from_u32(cp).unwrap_or('\u{FFFD}'))
            .collect();
        debug_assert_eq!(dense.len(), span);
        let mut multi = HashMap::new();
        let mut inverse: HashMap<char, Vec<char>> = HashMap::new();
        for (&c, &out) in chars.iter().zip(&pieces) {
            let mut it = out.chars();
            let (first, rest) = (it.next(), it.next());
            let slot = (c as u32 - DENSE_FIRST) as usize;
            match (first, rest) {
                (Some(f), None) if f == c => {}
                (Some(f), None) => {
                    dense[slot] = f;
                    inverse.entry(f).or_default().push(c);
                }
                // An empty result (never expected) keeps the character.
                (None, _) => {}
                (Some(_), Some(_)) => {
                    for f in out.chars() {
                        inverse.entry(f).or_default().push(c);
                    }
                    multi.insert(c, Box::from(out));
                }
            }
        }
        FoldTable {
            dense,
            multi,
            inverse,
        }
    }

    fn fold_char(&self, c: char) -> CharFold<'_> {
        let cp = c as u32;
        if is_folded_space(c) {
            return CharFold::One(' ');
        }
        if c.is_ascii_uppercase() {
            return CharFold::One(c.to_ascii_lowercase());
        }
        if (0xFF01..=0xFF5E).contains(&cp) {
            // Full-width ASCII: ＡＢＣ２０，→ abc20,
            let a = char::from_u32(cp - 0xFEE0).unwrap_or(c);
            return CharFold::One(a.to_ascii_lowercase());
        }
        if !(DENSE_FIRST..=DENSE_LAST).contains(&cp) {
            return CharFold::Same;
        }
        if let Some(m) = self.multi.get(&c) {
            return CharFold::Many(m);
        }
        match self.dense.get((cp - DENSE_FIRST) as usize) {
            Some(&f) if f != c => CharFold::One(f),
            _ => CharFold::Same,
        }
    }

    /// Whether some character folds to several characters (then a match may start inside
    /// one character's fold, and only the whole-block fold finds it).
    pub fn has_multi(&self) -> bool {
        !self.multi.is_empty()
    }

    /// If `tail` starts with text whose fold is `folded_query`, the source bytes it takes.
    /// Folds character by character without allocating (the fast path for text with nothing
    /// to hide).
    /// With `stop_at_paren`, gives up ([`InPlace::Paren`]) on reaching a `(` before the match is
    /// complete: there the text the reader sees may differ (a hidden annotation).
    pub fn match_len(&self, tail: &str, folded_query: &str, stop_at_paren: bool) -> InPlace {
        let q = folded_query.as_bytes();
        let mut k = 0;
        for (i, c) in tail.char_indices() {
            if k == q.len() {
                return InPlace::Match(i);
            }
            if stop_at_paren && c == '(' {
                return InPlace::Paren;
            }
            let mut buf = [0u8; 4];
            let f: &str = match self.fold_char(c) {
                CharFold::Same => c.encode_utf8(&mut buf),
                CharFold::One(f) => f.encode_utf8(&mut buf),
                CharFold::Many(s) => s,
            };
            let f = f.as_bytes();
            if q.get(k..k + f.len()) != Some(f) {
                return InPlace::NoMatch;
            }
            k += f.len();
        }
        if k == q.len() {
            InPlace::Match(tail.len())
        } else {
            InPlace::NoMatch
        }
    }

    /// The characters of any script whose fold contains the folded character `f`: the
    /// candidates a block must contain to possibly match a query starting with `f`.
    pub fn sources_of(&self, f: char) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        let mut add = |c: char| {
            if !out.contains(&c) {
                out.push(c);
            }
        };
        if matches!(self.fold_char(f), CharFold::Same) {
            add(f);
        }
        if f == ' ' {
            for c in FOLDED_SPACES {
                add(c);
            }
        }
        if f.is_ascii_graphic() {
            let up = f.to_ascii_uppercase();
            add(up);
            for c in [f, up] {
                if let Some(w) = char::from_u32(c as u32 + 0xFEE0) {
                    add(w);
                }
            }
        }
        for &c in self.inverse.get(&f).into_iter().flatten() {
            add(c);
        }
        out
    }
}

/// The spaces that search folds to U+0020 (Unicode `Zs` without U+3000 and U+1680).
const FOLDED_SPACES: [char; 14] = [
    '\u{a0}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}',
    '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{202f}', '\u{205f}',
];

/// A no-break or typographic space that search treats as U+0020 (see the module docs).
pub fn is_folded_space(c: char) -> bool {
    FOLDED_SPACES.contains(&c)
}

/// A stretch where folded and input byte lengths differ (a character whose fold has another
/// UTF-8 length, or several characters). Outside these, offsets move in step.
#[derive(Clone, Copy, Debug)]
struct Seg {
    folded: usize,
    input: usize,
    folded_len: usize,
    input_len: usize,
}

/// Folded text and the map back to the text it was folded from.
#[derive(Debug, Default)]
pub struct Folded {
    pub text: String,
    segs: Vec<Seg>,
}

impl Folded {
    /// Folds `input` (already pinyin-hidden) with `table`, reusing this buffer.
    pub fn fold(&mut self, table: &FoldTable, input: &str) {
        self.text.clear();
        self.segs.clear();
        self.text.reserve(input.len());
        for (i, c) in input.char_indices() {
            if c.is_ascii() {
                self.text.push(c.to_ascii_lowercase());
                continue;
            }
            let at = self.text.len();
            match table.fold_char(c) {
                CharFold::Same => self.text.push(c),
                CharFold::One(f) => self.text.push(f),
                CharFold::Many(s) => self.text.push_str(s),
            }
            let folded_len = self.text.len() - at;
            if folded_len != c.len_utf8() {
                self.segs.push(Seg {
                    folded: at,
                    input: i,
                    folded_len,
                    input_len: c.len_utf8(),
                });
            }
        }
    }

    /// Folded byte offset → input byte offset. Inside a multi-character fold, a start
    /// (`end == false`) maps to the character's start and an end to its end.
    pub fn to_input(&self, folded_byte: usize, end: bool) -> usize {
        let i = self.segs.partition_point(|s| s.folded <= folded_byte);
        let Some(s) = i.checked_sub(1).and_then(|i| self.segs.get(i)) else {
            return folded_byte;
        };
        let off = folded_byte - s.folded;
        if off == 0 {
            s.input
        } else if off < s.folded_len {
            if end {
                s.input + s.input_len
            } else {
                s.input
            }
        } else {
            s.input + s.input_len + (off - s.folded_len)
        }
    }
}

/// Maps offsets of pinyin-hidden text back to the source it was made from.
#[derive(Debug)]
pub enum HiddenMap {
    /// Nothing was hidden.
    Identity,
    /// `(hidden_byte, source bytes removed up to and including a gap there)`, increasing.
    Gaps(Vec<(usize, usize)>),
    /// The hidden text is not a subsequence of the source: use the transform's own map.
    Map(OffsetMap),
}

impl HiddenMap {
    /// Builds the map for `hidden`, made from `source` by a transform that returned `map`.
    /// Hiding only removes text, so `hidden` is aligned to `source` as a subsequence.
    pub fn new(source: &str, hidden: &str, map: OffsetMap) -> HiddenMap {
        if hidden.len() == source.len() {
            return HiddenMap::Identity;
        }
        let (sb, hb) = (source.as_bytes(), hidden.as_bytes());
        let (mut i, mut j, mut removed) = (0usize, 0usize, 0usize);
        let mut gaps = Vec::new();
        let mut pending = false;
        while j < hb.len() {
            let Some(c) = hidden[j..].chars().next() else {
                break;
            };
            let n = c.len_utf8();
            if sb.get(i..i + n) == Some(&hb[j..j + n]) {
                if pending {
                    gaps.push((j, removed));
                    pending = false;
                }
                i += n;
                j += n;
            } else {
                let Some(s) = source.get(i..).and_then(|r| r.chars().next()) else {
                    return HiddenMap::Map(map);
                };
                i += s.len_utf8();
                removed += s.len_utf8();
                pending = true;
            }
        }
        if i < sb.len() {
            gaps.push((hb.len(), removed + (sb.len() - i)));
        } else if pending {
            gaps.push((j, removed));
        }
        HiddenMap::Gaps(gaps)
    }

    /// Hidden byte offset → source byte offset. Text hidden exactly at the offset is put
    /// before a start (`end == false`) and after an end, so a match never includes it.
    pub fn to_source(&self, hidden_byte: usize, end: bool) -> usize {
        match self {
            HiddenMap::Identity => hidden_byte,
            HiddenMap::Map(m) => m.to_source(PresentedByte(hidden_byte)).0,
            HiddenMap::Gaps(g) => {
                let n = if end {
                    g.partition_point(|&(h, _)| h < hidden_byte)
                } else {
                    g.partition_point(|&(h, _)| h <= hidden_byte)
                };
                hidden_byte + n.checked_sub(1).map_or(0, |k| g[k].1)
            }
        }
    }
}
