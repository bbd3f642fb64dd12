//! Admonition boxes as `w3m -dump` draws a DocBook manual's notes: the box is a two-column
//! table, its icon's alt text `[注意]` in a narrow first column and the title and the note in
//! the second, so the label is split over two lines and the note's first line starts after the
//! label's second half:
//!
//! ```text
//! [注 注意
//! 意] 遵循 Unix 传统，Debian 系统下的用户名和密码是大小写敏感的。用户名通常由小写
//!     字母组成。第一个用户账号通常在安装期间进行创建。
//! ```
//!
//! (or, when the column is wide enough, `[提示] 提示` with the note on the lines under it,
//! indented). Read line by line, the second line is a paragraph starting with `意]` and the
//! third, more indented, starts another: the sentence is split. A box found here is read as
//! HTML reads it ([`super::html_table`] unwraps an admonition into a quotation): the title
//! (`注意`) is one quotation block, and the note's lines, from after `意] ` to the last line
//! indented to the note's column (blank lines between its paragraphs allowed), are quotation
//! paragraphs, reflowed like the text around them. The icon's halves are left out of the
//! blocks (the source keeps them).
//!
//! A box needs the whole pattern: `[`, the first part of an admonition label
//! ([`super::lines::is_admonition`]: `注意`, `提示`, `警告`, `小心`, `Note`…), spaces, the
//! label; then, on the next line with no blank line between, the rest of the label and `]`.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use super::lines;
use super::source_lines::SourceLines;
use super::spaces;

/// One admonition box: where its title is, and its note's lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteBox {
    /// The line holding `[注 注意` (or `[提示] 提示`).
    pub title_line: usize,
    /// The title's bytes in the text (`注意`).
    pub title: Range<usize>,
    /// The note's lines: the first one starts at `body_start`.
    pub body: Range<usize>,
    /// Where the note's text starts in the text (after `意] `).
    pub body_start: usize,
}

/// The admonition boxes of a text, in order. Linear: each line is looked at once, a box's
/// lines once more.
pub(crate) fn find(lines: &SourceLines<'_>) -> Vec<NoteBox> {
    let n = lines.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < n {
        let Some(b) = at(lines, i) else {
            i += 1;
            continue;
        };
        i = b.body.end;
        out.push(b);
    }
    out
}

/// The box whose title line is line `i`, if it is one.
fn at(lines: &SourceLines<'_>, i: usize) -> Option<NoteBox> {
    let t = lines.str(i);
    let rest = t.strip_prefix('[')?;
    let gap = rest.find(spaces::is_space)?;
    let (icon, label) = (&rest[..gap], spaces::trim_start(&rest[gap..]));
    if !lines::is_admonition(label) || lines.blank_before(i + 1) {
        return None;
    }
    let title_start = lines.bytes(i).end - label.len();
    let next = lines.str(i + 1);
    let (body_line, body_start, column) = if icon.strip_suffix(']') == Some(label) {
        // `[提示] 提示`, the note on the lines under it, indented.
        let column = lines.indent(i + 1);
        if column <= lines.indent(i) {
            return None;
        }
        (i + 1, lines.bytes(i + 1).start, column)
    } else {
        // `[注 注意` ⏎ `意] note…`: the label's second half closes the icon.
        let second = label
            .strip_prefix(icon)
            .filter(|s| !s.is_empty() && !icon.is_empty())?;
        let after = next.strip_prefix(second)?.strip_prefix(']')?;
        let text = spaces::trim_start(after);
        if text.is_empty() || text.len() == after.len() {
            return None;
        }
        let prefix = &next[..next.len() - text.len()];
        let column = lines.indent(i + 1) + prefix.width();
        (i + 1, lines.bytes(i + 1).end - text.len(), column)
    };
    let mut end = body_line + 1;
    while end < lines.len() && lines.indent(end) >= column {
        end += 1;
    }
    Some(NoteBox {
        title_line: i,
        title: title_start..lines.bytes(i).end,
        body: body_line..end,
        body_start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(text: &str) -> Vec<(&str, Vec<&str>, &str)> {
        let lines = SourceLines::new(text);
        find(&lines)
            .into_iter()
            .map(|b| {
                let body: Vec<&str> = b.body.clone().map(|i| lines.str(i)).collect();
                (&text[b.title.clone()], body, &text[b.body_start..])
            })
            .map(|(t, body, rest)| (t, body, rest.split('\n').next().unwrap_or("")))
            .collect()
    }

    /// The Debian Reference, 1.1.1 and 1.1.3, as `w3m -dump -cols 80` writes its notes.
    #[test]
    fn split_and_whole_icons() {
        let text = "按回车键。\n\n[注 注意\n意] 遵循 Unix 传统，用户名和密码是大小写敏感的。用户名通常由小写\n    字母组成。\n\n    第二段。\n\n系统以保存在。\n\n[提示] 提示\n       我试图阐明操作系统底层。\n\n3.2. 预备知识\n\n [警  警告\n 告]  阅读本文档，\n      提供有效的起点。\n后文。\n";
        assert_eq!(
            boxes(text),
            [
                (
                    "注意",
                    vec![
                        "意] 遵循 Unix 传统，用户名和密码是大小写敏感的。用户名通常由小写",
                        "字母组成。",
                        "第二段。"
                    ],
                    "遵循 Unix 传统，用户名和密码是大小写敏感的。用户名通常由小写"
                ),
                (
                    "提示",
                    vec!["我试图阐明操作系统底层。"],
                    "我试图阐明操作系统底层。"
                ),
                (
                    "警告",
                    vec!["告]  阅读本文档，", "提供有效的起点。"],
                    "阅读本文档，"
                ),
            ]
        );
    }

    #[test]
    fn brackets_that_are_not_note_boxes() {
        for text in [
            "[Unit]\nDescription=SSH\n",
            "[注 注意\n\n意] 空行之后不是。\n",
            "[注 提示\n意] 标签不合。\n",
            "[提示] 提示\n没有缩进的下一行。\n",
            "[注意\n意] 没有空格。\n",
        ] {
            assert!(boxes(text).is_empty(), "{text}");
        }
    }
}
