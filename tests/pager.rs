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

fn yuedu(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const TAR_TW: &str = "tests/data/man/tar.zh_TW.1.txt";

#[test]
fn man_page_dump_has_no_doubling_and_no_escapes() {
    let dump = yuedu(&["--dump", "--width", "80", TAR_TW]);
    assert!(
        !dump.contains(|c: char| c.is_control() && c != '\n'),
        "control left"
    );
    for doubled in ["名名", "----", "ccrreeaattee", "_<", "_選"] {
        assert!(!dump.contains(doubled), "{doubled} in the dump");
    }
    for kept in [
        "名字",
        "tar <操作引數> [選項]",
        "[-]c --create",
        "-f, --file 檔案",
    ] {
        assert!(dump.contains(kept), "{kept} missing");
    }
    // The filled paragraph of "所有選項" is one reflowed paragraph: groff's justification
    // spaces are gone and its line-end hyphens joined.
    assert!(
        dump.contains("[ -a, --auto-compress ]"),
        "justification kept"
    );
    assert!(!dump.contains("--atime-\n"), "hyphenated line end kept");
}

#[test]
fn man_page_sections_are_the_toc() {
    let toc = yuedu(&["--toc", TAR_TW]);
    assert_eq!(
        toc.lines().collect::<Vec<_>>(),
        vec![
            "名字",
            "總覽",
            "描述",
            "應用舉例",
            "引數說明",
            "常用選項",
            "所有選項",
            "BUGS",
            "報告 BUGS",
            "作者",
            "譯者",
            "中文版最新更新",
            "跋"
        ]
    );
    // Read in simplified: the navigator follows the displayed script.
    let toc = yuedu(&["--toc", "--variant", "simplified", TAR_TW]);
    assert!(toc.starts_with("名字\n总览\n描述\n应用举例\n"), "{toc}");
    // Subsections (`.SS`, indented 3) are level 2.
    let toc = yuedu(&["--toc", "tests/data/man/man.1.txt"]);
    assert!(
        toc.contains("OPTIONS\n  General options\n  Main modes of operation\n"),
        "{toc}"
    );
    assert!(!toc.contains("  man - an interface"), "{toc}");
}

#[test]
fn man_page_from_stdin_is_named_by_man_pn() {
    let h = home();
    let line = format!(
        "MAN_PN='tar(1)' '{}' < {TAR_TW}",
        env!("CARGO_BIN_EXE_yuedu")
    );
    let mut s = Session::start_shell(&line, 100, 30, h.path());
    let screen = s.wait_for("tar(1)", 10);
    assert!(screen.contains("名字"), "{screen}");
    // Overstrike drawn as bold and underline: `tar <操作引數>` in 總覽.
    let bold = s.cell_of("tar <操作").unwrap();
    assert!(bold.bold(), "{bold:?}");
    let under = s.cell_of("<操作引數>").unwrap();
    assert!(under.underline() && !under.bold(), "{under:?}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}
