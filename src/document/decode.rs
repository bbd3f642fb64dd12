//! Encoding detection and decoding: BOM, UTF-8, then chardetng (GB18030/GBK, Big5, …).

use super::OpenError;

/// Decoded text and how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub replacements: usize,
}

/// Decodes `bytes`. PLACEHOLDER: UTF-8 (lossy) only; the document work replaces it.
pub fn decode(
    bytes: &[u8],
    _label: Option<&str>,
    _force: bool,
    _name: &str,
) -> Result<Decoded, OpenError> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(Decoded {
        text,
        encoding: "UTF-8",
        replacements: 0,
    })
}
