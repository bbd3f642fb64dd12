//! Input without limits (tracker issue 17, item 3): endless character devices are refused by
//! the content of their first chunk instead of being read until memory runs out.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs yuedu with `args`, killing it if it has not ended within a minute (before the fix it
/// read `/dev/zero` until memory ran out).
fn run_bounded(args: &[&str]) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .env("HOME", std::env::temp_dir())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.success(), err);
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("yuedu {args:?} was still reading after a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn dev_zero_and_urandom_are_refused_as_binary() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        if !std::path::Path::new(dev).exists() {
            continue;
        }
        let (ok, err) = run_bounded(&["--dump", dev]);
        assert!(!ok, "{dev} was accepted");
        assert!(err.contains("binary"), "{dev}: {err}");
        // Named by the path as typed, not its last component (`zero: …`).
        assert!(
            err.contains(&format!("{dev}: looks like a binary")),
            "{dev}: {err}"
        );
    }
}

/// `--dump` of a piped stream with `YUEDU_SPILL_BYTES` set (`threshold` bytes).
fn dump_piped(input: &[u8], threshold: Option<&str>) -> (String, String) {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_yuedu"));
    cmd.args(["--dump", "--width", "40"])
        .env("HOME", std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(t) = threshold {
        cmd.env("YUEDU_SPILL_BYTES", t);
    }
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A stream past the spill threshold (DECISIONS: a pager must take a multi-GB stream) is
/// written to a temporary file and read back from there: the dump is the same as in memory.
#[test]
fn a_stream_spilled_to_a_temporary_file_dumps_the_same() {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 3 << 20 {
        text.push_str(&format!(
            "第{i}章 標題\n\n　　天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。\n\n"
        ));
        i += 1;
    }
    let (kept, _) = dump_piped(text.as_bytes(), None);
    let (spilled, err) = dump_piped(text.as_bytes(), Some("100000"));
    assert!(err.is_empty(), "{err}");
    assert!(kept.contains("第9999章"), "whole");
    assert_eq!(spilled, kept);
}
