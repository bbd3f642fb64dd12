//! The reader application: loading, state, keymap, update, and the event loop.
//!
//! The Elm-like split: [`state::App`] is the model, [`keymap`] turns keys into
//! [`keymap::Action`]s, `update` applies them without I/O, [`crate::ui::draw`] paints. Only
//! [`run`] touches the terminal.

pub mod keymap;
pub mod load;
pub mod navigator;
pub mod search;
pub mod state;
pub mod update;
pub mod view;

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;

use crate::cli::{AmbiguousArg, Args};
use crate::layout::AmbiguousWidth;
use state::App;

/// Runs yuedu with parsed arguments.
pub fn run(args: Args) -> anyhow::Result<()> {
    let loaded = load::load(&args)?;
    let stdout = io::stdout();
    if args.toc {
        let mut out = io::BufWriter::new(stdout.lock());
        crate::dump::write_toc(&mut out, &loaded.doc, &loaded.scripter, &loaded.present)?;
        out.flush()?;
        return Ok(());
    }
    if args.dump || !stdout.is_terminal() {
        let mut out = io::BufWriter::new(stdout.lock());
        crate::dump::write_dump(
            &mut out,
            &loaded.doc,
            &loaded.scripter,
            &loaded.present,
            &loaded.wrap,
        )?;
        out.flush()?;
        return Ok(());
    }
    interactive(loaded, &args)
}

fn interactive(loaded: load::Loaded, args: &Args) -> anyhow::Result<()> {
    let quit = crate::terminal::quit_flag()?;
    let mut term = crate::terminal::enter()?;
    let mut wrap = loaded.wrap;
    if args.ambiguous == Some(AmbiguousArg::Auto) {
        wrap.ambiguous = crate::terminal::detect_ambiguous_width();
    }
    let size = term.size()?;
    let mut app = App::new(
        loaded.doc,
        loaded.scripter,
        loaded.present,
        wrap,
        true,
        (size.width, size.height),
    );
    app.info.push((
        "ambiguous detection".into(),
        match wrap.ambiguous {
            AmbiguousWidth::Wide => "wide".into(),
            AmbiguousWidth::Narrow => "narrow".into(),
        },
    ));
    let result = event_loop(&mut term, &mut app, &quit);
    crate::terminal::leave();
    result
}

fn event_loop(term: &mut DefaultTerminal, app: &mut App, quit: &AtomicBool) -> anyhow::Result<()> {
    loop {
        if app.redraw {
            crate::terminal::full_redraw(term)?;
            app.redraw = false;
        }
        term.draw(|f| crate::ui::draw(f, app))?;
        if app.quit || quit.load(Ordering::Relaxed) {
            return Ok(());
        }
        let timeout = if app.search.is_running() {
            Duration::from_millis(30)
        } else {
            Duration::from_millis(250)
        };
        if event::poll(timeout)? {
            match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press => app.on_key(k),
                Event::Mouse(m) => app.on_mouse(m),
                Event::Resize(w, h) => app.on_resize(w, h),
                _ => {}
            }
        }
        app.search_poll();
        if app.suspend {
            app.suspend = false;
            crate::terminal::suspend(term)?;
            let size = term.size()?;
            app.on_resize(size.width, size.height);
        }
    }
}

#[cfg(test)]
mod tests;
