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
//!    clearly UTF-8 text), or when a good part of them is UTF-8 (a file that is half UTF-8,
//!    half GBK is read as UTF-8 with U+FFFD for the GBK part, and the replacements are
//!    counted so that the reader warns);
//! 6. otherwise chardetng, fed with chunks from the start, the middle and the end of the file
//!    (so a file whose first pages are ASCII is still detected by its body), its guess checked
//!    against the GBK and Big5 decodings so that short or ambiguous Chinese text is not read
//!    as EUC-KR or windows-125x (see `chinese.rs`).
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
    if !force && (sample.looks_binary() || super::sniff::is_zip(bytes)) {
        return Err(OpenError::binary(name, bytes));
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

/// For bytes that are not valid UTF-8: UTF-8 anyway when they nearly are, or when a good
/// part of them is ([`Utf8Stats::wins`]); else chardetng's guess from the sampled chunks,
/// checked against the Chinese decodings ([`super::chinese::prefer_chinese`]).
fn legacy(bytes: &[u8], sample: &Sample<'_>) -> &'static Encoding {
    legacy_from(Some(bytes), bytes.len(), sample)
}

/// [`legacy`] with the whole input when at hand (`whole`), else from the sample alone.
fn legacy_from(whole: Option<&[u8]>, len: usize, sample: &Sample<'_>) -> &'static Encoding {
    // The sample answers quickly for legacy encodings; only a likely UTF-8 file is scanned
    // whole.
    let mut stats = Utf8Stats::default();
    for chunk in sample.chunks() {
        stats.add(chunk);
    }
    if stats.wins() && whole.is_none_or(|bytes| Utf8Stats::of(bytes).wins()) {
        return UTF_8;
    }
    if len.is_multiple_of(2) {
        if let Some(enc) = sample.utf16(false) {
            return enc;
        }
    }
    let chunks: Vec<&[u8]> = sample
        .parts
        .iter()
        .enumerate()
        .filter_map(|(k, p)| detection_part(p, k))
        .collect();
    // Plainly GBK or Big5: chardetng's guess would not change the answer.
    if let Some(enc) = super::chinese::clearly_chinese(&chunks) {
        return enc;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    for chunk in &chunks {
        detector.feed(chunk, false);
    }
    detector.feed(&[], true);
    super::chinese::prefer_chinese(detector.guess(None, Utf8Detection::Allow), &chunks)
}

/// Bytes of each sample window that chardetng and the GBK/Big5 check read: plenty for
/// Chinese (thousands of characters), and a quarter of the time of whole windows (the first
/// screen of a large GB18030 file waited ~45 ms for the detection, more under load).
const DETECT_BYTES: usize = 16 * 1024;

/// About [`DETECT_BYTES`] of sample window `k` for encoding detection: the start of the
/// first window, the middle of the middle one, the end of the last, in whole lines (after a
/// line feed, through a line feed: no multi-byte character is split; LF is ASCII in every
/// encoding chardetng guesses). The whole window when it is short or has no line feeds there.
fn detection_part(p: &[u8], k: usize) -> Option<&[u8]> {
    if p.len() <= DETECT_BYTES {
        return (!p.is_empty()).then_some(p);
    }
    let from = match k {
        0 => 0,
        1 => (p.len() - DETECT_BYTES) / 2,
        _ => p.len() - DETECT_BYTES,
    };
    let region = &p[from..from + DETECT_BYTES];
    let start = if from == 0 {
        0
    } else {
        memchr::memchr(b'\n', region).map_or(region.len(), |i| i + 1)
    };
    let end = if from + DETECT_BYTES == p.len() {
        region.len()
    } else {
        memchr::memrchr(b'\n', region).map_or(0, |i| i + 1)
    };
    if end <= start + DETECT_BYTES / 4 {
        // Long lines: the window as chunks() gives it.
        let begin = if k == 0 {
            0
        } else {
            memchr::memchr(b'\n', &p[..p.len().min(4096)]).map_or(0, |i| i + 1)
        };
        return (p.len() > begin).then(|| &p[begin..]);
    }
    Some(&region[start..end])
}

/// Decodes `bytes` with `enc` (no BOM sniffing), replacing each malformed sequence by U+FFFD
/// and counting them.
///
/// Memory: the decoder writes through a 1 MiB scratch buffer and the text grows by
/// `push_str`, so only pages that hold text become resident (decoding straight into a
/// `String` reserved at the worst case, 3× the input, would touch all of it: 4× the file for
/// a GBK novel).
pub(crate) fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    const SCRATCH_BYTES: usize = 1 << 20;
    let mut decoder = enc.new_decoder_without_bom_handling();
    // Chinese text in a two-byte encoding grows by half in UTF-8; untouched capacity costs
    // address space only.
    let mut text = String::with_capacity(bytes.len().saturating_add(bytes.len() / 2));
    // (Smaller for a short input: the reader decodes single lines to find offsets.)
    let mut scratch = vec![0u8; SCRATCH_BYTES.min(bytes.len().saturating_mul(3) + 16)];
    let mut replacements = 0;
    let mut rest = bytes;
    loop {
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(rest, &mut scratch, true);
        rest = &rest[read..];
        // The decoder writes whole UTF-8 sequences only.
        text.push_str(std::str::from_utf8(&scratch[..written]).unwrap_or("\u{fffd}"));
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => {
                text.push('\u{fffd}');
                replacements += 1;
            }
        }
    }
    text.shrink_to_fit();
    Decoded {
        text,
        encoding: enc.name(),
        replacements,
    }
}

/// The encoding of a large input chosen from windows of it, without reading it whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chosen {
    pub encoding: &'static Encoding,
    /// Bytes of byte-order mark at the start, not part of the text.
    pub bom_len: usize,
}

/// The same decisions as [`decode`] (see the module docs), made from sample windows of an
/// input of `len` bytes: `parts` are its start and, for a file, windows from the middle and
/// the end, each starting at an even offset (empty when not at hand, as for a stream). The
/// binary check runs on the windows, so `/dev/zero` is refused after its first chunk.
pub fn choose_sampled(
    parts: [&[u8]; 3],
    len: usize,
    label: Option<&str>,
    force: bool,
    name: &str,
) -> Result<Chosen, OpenError> {
    let head = parts[0];
    if let Some(label) = label {
        let encoding = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            OpenError::UnknownEncoding {
                label: label.to_string(),
            }
        })?;
        let bom_len = match Encoding::for_bom(head) {
            Some((bom_enc, n)) if bom_enc == encoding => n,
            _ => 0,
        };
        return Ok(Chosen { encoding, bom_len });
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(head) {
        return Ok(Chosen { encoding, bom_len });
    }
    let sample = Sample { parts };
    let plain = |encoding| Chosen {
        encoding,
        bom_len: 0,
    };
    if let Some(enc) = sample.utf16(true) {
        return Ok(plain(enc));
    }
    if !force && (sample.looks_binary() || super::sniff::is_zip(head)) {
        return Err(OpenError::binary(name, head));
    }
    if parts.iter().all(|p| valid_utf8_window(p)) {
        return Ok(plain(UTF_8));
    }
    Ok(plain(legacy_from(None, len, &sample)))
}

