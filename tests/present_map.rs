//! The present layer's offset maps: unit cases and properties over random mixes of Han text,
//! pinyin annotations, half-width punctuation, Latin words and length-changing conversions.

use std::sync::Arc;

use proptest::prelude::*;
use yuedu::document::{BlockKind, InlineStyle, StyleSpan};
use yuedu::present::{present, OffsetMap, PresentOptions, Typography};
use yuedu::script::builtin::Builtin;
use yuedu::script::{Config, Converter, Identity, Script, Scripter, Variant};
use yuedu::units::{PresentedByte, SourceByte};

/// A toy engine with the shapes real conversions have: same-length swaps (`發` → `发`), a
/// phrase that changes the char count (`U盘` → `隨身碟`), a char whose UTF-8 length changes
/// (`𠀀` → `丁`).
struct Toy;

impl Converter for Toy {
    fn name(&self) -> &'static str {
        "toy"
    }
    fn convert(&self, _config: Config, text: &str) -> String {
        text.replace("U盘", "隨身碟")
            .replace('發', "发")
            .replace('業', "业")
            .replace('𠀀', "丁")
    }
}

fn scripter(engine: Arc<dyn Converter>) -> Scripter {
    Scripter::new(engine, Script::Simplified)
}

fn opts(variant: Variant, typography: Typography) -> PresentOptions {
    PresentOptions {
        variant,
        typography,
    }
}

#[test]
fn identity_is_exact_everywhere() {
    let m = OffsetMap::identity(12);
    for b in 0..=12 {
        assert_eq!(m.to_source(PresentedByte(b)).0, b);
        assert_eq!(m.to_display(SourceByte(b)).0, b);
    }
}

#[test]
fn from_anchors_steps() {
    let m = OffsetMap::from_anchors(vec![(0, 0), (3, 5), (6, 8)]);
    assert_eq!(m.to_source(PresentedByte(2)).0, 0);
    assert_eq!(m.to_source(PresentedByte(3)).0, 5);
    assert_eq!(m.to_display(SourceByte(7)).0, 3);
    assert_eq!(m.to_display(SourceByte(8)).0, 6);
}

#[test]
fn composition_keeps_inner_deletions_and_outer_copies() {
    // inner: "發(fā)展" → "發展"; outer: "發展" → "发展" (same lengths, a copy).
    let (a, inner) = yuedu::typography::hide_pinyin("發(fā)展");
    assert_eq!(a, "發展");
    let outer = OffsetMap::identity(a.len());
    let m = outer.then(&inner);
    assert_eq!(m.to_display(SourceByte(8)).0, 3);
    assert_eq!(m.to_display(SourceByte(3)).0, 3); // the `(` of the annotation: end of 發
    assert_eq!(m.to_source(PresentedByte(3)).0, 8);
    assert_eq!(m.to_source(PresentedByte(1)).0, 1);
    assert_eq!(m.to_source(PresentedByte(6)).0, 11);
    assert_eq!(m.to_display(SourceByte(11)).0, 6);
}

#[test]
fn fa_zhan_through_present() {
    let src = "發(fā)展";
    let zhan_src = src.find('展').unwrap();
    for (engine, want) in [
        (Arc::new(Identity) as Arc<dyn Converter>, "發展"),
        (Arc::new(Builtin), "发展"),
    ] {
        let p = present(
            src,
            BlockKind::Paragraph,
            &[],
            &opts(Variant::Simplified, Typography::TIDY),
            &scripter(engine),
        );
        assert_eq!(p.text, want);
        assert_eq!(p.map.to_display(SourceByte(zhan_src)).0, 3);
        assert_eq!(p.map.to_source(PresentedByte(3)).0, zhan_src);
        assert_eq!(p.map.to_display(SourceByte(src.len())).0, p.text.len());
        // With typography off the annotation is shown, and 展 is after it.
        let orig = present(
            src,
            BlockKind::Paragraph,
            &[],
            &opts(Variant::Simplified, Typography::ORIGINAL),
            &scripter(Arc::new(Identity)),
        );
        assert_eq!(orig.map.to_display(SourceByte(zhan_src)).0, zhan_src);
    }
}

