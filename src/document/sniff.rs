//! The format of a document decided by its content, not its name: an EPUB is a zip whose
//! first entry is `mimetype` holding `application/epub+zip` (OCF 3.3 §4.3), or a zip holding
//! `META-INF/container.xml`; an HTML page starts (after a BOM, whitespace, comments and an
//! XML declaration) with `<!DOCTYPE html`, `<html`, `<head` or `<body`, or declares the XHTML
//! namespace near its start. Called before any text decoding, so a book from stdin or under
//! any name opens as a book.

use super::Format;

/// A zip's local file header signature.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The format `bytes` are in, when their content says so; `None` for anything else (text,
/// Markdown, or binary data for the decoder to refuse).
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if is_epub(bytes) {
        return Some(Format::Epub);
    }
    if is_html(bytes) {
        return Some(Format::Html);
    }
    None
}

/// True when `head`, the first bytes of an input, starts a book that is read whole before it
/// is opened (an EPUB or an HTML page), not shown from a prefix as text is. For the input
/// reader ([`crate::input`]): a large EPUB must not reach the binary check as text.
pub fn is_book(head: &[u8]) -> bool {
    sniff(head).is_some()
}

/// True when `bytes` start a zip archive (a local file header, APPNOTE 4.3.7); an EPUB is one
/// ([`is_epub`]), any other zip is no text to show.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC)
}

/// True for a zip that is an EPUB container.
pub fn is_epub(bytes: &[u8]) -> bool {
    if !bytes.starts_with(ZIP_MAGIC) {
        return false;
    }
    // The first entry: name at 30, its length at 26, extra length at 28 (stored, so the
    // content follows the header).
    let le16 = |i: usize| {
        bytes
            .get(i..i + 2)
            .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    if let (Some(n), Some(x)) = (le16(26), le16(28)) {
        if bytes.get(30..30 + n) == Some(b"mimetype") {
            // A truncated book keeps at least part of it: a prefix of the type counts.
            let at = (30 + n + x).min(bytes.len());
            let m = &bytes[at..bytes.len().min(at + 20)];
            if b"application/epub+zip".starts_with(m) {
                return true;
            }
        }
    }
    // A book zipped without the mimetype entry first: look for the container file's name.
    memchr::memmem::find(bytes, b"META-INF/container.xml").is_some()
}

/// True when the first bytes are HTML markup.
pub fn is_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = lower.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(i) => rest = after[i + 3..].trim_start(),
                None => return false,
            }
        } else if rest.starts_with("<?xml") {
            match rest.find("?>") {
                Some(i) => rest = rest[i + 2..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|p| rest.starts_with(p))
        || (rest.starts_with('<') && rest.contains("http://www.w3.org/1999/xhtml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_by_markup() {
        assert_eq!(
            sniff(b"<!DOCTYPE html><title>t</title>"),
            Some(Format::Html)
        );
        assert_eq!(
            sniff("\u{feff}<?xml version=\"1.0\"?>\n<!-- c -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">".as_bytes()),
            Some(Format::Html)
        );
        assert_eq!(sniff(b"  <HTML><BODY>x"), Some(Format::Html));
        assert_eq!(sniff("# 標題\n<div>x</div>".as_bytes()), None);
        assert_eq!(sniff("<div>只是一段</div>".as_bytes()), None);
        assert_eq!(sniff("第一章\n正文".as_bytes()), None);
        assert_eq!(sniff(b"<!-- unterminated"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn epub_by_mimetype_entry() {
        let mut z = b"PK\x03\x04".to_vec();
        z.extend_from_slice(&[0; 22]);
        z.extend_from_slice(&8u16.to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes());
        z.extend_from_slice(b"mimetypeapplication/epub+zip");
        assert_eq!(sniff(&z), Some(Format::Epub));
        assert_eq!(sniff(&z[..40]), Some(Format::Epub));
        z[30] = b'x';
        assert_eq!(sniff(&z), None);
        assert_eq!(sniff(b"PK\x03\x04 plain zip"), None);
    }
}
