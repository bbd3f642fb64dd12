//! Every setting declared once.
//!
//! [`SETTINGS`] is the one table of yuedu's settings: for each its config key, the kind of
//! value it takes, its command-line flag if it has one, and its documentation. The table
//! drives, with no second list anywhere:
//!
//! * the command line ([`crate::cli`] adds one clap argument per flag: help text, value
//!   names, possible values — and so the shell completions and the man page),
//! * reading `config.toml` ([`crate::store::settings::parse_settings`]: a bad value is a
//!   warning naming the key, and that key keeps its default),
//! * `--print-config` ([`crate::store::settings::print_config`]),
//! * the settings part of the help screen.
//!
//! The model is ripgrep's `crates/core/flags/defs.rs` (one declaration per flag feeding the
//! parser, `--help`, the man page and completions), kept as data rather than a type per flag.
//! The typed [`Settings`] struct stays what the rest of yuedu reads; each row's `get`/`set`
//! are the only code that maps between the table and that struct.

use crate::script::{EngineKind, Variant};
use crate::store::settings::{variant_name, AmbiguousSetting, Settings, Theme, TypographyPreset};

/// One word a [`Kind::Choice`] setting accepts.
pub struct Word {
    /// The word as printed (config file, `--print-config`, completions).
    pub name: &'static str,
    /// Other spellings accepted.
    pub aliases: &'static [&'static str],
    /// What it means (shown in `--help` and the man page).
    pub doc: &'static str,
}

/// The kind of value a setting takes. Config values are TOML values of the matching type.
pub enum Kind {
    /// `true` or `false`.
    Bool,
    /// A whole number from `min` to `max`, or 0 as well when `zero` names what 0 means
    /// (the same on the command line and in the config file).
    Int {
        min: i64,
        max: i64,
        zero: Option<&'static str>,
    },
    /// One of the words (case-insensitive, aliases accepted).
    Choice(&'static [Word]),
    /// A string; `expects` says what it must be, `check` says why it is not.
    Text {
        expects: &'static str,
        check: fn(&str) -> Result<(), String>,
    },
}

/// A setting's value, independent of where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Bool(bool),
    Int(i64),
    /// A [`Kind::Choice`] word (its canonical name) or [`Kind::Text`].
    Text(String),
}

impl Value {
    /// The value as TOML (`80`, `true`, `"simplified"`).
    pub fn toml(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Text(s) => toml::Value::String(s.clone()).to_string(),
        }
    }

    /// The value as a person reads it (`80`, `true`, `simplified`).
    pub fn plain(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            v => v.toml(),
        }
    }
}

/// A setting's current value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Current {
    /// Set to this value.
    Set(Value),
    /// Not set: follows something else, which gives this value (printed commented out).
    Unset(Value),
}

/// A command-line flag.
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    pub value_name: &'static str,
}

/// One setting: everything about it, in one place.
pub struct Setting {
    /// The key in `config.toml`.
    pub key: &'static str,
    pub kind: Kind,
    /// The command-line flag, if the setting has one.
    pub flag: Option<Flag>,
    /// One line: `--help`, the help screen, the first comment line of `--print-config`.
    pub doc: &'static str,
    /// More (may be empty): `--print-config` comments, `--help` long form, the man page.
    pub more: &'static str,
    /// The setting's value in `s`.
    pub get: fn(&Settings) -> Current,
    /// Sets it from a value of its kind (already checked against the kind).
    pub set: fn(&mut Settings, Value),
}

impl Setting {
    /// The default, as [`Value::plain`] text (`unset` for a setting unset by default).
    pub fn default_text(&self) -> String {
        match (self.get)(&Settings::default()) {
            Current::Set(v) => v.plain(),
            Current::Unset(_) => "unset".to_string(),
        }
    }

