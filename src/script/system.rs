//! The optional engine: the system's C++ OpenCC library through `opencc-rust` (cargo feature
//! `system-opencc`; needs `libopencc-dev` and `pkg-config` to build, OpenCC 1.1.2–1.2.0).
//!
//! Configs are loaded by path from OpenCC's data directory (Debian and Ubuntu:
//! `/usr/share/opencc/*.json`), found once by [`System::new`].
//!
//! Two traps in `opencc-rust` 1.1.19 are avoided here: `convert_to_buffer` is never called (it
//! reserves twice the input and overflows the heap when the output grows more, e.g. s2twp
//! `U盘` → `隨身碟`), and `convert` panics on a NUL byte (it builds a `CString`), so text is
//! converted in the pieces between NULs and the NULs are put back.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{Config, Converter};

/// Where OpenCC's data (`t2s.json`, `*.ocd2`) is looked for, in order. `OPENCC_DATA_DIR`, when
/// set, comes first.
pub const DATA_DIRS: &[&str] = &[
    "/usr/share/opencc",
    "/usr/local/share/opencc",
    "/opt/homebrew/share/opencc",
    "/opt/local/share/opencc",
];

/// The system C++ OpenCC; each config loads on first use.
pub struct System {
    dir: PathBuf,
    // One lock per config: the C API makes no promise about concurrent calls on one handle.
    loaded: Mutex<HashMap<Config, Arc<Mutex<opencc_rust::OpenCC>>>>,
}

impl System {
    /// Finds OpenCC's data directory and checks that `t2s` loads from it.
    pub fn new() -> anyhow::Result<Self> {
        let from_env = std::env::var_os("OPENCC_DATA_DIR").map(PathBuf::from);
        let dir = from_env
            .into_iter()
            .chain(DATA_DIRS.iter().map(PathBuf::from))
            .find(|d| d.join("t2s.json").is_file())
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "the system OpenCC engine found no t2s.json in {} (set OPENCC_DATA_DIR, or \
                     install OpenCC's data: `apt-get install opencc`)",
                    DATA_DIRS.join(", ")
                )
            })?;
        Self::in_dir(&dir)
    }

    /// The engine over the configs in `dir`; fails when `t2s.json` does not load from it.
    pub fn in_dir(dir: &Path) -> anyhow::Result<Self> {
        let system = System {
            dir: dir.to_path_buf(),
            loaded: Mutex::new(HashMap::new()),
        };
        system.get(Config::T2s).ok_or_else(|| {
            anyhow::anyhow!(
                "the system OpenCC library could not load {}",
                dir.join("t2s.json").display()
            )
        })?;
        Ok(system)
    }

    /// The directory configs are loaded from.
    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    fn get(&self, config: Config) -> Option<Arc<Mutex<opencc_rust::OpenCC>>> {
        let mut map = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cc) = map.get(&config) {
            return Some(cc.clone());
        }
        let path = self.dir.join(format!("{}.json", config.name()));
        // opencc-rust unwraps the path as UTF-8; refuse other paths instead of panicking.
        path.to_str()?;
        let cc = Arc::new(Mutex::new(opencc_rust::OpenCC::new(&path).ok()?));
        map.insert(config, cc.clone());
        Some(cc)
    }
}

impl Converter for System {
    fn name(&self) -> &'static str {
        "OpenCC (system C++ library)"
    }

    fn convert(&self, config: Config, text: &str) -> String {
        let Some(cc) = self.get(config) else {
            return text.to_string();
        };
        let cc = cc.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        for (i, piece) in text.split('\0').enumerate() {
            if i > 0 {
                out.push('\0');
            }
            if !piece.is_empty() {
                out.push_str(&cc.convert(piece));
            }
        }
        out
    }
}
