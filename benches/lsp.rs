//! Server latency through the real stdio transport: a one-character `didChange` to the
//! published diagnostics (`diagnosticsDelayMs: 0`) in the middle of a 30 KB and a 1 MB draft,
//! completion, and `initialize` from process start. Reports the median and the 99th
//! percentile. `cargo bench --bench lsp`.

#[path = "../tests/lsp/client.rs"]
#[allow(dead_code)]
mod client;
mod support;

use std::time::{Duration, Instant};

use client::Client;
use serde_json::{Value, json};

const URI: &str = "file:///tmp/resolution-ls-bench/draft.res.md";

fn percentile(samples: &mut [Duration], share: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * share).round() as usize;
    samples.get(index).copied().unwrap_or_default()
}

fn report(name: &str, samples: &mut [Duration]) {
    let median = percentile(samples, 0.5);
    let p99 = percentile(samples, 0.99);
    println!(
        "{name:<40} median {:>8.3} ms   p99 {:>8.3} ms   ({} samples)",
        median.as_secs_f64() * 1000.0,
        p99.as_secs_f64() * 1000.0,
        samples.len()
    );
}

fn start() -> Client {
    let mut client = Client::start();
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-16"]}}, "initializationOptions": {"diagnosticsDelayMs": 0}}),
    );
    client.notify("initialized", json!({}));
    client
}

fn edit_latency(label: &str, size: usize, edits: usize) {
    let text = support::draft(size);
    let middle_line = text.lines().count() / 2;
    let mut client = start();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}),
    );
    client.diagnostics(URI, 1);
    let mut samples = Vec::with_capacity(edits);
    for edit in 0..edits {
        let version = edit as i64 + 2;
        // Type a character, then delete it, in the middle of the draft.
        let change = if edit % 2 == 0 {
            json!({"range": {"start": {"line": middle_line, "character": 0}, "end": {"line": middle_line, "character": 0}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": middle_line, "character": 0}, "end": {"line": middle_line, "character": 1}}, "text": ""})
        };
        let started = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}),
        );
        client.diagnostics(URI, version);
        samples.push(started.elapsed());
        client.backlog.clear();
    }
    report(&format!("didChange → diagnostics, {label}"), &mut samples);

    let operative_line = text
        .lines()
        .position(|line| line.starts_with("10. "))
        .unwrap_or(middle_line);
    let mut samples = Vec::new();
    for _ in 0..edits {
        let started = Instant::now();
        let response = client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": operative_line, "character": 4}}),
        );
        samples.push(started.elapsed());
        assert!(
            response["result"]
                .as_array()
                .is_some_and(|items| !items.is_empty())
        );
    }
    report(&format!("completion, {label}"), &mut samples);
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

fn initialize_latency(runs: usize) {
    let mut samples = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let mut client = Client::start();
        client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        samples.push(started.elapsed());
        client.request("shutdown", Value::Null);
        client.notify("exit", Value::Null);
    }
    report("initialize from process start", &mut samples);
}

fn main() {
    // `cargo test --benches` runs benchmarks once in test mode; keep that quick.
    let quick = std::env::args().any(|arg| arg == "--test");
    let (small, large, runs) = if quick { (20, 4, 3) } else { (400, 100, 30) };
    edit_latency("30 KB draft", 30_000, small);
    edit_latency("1 MB draft", 1_000_000, large);
    initialize_latency(runs);
}
