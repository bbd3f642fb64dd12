//! The reader application: loading, state, keymap, update, and the event loop.
//!
//! [`state::App`] is the reader's state with a stack of [`component`]s over it (navigator,
//! search prompt, help, bookmark list, variant picker …): a key goes to the top component
//! first and down to the reader; the one [`keymap`] table turns keys into
//! [`keymap::Action`]s; components answer with [`component::Effect`]s that the app applies;
//! what needs the terminal or the state file becomes a [`state::Request`] for [`run`]'s event
//! loop, the only code here that touches the terminal. `src/ui` draws the app; nothing in
//! `src/app` imports `src/ui` (the run loop is handed the draw function by `main`).

pub mod book;
pub mod component;
pub mod components;
pub mod indexing;
pub mod keymap;
mod live;
pub mod load;
pub mod notes;
mod outline;
pub mod persist;
pub mod reflow;
mod regions;
pub mod search;
pub mod state;
pub mod update;
pub mod view;

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind};
use ratatui::DefaultTerminal;

use crate::cli::Args;
use crate::input::events::{Events, Wake};
use crate::store::FileState;
use state::{App, Request};

/// Draws the whole screen (`crate::ui::draw`, handed in by `main` so that `app` does not
/// depend on `ui`).
pub type Draw = fn(&mut ratatui::Frame, &mut App);

/// Runs yuedu with parsed arguments, drawing the reader with `draw`.
pub fn run(args: Args, draw: Draw) -> anyhow::Result<()> {
    if let Some(shell) = args.completions {
        crate::cli::write_completions(shell, &mut io::stdout().lock());
        return Ok(());
    }
    if args.man {
        return Ok(crate::cli::write_man(&mut io::stdout().lock())?);
    }
    if args.print_config {
        let (mut settings, warnings) = crate::store::load_settings();
        args.settings.apply(&mut settings);
        warn(&warnings);
        let path = crate::store::config_path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "(no home directory)".into());
        print!(
            "# yuedu settings ({path})\n{}",
            crate::store::print_config(&settings)
        );
        return Ok(());
    }
    if args.reset {
        let (name, key) = load::input_key(&args)?;
        let (mut store, warnings) = crate::store::StateStore::open();
        warn(&warnings);
        let forgot = match key {
            Some(key) => store.forget(&key)?,
            None => false,
        };
        println!(
            "{name}: {}",
            if forgot {
                "place and bookmarks forgotten"
            } else {
                "nothing was remembered"
            }
        );
        return Ok(());
    }
    let loaded = load::load(&args)?;
    let stdout = io::stdout();
    if args.toc || args.dump || !stdout.is_terminal() {
        warn(&loaded.warnings);
        warn(&loaded.state_warnings);
        let name = &loaded.doc.source.name;
        let notes = input_notes(&loaded.doc.source);
        warn(
            &notes
                .iter()
                .map(|n| format!("{name}: {n}"))
                .collect::<Vec<_>>(),
        );
        let mut out = io::BufWriter::new(stdout.lock());
        if args.toc {
            crate::dump::write_toc(&mut out, &loaded.doc, &loaded.scripter, &loaded.present)?;
        } else {
            // The same layout key as the screen's (App::new, set_indent), so `--dump` prints
            // the rows the screen shows for these settings.
            let key = crate::layout::block::LayoutKey {
                present: loaded.present,
                wrap: loaded.wrap,
                paragraph_spacing: loaded.settings.paragraph_spacing,
                indent: loaded.settings.indent,
            };
            crate::dump::write_dump(&mut out, &loaded.doc, &loaded.scripter, &key)?;
        }
        out.flush()?;
        if let Some(changed) = loaded.doc.text_changed() {
            warn(&[changed]);
        }
        // The process ends next: freeing a 1 GB document would only delay the exit.
        std::mem::forget(loaded);
        return Ok(());
    }
    if args.quit_if_one_screen && loaded.reading.is_none() {
        if let Ok((cols, rows)) = crossterm::terminal::size() {
            let colors = loaded.settings.program_colors
                && loaded.settings.theme.effective() != crate::store::Theme::Plain;
            let printed = crate::pager::print_if_fits(
                &mut stdout.lock(),
                &loaded.doc,
                &loaded.scripter,
                &loaded.present,
                (cols, rows),
                colors,
            )?;
            if printed {
                std::mem::forget(loaded);
                return Ok(());
            }
        }
    }
    interactive(loaded, &args, draw)
}

/// What the input lost on the way in, for the status line and for `--dump`'s stderr: bytes
/// that did not decode, and characters the sanitizer removed (never silently).
fn input_notes(source: &crate::document::SourceInfo) -> Vec<String> {
    let mut notes = Vec::new();
    if source.replacements > 0 {
        notes.push(format!(
            "{} invalid byte sequences shown as �",
            source.replacements
        ));
    }
    if source.controls_removed > 0 {
        notes.push(format!(
            "{} control characters or escape sequences removed",
            source.controls_removed
        ));
    }
    notes
}

