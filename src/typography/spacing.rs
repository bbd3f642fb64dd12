//! CJK–Latin spacing: a space between Han and Latin letters or digits (`AI實戰` → `AI 實戰`),
//! as W3C clreq §3.4.2 describes for mixed text. Off by default.

use super::{is_han, unchanged};
use crate::offset_map::{MapBuilder, OffsetMap};

/// Puts a space between a Han character and an ASCII letter or digit next to it. Each space
/// is a zero-length source gap in the map; everything else is an exact copy.
pub fn cjk_latin_space(text: &str) -> (String, OffsetMap) {
    let needs = |a: char, b: char| {
        (is_han(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && is_han(b))
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut map = MapBuilder::new();
    let mut prev: Option<char> = None;
    let mut inserted = false;
    for c in text.chars() {
        if prev.is_some_and(|p| needs(p, c)) {
            out.push(' ');
            map.replace(1, 0);
            inserted = true;
        }
        out.push(c);
        map.copy(c.len_utf8());
        prev = Some(c);
    }
    if !inserted {
        return unchanged(text);
    }
    (out, map.finish())
}
