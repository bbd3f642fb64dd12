//! Half-width punctuation between Chinese characters shown full-width: `今年2月,華為` →
//! `今年2月，華為`, `來源:南京` → `來源：南京` (GB/T 15834-2011 §4: Chinese text takes the
//! full-width marks).
//!
//! The work is done by `autocorrect` 2.x with every rule off except `fullwidth` (set once,
//! through `autocorrect::config::load`, which merges into autocorrect's global config; yuedu
//! calls autocorrect nowhere else). That rule turns `, . : ! ?` full-width when a CJK
//! character is next to them (`,` and `?` also after a Latin word: `iPhone,好`), leaves
//! `;` alone, and skips parts that start like a URL or path; text without CJK (`Notice: The
//! content above, …`, `ICLR 2025`, `90%`, `https://a.cn/x,y`) is never touched.
//!
//! autocorrect formats space-separated parts one at a time, so a mark with a space before it
//! (`編輯整理 :雙一流`) is out of its sight: `spaced_marks` adds the cases it leaves — `, : ! ?`
//! with spaces on either side, Han characters on both sides — and drops the spaces.
//!
//! Speed: autocorrect runs four regexes over a part; we only hand it the parts that have a
//! half-width mark next to a CJK character, so text that is already tidy costs one scan.
//! Offsets: autocorrect's output is aligned with its input char by char (a mark replaced by
//! its full-width form, spaces after it dropped); if the alignment ever fails, that part is
//! shown unchanged rather than with a wrong map.

use std::sync::Once;

use super::{char_before, is_cj, is_han, unchanged};
use crate::offset_map::{MapBuilder, OffsetMap};

/// The autocorrect config: every rule off but `fullwidth`.
const AUTOCORRECT_CONFIG: &str = "rules:
  space-word: 0
  space-punctuation: 0
  space-bracket: 0
  space-backticks: 0
  space-dash: 0
  space-dollar: 0
  fullwidth: 1
  no-space-fullwidth: 0
  no-space-fullwidth-quote: 0
  halfwidth-word: 0
  halfwidth-punctuation: 0
  spellcheck: 0
";

static CONFIGURE: Once = Once::new();

/// Sets autocorrect's global config once (idempotent).
fn configure_autocorrect() {
    CONFIGURE.call_once(|| {
        // The config is a constant that parses; a failure would leave autocorrect's defaults,
        // which the alignment below would reject part by part (shown unchanged).
        let _ = autocorrect::config::load(AUTOCORRECT_CONFIG);
    });
}

/// Builds autocorrect's patterns on a thread of their own, so that the first screen, which
/// tidies its punctuation, does not wait for them (their first use took 20–40 ms under load;
/// a use meanwhile waits for the same one-time build instead of starting another).
pub fn warm_up() {
    let _ = std::thread::Builder::new()
        .name("autocorrect".into())
        .spawn(|| {
            configure_autocorrect();
            let _ = autocorrect::format("中文,中文");
        });
}

/// The full-width form of a half-width mark.
pub fn fullwidth(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        '.' => '。',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        _ => return None,
    })
}

/// Shows half-width punctuation next to Chinese characters as full-width (`,` → `，`).
/// Returns the text and a map from it to `text`: each changed mark is a 1-byte → 3-byte
/// replacement, dropped spaces are zero-length display gaps, the rest is copied.
pub fn tidy_punctuation(text: &str) -> (String, OffsetMap) {
    let (first, first_map) = autocorrect_marks(text);
    let step_one: &str = if first_map.is_some() { &first } else { text };
    let (second, second_map) = spaced_marks(step_one);
    match (first_map, second_map) {
        (None, None) => unchanged(text),
        (Some(m), None) => (first, m),
        (None, Some(m)) => (second, m),
        (Some(a), Some(b)) => (second, b.then(&a)),
    }
}

/// Can autocorrect's `fullwidth` rule change `part`? A half-width mark after a CJK char, or
/// a `,`/`?` before one (spaces between allowed).
fn may_change(part: &str) -> bool {
    part.match_indices([',', '.', ':', '!', '?'])
        .any(|(at, mark)| {
            char_before(part, at).is_some_and(is_cj)
                || (matches!(mark, "," | "?")
                    && part[at + 1..]
                        .chars()
                        .find(|&c| c != ' ')
                        .is_some_and(is_cj))
        })
}