/// The sentence after a length-changing phrase stays where it was.
#[test]
fn usb_drive_phrase_keeps_clause_boundaries() {
    let src = "把文件存到U盘,再發(fā)給我。好的";
    let engines: [(Arc<dyn Converter>, Variant, &str); 2] = [
        (
            Arc::new(Toy),
            Variant::Simplified,
            "把文件存到隨身碟，再发給我。好的",
        ),
        (
            Arc::new(Builtin),
            Variant::Taiwan,
            "把檔案存到隨身碟，再發給我。好的",
        ),
    ];
    for (engine, variant, want) in engines {
        let p = present(
            src,
            BlockKind::Paragraph,
            &[],
            &opts(variant, Typography::TIDY),
            &scripter(engine),
        );
        assert_eq!(p.text, want);
        // Clause starts: 再 and 好.
        for (s, d) in [("再", "再"), ("好", "好")] {
            let s_byte = src.find(s).unwrap();
            let d_byte = p.text.find(d).unwrap();
            assert_eq!(p.map.to_display(SourceByte(s_byte)).0, d_byte, "{s}");
            assert_eq!(p.map.to_source(PresentedByte(d_byte)).0, s_byte, "{s}");
        }
        // Inside the changed clause, a position maps to the clause start (not past it).
        let pan = src.find('盘').unwrap();
        let anchors: Vec<_> = p.map.anchors().collect();
        assert!(
            p.map.to_display(SourceByte(pan)).0 <= p.text.find('碟').unwrap(),
            "{anchors:?} {pan} {}",
            p.map.to_display(SourceByte(pan)).0
        );
    }
}

#[test]
fn identical_clause_is_char_exact() {
    let src = "發展業務,U盘";
    let p = present(
        src,
        BlockKind::Paragraph,
        &[],
        &opts(Variant::Simplified, Typography::TIDY),
        &scripter(Arc::new(Toy)),
    );
    assert_eq!(p.text, "发展业務，隨身碟");
    for (i, _) in src.char_indices().take(4) {
        assert_eq!(p.map.to_display(SourceByte(i)).0, i);
        assert_eq!(p.map.to_source(PresentedByte(i)).0, i);
    }
}

#[test]
fn code_blocks_are_untouched() {
    let src = "let 發(fā) = a,b; // 業務:U盘";
    let p = present(
        src,
        BlockKind::Preformatted,
        &[],
        &opts(Variant::Simplified, Typography::TIDY),
        &scripter(Arc::new(Toy)),
    );
    assert_eq!(p.text, src);
    assert_eq!(p.map, OffsetMap::identity(src.len()));
}

#[test]
fn style_spans_follow_the_text() {
    let src = "發(fā)展很**快**,U盘";
    // Spans in source bytes: 展, and the changed clause U盘.
    let zhan = src.find('展').unwrap();
    let u = src.find('U').unwrap();
    let spans = [
        StyleSpan {
            bytes: zhan..zhan + 3,
            style: InlineStyle::Strong,
        },
        StyleSpan {
            bytes: u + 1..src.len(),
            style: InlineStyle::Emphasis,
        },
    ];
    let p = present(
        src,
        BlockKind::Paragraph,
        &spans,
        &opts(Variant::Simplified, Typography::TIDY),
        &scripter(Arc::new(Toy)),
    );
    assert_eq!(&p.text[p.spans[0].bytes.clone()], "展");
    assert_eq!(&p.text[p.spans[1].bytes.clone()], "隨身碟");
}

const PIECES: &[&str] = &[
    "發",
    "展",
    "業",
    "務",
    "U盘",
    "𠀀",
    "(fā)",
    "(yè)",
    "(AI)",
    "(",
    ")",
    ",",
    ":",
    " :",
    ", ",
    "，",
    "。",
    "?",
    " ",
    "\n",
    "AI",
    "ICLR 2025",
    "90%",
    "é",
    "a",
    "1",
    ".",
    "https://a.cn/x,y",
];

