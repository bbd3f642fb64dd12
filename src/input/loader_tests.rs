//! The chunked reader gives the document a whole read gives; streams stop at their caps.

use std::io::Read;

use super::*;
use crate::document::{open_vec, OpenOptions};
use crate::input::source::{self, Input, Opening};

/// A stream over `bytes`, in reads of at most `step` bytes (as a pipe delivers them).
struct Trickle {
    bytes: Vec<u8>,
    at: usize,
    step: usize,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.step).min(self.bytes.len() - self.at);
        buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn large_stream(bytes: Vec<u8>, step: usize) -> Large {
    let stream = Trickle { bytes, at: 0, step };
    match source::open_stream(Box::new(stream), "t.txt".into(), Opening::default()).unwrap() {
        Input::Large(l) => l,
        Input::Whole { .. } => panic!("expected a large input"),
    }
}

/// Text with everything the sanitizer changes (tabs, CRLF, escapes, C1, bidi controls),
/// chapter lines and long lines, more than a head's worth.
fn messy_text() -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < source::HEAD_BYTES * 2 + 12_345 {
        match i % 7 {
            0 => s.push_str(&format!("第{i}章 標題\r\n")),
            1 => s.push_str("\t縮進的段落，有\t製表符。\n"),
            2 => s.push_str("有\x1b[31m顏色\x1b[0m的字和\x1b]0;title\x07標題。\r\n"),
            3 => s.push_str("雙向\u{202e}控制\u{202c}字符和\u{9d}C1。\n\n"),
            4 => s.push_str(&"很長的一行沒有換行".repeat(50)),
            5 => s.push_str("\n“引號”……——破折號。\n"),
            _ => s.push_str("plain ascii line with\ttab\n"),
        }
        i += 1;
    }
    s
}

#[test]
fn chunked_reading_gives_the_whole_documents_text_and_blocks() {
    let text = messy_text();
    let whole = open_vec(text.clone().into_bytes(), "t.txt", &OpenOptions::default()).unwrap();
    for (chunk, step) in [(100, 37), (4096, 1000), (1 << 20, 65536)] {
        let tuning = Tuning {
            chunk_bytes: chunk,
            ..Tuning::default()
        };
        let large = large_stream(text.clone().into_bytes(), step);
        let done = read_blocking_with(large, &OpenOptions::default(), tuning).unwrap();
        assert_eq!(done.doc.text, whole.text, "chunk {chunk}");
        assert_eq!(done.doc.blocks, whole.blocks, "chunk {chunk}");
        assert_eq!(done.doc.sections, whole.sections, "chunk {chunk}");
        assert_eq!(
            done.doc.source.controls_removed, whole.source.controls_removed,
            "chunk {chunk}"
        );
        assert!(done.truncated.is_none());
    }
}

#[test]
fn the_first_regions_text_is_the_start_of_the_whole_text() {
    let text = messy_text();
    let large = large_stream(text.clone().into_bytes(), 1 << 16);
    let (partial, input_bytes) = prefix(&large, &OpenOptions::default()).unwrap();
    assert!(input_bytes <= FIRST_REGION_BYTES && input_bytes > FIRST_REGION_BYTES / 2);
    let whole = read_blocking(large, &OpenOptions::default()).unwrap().doc;
    assert!(whole.text.starts_with(&partial.text));
    // Every block of the partial document but the last is the whole document's block.
    let n = partial.blocks.len() - 1;
    assert!(partial
        .blocks
        .iter()
        .take(n)
        .eq(whole.blocks.iter().take(n)));
}

#[test]
fn gb18030_is_decoded_chunk_by_chunk_like_whole() {
    let text = "第一章 開始\n這是一個用來測試的段落，文字足夠長。\n".repeat(40_000);
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let bytes = bytes.into_owned();
    let opts = OpenOptions {
        encoding: Some("gb18030".into()),
        ..OpenOptions::default()
    };
    let whole = open_vec(bytes.clone(), "t.txt", &opts).unwrap();
    let stream = Trickle {
        bytes,
        at: 0,
        step: 10_000,
    };
    let how = Opening {
        label: Some("gb18030"),
        force: false,
    };
    let Input::Large(large) = source::open_stream(Box::new(stream), "t.txt".into(), how).unwrap()
    else {
        panic!("expected a large input");
    };
    let tuning = Tuning {
        chunk_bytes: 5000,
        ..Tuning::default()
    };
    let done = read_blocking_with(large, &opts, tuning).unwrap();
    assert_eq!(done.doc.text, whole.text);
    assert_eq!(done.doc.source.encoding, "gb18030");
}

