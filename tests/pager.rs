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
fn man_page_dump_keeps_blank_rows_without_trailing_spaces() {
    for width in ["80", "60", "40"] {
        let dump = yuedu(&["--dump", "--width", width, TAR_TW]);
        let bad: Vec<&str> = dump.lines().filter(|l| l.ends_with(' ')).collect();
        assert!(
            bad.is_empty(),
            "width {width}: {} rows end in a space: {bad:?}",
            bad.len()
        );
        // The page's blank line between two examples stays an (empty) row, as `man` shows it
        // (each line at the page's own indentation).
        assert!(
            dump.contains("取過程\n\n       tar -xzf foo.tar.gz\n"),
            "width {width}:\n{dump}"
        );
    }
}

#[test]
fn program_output_keeps_its_blank_lines() {
    let h = home();
    let file = h.path().join("log.txt");
    let log: String = (1..=3)
        .map(|i| format!("\x1b[33mcommit {i}{i}{i}\x1b[m\nAuthor: A\n\n    第{i}個提交\n\n"))
        .collect();
    std::fs::write(&file, log).unwrap();
    let dump = yuedu(&["--dump", "--width", "60", file.to_str().unwrap()]);
    let want: String = (1..=3)
        .map(|i| format!("commit {i}{i}{i}\nAuthor: A\n\n    第{i}個提交\n\n"))
        .collect();
    assert_eq!(dump.trim_end(), want.trim_end());
}

