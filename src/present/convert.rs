//! Script conversion clause by clause, with an offset map.
//!
//! OpenCC's phrase tables never hold punctuation or spaces, so a text converted clause by
//! clause (split after `，。！？；：、`, ASCII `, ; : ! ?` and whitespace) comes out the
//! same as converted whole. Converting per clause tells us where each clause went: a clause
//! that keeps its char count (nearly always for `t2s`/`s2t`) is mapped char by char. One that
//! does not (`U盘` → `隨身碟`) is narrowed down: split near its middle, and if the two halves
//! converted apart give the same text as the clause, each half is mapped on its own
//! (recursively, within a small budget of extra conversions); what cannot be split is exact
//! at its two ends. The split is sound because the halves' conversions ARE the output.

use crate::offset_map::{MapBuilder, OffsetMap};
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
        let mut budget = SPLIT_BUDGET;
        emit(
            clause,
            converted,
            &mut Ctx {
                variant,
                scripter,
                out: &mut out,
                map: &mut map,
            },
            &mut budget,
        );
    }
    (out, map.finish())
}

/// Extra conversions allowed per clause to narrow down a change in char count.
const SPLIT_BUDGET: usize = 24;

/// Where converted pieces go.
struct Ctx<'a> {
    variant: Variant,
    scripter: &'a Scripter,
    out: &'a mut String,
    map: &'a mut MapBuilder,
}

/// Writes `converted` (the conversion of `piece`) and its map, narrowing down a change in
/// char count by splitting `piece` where the halves convert to the same text.
fn emit(piece: &str, converted: String, cx: &mut Ctx<'_>, budget: &mut usize) {
    let chars = piece.chars().count();
    if converted.chars().count() == chars {
        for (s, d) in piece.chars().zip(converted.chars()) {
            if s.len_utf8() == d.len_utf8() {
                cx.map.copy(d.len_utf8());
            } else {
                cx.map.replace(d.len_utf8(), s.len_utf8());
            }
        }
        cx.out.push_str(&converted);
        return;
    }
    let bounds: Vec<usize> = piece.char_indices().map(|(i, _)| i).skip(1).collect();
    let mid = chars / 2;
    for off in [0isize, 1, -1, 2, -2, 3, -3] {
        let Some(k) = mid.checked_add_signed(off).filter(|&k| k >= 1 && k < chars) else {
            continue;
        };
        if *budget < 2 {
            break;
        }
        *budget -= 2;
        let (left, right) = piece.split_at(bounds[k - 1]);
        let cl = cx.scripter.convert(cx.variant, left);
        let cr = cx.scripter.convert(cx.variant, right);
        if cl.len() + cr.len() == converted.len()
            && converted.starts_with(&cl)
            && converted.ends_with(&cr)
        {
            emit(left, cl, cx, budget);
            emit(right, cr, cx, budget);
            return;
        }
    }
    cx.map.replace(converted.len(), piece.len());
    cx.out.push_str(&converted);
}