/// `yes`: an endless stream of `y` lines.
struct Yes;

impl Read for Yes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        for pair in buf.chunks_mut(2) {
            pair[0] = b'y';
            if pair.len() == 2 {
                pair[1] = b'\n';
            }
        }
        Ok(buf.len() & !1)
    }
}

#[test]
fn an_endless_stream_stops_at_the_line_cap_with_a_note() {
    let large = match source::open_stream(Box::new(Yes), "stdin".into(), Opening::default()) {
        Ok(Input::Large(l)) => l,
        _ => panic!("expected a large input"),
    };
    let tuning = Tuning {
        chunk_bytes: 1 << 16,
        stream_max_bytes: u64::MAX,
        stream_max_lines: 1_000_000,
        spill_bytes: u64::MAX,
        stream_max_held: usize::MAX,
    };
    let done = read_blocking_with(large, &OpenOptions::default(), tuning).unwrap();
    let note = done.truncated.expect("a note");
    assert!(note.contains("stopped reading"), "{note}");
    // Counted as paragraphs (runs of one-line paragraphs share a group in the index).
    let lines = done.doc.blocks.ungrouped_index(done.doc.blocks.len());
    assert!((1_000_000..1_100_000).contains(&lines), "{lines} lines");
}

/// Endless pseudo-random bytes, as `/dev/urandom` gives them.
struct Noise(u64);

impl Read for Noise {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        for b in buf.iter_mut() {
            // xorshift64
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            *b = (self.0 >> 24) as u8;
        }
        Ok(buf.len())
    }
}

/// Newcomer, tracker 17 item 3: `yuedu --force /dev/urandom` read on without limit (783 MB in
/// 17 s, towards 2 GiB of input): its text (windows-1252, changed by the sanitizer) cannot be
/// spilled, and it has too few lines for the line cap. It stops at the held-text cap, with
/// a note.
#[test]
fn an_endless_stream_held_in_memory_stops_at_the_held_text_cap() {
    let how = Opening {
        label: None,
        force: true,
    };
    let large = match source::open_stream(
        Box::new(Noise(0x9e37_79b9_7f4a_7c15)),
        "urandom".into(),
        how,
    ) {
        Ok(Input::Large(l)) => l,
        _ => panic!("expected a large input"),
    };
    let cap = 4 << 20;
    let tuning = Tuning {
        chunk_bytes: 1 << 16,
        stream_max_bytes: 16 << 20,
        stream_max_held: cap,
        ..Tuning::default()
    };
    let done = read_blocking_with(large, &OpenOptions::default(), tuning).unwrap();
    let note = done.truncated.expect("a note");
    assert!(note.contains("held in memory"), "{note}");
    let text = done.doc.text_len();
    assert!(
        text >= cap && text < cap + (4 << 20),
        "{text} bytes of text"
    );
}

#[test]
fn endless_zeros_are_refused_after_the_first_chunk() {
    let zeros = std::io::repeat(0);
    let err = source::open_stream(Box::new(zeros), "/dev/zero".into(), Opening::default())
        .err()
        .expect("refused");
    assert!(err.to_string().contains("binary"), "{err}");
}

