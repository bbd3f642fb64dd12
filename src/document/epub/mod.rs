//! EPUB books (EPUB 2 with an NCX, EPUB 3 with a nav document): the zip container read with
//! limits ([`archive`]), the OPF package ([`package`]), the table of contents ([`toc`]), and
//! the spine's chapters rendered one after the other by [`super::html_render`] into one
//! [`Document`].
//!
//! - Chapters are in spine order; each is decoded by [`super::html_charset`] (BOM, XML
//!   declaration, `<meta charset>`, detection) and parsed by html5ever, so malformed XHTML
//!   still reads.
//! - Sections come from the nav document, else the NCX, nested with their levels; an entry
//!   pointing at an anchor (`ch002.xhtml#sect.who`, `#第一節`, percent-encoded) points at the
//!   block holding that id. With no usable table of contents, the chapters' headings.
//! - Footnote markers and notes' back links lead to the block holding the `id` they name, in
//!   the same chapter or another ([`super::html_render::resolve_links`]).
//! - Title, authors, language, `page-progression-direction` and a CSS `writing-mode:
//!   vertical-rl` on `html`/`body` go to [`BookMeta`].
//! - Bad books: a zip that cannot be read, no package, every chapter missing or encrypted
//!   (DRM: `META-INF/encryption.xml` naming content files; font obfuscation alone is not DRM),
//!   or a zip bomb is one [`OpenError::Book`] line. Chapters that are missing, encrypted or
//!   unreadable are skipped and said so in [`SourceInfo::notes`].

mod archive;
mod package;
mod parts;
mod toc;
mod xml;

pub use package::percent_decode;
pub use parts::{open_part, Opened, Partial, Parts, Want};

use std::collections::HashMap;

use archive::{Archive, EntryError};
use xml::{events, Ev};

use super::html_render::Renderer;
use super::{BookMeta, Document, Format, OpenError, Section, SourceInfo};

/// Encryption algorithms that only obfuscate fonts (IDPF's and Adobe's): not DRM.
const FONT_OBFUSCATION: &[&str] = &[
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
];

/// Opens the EPUB in `bytes`, named `name` in messages.
pub fn open(
    bytes: &[u8],
    name: &str,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Document, OpenError> {
    Ok(open_whole(bytes, name, forced, &mut |_| true)?.doc)
}

/// The whole book and where its parts are ([`Parts`]). `progress` is told the virtual input
/// offset reached after each part; returning false stops (the error says so).
pub fn open_whole(
    bytes: &[u8],
    name: &str,
    forced: Option<&'static encoding_rs::Encoding>,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<Opened, OpenError> {
    let mut book = Book::prepare(bytes, name)?;
    let spans = book.spans();
    let mut ch = Chapters::default();
    for i in 0..book.pkg.spine.len() {
        ch.render(&mut book, i, forced)?;
        if let Some(s) = spans.iter().find(|s| s.spine == i) {
            if !progress(s.end) {
                return Err(book.fail("stopped".into()));
            }
        }
    }
    let checkpoints = ch
        .parts
        .iter()
        .filter_map(|&(i, text)| Some((spans.iter().find(|s| s.spine == i)?.start, text)))
        .collect();
    let total = spans.last().map_or(0, |s| s.end);
    let entries = book.toc();
    let doc = ch.finish(&mut book, entries)?;
    Ok(Opened {
        doc,
        parts: Parts { checkpoints, total },
    })
}

/// An opened book's zip, package and encrypted entries.
pub(super) struct Book<'a> {
    zip: Archive<'a>,
    pkg: package::Package,
    opf_path: String,
    encrypted: std::collections::HashSet<String>,
    name: String,
}

