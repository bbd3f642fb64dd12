//! Fuzz target `sanitize`: any text through the sanitizer (with SGR/overstrike styles) must
//! come out without a control, bidi or format character (LF aside), be stable (sanitizing the
//! result changes nothing and counts nothing), and give style spans inside the result on
//! character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuedu::document::sanitize::{is_neutralised, sanitize, sanitize_styled};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let tabs = text.matches('\t').count();
    let (out, _count, spans) = sanitize_styled(text.clone());
    assert!(
        !out.chars().any(|c| c != '\n' && is_neutralised(c)),
        "{out:?}"
    );
    // Tabs grow by at most 8 cells each, U+2029 (3 bytes) becomes 2: nothing else grows.
    assert!(out.len() <= text.len() + 8 * tabs);
    for s in &spans {
        assert!(s.bytes.start <= s.bytes.end && s.bytes.end <= out.len());
        assert!(out.is_char_boundary(s.bytes.start) && out.is_char_boundary(s.bytes.end));
    }
    let (again, n) = sanitize(out.clone());
    assert_eq!((again.as_str(), n), (out.as_str(), 0), "not stable");
});