/// Step 1: autocorrect on the parts that need it. `None` for the map when nothing changed.
fn autocorrect_marks(text: &str) -> (String, Option<OffsetMap>) {
    let mut out = String::new();
    let mut map = MapBuilder::new();
    let mut changed = false;
    // The parts autocorrect itself formats one by one: each ends after a space or newline.
    for part in text.split_inclusive([' ', '\n', '\r']) {
        if may_change(part) {
            configure_autocorrect();
            let fixed = autocorrect::format(part);
            if fixed != part {
                if let Some(m) = align(part, &fixed) {
                    out.push_str(&fixed);
                    map.append(&m);
                    changed = true;
                    continue;
                }
            }
        }
        out.push_str(part);
        map.copy(part.len());
    }
    if changed {
        (out, Some(map.finish()))
    } else {
        (String::new(), None)
    }
}

/// Aligns autocorrect's output with its input: equal chars are copied, a mark may become its
/// full-width form, input spaces may be dropped. `None` for any other difference.
fn align(input: &str, output: &str) -> Option<OffsetMap> {
    let mut map = MapBuilder::new();
    let mut ins = input.chars().peekable();
    let mut outs = output.chars().peekable();
    while let Some(&i) = ins.peek() {
        match outs.peek().copied() {
            Some(o) if o == i => {
                map.copy(i.len_utf8());
                outs.next();
            }
            Some(o) if fullwidth(i) == Some(o) => {
                map.replace(o.len_utf8(), i.len_utf8());
                outs.next();
            }
            _ if i == ' ' => map.replace(0, 1),
            _ => return None,
        }
        ins.next();
    }
    if outs.next().is_some() {
        return None;
    }
    Some(map.finish())
}

/// Step 2, for what autocorrect leaves alone: `Han ␠* mark ␠* Han` with at least one space,
/// or a mark between Chinese on both sides where a closing or opening mark stands next to it
/// (`”,平`, `說:“`, `”,“`), mark one of `, : ! ?` → the full-width mark, spaces dropped.
/// `None` for the map when nothing changed.
fn spaced_marks(text: &str) -> (String, Option<OffsetMap>) {
    let mut out = String::new();
    let mut map = MapBuilder::new();
    let mut kept_byte = 0;
    let bytes = text.as_bytes();
    for (at, mark) in text.match_indices([',', ':', '!', '?']) {
        if at < kept_byte {
            continue;
        }
        let mut start = at;
        while start > kept_byte && bytes[start - 1] == b' ' {
            start -= 1;
        }
        let mut end = at + 1;
        while bytes.get(end) == Some(&b' ') {
            end += 1;
        }
        let spaced = start < at || end > at + 1;
        let han_before = char_before(text, start).is_some_and(is_han);
        let han_after = text[end..].chars().next().is_some_and(is_han);
        let Some(wide) = mark.chars().next().and_then(fullwidth) else {
            continue;
        };
        let cjk_close_before = char_before(text, start).is_some_and(is_cjk_closing);
        let cjk_open_after = text[end..].chars().next().is_some_and(is_cjk_opening);
        let chinese_both_sides = (han_before || cjk_close_before) && (han_after || cjk_open_after);
        if !(chinese_both_sides && (spaced || cjk_close_before || cjk_open_after)) {
            continue;
        }
        out.push_str(&text[kept_byte..start]);
        map.copy(start - kept_byte);
        out.push(wide);
        map.replace(wide.len_utf8(), end - start);
        kept_byte = end;
    }
    if kept_byte == 0 {
        return (String::new(), None);
    }
    out.push_str(&text[kept_byte..]);
    map.copy(text.len() - kept_byte);
    (out, Some(map.finish()))
}

/// Closing marks of Chinese text after which a half-width mark belongs to the Chinese
/// sentence (clreq "closing brackets" and quotes).
fn is_cjk_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | '》' | '〉' | '】' | '〕'
    )
}

/// Opening marks of Chinese text before which a half-width mark belongs to the Chinese
/// sentence.
fn is_cjk_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '「' | '『' | '（' | '《' | '〈' | '【' | '〔'
    )
}
