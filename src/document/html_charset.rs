//! The encoding of an HTML page or EPUB chapter, decided in the order HTML and XML give it:
//! a byte order mark; then the XML declaration's `encoding` (a pandoc-made chapter
//! re-encoded to GBK may say so only there); then `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 4 KB; then valid
//! UTF-8; then chardetng's guess. Labels are WHATWG labels (`gb2312` decodes as GBK).

use encoding_rs::{Encoding, UTF_8};

/// How far into the document the declaration and `<meta>` are looked for.
const PRESCAN_BYTES: usize = 4096;

/// Decoded text, the encoding's name and how many invalid sequences became U+FFFD.
pub struct DecodedHtml {
    pub text: String,
    pub encoding: &'static str,
    pub replacements: usize,
}

/// Decodes `bytes`; `forced` (the user's `--encoding`) wins over everything but a BOM of it.
pub fn decode_html(bytes: &[u8], forced: Option<&'static Encoding>) -> DecodedHtml {
    let (enc, bom_len) = match (Encoding::for_bom(bytes), forced) {
        (Some((e, len)), Some(f)) if e == f => (e, len),
        (_, Some(f)) => (f, 0),
        (Some((e, len)), None) => (e, len),
        (None, None) => (declared(bytes).unwrap_or_else(|| detect(bytes)), 0),
    };
    let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
    let replacements = if had_errors {
        text.matches('\u{fffd}').count()
    } else {
        0
    };
    DecodedHtml {
        text: text.into_owned(),
        encoding: enc.name(),
        replacements,
    }
}

/// The encoding the document declares in its first [`PRESCAN_BYTES`], if any; a declared
/// UTF-16 in an ASCII-compatible prescan is taken as UTF-8 (as the HTML standard does).
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let label = xml_declaration(&head).or_else(|| meta_charset(&head))?;
    let enc = Encoding::for_label(label.as_bytes())?;
    Some(if enc.name().starts_with("UTF-16") {
        UTF_8
    } else {
        enc
    })
}

fn xml_declaration(head: &str) -> Option<String> {
    let rest = head.trim_start().strip_prefix("<?xml")?;
    let decl = &rest[..rest.find("?>")?];
    attr_value(decl, "encoding")
}

fn meta_charset(head: &str) -> Option<String> {
    let mut rest = head;
    while let Some(i) = rest.find("<meta") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |j| i + j);
        let tag = &rest[i..tag_end];
        if let Some(v) = attr_value(tag, "charset") {
            return Some(v);
        }
        if let Some(content) = attr_value(tag, "content") {
            if let Some(j) = content.find("charset=") {
                let v: String = content[j + 8..]
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                    .collect();
                if !v.is_empty() {
                    return Some(v);
                }
            }
        }
        rest = &rest[tag_end..];
    }
    None
}

/// The value of `name="…"` (or `'…'`, or unquoted) in a tag's text.
fn attr_value(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0
            || !tag.as_bytes()[at - 1].is_ascii_alphanumeric() && tag.as_bytes()[at - 1] != b'-';
        if !before_ok {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let v = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/' || c == ';')
                .next()
                .unwrap_or(""),
        };
        let v = v.trim();
        if !v.is_empty() {
            return Some(v.to_string());
        }
    }
    None
}

/// UTF-8 when the bytes are valid UTF-8; else chardetng's guess.
fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    super::chinese::prefer_chinese(det.guess(None, chardetng::Utf8Detection::Allow), &[bytes])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declaration_then_meta_then_detection() {
        let (gbk, _, _) =
            encoding_rs::GBK.encode("<?xml version='1.0' encoding='gb2312'?><p>中文章節</p>");
        let d = decode_html(&gbk, None);
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.contains("中文章節"));
        let (big5, _, _) = encoding_rs::BIG5
            .encode("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\"></head><p>繁體中文</p>");
        let d = decode_html(&big5, None);
        assert_eq!(d.encoding, "Big5");
        assert!(d.text.contains("繁體中文"));
        let d = decode_html("<meta charset=\"utf-8\"><p>好</p>".as_bytes(), None);
        assert_eq!(d.encoding, "UTF-8");
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice("<?xml version='1.0' encoding='gbk'?><p>好</p>".as_bytes());
        let d = decode_html(&bom, None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("<?xml"));
        // Undeclared GBK is detected.
        let (gbk, _, _) = encoding_rs::GBK
            .encode("<p>這是一段沒有聲明編碼的中文文字，用來測試編碼的偵測是否正確。</p>");
        assert_eq!(decode_html(&gbk, None).encoding, "GBK");
    }
}
