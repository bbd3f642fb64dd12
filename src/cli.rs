//! Command-line arguments (clap).
//!
//! Flags that set a setting come from the options table ([`crate::options::SETTINGS`]) through
//! [`SettingFlags`]; the rest here are what one run does (`--dump`, `--toc`, `--reset`,
//! `--completions`, `--man` …) or how this input is read (`--encoding`, `--format`, `--force`).
//! The same clap [`Command`] gives `--help`, the shell completions and the man page.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Arg, ArgMatches, Command, CommandFactory, Parser, ValueEnum};

use crate::options::{Kind, Setting, Value, SETTINGS};
use crate::store::Settings;

/// yuedu (閱讀): read Chinese text in the terminal — CJK line breaking, a section navigator,
/// and live traditional/simplified conversion through OpenCC.
///
/// With no FILE, reads stdin when it is not a terminal, else opens the bundled article.
#[derive(Parser, Debug, Clone, Default)]
#[command(name = "yuedu", version, about, long_about = None)]
pub struct Args {
    /// The file to read (`-` for stdin).
    pub file: Option<PathBuf>,

    /// Settings given on the command line (each also a key of config.toml).
    #[command(flatten)]
    pub settings: SettingFlags,

    /// Print the laid-out text (one line per screen line) and exit.
    #[arg(long)]
    pub dump: bool,

    /// Print the sections (one per line, title first) and exit.
    #[arg(long)]
    pub toc: bool,

    /// Force an encoding (a WHATWG label: utf-8, gbk, gb18030, big5, utf-16le, …).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,

    /// Force the format instead of deciding by content (EPUB, HTML) and extension.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,

    /// Open files that look binary.
    #[arg(long)]
    pub force: bool,

    /// Print the effective configuration (with comments) and exit.
    #[arg(long)]
    pub print_config: bool,

    /// Forget the remembered place and bookmarks of FILE and exit.
    #[arg(long)]
    pub reset: bool,

    /// Print a completion script for SHELL and exit (see README: Install).
    #[arg(long, value_enum, value_name = "SHELL")]
    pub completions: Option<ShellArg>,

    /// Print the man page (roff) and exit.
    #[arg(long)]
    pub man: bool,

    /// Quit at once, printing the text to the terminal, when it fits one screen (like `less
    /// -F`; for `PAGER='yuedu -F'`).
    #[arg(short = 'F', long)]
    pub quit_if_one_screen: bool,

    /// Where to start (`+N`, `+/pattern`, `+G` before the other arguments; taken off the
    /// command line before clap by [`crate::pager::split_start_args`]).
    #[arg(skip)]
    pub start: Option<crate::pager::StartAt>,
}

impl Args {
    /// The clap command (for completions and the man page).
    pub fn command_for_docs() -> Command {
        <Args as CommandFactory>::command()
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Plain,
    Markdown,
    Html,
    Epub,
}

/// A shell `--completions` writes for.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
}

/// The settings given as flags, in the order given: each a row of the options table and a
/// value already checked against its kind.
#[derive(Clone, Debug, Default)]
pub struct SettingFlags(pub Vec<(&'static str, Value)>);

impl SettingFlags {
    /// True when the setting `key` was given on the command line.
    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| *k == key)
    }

    /// Applies the flags over `s` (the config file's settings). `--typography` on the command
    /// line means exactly that preset, so it also clears the config file's three switches.
    pub fn apply(&self, s: &mut Settings) {
        for (key, value) in &self.0 {
            if let Some(st) = crate::options::setting(key) {
                (st.set)(s, value.clone());
            }
            if *key == "typography" {
                s.hide_pinyin = None;
                s.fullwidth_punctuation = None;
                s.cjk_latin_space = None;
            }
        }
    }
}

/// The clap argument of a setting with a flag.
fn arg_of(st: &'static Setting) -> Option<Arg> {
    let flag = st.flag.as_ref()?;
    let mut long_help = format!("{}.", st.doc);
    if !st.more.is_empty() {
        long_help.push('\n');
        long_help.push_str(&st.more.replace('\n', " "));
    }
    long_help.push_str(&format!(
        "\n[config: {} = …] [default: {}]",
        st.key,
        st.default_text()
    ));
    let mut arg = Arg::new(st.key)
        .long(flag.long)
        .value_name(flag.value_name)
        .help(format!("{} [config: {}]", st.doc, st.key))
        .long_help(long_help);
    if let Some(c) = flag.short {
        arg = arg.short(c);
    }
    arg = match &st.kind {
        Kind::Choice(words) => {
            let values = words
                .iter()
                .map(|w| PossibleValue::new(w.name).aliases(w.aliases).help(w.doc));
            arg.ignore_case(true)
                .value_parser(PossibleValuesParser::new(values).try_map(move |s| st.from_flag(&s)))
        }
        _ => arg.value_parser(move |s: &str| st.from_flag(s)),
    };
    Some(arg)
}

