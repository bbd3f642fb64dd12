//! Fault injection for the state file: concurrent saves from separate processes, `kill -9`
//! during a save, damaged fields, a full file system.
//!
//! The multi-process tests re-run this test binary as the child (`current_exe` with the
//! child's test name and an environment variable saying what to do), so the children are real
//! processes with their own file descriptors and locks, exactly like two `yuedu`s.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use yuedu::store::{FileState, SavedPosition, StateStore};

/// Environment variables a child reads.
const CHILD_DIR: &str = "YUEDU_FAULT_DIR";
const CHILD_TAG: &str = "YUEDU_FAULT_TAG";
const CHILD_ROUNDS: &str = "YUEDU_FAULT_ROUNDS";

fn state(name: &str, block: usize) -> FileState {
    FileState {
        position: Some(SavedPosition { block, byte: 7 }),
        name: name.to_string(),
        ..FileState::default()
    }
}

/// Starts this test binary as a child running `test` with the given environment.
fn spawn_child(test: &str, dir: &Path, tag: &str, rounds: usize) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR, dir)
        .env(CHILD_TAG, tag)
        .env(CHILD_ROUNDS, rounds.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// The child's side: `rounds` saves, each of a new document `TAG-i`, through a store opened
/// once (like a reader saving bookmarks and then its place).
fn child_env() -> Option<(PathBuf, String, usize)> {
    let dir = std::env::var_os(CHILD_DIR)?;
    let tag = std::env::var(CHILD_TAG).ok()?;
    let rounds = std::env::var(CHILD_ROUNDS).ok()?.parse().ok()?;
    Some((PathBuf::from(dir), tag, rounds))
}

#[test]
fn child_saver() {
    let Some((dir, tag, rounds)) = child_env() else {
        return; // run directly: nothing to do
    };
    let (mut store, _) = StateStore::open_at(&dir);
    for i in 0..rounds {
        store
            .put(&format!("{tag}-{i}"), state(&format!("{tag} {i}"), i))
            .unwrap();
    }
}

#[test]
fn concurrent_saves_from_two_processes_lose_no_place() {
    let dir = tempfile::tempdir().unwrap();
    let rounds = 120; // 2 × 120 entries stay under MAX_FILES, so none is pruned
    let children: Vec<Child> = ["a", "b"]
        .iter()
        .map(|tag| spawn_child("child_saver", dir.path(), tag, rounds))
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let (store, w) = StateStore::open_at(dir.path());
    assert!(w.is_empty(), "{w:?}");
    let lost: Vec<String> = ["a", "b"]
        .iter()
        .flat_map(|tag| (0..rounds).map(move |i| format!("{tag}-{i}")))
        .filter(|k| store.get(k).is_none())
        .collect();
    assert!(lost.is_empty(), "{} places lost: {lost:?}", lost.len());
}

/// The backups of `state.json` in `dir`, oldest first.
fn backups(dir: &Path) -> Vec<PathBuf> {
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

fn good_entry(name: &str, block: i64) -> serde_json::Value {
    serde_json::json!({
        "position": {"block": block, "byte": 3},
        "bookmarks": {"a": {"block": 1, "byte": 0}},
        "name": name,
        "updated_unix": 1_700_000_000u64,
    })
}

/// Every way one entry can be damaged, field by field.
fn damaged_entries() -> Vec<(&'static str, serde_json::Value)> {
    use serde_json::json;
    let with = |field: &str, v: serde_json::Value| {
        let mut e = good_entry("壞.txt", 5);
        e[field] = v;
        e
    };
    vec![
        ("negative block", good_entry("壞.txt", -1)),
        (
            "byte a string",
            with("position", json!({"block": 1, "byte": "x"})),
        ),
        ("position a number", with("position", json!(7))),
        (
            "position missing block",
            with("position", json!({"byte": 1})),
        ),
        (
            "bookmark key of two characters",
            with("bookmarks", json!({"ab": {"block": 1, "byte": 0}})),
        ),
        ("bookmark value null", with("bookmarks", json!({"a": null}))),
        ("bookmarks a list", with("bookmarks", json!([1, 2]))),
        ("name a number", with("name", json!(12))),
        ("updated_unix negative", with("updated_unix", json!(-5))),
        ("updated_unix a float", with("updated_unix", json!(1.5))),
        ("shown a string", with("shown", json!("simplified"))),
        ("entry a number", json!(42)),
        ("entry null", json!(null)),
    ]
}

#[test]
fn a_damaged_entry_is_dropped_alone_reported_and_backed_up() {
    for (what, bad) in damaged_entries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let body = serde_json::json!({"version": 1, "files": {
            "good1": good_entry("一.txt", 10),
            "bad": bad,
            "good2": good_entry("二.txt", 20),
        }});
        let original = serde_json::to_vec_pretty(&body).unwrap();
        std::fs::write(&path, &original).unwrap();
        let (mut store, w) = StateStore::open_at(dir.path());
        assert_eq!(
            store.get("good1").unwrap().position.unwrap().block,
            10,
            "{what}"
        );
        assert_eq!(
            store.get("good2").unwrap().position.unwrap().block,
            20,
            "{what}"
        );
        assert!(store.get("bad").is_none(), "{what}");
        assert_eq!(w.len(), 1, "{what}: {w:?}");
        let baks = backups(dir.path());
        assert_eq!(baks.len(), 1, "{what}: {baks:?}");
        assert!(w[0].contains("1 damaged entry"), "{what}: {}", w[0]);
        assert!(
            w[0].contains(&baks[0].display().to_string()),
            "{what}: {}",
            w[0]
        );
        assert_eq!(std::fs::read(&baks[0]).unwrap(), original, "{what}: backup");
        // The file itself no longer holds it: the next open is clean, and saving works.
        let (again, w2) = StateStore::open_at(dir.path());
        assert!(w2.is_empty(), "{what}: {w2:?}");
        assert!(again.get("good1").is_some());
        store.put("new", state("新", 1)).unwrap();
        let (after, _) = StateStore::open_at(dir.path());
        assert!(
            after.get("good2").is_some() && after.get("new").is_some(),
            "{what}"
        );
    }
}

#[test]
fn backups_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut contents = Vec::new();
    for round in 0..3 {
        let body = format!("{{\"version\":1,\"files\":{{\"k{round}\":");
        std::fs::write(&path, &body).unwrap();
        contents.push(body.into_bytes());
        let (_, w) = StateStore::open_at(dir.path());
        assert_eq!(w.len(), 1, "{w:?}");
    }
    let baks = backups(dir.path());
    assert_eq!(baks.len(), 3, "{baks:?}");
    let kept: Vec<Vec<u8>> = baks.iter().map(|b| std::fs::read(b).unwrap()).collect();
    assert_eq!(kept, contents);
}