/// Prints warnings on stderr, escaped: `yuedu: ` before each, whose further lines (a TOML
/// error's drawing of the line at fault) follow as they are.
fn warn(warnings: &[String]) {
    for w in warnings {
        for (i, line) in w.lines().enumerate() {
            let lead = if i == 0 { "yuedu: " } else { "" };
            // Not `eprintln!`, which panics when stderr cannot be written (`2>/dev/full`).
            let _ = writeln!(
                io::stderr(),
                "{lead}{}",
                crate::document::sanitize::escaped(line)
            );
        }
    }
}

/// A warning for the status line, which has one row: its first line, and where the rest is.
fn one_line(w: &str) -> String {
    let mut lines = w.lines();
    let first = lines.next().unwrap_or_default();
    match lines.next() {
        Some(_) => format!("{first} — more when yuedu quits"),
        None => first.to_string(),
    }
}

/// The reader on the terminal. `--variant` and `--reflow` on the command line win over what
/// is remembered for the document.
fn interactive(loaded: load::Loaded, args: &Args, draw: Draw) -> anyhow::Result<()> {
    let variant_given = args.settings.has("variant");
    let start = args.start.as_ref();
    let (mut store, more) = crate::store::StateStore::open();
    let mut store_warnings = loaded.state_warnings.clone();
    store_warnings.extend(more);
    // The latest place, for the signal watcher to save if the event loop cannot (while a
    // large input is still being read, by its input offset).
    let snapshot: Arc<Mutex<Option<(String, FileState)>>> = Arc::default();
    let rescue = {
        let snapshot = snapshot.clone();
        move || {
            let state = snapshot.lock().ok().and_then(|mut s| s.take());
            if let Some((key, state)) = state {
                let (mut store, _) = crate::store::StateStore::open();
                let _ = store.put(&key, state);
            }
        }
    };
    let quit = crate::terminal::watch_signals(rescue)?;
    let mut term = crate::terminal::enter()?;
    let mut wrap = loaded.wrap;
    if loaded.detect_ambiguous {
        wrap.ambiguous = crate::terminal::detect_ambiguous_width();
    }
    // After the probe: from here on one thread reads the terminal.
    let events = Events::start()?;
    let mut reading = loaded.reading;
    if let Some(r) = &reading {
        r.set_waker(events.waker());
    }
    let (cols, rows) = crate::terminal::fit(&mut term)?;
    let settings = &loaded.settings;
    let mut app = App::new(
        loaded.doc,
        loaded.scripter,
        loaded.present,
        wrap,
        settings.paragraph_spacing,
        (cols, rows),
    );
    app.reading = reading.as_ref().map(|r| {
        // The first region, to go back to with `g` (the document shown, or the one read
        // first when a window around the remembered place is shown).
        let head = match loaded.head {
            Some((doc, per_text)) => (Arc::new(doc), loaded.head_base, per_text),
            None => (app.doc.clone(), loaded.head_base, loaded.input_per_text),
        };
        indexing::Reading {
            progress: r.progress.clone(),
            input_per_text: loaded.input_per_text,
            input_base: loaded.input_base,
            seeker: loaded.seeker.map(Arc::new),
            head: Some(head),
            book: loaded.book,
            reaches_end: loaded.book.is_some_and(|b| b.last),
            ..indexing::Reading::default()
        }
    });
    app.theme = settings.theme;
    app.settings = settings.clone();
    if !args.settings.has("width") {
        app.fit_program_output();
    }
    app.set_indent(settings.indent);
    app.info.push((
        "ambiguous width".into(),
        format!(
            "{:?}{}",
            wrap.ambiguous,
            if loaded.detect_ambiguous {
                " (asked the terminal)"
            } else {
                ""
            }
        )
        .to_lowercase(),
    ));
    let config = crate::store::config_path().map(|p| p.display().to_string());
    app.info.push((
        "config file".into(),
        config.unwrap_or_else(|| "none".into()),
    ));
    app.info
        .push(("state file".into(), store.path().display().to_string()));
    let mut key = loaded.key;
    // While a large input is read, the remembered place is restored when it is inside the
    // part read first, else once the whole document is there.
    let restored = persist::restore(&mut app, &store, &key, variant_given);
    // Bookmarks kept by input offset are found while the file is read.
    if let Some(stored) = store.get(&key) {
        app.place_stored_marks(&stored.bookmark_offsets);
    }
    let mut restore_later = false;
    if loaded.book.is_some() {
        // Bookmarks are kept by block of the whole book: they come back with it (app::book).
        app.marks.clear();
    }
    if let Some(at) = loaded.opened_at {
        // Opened at the remembered place (by input offset), or at a book's `+N` entry; the
        // exact remembered place by block follows once the whole document is read.
        app.go_to(indexing::position_at(&app.doc, at));
        restore_later = start.is_none();
    } else if app.reading.is_some() && restored != persist::Restored::Nothing {
        let saved = store.get(&key).and_then(|s| s.position);
        // (Saved by the block index with no lines grouped.)
        let read = app.doc.blocks.ungrouped_index(app.doc.blocks.len());
        if saved.is_none_or(|p| p.block + 1 >= read) {
            app.go_to(view::Position::default());
            restore_later = true;
        }
    }
    // `--reflow` wins over the mode remembered for the document (which it was opened in, so
    // that the remembered place is found first).
    if args.settings.has("reflow") && app.reading.is_none() {
        app.set_reflow(app.settings.reflow);
    }
    match start {
        // A book's `+N` chapter was opened at its entry (app::book).
        Some(crate::pager::StartAt::Line(_)) if loaded.book.is_some() => {}
        Some(start) => crate::pager::apply_start(&mut app, start),
        None => {}
    }
    let opened_at = app.anchor;
    // A warning of several lines (a TOML error) is printed whole once the reader has quit.
    let long: Vec<String> = loaded
        .warnings
        .iter()
        .filter(|w| w.contains('\n'))
        .cloned()
        .collect();
    let mut notes: Vec<String> = loaded
        .warnings
        .iter()
        .map(|w| one_line(w))
        .chain(store_warnings.iter().cloned())
        .collect();
    let doc = &app.doc;
    notes.extend(input_notes(&doc.source));
    // A stream that has sent nothing yet is not empty: it is still being read.
    if doc.blocks.is_empty() && reading.is_none() {
        notes.push("the document is empty".into());
    }
    match restored {
        // `+/pattern`, `+N`, `+G` moved the reader: the remembered place is not where it is.
        _ if start.is_some() => {}
        _ if loaded.opened_at.is_some() => notes.push(format!(
            "back where you stopped ({}%) — g goes to the top",
            app.percent()
        )),
        _ if restore_later => notes.push(format!(
            "reading {}… back where you stopped once it is read",
            app.doc.source.name
        )),
        persist::Restored::Same => notes.push(format!(
            "back where you stopped ({}%) — g goes to the top",
            app.percent()
        )),
        persist::Restored::ByName => notes.push(format!(
            "the file changed since last time: back near where you stopped ({}%)",
            app.percent()
        )),
        persist::Restored::Nothing => {}
    }
    if !notes.is_empty() {
        app.say(notes.join(" · "));
    }
    let mut session = Session {
        events: &events,
        quit: &quit,
        store: &mut store,
        key: &mut key,
        snapshot: &snapshot,
        reading: &mut reading,
        restore_later,
        draw,
        opened_at,
    };
    let result = event_loop(&mut term, &mut app, &mut session);
    crate::terminal::leave();
    // Problems with the state file name a backup's full path, which the status line may have
    // cut: they are repeated where they can be read whole, as is a TOML error.
    warn(&long);
    warn(&store_warnings);
    // A document still being read is saved by its input offset (indexing::save_while_reading).
    let saved = if reading.is_some() {
        indexing::save_while_reading(&app, &mut store, &key)
    } else {
        persist::save(&app, &mut store, &key)
    };
    // The terminal is restored and the place saved; the process ends next, and freeing a
    // 1 GB document (tens of milliseconds) would only delay it.
    std::mem::forget(app);
    result.and(saved.map_err(|e| e.context("could not remember the reading position")))
}

