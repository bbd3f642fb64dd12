//! Property tests of the wrapper over random mixes of Han, full- and half-width punctuation,
//! Latin, digits, spaces, emoji and combining marks: width bound, nothing lost, no forbidden
//! line start or end unless the emergency rule forced it, determinism.

use proptest::prelude::*;
use yuedu::layout::linebreak::{is_no_end, is_no_start};
use yuedu::layout::width::str_width;
use yuedu::layout::{wrap, AmbiguousWidth, VisualLine, WrapOptions};
use yuedu::units::Cells;

/// Pieces the generator strings together.
const PIECES: &[&str] = &[
    "一",
    "二",
    "漢",
    "字",
    "發",
    "，",
    "。",
    "、",
    "；",
    "：",
    "！",
    "？",
    "“",
    "”",
    "‘",
    "’",
    "《",
    "》",
    "（",
    "）",
    "「",
    "」",
    "——",
    "……",
    "…",
    "·",
    "%",
    "％",
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "(",
    ")",
    "[",
    "]",
    "a",
    "b",
    "Z",
    "word",
    "OpenVid-1M",
    "https://a.cn/x",
    "0",
    "7",
    "2017",
    "90%",
    " ",
    " ",
    "  ",
    "\u{3000}",
    "😀",
    "👩\u{200d}💻",
    "❤\u{fe0f}",
    "e\u{301}",
    "(fā)",
    "-",
    "/",
    "\t",
    "\n",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn opts() -> impl Strategy<Value = WrapOptions> {
    (2usize..40, any::<bool>(), any::<bool>()).prop_map(|(w, wide, cjk)| WrapOptions {
        ambiguous: if wide {
            AmbiguousWidth::Wide
        } else {
            AmbiguousWidth::Narrow
        },
        cjk_rules: cjk,
        ..WrapOptions::new(Cells(w))
    })
}

/// The smallest width that can hold every grapheme cluster of `text`: below it a single
/// cluster may overflow (a 2-cell char at width 1), which the rules allow.
fn widest_cluster(text: &str, amb: AmbiguousWidth) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    text.graphemes(true)
        .map(|g| str_width(g, amb).0)
        .max()
        .unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn lines_fit_and_nothing_is_lost(text in text(), opts in opts()) {
        let lines = wrap(&text, &opts);
        prop_assert!(!lines.is_empty());
        let w = opts.width.0.max(widest_cluster(&text, opts.ambiguous));
        let mut pos = 0;
        for l in &lines {
            let s = &text[l.bytes.clone()];
            prop_assert!(l.width.0 <= w, "too wide: {:?} ({} > {})", s, l.width, w);
            prop_assert_eq!(l.width, str_width(s, opts.ambiguous), "width of {:?}", s);
            prop_assert!(!s.contains('\n'));
            // The gap since the previous line holds only dropped break spaces and at most one '\n'.
            let gap = &text[pos..l.bytes.start];
            prop_assert!(gap.chars().all(|c| c == ' ' || c == '\n'), "lost {:?}", gap);
            prop_assert!(gap.matches('\n').count() <= 1);
            if !opts.cjk_rules {
                prop_assert!(!gap.contains(' '), "code must keep its spaces: {:?}", gap);
            }
            pos = l.bytes.end;
        }
        prop_assert!(text[pos..].chars().all(|c| c == ' '));
        prop_assert_eq!(lines.len(), text.matches('\n').count() + lines_within(&lines, &text));
    }

    #[test]
    fn no_forbidden_start_or_end_unless_forced(text in text(), w in 6usize..40) {
        let opts = WrapOptions::new(Cells(w));
        let lines = wrap(&text, &opts);
        for pair in lines.windows(2) {
            let (a, b) = (&text[pair[0].bytes.clone()], &text[pair[1].bytes.clone()]);
            if text[pair[0].bytes.end..pair[1].bytes.start].contains('\n') || a.is_empty() || b.is_empty() {
                continue; // a hard break, not a wrap
            }
            // Forced: the line was full and the group running across the break (from the last
            // allowed break of the first line) does not fit in a line of its own.
            let forced = forced(&text, &pair[0], &pair[1], &opts);
            let last = a.chars().next_back().unwrap_or(' ');
            let first = b.chars().next().unwrap_or(' ');
            prop_assert!(forced || !is_no_start(first), "starts with {first:?}: {a:?} / {b:?}");
            prop_assert!(forced || !is_no_end(last), "ends with {last:?}: {a:?} / {b:?}");
            prop_assert!(forced || !(last == first && (first == '—' || first == '…')), "split pair: {a:?} / {b:?}");
            prop_assert!(forced || pair[0].bytes.end != pair[1].bytes.start || !(last.is_ascii_digit() && first.is_ascii_digit()), "digits split: {a:?} / {b:?}");
        }
    }

    #[test]
    fn hanging_punctuation_stays_in_the_gutter(text in text(), w in 4usize..40) {
        let opts = WrapOptions { hanging_punctuation: true, ..WrapOptions::new(Cells(w)) };
        let mut pos = 0;
        for l in wrap(&text, &opts) {
            let s = &text[l.bytes.clone()];
            prop_assert!(text[pos..l.bytes.start].chars().all(|c| c == ' ' || c == '\n'));
            pos = l.bytes.end;
            if l.width.0 > w {
                let last = s.chars().next_back().unwrap_or(' ');
                prop_assert!(l.width.0 <= w + 2, "{:?} is {} > {} + 2", s, l.width, w);
                prop_assert!("、，。,.".contains(last), "{:?} overflows without hanging", s);
            }
        }
    }

    #[test]
    fn deterministic(text in text(), opts in opts()) {
        prop_assert_eq!(wrap(&text, &opts), wrap(&text, &opts));
    }

    #[test]
    fn unwrapped_is_one_line_per_hard_line(text in text()) {
        let lines = wrap(&text, &WrapOptions::new(Cells(0)));
        let hard: Vec<&str> = text.split('\n').collect();
        prop_assert_eq!(lines.len(), hard.len());
        for (l, h) in lines.iter().zip(hard) {
            prop_assert_eq!(&text[l.bytes.clone()], h);
        }
    }
}

