//! Script-insensitive search: queries, folding, block search, cancel.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use yuedu::document::{Block, BlockKind, Document};
use yuedu::script::{builtin::Builtin, Converter};
use yuedu::search::{search_blocks, Match, Query};

fn engine() -> Arc<dyn Converter> {
    Arc::new(Builtin)
}

fn q(text: &str) -> Query {
    Query::with_hide(text, &*engine(), yuedu::typography::hide_pinyin).expect("non-empty query")
}

fn found<'a>(query: &Query, source: &'a str) -> Vec<&'a str> {
    query
        .find_in(source)
        .into_iter()
        .map(|r| &source[r])
        .collect()
}

fn doc(paragraphs: &[&str]) -> Document {
    let mut text = String::new();
    let mut blocks = Vec::new();
    for p in paragraphs {
        let start = text.len();
        text.push_str(p);
        blocks.push(Block {
            annotations: vec![],
            kind: BlockKind::Paragraph,
            bytes: start..text.len(),
            spans: vec![],
        });
        text.push('\n');
    }
    Document {
        text,
        blocks: blocks.into(),
        ..Default::default()
    }
}

#[test]
fn simplified_query_finds_traditional_text_and_back() {
    assert_eq!(
        found(&q("发展"), "經濟發展很快，发展。"),
        vec!["發展", "发展"]
    );
    assert_eq!(found(&q("發展"), "经济发展很快"), vec!["发展"]);
    assert_eq!(found(&q("後來"), "后来的後來"), vec!["后来", "後來"]);
}

#[test]
fn per_character_folding_meets_phrase_exceptions() {
    // OpenCC keeps 乾 in 乾隆 as a phrase; per-character folding still meets a query 乾 / 干.
    assert_eq!(found(&q("乾"), "乾隆 干净 幹部"), vec!["乾", "干", "幹"]);
    assert_eq!(found(&q("干隆"), "乾隆年間"), vec!["乾隆"]);
}

#[test]
fn matches_run_across_hidden_pinyin() {
    let src = "來源:南京發(fā)布";
    assert_eq!(found(&q("发布"), src), vec!["發(fā)布"]);
    assert_eq!(found(&q("南京發布"), src), vec!["南京發(fā)布"]);
    // Hidden text at a match's edge stays out of the range.
    assert_eq!(found(&q("發"), src), vec!["發"]);
    assert_eq!(found(&q("布"), src), vec!["布"]);
    // Typing the annotation in the query folds it away too.
    assert_eq!(found(&q("發(fā)布"), src), vec!["發(fā)布"]);
    // Pinyin that is not an annotation (not after a Han character) is text.
    assert_eq!(found(&q("fa"), "fa (fā) 發(fā)"), vec!["fa"]);
    assert_eq!(found(&q("(fā)"), "fa (fā) 發(fā)"), vec!["(fā)"]);
}

#[test]
fn pinyin_hidden_by_typography_hide_pinyin() {
    // Goes through the real `typography::hide_pinyin`. While that is still the identity
    // placeholder there is nothing hidden to test across; after the typography work lands this
    // runs for real.
    if yuedu::typography::hide_pinyin("發(fā)展").0 == "發(fā)展" {
        eprintln!("typography::hide_pinyin is a placeholder; skipping");
        return;
    }
    let query = Query::new("发展", &*engine()).unwrap();
    let src = "經濟發(fā)展很快";
    assert_eq!(
        query
            .find_in(src)
            .into_iter()
            .map(|r| &src[r])
            .collect::<Vec<_>>(),
        vec!["發(fā)展"]
    );
}

#[test]
fn latin_is_case_insensitive_and_full_width_folds() {
    assert_eq!(
        found(&q("world"), "Hello WORLD, world!"),
        vec!["WORLD", "world"]
    );
    assert_eq!(found(&q("ABC"), "ＡＢＣdef abc"), vec!["ＡＢＣ", "abc"]);
    assert_eq!(found(&q("cde"), "ＡＢＣdef"), vec!["Ｃde"]);
    assert_eq!(found(&q(","), "你好，世界,"), vec!["，", ","]);
    assert_eq!(found(&q("２０２４年"), "2024年"), vec!["2024年"]);
}

