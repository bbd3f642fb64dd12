//! Parsing HTML with a nesting cap: html5ever (the WHATWG parser, through `scraper`'s tree)
//! behind a token filter that flattens elements nested deeper than [`MAX_DEPTH`].
//!
//! The HTML tree builder checks "has an element in scope" on its stack of open elements for
//! many start tags (every `<div>` and `<p>` looks for an open `p` in button scope, HTML §13.2.6.4.7),
//! a walk down the whole stack: 100,000 nested `<div>`s cost 10¹⁰ steps. Browsers cap the depth
//! for the same reason (Blink stops nesting at 512). Here a start tag that would open an
//! element deeper than [`MAX_DEPTH`] is dropped (its text and inline content stay, flattened
//! into the element at the cap), and so is the end tag that closes it.
//!
//! The depth is counted on tags, before the tree builder: elements whose end tag may be
//! omitted (`p`, `li`, `td`, … HTML §13.1.2.4) and void elements are not counted (an unclosed
//! `<p>` does not nest), nor are raw-text elements (`script`, `style`, `title`, …), which are
//! always passed on so the tokenizer switches state as the tree builder asks.

use std::cell::Cell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::TokenizerResult;
use scraper::{Html, HtmlTreeSink};

/// Elements nested deeper than this are flattened into their ancestor at this depth.
pub const MAX_DEPTH: usize = 256;

/// Parses `text` as an HTML document, flattening nesting deeper than [`MAX_DEPTH`]; also
/// returns how many start tags were dropped for it.
pub fn parse_document(text: &str) -> (Html, usize) {
    let builder = TreeBuilder::new(
        HtmlTreeSink::new(Html::new_document()),
        TreeBuilderOpts::default(),
    );
    let tokenizer = Tokenizer::new(DepthCap::new(builder), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    // A `</script>` or a `<meta charset>` pauses the tokenizer (a script to run, an encoding
    // to switch to); the text is decoded already and nothing runs: go on to the end.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let dropped = tokenizer.sink.flattened.get();
    let html = tokenizer.sink.inner.sink.0.into_inner();
    (html, dropped)
}

/// The token filter: counts open elements and drops tags past the cap.
struct DepthCap<S> {
    inner: S,
    depth: Cell<usize>,
    /// Start tags dropped whose end tags are still to come.
    open_dropped: Cell<usize>,
    flattened: Cell<usize>,
}

impl<S> DepthCap<S> {
    fn new(inner: S) -> Self {
        DepthCap {
            inner,
            depth: Cell::new(0),
            open_dropped: Cell::new(0),
            flattened: Cell::new(0),
        }
    }
}

impl<S: TokenSink> TokenSink for DepthCap<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        if let Token::TagToken(tag) = &token {
            if counts(&tag.name) {
                match tag.kind {
                    TagKind::StartTag if tag.self_closing => {}
                    TagKind::StartTag => {
                        if self.depth.get() >= MAX_DEPTH {
                            self.open_dropped.set(self.open_dropped.get() + 1);
                            self.flattened.set(self.flattened.get() + 1);
                            return TokenSinkResult::Continue;
                        }
                        self.depth.set(self.depth.get() + 1);
                    }
                    TagKind::EndTag => {
                        if self.open_dropped.get() > 0 {
                            self.open_dropped.set(self.open_dropped.get() - 1);
                            return TokenSinkResult::Continue;
                        }
                        self.depth.set(self.depth.get().saturating_sub(1));
                    }
                }
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Whether a tag named `name` opens an element that nests: not void, not one whose end tag
/// may be omitted, not raw text.
fn counts(name: &str) -> bool {
    !matches!(
        name,
        // Void elements (HTML §13.1.2).
        "area" | "base" | "basefont" | "bgsound" | "br" | "col" | "embed" | "frame" | "hr"
            | "img" | "image" | "input" | "keygen" | "link" | "meta" | "param" | "source"
            | "track" | "wbr"
            // Optional end tags (§13.1.2.4).
            | "html" | "head" | "body" | "p" | "li" | "dt" | "dd" | "rt" | "rp" | "rb" | "rtc"
            | "optgroup" | "option" | "colgroup" | "caption" | "thead" | "tbody" | "tfoot"
            | "tr" | "td" | "th"
            // Raw text and escapable raw text: the tree builder switches the tokenizer.
            | "script" | "style" | "title" | "textarea" | "xmp" | "iframe" | "noembed"
            | "noframes" | "noscript" | "plaintext" | "template" | "svg" | "math"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The depth of the deepest element.
    fn depth(html: &Html) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(html.tree.root(), 0usize)];
        while let Some((n, d)) = stack.pop() {
            deepest = deepest.max(d);
            stack.extend(n.children().map(|c| (c, d + 1)));
        }
        deepest
    }

    #[test]
    fn a_hundred_thousand_nested_divs_are_flattened_at_the_cap() {
        let n = 100_000;
        let page = format!(
            "<html><body>{}<p>深處的文字。</p>{}<p>之後。</p></body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let (html, dropped) = parse_document(&page);
        assert!(depth(&html) <= MAX_DEPTH + 4, "depth {}", depth(&html));
        assert_eq!(dropped, n - MAX_DEPTH);
        let text: String = html.root_element().text().collect();
        assert_eq!(text, "深處的文字。之後。");
        // The end tags of the dropped ones are dropped too: `之後` is back in `body`.
        let after = html
            .tree
            .root()
            .descendants()
            .find(|d| d.value().as_text().is_some_and(|t| t.contains("之後")))
            .unwrap();
        let p = after.parent().unwrap();
        let body = p.parent().unwrap();
        assert_eq!(body.value().as_element().unwrap().name(), "body");
    }

    #[test]
    fn ordinary_pages_parse_as_html5ever_parses_them() {
        let page = "<meta http-equiv=content-type content='text/html; charset=UTF-8'>\
                    <p>一<p>二<ul><li>三<li>四</ul><script>if (a<b) {}</script>\
                    <table><tr><td>五<td>六</table><div><span>七</span></div>";
        let (ours, dropped) = parse_document(page);
        let theirs = Html::parse_document(page);
        assert_eq!(dropped, 0);
        assert_eq!(ours.html(), theirs.html());
    }
}
