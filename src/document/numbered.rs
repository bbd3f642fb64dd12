//! Numbered headings of manuals and documents, recognised by their numbering alone:
//! `章 5. 網絡設置` (the zh-TW manual's chapters), `附录 A. 附录`, `1.`, `1.1.`, `1.1.1.`,
//! `6.2.4.1.`, `1.1 概述` (no final dot, two numbers or more), `1、`, `一、总则`, `（一）范围`.
//!
//! Whether such a line is a heading also depends on its neighbours (a run of numbered lines
//! with no blank line between them is a list or a printed table of contents): that is
//! [`super::parse`]'s job. Spaces are any Unicode spaces ([`super::spaces`]).

use super::lines;
use super::spaces::{is_space, trim_start};

/// The numbering style of a numbered line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbering {
    /// `章 N.`, `附录 A.`/`附錄 A.`, `Appendix A.`: a chapter of a manual (level 1).
    Chapter,
    /// `N.`, `N.N.`, … or `N.N` without the final dot, `N、`: the depth is the count of numbers.
    Decimal(u8),
    /// `一、`: a Chinese-numbered part.
    ChineseComma,
    /// `（一）` / `(一)`: a Chinese-numbered item inside a part.
    ChineseParen,
}

fn is_han_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '壹'
            | '贰'
            | '貳'
            | '叁'
            | '參'
            | '肆'
            | '伍'
            | '陆'
            | '陸'
            | '柒'
            | '捌'
            | '玖'
            | '拾'
    )
}

/// Recognises a numbered heading line (`line` trimmed): a [`numbering`] whose title reads like
/// a title ([`title_ok`]).
pub fn numbered(line: &str) -> Option<Numbering> {
    if line.len() > lines::MAX_HEADING_BYTES {
        return None;
    }
    let (n, title) = numbering(line)?;
    // `1.1. C` is a section; `1. C` could be anything. A `，` is allowed in the title of a
    // section (`10.1. 共享，拷贝和存档`), not after a bare `1.` (list items are clauses).
    let deep = matches!(n, Numbering::Decimal(d) if d >= 2) || n == Numbering::Chapter;
    if title.is_empty() {
        return (n == Numbering::Chapter).then_some(n);
    }
    (title_ok(title, if deep { 1 } else { 2 }) && (deep || !title.contains('，'))).then_some(n)
}

/// The numbering at the start of `line` and the title after it (trimmed), whatever the title
/// is: `1. 打开终端，输入命令。` is numbered (a list item), though not a heading.
pub fn numbering(line: &str) -> Option<(Numbering, &str)> {
    if let Some(rest) = line.strip_prefix('章') {
        let rest = trim_start(rest);
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let after = rest[digits..].strip_prefix('.')?;
        return (digits > 0 && digits <= 3 && (after.is_empty() || after.starts_with(is_space)))
            .then(|| (Numbering::Chapter, trim_start(after)));
    }
    for word in ["附录", "附錄", "Appendix"] {
        if let Some(rest) = line.strip_prefix(word) {
            let rest = trim_start(rest);
            let mut cs = rest.chars();
            let letter = cs.next()?;
            let after = cs.as_str().strip_prefix('.')?;
            return (letter.is_ascii_uppercase()
                && (after.is_empty() || after.starts_with(is_space)))
            .then(|| (Numbering::Chapter, trim_start(after)));
        }
    }
    let first = line.chars().next()?;
    if first.is_ascii_digit() {
        return decimal(line, 0);
    }
    // `A.1. Debian 迷宫`: an appendix's sections.
    if first.is_ascii_uppercase()
        && line[1..].starts_with('.')
        && line[2..].starts_with(|c: char| c.is_ascii_digit())
    {
        return decimal(&line[2..], 1);
    }
    if is_han_numeral(first) {
        let n = line.find(|c| !is_han_numeral(c)).unwrap_or(line.len());
        let after = line[n..].strip_prefix('、')?;
        return Some((Numbering::ChineseComma, trim_start(after)));
    }
    let inner = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let n = inner.find(|c| !is_han_numeral(c)).unwrap_or(inner.len());
    if n == 0 {
        return None;
    }
    let after = inner[n..]
        .strip_prefix('）')
        .or_else(|| inner[n..].strip_prefix(')'))?;
    Some((Numbering::ChineseParen, trim_start(after)))
}

/// Whether the text after a numbering can be a list item's or a heading's (for counting
/// numbered neighbours): not empty, and not the tail of a wrapped cross-reference
/// (`9.1.2 节 “screen 程序”`) or a number (`3.14`).
pub fn item_like(title: &str) -> bool {
    title
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit() && !matches!(c, '节' | '節' | '章'))
}

