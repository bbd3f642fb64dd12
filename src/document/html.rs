//! The text content of a Markdown HTML block: tags and comments stripped, `<script>` and
//! `<style>` contents dropped, a few named character references decoded, and block-level
//! tags (`<p>`, `<div>`, `<br>`, `<li>`, `<tr>`, headings…) splitting the text into
//! paragraphs. A run of spaces becomes one space; a run with a line break is a soft break: a
//! space between ASCII words, nothing between CJK characters (as in [`super::markdown`]).

/// Tags that end a paragraph of the block's text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// The paragraphs of text in the HTML `raw` (see the module docs). Never panics; linear in
/// `raw.len()` bytes.
pub fn html_paragraphs(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    // A pending whitespace run: `Some(true)` when it holds a line break.
    let mut space: Option<bool> = None;
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        if c == '<'
            && rest[1..]
                .starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!' || n == '?')
        {
            let closing = rest[1..].starts_with('/');
            let (name, after) = tag(&rest[1..]);
            rest = after;
            if !closing && (name == "script" || name == "style") {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = lower.find(&close).map_or("", |i| &rest[i..]);
                continue;
            }
            if BLOCK_TAGS.contains(&name.as_str()) {
                flush(&mut cur, &mut out);
                space = None;
            }
            continue;
        }
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            if !cur.is_empty() {
                space = Some(space == Some(true) || c == '\n');
            }
            continue;
        }
        let c = if c == '&' {
            let (decoded, after) = entity(rest);
            rest = after;
            decoded
        } else {
            c
        };
        match space.take() {
            Some(false) => cur.push(' '),
            Some(true)
                if cur
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_ascii_graphic())
                    && c.is_ascii_graphic() =>
            {
                cur.push(' ')
            }
            _ => {}
        }
        cur.push(c);
    }
    flush(&mut cur, &mut out);
    out
}

fn flush(cur: &mut String, out: &mut Vec<String>) {
    let t = cur.trim();
    if !t.is_empty() {
        out.push(t.to_string());
    }
    cur.clear();
}

/// Skips a tag whose `<` is already consumed; returns its lower-case name (without `/`) and
/// the text after its `>` (a `>` inside a quoted attribute does not end it).
fn tag(s: &str) -> (String, &str) {
    let name: String = s
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return (name, &s[i + 1..]),
            _ => {}
        }
    }
    (name, "")
}

/// Decodes a named character reference after a `&` (`amp`, `lt`, `gt`, `quot`, `apos`,
/// `nbsp`, `#39`); anything else is a literal `&`.
fn entity(s: &str) -> (char, &str) {
    for (name, c) in [
        ("amp;", '&'),
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("apos;", '\''),
        ("#39;", '\''),
        ("nbsp;", '\u{a0}'),
    ] {
        if let Some(after) = s.strip_prefix(name) {
            return (c, after);
        }
    }
    ('&', s)
}

#[cfg(test)]
mod tests {
    use super::html_paragraphs;

    #[test]
    fn text_content() {
        assert_eq!(html_paragraphs("<div>HTML 區塊</div>\n"), ["HTML 區塊"]);
        assert_eq!(
            html_paragraphs(
                "<div class=\"a>b\">\n<p>第一段\n文字</p>\n<p>two\nwords &amp; more</p>\n</div>"
            ),
            ["第一段文字", "two words & more"]
        );
        assert_eq!(
            html_paragraphs("<!-- 註解 <p>x</p> -->\n<script>var a = '<p>';</script><b>粗</b>體"),
            ["粗體"]
        );
        assert_eq!(
            html_paragraphs("<details><summary>摘要</summary>內容<br>下一行</details>"),
            ["摘要", "內容", "下一行"]
        );
        assert!(html_paragraphs("<img src=x.png>\n<!-- unterminated").is_empty());
        assert_eq!(html_paragraphs("a < b && c"), ["a < b && c"]);
        assert_eq!(html_paragraphs("<"), ["<"]);
    }
}
