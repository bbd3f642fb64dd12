//! Encoding detection and decoding: BOM, UTF-8, then chardetng (GB18030/GBK, Big5, …).
//!
//! The order of decisions:
//!
//! 1. a forced WHATWG label (`--encoding`) wins; its own BOM, if present, is dropped;
//! 2. a BOM (UTF-8, UTF-16LE, UTF-16BE) decides, and is never part of the text;
//! 3. UTF-16 without a BOM when it is evident: NUL bytes almost all at odd (LE) or even (BE)
//!    positions, and the decoded sample looks like text;
//! 4. any other NUL byte, or a sample that is mostly C0 control bytes, means a binary file:
//!    refused with [`OpenError::Binary`] unless `force`;
//! 5. UTF-8 when the bytes are valid UTF-8, or nearly so (a few stray invalid sequences in a
//!    clearly UTF-8 text);
//! 6. otherwise chardetng, fed with chunks from the start, the middle and the end of the file
//!    (so a file whose first pages are ASCII is still detected by its body).
//!
//! Invalid sequences become U+FFFD and are counted in [`Decoded::replacements`].

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::OpenError;

/// Decoded text and how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the encoding used (`UTF-8`, `GBK`, `Big5`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// How many invalid byte sequences became U+FFFD.
    pub replacements: usize,
}

/// Bytes per sample chunk given to chardetng and to the binary check (start, middle, end).
const SAMPLE_BYTES: usize = 64 * 1024;

/// Decodes `bytes` (see the module docs for the order of decisions). `label` forces an
/// encoding by WHATWG label; `force` opens files that look binary; `name` is used in errors.
pub fn decode(
    bytes: &[u8],
    label: Option<&str>,
    force: bool,
    name: &str,
) -> Result<Decoded, OpenError> {
    let choice = choose(bytes, label, force, name, true)?;
    let body = &bytes[choice.bom_len..];
    if choice.valid_utf8 {
        if let Ok(text) = std::str::from_utf8(body) {
            return Ok(utf8(text.to_string()));
        }
    }
    Ok(decode_with(choice.encoding, body))
}

/// Like [`decode`], but takes the bytes by value: valid UTF-8 (the common case) becomes the
/// text without a copy, so a large file is in memory once, not twice.
pub fn decode_vec(
    mut bytes: Vec<u8>,
    label: Option<&str>,
    force: bool,
    name: &str,
) -> Result<Decoded, OpenError> {
    let choice = choose(&bytes, label, force, name, false)?;
    if !choice.valid_utf8 {
        return Ok(decode_with(choice.encoding, &bytes[choice.bom_len..]));
    }
    // Validated once, by `String::from_utf8`; only when that fails is anything else tried.
    bytes.drain(..choice.bom_len);
    Ok(match String::from_utf8(bytes) {
        Ok(text) => utf8(text),
        Err(e) if choice.bom_len > 0 => decode_with(UTF_8, e.as_bytes()),
        Err(e) => {
            let bytes = e.into_bytes();
            decode_with(legacy(&bytes, &Sample::new(&bytes)), &bytes)
        }
    })
}

fn utf8(text: String) -> Decoded {
    Decoded {
        text,
        encoding: UTF_8.name(),
        replacements: 0,
    }
}

/// The decision: which encoding, how many BOM bytes to skip, and whether the rest is valid
/// UTF-8 (with `check_utf8` false: whether it is worth trying as UTF-8 before
/// [`legacy`] detection).
struct Choice {
    encoding: &'static Encoding,
    bom_len: usize,
    valid_utf8: bool,
}