/// `1.`, `1.2.`, `1.2.3.4.`, `1.2 title`, `1、title`: one to three digits a number, at most
/// five numbers (`depth` counts numbers already read, the `A` of `A.1.`).
fn decimal(line: &str, mut depth: u8) -> Option<(Numbering, &str)> {
    let mut rest = line;
    let final_dot = loop {
        let n = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if n == 0 || n > 3 {
            return None;
        }
        depth += 1;
        rest = &rest[n..];
        if let Some(after) = rest.strip_prefix('、') {
            return (depth == 1).then(|| (Numbering::Decimal(1), trim_start(after)));
        }
        match rest.strip_prefix('.') {
            Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => rest = after,
            Some(after) => {
                rest = after;
                break true;
            }
            None => break false,
        }
        if depth > 5 {
            return None;
        }
    };
    if depth > 5 || (!final_dot && depth < 2) || !(rest.is_empty() || rest.starts_with(is_space)) {
        return None;
    }
    let title = trim_start(rest);
    // Without the final dot (`1.1 概述`) a measure such as `1.5 kg` must not pass: the title
    // then starts with a Han character or a capital letter.
    if !final_dot && title.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    Some((Numbering::Decimal(depth), title))
}

/// The title after a number: not empty; starting with a letter or Han character or an
/// opening quote (not a digit: `1. 5 kg`; not `节`/`章`: the wrapped tail of `第 7.6 节`); at
/// least `min_letters` letters or Han characters; no `。`; not ending in `.`, `;`, `；`, `：`,
/// `:`, `，`, `,`, `、`; brackets balanced (a closing one without its opening one is the tail
/// of a wrapped sentence: `2.6.30 开始的默认行为)`).
pub fn title_ok(title: &str, min_letters: usize) -> bool {
    let Some(first) = title.chars().next() else {
        return false;
    };
    if first.is_ascii_digit()
        || matches!(first, '节' | '節' | '章')
        || !(first.is_alphanumeric() || "“「『《（(\"'".contains(first))
    {
        return false;
    }
    if title.contains('。') {
        return false;
    }
    if title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(min_letters)
        .count()
        < min_letters
    {
        return false;
    }
    let count = |c: char| title.matches(c).count();
    if count('(') != count(')') || count('（') != count('）') {
        return false;
    }
    !matches!(
        lines::last_significant(title),
        Some('.' | ';' | '；' | '：' | ':' | '，' | ',' | '、')
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Numbering::*;

    #[test]
    fn manual_numbering() {
        for (line, want) in [
            ("1.\u{a0}免责声明", Decimal(1)),
            ("1.1.\u{a0}控制台基础", Decimal(2)),
            ("1.1.1.\u{a0}shell 提示符", Decimal(3)),
            ("6.2.4.1.\u{a0}exim4 的配置", Decimal(4)),
            ("1.2.4.\u{a0}控制新建文件的权限：umask", Decimal(3)),
            ("1.1 概述", Decimal(2)),
            ("2.3.1 安装步骤", Decimal(3)),
            ("3、适用范围", Decimal(1)),
            ("章 5. 網絡設置", Chapter),
            ("章\u{a0}12.\u{a0}編程", Chapter),
            ("附录\u{a0}A.\u{a0}附录", Chapter),
            ("附錄 A. 附錄", Chapter),
            ("一、总则", ChineseComma),
            ("十二、 附则", ChineseComma),
            ("（一）适用范围", ChineseParen),
            ("(三) 其他", ChineseParen),
            ("10.1. 共享，拷贝和存档", Decimal(2)),
            ("2.7.11. 上传软件包的是谁？", Decimal(3)),
            ("12.3.1. C", Decimal(3)),
            ("A.1. Debian 迷宫", Decimal(2)),
        ] {
            assert_eq!(numbered(line), Some(want), "{line}");
        }
    }

    #[test]
    fn not_numbered_headings() {
        for line in [
            "1. 打开终端，输入命令。",
            "2023. 年",
            "1.5 kg",
            "1 本书",
            "5.10.0-6-amd64 #1 SMP",
            "1.",
            "1.1.",
            "12345. 太长的编号",
            "一、",
            "一样的东西",
            "（注）",
            "$ man 1 bash",
            "3.14159",
            "1. 下面这些：",
            "2.6.30 开始的默认行为)",
            "7.6 节 “沙盒”）",
            "1. C",
            "章节",
        ] {
            assert_eq!(numbered(line), None, "{line}");
        }
    }
}
