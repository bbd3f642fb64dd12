//! Fortune files (the `fortune` program's format, e.g. `fortunes-zh`'s `tang300`, `song100`,
//! `chinese`): entries separated by lines holding only `%`. The `%` lines are not shown; each
//! entry is a section, named by its first line — `《静夜思》`, or `《卜算子》` for a first
//! line `题目:《卜算子》` (the `《…》` title with what follows it). A poem's lines become verse
//! ([`super::verse`]). Colour escapes in these files (`ESC[32m《…》ESC[m`) are styles parsed
//! by the sanitizer, never shown raw; a fortune file is not program output though it is
//! coloured on every entry.

/// A fortune file: at least three `%` lines, and at least one line in twenty a `%`.
pub fn is_fortune(text: &str) -> bool {
    let mut lines = 0usize;
    let mut seps = 0usize;
    for l in text.split('\n') {
        lines += 1;
        if l.trim_end_matches(['\r', ' ']) == "%" {
            seps += 1;
        }
    }
    seps >= 3 && seps * 20 >= lines
}

/// A separator line.
pub fn is_separator(line: &str) -> bool {
    line == "%"
}

/// The section name of an entry whose first line is `line`: from its `《` when only a short
/// label (`题目:`, `词牌：`) comes before it, else the line.
pub fn entry_name(line: &str) -> &str {
    if let Some(k) = line.find('《') {
        let label = &line[..k];
        if label.chars().count() <= 6 && (label.ends_with(':') || label.ends_with('：')) {
            return &line[k..];
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_and_names() {
        assert!(is_fortune("a\n%\nb\n%\nc\n%\nd\n"));
        assert!(!is_fortune("a\n%\nb\n"));
        assert_eq!(entry_name("题目:《卜算子》"), "《卜算子》");
        assert_eq!(entry_name("《静夜思》"), "《静夜思》");
        assert_eq!(entry_name("要有礼貌"), "要有礼貌");
        assert_eq!(entry_name("读《红楼梦》有感"), "读《红楼梦》有感");
    }
}
