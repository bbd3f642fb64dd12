//! Wrapping throughput (MB/s) of Chinese text: yuedu's clreq wrapper against textwrap
//! (FirstFit; textwrap measures with its own `display_width`, which is unicode-width per char as
//! ours is for this text) and ratatui's `Paragraph` wrap (rendered into a `Buffer`,
//! `Wrap { trim: false }`).
//!
//! Input: the bundled article repeated to about 1 MB (yuedu, textwrap). ratatui must render into
//! a buffer tall enough for every line (one `Cell` per grid position, at most 65535 rows), so it
//! gets the article repeated to about 100 KB; the figures are per byte, so they compare.
//!
//! Run: `cargo bench --bench wrap` (criterion prints `thrpt` in MiB/s).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use yuedu::layout::{wrap, WrapOptions};
use yuedu::units::Cells;

const ARTICLE: &str = include_str!("../assets/article.txt");

fn repeated(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + ARTICLE.len());
    while s.len() < bytes {
        s.push_str(ARTICLE);
        if !ARTICLE.ends_with('\n') {
            s.push('\n');
        }
    }
    s
}

fn bench_wrap(c: &mut Criterion) {
    let big = repeated(1 << 20);
    let small = repeated(100 << 10);
    let mut group = c.benchmark_group("wrap_cjk");
    group.sample_size(20);
    for width in [40usize, 80] {
        group.throughput(Throughput::Bytes(big.len() as u64));
        group.bench_with_input(BenchmarkId::new("yuedu", width), &width, |b, &w| {
            let opts = WrapOptions::new(Cells(w));
            b.iter(|| black_box(wrap(black_box(&big), &opts)).len());
        });
        group.bench_with_input(BenchmarkId::new("textwrap", width), &width, |b, &w| {
            let opts = textwrap::Options::new(w).wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
            b.iter(|| black_box(textwrap::wrap(black_box(&big), &opts)).len());
        });
        group.throughput(Throughput::Bytes(small.len() as u64));
        let w16 = u16::try_from(width).unwrap_or(u16::MAX);
        // Tall enough for every line (ratatui fills at least as tightly as push-out does);
        // the buffer is allocated once, so only the wrapping and cell writes are timed.
        let ours = wrap(&small, &WrapOptions::new(Cells(width))).len();
        let height = u16::try_from(ours + ours / 10 + 8).unwrap_or(u16::MAX);
        let area = Rect::new(0, 0, w16, height);
        let mut buf = Buffer::empty(area);
        group.bench_with_input(BenchmarkId::new("ratatui", width), &width, |b, _| {
            b.iter(|| {
                Paragraph::new(black_box(small.as_str()))
                    .wrap(Wrap { trim: false })
                    .render(area, &mut buf);
                black_box(buf.area.height)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_wrap);
criterion_main!(benches);