/// What the event loop works with besides the app.
struct Session<'a> {
    events: &'a Events,
    quit: &'a AtomicBool,
    store: &'a mut crate::store::StateStore,
    /// The document's content key (a stream's is known once it is read).
    key: &'a mut String,
    snapshot: &'a Mutex<Option<(String, FileState)>>,
    /// A large input still being read.
    reading: &'a mut Option<crate::input::loader::Indexing>,
    /// The remembered place is past the part read first: restore it once all is read.
    restore_later: bool,
    draw: Draw,
    /// The reading position when the reader opened (moved since: the place is kept).
    opened_at: view::Position,
}

/// Takes the whole document when the background read is done.
fn take_read_document(app: &mut App, s: &mut Session<'_>) {
    let Some(result) = s.reading.as_ref().and_then(|r| r.try_take()) else {
        return;
    };
    *s.reading = None;
    let follow = app.following();
    match result {
        Ok(done) => {
            // A key that waited for the whole document (`]`, `G`) moves the reader too.
            let moved = app.anchor != s.opened_at
                || app
                    .reading
                    .as_ref()
                    .is_some_and(|r| r.pending.is_some() || r.pending_entry.is_some());
            *s.key = done.key;
            // Bookmarks (and the place, if it was past the part read first) by block, merged
            // with those set while reading.
            let (restored, here) = app.take_whole_restoring(done.doc, done.map, s.store, s.key);
            let mut notes = Vec::new();
            if s.restore_later && !moved {
                if restored != persist::Restored::Nothing {
                    notes.push(format!("back where you stopped ({}%)", app.percent()));
                }
            } else {
                app.go_to(here);
            }
            if follow {
                app.to_the_end();
            }
            notes.extend(done.truncated);
            notes.extend(input_notes(&app.doc.source));
            if !notes.is_empty() {
                app.say(notes.join(" · "));
            }
        }
        Err(e) => {
            app.reading = None;
            app.say(format!("could not read all of the file: {e}"));
        }
    }
}

