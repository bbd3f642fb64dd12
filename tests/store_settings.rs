//! Settings: defaults, lenient parsing with warnings, `--print-config` round trip.

use yuedu::layout::AmbiguousWidth;
use yuedu::present::Typography;
use yuedu::script::{EngineKind, Variant};
use yuedu::store::{
    load_settings, load_settings_from, parse_settings, print_config, AmbiguousSetting, Settings,
    Theme, TypographyPreset,
};

#[test]
fn missing_file_gives_defaults_without_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (s, w) = load_settings_from(&dir.path().join("config.toml"));
    assert_eq!(s, Settings::default());
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(s.width, 80);
    assert!(s.paragraph_spacing);
    assert!(!s.indent);
    assert_eq!(s.typography(), Typography::TIDY);
}

#[test]
fn load_settings_honours_xdg_config_home() {
    // The only test in this binary that touches the environment.
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("XDG_CONFIG_HOME", dir.path());
    let path = yuedu::store::config_path().unwrap();
    assert_eq!(path, dir.path().join("yuedu").join("config.toml"));
    assert_eq!(load_settings(), (Settings::default(), vec![]));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "width = 66\ncolour = \"red\"\n").unwrap();
    let (s, w) = load_settings();
    assert_eq!(s.width, 66);
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("'colour'"), "{w:?}");
    assert!(w[0].contains(&path.display().to_string()), "{w:?}");
}

#[test]
fn every_key_is_read() {
    let text = r#"
variant = "tw"
width = 72
ambiguous = "auto"
theme = "light"
typography = "original"
hide_pinyin = true
fullwidth_punctuation = false
cjk_latin_space = true
indent = true
paragraph_spacing = false
hanging_punctuation = true
heading_regex = '^第.+章'
"#;
    let (s, w) = parse_settings(text, "/x/config.toml");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(s.variant, Variant::Taiwan);
    assert_eq!(s.width, 72);
    assert_eq!(s.ambiguous, AmbiguousSetting::Auto);
    assert_eq!(s.ambiguous.fixed(), None);
    assert_eq!(s.theme, Theme::Light);
    assert_eq!(s.typography, TypographyPreset::Original);
    assert_eq!(
        s.typography(),
        Typography {
            hide_pinyin: true,
            fullwidth_punctuation: false,
            cjk_latin_space: true
        }
    );
    assert!(s.indent && !s.paragraph_spacing && s.hanging_punctuation);
    assert_eq!(s.engine, EngineKind::Builtin);
    assert_eq!(s.heading_regex.as_deref(), Some("^第.+章"));
}

#[test]
fn switches_override_the_preset_only_where_set() {
    let (s, w) = parse_settings("typography = \"tidy\"\nhide_pinyin = false\n", "c");
    assert!(w.is_empty());
    let t = s.typography();
    assert!(!t.hide_pinyin);
    assert_eq!(
        t.fullwidth_punctuation,
        Typography::TIDY.fullwidth_punctuation
    );
}

#[test]
fn unknown_key_warning_names_key_and_file() {
    let (s, w) = parse_settings(
        "widht = 60\nwidth = 70\n",
        "/home/u/.config/yuedu/config.toml",
    );
    assert_eq!(s.width, 70);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("'widht'"), "{}", w[0]);
    assert!(
        w[0].contains("/home/u/.config/yuedu/config.toml"),
        "{}",
        w[0]
    );
}

#[test]
fn bad_value_warns_and_keeps_default_for_that_key_only() {
    let text = "width = \"wide\"\ntheme = \"solarized\"\nindent = 1\nvariant = \"simplified\"\nambiguous = \"wide\"\n";
    let (s, w) = parse_settings(text, "cfg.toml");
    assert_eq!(w.len(), 3, "{w:?}");
    for key in ["'width'", "'theme'", "'indent'"] {
        let m = w.iter().find(|m| m.contains(key)).unwrap();
        assert!(m.contains("cfg.toml"), "{m}");
        assert!(m.contains("default"), "{m}");
    }
    assert_eq!(s.width, 80);
    assert_eq!(s.theme, Theme::Dark);
    assert!(!s.indent);
    // The good keys still apply.
    assert_eq!(s.variant, Variant::Simplified);
    assert_eq!(s.ambiguous.fixed(), Some(AmbiguousWidth::Wide));
}

#[test]
fn width_out_of_range_is_rejected() {
    for bad in ["width = 5", "width = -5", "width = 100000", "width = 7.5"] {
        let (s, w) = parse_settings(bad, "c");
        assert_eq!(s.width, 80, "{bad}");
        assert_eq!(w.len(), 1, "{bad}: {w:?}");
    }
    // 0 (no limit) is taken as `--width 0` is.
    let (s, w) = parse_settings("width = 0", "c");
    assert_eq!((s.width, w.len()), (0, 0), "{w:?}");
}

#[test]
fn invalid_toml_gives_defaults_and_one_warning() {
    let (s, w) = parse_settings("width = = 3\n[[", "/p/config.toml");
    assert_eq!(s, Settings::default());
    assert_eq!(w.len(), 1);
    assert!(
        w[0].contains("/p/config.toml") && w[0].contains("TOML"),
        "{}",
        w[0]
    );
}