#[test]
fn a_window_at_a_remembered_offset_lines_up_with_the_whole_text() {
    // A large file of numbered lines, with a tab and CRLF now and then (the sanitizer changes
    // those, so text and input offsets differ).
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 3 * source::HEAD_BYTES + 5 * CHUNK_BYTES {
        text.push_str(&format!("第{i}行：這是一行用來測試的文字。\t完\r\n"));
        i += 1;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).unwrap();
    let open = || match source::open_path(&path, Opening::default()).unwrap() {
        Input::Large(l) => l,
        Input::Whole { .. } => panic!("expected a large input"),
    };
    let line = "第300000行";
    let at = text.find(line).unwrap() as u64;
    let seeker = open().seeker(&OpenOptions::default()).unwrap();
    let win = seeker.window(at).unwrap();
    assert!(
        win.doc.text[win.at_text..].starts_with(line),
        "{:?}",
        &win.doc.text[win.at_text..][..40]
    );
    let done = read_whole(
        open(),
        &OpenOptions::default(),
        Tuning::default(),
        &Progress::default(),
        &AtomicBool::new(false),
        None,
    )
    .unwrap();
    // The window's start is found in the whole text from the chunk checkpoints.
    let base = seeker.text_offset(&done.map, win.input.start);
    assert!(done.doc.text[base..].starts_with(&win.doc.text));
    // The text offset of the line maps back to its input offset (checkpoints are exact).
    let text_at = base + win.at_text;
    let back = done.map.input_offset(text_at).unwrap();
    assert!(back.abs_diff(at) < 4096, "{back} vs {at}");
    assert!(text[back as usize..].contains(line));
    // And the seeker finds the line's input offset from the window's text offset.
    assert_eq!(seeker.input_offset(win.input.start, win.at_text), at);
}

#[test]
fn a_colour_set_before_a_chunk_boundary_goes_on_after_it() {
    // Program output: a red run over many lines, a bold one, then green to the end, more than
    // a head's worth so the reader thread reads it in chunks.
    let mut text = String::from("\x1b[31m");
    let mut i = 0;
    while text.len() < source::HEAD_BYTES + 300_000 {
        text.push_str(&format!("紅色的第{i}行 red line {i}\n"));
        if i == 10_000 {
            text.push_str("\x1b[0m\x1b[1m粗體開始\n");
        }
        if i == 10_100 {
            text.push_str("粗體結束\x1b[0m\x1b[32m綠色\n");
        }
        i += 1;
    }
    // One block per line, so each line's spans can be compared.
    let opts = OpenOptions {
        reflow: crate::document::reflow::Reflow::Off,
        ..OpenOptions::default()
    };
    let whole = open_vec(text.clone().into_bytes(), "t.txt", &opts).unwrap();
    let red = |doc: &Document, needle: &str| {
        let b = doc
            .blocks
            .iter()
            .position(|b| doc.text[b.bytes.clone()].contains(needle))
            .unwrap();
        doc.blocks.spans(b).to_vec()
    };
    let late = format!("第{}行", i - 1);
    assert!(
        !red(&whole, &late).is_empty(),
        "the whole read colours the last line"
    );
    assert!(!red(&whole, "粗體開始").is_empty());
    for (chunk, step) in [(1000, 333), (1 << 16, 4096)] {
        let tuning = Tuning {
            chunk_bytes: chunk,
            ..Tuning::default()
        };
        let done = read_blocking_with(large_stream(text.clone().into_bytes(), step), &opts, tuning)
            .unwrap();
        assert_eq!(done.doc.text, whole.text, "chunk {chunk}");
        assert_eq!(red(&done.doc, &late), red(&whole, &late), "chunk {chunk}");
        assert_eq!(
            red(&done.doc, "粗體開始"),
            red(&whole, "粗體開始"),
            "chunk {chunk}"
        );
        assert_eq!(done.doc.blocks, whole.blocks, "chunk {chunk}");
    }
}

