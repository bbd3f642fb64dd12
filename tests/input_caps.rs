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