fn choose(
    bytes: &[u8],
    label: Option<&str>,
    force: bool,
    name: &str,
    check_utf8: bool,
) -> Result<Choice, OpenError> {
    let plain = |encoding, bom_len| Choice {
        encoding,
        bom_len,
        valid_utf8: false,
    };
    if let Some(label) = label {
        let enc = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            OpenError::UnknownEncoding {
                label: label.to_string(),
            }
        })?;
        let bom_len = match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == enc => len,
            _ => 0,
        };
        return Ok(plain(enc, bom_len));
    }
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return Ok(Choice {
            encoding: enc,
            bom_len: len,
            valid_utf8: enc == UTF_8 && (!check_utf8 || std::str::from_utf8(&bytes[len..]).is_ok()),
        });
    }
    if bytes.is_empty() {
        return Ok(Choice {
            encoding: UTF_8,
            bom_len: 0,
            valid_utf8: true,
        });
    }
    let sample = Sample::new(bytes);
    if let Some(enc) = sample.utf16(true) {
        return Ok(plain(enc, 0));
    }
    if sample.looks_binary() && !force {
        return Err(OpenError::Binary {
            name: name.to_string(),
        });
    }
    if !check_utf8 || std::str::from_utf8(bytes).is_ok() {
        return Ok(Choice {
            encoding: UTF_8,
            bom_len: 0,
            valid_utf8: true,
        });
    }
    Ok(plain(legacy(bytes, &sample), 0))
}

/// For bytes that are not valid UTF-8: UTF-8 anyway when they nearly are ([`mostly_utf8`]),
/// else chardetng's guess from the sampled chunks.
fn legacy(bytes: &[u8], sample: &Sample<'_>) -> &'static Encoding {
    // The sample answers quickly for legacy encodings; only a likely UTF-8 file is scanned
    // whole.
    if sample.chunks().all(mostly_utf8) && mostly_utf8(bytes) {
        return UTF_8;
    }
    if bytes.len().is_multiple_of(2) {
        if let Some(enc) = sample.utf16(false) {
            return enc;
        }
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    for chunk in sample.chunks() {
        detector.feed(chunk, false);
    }
    detector.feed(&[], true);
    detector.guess(None, Utf8Detection::Allow)
}

/// Decodes `bytes` with `enc` (no BOM sniffing), replacing each malformed sequence by U+FFFD
/// and counting them.
fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3))
        .saturating_add(16);
    let mut text = String::with_capacity(cap);
    let mut replacements = 0;
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(rest.len().saturating_mul(3) + 16),
            DecoderResult::Malformed(_, _) => {
                text.push('\u{fffd}');
                replacements += 1;
            }
        }
    }
    Decoded {
        text,
        encoding: enc.name(),
        replacements,
    }
}

/// True when `bytes` is UTF-8 with only a few invalid sequences: at most one invalid sequence
/// per 8 valid multi-byte characters. Legacy CJK encodings read as UTF-8 fail on almost every
/// character, so they never pass.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    let mut chunks = bytes.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        // A sequence cut by the end of a sample window is not counted.
        if !chunk.invalid().is_empty() && chunks.peek().is_some() {
            invalid += 1;
        }
    }
    invalid.saturating_mul(8) <= multibyte
}

/// A UTF-16 code unit that is common in text: tab, LF, CR, printable ASCII, Latin, general
/// punctuation, CJK symbols, kana, Han, Hangul, compatibility ideographs and forms, half- and
/// full-width forms. Used to tell UTF-16LE from UTF-16BE (the wrong order makes Han into
/// unlikely units about half the time).
fn likely_text(u: u16) -> bool {
    matches!(u, 0x09 | 0x0a | 0x0d | 0x20..=0x7e | 0xa0..=0x24f | 0x2000..=0x206f
        | 0x3000..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0xfe30..=0xfe4f | 0xff00..=0xffef)
}

/// Up to three windows of the file (start, middle, end), each starting at an even offset so
/// that UTF-16 code units stay aligned.
struct Sample<'a> {
    parts: [&'a [u8]; 3],
}