#[test]
fn utf16_is_read_in_chunks_cut_at_line_feeds_with_even_alignment() {
    // Han text and a character outside the BMP (a surrogate pair), in lines; reads of odd
    // sizes and odd chunk sizes, so a cut at an odd offset would garble everything after it.
    let text = "第一章 開始\n這是一個測試的段落，𠀀字在基本平面之外。\r\nline two\n".repeat(30_000);
    for (enc, bom) in [
        (encoding_rs::UTF_16LE, &b"\xff\xfe"[..]),
        (encoding_rs::UTF_16BE, &b"\xfe\xff"[..]),
    ] {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut bytes = bom.to_vec();
        for u in units {
            bytes.extend(if enc == encoding_rs::UTF_16LE {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        let whole = open_vec(bytes.clone(), "t.txt", &OpenOptions::default()).unwrap();
        assert_eq!(whole.source.encoding, enc.name());
        for (chunk, step) in [(1001, 777), (65_537, 4095)] {
            let large = large_stream(bytes.clone(), step);
            assert!(can_show_prefix(&large, &OpenOptions::default()));
            let (partial, _) = prefix(&large, &OpenOptions::default()).unwrap();
            let tuning = Tuning {
                chunk_bytes: chunk,
                ..Tuning::default()
            };
            let done = read_blocking_with(large, &OpenOptions::default(), tuning).unwrap();
            assert_eq!(done.doc.text, whole.text, "{} chunk {chunk}", enc.name());
            assert_eq!(
                done.doc.blocks,
                whole.blocks,
                "{} chunk {chunk}",
                enc.name()
            );
            assert_eq!(done.doc.source.replacements, 0);
            assert!(done.map.checkpoints.len() > 10, "read in chunks");
            assert!(whole.text.starts_with(&partial.text) && partial.text.len() > 100_000);
        }
    }
}

#[test]
fn markdown_shows_its_first_region_cut_between_blocks() {
    // This repository's README (headings, lists, tables, fenced code) over and over.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut text = String::new();
    while text.len() < 2 * source::HEAD_BYTES {
        text.push_str(&readme);
        text.push('\n');
    }
    let opts = OpenOptions::default();
    let whole = open_vec(text.clone().into_bytes(), "t.md", &opts).unwrap();
    let stream = Trickle {
        bytes: text.into_bytes(),
        at: 0,
        step: 1 << 16,
    };
    let Input::Large(large) =
        source::open_stream(Box::new(stream), "t.md".into(), Opening::default()).unwrap()
    else {
        panic!("expected a large input");
    };
    assert!(can_show_prefix(&large, &opts));
    assert!(!can_seek(&large, &opts));
    let (partial, _) = prefix(&large, &opts).unwrap();
    assert!(partial.blocks.len() > 100);
    assert!(
        whole.text.starts_with(&partial.text),
        "the first region's text starts the whole text"
    );
    let n = partial.blocks.len() - 1;
    assert!(partial
        .blocks
        .iter()
        .take(n)
        .eq(whole.blocks.iter().take(n)));
    assert_eq!(
        partial.sections[..partial.sections.len() - 1],
        whole.sections[..partial.sections.len() - 1]
    );
}

/// A large input from a file on disk.
fn large_file(bytes: &[u8]) -> (tempfile::NamedTempFile, Large) {
    use std::io::Write;
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(bytes).unwrap();
    let file = f.reopen().unwrap();
    match source::open_file(file, "t.txt".into(), Opening::default()).unwrap() {
        Input::Large(l) => (f, l),
        Input::Whole { .. } => panic!("expected a large input"),
    }
}

/// Tracker issue 15, memory: a UTF-8 file the sanitizer leaves alone is not held in memory
/// once parsed; its blocks are read back from the file, and give what the whole read gives.
#[test]
fn a_clean_utf8_files_text_is_read_back_from_the_file() {
    let mut text = String::from("\u{feff}");
    let mut i = 0;
    while text.len() < source::WHOLE_MAX as usize + 300_000 {
        text.push_str(&format!(
            "第{i}章 標題\n\n　　天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。\n\n"
        ));
        i += 1;
    }
    let whole = open_vec(text.clone().into_bytes(), "t.txt", &OpenOptions::default()).unwrap();
    let (_f, large) = large_file(text.as_bytes());
    let done = read_blocking(large, &OpenOptions::default()).unwrap();
    assert!(done.doc.file_text.is_some(), "kept in the file");
    assert!(done.doc.text.is_empty(), "no text in memory");
    assert_eq!(done.doc.text_len(), whole.text.len());
    assert_eq!(done.doc.blocks, whole.blocks);
    assert_eq!(done.doc.sections, whole.sections);
    for b in (0..whole.blocks.len())
        .step_by(97)
        .chain([whole.blocks.len() - 1])
    {
        assert_eq!(done.doc.block_text(b), whole.block_text(b), "block {b}");
    }
    assert_eq!(done.doc.whole_text(), whole.text.as_str());
    // Search reads the text of a range of blocks back in one piece.
    let q = crate::search::Query::new("宇宙洪荒", &crate::script::builtin::Builtin).unwrap();
    let stop = AtomicBool::new(false);
    let n = whole.blocks.len();
    assert_eq!(
        crate::search::search_blocks(&done.doc, &q, 0..n, &stop),
        crate::search::search_blocks(&whole, &q, 0..n, &stop)
    );
    assert!(done.doc.text_changed().is_none());
}

/// Text the sanitizer changed, or a legacy encoding, stays in memory.
#[test]
fn a_file_the_sanitizer_changed_keeps_its_text_in_memory() {
    let (_f, large) = large_file(messy_text().repeat(3).as_bytes());
    let done = read_blocking(large, &OpenOptions::default()).unwrap();
    assert!(done.doc.file_text.is_none());
    assert!(!done.doc.text.is_empty());
}

/// Tracker issue 17, item 3: a file that grows while it is read (a log written to, `yes > f`)
/// is read as it was when opened, with a note, instead of until memory runs out.
#[test]
fn a_file_growing_while_read_is_read_as_it_was_when_opened() {
    use std::io::Write;
    let text = "　　天地玄黃，宇宙洪荒。\n\n".repeat(200_000);
    let (mut f, large) = large_file(text.as_bytes());
    // Written to after it was opened (before the reader got there).
    f.write_all("日月盈昃，辰宿列張。\n".repeat(100_000).as_bytes())
        .unwrap();
    f.flush().unwrap();
    let done = read_blocking(large, &OpenOptions::default()).unwrap();
    assert_eq!(done.doc.text_len(), text.len());
    assert!(!done.doc.whole_text().contains("日月"));
    let note = done.truncated.expect("a note");
    assert!(note.contains("grew while it was read"), "{note}");
}

/// The file is cut short while it is open: the reader says so, and nothing panics.
#[test]
fn a_file_truncated_after_indexing_is_reported() {
    let text = "　　天地玄黃，宇宙洪荒。\n\n".repeat(200_000);
    let (f, large) = large_file(text.as_bytes());
    let done = read_blocking(large, &OpenOptions::default()).unwrap();
    assert!(done.doc.file_text.is_some());
    f.as_file().set_len(1000).unwrap();
    let last = done.doc.blocks.len() - 1;
    assert_eq!(done.doc.block_text(last), "");
    let msg = done.doc.text_changed().expect("a message");
    assert!(msg.contains("changed on disk"), "{msg}");
}

/// Tracker issue 17, item 3: a stream past the spill threshold is written to a temporary file
/// and its text read back from there like a file's, with the document a whole read gives;
/// below the threshold, or when the sanitizer changed it, it stays in memory.
#[test]
fn a_long_stream_is_spilled_to_a_temporary_file() {
    let mut text = String::from("\u{feff}");
    let mut i = 0;
    while text.len() < 3 * source::HEAD_BYTES {
        text.push_str(&format!("第{i}章\n\n　　天地玄黃，宇宙洪荒。\n"));
        i += 1;
    }
    let whole = open_vec(text.clone().into_bytes(), "t.txt", &OpenOptions::default()).unwrap();
    for (spill_bytes, chunk, spilled) in [
        (1000, 65_536, true),
        (2 * source::HEAD_BYTES as u64, 100_000, true),
        (u64::MAX, 1 << 20, false),
    ] {
        let tuning = Tuning {
            chunk_bytes: chunk,
            spill_bytes,
            ..Tuning::default()
        };
        let large = large_stream(text.clone().into_bytes(), 50_000);
        let done = read_blocking_with(large, &OpenOptions::default(), tuning).unwrap();
        assert_eq!(
            done.doc.file_text.is_some(),
            spilled,
            "spill at {spill_bytes}"
        );
        assert_eq!(done.doc.text.is_empty(), spilled);
        assert_eq!(done.doc.blocks, whole.blocks);
        assert_eq!(done.doc.whole_text(), whole.text.as_str());
        let last = whole.blocks.len() - 1;
        assert_eq!(done.doc.block_text(last), whole.block_text(last));
    }
    // Text the sanitizer changes is not the stream's bytes: it stays in memory.
    let tuning = Tuning {
        spill_bytes: 1000,
        ..Tuning::default()
    };
    let large = large_stream(messy_text().repeat(2).into_bytes(), 4096);
    let done = read_blocking_with(large, &OpenOptions::default(), tuning).unwrap();
    assert!(done.doc.file_text.is_none());
}

/// A large input from a file on disk, in the encoding `label`.
fn large_file_in(bytes: &[u8], label: &'static str) -> (tempfile::NamedTempFile, Large) {
    use std::io::Write;
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(bytes).unwrap();
    let how = Opening {
        label: Some(label),
        force: false,
    };
    match source::open_file(f.reopen().unwrap(), "t.txt".into(), how).unwrap() {
        Input::Large(l) => (f, l),
        Input::Whole { .. } => panic!("expected a large input"),
    }
}

/// Newcomer: a valid 9 MB file of one line of Chinese opened with `1 invalid byte sequences
/// shown as �`: with no line feed to cut the first region at, it was cut at its byte limit,
/// inside a character. A file and a stream of one line, in each multi-byte encoding, shifted
/// so that the limits fall inside a character: the first region and the whole read (in
/// chunks cut inside the line) decode without a replacement, to the start of the text and the
/// whole text.
#[test]
fn a_single_line_is_cut_at_character_boundaries() {
    let utf16 = |s: &str, le: bool| -> Vec<u8> {
        let mut b = Vec::new();
        for u in s.encode_utf16() {
            b.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        b
    };
    // `pad` then `unit` `n` times, in `label` (the unit encoded once: encoding_rs's GB18030
    // and Big5 encoders are slow in a test build).
    let encode = |label: &str, pad: &str, unit: &str, n: usize| -> Vec<u8> {
        let one = |s: &str| match label {
            "utf-8" => s.as_bytes().to_vec(),
            "gb18030" => encoding_rs::GB18030.encode(s).0.into_owned(),
            "big5" => encoding_rs::BIG5.encode(s).0.into_owned(),
            "utf-16le" => utf16(s, true),
            _ => utf16(s, false),
        };
        let bom: &[u8] = match label {
            "utf-16le" => b"\xff\xfe",
            "utf-16be" => b"\xfe\xff",
            _ => b"",
        };
        [bom.to_vec(), one(pad), one(unit).repeat(n)].concat()
    };
    // Characters of one, two, three and four bytes (GB18030 codes 𠀀 in four bytes; UTF-16 as
    // a surrogate pair); Big5 has no simplified characters.
    let simp = "中文测试阅读器的一是不了人我在有他这为之大来以个中上们𠀀a";
    let trad = "中文測試閱讀器的一是不了人我在有他這為之大來以個中上們a";
    for pad in ["", "a", "ab", "中a"] {
        for label in ["utf-8", "gb18030", "big5", "utf-16le", "utf-16be"] {
            let unit = if label == "big5" { trad } else { simp };
            let opts = OpenOptions {
                encoding: Some(label.into()),
                ..OpenOptions::default()
            };
            let how = Opening {
                label: Some(label),
                force: false,
            };
            // A file (over WHOLE_MAX): its first region is FIRST_SCREEN_BYTES.
            let text = format!("{pad}{}", unit.repeat(80_000));
            let (_f, large) = large_file_in(&encode(label, pad, unit, 80_000), label);
            let (partial, _) = prefix(&large, &opts).unwrap();
            assert_eq!(partial.source.replacements, 0, "{label} {pad:?} file");
            assert!(partial.text.len() > 30_000, "{label} {pad:?}");
            assert!(text.starts_with(&partial.text), "{label} {pad:?} file");
            // A stream: its first region is FIRST_REGION_BYTES; the whole of it read in
            // chunks (a line longer than four chunks is cut inside).
            let text = format!("{pad}{}", unit.repeat(40_000));
            let stream = Trickle {
                bytes: encode(label, pad, unit, 40_000),
                at: 0,
                step: 65_537,
            };
            let Input::Large(large) =
                source::open_stream(Box::new(stream), "t.txt".into(), how).unwrap()
            else {
                panic!("expected a large input");
            };
            let (partial, _) = prefix(&large, &opts).unwrap();
            assert_eq!(partial.source.replacements, 0, "{label} {pad:?} stream");
            assert!(text.starts_with(&partial.text), "{label} {pad:?} stream");
            let tuning = Tuning {
                chunk_bytes: 65_521,
                ..Tuning::default()
            };
            let done = read_blocking_with(large, &opts, tuning).unwrap();
            assert!(
                done.map.checkpoints.len() > 2,
                "{label}: cut inside the line"
            );
            assert_eq!(done.doc.source.replacements, 0, "{label} {pad:?} whole");
            assert!(done.doc.whole_text() == text, "{label} {pad:?} whole");
        }
    }
}
