//! `yuedu --dump --typography original --width W` on the bundled article, for every W in
//! 8..=120 and both ambiguous-width policies: every line fits, the Han text survives in order,
//! and no line starts with a no-start mark or ends with a no-end mark (clreq, GB/T 15834 §5.1)
//! unless the emergency rule forced it. The project's checker (`tests/wrapcheck/`, the port of
//! the reviewers' `wrapcheck.py`) runs on a few widths too.

mod wrapcheck;

use std::process::{Command, Stdio};

use yuedu::layout::linebreak::{is_no_end, is_no_start};
use yuedu::layout::width::str_width;
use yuedu::layout::AmbiguousWidth;

const SOURCE: &str = include_str!("../assets/article.txt");

fn dump(width: usize, ambiguous: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["--dump", "--typography", "original", "--width"])
        .arg(width.to_string())
        .args(["--ambiguous", ambiguous])
        .stdin(Stdio::null())
        .output()
        .expect("run yuedu");
    assert!(
        out.status.success(),
        "yuedu failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 dump")
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
        || ('\u{f900}'..='\u{faff}').contains(&c)
        || c >= '\u{20000}'
}

fn han(s: &str) -> String {
    s.chars().filter(|&c| is_han(c)).collect()
}

fn is_pinyin(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

/// The last unbreakable piece of a line: an `X(pinyin)` group, a Latin/digit run, or one char
/// (as the checker defines it).
fn tail(a: &str) -> &str {
    let chars: Vec<(usize, char)> = a.char_indices().collect();
    let n = chars.len();
    if n >= 4 && chars[n - 1].1 == ')' {
        let mut k = n - 2;
        while k > 0 && is_pinyin(chars[k].1) {
            k -= 1;
        }
        if chars[k].1 == '(' && k + 2 < n && k >= 1 && !chars[k - 1].1.is_whitespace() {
            return &a[chars[k - 1].0..];
        }
    }
    let word = a.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '-');
    if word.len() < a.len() {
        return &a[word.len()..];
    }
    chars.last().map_or("", |&(i, _)| &a[i..])
}

/// When the break falls inside an `X(pinyin)` group: `Some(true)` if the group (with opening
/// marks before it) would have fitted on a line, `Some(false)` if it is wider than the column.
fn annotation_across(a: &str, n: &str, width: usize, amb: AmbiguousWidth) -> Option<bool> {
    let left: Vec<char> = a.chars().collect();
    let left = &left[left.len().saturating_sub(12)..];
    let seam: Vec<char> = left.iter().copied().chain(n.chars().take(12)).collect();
    let cut = left.len();
    for j in 0..seam.len().saturating_sub(3) {
        if seam[j].is_whitespace() || seam[j] == '(' || seam[j + 1] != '(' {
            continue;
        }
        let mut k = j + 2;
        while k < seam.len() && is_pinyin(seam[k]) {
            k += 1;
        }
        if k == j + 2 || seam.get(k) != Some(&')') {
            continue;
        }
        let end = k + 1;
        if j < cut && cut < end {
            let mut lead = j;
            while lead > 0 && is_no_end(seam[lead - 1]) {
                lead -= 1;
            }
            let group: String = seam[lead..end].iter().collect();
            return Some(str_width(&group, amb).0 <= width);
        }
    }
    None
}

fn lead_run(n: &str) -> &str {
    let end = n.find(|c: char| !is_no_start(c)).unwrap_or(n.len());
    &n[..end]
}

