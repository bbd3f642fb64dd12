//! Per-file state: round trip, corrupt-file recovery, atomic concurrent writes, bounds.

use std::collections::BTreeMap;
use std::path::Path;

use yuedu::store::{content_key, FileState, SavedPosition, StateStore, MAX_FILES};

fn sample(name: &str, block: usize) -> FileState {
    let mut bookmarks = BTreeMap::new();
    bookmarks.insert('a', SavedPosition { block: 3, byte: 9 });
    bookmarks.insert('甲', SavedPosition { block: 7, byte: 0 });
    FileState {
        position: Some(SavedPosition { block, byte: 42 }),
        bookmarks,
        name: name.to_string(),
        ..FileState::default()
    }
}

fn assert_valid_json(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()));
}

#[test]
fn round_trip_through_a_new_store() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, w) = StateStore::open_at(dir.path());
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(store.get("k1"), None);
    store.put("k1", sample("小說.txt", 12)).unwrap();
    let got = store.get("k1").unwrap();
    assert!(got.updated_unix > 0, "put stamps the time");
    let (again, w) = StateStore::open_at(dir.path());
    assert!(w.is_empty(), "{w:?}");
    let back = again.get("k1").unwrap();
    assert_eq!(back, got);
    assert_eq!(back.bookmarks[&'甲'], SavedPosition { block: 7, byte: 0 });
    assert_eq!(
        back.position,
        Some(SavedPosition {
            block: 12,
            byte: 42
        })
    );
    assert_eq!(back.name, "小說.txt");
}

#[test]
fn forget_removes_only_that_document() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = StateStore::open_at(dir.path());
    store.put("a", sample("a", 1)).unwrap();
    store.put("b", sample("b", 2)).unwrap();
    assert!(store.forget("a").unwrap());
    assert!(!store.forget("a").unwrap());
    let (again, _) = StateStore::open_at(dir.path());
    assert_eq!(again.get("a"), None);
    assert_eq!(again.get("b").unwrap().position.unwrap().block, 2);
}

#[test]
fn corrupt_file_is_moved_aside_reported_once_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    std::fs::write(&path, b"{\"version\":1,\"files\":{\"k\":{\"position\":").unwrap();
    let (mut store, w) = StateStore::open_at(dir.path());
    assert_eq!(w.len(), 1, "{w:?}");
    let baks = backups(dir.path());
    assert_eq!(baks.len(), 1, "{baks:?}");
    assert!(w[0].contains(&baks[0].display().to_string()), "{}", w[0]);
    let bak = std::fs::read(&baks[0]).unwrap();
    assert!(bak.starts_with(b"{\"version\":1,\"files\":{\"k\""));
    assert_valid_json(&path);
    // Reported once: the next open is clean.
    let (_, w2) = StateStore::open_at(dir.path());
    assert!(w2.is_empty(), "{w2:?}");
    store.put("k", sample("x", 1)).unwrap();
    assert_valid_json(&path);
    assert_eq!(
        StateStore::open_at(dir.path()).0.get("k").unwrap().name,
        "x"
    );
}

#[test]
fn wrong_shape_json_counts_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("state.json"), b"[1, 2, 3]").unwrap();
    let (store, w) = StateStore::open_at(dir.path());
    assert_eq!(w.len(), 1);
    assert_eq!(store.get("k"), None);
    assert_eq!(backups(dir.path()).len(), 1);
}

/// The backups of `state.json` in `dir`, oldest first.
fn backups(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("state.json.bak-"))
        })
        .collect();
    v.sort();
    v
}

#[test]
fn other_instances_entries_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut one, _) = StateStore::open_at(dir.path());
    let (mut two, _) = StateStore::open_at(dir.path());
    one.put("from-one", sample("1", 1)).unwrap();
    two.put("from-two", sample("2", 2)).unwrap();
    one.put("from-one", sample("1", 11)).unwrap();
    let (fresh, _) = StateStore::open_at(dir.path());
    assert_eq!(fresh.get("from-one").unwrap().position.unwrap().block, 11);
    assert_eq!(fresh.get("from-two").unwrap().position.unwrap().block, 2);
}

#[test]
fn concurrent_writers_never_leave_a_corrupt_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writers: Vec<_> = (0..3)
        .map(|t| {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let (mut store, _) = StateStore::open_at(&dir);
                for i in 0..60 {
                    let mut s = sample(&format!("writer {t} round {i} {}", "長".repeat(i)), i);
                    s.bookmarks.insert('z', SavedPosition { block: t, byte: i });
                    store.put(&format!("doc-{t}"), s).unwrap();
                }
            })
        })
        .collect();
    let reader = {
        let path = path.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if let Ok(bytes) = std::fs::read(&path) {
                    serde_json::from_slice::<serde_json::Value>(&bytes)
                        .expect("state.json must always be complete JSON");
                    reads += 1;
                }
            }
            reads
        })
    };
    for w in writers {
        w.join().unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(reader.join().unwrap() > 0);
    assert_valid_json(&path);
    let (store, w) = StateStore::open_at(dir.path());
    assert!(w.is_empty());
    // Writes are serialised by the lock: every writer's last write is there, and no temp
    // files are left.
    for t in 0..3 {
        let got = store
            .get(&format!("doc-{t}"))
            .map(|s| s.position.unwrap().block);
        assert_eq!(got, Some(59), "writer {t}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "state.json" && n != "state.json.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_file_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    // Seed MAX_FILES + 20 entries with old timestamps directly, then put one.
    let mut files = serde_json::Map::new();
    for i in 0..MAX_FILES + 20 {
        files.insert(
            format!("old-{i:04}"),
            serde_json::json!({"position": null, "bookmarks": {}, "name": "", "updated_unix": 1000 + i}),
        );
    }
    let body = serde_json::json!({"version": 1, "files": files});
    std::fs::write(dir.path().join("state.json"), body.to_string()).unwrap();
    let (mut store, w) = StateStore::open_at(dir.path());
    assert!(w.is_empty(), "{w:?}");
    assert!(store.get("old-0000").is_some());
    store.put("new", sample("n", 1)).unwrap();
    let (again, _) = StateStore::open_at(dir.path());
    assert!(again.get("new").is_some());
    assert_eq!(again.recent().len(), MAX_FILES);
    // The 21 oldest are gone, the newest old ones stay.
    assert!(again.get("old-0020").is_none());
    assert!(again.get("old-0021").is_some());
    assert!(again.get(&format!("old-{:04}", MAX_FILES + 19)).is_some());
    assert_eq!(again.recent()[0].0, "new");
}

#[test]
fn content_key_depends_on_content_not_name() {
    let a = content_key("閱讀".as_bytes());
    assert_eq!(a, content_key("閱讀".as_bytes()));
    assert_ne!(a, content_key("阅读".as_bytes()));
    assert_eq!(a.len(), 32);
    assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_ne!(content_key(b""), content_key(b"\0"));
}

#[test]
fn content_key_of_large_files_samples_but_sees_ends_middle_and_length() {
    let big = vec![b'x'; 10 << 20];
    let base = content_key(&big);
    for at in [0, big.len() / 2, big.len() - 1] {
        let mut b = big.clone();
        b[at] = b'y';
        assert_ne!(content_key(&b), base, "change at {at}");
    }
    let mut longer = big.clone();
    longer.push(b'x');
    assert_ne!(content_key(&longer), base);
    // Just past the whole-hash limit and just under it both work.
    for n in [(3 << 20) - 1, 3 << 20, (3 << 20) + 1] {
        assert_eq!(content_key(&big[..n]).len(), 32);
    }
}