fn mix() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn check_map(source: &str, display: &str, map: &OffsetMap) -> Result<(), TestCaseError> {
    prop_assert_eq!(map.to_source(PresentedByte(0)).0, 0);
    prop_assert_eq!(map.to_display(SourceByte(0)).0, 0);
    prop_assert_eq!(map.to_source(PresentedByte(display.len())).0, source.len());
    prop_assert_eq!(map.to_display(SourceByte(source.len())).0, display.len());
    let mut last = 0;
    for d in (0..=display.len()).filter(|&d| display.is_char_boundary(d)) {
        let s = map.to_source(PresentedByte(d)).0;
        prop_assert!(
            source.is_char_boundary(s),
            "to_source({}) = {} in {:?}",
            d,
            s,
            source
        );
        prop_assert!(s >= last, "to_source not monotone at {}", d);
        last = s;
        let back = map.to_display(SourceByte(s)).0;
        // At or before d; past it only over inserted text (a CJK–Latin space), which maps to
        // the source offset of what follows it.
        prop_assert!(
            back <= d || map.to_source(PresentedByte(back)).0 == s,
            "to_display(to_source({})) = {}",
            d,
            back
        );
        prop_assert!(display.is_char_boundary(back));
    }
    let mut last = 0;
    for s in (0..=source.len()).filter(|&s| source.is_char_boundary(s)) {
        let d = map.to_display(SourceByte(s)).0;
        prop_assert!(display.is_char_boundary(d), "to_display({}) = {}", s, d);
        prop_assert!(d >= last, "to_display not monotone at {}", s);
        last = d;
        // At or before s; past it only over deleted text (a hidden annotation, a dropped
        // space), which maps to the display offset of what follows it.
        let back = map.to_source(PresentedByte(d)).0;
        prop_assert!(back <= s || map.to_display(SourceByte(back)).0 == d);
        let end = map.to_display_end(SourceByte(s)).0;
        prop_assert!(end >= d && display.is_char_boundary(end));
    }
    Ok(())
}