impl<'a> Book<'a> {
    /// The container, the package and `encryption.xml`: no chapter is read.
    fn prepare(bytes: &'a [u8], name: &str) -> Result<Book<'a>, OpenError> {
        let fail = |why: String| OpenError::Book {
            name: name.to_string(),
            why,
        };
        let mut zip = Archive::open(bytes).map_err(|e| {
            fail(format!(
                "not a readable EPUB: the zip is truncated or corrupt ({e})"
            ))
        })?;
        let opf_path = match zip.read("META-INF/container.xml") {
            Ok(c) => package::rootfile(&xml::decode(&c)),
            Err(EntryError::Bomb(why)) => {
                return Err(fail(format!("refused as a zip bomb: {why}")))
            }
            Err(_) => None,
        }
        .filter(|p| zip.contains(p))
        .or_else(|| zip.first_with_suffix(".opf"))
        .ok_or_else(|| fail("not a readable EPUB: no package document (content.opf)".into()))?;
        let opf = match zip.read(&opf_path) {
            Ok(b) => xml::decode(&b),
            Err(EntryError::Bomb(why)) => {
                return Err(fail(format!("refused as a zip bomb: {why}")))
            }
            Err(e) => {
                return Err(fail(format!(
                    "not a readable EPUB: {opf_path}: {}",
                    describe(&e)
                )))
            }
        };
        let pkg = package::parse(&opf, &opf_path);
        let encrypted = encrypted_paths(&mut zip);
        Ok(Book {
            zip,
            pkg,
            opf_path,
            encrypted,
            name: name.to_string(),
        })
    }

    fn fail(&self, why: String) -> OpenError {
        OpenError::Book {
            name: self.name.clone(),
            why,
        }
    }

    /// The table of contents: the nav document, else the NCX (empty when neither reads).
    fn toc(&mut self) -> Vec<toc::Entry> {
        let mut entries = Vec::new();
        if let Some(nav) = self.pkg.nav_path().map(str::to_string) {
            if let Ok(b) = self.zip.read(&nav) {
                entries = toc::from_nav(&xml::decode(&b), &nav);
            }
        }
        if entries.is_empty() {
            if let Some(ncx) = self.pkg.ncx_path().map(str::to_string) {
                if let Ok(b) = self.zip.read(&ncx) {
                    entries = toc::from_ncx(&xml::decode(&b), &ncx);
                }
            }
        }
        entries
    }
}

/// The spine's chapters rendered so far into one text, with what was skipped.
#[derive(Default)]
struct Chapters {
    r: Renderer,
    missing: Vec<String>,
    locked: usize,
    unreadable: Vec<String>,
    chapter_start: HashMap<String, usize>,
    ids: HashMap<(String, String), usize>,
    encodings: HashMap<&'static str, usize>,
    replacements: usize,
    links: Vec<(String, super::html_render::PendingLink)>,
    flattened: usize,
    vertical: bool,
    /// Each chapter rendered: its spine index and the text offset it starts at.
    parts: Vec<(usize, usize)>,
}

impl Chapters {
    /// Renders spine item `i` after those rendered so far (nothing for an item already
    /// rendered, skipped or not HTML); only a zip bomb is an error.
    fn render(
        &mut self,
        book: &mut Book<'_>,
        i: usize,
        forced: Option<&'static encoding_rs::Encoding>,
    ) -> Result<(), OpenError> {
        let Some(idref) = book.pkg.spine.get(i) else {
            return Ok(());
        };
        let Some(item) = book.pkg.manifest.get(idref).cloned() else {
            self.missing.push(idref.clone());
            return Ok(());
        };
        if self.chapter_start.contains_key(&item.path) {
            return Ok(());
        }
        if book.encrypted.contains(&item.path) {
            self.locked += 1;
            return Ok(());
        }
        let raw = match book.zip.read(&item.path) {
            Ok(b) => b,
            Err(EntryError::Bomb(why)) => {
                return Err(book.fail(format!("refused as a zip bomb: {why}")))
            }
            Err(EntryError::Missing) => {
                self.missing.push(item.path.clone());
                return Ok(());
            }
            Err(EntryError::Encrypted) => {
                self.locked += 1;
                return Ok(());
            }
            Err(e) => {
                self.unreadable
                    .push(format!("{} ({})", item.path, describe(&e)));
                return Ok(());
            }
        };
        if !is_html_type(&item.media_type) {
            return Ok(());
        }
        let decoded = super::html_charset::decode_html(&raw, forced);
        *self.encodings.entry(decoded.encoding).or_default() += 1;
        self.replacements += decoded.replacements;
        self.vertical |= css_is_vertical(&decoded.text);
        let (html, dropped) = super::html_parse::parse_document(&decoded.text);
        self.flattened += dropped;
        let r = &mut self.r;
        self.chapter_start.insert(item.path.clone(), r.blocks.len());
        self.parts.push((i, r.text.len()));
        for (id, block) in r.render(&html) {
            self.ids.insert((item.path.clone(), id), block);
        }
        self.links.extend(
            std::mem::take(&mut r.links)
                .into_iter()
                .map(|l| (item.path.clone(), l)),
        );
        Ok(())
    }

