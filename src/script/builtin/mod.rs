//! The built-in engine: OpenCC 1.4.2's conversion, with OpenCC 1.4.2's own dictionaries
//! (`data/opencc/`, Apache-2.0) compiled into the binary by `build.rs`.
//!
//! It follows OpenCC's C++ source step by step, so that its output equals the library's
//! (checked against the `opencc` 1.4.2 Python package in `tests/opencc_reference.rs`):
//!
//! 1. **Normalization** (`Config.cpp`, `ConfigBasedConverter`): every config first maps CJK
//!    compatibility ideographs (`CJK_Compatibility_Ideographs.txt`) over the whole text, without
//!    segmentation.
//! 2. **Segmentation** (`MaxMatchSegmentation.cpp`), for the configs that have one: forward
//!    maximum matching over the segmentation dictionary; each matched key is a segment, and the
//!    unmatched characters between two matches form one segment. Configs without a
//!    segmentation (`s2t`, `t2s`, `t2tw`, `t2hk`) take the whole text as one segment.
//! 3. **Conversion chain** (`ConversionChain.cpp`, `Conversion.cpp`): each step converts each
//!    segment on its own, the output of one step feeding the next: at each position the longest
//!    dictionary key that is a prefix of the rest of the segment is replaced by its first
//!    value; a character no key starts is copied.
//!
//! A step's dictionary is a *short-circuit* group (`DictGroup.cpp`): the first table with any
//! match at the position wins, even when a later one has a longer match; a table may itself be a
//! *union* of files (longest match across them; `build.rs` merges those). Where nothing matches,
//! a complete ideographic description sequence (`⿰氵青`, `UTF8Util.hpp`) is copied as one unit,
//! so its components are not converted.

mod table;

use self::table::Table;
use super::{Config, Converter};

macro_rules! table {
    ($name:literal) => {
        Table::new(include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".bin")))
    };
}

static CJK_COMPAT: Table = table!("cjk_compat");
static ST_PHRASES: Table = table!("st_phrases");
static ST_CHARACTERS: Table = table!("st_characters");
static TS_PHRASES: Table = table!("ts_phrases");
static TS_CHARACTERS_EXT: Table = table!("ts_characters_ext");
static TS_CHARACTERS: Table = table!("ts_characters");
static TW_PHRASES: Table = table!("tw_phrases");
static TW_PHRASES_REV: Table = table!("tw_phrases_rev");
static TW_VARIANTS: Table = table!("tw_variants");
static TW_VARIANTS_PHRASES: Table = table!("tw_variants_phrases");
static TW_VARIANTS_REV: Table = table!("tw_variants_rev");
static TW_VARIANTS_REV_PHRASES: Table = table!("tw_variants_rev_phrases");
static HK_VARIANTS: Table = table!("hk_variants");
static HK_VARIANTS_PHRASES: Table = table!("hk_variants_phrases");
static HK_VARIANTS_REV: Table = table!("hk_variants_rev");
static HK_VARIANTS_REV_PHRASES: Table = table!("hk_variants_rev_phrases");

/// One conversion step: a short-circuit group of tables.
type Step = &'static [&'static Table];

const NORMALIZE: Step = &[&CJK_COMPAT];
const S2T: Step = &[&ST_PHRASES, &ST_CHARACTERS];
const T2S: Step = &[&TS_PHRASES, &TS_CHARACTERS_EXT, &TS_CHARACTERS];
const T2TW: Step = &[&TW_VARIANTS_PHRASES, &TW_VARIANTS];
const T2TWP: Step = &[&TW_PHRASES, &TW_VARIANTS_PHRASES, &TW_VARIANTS];
const TW2T: Step = &[&TW_VARIANTS_REV_PHRASES, &TW_VARIANTS_REV];
const TW2TP: Step = &[&TW_PHRASES_REV, &TW_VARIANTS_REV_PHRASES, &TW_VARIANTS_REV];
const T2HK: Step = &[&HK_VARIANTS_PHRASES, &HK_VARIANTS];
const HK2T: Step = &[&HK_VARIANTS_REV_PHRASES, &HK_VARIANTS_REV];

/// A config as OpenCC 1.4.2's `config/*.json` defines it.
struct Plan {
    segmentation: Option<&'static Table>,
    chain: &'static [Step],
}