fn all_typographies() -> Vec<Typography> {
    let mut v = Vec::new();
    for bits in 0..16u8 {
        v.push(Typography {
            hide_pinyin: bits & 1 != 0,
            fullwidth_punctuation: bits & 2 != 0,
            cjk_latin_space: bits & 4 != 0,
        });
    }
    v.dedup();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn maps_are_monotone_and_land_on_char_boundaries(src in mix()) {
        let sc = scripter(Arc::new(Toy));
        for variant in [Variant::Original, Variant::Simplified] {
            for ty in all_typographies() {
                let p = present(&src, BlockKind::Paragraph, &[], &opts(variant, ty), &sc);
                check_map(&src, &p.text, &p.map)?;
            }
        }
    }

    #[test]
    fn transforms_alone_are_sound(src in mix()) {
        for f in [
            yuedu::typography::hide_pinyin,
            yuedu::typography::tidy_punctuation,
            yuedu::typography::cjk_latin_space,
        ] {
            let (text, map) = f(&src);
            check_map(&src, &text, &map)?;
        }
    }

    /// Where the transforms keep a char, the map finds it.
    #[test]
    fn kept_han_chars_map_exactly(src in mix()) {
        let p = present(
            &src,
            BlockKind::Paragraph,
            &[],
            &opts(Variant::Original, Typography::TIDY),
            &scripter(Arc::new(Identity)),
        );
        for (s, c) in src.char_indices().filter(|&(_, c)| c == '展' || c == '務') {
            let d = p.map.to_display(SourceByte(s)).0;
            prop_assert_eq!(p.text[d..].chars().next(), Some(c));
            prop_assert_eq!(p.map.to_source(PresentedByte(d)).0, s);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// `then` agrees with applying the two maps one after the other.
    #[test]
    fn composition_matches_stepwise(src in mix()) {
        use yuedu::typography::{hide_pinyin, tidy_punctuation};
        let (a, inner) = hide_pinyin(&src);
        let (b, outer) = tidy_punctuation(&a);
        let m = outer.then(&inner);
        for d in (0..=b.len()).filter(|&d| b.is_char_boundary(d)) {
            prop_assert_eq!(m.to_source(PresentedByte(d)).0, inner.to_source(PresentedByte(outer.to_source(PresentedByte(d)).0)).0, "d={}", d);
        }
        for s in (0..=src.len()).filter(|&s| src.is_char_boundary(s)) {
            prop_assert_eq!(m.to_display(SourceByte(s)).0, outer.to_display(SourceByte(inner.to_display(SourceByte(s)).0)).0, "s={}", s);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Three stages (pinyin, a length-changing conversion, punctuation) compose exactly, except
    /// where two replaced gaps overlap in part (`U盘 :` → `隨身碟 :` → `隨身碟：`): there the
    /// composed gap is their union, so an offset maps to its start — earlier, never later.
    #[test]
    fn three_stage_composition_matches_stepwise(src in mix()) {
        use yuedu::present::convert::convert_clauses;
        use yuedu::typography::{hide_pinyin, tidy_punctuation};
        let sc = scripter(Arc::new(Toy));
        let (a, m1) = hide_pinyin(&src);
        let (b, m2) = convert_clauses(&a, Variant::Simplified, &sc);
        let (c, m3) = tidy_punctuation(&b);
        let m = m3.then(&m2.then(&m1));
        let p = present(&src, BlockKind::Paragraph, &[], &opts(Variant::Simplified, Typography::TIDY), &sc);
        prop_assert_eq!(&p.text, &c);
        for d in (0..=c.len()).filter(|&d| c.is_char_boundary(d)) {
            let step = m1.to_source(PresentedByte(m2.to_source(PresentedByte(m3.to_source(PresentedByte(d)).0)).0)).0;
            prop_assert!(m.to_source(PresentedByte(d)).0 <= step, "d={}", d);
            if !src.contains("U盘") {
                prop_assert_eq!(m.to_source(PresentedByte(d)).0, step, "d={}", d);
            }
            prop_assert_eq!(p.map.to_source(PresentedByte(d)).0, m.to_source(PresentedByte(d)).0, "d={}", d);
        }
        for s in (0..=src.len()).filter(|&s| src.is_char_boundary(s)) {
            let step = m3.to_display(SourceByte(m2.to_display(SourceByte(m1.to_display(SourceByte(s)).0)).0)).0;
            prop_assert!(m.to_display(SourceByte(s)).0 <= step, "s={}", s);
            if !src.contains("U盘") {
                prop_assert_eq!(m.to_display(SourceByte(s)).0, step, "s={}", s);
            }
            prop_assert_eq!(p.map.to_display(SourceByte(s)).0, m.to_display(SourceByte(s)).0, "s={}", s);
        }
    }
}

/// A clause whose char count changed is narrowed down to the phrase that changed.
#[test]
fn changed_clause_is_exact_outside_the_phrase() {
    // Not `U盘里面`: OpenCC segments `盘里` as a phrase there and keeps `U盤裡`.
    let src = "我把文件存到U盘上面的东西";
    let engines: [(Arc<dyn Converter>, Variant); 2] = [
        (Arc::new(Toy), Variant::Simplified),
        (Arc::new(Builtin), Variant::Taiwan),
    ];
    for (engine, variant) in engines {
        let p = present(
            src,
            BlockKind::Paragraph,
            &[],
            &opts(variant, Typography::TIDY),
            &scripter(engine),
        );
        assert!(p.text.contains("隨身碟"), "{}", p.text);
        // 我 … 到 before the phrase, and the 4 chars after it, map char for char.
        let src_chars: Vec<(usize, char)> = src.char_indices().collect();
        let shown: Vec<usize> = p.text.char_indices().map(|(i, _)| i).collect();
        let n_src = src_chars.len();
        let n_shown = shown.len();
        for k in (0..6).chain(n_src - 5..n_src) {
            let want = if k < 6 {
                shown[k]
            } else {
                shown[n_shown - (n_src - k)]
            };
            assert_eq!(
                p.map.to_display(SourceByte(src_chars[k].0)).0,
                want,
                "{} char {k}",
                p.text
            );
            assert_eq!(
                p.map.to_source(PresentedByte(want)).0,
                src_chars[k].0,
                "{} char {k}",
                p.text
            );
        }
    }
}
