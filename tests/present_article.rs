//! The bundled article through the present layer with the default (TIDY) typography: no pinyin
//! annotation and no half-width `,` `:` between Han characters remain, the text is otherwise
//! unchanged, and every Han character maps to its display position exactly.

use std::sync::Arc;

use yuedu::document::BlockKind;
use yuedu::present::{present, PresentOptions, Presented, Typography};
use yuedu::script::builtin::Builtin;
use yuedu::script::{Converter, Identity, Script, Scripter, Variant};
use yuedu::typography::is_han;
use yuedu::units::{PresentedByte, SourceByte};
use yuedu::BUNDLED_ARTICLE;

fn present_line(line: &str, variant: Variant, engine: Arc<dyn Converter>) -> Presented {
    let scripter = Scripter::new(engine, Script::Traditional);
    let opts = PresentOptions {
        variant,
        typography: Typography::TIDY,
    };
    present(line, BlockKind::Paragraph, &[], &opts, &scripter)
}

const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";

/// The `(…)` annotations in `text`: parentheses around lowercase letters with a tone mark.
/// (Independent of the transform: no syllable table, any letters.)
fn annotations(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (open, _) in text.match_indices('(') {
        let rest = &text[open + 1..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let body = &rest[..close];
        let letters = body
            .chars()
            .all(|c| c.is_ascii_lowercase() || TONED.contains(c) || c == 'ü');
        if !body.is_empty() && letters && body.chars().any(|c| TONED.contains(c)) {
            found.push((open, open + 1 + close + 1));
        }
    }
    found
}

fn without_annotations(text: &str) -> String {
    let mut out = String::new();
    let mut kept = 0;
    for (a, b) in annotations(text) {
        out.push_str(&text[kept..a]);
        kept = b;
    }
    out.push_str(&text[kept..]);
    out
}

/// Text compared modulo punctuation width and spaces.
fn normalized(text: &str) -> String {
    text.chars()
        .filter(|c| *c != ' ')
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '？' => '?',
            '！' => '!',
            '；' => ';',
            '。' => '.',
            c => c,
        })
        .collect()
}

fn halfwidth_between_han(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if c != ',' && c != ':' {
            continue;
        }
        let before = chars[..k].iter().rev().find(|&&c| c != ' ');
        let after = chars[k + 1..].iter().find(|&&c| c != ' ');
        if before.is_some_and(|&c| is_han(c)) && after.is_some_and(|&c| is_han(c)) {
            let from = k.saturating_sub(4);
            return Some(chars[from..(k + 4).min(chars.len())].iter().collect());
        }
    }
    None
}

#[test]
fn the_article_has_what_we_look_for() {
    // Guard against a vacuous pass: the source does have both problems.
    assert!(annotations(BUNDLED_ARTICLE).len() > 100);
    assert!(halfwidth_between_han(BUNDLED_ARTICLE).is_some());
    assert!(BUNDLED_ARTICLE.contains("編輯整理 :雙一流高教"));
}

#[test]
fn tidy_article_in_its_own_script() {
    for line in BUNDLED_ARTICLE.lines() {
        let p = present_line(line, Variant::Original, Arc::new(Identity));
        assert_eq!(annotations(&p.text), vec![], "{}", p.text);
        assert_eq!(halfwidth_between_han(&p.text), None, "{}", p.text);
        assert_eq!(
            normalized(&p.text),
            normalized(&without_annotations(line)),
            "{line}"
        );
        // Every Han char of the source (outside annotations) is found at its display place.
        for (s, c) in line.char_indices().filter(|&(_, c)| is_han(c)) {
            let d = p.map.to_display(SourceByte(s)).0;
            assert_eq!(p.text[d..].chars().next(), Some(c), "{line} @{s}");
            assert_eq!(p.map.to_source(PresentedByte(d)).0, s);
        }
    }
}

#[test]
fn tidy_article_in_simplified() {
    let engine: Arc<dyn Converter> = Arc::new(Builtin);
    for line in BUNDLED_ARTICLE.lines() {
        let p = present_line(line, Variant::Simplified, engine.clone());
        assert_eq!(annotations(&p.text), vec![], "{}", p.text);
        assert_eq!(halfwidth_between_han(&p.text), None, "{}", p.text);
        // Char-exact: the source's Han chars map one to one onto the display's Han chars.
        let from_source: Vec<usize> = line
            .char_indices()
            .filter(|&(_, c)| is_han(c))
            .map(|(s, _)| p.map.to_display(SourceByte(s)).0)
            .collect();
        let in_display: Vec<usize> = p
            .text
            .char_indices()
            .filter(|&(_, c)| is_han(c))
            .map(|(d, _)| d)
            .collect();
        assert_eq!(from_source, in_display, "{line}");
    }
}

#[test]
fn tidy_article_matches_whole_text_conversion() {
    // Clause-wise conversion gives what converting the whole (annotation-free) line gives.
    let engine: Arc<dyn Converter> = Arc::new(Builtin);
    let scripter = Scripter::new(engine.clone(), Script::Traditional);
    for line in BUNDLED_ARTICLE.lines() {
        for variant in [Variant::Simplified, Variant::Taiwan] {
            let p = present_line(line, variant, engine.clone());
            let whole = scripter.convert(variant, &without_annotations(line));
            assert_eq!(normalized(&p.text), normalized(&whole), "{line}");
        }
    }
}
