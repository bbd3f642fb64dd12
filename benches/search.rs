//! Search and start-up costs on a ~100 MB document (the bundled article repeated):
//! `search_blocks` over the whole document for rare, common and absent queries, and
//! `content_key` of 100 MB.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use yuedu::script::{builtin::Builtin, Converter};
use yuedu::search::{search_blocks, Query};

const TARGET_BYTES: usize = 100 << 20;

fn big_text() -> String {
    let reps = TARGET_BYTES / yuedu::BUNDLED_ARTICLE.len() + 1;
    yuedu::BUNDLED_ARTICLE.repeat(reps)
}

fn bench(c: &mut Criterion) {
    let text = big_text();
    let doc = yuedu::document::open(text.as_bytes(), "big.txt", &Default::default())
        .expect("the bundled article opens");
    let engine: Arc<dyn Converter> = Arc::new(Builtin);
    let cancel = AtomicBool::new(false);
    let mut g = c.benchmark_group("search_100MB");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(doc.text.len() as u64));
    // 华为: a few per article; 发展: rarer; 的: in most paragraphs; absent: prefilter only.
    for q in ["华为", "发展", "的", "學院", "zzz"] {
        let query = Query::new(q, &*engine).expect("non-empty");
        g.bench_function(q, |b| {
            b.iter(|| search_blocks(&doc, &query, 0..doc.blocks.len(), &cancel).len())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("search_100MB_pinyin_hidden");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(doc.text.len() as u64));
    // "n" also occurs inside many annotations, so every block with one is hidden and mapped.
    for q in ["华为", "的", "南京发布", "n"] {
        let query =
            Query::with_hide(q, &*engine, yuedu::typography::hide_pinyin).expect("non-empty");
        g.bench_function(q, |b| {
            b.iter(|| search_blocks(&doc, &query, 0..doc.blocks.len(), &cancel).len())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("content_key");
    g.sample_size(10);
    g.bench_function("100MB", |b| {
        b.iter(|| yuedu::store::content_key(text.as_bytes()))
    });
    g.bench_function("article", |b| {
        b.iter(|| yuedu::store::content_key(yuedu::BUNDLED_ARTICLE.as_bytes()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