fn check(text: &str, width: usize, amb: AmbiguousWidth) -> Vec<String> {
    let mut bad = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let w = str_width(line, amb).0;
            if w > width {
                bad.push(format!("too wide ({w} > {width}): {line}"));
            }
            let Some(next) = lines.get(i + 1) else {
                continue;
            };
            let a = line.trim_end_matches(' ');
            let (Some(last), Some(first)) = (a.chars().next_back(), next.chars().next()) else {
                continue;
            };
            if let Some(fits) = annotation_across(a, next, width, amb) {
                if fits {
                    bad.push(format!("annotation split: {a} / {next}"));
                }
                continue;
            }
            let forced = str_width(&format!("{}{}", tail(a), lead_run(next)), amb).0 > width;
            if is_no_start(first) && !forced {
                bad.push(format!("starts with {first:?}: {a} / {next}"));
            }
            if is_no_end(last) {
                bad.push(format!("ends with {last:?}: {a} / {next}"));
            }
            if last == first && (first == '—' || first == '…') {
                bad.push(format!("split {first}{first}: {a} / {next}"));
            }
            if last.is_ascii_digit() && first.is_ascii_digit() {
                bad.push(format!("digits split: {a} / {next}"));
            }
        }
    }
    if han(text) != han(SOURCE) {
        bad.push("Han text differs from the source".to_string());
    }
    bad
}

#[test]
fn every_width_obeys_the_rules() {
    for (name, amb) in [
        ("narrow", AmbiguousWidth::Narrow),
        ("wide", AmbiguousWidth::Wide),
    ] {
        for width in 8..=120 {
            let text = dump(width, name);
            let bad = check(&text, width, amb);
            assert!(
                bad.is_empty(),
                "width {width}, ambiguous {name}:\n{}",
                bad.join("\n")
            );
        }
    }
}

/// `--dump` prints the screen's rows (DECISIONS "Output formats"): metadata lines and a
/// heading with its subtitle stand without a blank line between them, and the checker ends
/// paragraphs only at blank lines. A row that is a whole source line ends its block, so a
/// blank line goes after it for the checker.
fn blocks_apart(dump: &str) -> String {
    let whole: std::collections::HashSet<&str> = SOURCE.lines().map(str::trim).collect();
    let mut out = String::new();
    for line in dump.lines() {
        out.push_str(line);
        out.push('\n');
        if !line.is_empty() && whole.contains(line.trim()) {
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_checker_agrees() {
    for width in [20, 37, 80] {
        for amb in ["narrow", "wide"] {
            let text = blocks_apart(&dump(width, amb));
            let report = wrapcheck::check(&text, width, amb == "wide", Some(SOURCE));
            assert!(
                report.ok(1.0),
                "wrapcheck at width {width} ({amb}):\n{}",
                report.summary()
            );
        }
    }
}

/// A stand-in for the tidy typography (until it lands): pinyin annotations hidden and
/// half-width `,:;!?()` after Han made full-width, so the rules are checked on full-width
/// punctuation too. Laid out with the library directly, one block per source line.
fn tidy(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut prev_han = false;
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c == '(' && prev_han {
            let n = rest.find(')').unwrap_or(0);
            if n > 0 && rest[..n].chars().all(is_pinyin) {
                rest = &rest[n + 1..];
                continue;
            }
        }
        let full = match c {
            ',' if prev_han => '，',
            ':' if prev_han => '：',
            ';' if prev_han => '；',
            '!' if prev_han => '！',
            '?' if prev_han => '？',
            _ => c,
        };
        out.push(full);
        prev_han = is_han(c);
    }
    out
}

#[test]
fn tidy_text_obeys_the_rules() {
    use yuedu::layout::{wrap, WrapOptions};
    use yuedu::units::Cells;
    let text = tidy(SOURCE);
    assert!(text.contains('，') && !text.contains("(fā)"));
    for (name, amb) in [
        ("narrow", AmbiguousWidth::Narrow),
        ("wide", AmbiguousWidth::Wide),
    ] {
        for width in 8..=120 {
            let opts = WrapOptions {
                ambiguous: amb,
                ..WrapOptions::new(Cells(width))
            };
            let mut dump = String::new();
            for para in text.lines().filter(|l| !l.trim().is_empty()) {
                if !dump.is_empty() {
                    dump.push('\n');
                }
                for l in wrap(para, &opts) {
                    dump.push_str(&para[l.bytes]);
                    dump.push('\n');
                }
            }
            let bad = check(&dump, width, amb);
            assert!(
                bad.is_empty(),
                "tidy, width {width}, {name}:\n{}",
                bad.join("\n")
            );
        }
    }
}
