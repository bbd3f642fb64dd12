//! A single HTML page as a document: decoded by [`super::html_charset`], parsed by
//! html5ever, rendered by [`super::html_render`]; its `<title>` and `<meta name="author">`
//! go to [`BookMeta`] (the status line), its headings are the sections. A `<title>` that no
//! `h1` repeats is also the page's first block (`Title`), listed first in `--toc`.

use super::html_render::Renderer;
use super::{BookMeta, Document, Format, SourceInfo};

/// Opens the HTML page in `bytes`.
pub fn open(bytes: &[u8], name: &str, forced: Option<&'static encoding_rs::Encoding>) -> Document {
    let decoded = super::html_charset::decode_html(bytes, forced);
    let (html, flattened) = super::html_parse::parse_document(&decoded.text);
    let root = html.tree.root();
    let element = |tag: &str| {
        root.descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == tag))
    };
    let lang = element("html").and_then(|n| {
        n.value()
            .as_element()
            .and_then(|e| e.attr("lang"))
            .map(str::to_string)
    });
    let title = element("title")
        .map(|n| super::html_table::inline_text(n).0)
        .filter(|t| !t.is_empty());
    let author = root
        .descendants()
        .filter_map(|n| n.value().as_element())
        .find(|e| {
            e.name() == "meta"
                && e.attr("name")
                    .is_some_and(|v| v.eq_ignore_ascii_case("author"))
        })
        .and_then(|e| e.attr("content"))
        .map(super::html_render::collapse)
        .filter(|a| !a.is_empty());
    let mut r = Renderer::new();
    // The `<title>` heads the page (and `--toc`, at level 0 like a plain text's title) unless
    // an `h1` says the same.
    let repeated = |t: &str| {
        root.descendants().any(|n| {
            n.value().as_element().is_some_and(|e| e.name() == "h1")
                && super::html_table::inline_text(n).0 == t
        })
    };
    if let Some(t) = title.as_deref().filter(|t| !repeated(t)) {
        r.title(t);
    }
    let ids = r.render(&html);
    // Footnote markers lead to the block holding the id they name on this page.
    let links = std::mem::take(&mut r.links);
    super::html_render::resolve_links(&mut r.blocks, &links, |href| {
        let id = href.strip_prefix('#')?;
        ids.get(&super::epub::percent_decode(id)).copied()
    });
    let blocks = super::Blocks::from(std::mem::take(&mut r.blocks));
    let sections = super::sections::collect_sections(&r.text, &blocks, Some(0));
    Document {
        sections,
        source: SourceInfo {
            name: name.to_string(),
            encoding: decoded.encoding,
            replacements: decoded.replacements,
            controls_removed: r.out.controls_removed,
            format: Format::Html,
            notes: flattened_note(flattened).into_iter().collect(),
            meta: BookMeta {
                title,
                authors: author.into_iter().collect(),
                language: lang,
                vertical_rl: false,
                rtl: false,
            },
            ..SourceInfo::default()
        },
        text: r.text,
        blocks,
        file_text: None,
    }
}

/// The note for elements flattened by the nesting cap ([`super::html_parse`]), if any.
pub(crate) fn flattened_note(flattened: usize) -> Option<String> {
    (flattened > 0).then(|| {
        format!(
            "nesting deeper than {} elements flattened ({flattened} elements)",
            super::html_parse::MAX_DEPTH
        )
    })
}
