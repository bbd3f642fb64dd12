//! User settings: `config.toml` in the XDG config directory.
//!
//! The file is parsed leniently: it is read as a plain TOML table and each known key is taken
//! on its own. An unknown key, or a known key with a bad value, becomes a warning naming the
//! key and the file, and the default is used for that key only. A file that is not TOML at all
//! gives one warning and all defaults. A missing file is not an error: all defaults, no warning.
//!
//! Typography is a preset (`typography = "tidy" | "original"`) plus three optional switches
//! (`hide_pinyin`, `fullwidth_punctuation`, `cjk_latin_space`): a switch that is set overrides
//! the preset's choice for that one transform; a switch that is absent follows the preset. So
//! `typography = "tidy"` with `hide_pinyin = false` is "tidy, but show the pinyin".

use std::path::Path;

use crate::layout::AmbiguousWidth;
use crate::present::Typography;
use crate::script::{EngineKind, Variant};

/// Colour theme of the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Light text on a dark background.
    #[default]
    Dark,
    /// Dark text on a light background.
    Light,
    /// No colours: only bold, underline and reverse video.
    Plain,
}

impl Theme {
    /// The theme to draw with: [`Theme::Plain`] when the `NO_COLOR` environment variable is
    /// set to a non-empty value (<https://no-color.org>), else `self`.
    pub fn effective(self) -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::Plain,
            _ => self,
        }
    }

    /// The theme's name as written in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::Light => "light",
            Theme::Plain => "plain",
        }
    }
}

/// The `ambiguous` setting: how the terminal draws East Asian Ambiguous characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AmbiguousSetting {
    /// One cell.
    #[default]
    Narrow,
    /// Two cells.
    Wide,
    /// Ask the terminal at start-up (the app measures; see [`AmbiguousSetting::fixed`]).
    Auto,
}

impl AmbiguousSetting {
    /// The width policy when the setting fixes one; `None` for [`AmbiguousSetting::Auto`],
    /// which the app resolves by probing the terminal.
    pub fn fixed(self) -> Option<AmbiguousWidth> {
        match self {
            AmbiguousSetting::Narrow => Some(AmbiguousWidth::Narrow),
            AmbiguousSetting::Wide => Some(AmbiguousWidth::Wide),
            AmbiguousSetting::Auto => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            AmbiguousSetting::Narrow => "narrow",
            AmbiguousSetting::Wide => "wide",
            AmbiguousSetting::Auto => "auto",
        }
    }
}

/// The `typography` preset (the same choice as `--typography`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TypographyPreset {
    /// [`Typography::TIDY`]: hide inline pinyin, full-width punctuation between Han text.
    #[default]
    Tidy,
    /// [`Typography::ORIGINAL`]: the text as written.
    Original,
}

impl TypographyPreset {
    /// The transforms of the preset.
    pub fn typography(self) -> Typography {
        match self {
            TypographyPreset::Tidy => Typography::TIDY,
            TypographyPreset::Original => Typography::ORIGINAL,
        }
    }

    fn name(self) -> &'static str {
        match self {
            TypographyPreset::Tidy => "tidy",
            TypographyPreset::Original => "original",
        }
    }
}

/// Smallest and largest accepted `width`, in cells.
pub const WIDTH_RANGE: std::ops::RangeInclusive<usize> = 10..=1000;