#[test]
fn start_line_counts_the_man_pages_own_lines() {
    // `+N` is line N of what `man` wrote, as in `less`, though the page is rebuilt (joined
    // paragraphs, frame lines): line 301 is `--no-recursion`, line 98 `-A, --catenate`.
    let h = home();
    for (n, line, next) in [
        ("+301", "--no-recursion", "不遞迴進入子目錄"),
        ("+98", "-A, --catenate", "將一存檔與已有的存檔合併"),
    ] {
        let mut s = Session::start(&[n, TAR_TW], 100, 20, h.path());
        let screen = s.wait_for(next, 10);
        let top = screen.lines().next().unwrap();
        assert!(top.contains(line), "{n}: top is {top:?}\n{screen}");
        s.send("q");
        assert_eq!(s.wait_exit(10), 0);
    }
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

/// True when `cmd` runs; under `CI=true` a missing tool fails the test (`.ci/run` installs it).
fn have(cmd: &str, arg: &str) -> bool {
    let ok = std::process::Command::new(cmd)
        .arg(arg)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok && std::env::var("CI").as_deref() == Ok("true") {
        panic!("{cmd} is missing under CI=true (.ci/run installs it)");
    }
    ok
}

#[test]
fn quit_if_one_screen_prints_without_the_alternate_screen() {
    let h = home();
    let line = format!(
        "printf '\\033[31m紅字\\033[0m 短文\\n第二行\\n' | '{}' -F; echo EXIT=$?; sleep 5",
        env!("CARGO_BIN_EXE_yuedu")
    );
    let s = Session::start_shell(&line, 80, 20, h.path());
    let screen = s.wait_for("EXIT=0", 10);
    assert!(screen.contains("紅字 短文\n第二行"), "{screen}");
    assert_eq!(s.cell_of("紅字").unwrap().fgcolor(), vt100::Color::Idx(1));
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(!raw.contains("\x1b[?1049h"), "alternate screen entered");
}

#[test]
fn quit_if_one_screen_pages_a_long_text() {
    let h = home();
    let file = h.path().join("long.txt");
    let text: String = (1..=60).map(|i| format!("第{i}行。\n\n")).collect();
    std::fs::write(&file, text).unwrap();
    let mut s = Session::start(&["-F", file.to_str().unwrap()], 80, 20, h.path());
    s.wait_for("第1行", 10);
    assert!(s.terminal_modes_active(), "not paging");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn start_at_line_or_pattern() {
    let h = home();
    let file = h.path().join("lines.txt");
    let text: String = (1..=200).map(|i| format!("第{i}段：內容。\n")).collect();
    std::fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let mut s = Session::start(&["+150", f], 80, 20, h.path());
    let screen = s.wait_for("第150段", 10);
    assert!(!screen.contains("第1段"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    let mut s = Session::start(&["+/第120段", f], 80, 20, h.path());
    let screen = s.wait_for("第120段", 10);
    assert!(!screen.contains("第1段："), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    let mut s = Session::start(&["+G", f], 80, 20, h.path());
    let screen = s.wait_for("第200段", 10);
    assert!(!screen.contains("第150段"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn git_log_color_keeps_its_colours() {
    if !have("git", "--version") {
        eprintln!("skipped: git is not installed");
        return;
    }
    let h = home();
    let repo = h.path().join("repo");
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(["-c", "user.name=測試者", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(&repo)
            .env("HOME", h.path())
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
    };
    std::fs::create_dir(&repo).unwrap();
    git(&["init", "-q"]);
    for msg in ["第一個提交", "修正錯字"] {
        std::fs::write(repo.join("a.txt"), msg).unwrap();
        git(&["add", "a.txt"]);
        git(&["commit", "-q", "-m", msg]);
    }
    let line = format!(
        "cd '{}' && git log --color=always --stat | '{}'",
        repo.display(),
        env!("CARGO_BIN_EXE_yuedu")
    );
    let mut s = Session::start_shell(&line, 100, 30, h.path());
    let screen = s.wait_for("修正錯字", 10);
    assert!(screen.contains("Author: 測試者"), "{screen}");
    assert!(
        !screen.contains("[33m") && !screen.contains("\u{1b}"),
        "{screen}"
    );
    // git's yellow commit line and green `+` are drawn in their colours.
    assert_eq!(
        s.cell_of("commit ").unwrap().fgcolor(),
        vt100::Color::Idx(3)
    );
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn manpager_end_to_end() {
    if !have("man", "--version") {
        eprintln!("skipped: man-db is not installed");
        return;
    }
    let zh = std::path::Path::new("/usr/share/man/zh_TW/man1/tar.1.gz").exists();
    if !zh {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "manpages-zh is missing under CI=true (.ci/run installs it)"
        );
        eprintln!("skipped: manpages-zh is not installed");
        return;
    }
    let h = home();
    let line = format!(
        "MANPAGER='{}' man -L zh_TW tar; echo EXIT=$?; sleep 5",
        env!("CARGO_BIN_EXE_yuedu")
    );
    let mut s = Session::start_shell(&line, 100, 30, h.path());
    // The status line is drawn last in a frame: wait for it, then check the text above (a
    // frame read half-way failed the other order under load).
    let screen = s.wait_for("tar(1)", 15);
    assert!(screen.contains("總覽"), "{screen}");
    assert!(!screen.contains("名名"), "{screen}");
    assert!(s.cell_of("[-]c --create").unwrap().bold());
    // The page's own indentation, as in `less -R`.
    assert!(
        screen.lines().any(|l| l.starts_with("       tar - tar ")),
        "{screen}"
    );
    // The navigator lists the page's sections; `t` reads it in simplified.
    s.send("\t");
    let screen = s.wait_for("所有選項", 10);
    assert!(screen.contains("應用舉例"), "{screen}");
    s.send("\x1b");
    s.send("t");
    s.wait_for("总览", 10);
    s.send("q");
    s.wait_for("EXIT=0", 10);
}

#[test]
fn a_start_pattern_over_a_remembered_place_says_only_the_match() {
    let h = home();
    let file = h.path().join("lines.txt");
    let text: String = (1..=200).map(|i| format!("第{i}段：內容。\n")).collect();
    std::fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let mut s = Session::start(&[f], 80, 20, h.path());
    s.wait_for("第1段", 10);
    s.send("G");
    s.wait_for("第200段", 10);
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    let mut s = Session::start(&["+/第120段", f], 80, 20, h.path());
    s.wait_for("第120段", 10);
    let screen = s.wait_until("the match in the status line", 10, |sc| {
        sc.lines().last().is_some_and(|l| l.contains("match"))
    });
    assert!(!screen.contains("back where you stopped"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn program_output_wraps_at_the_terminal_width_like_less() {
    let h = home();
    let file = h.path().join("log.txt");
    let long = "y".repeat(94);
    let log: String = (1..=3)
        .map(|i| format!("\x1b[33mcommit {i}\x1b[m\n{long}\n\n"))
        .collect();
    std::fs::write(&file, log).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], 100, 20, h.path());
    let screen = s.wait_for("commit 3", 10);
    assert!(screen.lines().any(|l| l.starts_with(&long)), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    // `--width` on the command line still sets the column.
    let mut s = Session::start(
        &["--width", "40", file.to_str().unwrap()],
        100,
        20,
        h.path(),
    );
    let screen = s.wait_for("commit 1", 10);
    assert!(!screen.contains(&long), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn as_gits_pager_uncoloured_output_is_program_output() {
    let h = home();
    let file = h.path().join("log.txt");
    let long = "z".repeat(94);
    std::fs::write(&file, format!("commit 1\nAuthor: 甲\n{long}\n")).unwrap();
    let line = format!(
        "GIT_PAGER_IN_USE=true '{}' < '{}'",
        env!("CARGO_BIN_EXE_yuedu"),
        file.display()
    );
    let mut s = Session::start_shell(&line, 100, 20, h.path());
    let screen = s.wait_for(&long, 10);
    // Line by line as written (no paragraph gaps), at the terminal's width.
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[0].starts_with("commit 1") && lines[1].starts_with("Author: 甲"),
        "{screen}"
    );
    assert!(lines[2].starts_with(&long), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn start_line_counts_a_markdown_files_own_lines() {
    // The rendered text drops markup and blank lines; `+N` is still line N of the file.
    let h = home();
    let file = h.path().join("notes.md");
    let md: String = (1..=60)
        .map(|i| format!("## 第{i}节\n\n第{i}节的正文，*强调*一下。\n\n"))
        .collect();
    std::fs::write(&file, &md).unwrap();
    // Line 4k+3 of the file is section k+1's paragraph: line 123 is 第31节的正文.
    assert!(md.lines().nth(122).unwrap().starts_with("第31节的正文"));
    let mut s = Session::start(&["+123", file.to_str().unwrap()], 80, 20, h.path());
    let screen = s.wait_for("第31节的正文", 10);
    let top = screen.lines().next().unwrap();
    assert!(top.contains("第31节的正文"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

#[test]
fn a_man_page_from_stdin_is_not_remembered() {
    // man pipes the page to MANPAGER: a stdin session, never kept in the state file (it was,
    // under the page's name, and reopened at the old place).
    let h = home();
    let page = std::fs::canonicalize(TAR_TW).unwrap();
    let line = format!("'{}' < '{}'", env!("CARGO_BIN_EXE_yuedu"), page.display());
    let mut s = Session::start_shell(&line, 80, 24, h.path());
    s.wait_until("tar(1) in the status line", 10, |sc| {
        sc.lines().last().is_some_and(|l| l.contains("tar(1)"))
    });
    s.send("G");
    s.wait_for("100%", 10);
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
    let state =
        std::fs::read_to_string(h.path().join("state/yuedu/state.json")).unwrap_or_default();
    assert!(
        !state.contains("tar(1)") && !state.contains("stdin"),
        "{state}"
    );
    let mut s = Session::start_shell(&line, 80, 24, h.path());
    let screen = s.wait_until("tar(1) in the status line", 10, |sc| {
        sc.lines().last().is_some_and(|l| l.contains("tar(1)"))
    });
    assert!(!screen.contains("back where you stopped"), "{screen}");
    assert!(
        screen.lines().next().unwrap().contains("TAR(1)"),
        "{screen}"
    );
    s.send("q");
    assert_eq!(s.wait_exit(10), 0);
}

/// A man page's text without overstrike (`X⌫X` bold, `_⌫X` underlined): what `less` shows.
fn without_overstrike(s: &str) -> String {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs.get(i + 1) == Some(&'\u{8}') {
            i += 2;
            continue;
        }
        out.push(cs[i]);
        i += 1;
    }
    out
}

/// A man page keeps its own indentation, as `less -R` shows it (newcomer: its body was flush
/// left at the full width): each line starts in the column `man` put it in, and every row of
/// a reflowed paragraph is set in as far as its lines were.
#[test]
fn a_man_page_keeps_its_own_indentation() {
    let src = without_overstrike(&std::fs::read_to_string(TAR_TW).unwrap());
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    for width in ["80", "100"] {
        let dump = yuedu(&["--dump", "--width", width, TAR_TW]);
        for start in [
            "tar - tar 檔案",
            "tar <操作引數>",
            "[-]c --create",
            "-f, --file 檔案",
            "提取 foo.tar 檔案並顯示提取過程",
            "tar -xzf foo.tar.gz",
        ] {
            let find = |text: &str| {
                text.lines()
                    .find(|l| l.trim_start().starts_with(start))
                    .unwrap_or_else(|| panic!("{start} missing:\n{text}"))
                    .to_string()
            };
            let (s, d) = (find(&src), find(&dump));
            assert!(indent(&s) >= 7, "{s}");
            assert_eq!(indent(&d), indent(&s), "width {width}: {d:?} was {s:?}");
        }
        // The filled paragraph of 所有選項: all its rows at the body's indentation.
        let rows: Vec<&str> = dump
            .lines()
            .skip_while(|l| !l.contains("[ -a, --auto-compress ]"))
            .take_while(|l| !l.trim().is_empty())
            .collect();
        assert!(rows.len() >= 3, "{dump}");
        for r in rows {
            assert_eq!(indent(r), 7, "width {width}: {r:?}");
        }
    }
}
