//! Server latency through the real stdio transport: a one-character `didChange` to the
//! published diagnostics (`diagnosticsDelayMs: 0`) in the middle of a 30 KB and a 1 MB draft,
//! completion and hover on an operative paragraph, and `initialize` from process start, as the median and the 99th percentile;
//! the server's resident memory per open document of 1 MB and 10 MB (Linux: /proc); and
//! `resolution-ls check` over a folder of 1,000 generated drafts. `cargo bench --bench lsp`.

#[path = "../tests/lsp/client.rs"]
#[allow(dead_code)]
mod client;
mod support;

use std::process::Command;
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

/// What `latency` measures on an open draft.
struct Measured {
    edits: bool,
    completions: bool,
    hovers: bool,
}

fn latency(label: &str, size: usize, edits: usize, measured: &Measured) {
    let text = support::draft(size);
    let middle_line = text.lines().count() / 2;
    let mut client = start();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}),
    );
    client.diagnostics(URI, 1);
    let mut samples = Vec::with_capacity(edits);
    for edit in (0..edits).filter(|_| measured.edits) {
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
    if measured.edits {
        report(&format!("didChange → diagnostics, {label}"), &mut samples);
    }

    let operative_line = text
        .lines()
        .position(|line| line.starts_with("10. "))
        .unwrap_or(middle_line);
    let mut samples = Vec::new();
    for _ in (0..edits).filter(|_| measured.completions) {
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
    if measured.completions {
        report(&format!("completion, {label}"), &mut samples);
    }

    // Over the opener of the same paragraph (`10. *Opener*`).
    let mut samples = Vec::new();
    for _ in (0..edits).filter(|_| measured.hovers) {
        let started = Instant::now();
        let response = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": operative_line, "character": 6}}),
        );
        samples.push(started.elapsed());
        assert!(
            response["result"]["contents"]["value"].is_string(),
            "{response}"
        );
    }
    if measured.hovers {
        report(&format!("hover, {label}"), &mut samples);
    }
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

/// How much the server's resident memory grows when it opens a draft of `size` bytes, and
/// after edits (which keep the text, its line index and the last analysis).
fn memory_per_document(label: &str, size: usize, edits: usize) {
    let text = support::draft(size);
    let bytes = text.len() as f64;
    let mut client = start();
    // A small draft opened, edited and closed first loads the code that analyses drafts (about
    // a megabyte of the binary, read once per process) and lets the allocator set up, so that
    // what follows is the cost of a document alone.
    let warm_up = "file:///tmp/resolution-ls-bench/warm-up.res.md";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": warm_up, "languageId": "markdown", "version": 1, "text": support::draft(30_000)}}),
    );
    client.diagnostics(warm_up, 1);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": warm_up}}),
    );
    client.notification("textDocument/publishDiagnostics", |params| {
        params["uri"] == warm_up && params["diagnostics"] == json!([])
    });
    client.backlog.clear();
    let Some(before) = client.resident_kib().map(|kib| kib * 1024) else {
        println!("memory, {label}: not measured (no /proc on this system)");
        return;
    };
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}),
    );
    client.diagnostics(URI, 1);
    // The server keeps what an analysis freed while edits keep coming, and gives it back after
    // a second of quiet: measure both, right after the last analysis and at rest.
    let resident = |client: &Client| client.resident_kib().map(|kib| kib * 1024);
    let at_rest = |client: &Client| {
        std::thread::sleep(Duration::from_millis(1_500));
        resident(client)
    };
    let opened = resident(&client).unwrap_or(before);
    let opened_at_rest = at_rest(&client).unwrap_or(opened);
    let middle_line = text.lines().count() / 2;
    drop(text);
    for edit in 0..edits {
        let version = edit as i64 + 2;
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [
                {"range": {"start": {"line": middle_line, "character": 0}, "end": {"line": middle_line, "character": 0}}, "text": "x"}
            ]}),
        );
        client.diagnostics(URI, version);
        client.backlog.clear();
    }
    let edited = resident(&client).unwrap_or(opened);
    let edited_at_rest = at_rest(&client).unwrap_or(edited);
    let grown = |after: u64| after.saturating_sub(before) as f64;
    let ratio = |after: u64| grown(after) / bytes;
    println!(
        "memory, {label:<28} server before open {:>6.1} MB; per document, as a multiple of the text: after open {:.2}× ({:.2}× at rest), after {edits} edits {:.2}× ({:.2}× at rest)",
        before as f64 / 1_000_000.0,
        ratio(opened),
        ratio(opened_at_rest),
        ratio(edited),
        ratio(edited_at_rest),
    );
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