impl<'a> Sample<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        if bytes.len() <= 3 * SAMPLE_BYTES {
            return Sample {
                parts: [bytes, &[], &[]],
            };
        }
        let mid = (bytes.len() / 2 - SAMPLE_BYTES / 2) & !1;
        let end = (bytes.len() - SAMPLE_BYTES) & !1;
        Sample {
            parts: [
                &bytes[..SAMPLE_BYTES],
                &bytes[mid..mid + SAMPLE_BYTES],
                &bytes[end..],
            ],
        }
    }

    /// The windows for chardetng: the middle and end ones begin after a line feed so that no
    /// multi-byte character is split (LF is ASCII in every encoding chardetng guesses).
    fn chunks(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        self.parts.iter().enumerate().filter_map(|(k, &p)| {
            let begin = match k {
                0 => 0,
                _ => memchr::memchr(b'\n', &p[..p.len().min(4096)]).map_or(0, |i| i + 1),
            };
            (p.len() > begin).then(|| &p[begin..])
        })
    }

    /// The aligned code units of the windows, as (little-endian, big-endian) pairs.
    fn units(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        self.parts.iter().flat_map(|p| {
            p.chunks_exact(2).map(|b| {
                (
                    u16::from_le_bytes([b[0], b[1]]),
                    u16::from_be_bytes([b[0], b[1]]),
                )
            })
        })
    }

    /// UTF-16 without a BOM. With `nuls_required` (the check made before UTF-8), at least one
    /// NUL byte per 200 code units must be present; then the endianness whose NULs are ≥ 95%
    /// of all NULs (ASCII in UTF-16LE has its NULs at odd offsets) wins if ≥ 90% of its code
    /// units are likely text ([`likely_text`]); failing that, the endianness with ≥ 90%
    /// likely units while the other has < 80%. Without `nuls_required` (for text that is not
    /// UTF-8 and has no NULs, such as Chinese-only UTF-16), ≥ 95% against < 80% is needed.
    fn utf16(&self, nuls_required: bool) -> Option<&'static Encoding> {
        let (mut even, mut odd, mut units, mut le, mut be) =
            (0usize, 0usize, 0usize, 0usize, 0usize);
        for (l, b) in self.units() {
            units += 1;
            even += usize::from(b >> 8 == 0);
            odd += usize::from(l >> 8 == 0);
            le += usize::from(likely_text(l));
            be += usize::from(likely_text(b));
        }
        let nuls = even + odd;
        let share = |n: usize, pct: usize| n.saturating_mul(100) >= units.saturating_mul(pct);
        if units == 0 || (nuls_required && (nuls == 0 || nuls.saturating_mul(200) < units)) {
            return None;
        }
        let high = if nuls_required { 90 } else { 95 };
        if nuls_required && odd * 100 >= nuls * 95 && share(le, high) {
            return Some(UTF_16LE);
        }
        if nuls_required && even * 100 >= nuls * 95 && share(be, high) {
            return Some(UTF_16BE);
        }
        if share(le, high) && !share(be, 80) {
            Some(UTF_16LE)
        } else if share(be, high) && !share(le, 80) {
            Some(UTF_16BE)
        } else {
            None
        }
    }

    /// A NUL byte, or more than 10% C0 control bytes other than tab, LF, VT, FF, CR, BS, BEL
    /// and ESC (those occur in text files and are dealt with by sanitizing).
    fn looks_binary(&self) -> bool {
        let (mut total, mut controls) = (0usize, 0usize);
        for part in self.chunks() {
            if memchr::memchr(0, part).is_some() {
                return true;
            }
            total += part.len();
            controls += part
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, 0x07..=0x0d | 0x1b))
                .count();
        }
        controls.saturating_mul(10) > total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Decoded {
        decode(bytes, None, false, "t").unwrap()
    }

    #[test]
    fn utf8_and_bom() {
        let d = dec("\u{feff}中文".as_bytes());
        assert_eq!((d.text.as_str(), d.encoding), ("中文", "UTF-8"));
        let d = dec("中文".as_bytes());
        assert_eq!(d.text, "中文");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "第一章 開始\n這是一段文字。\n";
        let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = dec(&[&[0xff, 0xfe][..], &le].concat());
        assert_eq!((d.text.as_str(), d.encoding), (s, "UTF-16LE"));
        let d = dec(&[&[0xfe, 0xff][..], &be].concat());
        assert_eq!((d.text.as_str(), d.encoding), (s, "UTF-16BE"));
        // Han whose low byte is 0 (一 is U+4E00) puts NULs at the "wrong" parity too.
        let han = "一個人走在路上，一直走到天黑。\n".repeat(40);
        let le: Vec<u8> = han.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(dec(&le).text, han);
        let be: Vec<u8> = han.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(dec(&be).text, han);
        // Chinese without any NUL byte at all.
        let no_nul = "中文字書".repeat(40);
        let le: Vec<u8> = no_nul.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(dec(&le).text, no_nul);
        let ascii = "Chapter 1\nIt was a dark night.\n".repeat(5);
        let le: Vec<u8> = ascii.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = dec(&le);
        assert_eq!((d.text.as_str(), d.encoding), (ascii.as_str(), "UTF-16LE"));
        let be: Vec<u8> = ascii.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(dec(&be).encoding, "UTF-16BE");
    }

    #[test]
    fn legacy_chinese() {
        let s = "第一章 山城夜雨\r\n那天晚上，雨下得很大，我们在旧书店里躲雨，老板给我们泡了一壶茶。\r\n"
            .repeat(4);
        let (gbk, _, _) = encoding_rs::GBK.encode(&s);
        let d = dec(&gbk);
        assert_eq!(d.text, s);
        assert!(
            d.encoding == "GBK" || d.encoding == "gb18030",
            "{}",
            d.encoding
        );
        let t =
            "第一章 山城夜雨\n那天晚上，雨下得很大，我們在舊書店裡躲雨，老闆給我們泡了一壺茶。\n"
                .repeat(4);
        let (big5, _, _) = encoding_rs::BIG5.encode(&t);
        let d = dec(&big5);
        assert_eq!((d.text.as_str(), d.encoding), (t.as_str(), "Big5"));
    }

    #[test]
    fn detection_samples_the_middle() {
        let mut s = "a plain ascii line\n".repeat(20_000);
        s.push_str(
            &"那天晚上，雨下得很大，我們在舊書店裡躲雨，老闆給我們泡了一壺茶。\n".repeat(50),
        );
        s.push_str(&"another ascii line\n".repeat(20_000));
        let (big5, _, _) = encoding_rs::BIG5.encode(&s);
        assert!(big5.len() > 3 * SAMPLE_BYTES);
        let d = dec(&big5);
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.replacements, 0);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let mut b = "這是一段很長的好文字，".repeat(10).into_bytes();
        b.extend_from_slice(&[0xff, 0xfe, b'x']);
        b.extend_from_slice("後面也很好。".as_bytes());
        let d = dec(&b);
        assert_eq!(d.encoding, "UTF-8");
        assert!(
            d.text.ends_with("\u{fffd}\u{fffd}x後面也很好。"),
            "{}",
            d.text
        );
        assert_eq!(d.replacements, 2);
    }

    #[test]
    fn binary_refused_unless_forced() {
        let b = [
            0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0,
        ];
        assert!(matches!(
            decode(&b, None, false, "a.out"),
            Err(OpenError::Binary { .. })
        ));
        assert!(decode(&b, None, true, "a.out").is_ok());
        let controls: Vec<u8> = (0u8..200).map(|i| (i % 6) + 1).collect();
        assert!(decode(&controls, None, false, "x").is_err());
    }

    #[test]
    fn forced_labels() {
        let (gbk, _, _) = encoding_rs::GBK.encode("中文");
        let d = decode(&gbk, Some("gbk"), false, "t").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("中文", "GBK"));
        let d = decode("\u{feff}中".as_bytes(), Some("utf-8"), false, "t").unwrap();
        assert_eq!(d.text, "中");
        assert!(matches!(
            decode(b"x", Some("klingon"), false, "t"),
            Err(OpenError::UnknownEncoding { .. })
        ));
    }

    #[test]
    fn by_value_matches_by_reference() {
        let mut bad = "好文字，".repeat(20).into_bytes();
        bad.push(0xff);
        let long = "第一章 山城夜雨。".repeat(20);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        for b in [
            "\u{feff}中文".as_bytes().to_vec(),
            "中文".as_bytes().to_vec(),
            vec![0xef, 0xbb, 0xbf, b'a', 0xff, b'b'],
            bad,
            gbk.into_owned(),
            Vec::new(),
        ] {
            let r = decode(&b, None, false, "t").unwrap();
            let v = decode_vec(b, None, false, "t").unwrap();
            assert_eq!(
                (r.text, r.encoding, r.replacements),
                (v.text, v.encoding, v.replacements)
            );
        }
    }

    #[test]
    fn empty_is_empty() {
        let d = dec(b"");
        assert_eq!((d.text.as_str(), d.replacements), ("", 0));
    }
}
