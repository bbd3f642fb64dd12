//! Files of huge numbers of tiny lines (tracker issue 17, item 3): a run of one-line
//! paragraphs shares one entry of the block index (a group), and is shown, searched and
//! addressed exactly as the paragraphs it holds would be, each a block of its own.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use yuedu::document::blocks::{group_lines, Blocks, GROUP_MAX_LINES};
use yuedu::document::{open, BlockKind, Document, OpenOptions};
use yuedu::dump::write_dump;
use yuedu::layout::block::LayoutKey;
use yuedu::layout::view::{LineRef, View};
use yuedu::layout::{AmbiguousWidth, WrapOptions};
use yuedu::present::PresentOptions;
use yuedu::script::{Identity, Script, Scripter};
use yuedu::search::{search_blocks, Query};
use yuedu::units::Cells;

fn scripter() -> Scripter {
    Scripter::new(Arc::new(Identity), Script::Traditional)
}

fn plain(text: &str) -> Document {
    let opts = OpenOptions {
        format: Some(yuedu::document::Format::Plain),
        ..OpenOptions::default()
    };
    open(text.as_bytes(), "t.txt", &opts).unwrap()
}

/// The same document with every group split back into the one-line paragraphs it holds
/// (what the parser made before groups).
fn ungrouped(doc: &Document) -> Document {
    let mut blocks = Blocks::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if doc.blocks.is_group(i) {
            let text = doc.block_text(i);
            for r in group_lines(&text) {
                blocks.push_range(
                    BlockKind::Paragraph,
                    b.bytes.start + r.start..b.bytes.start + r.end,
                );
            }
        } else {
            blocks.push(b.to_block());
        }
    }
    Document {
        text: doc.whole_text().into_owned(),
        blocks,
        file_text: None,
        sections: Vec::new(),
        source: doc.source.clone(),
    }
}

fn key(width: usize, indent: bool, spacing: bool) -> LayoutKey {
    LayoutKey {
        present: PresentOptions::default(),
        wrap: WrapOptions {
            ambiguous: AmbiguousWidth::Narrow,
            ..WrapOptions::new(Cells(width))
        },
        paragraph_spacing: spacing,
        indent,
    }
}

fn dump(doc: &Document, key: &LayoutKey) -> String {
    let mut out = Vec::new();
    write_dump(&mut out, doc, &scripter(), key).unwrap();
    String::from_utf8(out).unwrap()
}

/// Short lines of every sort, blank lines and indents between them, and lines that are not
/// grouped (chapter lines, a long line that wraps, a `　　`-indented line, a list item).
fn mixed() -> String {
    let mut s = String::from("標題\n\n");
    for i in 0..700 {
        match i % 11 {
            0 => s.push_str(&format!("第{i}章 開始\n")),
            1 => s.push_str("y\n"),
            2 => s.push_str("中文测试行\n\n\n"),
            3 => s.push_str("　　他說：“好。”\n"),
            4 => s.push_str("  hello world  \n"),
            5 => s.push_str(&"很長的一行，".repeat(30)),
            6 => s.push_str("\n是。\n"),
            7 => s.push_str("* 一項\n"),
            _ => s.push_str("y\n"),
        }
    }
    s
}

#[test]
fn a_million_tiny_lines_cost_a_bounded_index() {
    let doc = plain(&"y\n".repeat(1_000_000));
    // Before: one block a line, ten bytes each (10 MB for 2 MB of text).
    assert!(
        doc.blocks.len() <= 1_000_000 / GROUP_MAX_LINES + 1,
        "{} blocks",
        doc.blocks.len()
    );
    assert!(
        doc.blocks.heap_bytes() <= 1_000_000 / 10,
        "{} bytes of index",
        doc.blocks.heap_bytes()
    );
    let doc = plain(&"中文测试行\n".repeat(200_000));
    assert!(
        doc.blocks.heap_bytes() <= 200_000,
        "{}",
        doc.blocks.heap_bytes()
    );
}

#[test]
fn groups_are_shown_as_the_paragraphs_they_hold() {
    for text in [mixed(), "y\n".repeat(5000), "中文测试行\n\n".repeat(999)] {
        let doc = plain(&text);
        assert!((0..doc.blocks.len()).any(|i| doc.blocks.is_group(i)));
        let old = ungrouped(&doc);
        assert!(old.blocks.len() > doc.blocks.len());
        for (width, indent, spacing) in [(40, false, true), (17, true, true), (60, true, false)] {
            let k = key(width, indent, spacing);
            assert_eq!(dump(&doc, &k), dump(&old, &k), "width {width}");
        }
    }
}