/// `resolution-ls check FOLDER` over `count` generated drafts of about 30 KB, whole process.
fn workspace_scale(count: usize, runs: usize) {
    let Ok(folder) = tempfile::tempdir() else {
        println!("workspace check: not measured (no temporary folder)");
        return;
    };
    if let Err(error) = support::write_workspace(folder.path(), count, 30_000) {
        println!("workspace check: not measured ({error})");
        return;
    }
    let bytes: u64 = std::fs::read_dir(folder.path())
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.metadata().ok())
                .map(|metadata| metadata.len())
                .sum()
        })
        .unwrap_or(0);
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_resolution-ls"))
            .arg("check")
            .arg(folder.path())
            .output();
        samples.push(started.elapsed());
        let clean = output.is_ok_and(|output| output.status.success());
        assert!(clean, "resolution-ls check failed on the generated drafts");
    }
    let label = format!("check, {count} drafts ({:.1} MB)", bytes as f64 / 1e6);
    report(&label, &mut samples);
    let median = percentile(&mut samples, 0.5).as_secs_f64();
    println!(
        "{:<40} {:>8.0} files/s   {:>6.1} MB/s   ({} cores)",
        "",
        count as f64 / median,
        bytes as f64 / 1e6 / median,
        std::thread::available_parallelism().map_or(1, |cores| cores.get())
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and should stay quick.
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let quick = !arguments.iter().any(|arg| arg == "--bench")
        || arguments.iter().any(|arg| arg == "--quick");
    // Any other argument selects the parts whose name holds it: `edit`, `completion`, `hover`,
    // `30kb` or `1mb` (the latencies on one draft), `initialize`, `memory`, `check`.
    let filters: Vec<&String> = arguments
        .iter()
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let selected = |part: &str| {
        filters.is_empty() || filters.iter().any(|filter| part.contains(filter.as_str()))
    };
    let (small, large, runs) = if quick { (20, 4, 3) } else { (400, 100, 30) };
    // `edit`, `completion` and `hover` choose what is measured on the drafts, `30kb` and `1mb`
    // which drafts; naming none of a group means all of it.
    let named = |words: &[&str]| {
        filters
            .iter()
            .any(|filter| words.contains(&filter.as_str()))
    };
    let either = |word: &str, pair: &[&str]| !named(pair) || named(&[word]);
    let features = ["edit", "completion", "hover"];
    let measured = Measured {
        edits: either("edit", &features),
        completions: either("completion", &features),
        hovers: either("hover", &features),
    };
    let latency_selected =
        filters.is_empty() || named(&["edit", "completion", "hover", "30kb", "1mb"]);
    if latency_selected && either("30kb", &["30kb", "1mb"]) {
        latency("30 KB draft", 30_000, small, &measured);
    }
    if latency_selected && either("1mb", &["30kb", "1mb"]) {
        latency("1 MB draft", 1_000_000, large, &measured);
    }
    if selected("initialize") {
        initialize_latency(runs);
    }
    if selected("memory") {
        memory_per_document("1 MB draft", 1_000_000, if quick { 2 } else { 20 });
        if !quick {
            memory_per_document("10 MB draft", 10_000_000, 5);
        }
    }
    if selected("check workspace") {
        workspace_scale(if quick { 50 } else { 1_000 }, if quick { 1 } else { 10 });
    }
}
