//! Ends the process when its terminal has gone away and the event loop cannot notice.
//!
//! crossterm's event reader loops on a hung-up tty: `read(0)` returns 0 for ever and control
//! never comes back to [`super::event_loop`] (crossterm-rs/crossterm#793), so neither the quit
//! flag set by `SIGHUP` nor anything else is seen, and the process spins at full CPU long after
//! its window closed. A thread checks, every [`TICK`], whether the process lost its controlling
//! terminal or was asked to quit more than [`GRACE`] ago without the loop ending; then it
//! restores what it can and exits.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// How often the watchdog looks.
pub const TICK: Duration = Duration::from_millis(200);
/// How long the event loop has to honour the quit flag before the watchdog ends the process.
pub const GRACE: Duration = Duration::from_secs(1);

/// The exit status after a hang-up (128 + SIGHUP, as a shell reports it).
const HANGUP_STATUS: i32 = 129;

/// Starts the watchdog. `quit` is the flag the signal handlers set; `done` is set by the caller
/// once the event loop has returned (the watchdog then stops).
pub fn spawn(quit: Arc<AtomicBool>, done: Arc<AtomicBool>) {
    let had_tty = controlling_tty().is_some_and(|t| t != 0);
    let spawned = thread::Builder::new()
        .name("yuedu-watchdog".into())
        .spawn(move || {
            let mut quit_ticks: u32 = 0;
            let grace_ticks = (GRACE.as_millis() / TICK.as_millis().max(1)) as u32;
            loop {
                thread::sleep(TICK);
                if done.load(Ordering::Relaxed) {
                    return;
                }
                if quit.load(Ordering::Relaxed) {
                    quit_ticks += 1;
                }
                let tty_lost = had_tty && controlling_tty() == Some(0);
                if hung_up(tty_lost, quit_ticks, grace_ticks) && !done.load(Ordering::Relaxed) {
                    crate::terminal::leave();
                    std::process::exit(HANGUP_STATUS);
                }
            }
        });
    // Without the thread yuedu still works; it only loses this safety net.
    drop(spawned);
}

/// True when the watchdog should end the process: the controlling terminal is gone, or the quit
/// flag has been set for `grace_ticks` ticks without the event loop ending.
fn hung_up(tty_lost: bool, quit_ticks: u32, grace_ticks: u32) -> bool {
    tty_lost || quit_ticks > grace_ticks
}

/// The process's controlling terminal (`tty_nr`, field 7 of `/proc/self/stat`; 0 when it has
/// none), or `None` where `/proc` cannot tell.
fn controlling_tty() -> Option<i64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    tty_nr(&stat)
}

/// Field 7 (`tty_nr`) of a `/proc/PID/stat` line. The command name (field 2) is in
/// parentheses and may itself contain spaces and parentheses, so fields are counted after the
/// last `)`.
fn tty_nr(stat: &str) -> Option<i64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(4)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tty_nr_after_the_command_name() {
        let stat = "26271 (yuedu) R 1 26271 26271 0 -1 4194560 1083 0 0 0";
        assert_eq!(tty_nr(stat), Some(0));
        let stat = "4242 (a) b (c)) S 4200 4242 4200 34816 4242 4194304 90";
        assert_eq!(tty_nr(stat), Some(34816));
        assert_eq!(tty_nr("garbage"), None);
        assert_eq!(tty_nr("1 (x) R 1"), None);
    }

    #[test]
    fn own_stat_parses() {
        if std::path::Path::new("/proc/self/stat").exists() {
            assert!(controlling_tty().is_some());
        }
    }

    #[test]
    fn ends_only_on_a_lost_tty_or_an_ignored_quit() {
        assert!(!hung_up(false, 0, 5));
        assert!(!hung_up(false, 5, 5), "the loop still has time to quit");
        assert!(hung_up(false, 6, 5));
        assert!(hung_up(true, 0, 5));
    }
}