/// Everything `config.toml` can set. [`Default`] is what yuedu uses without a config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Script variant shown at start-up.
    pub variant: Variant,
    /// Maximum width of the reading column, in cells (within [`WIDTH_RANGE`]).
    pub width: usize,
    /// How East Asian Ambiguous characters are counted.
    pub ambiguous: AmbiguousSetting,
    /// Colour theme (apply [`Theme::effective`] before drawing).
    pub theme: Theme,
    /// Typography preset; the three switches below override parts of it.
    pub typography: TypographyPreset,
    /// Overrides the preset's "hide inline pinyin" when set.
    pub hide_pinyin: Option<bool>,
    /// Overrides the preset's "full-width punctuation" when set.
    pub fullwidth_punctuation: Option<bool>,
    /// Overrides the preset's "space between CJK and Latin" when set.
    pub cjk_latin_space: Option<bool>,
    /// Indent the first line of each paragraph by two ideographic spaces (U+3000 ×2).
    pub indent: bool,
    /// A blank line between paragraphs.
    pub paragraph_spacing: bool,
    /// Let one `、，。,.` hang into the right margin.
    pub hanging_punctuation: bool,
    /// OpenCC engine.
    pub engine: EngineKind,
    /// A regular expression matching chapter lines in plain text.
    pub heading_regex: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            variant: Variant::Original,
            width: 80,
            ambiguous: AmbiguousSetting::Narrow,
            theme: Theme::Dark,
            typography: TypographyPreset::Tidy,
            hide_pinyin: None,
            fullwidth_punctuation: None,
            cjk_latin_space: None,
            indent: false,
            paragraph_spacing: true,
            hanging_punctuation: false,
            engine: EngineKind::Builtin,
            heading_regex: None,
        }
    }
}

impl Settings {
    /// The effective typography: the preset, with each switch that is set overriding it.
    pub fn typography(&self) -> Typography {
        let mut t = self.typography.typography();
        if let Some(v) = self.hide_pinyin {
            t.hide_pinyin = v;
        }
        if let Some(v) = self.fullwidth_punctuation {
            t.fullwidth_punctuation = v;
        }
        if let Some(v) = self.cjk_latin_space {
            t.cjk_latin_space = v;
        }
        t
    }
}

/// The keys `config.toml` may contain, in the order `--print-config` prints them.
pub const KEYS: [&str; 13] = [
    "variant",
    "width",
    "ambiguous",
    "theme",
    "typography",
    "hide_pinyin",
    "fullwidth_punctuation",
    "cjk_latin_space",
    "indent",
    "paragraph_spacing",
    "hanging_punctuation",
    "engine",
    "heading_regex",
];

/// Loads the settings from [`super::config_path`]. Returns the settings and warnings to show
/// the user (each names the file and the key). A missing file gives the defaults and no warning.
pub fn load_settings() -> (Settings, Vec<String>) {
    match super::config_path() {
        Some(path) => load_settings_from(&path),
        None => (Settings::default(), Vec::new()),
    }
}

/// Loads the settings from the file at `path`; see [`load_settings`].
pub fn load_settings_from(path: &Path) -> (Settings, Vec<String>) {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_settings(&text, &path.display().to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), Vec::new()),
        Err(e) => (
            Settings::default(),
            vec![format!(
                "config {}: cannot read it ({e}); using the default settings",
                path.display()
            )],
        ),
    }
}

/// Parses settings from TOML `text`; `origin` (the file path) is named in the warnings.
pub fn parse_settings(text: &str, origin: &str) -> (Settings, Vec<String>) {
    let mut s = Settings::default();
    let mut warnings = Vec::new();
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let msg = e.to_string().replace('\n', " ");
            warnings.push(format!(
                "config {origin}: not valid TOML ({}); using the default settings",
                msg.trim()
            ));
            return (s, warnings);
        }
    };
    for (key, value) in &table {
        let problem = apply(&mut s, key, value);
        if let Some(p) = problem {
            warnings.push(format!("config {origin}: {p}"));
        }
    }
    (s, warnings)
}

