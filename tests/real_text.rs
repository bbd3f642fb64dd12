//! Real material from Debian packages (installed by `.ci/run`): the Debian Reference manual
//! as its package ships it, exported to text (`debian-reference-zh-cn`/`-zh-tw`,
//! `/usr/share/debian-reference/debian-reference.zh-*.txt.gz`), checked against the headings
//! of the same package's HTML. Under `CI=true` a missing package fails the test; elsewhere
//! the test is skipped with a note.

use std::path::Path;
use std::process::{Command, Stdio};

/// The file, or `None` (skip) outside CI when it is missing; under CI a missing file fails.
fn installed(path: &str, package: &str) -> Option<&'static Path> {
    let p: &'static Path = Box::leak(Path::new(path).into());
    if p.exists() {
        return Some(p);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{path} missing: install the `{package}` package (.ci/run does)");
    }
    eprintln!("skipped: {path} missing (apt-get install {package})");
    None
}

fn gunzip(path: &Path) -> Vec<u8> {
    let out = Command::new("gzip")
        .arg("-dc")
        .arg(path)
        .output()
        .expect("run gzip");
    assert!(out.status.success());
    out.stdout
}

fn yuedu(args: &[&str], input: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .arg(input)
        .stdin(Stdio::null())
        .output()
        .expect("run yuedu");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Folds space runs (NBSP too) to one space, as `--toc` labels do.
fn fold(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The manual's headings from its HTML pages, as `--toc` lines: the book title at indent 0,
/// `<h1>` chapters at indent 0, `<hN>` at N-1 levels of two spaces.
fn expected_toc(lang: &str) -> Vec<String> {
    let dir = "/usr/share/debian-reference";
    let re = regex::Regex::new(r#"(?s)<h([1-6]) class="title"[^>]*>(.*?)</h[1-6]>"#).unwrap();
    let tag = regex::Regex::new(r"<[^>]+>").unwrap();
    let mut out = Vec::new();
    let pages = ["index", "pr01"]
        .into_iter()
        .map(String::from)
        .chain((1..=12).map(|i| format!("ch{i:02}")))
        .chain(["apa".to_string()]);
    for page in pages {
        let html = std::fs::read_to_string(format!("{dir}/{page}.{lang}.html")).unwrap();
        for (k, m) in re.captures_iter(&html).enumerate() {
            let level: usize = m[1].parse().unwrap();
            let title = fold(&tag.replace_all(&m[2], "").replace("&amp;", "&"));
            if page == "index" {
                if k == 0 {
                    out.push(title);
                }
                continue;
            }
            out.push(format!("{}{title}", "  ".repeat(level.saturating_sub(1))));
        }
    }
    out
}

/// Found entries that are expected (with multiplicity), out of found and out of expected.
fn precision_recall(found: &[String], expected: &[String]) -> (usize, f64, f64) {
    let mut pool: std::collections::HashMap<&str, usize> = Default::default();
    for e in expected {
        *pool.entry(e.as_str()).or_default() += 1;
    }
    let mut hits = 0;
    for f in found {
        if let Some(n) = pool.get_mut(f.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            hits += 1;
        }
    }
    (
        hits,
        hits as f64 / found.len().max(1) as f64,
        hits as f64 / expected.len().max(1) as f64,
    )
}

fn manual_toc(lang: &str) {
    let package = format!("debian-reference-{lang}");
    let Some(gz) = installed(
        &format!("/usr/share/debian-reference/debian-reference.{lang}.txt.gz"),
        &package,
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join(format!("debian-reference.{lang}.txt"));
    std::fs::write(&txt, gunzip(gz)).unwrap();
    let toc = yuedu(&["--toc", "--typography", "original"], &txt);
    let found: Vec<String> = toc.lines().map(|l| l.trim_end().to_string()).collect();
    let expected = expected_toc(lang);
    assert_eq!(expected.len(), 465);
    // The title line first, at indent 0.
    assert_eq!(found[0], expected[0]);
    let (hits, precision, recall) = precision_recall(&found, &expected);
    eprintln!(
        "{lang}: expected {} found {} right (text and level) {hits} precision {precision:.3} recall {recall:.3}",
        expected.len(),
        found.len()
    );
    assert!(precision >= 0.98 && recall >= 0.98, "{precision} {recall}");
    // No admonition label or shell command is a heading.
    for junk in ["注意", "警告", "提示", "小心", "$ "] {
        assert!(
            !found.iter().any(|l| l.trim_start().starts_with(junk)),
            "{junk}"
        );
    }
}

#[test]
fn debian_reference_zh_cn_headings() {
    manual_toc("zh-cn");
}

#[test]
fn debian_reference_zh_tw_headings() {
    manual_toc("zh-tw");
}

// ---- Reflow -------------------------------------------------------------------------------

/// Runs yuedu on `text` (written to a temp file) with `args`.
fn yuedu_text(args: &[&str], text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.txt");
    std::fs::write(&path, text).unwrap();
    yuedu(args, &path)
}

fn novel() -> String {
    let path = format!(
        "{}/tests/data/hongloumeng-1-2.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// The novel's paragraphs (headings and the title included), without indentation.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Hard-wraps paragraphs like an old TXT book: `chars` wide characters a line (2 cells each,
/// narrow 1), a first-line indent of two U+3000 or none, a blank line between paragraphs or
/// none; with `kinsoku`, closing punctuation hangs instead of starting a line.
fn hard_wrap(paras: &[String], chars: usize, indent: bool, blank: bool, kinsoku: bool) -> String {
    let cells = chars * 2;
    let mut out = String::new();
    for p in paras {
        let mut line = String::new();
        let mut w = 0;
        if indent {
            line.push_str("\u{3000}\u{3000}");
            w = 4;
        }
        for c in p.chars() {
            let cw = if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
                2
            } else {
                1
            };
            let hangs = kinsoku && "，。、；：？！）」』》”’…".contains(c);
            if w + cw > cells && !line.trim().is_empty() && !hangs {
                out.push_str(&line);
                out.push('\n');
                line.clear();
                w = 0;
            }
            line.push(c);
            w += cw;
        }
        out.push_str(&line);
        out.push('\n');
        if blank {
            out.push('\n');
        }
    }
    out
}

/// Paragraphs of `--dump --width 0` (a reflowed paragraph is one line), spaces removed.
fn reflowed(text: &str) -> Vec<String> {
    paragraphs(&yuedu_text(
        &["--dump", "--width", "0", "--typography", "original"],
        text,
    ))
    .into_iter()
    .map(|p| p.split_whitespace().collect())
    .collect()
}

#[test]
fn one_paragraph_per_line_novel_is_unchanged() {
    let text = novel();
    for width in ["0", "40", "80"] {
        let args = ["--dump", "--width", width];
        let auto = yuedu_text(&args, &text);
        let off = yuedu_text(&[&args[..], &["--reflow", "off"]].concat(), &text);
        assert_eq!(auto, off, "width {width}");
    }
    // Without blank lines between paragraphs too.
    let dense = paragraphs(&text).join("\n");
    assert_eq!(
        yuedu_text(&["--dump", "--width", "60"], &dense),
        yuedu_text(&["--dump", "--width", "60", "--reflow", "off"], &dense)
    );
}

#[test]
fn hard_wrapped_novel_reads_like_the_clean_one() {
    let paras = paragraphs(&novel());
    let truth: Vec<String> = paras
        .iter()
        .map(|p| p.split_whitespace().collect())
        .collect();
    for (chars, indent, blank, kinsoku, min_whole) in [
        (30, true, false, false, 0.99),
        (36, false, true, false, 1.0),
        (40, true, true, false, 1.0),
        (30, true, false, true, 0.99),
        // No indent and no blank lines: a paragraph whose last line happens to be full cannot
        // be told from one that goes on (about one in `chars`).
        (34, false, false, false, 0.93),
    ] {
        let wrapped = hard_wrap(&paras, chars, indent, blank, kinsoku);
        let got = reflowed(&wrapped);
        let whole = got.iter().filter(|p| truth.contains(p)).count();
        let share = whole as f64 / truth.len() as f64;
        eprintln!(
            "{chars} chars, indent {indent}, blank {blank}, kinsoku {kinsoku}: source lines {}, \
             paragraphs {}, blocks after {}, whole {whole} ({share:.3})",
            wrapped.lines().filter(|l| !l.trim().is_empty()).count(),
            truth.len(),
            got.len()
        );
        assert!(share >= min_whole, "{share}");
        assert!(
            got.len() <= truth.len(),
            "no false splits: {} > {}",
            got.len(),
            truth.len()
        );
    }
}

/// Hard-wraps paragraphs by character count, as many TXT exporters do: `chars` characters a
/// line whatever their width (an ASCII `"` or an ambiguous `“` counts as one, like a Han), a
/// first-line indent of two U+3000 (two characters) or none, no blank lines.
fn hard_wrap_chars(paras: &[String], chars: usize, indent: bool) -> String {
    let mut out = String::new();
    for p in paras {
        let mut line: Vec<char> = if indent { vec!['\u{3000}'; 2] } else { vec![] };
        for c in p.chars() {
            if line.len() == chars {
                out.extend(line.drain(..));
                out.push('\n');
            }
            line.push(c);
        }
        out.extend(line);
        out.push('\n');
    }
    out
}

#[test]
fn novel_wrapped_by_character_count_reads_like_the_clean_one() {
    let paras = paragraphs(&novel());
    let truth: Vec<String> = paras
        .iter()
        .map(|p| p.split_whitespace().collect())
        .collect();
    // The novel has ASCII `"` and ambiguous `“”` (one cell each): a full line of 40
    // characters with two of them is 78 cells, and must still be taken as full.
    assert!(truth.iter().any(|p| p.contains('"')));
    for chars in [30, 35, 40] {
        for indent in [true, false] {
            let wrapped = hard_wrap_chars(&paras, chars, indent);
            let got = reflowed(&wrapped);
            eprintln!(
                "{chars} characters, indent {indent}: source lines {}, paragraphs {}, blocks {}",
                wrapped.lines().count(),
                truth.len(),
                got.len()
            );
            assert_eq!(got, truth, "{chars} characters, indent {indent}");
            // No space appears where a line ended next to an ASCII quote (`宜乎？"⏎故曰`):
            // the novel has none around its quotes.
            let shown = yuedu_text(&["--dump", "--width", "0"], &wrapped);
            assert!(
                !shown.contains("\" ") && !shown.contains(" \""),
                "{chars} characters, indent {indent}"
            );
        }
    }
}

#[test]
fn reflow_off_shows_the_source_lines_as_the_file_has_them() {
    // `--reflow off` (and `L`) on a hard-wrapped text: its lines, indentation kept, and no
    // paragraph spacing between the lines of one paragraph.
    let paras = paragraphs(&novel());
    let wrapped = hard_wrap_chars(&paras, 40, true);
    let args = ["--dump", "--width", "100", "--reflow", "off"];
    let off = yuedu_text(
        &[&args[..], &["--typography", "original"]].concat(),
        &wrapped,
    );
    let shown: Vec<&str> = off.lines().map(str::trim_end).collect();
    let source: Vec<&str> = wrapped.lines().collect();
    // Line for line (the title is centred and the headings drawn as headings) ...
    let trim = |l: &&str| l.trim_start_matches([' ', '\u{3000}']).to_string();
    let kept: Vec<String> = shown.iter().filter(|l| !l.is_empty()).map(trim).collect();
    assert_eq!(kept, source.iter().map(trim).collect::<Vec<_>>());
    // ... each paragraph's first line with its indent ...
    let indented = source
        .iter()
        .filter(|l| l.starts_with("\u{3000}\u{3000}此"));
    assert!(indented.clone().count() > 0);
    assert!(indented.into_iter().all(|l| shown.contains(l)));
    // ... and blank lines only between paragraphs: before an indented line or a heading.
    for (k, l) in shown.iter().enumerate().skip(1) {
        if l.is_empty() {
            let next = shown.get(k + 1).copied().unwrap_or("\u{3000}");
            assert!(
                next.is_empty() || next.starts_with('\u{3000}') || next.starts_with('第'),
                "{k}: {next}"
            );
        }
    }
}

#[test]
fn debian_reference_reflows_and_keeps_tables() {
    let Some(gz) = installed(
        "/usr/share/debian-reference/debian-reference.zh-cn.txt.gz",
        "debian-reference-zh-cn",
    ) else {
        return;
    };
    let text = String::from_utf8(gunzip(gz)).unwrap();
    // Before reflow every non-blank line was a block (12,794); after, blocks are the groups
    // of a wide dump's rows between blank lines.
    let before = text.lines().filter(|l| !l.trim().is_empty()).count();
    let wide = yuedu_text(&["--dump", "--width", "300"], &text);
    let blocks = wide.split("\n\n").filter(|b| !b.trim().is_empty()).count();
    eprintln!("zh-cn manual: blocks before {before} after {blocks}");
    assert!(blocks * 2 < before, "{blocks} {before}");
    let after = yuedu_text(&["--dump", "--width", "0"], &text);
    // Every table row and command line comes through as it was, line for line.
    let after_lines: std::collections::HashSet<&str> = after.lines().collect();
    let mut rows = 0;
    for l in text.lines() {
        let t = l.trim_start_matches([' ', '\u{a0}']);
        if t.starts_with("|-") || t.starts_with("+-") || t.starts_with("$ ") {
            rows += 1;
            assert!(after_lines.contains(l), "{l}");
        }
    }
    assert!(rows > 500, "{rows}");
    // Laid out at 50 cells: no line starts with closing punctuation.
    let dump = yuedu_text(&["--dump", "--width", "50"], &text);
    let bad: Vec<&str> = dump
        .lines()
        .filter(|l| {
            l.trim_start()
                .starts_with(['，', '。', '、', '；', '：', '？', '！'])
        })
        .collect();
    assert!(bad.is_empty(), "{:?}", &bad[..bad.len().min(5)]);
}

/// A manual exported with w3m (or pandoc) prints the chapter's title as a page header, a
/// navigation line and a rule before the chapter's own heading: `--toc` lists the chapter once
/// (newcomer finding: `第 1 章 GNU/Linux 教程` twice), while two chapters that merely share a
/// title with text between them stay two entries.
#[test]
fn a_page_header_repeating_the_chapter_is_one_toc_entry() {
    let page = "                            第 1 章 GNU/Linux 教程\n\
                上一页                                                                  下一页\n\
                \n\
                ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━\n\
                \n\
                第 1 章 GNU/Linux 教程\n\
                \n\
                1.1. 控制台基础\n\
                \n\
                我认为学习计算机系统就像学习一门新的外语。\n";
    let toc = yuedu_text(&["--toc"], page);
    assert_eq!(toc, "第 1 章 GNU/Linux 教程\n  1.1. 控制台基础\n", "{toc}");
    let novel =
        "第一回 同名\n\n正文一段，很长很长的一段话，写了许多事情。\n\n第一回 同名\n\n正文二。\n";
    let toc = yuedu_text(&["--toc"], novel);
    assert_eq!(toc.lines().count(), 2, "{toc}");
}

/// Repeated lines (`yes 中文测试行 | yuedu`, logs) are not a hard wrap: no line is joined
/// (the stdin engineer saw them run together as 中文测试行中文测试行…).
#[test]
fn repeated_lines_are_not_reflowed() {
    let text = "中文测试行\n".repeat(100);
    let dump = yuedu_text(&["--dump", "--width", "40"], &text);
    let rows: Vec<&str> = dump.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(rows.len(), 100, "{dump}");
    assert!(rows.iter().all(|r| r.trim() == "中文测试行"), "{dump}");
}
