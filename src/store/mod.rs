//! Settings and per-file state: what yuedu remembers between runs.
//!
//! * [`settings`]: the user's preferences, a TOML file `config.toml` in the XDG config
//!   directory (`$XDG_CONFIG_HOME/yuedu/`, usually `~/.config/yuedu/`). Read leniently: an
//!   unknown key or a bad value is reported as a warning and the default is used for that key
//!   only, so a typo never keeps yuedu from starting.
//! * [`state`]: the reading position and bookmarks of each document, one JSON file
//!   `state.json` in the XDG state directory (`$XDG_STATE_HOME/yuedu/`, usually
//!   `~/.local/state/yuedu/`), keyed by a hash of the document's content so a moved or renamed
//!   file still resumes. Written atomically (temp file + fsync + rename + fsync of the
//!   directory), so a crash or a second yuedu writing at the same time never leaves a corrupt
//!   file.

pub mod settings;
pub mod state;

use std::path::PathBuf;

use directories::ProjectDirs;

pub use settings::{
    load_settings, load_settings_from, parse_settings, print_config, AmbiguousSetting, Settings,
    Theme, TypographyPreset,
};
pub use state::{
    content_key, content_key_of, content_key_ranges, FileState, SavedPosition, ShownAs, StateStore,
    MAX_FILES,
};

/// The name of the settings file inside the config directory.
pub const CONFIG_FILE: &str = "config.toml";

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "yuedu")
}

/// The settings file: `config_dir()/config.toml` of the `yuedu` project directories (on Linux
/// `$XDG_CONFIG_HOME/yuedu/config.toml`). `None` when no home directory can be found.
pub fn config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join(CONFIG_FILE))
}

/// The directory holding `state.json`: the XDG state directory (`$XDG_STATE_HOME/yuedu`), or
/// the local data directory on platforms without one (macOS, Windows). `None` when no home
/// directory can be found.
pub fn state_dir() -> Option<PathBuf> {
    project_dirs().map(|d| {
        d.state_dir()
            .map(|p| p.to_path_buf())
            .unwrap_or_else(|| d.data_local_dir().to_path_buf())
    })
}
