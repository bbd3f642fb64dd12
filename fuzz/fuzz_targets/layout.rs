//! Fuzz target `layout`: any UTF-8 text at any width and options must wrap without panicking,
//! with every line within the column (or a single over-wide cluster), widths that agree with
//! `str_width`, and nothing lost but break spaces.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuedu::layout::width::str_width;
use yuedu::layout::{wrap, AmbiguousWidth, WrapOptions};
use yuedu::units::Cells;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let opts = WrapOptions {
        width: Cells(usize::from(flags & 0x3f)),
        ambiguous: if flags & 0x40 != 0 {
            AmbiguousWidth::Wide
        } else {
            AmbiguousWidth::Narrow
        },
        hanging_punctuation: false,
        cjk_rules: flags & 0x80 == 0,
    };
    let lines = wrap(text, &opts);
    assert!(!lines.is_empty());
    let mut pos = 0;
    for l in &lines {
        let s = &text[l.bytes.clone()];
        assert_eq!(l.width, str_width(s, opts.ambiguous));
        if opts.width.0 > 0 && l.width > opts.width {
            // Only a lone cluster wider than the column may overflow.
            assert_eq!(
                unicode_segmentation_count(s),
                1,
                "line {s:?} is {} > {}",
                l.width,
                opts.width
            );
        }
        let gap = &text[pos..l.bytes.start];
        assert!(gap.chars().all(|c| c == ' ' || c == '\n'), "lost {gap:?}");
        pos = l.bytes.end;
    }
    assert!(text[pos..].chars().all(|c| c == ' '));
});

/// Grapheme clusters in `s`, counted through the wrapper itself at width 1 with no rules:
/// each cluster then gets a line of its own.
fn unicode_segmentation_count(s: &str) -> usize {
    let opts = WrapOptions {
        cjk_rules: false,
        ..WrapOptions::new(Cells(1))
    };
    wrap(s, &opts).len()
}