#[test]
fn empty_query_is_none() {
    assert!(Query::new("", &*engine()).is_none());
    assert!(Query::with_hide("", &*engine(), yuedu::typography::hide_pinyin).is_none());
    assert!(Query::new(" ", &*engine()).is_some());
    assert_eq!(q("發展").folded(), "发展");
    assert_eq!(q("發展").text(), "發展");
}

#[test]
fn no_match_and_overlaps() {
    assert!(q("发展").find_in("今天天氣很好").is_empty());
    assert!(q("发展").find_in("").is_empty());
    // Non-overlapping, left to right.
    assert_eq!(q("aa").find_in("aaaaa"), vec![0..2, 2..4]);
}

#[test]
fn search_blocks_returns_matches_in_order() {
    let d = doc(&["發展第一", "沒有", "发展與發展", "Development 發展"]);
    let query = q("发展");
    let cancel = AtomicBool::new(false);
    let all = search_blocks(&d, &query, 0..d.blocks.len(), &cancel);
    let expect = vec![
        Match {
            block: 0,
            bytes: 0..6,
        },
        Match {
            block: 2,
            bytes: 0..6,
        },
        Match {
            block: 2,
            bytes: 9..15,
        },
        Match {
            block: 3,
            bytes: 12..18,
        },
    ];
    assert_eq!(all, expect);
    for m in &all {
        let t = &d.block_text(m.block)[m.bytes.clone()];
        assert!(t == "發展" || t == "发展", "{t}");
    }
    // Chunks give the same result; ranges past the end are clamped.
    let mut chunked = search_blocks(&d, &query, 0..2, &cancel);
    chunked.extend(search_blocks(&d, &query, 2..100, &cancel));
    assert_eq!(chunked, expect);
    #[allow(clippy::reversed_empty_ranges)]
    let backwards = 7..3;
    assert!(search_blocks(&d, &query, backwards, &cancel).is_empty());
}

#[test]
fn cancel_stops_the_search() {
    let paragraphs: Vec<String> = (0..1000).map(|i| format!("第{i}段：發展")).collect();
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let d = doc(&refs);
    let query = q("发展");
    let cancel = AtomicBool::new(true);
    assert!(search_blocks(&d, &query, 0..d.blocks.len(), &cancel).is_empty());
    let go = AtomicBool::new(false);
    assert_eq!(
        search_blocks(&d, &query, 0..d.blocks.len(), &go).len(),
        1000
    );
}

#[test]
fn bundled_article_search() {
    let d = yuedu::document::open(
        yuedu::BUNDLED_ARTICLE.as_bytes(),
        "article.txt",
        &Default::default(),
    )
    .unwrap();
    let query = Query::with_hide("华为", &*engine(), yuedu::typography::hide_pinyin).unwrap();
    let hits = search_blocks(&d, &query, 0..d.blocks.len(), &AtomicBool::new(false));
    assert!(hits.len() >= 3, "{hits:?}");
    for m in &hits {
        assert_eq!(&d.block_text(m.block)[m.bytes.clone()], "華為");
    }
    let query = Query::with_hide("南京发布", &*engine(), yuedu::typography::hide_pinyin).unwrap();
    let hits = search_blocks(&d, &query, 0..d.blocks.len(), &AtomicBool::new(false));
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        &d.block_text(hits[0].block)[hits[0].bytes.clone()],
        "南京發(fā)布"
    );
}

use proptest::prelude::*;

proptest! {
    #[test]
    fn matches_are_valid_ranges_that_fold_to_the_query(
        src in proptest::collection::vec(proptest::sample::select(vec![
            "發", "发", "展", "(fā)", "(zhǎn)", "(", ")", "a", "A", "Ａ", "乾", "干", " ", "，", ",", "\n",
        ]), 0..40).prop_map(|v: Vec<&str>| v.concat()),
        query in proptest::sample::select(vec!["发展", "發", "a", "aa", "(", "展(", ",", "干a", "发 "]),
    ) {
        let query = q(query);
        let ranges = query.find_in(&src);
        let mut last = 0;
        for r in &ranges {
            prop_assert!(r.start >= last && r.start <= r.end && r.end <= src.len());
            prop_assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
            last = r.end;
            let again = Query::with_hide(&src[r.clone()], &*engine(), yuedu::typography::hide_pinyin);
            prop_assert_eq!(again.map(|a| a.folded().to_string()), Some(query.folded().to_string()));
        }
    }
}
