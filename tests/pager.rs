//! yuedu as a pager: program output's formatting (overstrike, SGR) in a real pty screen, and
//! man pages read through `man`.

mod common;

use common::Session;

fn home() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn overstrike_and_sgr_are_drawn_as_styles() {
    let h = home();
    let file = h.path().join("styled.txt");
    std::fs::write(
        &file,
        "粗\x08粗體 _\x08底_\x08線 \x1b[31m紅字\x1b[0m \x1b[38;2;0;128;255m藍字\x1b[m \x1b[7m反白\x1b[27m 平常\n",
    )
    .unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], 80, 20, h.path());
    let screen = s.wait_for("平常", 10);
    assert!(screen.contains("粗體 底線 紅字 藍字 反白 平常"), "{screen}");
    let bold = s.cell_of("粗體").unwrap();
    assert!(bold.bold() && !bold.underline(), "{bold:?}");
    assert!(!s.cell_of("體").unwrap().bold());
    let under = s.cell_of("底線").unwrap();
    assert!(under.underline() && !under.bold(), "{under:?}");
    assert_eq!(s.cell_of("紅字").unwrap().fgcolor(), vt100::Color::Idx(1));
    assert_eq!(
        s.cell_of("藍字").unwrap().fgcolor(),
        vt100::Color::Rgb(0, 128, 255)
    );
    assert!(s.cell_of("反白").unwrap().inverse());
    let plain = s.cell_of("平常").unwrap();
    assert!(!plain.bold() && !plain.underline() && !plain.inverse());
    assert_eq!(plain.fgcolor(), vt100::Color::Default);
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn no_color_keeps_bold_and_drops_colours() {
    let h = home();
    let file = h.path().join("styled.txt");
    std::fs::write(&file, "\x1b[1;32m綠粗\x1b[0m 平常\n").unwrap();
    let line = format!(
        "NO_COLOR=1 '{}' '{}'",
        env!("CARGO_BIN_EXE_yuedu"),
        file.display()
    );
    let mut s = Session::start_shell(&line, 80, 20, h.path());
    s.wait_for("平常", 10);
    let cell = s.cell_of("綠粗").unwrap();
    assert!(cell.bold(), "{cell:?}");
    assert_eq!(cell.fgcolor(), vt100::Color::Default);
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}
