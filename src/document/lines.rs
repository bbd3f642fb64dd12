//! What one line of plain text looks like on its own: a chapter line, a metadata line, a
//! notice, a heading candidate, or prose. [`super::parse`] adds the context (neighbours).
//!
//! Every test here looks at a bounded prefix of the line or rejects long lines first, so
//! classifying a book is linear in its size.

/// A chapter-like line recognised by its words alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chapter {
    /// `第一卷`, `第二部`: nests the chapters after it.
    Volume,
    /// `第一章`, `第3回`, `Chapter 7`…
    Chapter,
    /// `序章`, `楔子`, `前言`…: at chapter level, or level 1 before any volume.
    Front,
    /// `後記`/`后记`: always level 1 (it closes the book, not a volume).
    Afterword,
    /// `尾聲`, `番外`, `終章`…: at chapter level.
    Back,
}

/// Longest line (bytes) that can be a chapter line, a heading or a title (about 40 Han).
pub const MAX_HEADING_BYTES: usize = 120;

/// Digits allowed in `第N章`: Chinese numerals (also financial forms), Arabic, full-width.
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
            | '千' | '萬' | '万' | '兩' | '两' | '壹' | '贰' | '貳' | '叁' | '參' | '肆' | '伍'
            | '陆' | '陸' | '柒' | '捌' | '玖' | '拾' | '佰' | '仟' | '0'..='9' | '０'..='９'
    )
}

/// Units after `第N`; 卷 and 部 are volumes.
fn unit(c: char) -> Option<Chapter> {
    match c {
        '卷' | '部' => Some(Chapter::Volume),
        '章' | '回' | '節' | '节' | '篇' | '集' | '話' | '话' => Some(Chapter::Chapter),
        _ => None,
    }
}

/// A unit followed directly by this character is a word, not a chapter (`第三回合`,
/// `第二节课`, `第一部分`, `第二集团`).
fn forms_word(unit: char, next: char) -> bool {
    const WORDS: &[&str] = &[
        "节课", "節課", "节目", "節目", "节日", "節日", "节奏", "節奏", "节省", "節省", "回合",
        "回来", "回來", "回去", "回家", "回头", "回頭", "回答", "回到", "回忆", "回憶", "回复",
        "回覆", "回应", "回應", "部分", "部份", "部门", "部門", "部队", "部隊", "部长", "部長",
        "部下", "集团", "集團", "集合", "集中", "集体", "集體", "集会", "集會", "篇幅", "章程",
        "卷子", "话说", "話說", "话题", "話題", "话语", "話語",
    ];
    WORDS.iter().any(|w| {
        let mut cs = w.chars();
        cs.next() == Some(unit) && cs.next() == Some(next)
    })
}

/// Front and back matter words, with their kind.
const MATTER: &[(&str, Chapter)] = &[
    ("序章", Chapter::Front),
    ("序言", Chapter::Front),
    ("序", Chapter::Front),
    ("楔子", Chapter::Front),
    ("引子", Chapter::Front),
    ("前言", Chapter::Front),
    ("尾聲", Chapter::Back),
    ("尾声", Chapter::Back),
    ("後記", Chapter::Afterword),
    ("后记", Chapter::Afterword),
    ("番外", Chapter::Back),
    ("終章", Chapter::Back),
    ("终章", Chapter::Back),
    ("Prologue", Chapter::Front),
    ("PROLOGUE", Chapter::Front),
    ("Epilogue", Chapter::Back),
    ("EPILOGUE", Chapter::Back),
];