    /// What a value must be, for messages: `true or false`, `"dark", "light" or "plain"`.
    pub fn expects(&self) -> String {
        match &self.kind {
            Kind::Bool => "true or false".to_string(),
            Kind::Int {
                min,
                max,
                zero: None,
            } => format!("a whole number from {min} to {max}"),
            Kind::Int {
                min,
                max,
                zero: Some(what),
            } => format!("0 ({what}) or a whole number from {min} to {max}"),
            Kind::Choice(words) => {
                let names: Vec<String> = words.iter().map(|w| format!("\"{}\"", w.name)).collect();
                match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} or {last}", rest.join(", "))
                    }
                    _ => names.join(""),
                }
            }
            Kind::Text { expects, .. } => expects.to_string(),
        }
    }

    /// Whether `n` is a value of an `Int` setting.
    fn int_ok(&self, n: i64) -> bool {
        match self.kind {
            Kind::Int { min, max, zero } => (min..=max).contains(&n) || (n == 0 && zero.is_some()),
            _ => false,
        }
    }

    /// Checks a config-file value against the kind; `Err` says what is wrong.
    pub fn from_toml(&self, v: &toml::Value) -> Result<Value, String> {
        let bad = || Err(format!("expected {}", self.expects()));
        match &self.kind {
            Kind::Bool => v.as_bool().map(Value::Bool).ok_or(()).or_else(|()| bad()),
            Kind::Int { .. } => match v.as_integer() {
                Some(n) if self.int_ok(n) => Ok(Value::Int(n)),
                _ => bad(),
            },
            Kind::Choice(_) => match v.as_str().and_then(|s| self.word(s)) {
                Some(w) => Ok(Value::Text(w.to_string())),
                None => bad(),
            },
            Kind::Text { expects, check } => match v.as_str() {
                Some(s) => check(s)
                    .map(|()| Value::Text(s.to_string()))
                    .map_err(|why| format!("expected {expects}: {why}")),
                None => bad(),
            },
        }
    }

    /// Checks a command-line value against the kind (the flag's own range for numbers).
    pub fn from_flag(&self, s: &str) -> Result<Value, String> {
        match &self.kind {
            Kind::Bool => match s {
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                _ => Err("expected true or false".into()),
            },
            Kind::Int { .. } => match s.parse::<i64>() {
                Ok(n) if self.int_ok(n) => Ok(Value::Int(n)),
                _ => Err(format!("expected {}", self.expects())),
            },
            Kind::Choice(_) => self
                .word(s)
                .map(|w| Value::Text(w.to_string()))
                .ok_or_else(|| format!("expected {}", self.expects())),
            Kind::Text { check, .. } => check(s).map(|()| Value::Text(s.to_string())),
        }
    }

    /// The canonical word for `s` (any case, or an alias).
    fn word(&self, s: &str) -> Option<&'static str> {
        let Kind::Choice(words) = &self.kind else {
            return None;
        };
        let s = s.to_ascii_lowercase();
        words
            .iter()
            .find(|w| w.name == s || w.aliases.contains(&s.as_str()))
            .map(|w| w.name)
    }
}