/// Sets one key; returns a description of the problem, if any.
fn apply(s: &mut Settings, key: &str, value: &toml::Value) -> Option<String> {
    let d = Settings::default();
    let bad = |expected: &str, default: &str| {
        Some(format!(
            "bad value for '{key}': expected {expected}, found {value}; using the default ({default})"
        ))
    };
    let word = value.as_str().map(|w| w.to_ascii_lowercase());
    let word = word.as_deref();
    match key {
        "variant" => match word.and_then(Variant::parse) {
            Some(v) => s.variant = v,
            None => {
                return bad(
                    "\"original\", \"simplified\", \"traditional\", \"taiwan\" or \"hongkong\"",
                    variant_name(d.variant),
                )
            }
        },
        "width" => match value.as_integer().and_then(|n| usize::try_from(n).ok()) {
            Some(n) if WIDTH_RANGE.contains(&n) => s.width = n,
            _ => {
                return bad(
                    &format!(
                        "a whole number of cells from {} to {}",
                        WIDTH_RANGE.start(),
                        WIDTH_RANGE.end()
                    ),
                    &d.width.to_string(),
                )
            }
        },
        "ambiguous" => match word {
            Some("narrow") => s.ambiguous = AmbiguousSetting::Narrow,
            Some("wide") => s.ambiguous = AmbiguousSetting::Wide,
            Some("auto") => s.ambiguous = AmbiguousSetting::Auto,
            _ => return bad("\"narrow\", \"wide\" or \"auto\"", d.ambiguous.name()),
        },
        "theme" => match word {
            Some("dark") => s.theme = Theme::Dark,
            Some("light") => s.theme = Theme::Light,
            Some("plain") => s.theme = Theme::Plain,
            _ => return bad("\"dark\", \"light\" or \"plain\"", d.theme.name()),
        },
        "typography" => match word {
            Some("tidy") => s.typography = TypographyPreset::Tidy,
            Some("original") => s.typography = TypographyPreset::Original,
            _ => return bad("\"tidy\" or \"original\"", d.typography.name()),
        },
        "hide_pinyin" | "fullwidth_punctuation" | "cjk_latin_space" => match value.as_bool() {
            Some(b) => match key {
                "hide_pinyin" => s.hide_pinyin = Some(b),
                "fullwidth_punctuation" => s.fullwidth_punctuation = Some(b),
                _ => s.cjk_latin_space = Some(b),
            },
            None => return bad("true or false", "unset: follows 'typography'"),
        },
        "indent" | "paragraph_spacing" | "hanging_punctuation" => {
            let (slot, default) = match key {
                "indent" => (&mut s.indent, d.indent),
                "paragraph_spacing" => (&mut s.paragraph_spacing, d.paragraph_spacing),
                _ => (&mut s.hanging_punctuation, d.hanging_punctuation),
            };
            match value.as_bool() {
                Some(b) => *slot = b,
                None => return bad("true or false", &default.to_string()),
            }
        }
        "engine" => match word {
            Some("builtin") => s.engine = EngineKind::Builtin,
            Some("system") => s.engine = EngineKind::System,
            _ => return bad("\"builtin\" or \"system\"", engine_name(d.engine)),
        },
        "heading_regex" => match value.as_str() {
            Some("") => s.heading_regex = None,
            Some(r) => s.heading_regex = Some(r.to_string()),
            None => return bad("a string (a regular expression)", "none"),
        },
        _ => {
            return Some(format!(
                "unknown key '{key}' (ignored; known keys: {})",
                KEYS.join(", ")
            ))
        }
    }
    None
}

/// The word for `v` in the config file, on the command line and in the state file.
pub fn variant_name(v: Variant) -> &'static str {
    match v {
        Variant::Original => "original",
        Variant::Simplified => "simplified",
        Variant::Traditional => "traditional",
        Variant::Taiwan => "taiwan",
        Variant::HongKong => "hongkong",
    }
}

