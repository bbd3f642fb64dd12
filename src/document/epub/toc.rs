//! The book's own table of contents: the EPUB 3 nav document (`<nav epub:type="toc">`, its
//! nested `ol > li > a`) or the EPUB 2 NCX (`navMap > navPoint`, nested). Each entry has a
//! label (markup and extra whitespace removed, NBSP runs one space), a level (1 outermost) and
//! its target as a zip path plus a percent-decoded fragment.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::package::{percent_decode, resolve};
use super::xml::{events, Ev};
use crate::document::html_table::inline_text;

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub label: String,
    pub level: u8,
    /// The zip path of the chapter it points to.
    pub path: String,
    /// The anchor inside the chapter, decoded (`第一節`, not `%E7%AC%AC…`).
    pub fragment: Option<String>,
}

/// The zip path and decoded fragment `href` points at from the file at `base`.
pub fn target(base: &str, href: &str) -> (String, Option<String>) {
    let fragment = href
        .split_once('#')
        .map(|(_, f)| percent_decode(f))
        .filter(|f| !f.is_empty());
    (resolve(base, href), fragment)
}

fn level(depth: usize) -> u8 {
    depth.clamp(1, usize::from(u8::MAX)) as u8
}

/// The entries of an EPUB 3 nav document at zip path `path`.
pub fn from_nav(html: &str, path: &str) -> Vec<Entry> {
    let doc = Html::parse_document(html);
    let navs: Vec<_> = doc
        .tree
        .root()
        .descendants()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "nav"))
        .collect();
    let is_toc = |n: &NodeRef<'_, Node>| {
        n.value()
            .as_element()
            .and_then(|e| e.attr("epub:type").or_else(|| e.attr("role")))
            .is_some_and(|t| t.split_whitespace().any(|w| w == "toc" || w == "doc-toc"))
    };
    let Some(nav) = navs.iter().find(|n| is_toc(n)).or(navs.first()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // (node, depth of enclosing `ol`s)
    let mut stack = vec![(*nav, 0usize)];
    while let Some((n, depth)) = stack.pop() {
        let Some(el) = n.value().as_element() else {
            continue;
        };
        let mut depth = depth;
        match el.name() {
            "ol" | "ul" => depth += 1,
            "li" => {
                // The entry's own label: its first `a` or `span` child.
                let head = n.children().find(|c| {
                    c.value()
                        .as_element()
                        .is_some_and(|e| e.name() == "a" || e.name() == "span")
                });
                if let Some(h) = head {
                    let label = inline_text(h).0;
                    let href = h.value().as_element().and_then(|e| e.attr("href"));
                    if let (false, Some(href)) = (label.is_empty(), href) {
                        let (path_to, fragment) = target(path, href);
                        out.push(Entry {
                            label,
                            level: level(depth),
                            path: path_to,
                            fragment,
                        });
                    }
                }
            }
            _ => {}
        }
        let kids: Vec<_> = n.children().collect();
        for k in kids.into_iter().rev() {
            let skip_head = k
                .value()
                .as_element()
                .is_some_and(|e| el.name() == "li" && (e.name() == "a" || e.name() == "span"));
            if !skip_head {
                stack.push((k, depth));
            }
        }
    }
    out
}

/// The entries of an EPUB 2 NCX at zip path `path`.
pub fn from_ncx(xml: &str, path: &str) -> Vec<Entry> {
    let (evs, _) = events(xml);
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Index in `out` of the open navPoint at each depth (None until its content is seen).
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut label: Option<String> = None;
    let mut in_label = false;
    for ev in &evs {
        match ev {
            Ev::Start { name, .. } if name == "navpoint" => {
                depth += 1;
                open.push(None);
                label = None;
            }
            Ev::Start { name, .. } if name == "navlabel" => {
                in_label = true;
                label.get_or_insert_with(String::new);
            }
            Ev::Text(t) if in_label => {
                if let Some(l) = &mut label {
                    l.push_str(t);
                    l.push(' ');
                }
            }
            Ev::End { name } if name == "navlabel" => in_label = false,
            Ev::Start { name, .. } if name == "content" && depth > 0 => {
                let l = label
                    .take()
                    .map(|l| crate::document::html_render::collapse(&l))
                    .unwrap_or_default();
                let fresh = open.last() == Some(&None);
                if let (Some(src), false, true) = (ev.attr("src"), l.is_empty(), fresh) {
                    let (path_to, fragment) = target(path, src);
                    out.push(Entry {
                        label: l,
                        level: level(depth),
                        path: path_to,
                        fragment,
                    });
                    if let Some(slot) = open.last_mut() {
                        *slot = Some(out.len() - 1);
                    }
                }
            }
            Ev::End { name } if name == "navpoint" => {
                depth = depth.saturating_sub(1);
                open.pop();
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nav_nested_three_levels() {
        let nav = r##"<html xmlns:epub="http://www.idpf.org/2007/ops"><body>
          <nav epub:type="landmarks"><ol><li><a href="c.xhtml">封面</a></li></ol></nav>
          <nav epub:type="toc"><h1>目錄</h1><ol>
            <li><a href="Text/c1.xhtml">第一卷<br/>  開端</a>
              <ol><li><a href="Text/c1.xhtml#%E7%AC%AC%E4%B8%80%E7%AB%A0">第一章&nbsp;&nbsp;緣起</a>
                <ol><li><a href="Text/c1.xhtml#s1"><span>一、</span>初見</a></li></ol></li></ol></li>
            <li><span>附錄</span><ol><li><a href="Text/c2.xhtml">後記</a></li></ol></li>
          </ol></nav></body></html>"##;
        let e = from_nav(nav, "OPS/nav.xhtml");
        let got: Vec<_> = e.iter().map(|e| (e.label.as_str(), e.level)).collect();
        assert_eq!(
            got,
            [
                ("第一卷 開端", 1),
                ("第一章 緣起", 2),
                ("一、初見", 3),
                ("後記", 2)
            ]
        );
        assert_eq!(e[1].path, "OPS/Text/c1.xhtml");
        assert_eq!(e[1].fragment.as_deref(), Some("第一章"));
        assert_eq!(e[0].fragment, None);
    }

    #[test]
    fn ncx_nested() {
        let ncx = r#"<?xml version="1.0"?><ncx><docTitle><text>書</text></docTitle><navMap>
          <navPoint id="a"><navLabel><text>第一章
             開始</text></navLabel><content src="ch1.xhtml"/>
            <navPoint id="b"><navLabel><text>第一節</text></navLabel><content src="ch1.xhtml#s%31"/></navPoint>
          </navPoint>
          <navPoint id="c"><navLabel><text>  </text></navLabel><content src="ch2.xhtml"/></navPoint>
          <navPoint id="d"><navLabel><text>第二章</text></navLabel><content src="ch2.xhtml"/></navPoint>
        </navMap></ncx>"#;
        let e = from_ncx(ncx, "OEBPS/toc.ncx");
        let got: Vec<_> = e.iter().map(|e| (e.label.as_str(), e.level)).collect();
        assert_eq!(got, [("第一章開始", 1), ("第一節", 2), ("第二章", 1)]);
        assert_eq!(e[1].fragment.as_deref(), Some("s1"));
        assert_eq!(e[2].path, "OEBPS/ch2.xhtml");
    }
}
