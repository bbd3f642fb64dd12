//! The fast paths agree with the plain ones: in-place matching with whole-block folding, and
//! the whole-range prefilter scan with examining every block.

use std::sync::atomic::AtomicBool;

use proptest::prelude::*;

use super::*;
use crate::document::{Block, BlockKind};
use crate::script::builtin::Builtin;

fn query(q: &str) -> Query {
    Query::new(q, &Builtin).expect("non-empty")
}

fn pinyin_pieces() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            "發", "发", "展", "(fā)", "(zhǎn)", "(", ")", "a", "f", "ā", "布", " ", "的",
        ]),
        0..30,
    )
    .prop_map(|v| v.concat())
}

fn pieces() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            "發", "发", "髮", "展", "a", "A", "Ａ", "ａ", "乾", "干", "幹", " ", "，", ",", "\n",
            "的", "𠀀",
        ]),
        0..30,
    )
    .prop_map(|v| v.concat())
}

fn doc_of(paragraphs: &[String], gap: &str) -> Document {
    let mut text = String::new();
    let mut blocks = Vec::new();
    for p in paragraphs {
        let start = text.len();
        text.push_str(p);
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            bytes: start..text.len(),
            spans: vec![],
            annotations: vec![],
        });
        text.push_str(gap);
    }
    Document {
        text,
        blocks: blocks.into(),
        ..Default::default()
    }
}

fn per_block(doc: &Document, q: &Query, blocks: Range<usize>) -> Vec<Match> {
    blocks
        .flat_map(|block| {
            q.find_in(&doc.block_text(block))
                .into_iter()
                .map(move |bytes| Match { block, bytes })
        })
        .collect()
}

proptest! {
    #[test]
    fn in_place_matching_agrees_with_folding(
        src in pieces(),
        q in proptest::sample::select(vec!["发", "發展", "a", "aa", ",", "干 ", "的的", "𠀀a"]),
    ) {
        let q = query(q);
        let mut folded = Folded::default();
        prop_assert_eq!(q.find_direct(&src), q.find_folded(&src, &mut folded));
        prop_assert_eq!(q.find_in(&src), q.find_folded(&src, &mut folded));
    }

    #[test]
    fn fast_paths_agree_with_hiding_and_folding_everything(
        src in pinyin_pieces(),
        q in proptest::sample::select(vec!["发展", "發", "的发", "fā", "a", "(", "展(", "布 ", "发(fā)展"]),
    ) {
        let q = Query::with_hide(q, &Builtin, crate::typography::hide_pinyin).expect("non-empty");
        let mut folded = Folded::default();
        prop_assert_eq!(q.find_in(&src), q.find_folded(&src, &mut folded));
    }

    #[test]
    fn range_scan_agrees_with_every_block(
        paragraphs in proptest::collection::vec(pieces(), 0..12),
        gap in proptest::sample::select(vec!["\n", "", "發"]),
        q in proptest::sample::select(vec!["发", "發展", "a", ",", "的"]),
        a in 0usize..14,
        b in 0usize..14,
    ) {
        let doc = doc_of(&paragraphs, gap);
        let q = query(q);
        let go = AtomicBool::new(false);
        let expect = per_block(&doc, &q, a.min(doc.blocks.len())..b.min(doc.blocks.len()).max(a.min(doc.blocks.len())));
        prop_assert_eq!(search_blocks(&doc, &q, a..b, &go), expect);
    }
}

#[test]
fn blocks_out_of_order_are_searched_one_by_one() {
    let mut doc = doc_of(&["發展一".into(), "沒有".into(), "二发展".into()], "\n");
    doc.blocks.swap(0, 2);
    let q = query("发展");
    let got = search_blocks(&doc, &q, 0..3, &AtomicBool::new(false));
    assert_eq!(
        got,
        vec![
            Match {
                block: 0,
                bytes: 3..9
            },
            Match {
                block: 2,
                bytes: 0..6
            }
        ]
    );
}

#[test]
fn cancel_during_a_range_scan() {
    let paragraphs: Vec<String> = (0..50).map(|i| format!("{i}發展")).collect();
    let doc = doc_of(&paragraphs, "\n");
    let q = query("发展");
    assert!(search_blocks(&doc, &q, 0..50, &AtomicBool::new(true)).is_empty());
    assert_eq!(
        search_blocks(&doc, &q, 0..50, &AtomicBool::new(false)).len(),
        50
    );
}

/// Issue 13 (spaces): `第 1 章` typed with ASCII spaces finds the no-break spaces of an
/// exported manual, and NBSP typed finds ASCII spaces; U+3000 stays itself.
#[test]
fn no_break_spaces_fold_to_space() {
    let q = query("第 1 章");
    assert_eq!(q.find_in("见第\u{a0}1\u{a0}章。"), vec![3..14]);
    assert_eq!(q.find_in("第\u{2009}1\u{202f}章"), vec![0..13]);
    assert_eq!(q.find_in("第 1 章"), vec![0..9]);
    assert!(q.find_in("第\u{3000}1\u{3000}章").is_empty());
    assert_eq!(query("\u{a0}1").find_in("第 1 章"), vec![3..5]);
    let d = doc_of(
        &[
            "前言".to_string(),
            "第\u{a0}1\u{a0}章\u{a0}教程".to_string(),
        ],
        "\n",
    );
    let found = search_blocks(&d, &q, 0..d.blocks.len(), &AtomicBool::new(false));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].block, 1);
}
