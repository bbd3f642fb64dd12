//! Fuzz target `state`: any bytes as `state.json` must parse without panicking into good
//! entries plus damaged ones (or one reason the file is damaged), and the good entries must
//! survive a write and a read unchanged, with nothing reported damaged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuedu::store::state::parse_entries;

fuzz_target!(|data: &[u8]| {
    let Ok((files, _damaged)) = parse_entries(data) else {
        return;
    };
    let body = serde_json::json!({ "version": 1, "files": files });
    let bytes = serde_json::to_vec(&body).expect("entries serialise");
    let (back, damaged) = parse_entries(&bytes).expect("written entries parse");
    assert!(damaged.is_empty(), "{damaged:?}");
    assert_eq!(back, files);
});
