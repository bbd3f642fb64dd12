//! Converting in pieces gives the same text as converting whole: clause by clause (split after
//! CJK punctuation, spaces and newlines) and paragraph by paragraph. The present layer converts
//! clause by clause to keep the reading position across a variant toggle, and paragraph by
//! paragraph always.

use std::sync::Arc;

use yuedu::script::{engine, Config, Converter, EngineKind, Script, Scripter, Variant};
use yuedu::BUNDLED_ARTICLE;

/// CJK clause punctuation, its half-width forms (the article's commas are `,`; conversion runs
/// before the typography tidy makes them full-width), spaces and newlines.
const CLAUSE_ENDS: &[char] = &[
    '，', '。', '！', '？', '；', '：', '、', ',', '!', '?', ';', ':', ' ', '\u{3000}', '\n',
];

/// `text` cut after every clause end; the pieces concatenate back to `text`.
fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start_byte = 0;
    for (i_byte, c) in text.char_indices() {
        if CLAUSE_ENDS.contains(&c) {
            let end_byte = i_byte + c.len_utf8();
            out.push(&text[start_byte..end_byte]);
            start_byte = end_byte;
        }
    }
    if start_byte < text.len() {
        out.push(&text[start_byte..]);
    }
    out
}

fn sources() -> Vec<(Script, String)> {
    let e = engine(EngineKind::Builtin).unwrap();
    vec![
        (Script::Traditional, BUNDLED_ARTICLE.to_string()),
        (Script::Simplified, e.convert(Config::T2s, BUNDLED_ARTICLE)),
    ]
}

fn scripter(source: Script) -> Scripter {
    let e: Arc<dyn Converter> = engine(EngineKind::Builtin).unwrap();
    Scripter::new(e, source)
}

#[test]
fn clauses_split_the_article_finely() {
    let pieces = clauses(BUNDLED_ARTICLE);
    assert_eq!(pieces.concat(), BUNDLED_ARTICLE);
    assert!(pieces.len() > 300, "{} pieces", pieces.len());
}

#[test]
fn clause_by_clause_equals_whole_paragraph() {
    for (source, text) in sources() {
        let s = scripter(source);
        for v in Variant::ALL {
            for (n, para) in text.lines().enumerate() {
                let whole = s.convert(v, para);
                let pieces: String = clauses(para).iter().map(|c| s.convert(v, c)).collect();
                assert_eq!(pieces, whole, "{source:?} → {v:?}, paragraph {n}");
            }
        }
    }
}

#[test]
fn paragraph_by_paragraph_equals_whole_document() {
    for (source, text) in sources() {
        let s = scripter(source);
        for v in Variant::ALL {
            let whole = s.convert(v, &text);
            let per_line: Vec<String> = text.split('\n').map(|p| s.convert(v, p)).collect();
            assert_eq!(per_line.join("\n"), whole, "{source:?} → {v:?}");
        }
    }
}