/// Number of soft (wrap) breaks: lines minus hard lines, plus one.
fn lines_within(lines: &[VisualLine], text: &str) -> usize {
    let soft = lines
        .windows(2)
        .filter(|p| !text[p[0].bytes.end..p[1].bytes.start].contains('\n'))
        .count();
    soft + 1
}

/// True when the break between `a` and `b` could only come from the emergency rule: the
/// group between the last break opportunity at or before the break and the next one after it
/// (by the hard line's own analysis) is wider than the column.
fn forced(text: &str, a: &VisualLine, b: &VisualLine, opts: &WrapOptions) -> bool {
    use yuedu::layout::linebreak::{analyze, Class, Penalty};
    let line_start = text[..a.bytes.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[b.bytes.end..]
        .find('\n')
        .map_or(text.len(), |p| b.bytes.end + p);
    let mut v = Vec::new();
    analyze(&text[line_start..line_end], opts.ambiguous, true, &mut v);
    let gap_end = b.bytes.start - line_start;
    let brk = v
        .iter()
        .position(|c| c.start_byte >= gap_end)
        .unwrap_or(v.len());
    let allowed = |i: usize| v[i].before == Penalty::Allowed;
    let from = (1..=brk.min(v.len().saturating_sub(1)))
        .rev()
        .find(|&i| allowed(i))
        .unwrap_or(0);
    let to = (brk + 1..v.len()).find(|&i| allowed(i)).unwrap_or(v.len());
    // The group as one line would draw it: inner spaces count, trailing spaces are dropped.
    let solid_to = (from..to)
        .rev()
        .find(|&i| v[i].class != Class::Space)
        .map_or(from, |i| i + 1);
    let group: usize = v[from..solid_to].iter().map(|c| usize::from(c.width)).sum();
    group > opts.width.0
}
