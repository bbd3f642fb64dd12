//! Script variants (traditional / simplified / regional) through OpenCC.
//!
//! The rest of the program sees only [`Converter`] (one OpenCC config applied to a string) and
//! [`Scripter`] (a variant applied to a document's text, knowing the document's own script).
//! Which engine runs — the pure-Rust default or the system C++ library — is decided once.
//!
//! # Variants and configs
//!
//! The document's own script is detected from a sample ([`detect_script`]); each variant is a
//! chain of OpenCC configs chosen by it ([`Scripter::plan`]):
//!
//! | variant     | traditional (or unknown) source | simplified source |
//! |-------------|---------------------------------|-------------------|
//! | Original    | —                               | —                 |
//! | Simplified  | `t2s`                           | `t2s`             |
//! | Traditional | `t2s` → `s2t`                   | `s2t`             |
//! | Taiwan      | `t2s` → `s2twp`                 | `s2twp`           |
//! | Hong Kong   | `t2s` → `s2hk`                  | `s2hk`            |
//!
//! Why:
//!
//! - **Original** is the text exactly as written, never converted.
//! - **Traditional text goes through simplified.** Traditional text found in the wild was often
//!   converted by a tool and carries leftover simplified forms (the bundled article has
//!   `華為云`, `南大并非`, `90后`). The `s2*` configs know both the simplified → traditional
//!   mapping and the phrases (`云` → `雲`, `并非` → `並非`, `后` → `後`), so a round trip
//!   `t2s` → `s2t` repairs them; the Traditional view of a traditional source is that round
//!   trip, not the unchanged original. OpenCC's direct configs do not repair: `t2tw` and `t2hk`
//!   only swap character variants (`t2hk` leaves `華為云` as is), and there is no `t2twp` at
//!   all, so the Taiwan phrases (`軟件` → `軟體`, `U盘` → `隨身碟`) exist only in `s2twp`.
//!   Hence Taiwan = `t2s` → `s2twp` and Hong Kong = `t2s` → `s2hk` (tested in
//!   `tests/script_variants.rs`).
//! - **Simplified is `t2s` for both sources**: for a simplified source it repairs leftover
//!   traditional forms, and `t2s` leaves simplified text otherwise unchanged.
//! - **A simplified source skips the first step** of the traditional chains: it is already what
//!   `s2*` expects, and one pass instead of two halves the cost. On simplified text the direct
//!   config and the chain through `t2s` agree (tested).
//! - **Unknown** (no Han, or no clear majority) takes the traditional chains, which are right for
//!   either script.
//!
//! # Pieces
//!
//! OpenCC segments text by longest dictionary match, and no key of its dictionaries (checked in
//! OpenCC 1.4.2's dictionaries, `data/opencc/`) contains CJK or ASCII clause punctuation
//! (`，。！？；：、,!?;:`), quotes, brackets, spaces or newlines. So a match never spans them:
//! converting a paragraph clause by clause gives the same text as converting it whole, and a
//! document paragraph by paragraph the same as whole (tested on the bundled article, both
//! scripts, every variant, in `tests/script_pieces.rs`). The present layer relies on this.

pub mod builtin;
pub mod detect;
#[cfg(feature = "system-opencc")]
pub mod system;

pub use detect::detect_script;

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
    /// Every variant, in toggle order.
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
    /// Mainly simplified (简体) forms.
    Simplified,
    /// Mainly traditional (繁體) forms.
    Traditional,
    /// No Han text, or no clear majority.
    #[default]
    Unknown,
}

impl Script {
    /// Short label for the status line: `简体`, `繁體`, or `未明` when unknown.
    pub fn label(self) -> &'static str {
        match self {
            Script::Simplified => "简体",
            Script::Traditional => "繁體",
            Script::Unknown => "未明",
        }
    }
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
    Tw2sp,
    Hk2s,
}

impl Config {
    /// Every config, in declaration order.
    pub const ALL: [Config; 10] = [
        Config::S2t,
        Config::T2s,
        Config::S2tw,
        Config::S2twp,
        Config::S2hk,
        Config::T2tw,
        Config::T2hk,
        Config::Tw2s,
        Config::Tw2sp,
        Config::Hk2s,
    ];

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
            Config::Tw2sp => "tw2sp",
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
    /// A scripter for text written in `source` (usually from [`detect_script`]).
    pub fn new(engine: Arc<dyn Converter>, source: Script) -> Self {
        Scripter { engine, source }
    }

    /// The engine conversions run on.
    pub fn engine(&self) -> &dyn Converter {
        &*self.engine
    }

    /// The document's own script, for the status line.
    pub fn source_script(&self) -> Script {
        self.source
    }

    /// Says the document is written in `source` (judged again on more of its text).
    pub fn set_source_script(&mut self, source: Script) {
        self.source = source;
    }

    /// The chain of configs that turns text in the source script into `variant` (the table in
    /// the module docs); empty for [`Variant::Original`].
    pub fn plan(&self, variant: Variant) -> Vec<Config> {
        match (variant, self.source) {
            (Variant::Original, _) => vec![],
            (Variant::Simplified, _) => vec![Config::T2s],
            (Variant::Traditional, Script::Simplified) => vec![Config::S2t],
            (Variant::Taiwan, Script::Simplified) => vec![Config::S2twp],
            (Variant::HongKong, Script::Simplified) => vec![Config::S2hk],
            (Variant::Traditional, _) => vec![Config::T2s, Config::S2t],
            (Variant::Taiwan, _) => vec![Config::T2s, Config::S2twp],
            (Variant::HongKong, _) => vec![Config::T2s, Config::S2hk],
        }
    }

    /// Converts `text` (in the source script) to `variant`. Never fails; `Original` returns it
    /// unchanged.
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
    /// The pure-Rust engine built into yuedu: OpenCC 1.4.2's algorithm and dictionaries.
    #[default]
    Builtin,
    /// The system C++ OpenCC library (cargo feature `system-opencc`).
    System,
}

/// Makes the engine of `kind`. `System` fails when yuedu was built without the
/// `system-opencc` feature, or when OpenCC's config files cannot be found or loaded.
pub fn engine(kind: EngineKind) -> anyhow::Result<Arc<dyn Converter>> {
    match kind {
        EngineKind::Builtin => Ok(Arc::new(builtin::Builtin)),
        #[cfg(feature = "system-opencc")]
        EngineKind::System => Ok(Arc::new(system::System::new()?)),
        #[cfg(not(feature = "system-opencc"))]
        EngineKind::System => anyhow::bail!(
            "the system OpenCC engine is not built in: rebuild with `cargo build --features system-opencc`"
        ),
    }
}
