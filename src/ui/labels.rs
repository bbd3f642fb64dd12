//! The interface's Chinese labels, in the script the reader sees, with the English beside.
//!
//! Labels follow the **displayed** script (DECISIONS, Keys): the variant shown, or the
//! document's own script when it is shown as written — so a simplified book's navigator says
//! `章节 Sections`, a traditional one's `章節 Sections`. The words are a table, not run through
//! OpenCC, because some differ by region, not only by character (搜尋 / 搜索, 設定 / 设置).

use crate::script::Script;

/// A label: traditional, simplified, English.
pub struct Label(pub &'static str, pub &'static str, pub &'static str);

pub const SECTIONS: Label = Label("章節", "章节", "Sections");
pub const OPENING: Label = Label("（開頭）", "（开头）", "");
pub const BOOKMARKS: Label = Label("書籤", "书签", "Bookmarks");
pub const VARIANT: Label = Label("字形", "字形", "Script variant");
pub const SEARCH: Label = Label("搜尋", "搜索", "search");
pub const KEYS: Label = Label("閱讀 — 按鍵", "阅读 — 按键", "keys");
pub const SETTINGS: Label = Label("設定", "设置", "Settings");
/// The status line's reflow state (`L`): paragraphs joined from hard-wrapped lines, or the
/// source's own lines.
pub const REFLOWED: Label = Label("重排", "重排", "reflowed");
pub const SOURCE_LINES: Label = Label("原行", "原行", "source lines");
pub const DOCUMENT: Label = Label("本文件", "本文档", "This document");

impl Label {
    /// The Chinese word in `script` (traditional unless the reader sees simplified).
    pub fn zh(&self, script: Script) -> &'static str {
        match script {
            Script::Simplified => self.1,
            _ => self.0,
        }
    }

    /// `中文 English` in `script`.
    pub fn both(&self, script: Script) -> String {
        if self.2.is_empty() {
            self.zh(script).to_string()
        } else {
            format!("{} {}", self.zh(script), self.2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_script_and_keep_the_english() {
        assert_eq!(SECTIONS.both(Script::Simplified), "章节 Sections");
        assert_eq!(SECTIONS.both(Script::Traditional), "章節 Sections");
        assert_eq!(BOOKMARKS.both(Script::Unknown), "書籤 Bookmarks");
        assert_eq!(OPENING.both(Script::Simplified), "（开头）");
    }
}
