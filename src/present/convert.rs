//! Script conversion clause by clause, with an offset map.
//!
//! OpenCC's phrase tables never hold punctuation or spaces, so a text converted clause by
//! clause (split after `，。！？；：、`, ASCII `, ; : ! ?` and whitespace) comes out the
//! same as converted whole. Converting per clause tells us where each clause went: a clause
//! that keeps its char count (nearly always for `t2s`/`s2t`) is mapped char by char; one that
//! does not (`U盘` → `隨身碟`) is exact at its two ends.

use crate::present::{MapBuilder, OffsetMap};
use crate::script::{Scripter, Variant};
use crate::typography::is_han;

/// True for a char that ends a clause.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '！' | '？' | '；' | '：' | '、' | ',' | ';' | ':' | '!' | '?'
    ) || c.is_whitespace()
}

/// Converts `text` to `variant` clause by clause. Returns the converted text and a map from
/// it to `text`. With [`Variant::Original`] the text comes back unchanged.
pub fn convert_clauses(text: &str, variant: Variant, scripter: &Scripter) -> (String, OffsetMap) {
    if scripter.plan(variant).is_empty() || !text.chars().any(is_han) {
        return (text.to_string(), OffsetMap::identity(text.len()));
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut map = MapBuilder::new();
    for clause in text.split_inclusive(ends_clause) {
        if !clause.chars().any(is_han) {
            out.push_str(clause);
            map.copy(clause.len());
            continue;
        }
        let converted = scripter.convert(variant, clause);
        if converted.chars().count() == clause.chars().count() {
            for (s, d) in clause.chars().zip(converted.chars()) {
                if s.len_utf8() == d.len_utf8() {
                    map.copy(d.len_utf8());
                } else {
                    map.replace(d.len_utf8(), s.len_utf8());
                }
            }
        } else {
            map.replace(converted.len(), clause.len());
        }
        out.push_str(&converted);
    }
    (out, map.finish())
}
