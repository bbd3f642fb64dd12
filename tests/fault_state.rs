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