/// The setting with config key `key`.
pub fn setting(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

fn text(v: Value) -> String {
    match v {
        Value::Text(s) => s,
        other => other.plain(),
    }
}

fn boolean(v: Value) -> bool {
    matches!(v, Value::Bool(true))
}

fn word(s: &'static str) -> Current {
    Current::Set(Value::Text(s.to_string()))
}

fn switch(v: Option<bool>, preset: bool) -> Current {
    match v {
        Some(b) => Current::Set(Value::Bool(b)),
        None => Current::Unset(Value::Bool(preset)),
    }
}

/// A regular expression the `regex` crate accepts.
fn check_regex(s: &str) -> Result<(), String> {
    regex::Regex::new(s).map(|_| ()).map_err(|e| {
        let text = e.to_string();
        let last = text.lines().last().unwrap_or("").trim();
        last.trim_start_matches("error: ").to_string()
    })
}

const fn w(name: &'static str, aliases: &'static [&'static str], doc: &'static str) -> Word {
    Word { name, aliases, doc }
}

/// The engine words: `system` only when this build has the system OpenCC library.
const ENGINES: &[Word] = if cfg!(feature = "system-opencc") {
    &[
        w("builtin", &[], "pure Rust, always available"),
        w("system", &[], "the C++ OpenCC library"),
    ]
} else {
    &[w("builtin", &[], "pure Rust, always available")]
};

/// Every setting, in the order `--print-config` and the help screen list them.
#[rustfmt::skip]
pub static SETTINGS: &[Setting] = &[
    Setting {
        key: "variant",
        kind: Kind::Choice(&[
            w("original", &["o", "orig"], "as written"),
            w("simplified", &["s", "zh-hans", "hans"], "简体"),
            w("traditional", &["t", "zh-hant", "hant"], "繁體 (OpenCC standard)"),
            w("taiwan", &["tw", "zh-tw"], "臺灣正體, with Taiwan phrases"),
            w("hongkong", &["hk", "zh-hk"], "香港繁體"),
        ]),
        flag: Some(Flag { long: "variant", short: None, value_name: "VARIANT" }),
        doc: "Script variant shown at start-up",
        more: "Toggle with t, choose with v. A document reopens in the variant it was left in,\n\
               unless --variant is given.",
        get: |s| word(variant_name(s.variant)),
        set: |s, v| s.variant = Variant::parse(&text(v)).unwrap_or_default(),
    },
    Setting {
        key: "width",
        kind: Kind::Int { min: 8, max: 1000, zero: Some("no limit") },
        flag: Some(Flag { long: "width", short: Some('w'), value_name: "CELLS" }),
        doc: "Maximum width of the reading column, in cells (a Han character is 2)",
        more: "0 means no wrapping for --dump and as wide as fits in the reader.",
        get: |s| Current::Set(Value::Int(i64::try_from(s.width).unwrap_or(i64::MAX))),
        set: |s, v| {
            if let Value::Int(n) = v {
                s.width = usize::try_from(n).unwrap_or(0);
            }
        },
    },
    Setting {
        key: "ambiguous",
        kind: Kind::Choice(&[
            w("narrow", &[], "1 cell, most terminals"),
            w("wide", &[], "2 cells"),
            w("auto", &[], "ask the terminal at start-up"),
        ]),
        flag: Some(Flag { long: "ambiguous", short: None, value_name: "WIDTH" }),
        doc: "How your terminal draws East Asian Ambiguous characters (“ ” ‘ ’ … — ·)",
        more: "",
        get: |s| word(match s.ambiguous {
            AmbiguousSetting::Narrow => "narrow",
            AmbiguousSetting::Wide => "wide",
            AmbiguousSetting::Auto => "auto",
        }),
        set: |s, v| s.ambiguous = match text(v).as_str() {
            "wide" => AmbiguousSetting::Wide,
            "auto" => AmbiguousSetting::Auto,
            _ => AmbiguousSetting::Narrow,
        },
    },
    Setting {
        key: "theme",
        kind: Kind::Choice(&[
            w("dark", &[], "light text on a dark background"),
            w("light", &[], "dark text on a light background"),
            w("plain", &[], "no colours"),
        ]),
        flag: Some(Flag { long: "theme", short: None, value_name: "THEME" }),
        doc: "Colours (c cycles them)",
        more: "The NO_COLOR environment variable forces \"plain\".",
        get: |s| word(s.theme.name()),
        set: |s, v| s.theme = match text(v).as_str() {
            "light" => Theme::Light,
            "plain" => Theme::Plain,
            _ => Theme::Dark,
        },
    },
    Setting {
        key: "typography",
        kind: Kind::Choice(&[
            w("tidy", &[], "hide inline pinyin, full-width punctuation between Han text"),
            w("original", &[], "the text as written"),
        ]),
        flag: Some(Flag { long: "typography", short: None, value_name: "PRESET" }),
        doc: "Display transforms (the file is never changed)",
        more: "\"tidy\" hides inline pinyin such as the (fā) in 發(fā)展 and shows half-width\n\
               punctuation between Chinese text as full-width; \"original\" shows the text as\n\
               written. The three switches below override one part each; left unset they\n\
               follow this preset.",
        get: |s| word(match s.typography {
            TypographyPreset::Tidy => "tidy",
            TypographyPreset::Original => "original",
        }),
        set: |s, v| s.typography = match text(v).as_str() {
            "original" => TypographyPreset::Original,
            _ => TypographyPreset::Tidy,
        },
    },
    Setting {
        key: "hide_pinyin",
        kind: Kind::Bool,
        flag: None,
        doc: "Hide inline pinyin annotations (p toggles)",
        more: "Overrides 'typography'.",
        get: |s| switch(s.hide_pinyin, s.typography.typography().hide_pinyin),
        set: |s, v| s.hide_pinyin = Some(boolean(v)),
    },
    Setting {
        key: "fullwidth_punctuation",
        kind: Kind::Bool,
        flag: None,
        doc: "Show half-width punctuation between Chinese text as full-width, , → ， (P toggles)",
        more: "Overrides 'typography'.",
        get: |s| switch(s.fullwidth_punctuation, s.typography.typography().fullwidth_punctuation),
        set: |s, v| s.fullwidth_punctuation = Some(boolean(v)),
    },
    Setting {
        key: "cjk_latin_space",
        kind: Kind::Bool,
        flag: None,
        doc: "Put a space between Chinese and Latin text",
        more: "Overrides 'typography'.",
        get: |s| switch(s.cjk_latin_space, s.typography.typography().cjk_latin_space),
        set: |s, v| s.cjk_latin_space = Some(boolean(v)),
    },
    Setting {
        key: "indent",
        kind: Kind::Bool,
        flag: None,
        doc: "Indent the first line of each Chinese paragraph by two ideographic spaces",
        more: "",
        get: |s| Current::Set(Value::Bool(s.indent)),
        set: |s, v| s.indent = boolean(v),
    },
    Setting {
        key: "paragraph_spacing",
        kind: Kind::Bool,
        flag: None,
        doc: "A blank line between paragraphs",
        more: "",
        get: |s| Current::Set(Value::Bool(s.paragraph_spacing)),
        set: |s, v| s.paragraph_spacing = boolean(v),
    },
    Setting {
        key: "hanging_punctuation",
        kind: Kind::Bool,
        flag: None,
        doc: "Let one 、，。,. hang into the right margin",
        more: "Instead of pushing a character to the next line.",
        get: |s| Current::Set(Value::Bool(s.hanging_punctuation)),
        set: |s, v| s.hanging_punctuation = boolean(v),
    },
    Setting {
        key: "engine",
        kind: Kind::Choice(ENGINES),
        flag: Some(Flag { long: "engine", short: None, value_name: "ENGINE" }),
        doc: "The OpenCC engine",
        more: "\"system\" is the C++ OpenCC library and needs a build with\n\
               `cargo build --features system-opencc`.",
        get: |s| word(match s.engine {
            EngineKind::Builtin => "builtin",
            EngineKind::System => "system",
        }),
        set: |s, v| s.engine = match text(v).as_str() {
            "system" => EngineKind::System,
            _ => EngineKind::Builtin,
        },
    },
    Setting {
        key: "reflow",
        kind: Kind::Choice(&[
            w("auto", &[], "join the lines of paragraphs when the text is hard-wrapped"),
            w("on", &[], "join lines as if the text were hard-wrapped"),
            w("off", &[], "show the text's lines as they are"),
        ]),
        flag: Some(Flag { long: "reflow", short: None, value_name: "WHEN" }),
        doc: "Reflow hard-wrapped plain text into paragraphs (L toggles)",
        more: "Hard-wrapped text (manuals exported to text, old TXT books) is detected from its \
               line widths; a text with one paragraph per line is the same in every mode.",
        get: |s| word(s.reflow.name()),
        set: |s, v| s.reflow = text(v).parse().unwrap_or_default(),
    },
    Setting {
        key: "heading_regex",
        kind: Kind::Text { expects: "a regular expression", check: check_regex },
        flag: Some(Flag { long: "heading-regex", short: None, value_name: "REGEX" }),
        doc: "A regular expression that matches chapter lines, for unusual books",
        more: "For example '^第[一二三四五六七八九十百千0-9]+回'. Unset: built-in detection.",
        get: |s| match &s.heading_regex {
            Some(r) => Current::Set(Value::Text(r.clone())),
            None => Current::Unset(Value::Text(String::new())),
        },
        set: |s, v| {
            let r = text(v);
            s.heading_regex = (!r.is_empty()).then_some(r);
        },
    },
    Setting {
        key: "program_colors",
        kind: Kind::Bool,
        flag: Some(Flag { long: "program-colors", short: None, value_name: "BOOL" }),
        doc: "Show the colours of program output (git log --color, ls --color)",
        more: "Colour escapes (SGR) in the input are read as styles, never passed to the terminal.\n\
               false drops their colours and keeps bold, underline and reverse. The plain theme\n\
               and NO_COLOR drop them too.",
        get: |s| Current::Set(Value::Bool(s.program_colors)),
        set: |s, v| s.program_colors = boolean(v),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_flags_are_unique_and_documented() {
        for (i, a) in SETTINGS.iter().enumerate() {
            assert!(!a.doc.is_empty() && !a.doc.ends_with('.'), "{}", a.key);
            for b in &SETTINGS[i + 1..] {
                assert_ne!(a.key, b.key);
                if let (Some(fa), Some(fb)) = (&a.flag, &b.flag) {
                    assert_ne!(fa.long, fb.long);
                    assert!(fa.short.is_none() || fa.short != fb.short);
                }
            }
        }
    }

    #[test]
    fn every_setting_round_trips_through_its_own_get_and_set() {
        for st in SETTINGS {
            let mut s = Settings::default();
            let (Current::Set(v) | Current::Unset(v)) = (st.get)(&s);
            (st.set)(&mut s, v.clone());
            let unset_text = Current::Unset(Value::Text(String::new()));
            let back = (st.get)(&s);
            assert!(back == Current::Set(v) || back == unset_text, "{}", st.key);
        }
    }

    #[test]
    fn choices_accept_aliases_and_any_case() {
        let v = setting("variant").unwrap();
        assert_eq!(v.from_flag("TW"), Ok(Value::Text("taiwan".into())));
        assert!(v.from_flag("macau").unwrap_err().contains("\"hongkong\""));
        let w = setting("width").unwrap();
        // The flag and the config file take the same values (a newcomer found 1–9 taken by
        // the flag and refused by the file): 0 for no limit, or 8 (the reader's narrowest
        // column, app::state::MIN_COLUMN) to 1000.
        assert_eq!(w.from_flag("0"), Ok(Value::Int(0)));
        assert_eq!(w.from_toml(&toml::Value::Integer(0)), Ok(Value::Int(0)));
        for n in [1, 5, 7, 1001] {
            let e = w.from_flag(&n.to_string()).unwrap_err();
            assert!(
                e.contains("0 (no limit) or a whole number from 8 to 1000"),
                "{e}"
            );
            assert!(w.from_toml(&toml::Value::Integer(n)).is_err());
        }
        assert_eq!(w.from_flag("8"), Ok(Value::Int(8)));
        assert_eq!(w.from_toml(&toml::Value::Integer(8)), Ok(Value::Int(8)));
        let r = setting("heading_regex").unwrap();
        assert!(r.from_flag("(").is_err());
        assert!(r.from_toml(&toml::Value::String("^第.+章".into())).is_ok());
    }
}