/// Recognises a chapter line (`line` is trimmed). The rest of the line after the chapter
/// word must be a title, not prose: see `is_title_rest`.
pub fn chapter(line: &str) -> Option<Chapter> {
    if line.len() > MAX_HEADING_BYTES {
        return None;
    }
    if let Some(rest) = line.strip_prefix('第') {
        let rest = super::spaces::trim_start(rest);
        let digits = rest.find(|c| !is_numeral(c)).unwrap_or(rest.len());
        if digits == 0 {
            return None;
        }
        let rest = super::spaces::trim_start(&rest[digits..]);
        let mut cs = rest.chars();
        let u = cs.next()?;
        let kind = unit(u)?;
        let after = cs.as_str();
        if let Some(next) = after.chars().next() {
            if !is_separator(next) && forms_word(u, next) {
                return None;
            }
        }
        return is_title_rest(after).then_some(kind);
    }
    for prefix in ["Chapter ", "CHAPTER "] {
        if let Some(rest) = line.strip_prefix(prefix) {
            let n = rest
                .find(|c: char| !(c.is_ascii_digit() || "IVXLCivxlc".contains(c)))
                .unwrap_or(rest.len());
            return (n > 0 && is_title_rest(&rest[n..])).then_some(Chapter::Chapter);
        }
    }
    MATTER.iter().find_map(|&(word, kind)| {
        let rest = line.strip_prefix(word)?;
        // `序` alone or before a separator (not `序曲`, `序号`).
        if word == "序" && rest.chars().next().is_some_and(|c| !is_separator(c)) {
            return None;
        }
        // `番外一`, `番外三 標題`: a numeral may follow.
        let rest = rest.trim_start_matches(is_numeral);
        is_title_rest(rest).then_some(kind)
    })
}

/// A separator between a chapter word and its title: spaces, `：`, `:`, `、`, `.`, dashes.
fn is_separator(c: char) -> bool {
    super::spaces::is_space(c)
        || matches!(c, '：' | ':' | '、' | '.' | '．' | '-' | '—' | '·' | '・')
}

/// The part of a chapter line after the chapter word is a title: empty, or (after a
/// separator, or directly as in `第一章零界`) text that is not prose. With a separator the
/// title may hold a `，` or end in `！`/`？`/`…` (`第十章 你好，世界`); without one it must be
/// [`heading_like`]. A `。` at the end is always prose.
fn is_title_rest(rest: &str) -> bool {
    let Some(first) = rest.chars().next() else {
        return true;
    };
    let title = rest.trim_start_matches(is_separator);
    if title.is_empty() {
        return true;
    }
    if is_separator(first) {
        let last = last_significant(title);
        !matches!(last, Some('。' | '.' | ';' | '；')) && !title.contains('。')
    } else {
        heading_like(title).is_some()
    }
}

/// The last character, skipping closing quotes and brackets.
pub fn last_significant(s: &str) -> Option<char> {
    s.trim_end_matches(['”', '’', '」', '』', '）', ')', '"', '\'', '】', '］'])
        .chars()
        .next_back()
}

/// How a heading-like line ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadingLike {
    /// Ends in a word: can be a heading or a subtitle.
    Plain,
    /// Ends in `…`/`……`: can only end a subtitle (`正在南大悄然發(fā)生……`).
    Ellipsis,
}

/// Whether a trimmed line reads like a heading rather than prose: at most
/// [`MAX_HEADING_BYTES`], at least two letters or Han, no sentence punctuation
/// (`。！？!?；;`) anywhere, no `，` (a clause break), not ending in a comma, colon or
/// dash, and not wholly inside quotes (a line of dialogue). The half-width comma is allowed
/// (`跨界攬才,精英回歸`). A line starting with `第` and a numeral that is not a chapter line
/// (`第二节课下课后`) is not heading-like either.
pub fn heading_like(line: &str) -> Option<HeadingLike> {
    if line.len() > MAX_HEADING_BYTES
        || is_admonition(line)
        || is_prompt(line)
        || line
            .strip_prefix('第')
            .is_some_and(|r| r.trim_start().starts_with(is_numeral))
        || line.contains(['。', '！', '？', '!', '?', '；', ';', '，'])
        || line.chars().filter(|c| c.is_alphanumeric()).take(2).count() < 2
    {
        return None;
    }
    let quoted = |open: char, close: char| line.starts_with(open) && line.ends_with(close);
    if quoted('“', '”') || quoted('「', '」') || quoted('『', '』') || quoted('"', '"') {
        return None;
    }
    match last_significant(line)? {
        '…' => Some(HeadingLike::Ellipsis),
        '、' | ',' | '：' | ':' | '—' | '-' | '·' => None,
        _ if line.ends_with("...") => Some(HeadingLike::Ellipsis),
        _ => Some(HeadingLike::Plain),
    }
}

