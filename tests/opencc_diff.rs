//! Differential test: the built-in engine (OpenCC 1.4.2) against the system C++ OpenCC (Debian
//! ships 1.1.6), on the bundled article (as written and as simplified) and on tricky phrases, in
//! every config. Any difference not listed in `tests/opencc_allowlist.txt` fails; that list is
//! how the two OpenCC versions differ here.
#![cfg(feature = "system-opencc")]

use std::collections::BTreeSet;
use std::process::Command;

use yuedu::script::{engine, Config, EngineKind};
use yuedu::BUNDLED_ARTICLE;

/// Phrases where a character-by-character conversion goes wrong.
const PHRASES: &[&str] = &[
    "头发",
    "理发",
    "皇后",
    "以后",
    "面条",
    "里面",
    "一台电脑",
    "台风",
    "柜台",
    "一只猫",
    "关系",
    "系鞋带",
    "钟表",
    "钟情",
    "干燥",
    "干部",
    "乾隆",
    "云计算",
    "芯片面积",
    "U盘",
    "頭髮",
    "乾燥",
    "幹部",
    "後來",
    "鐘錶",
    "隨身碟",
    "軟體",
];

const ALLOWLIST: &str = include_str!("opencc_allowlist.txt");

/// One difference: the config, then the differing stretch of each engine's output.
type Difference = (String, String, String);

/// Allowed differences: `config<TAB>built-in<TAB>system<TAB>reason` lines; `#` starts a comment.
fn allowlist() -> BTreeSet<Difference> {
    ALLOWLIST
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(
                f.len() == 4 && !f[3].trim().is_empty(),
                "allowlist line needs config, built-in, system and a reason: {l:?}"
            );
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect()
}

/// The stretches where `a` and `b` differ: runs of differing chars when both have the same
/// number of chars, else the span between their common prefix and suffix.
fn differences(a: &str, b: &str) -> Vec<(String, String)> {
    if a == b {
        return vec![];
    }
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ac.len() == bc.len() {
        let mut out = Vec::new();
        let mut i = 0;
        while i < ac.len() {
            if ac[i] == bc[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < ac.len() && ac[i] != bc[i] {
                i += 1;
            }
            out.push((ac[start..i].iter().collect(), bc[start..i].iter().collect()));
        }
        return out;
    }
    let prefix = ac.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    let suffix = ac[prefix..]
        .iter()
        .rev()
        .zip(bc[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    vec![(
        ac[prefix..ac.len() - suffix].iter().collect(),
        bc[prefix..bc.len() - suffix].iter().collect(),
    )]
}

#[test]
fn differences_are_found_by_stretch() {
    let d = differences("文本和文件", "文字和檔案");
    assert_eq!(d[0], ("本".to_string(), "字".to_string()));
    assert_eq!(d[1], ("文件".to_string(), "檔案".to_string()));
    assert_eq!(d.len(), 2);
    assert_eq!(
        differences("用U盤了", "用隨身碟了"),
        [("U盤".to_string(), "隨身碟".to_string())]
    );
    assert!(differences("同", "同").is_empty());
}

#[test]
fn engines_agree_except_where_allowed() {
    let builtin = engine(EngineKind::Builtin).unwrap();
    let system = engine(EngineKind::System).expect("system OpenCC engine");
    let allowed = allowlist();
    let simplified_article = system.convert(Config::T2s, BUNDLED_ARTICLE);
    let mut inputs: Vec<&str> = BUNDLED_ARTICLE.lines().collect();
    inputs.extend(simplified_article.lines());
    inputs.extend(PHRASES);

    let mut seen = BTreeSet::new();
    let mut unexpected = Vec::new();
    for config in Config::ALL {
        for input in &inputs {
            let (b, s) = (
                builtin.convert(config, input),
                system.convert(config, input),
            );
            for (bd, sd) in differences(&b, &s) {
                let key = (config.name().to_string(), bd, sd);
                if !allowed.contains(&key) {
                    unexpected.push(format!("{}\t{}\t{}\t(in {input})", key.0, key.1, key.2));
                }
                seen.insert(key);
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "differences not in tests/opencc_allowlist.txt:\n{}",
        unexpected.join("\n")
    );
    // Keep the allowlist honest: every entry must still occur.
    let stale: Vec<_> = allowed.difference(&seen).collect();
    assert!(
        stale.is_empty(),
        "allowlist entries that no longer differ: {stale:?}"
    );
}

#[test]
fn dump_simplified_equals_cpp_t2s() {
    assert!(!BUNDLED_ARTICLE.lines().any(|l| l.is_empty()));
    let article = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/article.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["--dump", "--width", "0", "--variant", "simplified"])
        .args(["--typography", "original", article])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dump = String::from_utf8(out.stdout).unwrap();
    // The dump puts an empty line between blocks; the article has one block per line.
    let dump_lines: Vec<&str> = dump.lines().filter(|l| !l.is_empty()).collect();

    let system = engine(EngineKind::System).expect("system OpenCC engine");
    let cpp = system.convert(Config::T2s, BUNDLED_ARTICLE);
    assert_eq!(dump_lines, cpp.lines().collect::<Vec<_>>());

    // And the opencc command, when there is one.
    match Command::new("opencc")
        .args(["-c", "t2s.json", "-i", article])
        .output()
    {
        Ok(cli) if cli.status.success() => {
            let cli = String::from_utf8(cli.stdout).unwrap();
            assert_eq!(dump_lines, cli.lines().collect::<Vec<_>>());
        }
        Ok(cli) => panic!("opencc failed: {}", String::from_utf8_lossy(&cli.stderr)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("opencc command not found; compared with the library only")
        }
        Err(e) => panic!("opencc: {e}"),
    }
}

#[test]
fn system_engine_keeps_nuls_and_growing_output() {
    let system = engine(EngineKind::System).expect("system OpenCC engine");
    assert_eq!(system.convert(Config::T2s, "頭\0髮\0"), "头\0发\0");
    assert_eq!(system.convert(Config::S2twp, "\0"), "\0");
    assert_eq!(system.convert(Config::S2t, ""), "");
    // Output longer than twice the input: the case convert_to_buffer overflows on.
    let many = "U盘".repeat(1000);
    assert_eq!(system.convert(Config::S2twp, &many), "隨身碟".repeat(1000));
}
