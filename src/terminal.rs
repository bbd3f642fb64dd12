//! Terminal set-up and restore: raw mode, alternate screen, hidden cursor, mouse reporting.
//!
//! Every exit path restores all of it — cursor shown, mouse reporting and bracketed paste
//! off, raw mode off, alternate screen left — through one function, [`leave`], which does it
//! once however many paths reach it: the normal quit, `Ctrl-Z` (before the process stops),
//! SIGTERM/SIGHUP/SIGINT (through a flag the event loop checks, with the signal watcher's
//! fallback), and a panic on any thread (the panic hook, before the message is printed). A
//! panic on another thread (the search) also sets [`panicked`], so the event loop stops
//! instead of drawing on the restored screen.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableMouseCapture};
use crossterm::{cursor, execute, terminal};
use ratatui::DefaultTerminal;

use crate::layout::AmbiguousWidth;

/// True while the terminal is in the reader's modes (between [`enter`] and [`leave`]).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Set by the panic hook: some thread panicked and the terminal was given back.
static PANICKED: AtomicBool = AtomicBool::new(false);
/// Set by the panic hook once the panic message has been printed.
static PANIC_REPORTED: AtomicBool = AtomicBool::new(false);

/// Enters the reader's terminal mode. The panic hook restores the terminal before the panic
/// message is printed.
pub fn enter() -> io::Result<DefaultTerminal> {
    // As `ratatui::try_init`, without its panic hook (ours below restores more, and once).
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), terminal::EnterAlternateScreen)?;
    let backend = ratatui::backend::CrosstermBackend::new(io::stdout());
    let (cols, rows) = capped(terminal::size()?);
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, cols, rows));
    let term = ratatui::Terminal::with_options(backend, ratatui::TerminalOptions { viewport })?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        leave();
        previous(info);
        PANIC_REPORTED.store(true, Ordering::SeqCst);
    }));
    execute!(io::stdout(), EnableMouseCapture)?;
    Ok(term)
}

/// Leaves the reader's terminal mode: mouse reporting and bracketed paste off, raw mode off,
/// the alternate screen left, the cursor shown. Only the first call after [`enter`] (or after
/// [`suspend`]'s re-entry) writes anything, so concurrent exit paths restore once.
pub fn leave() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        cursor::Show
    );
    // Raw mode off first (it has more effects), then the alternate screen left.
    let _ = terminal::disable_raw_mode();
    // The cursor again on the main screen, for terminals that keep its mode per screen.
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
}

/// The largest area drawn, in cells: a 9999×9999 window would otherwise cost two screen
/// buffers of 100 million cells each (7 GB). The reader uses the top-left part of a larger
/// window.
pub const MAX_AREA: (u16, u16) = (1000, 500);

/// `(cols, rows)` limited to [`MAX_AREA`].
pub fn capped((cols, rows): (u16, u16)) -> (u16, u16) {
    (cols.min(MAX_AREA.0), rows.min(MAX_AREA.1))
}

/// Fits the drawn area to the terminal's current size, limited to [`MAX_AREA`] (the viewport
/// is fixed, so ratatui does not resize it itself), and returns that size.
pub fn fit(term: &mut DefaultTerminal) -> io::Result<(u16, u16)> {
    let (cols, rows) = capped(terminal::size()?);
    let area = ratatui::layout::Rect::new(0, 0, cols, rows);
    if term.get_frame().area() != area {
        term.resize(area)?;
    }
    Ok((cols, rows))
}

/// True once a thread has panicked: the panic hook has restored the terminal, and the event
/// loop must stop rather than draw again.
pub fn panicked() -> bool {
    PANICKED.load(Ordering::SeqCst)
}

/// After [`panicked`]: waits (at most a second) until the panicking thread has printed its
/// message, so that the process does not end before the message the user is pointed to.
pub fn wait_for_panic_message() {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    while !PANIC_REPORTED.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Fault injection for the tests (debug builds only): panics when the environment variable
/// `YUEDU_FAULT` names `point`. Release builds compile it to nothing.
pub fn fault_point(point: &str) {
    if cfg!(debug_assertions) && std::env::var("YUEDU_FAULT").is_ok_and(|v| v == point) {
        panic!("fault injected at {point} (YUEDU_FAULT)");
    }
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
    // Through ratatui, so that it knows the cursor is shown and hides it again on the next
    // frame; `leave` shows it anyway.
    let _ = term.show_cursor();
    leave();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Back after `fg`: the same modes `enter` set, without a second panic hook.
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        EnableMouseCapture
    )?;
    term.hide_cursor()?;
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