impl clap::FromArgMatches for SettingFlags {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut given: Vec<(usize, &'static str, Value)> = Vec::new();
        for st in SETTINGS.iter().filter(|s| s.flag.is_some()) {
            if let (Some(v), Some(i)) = (m.get_one::<Value>(st.key), m.index_of(st.key)) {
                given.push((i, st.key, v.clone()));
            }
        }
        given.sort_by_key(|g| g.0);
        Ok(SettingFlags(
            given.into_iter().map(|(_, k, v)| (k, v)).collect(),
        ))
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Args for SettingFlags {
    fn augment_args(cmd: Command) -> Command {
        SETTINGS.iter().filter_map(arg_of).fold(cmd, Command::arg)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

/// Writes the completion script for `shell`.
pub fn write_completions(shell: ShellArg, out: &mut dyn std::io::Write) {
    use clap_complete::Shell;
    let shell = match shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
    };
    clap_complete::generate(shell, &mut Args::command_for_docs(), "yuedu", out);
}

/// Writes the man page (roff): clap's sections, then the keys and the config file.
pub fn write_man(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(Args::command_for_docs());
    man.render(out)?;
    let mut extra = roff::Roff::new();
    extra.control("SH", ["KEYS"]);
    let mut group = "";
    for b in crate::app::keymap::KEYMAP {
        if b.group != group {
            group = b.group;
            extra.control("SS", [group]);
        }
        let keys: Vec<String> = b.keys.iter().map(|k| k.name()).collect();
        extra.control("TP", []);
        extra.text([roff::bold(keys.join(" "))]);
        extra.text([roff::roman(b.label)]);
    }
    extra.control("SH", ["CONFIGURATION"]);
    extra.text([roff::roman(
        "Settings are read from $XDG_CONFIG_HOME/yuedu/config.toml (usually \
         ~/.config/yuedu/config.toml); yuedu --print-config prints them all with comments. \
         A bad key or value is reported and that key keeps its default. Keys:",
    )]);
    for st in SETTINGS {
        extra.control("TP", []);
        extra.text([roff::bold(st.key)]);
        let flag = st
            .flag
            .as_ref()
            .map(|f| format!(" (--{})", f.long))
            .unwrap_or_default();
        extra.text([roff::roman(format!(
            "{}{flag}. {}: {}. Default: {}.",
            st.doc,
            "Takes",
            st.expects(),
            st.default_text()
        ))]);
    }
    extra.control("SH", ["FILES"]);
    extra.text([roff::roman(
        "$XDG_STATE_HOME/yuedu/state.json (usually ~/.local/state/yuedu/state.json): the \
         place, bookmarks and script variant of each document.",
    )]);
    out.write_all(extra.to_roff().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        Args::try_parse_from(std::iter::once("yuedu").chain(args.iter().copied()))
    }

    #[test]
    fn setting_flags_come_from_the_table() {
        let a = parse(&["--variant", "TW", "-w", "0", "book.txt"]).unwrap();
        assert!(a.settings.has("variant") && a.settings.has("width"));
        let mut s = Settings::default();
        a.settings.apply(&mut s);
        assert_eq!(s.variant, crate::script::Variant::Taiwan);
        assert_eq!(s.width, 0);
        assert!(parse(&["--variant", "macau"]).is_err());
        let e = parse(&["--heading-regex", "("]).unwrap_err().to_string();
        assert!(e.contains("--heading-regex"), "{e}");
        // Every setting with a flag is in --help.
        let help = Args::command_for_docs().render_long_help().to_string();
        for st in SETTINGS {
            if let Some(f) = &st.flag {
                assert!(help.contains(&format!("--{}", f.long)), "{}", f.long);
            }
        }
    }

    #[test]
    fn typography_flag_means_exactly_that_preset() {
        let a = parse(&["--typography", "original"]).unwrap();
        let mut s = Settings {
            hide_pinyin: Some(true),
            ..Settings::default()
        };
        a.settings.apply(&mut s);
        assert_eq!(s.typography(), crate::present::Typography::ORIGINAL);
    }

    #[test]
    fn completions_and_man_page_name_the_flags() {
        for shell in [ShellArg::Bash, ShellArg::Zsh, ShellArg::Fish] {
            let mut out = Vec::new();
            write_completions(shell, &mut out);
            let text = String::from_utf8(out).unwrap();
            assert!(text.contains("heading-regex"), "{shell:?}");
            assert!(text.contains("hongkong"), "{shell:?}: choices complete");
        }
        let mut out = Vec::new();
        write_man(&mut out).unwrap();
        let man = String::from_utf8(out).unwrap();
        assert!(man.starts_with(".ie") || man.contains(".TH yuedu"), "{man}");
        for needle in [
            "heading\\-regex",
            "print\\-config",
            "KEYS",
            "hanging_punctuation",
        ] {
            assert!(man.contains(needle), "{needle} missing");
        }
    }
}
