//! The package: `META-INF/container.xml` names the OPF file; the OPF gives the metadata
//! (`dc:title`, `dc:creator`, `dc:language`), the manifest (id → href, media type,
//! properties), the spine (reading order, `toc` = the NCX's id, `page-progression-direction`)
//! and, in EPUB 3, the nav document (the manifest item with `properties="nav"`). Hrefs are
//! resolved against the OPF's folder and percent-decoded into zip entry names.

use std::collections::HashMap;

use super::xml::{events, Ev};

/// A manifest item.
#[derive(Debug, Clone)]
pub struct Item {
    /// The zip entry name it resolves to.
    pub path: String,
    pub media_type: String,
    pub properties: String,
}

/// What the OPF says.
#[derive(Debug, Default)]
pub struct Package {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub manifest: HashMap<String, Item>,
    /// Manifest ids in reading order.
    pub spine: Vec<String>,
    /// The NCX's manifest id (spine `toc`), or the item of type `application/x-dtbncx+xml`.
    pub ncx: Option<String>,
    pub rtl: bool,
    /// The OPF ended on an XML error (what came before it is used).
    pub malformed: bool,
}

impl Package {
    /// The nav document's zip path (EPUB 3).
    pub fn nav_path(&self) -> Option<&str> {
        self.manifest
            .values()
            .find(|i| i.properties.split_whitespace().any(|p| p == "nav"))
            .map(|i| i.path.as_str())
    }

    /// The NCX's zip path (EPUB 2).
    pub fn ncx_path(&self) -> Option<&str> {
        self.ncx
            .as_deref()
            .and_then(|id| self.manifest.get(id))
            .or_else(|| {
                self.manifest
                    .values()
                    .find(|i| i.media_type == "application/x-dtbncx+xml")
            })
            .map(|i| i.path.as_str())
    }
}

/// The OPF path named by container.xml's first `rootfile`.
pub fn rootfile(container: &str) -> Option<String> {
    let (evs, _) = events(container);
    evs.iter()
        .filter(|e| matches!(e, Ev::Start { name, .. } if name == "rootfile"))
        .find(|e| {
            e.attr("media-type")
                .is_none_or(|m| m == "application/oebps-package+xml")
        })
        .and_then(|e| e.attr("full-path"))
        .map(|p| p.trim_start_matches('/').to_string())
}

/// Parses the OPF at zip path `opf_path`.
pub fn parse(opf: &str, opf_path: &str) -> Package {
    let (evs, malformed) = events(opf);
    let mut p = Package {
        malformed,
        ..Package::default()
    };
    let mut in_metadata = false;
    let mut field: Option<String> = None;
    let mut value = String::new();
    for ev in &evs {
        match ev {
            Ev::Start { name, .. } => match name.as_str() {
                "metadata" => in_metadata = true,
                "title" | "creator" | "language" if in_metadata => {
                    field = Some(name.clone());
                    value.clear();
                }
                "item" => {
                    let (Some(id), Some(href)) = (ev.attr("id"), ev.attr("href")) else {
                        continue;
                    };
                    p.manifest.insert(
                        id.to_string(),
                        Item {
                            path: resolve(opf_path, href),
                            media_type: ev.attr("media-type").unwrap_or("").trim().to_string(),
                            properties: ev.attr("properties").unwrap_or("").to_string(),
                        },
                    );
                }
                "spine" => {
                    p.ncx = ev.attr("toc").map(str::to_string);
                    p.rtl = ev
                        .attr("page-progression-direction")
                        .is_some_and(|d| d.trim() == "rtl");
                }
                "itemref" => {
                    if let Some(id) = ev.attr("idref") {
                        p.spine.push(id.to_string());
                    }
                }
                _ => {}
            },
            Ev::Text(t) if field.is_some() => value.push_str(t),
            Ev::End { name } => {
                if name == "metadata" {
                    in_metadata = false;
                }
                if field.as_deref() == Some(name.as_str()) {
                    let v = crate::document::html_render::collapse(&value);
                    if !v.is_empty() {
                        match name.as_str() {
                            "title" if p.title.is_none() => p.title = Some(v),
                            "creator" => p.authors.push(v),
                            "language" if p.language.is_none() => p.language = Some(v),
                            _ => {}
                        }
                    }
                    field = None;
                }
            }
            _ => {}
        }
    }
    p
}

/// The zip entry name of `href` (a URL reference, percent-encoded, maybe with a fragment
/// already removed) relative to the file at zip path `base`: `..` and `.` segments resolved.
pub fn resolve(base: &str, href: &str) -> String {
    let href = href.split(['#', '?']).next().unwrap_or("");
    let href = percent_decode(href.trim());
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        let mut b: Vec<&str> = base.split('/').collect();
        b.pop();
        b
    };
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.retain(|s| !s.is_empty());
    parts.join("/")
}

/// Decodes `%XX` escapes (as UTF-8; invalid sequences are kept lossily).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_hrefs() {
        assert_eq!(
            resolve("OEBPS/content.opf", "Text/ch1.xhtml#x"),
            "OEBPS/Text/ch1.xhtml"
        );
        assert_eq!(
            resolve("OEBPS/Text/nav.xhtml", "../Text/%E7%AC%AC1.xhtml"),
            "OEBPS/Text/第1.xhtml"
        );
        assert_eq!(resolve("content.opf", "ch1.xhtml"), "ch1.xhtml");
        assert_eq!(percent_decode("sect.%E4%B8%80"), "sect.一");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%e4%b8"), "\u{fffd}");
    }

    #[test]
    fn opf_fields() {
        let opf = r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf">
          <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>紅樓夢</dc:title>
          <dc:creator>曹雪芹</dc:creator><dc:language>zh-Hant</dc:language></metadata>
          <manifest><item id="n" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>
          <item id="c1" href="Text/c1.xhtml" media-type="application/xhtml+xml"/>
          <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest>
          <spine toc="ncx" page-progression-direction="rtl"><itemref idref="c1"/></spine></package>"#;
        let p = parse(opf, "OPS/content.opf");
        assert_eq!(p.title.as_deref(), Some("紅樓夢"));
        assert_eq!(p.authors, ["曹雪芹"]);
        assert_eq!(p.spine, ["c1"]);
        assert_eq!(p.nav_path(), Some("OPS/nav.xhtml"));
        assert_eq!(p.ncx_path(), Some("OPS/toc.ncx"));
        assert!(p.rtl);
        assert_eq!(p.manifest["c1"].path, "OPS/Text/c1.xhtml");
    }
}