/// Admonition labels of manuals, standing alone on a line before a note (`注意`, `警告`,
/// `提示`, `小心`, `重要`, `Note`…): a label, not a heading.
pub fn is_admonition(line: &str) -> bool {
    const LABELS: &[&str] = &[
        "注意",
        "警告",
        "提示",
        "小心",
        "重要",
        "注",
        "注释",
        "註釋",
        "说明",
        "說明",
        "技巧",
        "Note",
        "NOTE",
        "Warning",
        "WARNING",
        "Tip",
        "TIP",
        "Caution",
        "CAUTION",
        "Important",
        "IMPORTANT",
    ];
    let label = line.trim_end_matches([':', '：']);
    LABELS.contains(&label)
}

/// A shell command line: a prompt `$ `, `# `, `% ` or `> ` (or `user@host:~$ `) before a command
/// (`$ man 1 bash`, `# apt-get update`).
pub fn is_prompt(line: &str) -> bool {
    if ["$ ", "# ", "% ", "> "].iter().any(|p| line.starts_with(p)) {
        return line.len() > 2;
    }
    // `foo:~$ ls`, `root@host:/etc# vi x`: a prompt word ending in `$`/`#` before a space.
    let word_end = line.find(' ').unwrap_or(line.len());
    let word = &line[..word_end];
    word.len() > 1
        && word_end < line.len()
        && (word.ends_with('$') || word.ends_with('#'))
        && word.contains([':', '@', '~'])
        && word.is_ascii()
}

/// Keys of metadata lines (`來源:`, `作者：`, `編輯整理 :`), traditional and simplified.
const META_KEYS: &[&str] = &[
    "來源",
    "来源",
    "作者",
    "編輯整理",
    "编辑整理",
    "責任編輯",
    "责任编辑",
    "編輯",
    "编辑",
    "出處",
    "出处",
    "原文",
    "譯者",
    "译者",
    "翻譯",
    "翻译",
    "發布",
    "发布",
    "發佈",
    "時間",
    "时间",
    "日期",
    "字數",
    "字数",
    "類別",
    "类别",
    "分類",
    "分类",
    "標籤",
    "标签",
    "簡介",
    "简介",
    "內容簡介",
    "内容简介",
    "出版社",
    "整理",
    "校對",
    "校对",
    "主編",
    "主编",
    "記者",
    "记者",
    "攝影",
    "摄影",
    "圖片",
    "图片",
    "撰文",
    "文字",
    "更新",
    "狀態",
    "状态",
    "Source",
    "Author",
    "Editor",
    "Date",
    "By",
    "Translator",
];

/// A metadata line: a known key, optional spaces, then `:` or `：`; at most
/// [`MAX_HEADING_BYTES`].
pub fn is_meta(line: &str) -> bool {
    line.len() <= MAX_HEADING_BYTES
        && META_KEYS.iter().any(|k| {
            line.strip_prefix(k).is_some_and(|rest| {
                rest.trim_start_matches([' ', '\u{3000}'])
                    .starts_with([':', '：'])
            })
        })
}

/// A closing notice: `特別聲明…`, `免責聲明…`, `版權聲明…` (either script), `Notice:`,
/// `Disclaimer`.
pub fn is_notice(line: &str) -> bool {
    const KEYS: &[&str] = &[
        "特別聲明",
        "特别声明",
        "免責聲明",
        "免责声明",
        "版權聲明",
        "版权声明",
        "Notice:",
        "NOTICE:",
        "Disclaimer",
        "DISCLAIMER",
    ];
    KEYS.iter().any(|k| line.starts_with(k))
}

/// A title at the top: heading-like and ending in a word (book-title marks `《》` allowed).
pub fn is_title(line: &str) -> bool {
    heading_like(line) == Some(HeadingLike::Plain)
}
