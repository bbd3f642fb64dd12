//! A book shown from one chapter while the rest is rendered (tracker issue 14, Speed): the
//! real binary in a pseudo-terminal with a deliberately slow book (the hidden
//! `YUEDU_BOOK_PART_DELAY_MS` makes each chapter rendered in the background wait), so the
//! first chapter is on screen while the status line still says `reading`; the navigator
//! lists the book's contents at once (an entry past the chapters shown is gone to when it
//! arrives); `G` waits for the whole book and then runs; `+N` opens at the N-th contents entry;
//! the place is kept across a restart, and the chapter holding it opens first. No timings
//! are asserted: only what is on screen while the book is still loading.

mod common;

use common::epub::{xhtml, Book};
use common::{slow_book as slow, status_row as status, top_row as top, Session, ENTER, TAB};

/// `n` chapters of a few paragraphs; chapter `c` (from 1) is headed `第c章 某c` and its
/// paragraphs say which chapter they are in.
fn book(n: usize) -> Vec<u8> {
    let mut b = Book::new("慢書");
    let mut nav = String::from("<ol>");
    for c in 1..=n {
        let mut body = format!("<h1>第{c}章 某{c}</h1>");
        for p in 1..=12 {
            body.push_str(&format!(
                "<p>第{c}章之第{p}段：甄士隱夢幻識通靈，賈雨村風塵懷閨秀。</p>"
            ));
        }
        b = b.chapter(&format!("c{c}"), &format!("c{c}.xhtml"), xhtml("c", &body));
        nav.push_str(&format!(
            "<li><a href=\"c{c}.xhtml\">第{c}章 某{c}</a></li>"
        ));
    }
    nav.push_str("</ol>");
    b.nav(&nav).zip()
}

/// A book of `n` chapters written into a fresh home and opened with each background chapter
/// taking `delay_ms`; returns once the first chapter is on screen while the rest loads.
fn open_loading(n: usize, delay_ms: u32) -> (tempfile::TempDir, Session) {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("slow.epub");
    std::fs::write(&file, book(n)).unwrap();
    let s = slow(&file, "", delay_ms, home.path());
    s.wait_until("first chapter while reading", 10, |sc| {
        sc.contains("第1章之第1段") && status(sc).contains("reading")
    });
    (home, s)
}