    /// The document of the chapters rendered: notes on what was skipped, footnote links,
    /// sections from the table of contents (the entries into these chapters), metadata.
    /// `entries`: the table of contents ([`Book::toc`]); with none, the chapters' headings.
    fn finish(self, book: &mut Book<'_>, entries: Vec<toc::Entry>) -> Result<Document, OpenError> {
        let pkg = &book.pkg;
        let opf_path = &book.opf_path;
        let mut notes = Vec::new();
        if pkg.malformed {
            notes.push(format!("{opf_path} is malformed; read as far as it goes"));
        }
        if self.parts.is_empty() {
            return Err(book.fail(if self.locked > 0 {
                "is DRM-encrypted (META-INF/encryption.xml); yuedu cannot read it".to_string()
            } else if pkg.spine.is_empty() {
                "not a readable EPUB: its spine lists no chapters".to_string()
            } else {
                "not a readable EPUB: none of its chapters could be read".to_string()
            }));
        }
        let (missing, locked, unreadable) = (&self.missing, self.locked, &self.unreadable);
        if !missing.is_empty() {
            notes.push(format!(
                "skipped {} missing chapter{} ({})",
                missing.len(),
                plural(missing.len()),
                list(missing)
            ));
        }
        if locked > 0 {
            notes.push(format!(
                "skipped {locked} DRM-encrypted chapter{}",
                plural(locked)
            ));
        }
        if !unreadable.is_empty() {
            notes.push(format!(
                "skipped {} unreadable chapter{} ({})",
                unreadable.len(),
                plural(unreadable.len()),
                list(unreadable)
            ));
        }
        notes.extend(super::html_page::flattened_note(self.flattened));
        let mut vertical = self.vertical;
        let css: Vec<String> = pkg
            .manifest
            .values()
            .filter(|i| i.media_type == "text/css")
            .map(|i| i.path.clone())
            .collect();
        for path in css {
            if vertical {
                break;
            }
            if let Ok(css) = book.zip.read(&path) {
                vertical |= css_is_vertical(&String::from_utf8_lossy(&css));
            }
        }
        let mut r = self.r;
        let (ids, chapter_start) = (&self.ids, &self.chapter_start);
        // Footnote markers lead to the block holding their target's id (or its chapter's start).
        for (path, link) in &self.links {
            let link = std::slice::from_ref(link);
            super::html_render::resolve_links(&mut r.blocks, link, |href| {
                let (to, fragment) = toc::target(path, href);
                let to = if href.starts_with('#') {
                    path.clone()
                } else {
                    to
                };
                match fragment {
                    Some(f) => ids.get(&(to, f)).copied(),
                    None => chapter_start.get(&to).copied(),
                }
            });
        }
        let had_toc = !entries.is_empty();
        let blocks = super::Blocks::from(std::mem::take(&mut r.blocks));
        let mut sections: Vec<Section> = entries
            .into_iter()
            .filter_map(|e| {
                let start = *chapter_start.get(&e.path)?;
                let block = e
                    .fragment
                    .and_then(|f| ids.get(&(e.path.clone(), f)).copied())
                    .unwrap_or(start);
                (block < blocks.len()).then_some(Section {
                    title: e.label,
                    subtitle: None,
                    level: e.level,
                    block,
                })
            })
            .collect();
        sections.sort_by_key(|s| s.block);
        if sections.is_empty() {
            if had_toc {
                notes
                    .push("its table of contents points nowhere; sections are its headings".into());
            }
            sections = super::sections::collect_sections(&r.text, &blocks, None);
        }
        let encoding = self
            .encodings
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map_or("UTF-8", |(e, _)| e);
        let meta = BookMeta {
            title: pkg.title.clone(),
            authors: pkg.authors.clone(),
            language: pkg.language.clone(),
            vertical_rl: vertical,
            rtl: pkg.rtl,
        };
        Ok(Document {
            sections,
            source: SourceInfo {
                name: book.name.clone(),
                encoding,
                replacements: self.replacements,
                controls_removed: r.out.controls_removed,
                format: Format::Epub,
                notes,
                meta,
                ..SourceInfo::default()
            },
            text: r.text,
            blocks,
            file_text: None,
        })
    }
}

fn is_html_type(media_type: &str) -> bool {
    let m = media_type.to_ascii_lowercase();
    m.is_empty() || m.contains("html") || m == "application/xml" || m == "text/xml"
}

fn describe(e: &EntryError) -> String {
    match e {
        EntryError::Missing => "missing".into(),
        EntryError::Bomb(w) => w.clone(),
        EntryError::Encrypted => "encrypted".into(),
        EntryError::Corrupt(w) => w.clone(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The first three items, then "…".
fn list(items: &[String]) -> String {
    let mut s = items.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > 3 {
        s.push_str(", …");
    }
    s
}

/// The zip paths `META-INF/encryption.xml` names as encrypted by something other than font
/// obfuscation.
fn encrypted_paths(zip: &mut Archive<'_>) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let Ok(bytes) = zip.read("META-INF/encryption.xml") else {
        return out;
    };
    let (evs, _) = events(&xml::decode(&bytes));
    let mut algorithm = String::new();
    for ev in &evs {
        match ev {
            Ev::Start { name, .. } if name == "encrypteddata" => algorithm.clear(),
            Ev::Start { name, .. } if name == "encryptionmethod" => {
                algorithm = ev.attr("algorithm").unwrap_or("").trim().to_string();
            }
            Ev::Start { name, .. }
                if name == "cipherreference" && !FONT_OBFUSCATION.contains(&algorithm.as_str()) =>
            {
                if let Some(uri) = ev.attr("uri") {
                    out.insert(package::resolve("", uri));
                }
            }
            _ => {}
        }
    }
    out
}

/// True when CSS (a style sheet, or a chapter with a `<style>`) sets `writing-mode:
/// vertical-rl` (or `-epub-`/`-webkit-writing-mode`) in a rule for `html` or `body`.
fn css_is_vertical(css: &str) -> bool {
    if !css.contains("vertical-rl") {
        return false;
    }
    let lower = css.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('{') {
        let selector = &rest[..open];
        let selector = selector.rsplit(['}', '>']).next().unwrap_or(selector);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let body = &rest[open + 1..open + close];
        let on_root = selector
            .split(',')
            .any(|s| matches!(s.trim(), "html" | "body" | ":root" | "html body"));
        if on_root && body.contains("writing-mode") && body.contains("vertical-rl") {
            return true;
        }
        rest = &rest[open + close + 1..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::css_is_vertical;

    #[test]
    fn vertical_writing_mode_on_the_root() {
        assert!(css_is_vertical("html { -epub-writing-mode: vertical-rl; }"));
        assert!(css_is_vertical(
            "p{x:y}\nbody,html{writing-mode:vertical-rl}"
        ));
        assert!(!css_is_vertical(".tate { writing-mode: vertical-rl }"));
        assert!(!css_is_vertical("body { writing-mode: horizontal-tb }"));
    }
}
