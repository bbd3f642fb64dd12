//! Conversion throughput of each engine: the built-in engine (OpenCC 1.4.2) always, the system C++
//! OpenCC (through opencc-rust) with `--features system-opencc`. Configs `t2s`, `s2t`, `s2twp`
//! on the same ~1 MB input: the bundled article repeated for `t2s`, its `t2s` output for the
//! `s2*` configs. Criterion reports MB/s (`Throughput::Bytes`, of the input).
//!
//! `cargo bench --bench convert --features system-opencc`

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use yuedu::script::{engine, Config, Converter, EngineKind};

/// About 1 MB of traditional text.
fn traditional_input() -> String {
    let repeats = (1 << 20) / yuedu::BUNDLED_ARTICLE.len() + 1;
    yuedu::BUNDLED_ARTICLE.repeat(repeats)
}

fn engines() -> Vec<(&'static str, Arc<dyn Converter>)> {
    let mut out = vec![(
        "builtin",
        engine(EngineKind::Builtin).expect("built-in engine"),
    )];
    if cfg!(feature = "system-opencc") {
        match engine(EngineKind::System) {
            Ok(e) => out.push(("system", e)),
            Err(e) => eprintln!("skipping the system engine: {e}"),
        }
    }
    out
}

fn convert(c: &mut Criterion) {
    let builtin = engine(EngineKind::Builtin).expect("built-in engine");
    let traditional = traditional_input();
    let simplified = builtin.convert(Config::T2s, &traditional);
    let engines = engines();
    for (config, input) in [
        (Config::T2s, &traditional),
        (Config::S2t, &simplified),
        (Config::S2twp, &simplified),
    ] {
        let mut group = c.benchmark_group(format!("convert/{}", config.name()));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.sample_size(20);
        for (name, e) in &engines {
            // Load the config's dictionaries outside the measurement.
            e.convert(config, "預熱");
            group.bench_function(*name, |b| b.iter(|| e.convert(config, black_box(input))));
        }
        group.finish();
    }
}

/// Start-up: a new engine and its first conversion (`s2twp` of one short line), as when yuedu
/// opens a document in the Taiwan variant. The built-in tables are static; the system engine
/// loads the config and its dictionaries.
fn first_conversion(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_conversion/s2twp");
    group.sample_size(20);
    let kinds: &[(&str, EngineKind)] = if cfg!(feature = "system-opencc") {
        &[
            ("builtin", EngineKind::Builtin),
            ("system", EngineKind::System),
        ]
    } else {
        &[("builtin", EngineKind::Builtin)]
    };
    for (name, kind) in kinds {
        if engine(*kind).is_err() {
            continue;
        }
        group.bench_function(*name, |b| {
            b.iter(|| {
                let e = engine(*kind).expect("engine");
                e.convert(Config::S2twp, black_box("打开了门，把文件存到U盘。"))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, convert, first_conversion);
criterion_main!(benches);
