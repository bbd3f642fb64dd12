//! EPUBs made in test code with the `zip` crate: a `mimetype` entry stored first, a
//! container, an OPF with the given manifest and spine, and whatever files a test adds.

use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// A book being made.
pub struct Book {
    pub title: String,
    pub lang: String,
    /// (manifest id, href under OEBPS/, media type, properties, in spine, bytes)
    pub items: Vec<(String, String, String, String, bool, Vec<u8>)>,
    /// Files outside the OPF's folder (META-INF/encryption.xml).
    pub extra: Vec<(String, Vec<u8>)>,
    pub spine_extra: String,
    pub spine_attrs: String,
}

/// An XHTML chapter around `body`.
pub fn xhtml(title: &str, body: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" \
         xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>{title}</title></head>\n<body>\n{body}\n</body></html>\n"
    )
    .into_bytes()
}

impl Book {
    pub fn new(title: &str) -> Book {
        Book {
            title: title.into(),
            lang: "zh-Hant".into(),
            items: Vec::new(),
            extra: Vec::new(),
            spine_extra: String::new(),
            spine_attrs: String::new(),
        }
    }

    /// Adds a chapter in the spine.
    pub fn chapter(mut self, id: &str, href: &str, bytes: Vec<u8>) -> Book {
        self.items.push((
            id.into(),
            href.into(),
            "application/xhtml+xml".into(),
            String::new(),
            true,
            bytes,
        ));
        self
    }

    /// Adds a manifest item not in the spine (a nav, an NCX, a style sheet).
    pub fn item(mut self, id: &str, href: &str, media: &str, props: &str, bytes: Vec<u8>) -> Book {
        self.items.push((
            id.into(),
            href.into(),
            media.into(),
            props.into(),
            false,
            bytes,
        ));
        self
    }

    pub fn nav(self, ol: &str) -> Book {
        let nav = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\" \
             xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>nav</title></head><body>\
             <nav epub:type=\"toc\" id=\"toc\"><h1>目錄</h1>{ol}</nav></body></html>"
        );
        self.item(
            "nav",
            "nav.xhtml",
            "application/xhtml+xml",
            "nav",
            nav.into_bytes(),
        )
    }

    pub fn ncx(mut self, nav_map: &str) -> Book {
        let ncx = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" \
             version=\"2005-1\"><head><meta name=\"dtb:uid\" content=\"x\"/></head><docTitle><text>{}</text>\
             </docTitle><navMap>{nav_map}</navMap></ncx>",
            self.title
        );
        self.spine_attrs.push_str(" toc=\"ncx\"");
        self.item(
            "ncx",
            "toc.ncx",
            "application/x-dtbncx+xml",
            "",
            ncx.into_bytes(),
        )
    }

    /// The finished zip.
    pub fn zip(&self) -> Vec<u8> {
        let mut manifest = String::new();
        let mut spine = String::new();
        for (id, href, media, props, in_spine, _) in &self.items {
            let props = if props.is_empty() {
                String::new()
            } else {
                format!(" properties=\"{props}\"")
            };
            manifest.push_str(&format!(
                "<item id=\"{id}\" href=\"{href}\" media-type=\"{media}\"{props}/>\n"
            ));
            if *in_spine {
                spine.push_str(&format!("<itemref idref=\"{id}\"/>\n"));
            }
        }
        spine.push_str(&self.spine_extra);
        let opf = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" \
             version=\"3.0\" unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
             <dc:identifier id=\"id\">urn:uuid:1</dc:identifier><dc:title>{}</dc:title>\
             <dc:creator>測試作者</dc:creator><dc:language>{}</dc:language></metadata>\
             <manifest>{manifest}</manifest><spine{}>{spine}</spine></package>",
            self.title, self.lang, self.spine_attrs
        );
        let mut files: Vec<(String, Vec<u8>)> = vec![
            (
                "META-INF/container.xml".into(),
                b"<?xml version=\"1.0\"?><container version=\"1.0\" \
                  xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>\
                  <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\
                  </rootfiles></container>"
                    .to_vec(),
            ),
            ("OEBPS/content.opf".into(), opf.into_bytes()),
        ];
        for (_, href, _, _, _, bytes) in &self.items {
            if !bytes.is_empty() {
                files.push((format!("OEBPS/{href}"), bytes.clone()));
            }
        }
        files.extend(self.extra.iter().cloned());
        zip_files(&files)
    }
}

/// A zip with `mimetype` stored first, then `files` deflated.
pub fn zip_files(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/epub+zip").unwrap();
    for (name, bytes) in files {
        w.start_file(name.as_str(), deflated).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}
