//! Script variants (traditional / simplified / regional) through OpenCC.
//!
//! The rest of the program sees only [`Converter`] (one OpenCC config applied to a string) and
//! [`Scripter`] (a variant applied to a document's text, knowing the document's own script).
//! Which engine runs — the pure-Rust default or the system C++ library — is decided once.

pub mod ferrous;

use std::sync::Arc;

/// What the reader chose to see.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    /// Exactly as written.
    #[default]
    Original,
    /// 简体.
    Simplified,
    /// 繁體 (OpenCC standard).
    Traditional,
    /// 臺灣正體, with Taiwan phrases.
    Taiwan,
    /// 香港繁體.
    HongKong,
}

impl Variant {
    pub const ALL: [Variant; 5] = [
        Variant::Original,
        Variant::Simplified,
        Variant::Traditional,
        Variant::Taiwan,
        Variant::HongKong,
    ];

    /// Short label for the status line.
    pub fn label(self) -> &'static str {
        match self {
            Variant::Original => "原文",
            Variant::Simplified => "简体",
            Variant::Traditional => "繁體",
            Variant::Taiwan => "臺灣",
            Variant::HongKong => "香港",
        }
    }

    /// Parses `original|simplified|traditional|taiwan|hongkong` or `o|s|t|tw|hk`.
    pub fn parse(s: &str) -> Option<Variant> {
        Some(match s.to_ascii_lowercase().as_str() {
            "original" | "o" | "orig" => Variant::Original,
            "simplified" | "s" | "zh-hans" | "hans" => Variant::Simplified,
            "traditional" | "t" | "zh-hant" | "hant" => Variant::Traditional,
            "taiwan" | "tw" | "zh-tw" => Variant::Taiwan,
            "hongkong" | "hk" | "zh-hk" => Variant::HongKong,
            _ => return None,
        })
    }
}

/// The script a document is mainly written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Script {
    Simplified,
    Traditional,
    /// No Han text, or no clear majority.
    #[default]
    Unknown,
}

/// An OpenCC conversion config (the names of OpenCC's `*.json` configs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Config {
    S2t,
    T2s,
    S2tw,
    S2twp,
    S2hk,
    T2tw,
    T2hk,
    Tw2s,
    Hk2s,
}

impl Config {
    /// OpenCC's name for the config, e.g. `s2twp`.
    pub fn name(self) -> &'static str {
        match self {
            Config::S2t => "s2t",
            Config::T2s => "t2s",
            Config::S2tw => "s2tw",
            Config::S2twp => "s2twp",
            Config::S2hk => "s2hk",
            Config::T2tw => "t2tw",
            Config::T2hk => "t2hk",
            Config::Tw2s => "tw2s",
            Config::Hk2s => "hk2s",
        }
    }
}

/// One OpenCC engine: applies a config to a string.
pub trait Converter: Send + Sync {
    /// The engine's name for the help screen and status line.
    fn name(&self) -> &'static str;
    /// Converts `text` with `config`. Must not fail; text the engine cannot take comes back as is.
    fn convert(&self, config: Config, text: &str) -> String;
}

/// The identity engine, for tests.
#[derive(Debug, Default)]
pub struct Identity;

impl Converter for Identity {
    fn name(&self) -> &'static str {
        "identity"
    }
    fn convert(&self, _config: Config, text: &str) -> String {
        text.to_string()
    }
}

/// Applies variants to text written in a given script.
#[derive(Clone)]
pub struct Scripter {
    engine: Arc<dyn Converter>,
    source: Script,
}

impl Scripter {
    pub fn new(engine: Arc<dyn Converter>, source: Script) -> Self {
        Scripter { engine, source }
    }

    pub fn engine(&self) -> &dyn Converter {
        &*self.engine
    }

    pub fn source_script(&self) -> Script {
        self.source
    }

    /// The chain of configs that turns text in the source script into `variant`.
    pub fn plan(&self, variant: Variant) -> Vec<Config> {
        match (variant, self.source) {
            (Variant::Original, _) => vec![],
            (Variant::Simplified, _) => vec![Config::T2s],
            (Variant::Traditional, _) => vec![Config::T2s, Config::S2t],
            (Variant::Taiwan, _) => vec![Config::T2s, Config::S2twp],
            (Variant::HongKong, _) => vec![Config::T2s, Config::S2hk],
        }
    }

    /// Converts `text` to `variant`.
    pub fn convert(&self, variant: Variant, text: &str) -> String {
        let mut out = text.to_string();
        for config in self.plan(variant) {
            out = self.engine.convert(config, &out);
        }
        out
    }
}

/// Which engine to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineKind {
    /// The pure-Rust engine built into yuedu.
    #[default]
    Builtin,
    /// The system C++ OpenCC library (cargo feature `system-opencc`).
    System,
}

/// Makes the engine of `kind`.
pub fn engine(kind: EngineKind) -> anyhow::Result<Arc<dyn Converter>> {
    match kind {
        EngineKind::Builtin => Ok(Arc::new(ferrous::Ferrous::default())),
        EngineKind::System => anyhow::bail!(
            "the system OpenCC engine is not built in: rebuild with `cargo build --features system-opencc`"
        ),
    }
}

/// Detects the script `text` is mainly written in, from a sample.
/// PLACEHOLDER: always Traditional; the script work replaces it.
pub fn detect_script(_engine: &dyn Converter, _text: &str) -> Script {
    Script::Traditional
}