#[test]
fn print_config_round_trips() {
    let mut custom = Settings {
        variant: Variant::HongKong,
        width: 64,
        ambiguous: AmbiguousSetting::Wide,
        theme: Theme::Plain,
        typography: TypographyPreset::Original,
        hide_pinyin: Some(true),
        fullwidth_punctuation: None,
        cjk_latin_space: Some(false),
        indent: true,
        paragraph_spacing: false,
        hanging_punctuation: true,
        engine: if cfg!(feature = "system-opencc") {
            EngineKind::System
        } else {
            EngineKind::Builtin
        },
        heading_regex: Some(r#"^第[0-9]+章 "quoted" \d"#.to_string()),
        program_colors: false,
        reflow: yuedu::document::reflow::Reflow::Off,
    };
    for s in [Settings::default(), custom.clone()] {
        let text = print_config(&s);
        let (back, w) = parse_settings(&text, "printed");
        assert!(w.is_empty(), "{w:?}\n{text}");
        assert_eq!(back, s, "\n{text}");
    }
    custom.heading_regex = None;
    let text = print_config(&custom);
    assert_eq!(parse_settings(&text, "p").0, custom);
}

#[test]
fn print_config_comments_every_key() {
    let text = print_config(&Settings::default());
    for key in yuedu::store::settings::keys() {
        let line = text
            .lines()
            .position(|l| {
                l.starts_with(&format!("{key} =")) || l.starts_with(&format!("# {key} ="))
            })
            .unwrap_or_else(|| panic!("{key} missing:\n{text}"));
        let above = text.lines().nth(line - 1).unwrap();
        assert!(above.starts_with("# "), "no comment above {key}");
    }
}

#[test]
fn no_color_forces_plain() {
    // Theme::effective reads NO_COLOR; only check the unset/set logic without racing other
    // tests on it: this is the only test here that sets NO_COLOR.
    std::env::remove_var("NO_COLOR");
    assert_eq!(Theme::Light.effective(), Theme::Light);
    std::env::set_var("NO_COLOR", "1");
    assert_eq!(Theme::Light.effective(), Theme::Plain);
    std::env::set_var("NO_COLOR", "");
    assert_eq!(Theme::Dark.effective(), Theme::Dark);
    std::env::remove_var("NO_COLOR");
}

#[test]
fn values_the_run_cannot_use_warn_instead_of_failing_the_run() {
    // An invalid regex, and the system engine in a build without it: before, both passed the
    // config parse and every run then exited 1 blaming --heading-regex / the engine.
    let text = "heading_regex = '(第'\nengine = \"system\"\nwidth = 70\n";
    let (s, w) = parse_settings(text, "c.toml");
    assert_eq!(s.heading_regex, None);
    assert_eq!(s.width, 70);
    assert!(w.iter().any(|m| m.contains("'heading_regex'")), "{w:?}");
    assert!(w.iter().all(|m| !m.contains("--")), "blames a flag: {w:?}");
    if !cfg!(feature = "system-opencc") {
        assert_eq!(s.engine, EngineKind::Builtin);
        assert!(w.iter().any(|m| m.contains("'engine'")), "{w:?}");
    }
}

#[test]
fn escape_sequences_in_keys_and_values_are_printed_escaped() {
    let text = "\"col\\u001b[31mor\" = 1\ntheme = \"\\u001b]0;pwned\\u0007\"\n";
    let (_, w) = parse_settings(text, "c.toml");
    assert_eq!(w.len(), 2, "{w:?}");
    for m in &w {
        assert!(!m.chars().any(|c| c.is_control()), "raw control in {m:?}");
    }
    assert!(
        w[0].contains("\\u{1b}") || w[1].contains("\\u{1b}"),
        "{w:?}"
    );
}

/// A TOML error is readable (newcomer: toml's drawing of the line at fault came out squashed
/// on one line): the file, line and column first, then the line with a caret under the place
/// — by display width, after Han characters too — and the reason, and what to do.
#[test]
fn a_toml_error_shows_the_line_and_a_caret_under_the_place() {
    let (s, w) = parse_settings("width = 60\nvariant = 简体\n", "/p/config.toml");
    assert_eq!(s, Settings::default());
    let lines: Vec<&str> = w[0].lines().collect();
    assert!(
        lines[0].starts_with("config /p/config.toml: not valid TOML at line 2, column 11"),
        "{}",
        w[0]
    );
    assert!(lines[0].contains("default settings"), "{}", w[0]);
    assert_eq!(lines[1], "  2 | variant = 简体");
    assert_eq!(
        lines[2],
        "    |           ^ string values must be quoted, expected literal string"
    );
    assert!(lines[3].contains("--print-config"), "{}", w[0]);
    // After Han characters the caret is under the place by cells, not characters.
    let (_, w) = parse_settings("# 设置\n宽 = 1\n", "c");
    let lines: Vec<&str> = w[0].lines().collect();
    assert_eq!(lines[1], "  2 | 宽 = 1", "{}", w[0]);
    assert!(lines[2].starts_with("    | ^ "), "{}", w[0]);
}

/// On stderr each line of it is escaped (an escape sequence in the file reaches no terminal)
/// and only the first starts with `yuedu:`.
#[test]
fn a_toml_error_is_printed_on_several_lines_escaped() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/yuedu");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "width = 60\n[[\x1b[31m\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .arg("--print-config")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\x1b'), "{err:?}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines[0].starts_with("yuedu: config ") && lines[0].contains("config.toml"));
    assert_eq!(lines[1], "  2 | [[\\u{1b}[31m", "{err}");
    assert!(lines[2].starts_with("    |         ^ "), "{err}");
}