/// Every screen line, walked down with the view, starts at the same source offset with and
/// without groups, and each such place finds its line again (scrolling, `+N`, marks).
#[test]
fn the_view_walks_groups_line_by_line_at_the_same_offsets() {
    let doc = plain(&mixed());
    let old = ungrouped(&doc);
    let sc = scripter();
    for spacing in [true, false] {
        let k = key(23, true, spacing);
        let offsets = |d: &Document| {
            let mut v = View::new(k);
            let mut r = Some(LineRef::default());
            let mut out = Vec::new();
            while let Some(line) = r {
                let p = v.position_of(d, &sc, line);
                out.push(d.blocks.bytes(p.block).start + p.byte);
                let back = v.line_of(d, &sc, p);
                assert_eq!(v.position_of(d, &sc, back), p, "{line:?}");
                r = v.next(d, &sc, line);
            }
            out
        };
        assert_eq!(offsets(&doc), offsets(&old), "spacing {spacing}");
    }
}

#[test]
fn search_finds_the_same_places_and_no_match_runs_across_lines() {
    let doc = plain(&mixed());
    let old = ungrouped(&doc);
    let cancel = AtomicBool::new(false);
    for q in ["y", "中文", "hello world", "好。", "y y", "行 y", "是"] {
        let query = Query::new(q, &Identity).unwrap();
        let at = |d: &Document| {
            search_blocks(d, &query, 0..d.blocks.len(), &cancel)
                .into_iter()
                .map(|m| {
                    let s = d.blocks.bytes(m.block).start;
                    s + m.bytes.start..s + m.bytes.end
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(at(&doc), at(&old), "{q}");
    }
}

/// Places and bookmarks are saved by the block index the document would have with no groups
/// (as state files written before groups have them), and come back to the same offset.
#[test]
fn saved_places_keep_their_meaning() {
    let doc = plain(&mixed());
    let old = ungrouped(&doc);
    assert!(!doc.blocks.is_empty());
    for j in 0..old.blocks.len() {
        let len = old.blocks.bytes(j).len();
        for byte in [0, len / 2, len] {
            let at = old.blocks.bytes(j).start + byte;
            let (b, k) = doc.grouped_position(j, byte);
            assert_eq!(doc.blocks.bytes(b).start + k, at, "block {j} byte {byte}");
            assert_eq!(
                doc.ungrouped_position(b, k),
                (j, byte),
                "block {j} byte {byte}"
            );
        }
    }
    // A place between two lines of a group (in the blank lines) is saved at the end of the
    // first, where its spacing line is.
    let (g, a) = (0..doc.blocks.len())
        .filter(|&i| doc.blocks.is_group(i))
        .find_map(|i| {
            let text = doc.block_text(i);
            let lines: Vec<_> = group_lines(&text).collect();
            let k = lines.windows(2).position(|w| w[1].start > w[0].end + 1)?;
            Some((i, (k, lines[k].clone())))
        })
        .unwrap();
    let (k, line) = a;
    let u = doc.blocks.ungrouped_index(g) + k;
    assert_eq!(doc.ungrouped_position(g, line.end + 1), (u, line.len()));
}

/// More blocks than one mark of the running line count (1024) apart: the index of a block with
/// no groups and back, across marks.
#[test]
fn ungrouped_indices_across_many_blocks() {
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!("第{i}章\n一\n二\n"));
        if i % 7 == 0 {
            text.push_str("三\n四\n");
        }
    }
    let doc = plain(&text);
    assert!(doc.blocks.len() > 3 * 1024);
    let mut u = 0;
    for i in 0..doc.blocks.len() {
        assert_eq!(doc.blocks.ungrouped_index(i), u, "block {i}");
        for k in 0..doc.blocks.lines_in(i) {
            let want = (i, if doc.blocks.is_group(i) { k } else { 0 });
            assert_eq!(doc.blocks.from_ungrouped(u + k), want);
        }
        u += doc.blocks.lines_in(i);
    }
    assert_eq!(doc.blocks.ungrouped_index(doc.blocks.len()), u);
}