/// A window of a file is valid UTF-8 but for a character cut at either edge.
fn valid_utf8_window(p: &[u8]) -> bool {
    // Skip continuation bytes at the start (a character cut by the window's start).
    let start = p.iter().take(3).take_while(|&&b| b & 0xc0 == 0x80).count();
    match std::str::from_utf8(&p[start..]) {
        Ok(_) => true,
        // `error_len() == None`: a sequence cut by the window's end.
        Err(e) => e.error_len().is_none(),
    }
}

/// How `bytes` read as UTF-8: valid non-ASCII chars, those of them 3 or 4 bytes long, and
/// invalid sequences.
#[derive(Debug, Default)]
struct Utf8Stats {
    multibyte: usize,
    long: usize,
    invalid: usize,
}

impl Utf8Stats {
    fn of(bytes: &[u8]) -> Self {
        let mut stats = Utf8Stats::default();
        stats.add(bytes);
        stats
    }

    fn add(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.utf8_chunks().peekable();
        while let Some(chunk) = chunks.next() {
            for c in chunk.valid().chars().filter(|c| !c.is_ascii()) {
                self.multibyte += 1;
                self.long += usize::from(c.len_utf8() >= 3);
            }
            // A sequence cut by the end of a sample window is not counted.
            if !chunk.invalid().is_empty() && chunks.peek().is_some() {
                self.invalid += 1;
            }
        }
    }

