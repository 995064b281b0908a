//! Engine throughput: whole analysis of generated drafts and of the real corpus, in bytes per
//! second (criterion prints MiB/s). `cargo bench --bench engine`.

mod support;

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use resolution_ls::{Config, analyze, syntax};

fn generated(criterion: &mut Criterion) {
    let config = Config::default();
    let mut group = criterion.benchmark_group("generated");
    for (name, size) in [("30KB", 30_000), ("1MB", 1_000_000)] {
        let text = support::draft(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("parse/{name}"), |bench| {
            bench.iter(|| black_box(syntax::parse(black_box(&text))).paragraphs.len())
        });
        group.bench_function(format!("analyze/{name}"), |bench| {
            bench.iter(|| analyze(black_box(&text), &config).len())
        });
    }
    group.finish();
}

fn corpus(criterion: &mut Criterion) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        eprintln!(
            "skipped the corpus benchmark: no corpus at {}",
            folder.display()
        );
        return;
    };
    let texts: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let config = Config::default();
    let mut group = criterion.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("analyze", |bench| {
        bench.iter(|| {
            texts
                .iter()
                .map(|text| analyze(black_box(text), &config).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, generated, corpus);
criterion_main!(benches);
