//! A pseudo-terminal harness: runs the real `yuedu` binary in a pty, feeds its output to a
//! `vt100` screen, sends keys, and waits for text to appear.
#![allow(dead_code)]

pub mod epub;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

/// Runs `yuedu ARGS FILE` to completion with config and state in a fresh temporary home and
/// stdin closed; asserts it succeeded and returns its stdout (`--dump`, `--toc`).
pub fn run_ok(args: &[&str], file: &Path) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .arg(file)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_STATE_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The screen's first line without the margin.
pub fn top_row(screen: &str) -> &str {
    screen.lines().next().unwrap_or("").trim()
}

/// The screen's last line: the status line.
pub fn status_row(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// yuedu `--variant original ARGS FILE` in an 80×20 pseudo-terminal, each chapter of a book
/// rendered in the background made to wait `delay_ms` (the hidden
/// `YUEDU_BOOK_PART_DELAY_MS`), so a test sees a book while it is still loading.
pub fn slow_book(file: &Path, args: &str, delay_ms: u32, home: &Path) -> Session {
    let line = format!(
        "YUEDU_BOOK_PART_DELAY_MS={delay_ms} exec '{}' --variant original {args} '{}'",
        env!("CARGO_BIN_EXE_yuedu"),
        file.display()
    );
    Session::start_shell(&line, 80, 20, home)
}

pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for assertions on escape sequences.
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Starts `yuedu ARGS` at `cols`×`rows`, with config and state under `home`.
    pub fn start(args: &[&str], cols: u16, rows: u16, home: &Path) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_yuedu"));
        cmd.args(args);
        Self::spawn(cmd, cols, rows, home)
    }

    /// Starts a shell command line (for pipes) at `cols`×`rows`.
    pub fn start_shell(line: &str, cols: u16, rows: u16, home: &Path) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", line]);
        Self::spawn(cmd, cols, rows, home)
    }

    fn spawn(mut cmd: CommandBuilder, cols: u16, rows: u16, home: &Path) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env_remove("NO_COLOR");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).expect("spawn yuedu");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut parser = p.lock().unwrap_or_else(|e| e.into_inner());
                // vt100 0.16 overflows when a frame drawn for a wider terminal reaches a
                // screen just resized to one column (`Screen::text`): keep the harness alive
                // with an empty screen of the same size; the program's next frame fills it.
                let fed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    parser.process(&buf[..n])
                }));
                if fed.is_err() {
                    let (rows, cols) = parser.screen().size();
                    *parser = vt100::Parser::new(rows, cols, 0);
                }
                drop(parser);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            master: pair.master,
        }
    }

    /// The attributes of the cell where `needle` (text within one row) starts on screen.
    pub fn cell_of(&self, needle: &str) -> Option<vt100::Cell> {
        let p = self.parser.lock().unwrap();
        let screen = p.screen();
        let (_, cols) = screen.size();
        for (row, line) in screen.rows(0, cols).enumerate() {
            if let Some(byte) = line.find(needle) {
                // Columns: count cells, a wide character takes two.
                let prefix = &line[..byte];
                let col = prefix
                    .chars()
                    .map(|c| if c.len_utf8() > 2 { 2 } else { 1 })
                    .sum::<u16>();
                return screen.cell(row as u16, col).cloned();
            }
        }
        None
    }

    /// The screen's text, rows joined by '\n'.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// True while the program has the alternate screen, mouse reporting or a hidden cursor
    /// switched on (all must be off after it exits).
    pub fn terminal_modes_active(&self) -> bool {
        let p = self.parser.lock().unwrap();
        let s = p.screen();
        s.alternate_screen()
            || s.hide_cursor()
            || s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
    }

    /// Waits until the screen has not changed for 300 ms (the program has caught up with the
    /// keys sent) and returns it.
    pub fn settle(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = self.screen();
        let mut since = Instant::now();
        while Instant::now() < deadline {
            thread::sleep(Duration::from_millis(50));
            let now = self.screen();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= Duration::from_millis(300) {
                break;
            }
        }
        last
    }

    /// Sends a signal to the program.
    pub fn signal(&self, sig: &str) {
        let pid = self.child.process_id().expect("pid");
        std::process::Command::new("kill")
            .args([&format!("-{sig}"), &pid.to_string()])
            .status()
            .unwrap();
    }

    /// Waits until the screen contains `needle`; panics with the screen after `secs`.
    pub fn wait_for(&self, needle: &str, secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {needle:?}; screen:\n{s}");
            }
            thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until `pred` holds for the screen.
    pub fn wait_until(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            thread::sleep(Duration::from_millis(30));
        }
    }

    /// Sends raw input bytes (keys), then gives the program a moment.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        thread::sleep(Duration::from_millis(150));
    }

    /// Resizes the terminal.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        thread::sleep(Duration::from_millis(200));
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait_exit(&mut self, secs: u64) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("yuedu did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

pub const ESC: &str = "\x1b";
pub const TAB: &str = "\t";
pub const ENTER: &str = "\r";
