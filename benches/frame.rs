//! Keypress to frame (issue 8, benchmark 4): one action applied with `App::update` (or
//! `set_variant`) and the next frame drawn into a 200×60 `TestBackend`.
//!
//! Cases: a bare redraw; a line step and a page step (1 MB and 100 MB); on the 100 MB file with
//! chapter lines, a variant switch to Simplified, a jump to the end, and a jump to the next
//! section. For the jumps and the switch, the state is reset before each measured step and the
//! reset is not timed (`iter_custom`).
//!
//! `cargo bench --bench frame`.

mod common;

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use yuedu::app::keymap::Action;
use yuedu::app::state::App;
use yuedu::script::Variant;

use common::{corpus, draw, open_app, terminal, MB};

/// The terminal size every frame is drawn at.
const SIZE: (u16, u16) = (200, 60);

fn app_of(mb: usize, chapters: bool) -> (App, Terminal<TestBackend>) {
    let bytes = corpus(mb * MB, chapters).into_bytes();
    let mut app = open_app(bytes, "bench.txt", SIZE);
    let mut term = terminal(&app);
    draw(&mut term, &mut app);
    (app, term)
}

/// Scrolling steps; when the end is reached, back to the top (untimed) and on.
fn step(c: &mut Criterion, name: &str, app: &mut App, term: &mut Terminal<TestBackend>, a: Action) {
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                if app.at_end {
                    app.update(Action::Top);
                    draw(term, app);
                }
                let t = Instant::now();
                app.update(a);
                draw(term, app);
                total += t.elapsed();
            }
            total
        })
    });
}

fn scrolling(c: &mut Criterion) {
    for (label, mb) in [("1MB", 1), ("100MB", 100)] {
        let (mut app, mut term) = app_of(mb, true);
        c.bench_function(&format!("frame_200x60/redraw/{label}"), |b| {
            b.iter(|| draw(&mut term, &mut app))
        });
        step(
            c,
            &format!("frame_200x60/line_down/{label}"),
            &mut app,
            &mut term,
            Action::LineDown,
        );
        step(
            c,
            &format!("frame_200x60/page_down/{label}"),
            &mut app,
            &mut term,
            Action::PageDown,
        );
    }
}

fn jumps_100mb(c: &mut Criterion) {
    let (mut app, mut term) = app_of(100, true);
    let mut group = c.benchmark_group("frame_200x60_100MB");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("variant_simplified", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                app.set_variant(Variant::Original);
                draw(&mut term, &mut app);
                let t = Instant::now();
                app.set_variant(Variant::Simplified);
                draw(&mut term, &mut app);
                total += t.elapsed();
            }
            total
        })
    });
    app.set_variant(Variant::Original);
    group.bench_function("bottom", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                app.update(Action::Top);
                draw(&mut term, &mut app);
                let t = Instant::now();
                app.update(Action::Bottom);
                draw(&mut term, &mut app);
                total += t.elapsed();
            }
            total
        })
    });
    app.update(Action::Top);
    draw(&mut term, &mut app);
    group.bench_function("next_section", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                if app.at_end {
                    app.update(Action::Top);
                    draw(&mut term, &mut app);
                }
                let before = app.anchor;
                let t = Instant::now();
                app.update(Action::NextSection);
                draw(&mut term, &mut app);
                total += t.elapsed();
                if app.anchor == before {
                    // Past the last section: start over (untimed).
                    app.update(Action::Top);
                    draw(&mut term, &mut app);
                }
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, scrolling, jumps_100mb);
criterion_main!(benches);
