//! Engine throughput: parsing and whole analysis of generated drafts of 30 KB, 1 MB and 10 MB
//! and of the real corpus, and each rule on its own over an already parsed draft, so a slow
//! rule shows by name. Criterion prints the throughput in MiB/s. `cargo bench --bench engine`.
//!
//! Hidden modes, used by `benches/compare.sh` so that it needs nothing but cargo:
//! `cargo bench --bench engine -- --write-draft BYTES FILE` writes one generated draft, and
//! `cargo bench --bench engine -- --write-workspace COUNT BYTES FOLDER` writes COUNT drafts.

/// The binary's heap settings, so that each measured analysis runs as the binary runs it.
#[path = "../src/heap.rs"]
#[allow(dead_code)]
mod heap;
mod support;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use resolution_ls::checks::RULES;
use resolution_ls::{Config, analyze, syntax};

const SIZES: &[(&str, usize)] = &[("30KB", 30_000), ("1MB", 1_000_000), ("10MB", 10_000_000)];

fn generated(criterion: &mut Criterion) {
    let config = Config::default();
    let mut group = criterion.benchmark_group("generated");
    for &(name, size) in SIZES {
        let text = support::draft(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if size >= 10_000_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(10));
        }
        group.bench_function(format!("parse/{name}"), |bench| {
            bench.iter(|| black_box(syntax::parse(black_box(&text))).paragraphs.len())
        });
        group.bench_function(format!("analyze/{name}"), |bench| {
            bench.iter(|| analyze(black_box(&text), &config).len())
        });
    }
    group.finish();
}

/// Each rule alone over a draft parsed once, at 1 MB and 10 MB: the throughput of a rule is
/// the document size over the rule's own time, so a rule far below the others is the slow one.
fn per_rule(criterion: &mut Criterion) {
    let config = Config::default();
    for &(name, size) in &SIZES[1..] {
        let text = support::draft(size);
        let draft = syntax::parse(&text);
        let mut group = criterion.benchmark_group(format!("rule/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if size >= 10_000_000 {
            group.sample_size(10);
        }
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        for rule in RULES {
            group.bench_function(rule.code.as_str(), |bench| {
                bench.iter(|| {
                    let mut out = Vec::new();
                    (rule.check)(black_box(&draft), &config, &mut out);
                    out.len()
                })
            });
        }
        group.finish();
    }
}

fn corpus(criterion: &mut Criterion) {
    // The corpus sits beside the repository; RESOLUTION_LS_CORPUS names another folder.
    let folder = std::env::var_os("RESOLUTION_LS_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        std::path::PathBuf::from,
    );
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

/// Writes generated drafts when asked to; returns whether it did (or failed to).
fn write_drafts(arguments: &[String]) -> Option<Result<(), String>> {
    let position = arguments
        .iter()
        .position(|argument| argument == "--write-draft" || argument == "--write-workspace")?;
    let usage = "usage: --write-draft BYTES FILE | --write-workspace COUNT BYTES FOLDER";
    let rest = &arguments[position + 1..];
    let number = |index: usize| -> Result<usize, String> {
        rest.get(index)
            .and_then(|value| value.parse().ok())
            .ok_or_else(|| usage.to_string())
    };
    let result = if arguments[position] == "--write-draft" {
        number(0).and_then(|bytes| {
            let file = rest.get(1).ok_or_else(|| usage.to_string())?;
            std::fs::write(file, support::draft(bytes))
                .map_err(|error| format!("cannot write {file}: {error}"))
        })
    } else {
        number(0).and_then(|count| {
            let bytes = number(1)?;
            let folder = Path::new(rest.get(2).ok_or_else(|| usage.to_string())?);
            support::write_workspace(folder, count, bytes)
                .map_err(|error| format!("cannot write {}: {error}", folder.display()))
        })
    };
    Some(result)
}

fn main() {
    let arguments: Vec<String> = std::env::args().collect();
    if let Some(result) = write_drafts(&arguments) {
        if let Err(message) = result {
            eprintln!("{message}");
            std::process::exit(2);
        }
        return;
    }
    // The heap keeps freed memory for the next analysis, as both hosts (the server and
    // `check`) set it: each measured analysis then runs as a keystroke's or a file's does.
    heap::keep_freed_memory();
    let mut criterion = Criterion::default().configure_from_args();
    generated(&mut criterion);
    per_rule(&mut criterion);
    corpus(&mut criterion);
    criterion.final_summary();
}
