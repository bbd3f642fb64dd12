//! Inline pinyin annotations: `發(fā)展` → `發展`.
//!
//! Scraped mainland pages sometimes carry a reading after a character that a converter
//! "fixed": `發(fā)`, `業(yè)`. An annotation is an ASCII `(`, ONE lowercase pinyin syllable with
//! a tone mark, `)`, right after a Han character. The syllable must be well formed (an
//! initial and a final from the Hanyu Pinyin tables, exactly one tone-marked vowel), so
//! `(AI)`, `(a)`, `(including …)`, `（如有圖片）` and toneless words are never touched.

use super::{char_before, is_han, unchanged};
use crate::offset_map::{MapBuilder, OffsetMap};

/// The finals of Hanyu Pinyin as spelled after an initial or alone (`ü` written `ü` or `v`).
const FINALS: &[&str] = &[
    "a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er", "i", "ia", "ie",
    "iao", "iu", "ian", "in", "iang", "ing", "iong", "u", "ua", "uo", "uai", "ui", "uan", "un",
    "uang", "ue", "ü", "üe", "üan", "ün", "v", "ve", "ê",
];

/// Initials, longest first; `y` and `w` stand for the zero initial.
const INITIALS: &[&str] = &[
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w",
];

/// The toneless letter of a tone-marked vowel.
fn untone(c: char) -> Option<char> {
    Some(match c {
        'ā' | 'á' | 'ǎ' | 'à' => 'a',
        'ē' | 'é' | 'ě' | 'è' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
        'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'ü',
        _ => return None,
    })
}

/// True for one tone-marked pinyin syllable such as `fā`, `yè`, `chuàng`, `lǘ`.
pub(crate) fn is_toned_syllable(s: &str) -> bool {
    let mut plain = String::with_capacity(s.len());
    let mut tones = 0;
    for c in s.chars() {
        if let Some(v) = untone(c) {
            tones += 1;
            plain.push(v);
        } else if c.is_ascii_lowercase() || c == 'ü' || c == 'ê' {
            plain.push(c);
        } else {
            return false;
        }
    }
    if tones != 1 {
        return false;
    }
    let rest = INITIALS
        .iter()
        .find_map(|i| plain.strip_prefix(i).filter(|r| !r.is_empty()))
        .unwrap_or(&plain);
    FINALS.contains(&rest)
}

/// The longest annotation body we look at: `(zhuàng)` is 8 bytes with its parentheses.
const MAX_SYLLABLE_BYTES: usize = 8;

/// Removes inline pinyin annotations such as the `(fā)` in `發(fā)展`. Returns the text and a
/// map from it (display) to `text` (source): each removed annotation is a zero-length
/// display gap, everything else is an exact copy.
pub fn hide_pinyin(text: &str) -> (String, OffsetMap) {
    if !text.contains('(') {
        return unchanged(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut map = MapBuilder::new();
    let mut kept_byte = 0; // source bytes before this are written out
    for (open_byte, _) in text.match_indices('(') {
        if open_byte < kept_byte || !char_before(text, open_byte).is_some_and(is_han) {
            continue;
        }
        let body_start = open_byte + 1;
        let window = &text[body_start..];
        let Some(close_rel) = window
            .char_indices()
            .take_while(|&(i, _)| i <= MAX_SYLLABLE_BYTES)
            .find(|&(_, c)| c == ')')
            .map(|(i, _)| i)
        else {
            continue;
        };
        if !is_toned_syllable(&window[..close_rel]) {
            continue;
        }
        let end_byte = body_start + close_rel + 1;
        out.push_str(&text[kept_byte..open_byte]);
        map.copy(open_byte - kept_byte);
        map.replace(0, end_byte - open_byte);
        kept_byte = end_byte;
    }
    out.push_str(&text[kept_byte..]);
    map.copy(text.len() - kept_byte);
    (out, map.finish())
}
