//! Display transforms for scraped Chinese text: inline pinyin annotations, punctuation width,
//! CJK–Latin spacing. The file is never changed; each transform returns the new text and an
//! [`OffsetMap`] from it back to its input, so positions, bookmarks and search hits (kept in
//! source coordinates) land on the same text whichever transforms are on.
//!
//! - [`hide_pinyin`]: `發(fā)展` → `發展` (our own scanner: no library knows this scraping
//!   artefact).
//! - [`tidy_punctuation`]: `今年2月,華為` → `今年2月，華為`, through `autocorrect`'s
//!   `fullwidth` rule alone (see [`punctuation`]), plus one rule of ours for a half-width mark
//!   with spaces around it between Han characters (`編輯整理 :雙一流`), which autocorrect does
//!   not see because it formats space-separated parts one at a time.
//! - [`cjk_latin_space`]: `AI實戰` → `AI 實戰` (W3C clreq §3.4 "Mixed text", off by default).

mod pinyin;
pub mod punctuation;
mod spacing;

pub use pinyin::hide_pinyin;
pub use punctuation::tidy_punctuation;
pub use spacing::cjk_latin_space;

#[cfg(test)]
mod tests;

use crate::offset_map::OffsetMap;

/// A Han character (CJK Unified Ideographs and extensions, compatibility ideographs, `〇`,
/// `々`), the script OpenCC and the clreq rules are about.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3005}' | '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Han, kana or bopomofo: what autocorrect's `\p{CJ}` class matches, give or take.
pub fn is_cj(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3040}'..='\u{30FF}' | '\u{3100}'..='\u{312F}' | '\u{31A0}'..='\u{31FF}')
}

/// The char just before byte `at` of `text` (`at` must be a char boundary).
fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|t| t.chars().next_back())
}

/// The unchanged result of a transform.
fn unchanged(text: &str) -> (String, OffsetMap) {
    (text.to_string(), OffsetMap::identity(text.len()))
}