fn engine_name(e: EngineKind) -> &'static str {
    match e {
        EngineKind::Builtin => "builtin",
        EngineKind::System => "system",
    }
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The settings as a commented `config.toml` (for `yuedu --print-config`): every key with a
/// comment above it saying what it does and which values it takes. Switches that are unset
/// (they follow `typography`) and an unset `heading_regex` are printed commented out, so the
/// output parses back to exactly `s`.
pub fn print_config(s: &Settings) -> String {
    let mut out = String::new();
    let mut key = |comment: &str, line: String| {
        for c in comment.lines() {
            out.push('#');
            if !c.is_empty() {
                out.push(' ');
                out.push_str(c);
            }
            out.push('\n');
        }
        out.push_str(&line);
        out.push_str("\n\n");
    };
    let t = s.typography.typography();
    let switch = |name: &str, v: Option<bool>, preset: bool| match v {
        Some(b) => format!("{name} = {b}"),
        None => format!("# {name} = {preset}"),
    };
    key(
        "yuedu settings. Keys not set here take their defaults; `yuedu --print-config` prints this.\n\
         \n\
         Script variant shown at start-up (toggle with the variant keys):\n\
         \"original\" (as written), \"simplified\" (简体), \"traditional\" (繁體),\n\
         \"taiwan\" (臺灣正體), \"hongkong\" (香港繁體). Default \"original\".",
        format!("variant = {}", quoted(variant_name(s.variant))),
    );
    key(
        &format!(
            "Maximum width of the reading column in terminal cells (a Han character is 2).\n\
             A whole number from {} to {}. Default 80.",
            WIDTH_RANGE.start(),
            WIDTH_RANGE.end()
        ),
        format!("width = {}", s.width),
    );
    key(
        "How your terminal draws East Asian Ambiguous characters (“ ” ‘ ’ … — ·):\n\
         \"narrow\" (1 cell, most terminals), \"wide\" (2 cells), \"auto\" (measure at start-up).\n\
         Default \"narrow\".",
        format!("ambiguous = {}", quoted(s.ambiguous.name())),
    );
    key(
        "Colours: \"dark\", \"light\" or \"plain\" (no colour). The NO_COLOR environment\n\
         variable forces \"plain\". Default \"dark\".",
        format!("theme = {}", quoted(s.theme.name())),
    );
    key(
        "Display transforms (the file is never changed): \"tidy\" hides inline pinyin such as\n\
         the (fā) in 發(fā)展 and shows half-width punctuation between Chinese text as\n\
         full-width; \"original\" shows the text as written. The three switches below override\n\
         one part each; left commented out they follow this preset. Default \"tidy\".",
        format!("typography = {}", quoted(s.typography.name())),
    );
    key(
        "Hide inline pinyin annotations (true/false; overrides 'typography').",
        switch("hide_pinyin", s.hide_pinyin, t.hide_pinyin),
    );
    key(
        "Show half-width punctuation between Chinese text as full-width, , → ，\n\
         (true/false; overrides 'typography').",
        switch(
            "fullwidth_punctuation",
            s.fullwidth_punctuation,
            t.fullwidth_punctuation,
        ),
    );
    key(
        "Put a space between Chinese and Latin text (true/false; overrides 'typography').",
        switch("cjk_latin_space", s.cjk_latin_space, t.cjk_latin_space),
    );
    key(
        "Indent the first line of each paragraph by two ideographic spaces (true/false).\n\
         Default false.",
        format!("indent = {}", s.indent),
    );
    key(
        "A blank line between paragraphs (true/false). Default true.",
        format!("paragraph_spacing = {}", s.paragraph_spacing),
    );
    key(
        "Let one 、，。,. hang into the right margin instead of pushing a character to\n\
         the next line (true/false). Default false.",
        format!("hanging_punctuation = {}", s.hanging_punctuation),
    );
    key(
        "OpenCC engine: \"builtin\" (pure Rust, always available) or \"system\" (the C++\n\
         OpenCC library; needs a build with `--features system-opencc`). Default \"builtin\".",
        format!("engine = {}", quoted(engine_name(s.engine))),
    );
    key(
        "A regular expression matching chapter lines in plain text, for unusual books,\n\
         e.g. '^第[一二三四五六七八九十百千0-9]+回'. Default: none (built-in detection).",
        match &s.heading_regex {
            Some(r) => format!("heading_regex = {}", quoted(r)),
            None => "# heading_regex = \"\"".to_string(),
        },
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