    /// UTF-8 (with U+FFFD for the rest) is the better reading: at most one invalid sequence
    /// per 8 valid multi-byte chars (a few stray bytes in a UTF-8 text), or at least one valid
    /// 3- or 4-byte char (Han, CJK punctuation) per 4 invalid sequences (a file that is partly
    /// UTF-8 and partly GBK or Big5). Legacy CJK text read as UTF-8 fails on almost every
    /// character and makes a valid 3-byte sequence about once per hundred failures, so it
    /// passes neither test.
    fn wins(&self) -> bool {
        self.invalid.saturating_mul(8) <= self.multibyte
            || self.long.saturating_mul(4) >= self.invalid
    }
}

/// A UTF-16 code unit that is common in text: tab, LF, CR, printable ASCII, Latin, general
/// punctuation, CJK symbols, kana, Han, Hangul, compatibility ideographs and forms, half- and
/// full-width forms. Used to tell UTF-16LE from UTF-16BE (the wrong order makes Han into
/// unlikely units about half the time).
fn likely_text(u: u16) -> bool {
    matches!(u, 0x09 | 0x0a | 0x0d | 0x20..=0x7e | 0xa0..=0x24f | 0x2000..=0x206f
        | 0x3000..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0xfe30..=0xfe4f | 0xff00..=0xffef)
}

/// A UTF-16 code unit of Chinese text without any NUL byte: general punctuation, CJK symbols,
/// kana, Han, compatibility ideographs and forms, half- and full-width forms. Narrower than
/// [`likely_text`]: GBK read as UTF-16BE makes Hangul out of the most frequent characters
/// (`你好`, `C4 E3 BA C3`, would be `쓣뫃`).
fn likely_han_text(u: u16) -> bool {
    matches!(u, 0x2000..=0x206f | 0x3000..=0x9fff | 0xf900..=0xfaff | 0xfe30..=0xfe4f
        | 0xff00..=0xffef)
}

/// The fewest code units for UTF-16 to be recognised without NUL bytes.
const MIN_UTF16_UNITS_WITHOUT_NULS: usize = 8;

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
    /// UTF-8 and has no NULs, such as Chinese-only UTF-16), at least
    /// [`MIN_UTF16_UNITS_WITHOUT_NULS`] units and ≥ 95% against < 80% are needed, counting
    /// only Han and CJK punctuation as likely ([`likely_han_text`]).
    fn utf16(&self, nuls_required: bool) -> Option<&'static Encoding> {
        let likely = if nuls_required {
            likely_text
        } else {
            likely_han_text
        };
        let (mut even, mut odd, mut units, mut le, mut be) =
            (0usize, 0usize, 0usize, 0usize, 0usize);
        for (l, b) in self.units() {
            units += 1;
            even += usize::from(b >> 8 == 0);
            odd += usize::from(l >> 8 == 0);
            le += usize::from(likely(l));
            be += usize::from(likely(b));
        }
        if !nuls_required && units < MIN_UTF16_UNITS_WITHOUT_NULS {
            return None;
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
#[path = "decode_tests.rs"]
mod tests;
