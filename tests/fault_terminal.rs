//! Every exit path gives the terminal back whole: the cursor shown, the alternate screen
//! left, mouse reporting and bracketed paste off — after `Ctrl-Z` under a job-control shell,
//! and when a background thread panics.

mod common;

use std::io::Write;

use common::Session;

/// Counts `pat` in what the program wrote.
fn count(s: &Session, pat: &[u8]) -> usize {
    let raw = s.raw.lock().unwrap();
    raw.windows(pat.len()).filter(|w| *w == pat).count()
}

/// An interactive bash without start-up files, with a prompt the test can wait for.
fn shell(home: &std::path::Path) -> Session {
    Session::start_shell(
        "PS1='READY$ ' exec bash --norc --noprofile -i",
        100,
        30,
        home,
    )
}

#[test]
fn ctrl_z_under_a_shell_shows_the_cursor_and_fg_comes_back() {
    let h = tempfile::tempdir().unwrap();
    let mut s = shell(h.path());
    s.wait_for("READY$", 10);
    s.send(&format!("'{}'\r", env!("CARGO_BIN_EXE_yuedu")));
    s.wait_for("來源", 10);
    assert!(
        s.terminal_modes_active(),
        "the reader did not take the terminal"
    );
    s.send("\x1a");
    let screen = s.wait_for("Stopped", 10);
    assert!(
        !s.terminal_modes_active(),
        "stopped with the terminal still in the reader's modes (cursor hidden?):\n{screen}"
    );
    s.send("fg\r");
    s.wait_until("back in the reader", 10, |_| count(&s, b"\x1b[?1049h") == 2);
    s.wait_for("來源", 10);
    // Back in the reader the cursor is hidden again.
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(s.terminal_modes_active());
    s.send("q");
    s.wait_for("READY$", 10);
    assert!(!s.terminal_modes_active(), "not restored after q");
    s.send("exit\r");
    s.wait_exit(10);
}

#[test]
fn a_panic_in_the_search_thread_restores_once_and_stops() {
    let h = tempfile::tempdir().unwrap();
    let cmd = format!("YUEDU_FAULT=search exec '{}'", env!("CARGO_BIN_EXE_yuedu"));
    let mut s = Session::start_shell(&cmd, 100, 30, h.path());
    s.wait_for("來源", 10);
    s.send("/南京\r");
    let code = s.wait_exit(10);
    assert_ne!(
        code, 0,
        "a failed search thread must end the reader with an error"
    );
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(!s.terminal_modes_active(), "terminal not restored");
    assert_eq!(
        count(&s, b"\x1b[?1049l"),
        1,
        "left the alternate screen more than once"
    );
    let screen = s.screen();
    assert!(screen.contains("panicked"), "{screen}");
}

/// Peak resident memory of process `pid` in kB (`VmHWM` in /proc).
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_9999_by_9999_window_does_not_exhaust_memory() {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    use std::io::Read;
    // No vt100 screen here: it would itself need 100 million cells. The output is drained.
    let h = tempfile::tempdir().unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 9999,
            cols: 9999,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // Under a 2 GB address-space limit, so that a regression fails fast instead of taking
    // the machine's memory (before the cap this window cost about 7 GB).
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        &format!("ulimit -v 2000000; exec '{}'", env!("CARGO_BIN_EXE_yuedu")),
    ]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", h.path());
    cmd.env("XDG_CONFIG_HOME", h.path().join("config"));
    cmd.env("XDG_STATE_HOME", h.path().join("state"));
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let drained = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let d = drained.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 1 << 16];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            d.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        }
    });
    let mut writer = pair.master.take_writer().unwrap();
    let pid = child.process_id().unwrap();
    // Wait for the first frame (the bundled article), then page down and quit.
    let start = std::time::Instant::now();
    while drained.load(std::sync::atomic::Ordering::Relaxed) < 2000 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "yuedu died in a 9999×9999 window"
        );
        assert!(start.elapsed().as_secs() < 20, "no frame drawn");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    writer.write_all(b" ").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let peak = peak_rss_kb(pid).unwrap_or(0);
    writer.write_all(b"q").unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(std::time::Instant::now() < deadline, "did not quit");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert!(peak < 400_000, "peak RSS {peak} kB in a 9999×9999 window");
}
