//! What wakes the reader's event loop: terminal input, a quit signal, or background work.
//!
//! Idle means idle: the loop blocks on one channel fed by a thread that blocks in crossterm's
//! `event::read` (keys, mouse, resize), by a thread that waits for SIGTERM/SIGHUP/SIGINT, and
//! by background work (indexing, search) through [`Events::waker`]. Nothing wakes it while
//! nothing happens; it ticks only while the caller asks for a tick (background work whose
//! progress is drawn). Start it after anything else that reads the terminal's answers (the
//! `--ambiguous auto` probe reads the cursor position through the same crossterm reader).

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crossterm::event::Event;

/// One reason to wake up.
#[derive(Debug)]
pub enum Wake {
    /// A terminal event.
    Term(Event),
    /// Reading the terminal failed; the loop should end with this error.
    Failed(std::io::Error),
    /// SIGTERM, SIGHUP or SIGINT: quit cleanly.
    Quit,
    /// Background work has something to hand over.
    Work,
}

/// The event loop's one source of wake-ups.
pub struct Events {
    rx: Receiver<Wake>,
    tx: Sender<Wake>,
}

impl Events {
    /// Starts the terminal reader and signal threads.
    pub fn start() -> std::io::Result<Events> {
        let (tx, rx) = mpsc::channel();
        let input = tx.clone();
        std::thread::Builder::new()
            .name("terminal input".into())
            .spawn(move || loop {
                let wake = match crossterm::event::read() {
                    Ok(ev) => Wake::Term(ev),
                    Err(e) => Wake::Failed(e),
                };
                let failed = matches!(wake, Wake::Failed(_));
                if input.send(wake).is_err() || failed {
                    return;
                }
            })?;
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let quit = tx.clone();
        std::thread::Builder::new()
            .name("quit signals".into())
            .spawn(move || {
                if signals.forever().next().is_some() {
                    let _ = quit.send(Wake::Quit);
                }
            })?;
        Ok(Events { rx, tx })
    }

    /// A handle for background work to wake the loop with [`Wake::Work`].
    pub fn waker(&self) -> Waker {
        Waker(self.tx.clone())
    }

    /// Waits for the next wake-up: without limit when `tick` is `None`, else at most `tick`
    /// (`None` is returned when it passes with nothing to report).
    pub fn next(&self, tick: Option<Duration>) -> Option<Wake> {
        match tick {
            None => self.rx.recv().ok(),
            Some(t) => self.rx.recv_timeout(t).ok(),
        }
    }

    /// The next wake-up already waiting, if any (to take in a burst of keys before drawing).
    pub fn try_next(&self) -> Option<Wake> {
        self.rx.try_recv().ok()
    }
}

/// Wakes the event loop from another thread.
#[derive(Clone, Debug)]
pub struct Waker(Sender<Wake>);

impl Waker {
    /// Wakes the loop; false when it has ended.
    pub fn wake(&self) -> bool {
        self.0.send(Wake::Work).is_ok()
    }
}
