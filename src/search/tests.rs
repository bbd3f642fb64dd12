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
        blocks,
        ..Default::default()
    }
}

fn per_block(doc: &Document, q: &Query, blocks: Range<usize>) -> Vec<Match> {
    blocks
        .flat_map(|block| {
            q.find_in(doc.block_text(block))
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