fn plan(config: Config) -> Plan {
    let (segmentation, chain): (Option<&'static Table>, &'static [Step]) = match config {
        Config::S2t => (None, &[S2T]),
        Config::T2s => (None, &[T2S]),
        Config::S2tw => (Some(&ST_PHRASES), &[S2T, T2TW]),
        Config::S2twp => (Some(&ST_PHRASES), &[S2T, T2TWP]),
        Config::S2hk => (Some(&ST_PHRASES), &[S2T, T2HK]),
        Config::T2tw => (None, &[T2TW]),
        Config::T2hk => (None, &[T2HK]),
        Config::Tw2s => (Some(&TS_PHRASES), &[TW2T, T2S]),
        Config::Tw2sp => (Some(&TS_PHRASES), &[TW2TP, T2S]),
        Config::Hk2s => (Some(&TS_PHRASES), &[HK2T, T2S]),
    };
    Plan {
        segmentation,
        chain,
    }
}

/// The built-in engine. Stateless: the tables are in the binary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Builtin;

/// The byte length of the complete ideographic description sequence at the start of `s`, or 0
/// (`UTF8Util::NextIdeographicDescriptionSequenceLength`: at most 16 levels and 64 characters).
fn ids_len(s: &str) -> usize {
    fn arity(c: char) -> usize {
        match c as u32 {
            0x2FF2 | 0x2FF3 => 3,
            0x2FFE | 0x2FFF => 1,
            0x2FF0..=0x2FFD => 2,
            _ => 0,
        }
    }
    /// `Some(len)` for a complete sequence.
    fn consume(s: &str, depth: usize, count: &mut usize) -> Option<usize> {
        if depth == 0 || *count >= 64 {
            return None;
        }
        let c = s.chars().next()?;
        *count += 1;
        let mut at = c.len_utf8();
        for _ in 0..arity(c) {
            at += consume(&s[at..], depth - 1, count)?;
        }
        Some(at)
    }
    match s.chars().next() {
        Some(c) if arity(c) > 0 => consume(s, 16, &mut 0).unwrap_or(0),
        _ => 0,
    }
}

/// The length of the unmatched unit at the start of `s`: an ideographic description sequence,
/// or one character.
fn unmatched_len(s: &str) -> usize {
    match ids_len(s) {
        0 => s.chars().next().map_or(0, char::len_utf8),
        n => n,
    }
}

/// The first match of a short-circuit group at the start of `s`.
fn match_step(step: Step, s: &str) -> Option<(usize, &'static str)> {
    step.iter().find_map(|t| t.longest_prefix(s))
}

/// Appends `segment` converted by one step (`Conversion::AppendConverted`).
fn convert_step(step: Step, segment: &str, out: &mut String) {
    let mut at = 0;
    while at < segment.len() {
        let rest = &segment[at..];
        match match_step(step, rest) {
            Some((len, value)) => {
                out.push_str(value);
                at += len;
            }
            None => {
                // Copy the run of characters that cannot begin a match in one go.
                let mut n = unmatched_len(rest);
                for c in rest[n..].chars() {
                    if ids_len(&rest[n..]) > 0 || step.iter().any(|t| t.starts_with_char(c)) {
                        break;
                    }
                    n += c.len_utf8();
                }
                out.push_str(&rest[..n]);
                at += n;
            }
        }
    }
}

/// The first step of a chain for one segment: a dictionary step, or its output when it is
/// already known.
#[derive(Clone, Copy)]
enum First<'a> {
    Step(Step),
    Output(&'a str),
}

/// Appends `segment` converted by `first` and then every step of `rest`
/// (`ConversionChain::AppendConvertedSegment`).
fn convert_segment(
    first: First,
    rest: &[Step],
    segment: &str,
    out: &mut String,
    scratch: &mut [String; 2],
) {
    let Some((last, middle)) = rest.split_last() else {
        match first {
            First::Step(step) => convert_step(step, segment, out),
            First::Output(value) => out.push_str(value),
        }
        return;
    };
    let [a, b] = scratch;
    a.clear();
    match first {
        First::Step(step) => convert_step(step, segment, a),
        First::Output(value) => a.push_str(value),
    }
    for step in middle {
        b.clear();
        convert_step(step, a, b);
        std::mem::swap(a, b);
    }
    convert_step(last, a, out);
}

