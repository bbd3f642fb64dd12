//! Verse in plain text: a stanza of a poem (lines of a 律诗 or 古风, a 词, lyrics) keeps its
//! line breaks, with no blank line between its lines; stanzas are separated like paragraphs.
//!
//! Verse needs evidence (DECISIONS "Text rules"): a *stanza* — two or more body lines with no
//! blank line between them and nothing else (a heading, a metadata line, a rule) among them —
//! is verse when
//! - every line is short: 4 to [`MAX_CELLS`] cells (24 Han characters: the longest lines of a
//!   古风 or a 词 fit, a novel's paragraph line does not);
//! - the lines are of similar length: all within [`TOLERANCE`] cells of each other, or at
//!   least two thirds within a third of the median from it (a 词's long and short lines, a
//!   古风's couplets of five and seven characters);
//! - every line ends in a Han character or in verse punctuation (`，。！？；：、．`) and at
//!   least three quarters of them in punctuation (a 2-line couplet: both) — lines cut by an
//!   exporter end in the middle of a clause;
//! - no line ends in a closing quote (a run of dialogue, `“好。”⏎“走吧。”`, is not verse);
//! - at least 60% of the characters are Han (a wrapped line of a manual with commands is not).
//!
//! A novel with one paragraph per line has stanzas of one line (blank lines between) or long
//! lines, so it comes out unchanged. Figures on real poems and novels: BENCHMARKS.md §13.

use unicode_width::UnicodeWidthStr;

/// The widest verse line, in cells.
pub const MAX_CELLS: usize = 48;
/// How far (cells) line lengths may spread and still be "similar".
pub const TOLERANCE: usize = 4;

/// Punctuation a verse line may end with.
fn verse_end(c: char) -> bool {
    matches!(c, '，' | '。' | '！' | '？' | '；' | '：' | '、' | '．')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Whether one line (without surrounding spaces) passes the tests [`is_verse`] makes of every
/// line alone: its width, and how it ends. A stanza with a line that does not is not verse.
pub fn may_be_verse_line(line: &str) -> bool {
    (4..=MAX_CELLS).contains(&line.width())
        && line
            .chars()
            .next_back()
            .is_some_and(|c| verse_end(c) || is_han(c))
}

/// Whether the lines of one stanza (each without surrounding spaces) are verse.
pub fn is_verse(stanza: &[&str]) -> bool {
    let n = stanza.len();
    if n < 2 {
        return false;
    }
    let mut widths: Vec<usize> = stanza.iter().map(|l| l.width()).collect();
    let (min, max) = (
        widths.iter().copied().min().unwrap_or(0),
        widths.iter().copied().max().unwrap_or(0),
    );
    if max > MAX_CELLS || min < 4 {
        return false;
    }
    if max - min > TOLERANCE {
        widths.sort_unstable();
        let median = widths[n / 2];
        let tolerance = TOLERANCE.max(median / 3);
        let near = widths
            .iter()
            .filter(|&&w| w.abs_diff(median) <= tolerance)
            .count();
        if near * 3 < n * 2 {
            return false;
        }
    }
    let mut punct = 0;
    for l in stanza {
        match l.chars().next_back() {
            Some(c) if verse_end(c) => punct += 1,
            Some(c) if is_han(c) => {}
            _ => return false,
        }
    }
    if punct * 4 < n * 3 {
        return false;
    }
    let (han, all) = stanza
        .iter()
        .flat_map(|l| l.chars())
        .fold((0, 0), |(h, a), c| (h + usize::from(is_han(c)), a + 1));
    han * 10 >= all * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poem_is_verse() {
        // ../shared/cases/real-text.md "Verse and collections".
        assert!(is_verse(&[
            "床前明月光，",
            "疑是地上霜。",
            "举头望明月，",
            "低头思故乡。"
        ]));
        // A 词 with lines of several lengths.
        assert!(is_verse(&[
            "明月几时有？把酒问青天。",
            "不知天上宫阙，今夕是何年。",
            "我欲乘风归去，又恐琼楼玉宇，",
            "高处不胜寒。起舞弄清影，何似在人间。",
        ]));
        assert!(is_verse(&[
            "满纸荒唐言，一把辛酸泪！",
            "都云作者痴，谁解其中味？"
        ]));
        // A 古风 that turns from five- to seven-character lines (李颀《古意》).
        assert!(is_verse(&[
            "男儿事长征，少小幽燕客。",
            "赌胜马蹄下，由来轻七尺。",
            "杀人莫敢前，须如猬毛磔。",
            "黄云陇底白云飞，未得报恩不能归。",
            "辽东小妇年十五，惯弹琵琶解歌舞。",
            "今为羌笛出塞声，使我三军泪如雨。",
        ]));
    }

    #[test]
    fn verse_needs_evidence() {
        // Dialogue in a novel is not verse.
        assert!(!is_verse(&["“好。”", "“走吧。”"]));
        assert!(!is_verse(&["“好，”他说，", "“走吧。”"]));
        // Lines cut by an exporter end anywhere.
        assert!(!is_verse(&["甲乙丙丁戊己庚辛，", "壬癸子丑寅卯辰巳"]));
        assert!(!is_verse(&[
            "+ 手动使用 gpg 或者 apt-key 工具获取发布在",
            "ftp-master.debian.org 上最新的档案库公钥。"
        ]));
        // One line is not a stanza; a long line is prose.
        assert!(!is_verse(&["床前明月光，"]));
        let long = "甲".repeat(30) + "。";
        assert!(!is_verse(&[&long, &long]));
    }
}
