use std::io::Write;

use super::*;

fn open_part(
    bytes: &[u8],
    name: &str,
    forced: Option<&'static encoding_rs::Encoding>,
    want: Want,
) -> Result<Option<Partial>, OpenError> {
    // One chapter at a time, as a book of long chapters opens.
    open_part_sized(bytes, name, forced, want, 0)
}
use crate::document::epub::open_whole;

/// A book of `n` chapters: headings with ids, ruby, a list, a footnote link, an anchor in
/// the middle of each chapter, a nav listing each chapter and its anchor.
fn book(n: usize) -> Vec<u8> {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut items = String::new();
    let mut spine = String::new();
    let mut nav = String::new();
    for c in 0..n {
        let body = format!(
            "<h1 id=\"h{c}\">第{c}章　開卷</h1>\n<p>甄士隱夢幻識通靈，<ruby>賈<rt>jiǎ</rt></ruby>雨村\n風塵懷閨秀。<a href=\"#n{c}\">[{c}]</a></p>\n\
             <ul><li>一項</li><li>二項 <em>強調</em></li></ul>\n<p>列位看官：你道此書從何而來？</p>\n\
             <h2 id=\"s{c}\">第{c}節</h2><p>說起根由，雖近荒唐，細按則深有趣味。</p>\n\
             <p id=\"n{c}\">注{c}：本回。</p>"
        );
        files.push((
            format!("OEBPS/c{c}.xhtml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title></head><body>{body}</body></html>"
            ),
        ));
        items.push_str(&format!(
            "<item id=\"c{c}\" href=\"c{c}.xhtml\" media-type=\"application/xhtml+xml\"/>"
        ));
        spine.push_str(&format!("<itemref idref=\"c{c}\"/>"));
        nav.push_str(&format!(
            "<li><a href=\"c{c}.xhtml\">第{c}章</a><ol><li><a href=\"c{c}.xhtml#s{c}\">第{c}節</a></li></ol></li>"
        ));
    }
    files.push((
        "OEBPS/nav.xhtml".into(),
        format!("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"><body><nav epub:type=\"toc\"><ol>{nav}</ol></nav></body></html>"),
    ));
    files.push(("META-INF/container.xml".into(), "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>".into()));
    files.push(("OEBPS/content.opf".into(), format!("<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>書</dc:title></metadata><manifest><item id=\"nav\" href=\"nav.xhtml\" properties=\"nav\" media-type=\"application/xhtml+xml\"/>{items}</manifest><spine>{spine}</spine></package>")));
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("mimetype", opts).unwrap();
    w.write_all(b"application/epub+zip").unwrap();
    for (name, text) in files {
        w.start_file(name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_chapter_alone_is_the_same_text_and_blocks_as_in_the_whole_book() {
    let bytes = book(5);
    let whole = open_whole(&bytes, "b.epub", None, &mut |_| true).unwrap();
    assert_eq!(whole.parts.checkpoints.len(), 5);
    for (k, &(start, text_start)) in whole.parts.checkpoints.iter().enumerate() {
        let part = open_part(&bytes, "b.epub", None, Want::Offset(start))
            .unwrap()
            .unwrap();
        assert_eq!(part.start, start);
        assert_eq!(part.first, k == 0);
        assert_eq!(part.total, whole.parts.total);
        let len = part.doc.text.len();
        assert_eq!(
            part.doc.text,
            whole.doc.text[text_start..text_start + len],
            "chapter {k}"
        );
        // Its blocks are the whole book's from the chapter's first one, shifted.
        let first = whole
            .doc
            .blocks
            .partition_point(|b| b.bytes.start < text_start);
        for (i, b) in part.doc.blocks.iter().enumerate() {
            let w = whole.doc.blocks.get(first + i).unwrap();
            assert_eq!(b.kind, w.kind, "chapter {k} block {i}");
            assert_eq!(b.bytes.start + text_start, w.bytes.start);
            assert_eq!(b.bytes.end + text_start, w.bytes.end);
        }
        // Its sections are the table-of-contents entries into it: the chapter and its anchor.
        let titles: Vec<_> = part.doc.sections.iter().map(|s| s.title.clone()).collect();
        assert_eq!(titles, [format!("第{k}章"), format!("第{k}節")]);
    }
}

#[test]
fn the_first_part_is_the_first_chapter_and_a_one_chapter_book_is_opened_whole() {
    let bytes = book(3);
    let part = open_part(&bytes, "b.epub", None, Want::First)
        .unwrap()
        .unwrap();
    assert!(part.first && part.at.is_none());
    assert!(part.doc.text.starts_with("第0章"));
    assert!(!part.doc.text.contains("第1章"));
    assert!(open_part(&book(1), "b.epub", None, Want::First)
        .unwrap()
        .is_none());
}

#[test]
fn a_toc_entry_opens_its_chapter_at_its_anchor() {
    let bytes = book(4);
    let whole = open_whole(&bytes, "b.epub", None, &mut |_| true).unwrap();
    // Entries as --toc lists them: 第0章, 第0節, 第1章, 第1節 … ; the 6th is 第2節.
    for n in [1, 2, 6, 8, 99] {
        let part = open_part(&bytes, "b.epub", None, Want::Entry(n))
            .unwrap()
            .unwrap();
        let section = &whole.doc.sections[n.min(8) - 1];
        let whole_at = whole.doc.blocks.bytes(section.block).start;
        let text_start = whole
            .parts
            .checkpoints
            .iter()
            .find(|c| c.0 == part.start)
            .unwrap()
            .1;
        assert_eq!(part.at.unwrap() + text_start, whole_at, "entry {n}");
    }
}

#[test]
fn a_place_saved_as_a_virtual_offset_reopens_on_its_line() {
    let bytes = book(4);
    let whole = open_whole(&bytes, "b.epub", None, &mut |_| true).unwrap();
    let cps = &whole.parts.checkpoints;
    let text_len = whole.doc.text.len();
    // What the reader saves: the whole text's offset interpolated between checkpoints.
    let saved = |t: usize| {
        let i = cps.partition_point(|&(_, s)| s <= t) - 1;
        let (v, s) = cps[i];
        let (nv, ns) = cps
            .get(i + 1)
            .copied()
            .unwrap_or((whole.parts.total, text_len));
        v + ((t - s) as f64 * (nv - v) as f64 / (ns - s) as f64) as u64
    };
    for b in 0..whole.doc.blocks.len() {
        let t = whole.doc.blocks.bytes(b).start + 3;
        let part = open_part(&bytes, "b.epub", None, Want::Offset(saved(t)))
            .unwrap()
            .unwrap();
        let start = cps.iter().find(|c| c.0 == part.start).unwrap().1;
        let back = start + part.at.unwrap();
        assert_eq!(back, t, "block {b}");
    }
}

#[test]
fn short_chapters_are_opened_together_until_the_first_screen_is_full() {
    let bytes = book(20);
    let whole = open_whole(&bytes, "b.epub", None, &mut |_| true).unwrap();
    let part = super::open_part(
        &bytes,
        "b.epub",
        None,
        Want::Offset(whole.parts.checkpoints[3].0),
    )
    .unwrap()
    .unwrap();
    // Chapters 3 to 10 (FIRST_PART_CHAPTERS), the same text as in the whole book.
    let (start, end) = (whole.parts.checkpoints[3], whole.parts.checkpoints[11]);
    assert_eq!(part.start, start.0);
    assert_eq!(part.end, end.0);
    assert_eq!(part.doc.text, whole.doc.text[start.1..end.1]);
    assert_eq!(part.at, Some(0));
    assert_eq!(part.doc.sections.len(), 16);
}

#[test]
fn the_outline_is_the_whole_books_sections_before_it_is_read() {
    let bytes = book(6);
    let whole = open_whole(&bytes, "b.epub", None, &mut |_| true).unwrap();
    let cps = &whole.parts.checkpoints;
    let part = open_part(&bytes, "b.epub", None, Want::Offset(cps[2].0))
        .unwrap()
        .unwrap();
    let titles: Vec<&str> = part.outline.iter().map(|o| o.1.as_str()).collect();
    let sections: Vec<&str> = whole
        .doc
        .sections
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(titles, sections);
    // Entries into the chapter opened give its blocks' text offsets back; the others their
    // chapter's start.
    let per_text = (part.end - part.start) as f64 / part.doc.text.len() as f64;
    for (k, (at, title, _)) in part.outline.iter().enumerate() {
        let block = whole.doc.sections[k].block;
        if title.starts_with("第2") {
            let t = ((*at - part.start) as f64 / per_text - 1e-9).ceil() as usize;
            assert_eq!(t + cps[2].1, whole.doc.blocks.bytes(block).start, "{title}");
        } else {
            assert!(cps.iter().any(|c| c.0 == *at), "{title}");
        }
    }
}