fn event_loop(
    term: &mut DefaultTerminal,
    app: &mut App,
    s: &mut Session<'_>,
) -> anyhow::Result<()> {
    let (events, quit) = (s.events, s.quit);
    // Whether the status line said that the file changed under the reader (once).
    let mut told_changed = false;
    loop {
        if let Ok(mut snap) = s.snapshot.lock() {
            *snap = if s.reading.is_none() {
                Some((s.key.clone(), persist::file_state(app)))
            } else if s.key.is_empty() || app.doc.source.name == "stdin" {
                None
            } else {
                app.reading_file_state(s.store.get(s.key))
                    .map(|st| (s.key.clone(), st))
            };
        }
        let mut suspend = false;
        for r in std::mem::take(&mut app.requests) {
            match r {
                Request::SaveMarks if s.reading.is_none() => {
                    if let Err(e) = persist::save(app, s.store, s.key) {
                        app.say(format!("could not save bookmarks: {e:#}"));
                    }
                }
                // While a large input is read: by input offset (indexing::reading_file_state).
                Request::SaveMarks => {
                    if let Err(e) = indexing::save_marks_while_reading(app, s.store, s.key) {
                        app.say(format!("could not save bookmarks: {e:#}"));
                    }
                }
                Request::Redraw => crate::terminal::full_redraw(term)?,
                Request::Quit => return Ok(()),
                Request::Suspend => suspend = true,
            }
        }
        if crate::terminal::panicked() {
            // The panic hook has given the terminal back: draw nothing more, and end only
            // once the other thread's panic message is out.
            crate::terminal::wait_for_panic_message();
            anyhow::bail!("stopped after an internal error (the message is above)");
        }
        if suspend {
            crate::terminal::suspend(term)?;
            let (cols, rows) = crate::terminal::fit(term)?;
            app.on_resize(cols, rows);
        }
        crate::terminal::fit(term)?;
        let draw = s.draw;
        term.draw(|f| draw(f, app))?;
        // The first screen is there: the background read may start.
        if let Some(r) = s.reading.as_mut() {
            r.release();
        }
        if !told_changed {
            // Text read back from a file that changed on disk: say so instead of wrong text.
            if let Some(m) = app.doc.text_changed() {
                told_changed = true;
                app.message = Some(m);
                term.draw(|f| draw(f, app))?;
            }
        }
        if quit.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Idle means idle: block until something happens; tick only while a search runs, the
        // input is read in the background or `L` parses it again (their progress is drawn).
        let tick = if app.search.is_running() {
            Some(SEARCH_TICK)
        } else if app.reflow_running() {
            Some(READING_TICK)
        } else {
            s.reading.is_some().then_some(READING_TICK)
        };
        let mut wake = events.next(tick);
        while let Some(w) = wake {
            match w {
                Wake::Term(ev) => on_event(app, ev),
                Wake::Quit => return Ok(()),
                Wake::Failed(e) => return Err(e.into()),
                Wake::Work => {}
            }
            // Take in a burst of keys (a held key, a paste) before drawing again.
            wake = if app.wants_out() {
                None
            } else {
                events.try_next()
            };
        }
        app.refresh_outline();
        app.poll_partial();
        app.reflow_poll();
        take_read_document(app, s);
        app.search_poll();
    }
}

/// How often the screen is redrawn while a search runs in the background.
const SEARCH_TICK: Duration = Duration::from_millis(30);
/// How often the reading progress is redrawn while a large input is read.
const READING_TICK: Duration = Duration::from_millis(100);

fn on_event(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => app.on_key(k),
        Event::Mouse(m) => app.on_mouse(m),
        Event::Resize(w, h) => {
            let (w, h) = crate::terminal::capped((w, h));
            app.on_resize(w, h)
        }
        _ => {}
    }
}