#[test]
fn unknown_fields_are_kept_and_a_newer_file_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    // Same version, fields this version does not know: kept through saves.
    let mut entry = good_entry("一.txt", 10);
    entry["ruby"] = serde_json::json!("pinyin");
    let body = serde_json::json!({"version": 1, "library": {"shelf": 3}, "files": {"k": entry}});
    std::fs::write(&path, body.to_string()).unwrap();
    let (mut store, w) = StateStore::open_at(dir.path());
    assert!(w.is_empty(), "{w:?}");
    store.put("k", state("一.txt", 11)).unwrap();
    store.put("other", state("二.txt", 1)).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(v["library"]["shelf"], 3, "{v}");
    assert_eq!(v["files"]["k"]["ruby"], "pinyin", "{v}");
    assert_eq!(v["files"]["k"]["position"]["block"], 11, "{v}");
    // A newer version: read, reported, never written.
    let newer = serde_json::json!({"version": 2, "files": {"k": good_entry("一.txt", 10)}});
    let bytes = newer.to_string().into_bytes();
    std::fs::write(&path, &bytes).unwrap();
    let (mut store, w) = StateStore::open_at(dir.path());
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("newer yuedu"), "{}", w[0]);
    assert_eq!(store.get("k").unwrap().position.unwrap().block, 10);
    let err = store.put("k", state("一.txt", 99)).unwrap_err();
    assert!(format!("{err:#}").contains("newer yuedu"), "{err:#}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "a newer file was rewritten"
    );
}

