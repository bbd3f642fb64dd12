//! Open to first screen (issue 8, benchmark 3): bytes → decode → sanitize → parse → sections →
//! engine + script detection → `App::new` → one frame drawn into a 100×30 `TestBackend`.
//!
//! Inputs are generated in memory (see `common`): 1, 10 and 100 MB of UTF-8, with and without
//! chapter lines, and 100 MB of GBK. The timed routine is what `yuedu FILE` does after reading
//! the file and before the first frame reaches the terminal; the document is dropped outside the
//! timing (the process never frees it either).
//!
//! `cargo bench --bench open`; `-- stages` for the per-stage breakdown of the 100 MB file.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use yuedu::document::{self, OpenOptions};
use yuedu::script::{self, EngineKind};

use common::{corpus, draw, gbk, open_app, terminal, MB};

/// The terminal size the first screen is drawn at (as in `scripts/bench.sh`).
const SIZE: (u16, u16) = (100, 30);

fn first_screen(bytes: Vec<u8>, name: &str) -> yuedu::app::state::App {
    let mut app = open_app(bytes, name, SIZE);
    let mut term = terminal(&app);
    draw(&mut term, &mut app);
    app
}

fn open_to_first_screen(c: &mut Criterion) {
    let mut group = c.benchmark_group("open_first_screen");
    for (label, mb) in [("1MB", 1), ("10MB", 10), ("100MB", 100)] {
        if mb == 100 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(20));
        } else {
            group.sample_size(if mb == 10 { 20 } else { 50 });
            group.measurement_time(Duration::from_secs(10));
        }
        for chapters in [false, true] {
            let text = corpus(mb * MB, chapters);
            let bytes = text.into_bytes();
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            let id = if chapters { "utf8_chapters" } else { "utf8" };
            group.bench_with_input(BenchmarkId::new(id, label), &bytes, |b, bytes| {
                b.iter_batched(
                    || bytes.clone(),
                    |bytes| first_screen(bytes, "bench.txt"),
                    BatchSize::LargeInput,
                )
            });
        }
        if mb == 100 {
            let bytes = gbk(mb * MB);
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_with_input(
                BenchmarkId::new("gbk_chapters", label),
                &bytes,
                |b, bytes| {
                    b.iter_batched(
                        || bytes.clone(),
                        |bytes| first_screen(bytes, "bench.txt"),
                        BatchSize::LargeInput,
                    )
                },
            );
        }
    }
    group.finish();
}

/// Where the time of the 100 MB open goes: decode + parse + sections alone, script detection
/// alone (engine made fresh, dictionaries loaded), and `App::new` + first frame alone.
fn stages(c: &mut Criterion) {
    let mut group = c.benchmark_group("stages_100MB");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    let bytes = corpus(100 * MB, true).into_bytes();
    group.bench_function("document_open_vec", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| document::open_vec(bytes, "bench.txt", &OpenOptions::default()),
            BatchSize::LargeInput,
        )
    });
    let doc = document::open(&bytes, "bench.txt", &OpenOptions::default()).expect("open");
    group.bench_function("engine_and_detect_script", |b| {
        b.iter(|| {
            let engine = script::engine(EngineKind::Builtin).expect("engine");
            script::detect_script(&*engine, &doc.text)
        })
    });
    // One engine with its dictionaries loaded, shared: this measures only App::new + a frame.
    let engine = script::engine(EngineKind::Builtin).expect("engine");
    let source = script::detect_script(&*engine, &doc.text);
    group.bench_function("app_new_and_draw", |b| {
        b.iter_batched(
            || (doc.clone(), engine.clone()),
            |(doc, engine)| {
                let mut app = yuedu::app::state::App::new(
                    doc,
                    script::Scripter::new(engine, source),
                    yuedu::present::PresentOptions {
                        variant: script::Variant::Original,
                        typography: yuedu::present::Typography::TIDY,
                    },
                    yuedu::layout::WrapOptions::new(yuedu::units::Cells(80)),
                    true,
                    SIZE,
                );
                let mut term = terminal(&app);
                draw(&mut term, &mut app);
                app
            },
            BatchSize::LargeInput,
        )
    });
    drop(doc);
    let gbk_bytes = gbk(100 * MB);
    group.bench_function("document_open_vec_gbk", |b| {
        b.iter_batched(
            || gbk_bytes.clone(),
            |bytes| document::open_vec(bytes, "bench.txt", &OpenOptions::default()),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, open_to_first_screen, stages);
criterion_main!(benches);
