//! User settings: `config.toml` in the XDG config directory.
//!
//! The file is parsed leniently: it is read as a plain TOML table and each known key is taken
//! on its own. An unknown key, or a known key with a bad value, becomes a warning naming the
//! key and the file, and the default is used for that key only. A file that is not TOML at all
//! gives one warning and all defaults. A missing file is not an error: all defaults, no warning.
//!
//! Each key is declared once, in [`crate::options::SETTINGS`]; this module reads and prints
//! the file through that table.
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
}

/// Everything `config.toml` can set. [`Default`] is what yuedu uses without a config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Script variant shown at start-up.
    pub variant: Variant,
    /// Maximum width of the reading column, in cells (range: [`crate::options::SETTINGS`]).
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
    /// Show the colours of program output (SGR in `git log --color`); bold, underline and
    /// reverse stay either way.
    pub program_colors: bool,
    /// Joining the lines of hard-wrapped plain text into paragraphs.
    pub reflow: crate::document::reflow::Reflow,
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
            program_colors: true,
            reflow: crate::document::reflow::Reflow::Auto,
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
pub fn keys() -> impl Iterator<Item = &'static str> {
    crate::options::SETTINGS.iter().map(|s| s.key)
}

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
            warnings.push(toml_error(text, origin, &e));
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

/// A TOML syntax error as a warning of several lines, to be read (toml's own message is a
/// drawing over several lines, which came out squashed on one): the file, line and column on
/// the first line (all the status line shows), then the line of the file with a caret under
/// the place — aligned by display width, so after Han characters too — and the reason after
/// it, then what to do. Everything taken from the file is escaped.
fn toml_error(text: &str, origin: &str, e: &toml::de::Error) -> String {
    let reason: Vec<&str> = e
        .message()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let reason = escaped(&reason.join("; "));
    let what = "the default settings are used until it is fixed";
    let Some(span) = e.span() else {
        return format!("config {origin}: not valid TOML ({reason}); {what}");
    };
    let mut at = span.start.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let number = text[..start].matches('\n').count() + 1;
    let column = text[start..at].chars().count() + 1;
    let line = escaped(text[start..end].trim_end_matches('\r'));
    let before = escaped(&text[start..at]);
    let pad = crate::layout::width::str_width(&before, crate::layout::AmbiguousWidth::Narrow).0;
    let gutter = " ".repeat(number.to_string().len());
    format!(
        "config {origin}: not valid TOML at line {number}, column {column}; {what}\n  \
         {number} | {line}\n  \
         {gutter} | {}^ {reason}\n  \
         Fix that line; `yuedu --print-config` prints every setting with the values it takes.",
        " ".repeat(pad)
    )
}

/// Sets one key from the table; returns a description of the problem, if any. Keys and
/// values are printed with control characters escaped, so a config file cannot drive the
/// terminal through a warning.
fn apply(s: &mut Settings, key: &str, value: &toml::Value) -> Option<String> {
    let Some(setting) = crate::options::setting(key) else {
        return Some(format!(
            "unknown key '{}' (ignored; known keys: {})",
            escaped(key),
            keys().collect::<Vec<_>>().join(", ")
        ));
    };
    match setting.from_toml(value) {
        Ok(v) => {
            (setting.set)(s, v);
            None
        }
        Err(why) => Some(format!(
            "bad value for '{key}': {}, found {}; using the default ({})",
            escaped(&why),
            escaped(&value.to_string()),
            setting.default_text()
        )),
    }
}

/// `s` with control characters (C0, DEL, C1) and bidi controls escaped as `\u{…}`.
pub fn escaped(s: &str) -> String {
    s.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            if c.is_control() || bidi {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
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

/// The settings as a commented `config.toml` (for `yuedu --print-config`): every key of
/// [`crate::options::SETTINGS`] with its documentation above it. A setting that is unset (a
/// switch that follows `typography`, no `heading_regex`) is printed commented out with the
/// value it follows, so the output parses back to exactly `s`.
pub fn print_config(s: &Settings) -> String {
    use crate::options::{Current, Kind};
    let mut out = String::from(
        "# yuedu settings. Keys not set here take their defaults; `yuedu --print-config` prints this.\n\n",
    );
    for st in crate::options::SETTINGS {
        let mut comment = format!("{}.", st.doc);
        if !st.more.is_empty() {
            comment.push('\n');
            comment.push_str(st.more);
        }
        match &st.kind {
            Kind::Choice(words) => {
                comment.push_str("\nOne of:");
                for w in words.iter() {
                    comment.push_str(&format!("\n  \"{}\": {}", w.name, w.doc));
                }
                comment.push('\n');
            }
            Kind::Int { .. } => {
                let expects = st.expects();
                let mut first = expects.chars();
                let cap: String = first
                    .next()
                    .map(|c| c.to_uppercase().chain(first).collect())
                    .unwrap_or_default();
                comment.push_str(&format!("\n{cap}."))
            }
            Kind::Bool => comment.push_str("\ntrue or false."),
            Kind::Text { .. } => {}
        }
        if !comment.ends_with('\n') {
            comment.push(' ');
        }
        comment.push_str(&format!("Default: {}.", st.default_text()));
        for line in comment.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        match (st.get)(s) {
            Current::Set(v) => out.push_str(&format!("{} = {}\n\n", st.key, v.toml())),
            Current::Unset(v) => out.push_str(&format!("# {} = {}\n\n", st.key, v.toml())),
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
