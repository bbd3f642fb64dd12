//! A book shown from one chapter while the rest is read (newcomer's findings on tracker
//! issue 14): `+N` at a subsection near the end of a chapter puts the subsection on the top
//! row, as the navigator does, not the chapter's last screen; and the script judged on that
//! chapter (here one of characters shared by both scripts, after the author's name `測試作者`:
//! `(繁)`) is judged again on the
//! whole book when it arrives, so the status line says `(简)` and `t` converts. The real
//! binary in a pseudo-terminal, each background chapter slowed by the hidden
//! `YUEDU_BOOK_PART_DELAY_MS`.

mod common;

use common::epub::{xhtml, Book};
use common::{slow_book, status_row as status, top_row as top};

/// Three chapters of over 16 KiB each (each is a part of its own): the first and last in
/// simplified Chinese, the middle one only of characters both scripts share, with a
/// subsection `小節一` three paragraphs before its end.
fn book() -> Vec<u8> {
    let simplified = |c: usize| {
        let mut body = format!("<h1 id=\"c{c}\">第{c}章</h1>");
        for p in 1..=120 {
            body.push_str(&format!(
                "<p>第{c}章第{p}段：这个国家的问题没有办法解决，说话的人都认为应该这样。</p>"
            ));
        }
        body
    };
    let mut middle = String::from("<h1 id=\"c2\">中</h1>");
    for p in 1..=400 {
        middle.push_str(&format!("<p>人大中上下山水日月木火土金石田{p}。</p>"));
        if p == 397 {
            middle.push_str("<h2 id=\"sub\">小節一</h2>");
        }
    }
    Book::new("書")
        .chapter("c1", "c1.xhtml", xhtml("c1", &simplified(1)))
        .chapter("c2", "c2.xhtml", xhtml("c2", &middle))
        .chapter("c3", "c3.xhtml", xhtml("c3", &simplified(3)))
        .nav(
            "<ol><li><a href=\"c1.xhtml\">第1章</a></li>\
             <li><a href=\"c2.xhtml\">中</a><ol><li><a href=\"c2.xhtml#sub\">小節一</a></li></ol></li>\
             <li><a href=\"c3.xhtml\">第3章</a></li></ol>",
        )
        .zip()
}

#[test]
fn plus_n_at_a_subsection_is_on_top_and_the_script_is_judged_on_the_whole_book() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("book.epub");
    std::fs::write(&file, book()).unwrap();
    let mut s = slow_book(&file, "+3", 1500, home.path());
    let screen = s.wait_until("the subsection while reading", 10, |sc| {
        sc.contains("小節一") && status(sc).contains("reading")
    });
    assert_eq!(top(&screen), "小節一", "{screen}");
    // Judged on this chapter (and the book's author line, 測試作者): not simplified.
    assert!(!status(&screen).contains("(简)"), "{screen}");
    let screen = s.wait_until("the whole book", 30, |sc| !status(sc).contains("reading"));
    assert_eq!(top(&screen), "小節一", "{screen}");
    assert!(status(&screen).contains("原文 (简)"), "{screen}");
    // `t` shows the traditional form of a simplified book.
    s.send("t");
    let screen = s.wait_until("traditional", 10, |sc| status(sc).contains("繁體"));
    assert!(status(&screen).contains("(原简)"), "{screen}");
    s.send("g");
    s.wait_for("這個國家的問題沒有辦法解決", 10);
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}
