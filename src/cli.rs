//! Command-line arguments (clap).

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// yuedu (閱讀): read Chinese text in the terminal — CJK line breaking, a section navigator,
/// and live traditional/simplified conversion through OpenCC.
///
/// With no FILE, reads stdin when it is not a terminal, else opens the bundled article.
#[derive(Parser, Debug, Clone, Default)]
#[command(name = "yuedu", version, about, long_about = None)]
pub struct Args {
    /// The file to read (`-` for stdin).
    pub file: Option<PathBuf>,

    /// Maximum width of the reading column, in cells (0 with --dump: no wrapping).
    #[arg(short, long, value_name = "CELLS")]
    pub width: Option<usize>,

    /// Script variant: original, simplified, traditional, taiwan, hongkong (or o, s, t, tw, hk).
    #[arg(long, value_name = "VARIANT", value_parser = parse_variant)]
    pub variant: Option<crate::script::Variant>,

    /// Print the laid-out text (one line per screen line) and exit.
    #[arg(long)]
    pub dump: bool,

    /// Print the sections (one per line, title first) and exit.
    #[arg(long)]
    pub toc: bool,

    /// Force an encoding (a WHATWG label: utf-8, gbk, gb18030, big5, utf-16le, …).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,

    /// Force the format instead of deciding by extension.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,

    /// How East Asian Ambiguous characters (“ ” … — ·) are drawn by your terminal.
    #[arg(long, value_enum, value_name = "WIDTH")]
    pub ambiguous: Option<AmbiguousArg>,

    /// Display transforms: `tidy` hides inline pinyin and shows full-width punctuation;
    /// `original` shows the text as written.
    #[arg(long, value_enum)]
    pub typography: Option<TypographyArg>,

    /// The OpenCC engine.
    #[arg(long, value_enum)]
    pub engine: Option<EngineArg>,

    /// A regular expression that matches chapter lines, for unusual books.
    #[arg(long, value_name = "REGEX")]
    pub heading_regex: Option<String>,

    /// Open files that look binary.
    #[arg(long)]
    pub force: bool,

    /// Print the effective configuration (with comments) and exit.
    #[arg(long)]
    pub print_config: bool,

    /// Forget the remembered place and bookmarks of FILE and exit.
    #[arg(long)]
    pub reset: bool,
}

fn parse_variant(s: &str) -> Result<crate::script::Variant, String> {
    crate::script::Variant::parse(s).ok_or_else(|| {
        format!("unknown variant '{s}': use original, simplified, traditional, taiwan or hongkong")
    })
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Plain,
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmbiguousArg {
    Narrow,
    Wide,
    /// Ask the terminal at start-up.
    Auto,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypographyArg {
    Tidy,
    Original,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineArg {
    Builtin,
    System,
}