#[test]
fn the_first_chapter_is_shown_while_the_rest_is_still_loading() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("slow.epub");
    std::fs::write(&file, book(40)).unwrap();
    // 40 chapters at 250 ms each: the whole book takes ten seconds to arrive.
    let mut s = slow(&file, "", 250, home.path());
    let screen = s.wait_until("first chapter and progress", 10, |sc| {
        sc.contains("第1章之第1段") && status(sc).contains("reading")
    });
    assert!(!screen.contains("第2章"), "{screen}");
    // `G` waits for the whole book, saying so, then goes to its end.
    s.send("G");
    let screen = s.wait_for("the end once it is read", 10);
    assert!(status(&screen).contains("reading"), "{screen}");
    let screen = s.wait_for("第40章之第12段", 30);
    assert!(!status(&screen).contains("reading"), "{screen}");
    // The whole book is there: the navigator lists all forty chapters.
    s.send(TAB);
    let screen = s.wait_for("Sections (40)", 10);
    assert!(screen.contains("▶第40章 某40"), "{screen}");
    s.send("\x1b");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn the_navigator_lists_the_contents_while_the_book_loads_and_a_place_carries_over_exactly() {
    let (_home, mut s) = open_loading(30, 200);
    // Down a few lines while the rest loads: the top line stays the same line when the whole
    // book arrives.
    s.send("jjjj");
    let before = s.wait_until("moved", 10, |sc| top(sc) != "第1章 某1");
    let line = top(&before).to_string();
    assert!(status(&before).contains("reading"), "{before}");
    // The navigator lists the whole book's contents at once, from its nav.
    s.send(TAB);
    let screen = s.wait_for("Sections (30)", 10);
    assert!(screen.contains("▶第1章 某1"), "{screen}");
    assert!(status(&screen).contains("reading"), "{screen}");
    s.send("\x1b");
    let after = s.wait_until("the whole book", 30, |sc| {
        !sc.contains("Sections") && !status(sc).contains("reading")
    });
    assert_eq!(top(&after), line, "{after}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn a_contents_entry_is_gone_to_at_once_or_when_its_chapter_is_read() {
    let (_home, mut s) = open_loading(30, 400);
    // 第3章 is among the chapters opened first: at once.
    s.send(TAB);
    s.wait_for("Sections (30)", 10);
    s.send("jj");
    s.send(ENTER);
    let screen = s.wait_until("chapter 3 at the top", 10, |sc| top(sc) == "第3章 某3");
    assert!(status(&screen).contains("reading"), "{screen}");
    // 第30章 is not: the reader goes there when the book is read.
    s.send(TAB);
    s.wait_for("Sections (30)", 10);
    s.send("\x1b[F"); // End: the last entry
    s.send(ENTER);
    s.wait_for("第30章 某30 once it is read", 10);
    let screen = s.wait_until("chapter 30 at the top", 30, |sc| top(sc) == "第30章 某30");
    // There, the message that it was waiting is gone.
    assert!(!status(&screen).contains("once it is read"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn plus_n_opens_at_the_nth_contents_entry_and_the_place_reopens_first() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("slow.epub");
    std::fs::write(&file, book(30)).unwrap();
    // `+25`: the 25th entry of the contents, shown before the book is read whole.
    let mut s = slow(&file, "+25", 200, home.path());
    let screen = s.wait_until("chapter 25 while reading", 10, |sc| {
        sc.contains("第25章之第1段") && status(sc).contains("reading")
    });
    assert_eq!(top(&screen), "第25章 某25", "{screen}");
    s.send("jj");
    s.wait_until("moved", 10, |sc| !top(sc).starts_with("第25章 某"));
    let line = top(&s.settle()).to_string();
    // Quit before the book is read: the place is kept by its offset in the book.
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    // Reopened: chapter 25 comes first, at the same line, while the rest loads.
    let mut s = slow(&file, "", 200, home.path());
    let screen = s.wait_until("back in chapter 25 while reading", 10, |sc| {
        sc.contains("back where you stopped") && status(sc).contains("reading")
    });
    assert_eq!(top(&screen), line, "{screen}");
    // `]` past the chapter's last section waits for the book, then goes on to chapter 26.
    s.send("]");
    s.wait_for("第26章之第1段", 30);
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn plus_n_in_a_book_read_whole_and_an_html_page_is_the_nth_entry() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("quick.epub");
    std::fs::write(&file, book(6)).unwrap();
    let mut s = slow(&file, "+4", 0, home.path());
    let screen = s.wait_until("chapter 4 at the top", 10, |sc| {
        top(sc) == "第4章 某4" && !status(sc).contains("reading")
    });
    assert!(screen.contains("第4章之第1段"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    let page = home.path().join("page.html");
    let mut html = String::from("<html><body>");
    for c in 1..=6 {
        html.push_str(&format!("<h2>第{c}節</h2>"));
        for p in 1..=10 {
            html.push_str(&format!("<p>第{c}節之第{p}段：說起根由，雖近荒唐。</p>"));
        }
    }
    std::fs::write(&page, html + "</body></html>").unwrap();
    let mut s = slow(&page, "+5", 0, home.path());
    let screen = s.wait_until("section 5 at the top", 10, |sc| top(sc) == "第5節");
    assert!(screen.contains("第5節之第1段"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

/// `-F` needs the whole book to know whether it fits one screen: a short book of two
/// chapters is printed and yuedu exits, as it did before books were opened part by part.
#[test]
fn quit_if_one_screen_prints_a_short_book_of_two_chapters() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("short.epub");
    let short = Book::new("短書")
        .chapter("a", "a.xhtml", xhtml("a", "<h1>上篇</h1><p>甲乙丙。</p>"))
        .chapter("b", "b.xhtml", xhtml("b", "<h1>下篇</h1><p>丁戊己。</p>"))
        .zip();
    std::fs::write(&file, short).unwrap();
    let line = format!(
        "'{}' -F --variant original '{}'; echo EXIT=$?; sleep 5",
        env!("CARGO_BIN_EXE_yuedu"),
        file.display()
    );
    let s = Session::start_shell(&line, 80, 20, home.path());
    let screen = s.wait_for("EXIT=0", 10);
    assert!(
        screen.contains("甲乙丙") && screen.contains("丁戊己"),
        "{screen}"
    );
}

/// A search while the book loads looks through what is shown, says when it has not found
/// the words yet, and runs again on the whole book when it arrives, showing the first match.
#[test]
fn a_search_while_the_book_loads_finds_its_words_once_it_is_read() {
    let (_home, mut s) = open_loading(30, 200);
    s.send("/第27章之第5段\r");
    s.wait_until("the part shown searched", 10, |sc| {
        status(sc).contains("searching…")
    });
    // (The message is only given while the book is read; the book may arrive right after.)
    s.send("n");
    s.wait_for("not found yet", 10);
    let screen = s.wait_until("the match in chapter 27", 30, |sc| {
        top(sc).starts_with("第27章之第5段")
            || sc.lines().take(3).any(|l| l.contains("第27章之第5段"))
    });
    assert!(status(&screen).contains("match 1/1"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}