#[test]
fn a_symlinked_state_file_is_written_through_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("dotfiles");
    std::fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("yuedu-state.json");
    std::fs::write(&real, br#"{"version":1,"files":{}}"#).unwrap();
    let state_dir = dir.path().join("state");
    std::fs::create_dir(&state_dir).unwrap();
    std::os::unix::fs::symlink("../dotfiles/yuedu-state.json", state_dir.join("state.json"))
        .unwrap();
    let (mut store, w) = StateStore::open_at(&state_dir);
    assert!(w.is_empty(), "{w:?}");
    store.put("k", state("一.txt", 4)).unwrap();
    let link = std::fs::symlink_metadata(state_dir.join("state.json")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    let (again, _) = StateStore::open_at(&state_dir);
    assert_eq!(again.get("k").unwrap().position.unwrap().block, 4);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&real).unwrap()).unwrap();
    assert_eq!(v["files"]["k"]["position"]["block"], 4);
}

#[test]
fn orphan_temp_files_are_removed_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let orphan = dir.path().join(".state.Ab12Cd.tmp");
    std::fs::write(&orphan, b"{\"version\":1,\"fi").unwrap();
    let other = dir.path().join("notes.tmp");
    std::fs::write(&other, b"mine").unwrap();
    let _ = StateStore::open_at(dir.path());
    assert!(!orphan.exists(), "orphan left");
    assert!(other.exists(), "another file removed");
}

#[test]
fn kill_9_during_saves_never_leaves_a_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    for round in 0..8u64 {
        let mut child = spawn_child("child_saver", dir.path(), &format!("r{round}"), 100_000);
        // Let it save for a while (a different moment in its write cycle each round).
        std::thread::sleep(std::time::Duration::from_millis(150 + 37 * round));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if path.exists() {
            let bytes = std::fs::read(&path).unwrap();
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .unwrap_or_else(|e| panic!("round {round}: state.json damaged: {e}"));
        }
        let (store, w) = StateStore::open_at(dir.path());
        assert!(w.is_empty(), "round {round}: {w:?}");
        assert!(!store.recent().is_empty(), "round {round}: nothing saved");
        let tmps: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(tmps.is_empty(), "round {round}: orphans left after open");
    }
}

/// Mounts a tmpfs of `kb` KiB at `at` (root only); false when that is not possible here.
fn mount_tmpfs(at: &Path, kb: u32) -> bool {
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={kb}k"), "tmpfs"])
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn a_full_file_system_fails_the_save_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    if !mount_tmpfs(&mnt, 64) {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    let (mut store, _) = StateStore::open_at(&mnt);
    store.put("k", state("一.txt", 1)).unwrap();
    let before = std::fs::read(mnt.join("state.json")).unwrap();
    // Fill the file system.
    let filler = vec![b'x'; 4096];
    let mut f = std::fs::File::create(mnt.join("filler")).unwrap();
    while std::io::Write::write_all(&mut f, &filler).is_ok() {}
    drop(f);
    let mut big = state(&"長".repeat(2000), 2);
    for c in 'a'..='z' {
        big.bookmarks.insert(c, SavedPosition { block: 9, byte: 9 });
    }
    let err = store.put("k2", big).unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("No space left") || msg.contains("cannot"),
        "{msg}"
    );
    assert_eq!(std::fs::read(mnt.join("state.json")).unwrap(), before);
    let (again, w) = StateStore::open_at(&mnt);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(again.get("k").unwrap().position.unwrap().block, 1);
}