/// One segment of a text (`MaxMatchSegmentation::Segment`).
enum Segment<'a> {
    /// A key of the segmentation dictionary, with its value there.
    Key(&'a str, &'static str),
    /// A run of characters where no key starts; `ids` when it holds an ideographic description
    /// sequence (whose inner positions the segmentation did not look up).
    Run(&'a str, bool),
}

/// Calls `each` with the segments of `text` (`MaxMatchSegmentation::Segment`).
fn segment<'a>(dict: &Table, text: &'a str, mut each: impl FnMut(Segment<'a>)) {
    let mut run_start = 0;
    let mut ids = false;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        match dict.longest_prefix(rest) {
            Some((len, value)) => {
                if run_start < at {
                    each(Segment::Run(&text[run_start..at], ids));
                }
                each(Segment::Key(&rest[..len], value));
                at += len;
                run_start = at;
                ids = false;
            }
            None => {
                let n = unmatched_len(rest);
                ids |= n > rest.chars().next().map_or(0, char::len_utf8);
                at += n;
            }
        }
    }
    if run_start < at {
        each(Segment::Run(&text[run_start..], ids));
    }
}

impl Builtin {
    /// Converts `text` with `config`, exactly as OpenCC 1.4.2 does.
    pub fn convert_text(config: Config, text: &str) -> String {
        let mut normalized = String::with_capacity(text.len());
        convert_step(NORMALIZE, text, &mut normalized);
        let plan = plan(config);
        let mut out = String::with_capacity(text.len() + text.len() / 5);
        let mut scratch = [String::new(), String::new()];
        let Some((&first, rest)) = plan.chain.split_first() else {
            return normalized;
        };
        let Some(dict) = plan.segmentation else {
            convert_segment(
                First::Step(first),
                rest,
                &normalized,
                &mut out,
                &mut scratch,
            );
            return out;
        };
        // When the segmentation dictionary is the first table of the first step (the `s2*`
        // configs), that step is already known: a key segment matches itself whole (its
        // value), and in a run the segmentation found no key at any position, so only the
        // step's other tables can match there. Same output, one lookup fewer per character.
        let shortcut = first.first().is_some_and(|t| std::ptr::eq(*t, dict));
        segment(dict, &normalized, |seg| {
            let (text, head) = match seg {
                Segment::Key(key, value) if shortcut => (key, First::Output(value)),
                Segment::Run(run, false) if shortcut => (run, First::Step(&first[1..])),
                Segment::Key(s, _) | Segment::Run(s, _) => (s, First::Step(first)),
            };
            convert_segment(head, rest, text, &mut out, &mut scratch)
        });
        out
    }
}

impl Converter for Builtin {
    fn name(&self) -> &'static str {
        "1.4.2, built in"
    }

    fn convert(&self, config: Config, text: &str) -> String {
        Builtin::convert_text(config, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_built_and_found() {
        assert!(ST_PHRASES.len() > 40_000);
        assert!(!CJK_COMPAT.is_empty());
        assert_eq!(
            ST_CHARACTERS.longest_prefix("发财"),
            Some(("发".len(), "發"))
        );
        assert_eq!(
            ST_PHRASES.longest_prefix("头发很长"),
            Some(("头发".len(), "頭髮"))
        );
        assert_eq!(ST_PHRASES.longest_prefix("abc"), None);
        assert_eq!(ST_PHRASES.longest_prefix(""), None);
    }

    #[test]
    fn ideographic_description_sequences_are_units() {
        assert_eq!(ids_len("⿰氵青x"), "⿰氵青".len());
        assert_eq!(ids_len("⿱⿰木木木"), "⿱⿰木木木".len());
        assert_eq!(ids_len("⿰氵"), 0); // incomplete
        assert_eq!(ids_len("氵"), 0);
        // The components of a sequence are not converted.
        assert_eq!(Builtin::convert_text(Config::S2t, "⿰讠发发"), "⿰讠发發");
    }

    #[test]
    fn segmentation_decides_the_phrases() {
        // OpenCC segments before converting: 打开 is a segment, so 开了 is not matched across it.
        assert_eq!(Builtin::convert_text(Config::S2twp, "打开了门"), "打開了門");
        assert_eq!(Builtin::convert_text(Config::S2t, ""), "");
    }
}
