//! Property tests for the sanitizer and the state loader: what the fuzz targets
//! (`fuzz/fuzz_targets/sanitize.rs`, `state.rs`) check, run in CI on generated hostile input.

use proptest::prelude::*;
use yuedu::document::sanitize::{is_neutralised, sanitize, sanitize_styled};
use yuedu::store::state::parse_entries;

/// Pieces hostile text is made of: text, line ends, tabs, every kind of control and the
/// pieces of escape sequences (introducers, parameters, terminators), so that generated
/// strings contain whole, broken and nested sequences.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("中文".to_string()),
        Just("“引號”……——".to_string()),
        Just("abc 12".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("\x1b".to_string()),
        Just("\x1b[".to_string()),
        Just("\x1b]".to_string()),
        Just("\x1bP".to_string()),
        Just("\x1b\\".to_string()),
        Just("\x07".to_string()),
        Just("\x08".to_string()),
        Just("_".to_string()),
        Just(";".to_string()),
        Just("31m".to_string()),
        Just("0;".to_string()),
        Just("\u{9b}".to_string()),
        Just("\u{9c}".to_string()),
        Just("\u{9d}".to_string()),
        Just("\u{90}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{2067}".to_string()),
        Just("\u{200f}".to_string()),
        Just("\u{61c}".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{2029}".to_string()),
        Just("\u{e0041}".to_string()),
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn sanitized_text_is_inert_stable_and_spans_are_inside(text in hostile()) {
        let tabs = text.matches('\t').count();
        let (out, _, spans) = sanitize_styled(text.clone());
        prop_assert!(!out.chars().any(|c| c != '\n' && is_neutralised(c)), "{:?}", out);
        prop_assert!(out.len() <= text.len() + 8 * tabs);
        for s in &spans {
            prop_assert!(s.bytes.start <= s.bytes.end && s.bytes.end <= out.len());
            prop_assert!(out.is_char_boundary(s.bytes.start) && out.is_char_boundary(s.bytes.end));
        }
        let (again, n) = sanitize(out.clone());
        prop_assert_eq!((again.as_str(), n), (out.as_str(), 0));
    }

    #[test]
    fn text_around_a_stray_c1_survives(
        before in "[一-龥]{1,8}",
        c1 in 0x80u32..0xa0,
        after in "[一-龥，。]{1,20}",
    ) {
        let c1 = char::from_u32(c1).unwrap();
        let (out, n) = sanitize(format!("{before}{c1}{after}\n"));
        prop_assert_eq!(out, format!("{before}{after}\n"));
        prop_assert_eq!(n, 1);
    }

    #[test]
    fn the_state_loader_never_panics_and_round_trips(value in json()) {
        let body = serde_json::json!({"version": 1, "files": {"k": value.clone(), "j": value}});
        let bytes = serde_json::to_vec(&body).unwrap();
        let (files, damaged) = parse_entries(&bytes).expect("the shape is right");
        prop_assert_eq!(files.len() + damaged.len(), 2);
        let again = serde_json::to_vec(&serde_json::json!({"version": 1, "files": files})).unwrap();
        let (back, none) = parse_entries(&again).unwrap();
        prop_assert!(none.is_empty());
        prop_assert_eq!(back, files);
    }

    #[test]
    fn the_state_loader_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse_entries(&bytes);
    }
}

/// JSON values shaped like state entries, with every field sometimes of the wrong type.
fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(|f| json!(f)),
        "[a-z一-丁]{0,3}".prop_map(Value::from),
    ];
    let position = prop_oneof![
        scalar.clone(),
        (scalar.clone(), scalar.clone()).prop_map(|(b, y)| json!({"block": b, "byte": y})),
        (any::<u32>(), any::<u32>()).prop_map(|(b, y)| json!({"block": b, "byte": y})),
    ];
    let key = prop_oneof![Just("a".to_string()), Just("甲".to_string()), "[a-z]{0,3}"];
    let bookmarks = prop_oneof![
        scalar.clone(),
        prop::collection::btree_map(key, position.clone(), 0..3)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
    ];
    (position, bookmarks, scalar.clone(), scalar, "[a-z_]{1,6}").prop_map(
        |(position, bookmarks, name, updated, extra)| {
            json!({
                "position": position,
                "bookmarks": bookmarks,
                "name": name,
                "updated_unix": updated,
                extra: 1,
            })
        },
    )
}

/// Found by the `state` fuzz target: a huge number in an unknown field changed its last digit
/// between a read and the next (serde_json's fast float parsing is not exact; the
/// `float_roundtrip` feature makes it so).
#[test]
fn unknown_numbers_survive_a_round_trip_exactly() {
    let bytes = br#"{"version":1,"files":{"k":{"upda":17000009999999999999999999999999999999999999999999999999,"f":0.30000000000000004}}}"#;
    let (files, damaged) = parse_entries(bytes).unwrap();
    assert!(damaged.is_empty());
    let again = serde_json::to_vec(&serde_json::json!({"version": 1, "files": files})).unwrap();
    let (back, _) = parse_entries(&again).unwrap();
    assert_eq!(back, files);
}
