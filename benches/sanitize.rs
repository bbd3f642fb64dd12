//! The sanitizer's pass over 10 MB of Chinese text, beside a peer in the same run: std's UTF-8
//! validation (`str::from_utf8`) of the same bytes, also one linear pass that every document
//! goes through. The ratio sanitize / from_utf8 is what BENCHMARKS.md records.
//!
//! Inputs: the bundled article repeated (clean: every byte is scanned, nothing changes — the
//! common case, dominated by the `E2` lead bytes of `“”…—`), the same with CRLF line ends (the
//! in-place path), and with an escape sequence and a stray C1 every line (the worst common
//! case). `cargo bench --bench sanitize`.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use yuedu::document::sanitize::sanitize;

use common::{corpus, MB};

fn inputs() -> Vec<(&'static str, String)> {
    let clean = corpus(10 * MB, true);
    let crlf = clean.replace('\n', "\r\n");
    let hostile = clean.replace('\n', "\x1b[1m粗\x1b[0m\u{9d}\n");
    vec![("clean", clean), ("crlf", crlf), ("hostile", hostile)]
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("sanitize_10MB");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    for (label, text) in inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("sanitize", label), &text, |b, t| {
            b.iter_batched(|| t.clone(), sanitize, BatchSize::LargeInput)
        });
        group.bench_with_input(BenchmarkId::new("from_utf8", label), &text, |b, t| {
            b.iter(|| std::str::from_utf8(std::hint::black_box(t.as_bytes())).is_ok())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
