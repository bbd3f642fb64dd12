//! Rules in plain text: a line that is only a drawn line — four or more of one of `-`, `=`,
//! `_`, `*`, `~`, `—`, `＊`, `─`, `━` (`----`, `————`, the 69-dash separators of an exported
//! manual), three `＊` (`＊＊＊`, a scene break in Chinese novels), or three or more single
//! marks spaced out (`* * *`, `- - -`, the thematic break of Markdown and of novels). It is a
//! `Rule` block, drawn as a line fitted to the column (so a 69-dash line is one rule at any
//! width, not three wrapped lines). [`super::parse`] only asks about lines that are not part
//! of a preformatted block: the dash lines of a pandoc table stay in their table.

/// The marks a rule is drawn with.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '-' | '=' | '_' | '*' | '~' | '—' | '＊' | '─' | '━' | '·' | '•'
    )
}

/// A rule line (see the module docs); `text` is the line without surrounding spaces.
pub fn is_rule(text: &str) -> bool {
    let Some(c) = text.chars().next() else {
        return false;
    };
    if !is_mark(c) {
        return false;
    }
    let count = text.chars().count();
    if text.chars().all(|x| x == c) {
        let min = if c == '＊' { 3 } else { 4 };
        return count >= min && !matches!(c, '·' | '•');
    }
    // `* * *`, `- - - -`, `＊ ＊ ＊`: single marks with single spaces between.
    let mut marks = 0;
    for (k, piece) in text.split(' ').enumerate() {
        let mut cs = piece.chars();
        if cs.next() != Some(c) || cs.next().is_some() {
            return false;
        }
        marks = k + 1;
    }
    marks >= 3
}

/// Fewer than eight `_`: in old texts, a blank to fill in as often as a rule, so
/// [`super::parse`] takes it for a rule only when a blank line stands next to it.
pub fn is_short_underline(text: &str) -> bool {
    text.starts_with('_') && text.len() < 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let long = "-".repeat(69);
        for t in [
            "----",
            "====",
            "____",
            "****",
            "~~~~",
            "————",
            "＊＊＊＊",
            "＊＊＊",
            "* * *",
            "- - -",
            "· · ·",
            "────",
            long.as_str(),
        ] {
            assert!(is_rule(t), "{t}");
        }
        for t in [
            "---",
            "-- a --",
            "*重要*",
            "——他说",
            "+----+",
            "———",
            "＊＊",
            "* *",
            "**a**",
            "- 项目",
            "···",
            "----a",
            "- -- -",
        ] {
            assert!(!is_rule(t), "{t}");
        }
    }
}
