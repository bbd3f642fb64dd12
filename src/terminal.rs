//! Terminal set-up and restore: raw mode, alternate screen, mouse; restored on normal exit,
//! on panic, on SIGTERM/SIGHUP (through a flag the event loop checks), and around `Ctrl-Z`.

use std::io::{self, Write};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::{cursor, execute, terminal};
use ratatui::DefaultTerminal;

use crate::layout::AmbiguousWidth;

/// Enters the reader's terminal mode. The panic hook restores the terminal before the panic
/// message is printed.
pub fn enter() -> io::Result<DefaultTerminal> {
    let term = ratatui::try_init()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
        previous(info);
    }));
    execute!(io::stdout(), EnableMouseCapture)?;
    Ok(term)
}

/// Leaves the reader's terminal mode (idempotent).
pub fn leave() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// Watches SIGTERM, SIGHUP and SIGINT. The first one sets the returned flag, which the event
/// loop checks so it can quit cleanly (saving the reader's place, restoring the terminal). If
/// the loop has not ended the process a second later — a terminal that went away can leave
/// the input reader spinning on end-of-file — `rescue` runs on the watcher's thread, the
/// terminal is restored as far as it can be, and the process exits.
pub fn watch_signals(rescue: impl FnOnce() + Send + 'static) -> io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let flag = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let raised = flag.clone();
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            raised.store(true, std::sync::atomic::Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_secs(1));
            rescue();
            leave();
            std::process::exit(0);
        }
    });
    Ok(flag)
}

/// `Ctrl-Z`: restores the terminal, stops the process; after `fg`, enters the reader's mode
/// again (the caller redraws everything).
pub fn suspend(term: &mut DefaultTerminal) -> io::Result<()> {
    leave();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Back after `fg`: the same modes `enter` set, without a second panic hook.
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        EnableMouseCapture
    )?;
    full_redraw(term)
}

/// Clears the screen and makes the next draw paint every cell. (ratatui's `Terminal::clear`
/// asks the terminal for the cursor position, which some terminals never answer.)
pub fn full_redraw(term: &mut DefaultTerminal) -> io::Result<()> {
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
    // An empty frame makes ratatui's previous buffer blank, so the next diff is complete.
    term.draw(|_| {})?;
    Ok(())
}

/// `--ambiguous auto`: prints `“` at the start of a line and reads the cursor position; the
/// terminal draws ambiguous characters wide when the cursor moved two cells. Falls back to
/// narrow when the terminal does not answer. Call in raw mode (after [`enter`]).
pub fn detect_ambiguous_width() -> AmbiguousWidth {
    let mut out = io::stdout();
    let probe = execute!(out, cursor::MoveTo(0, 0)).and_then(|_| {
        out.write_all("“".as_bytes())?;
        out.flush()?;
        cursor::position()
    });
    let _ = execute!(
        out,
        cursor::MoveTo(0, 0),
        terminal::Clear(terminal::ClearType::CurrentLine)
    );
    match probe {
        Ok((2, _)) => AmbiguousWidth::Wide,
        _ => AmbiguousWidth::Narrow,
    }
}
