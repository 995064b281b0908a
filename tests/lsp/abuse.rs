//! The protocol under abuse: broken frames, huge documents, floods, pathological lines. After
//! each, a valid request must be answered correctly.

use std::time::Duration;

use serde_json::{Value, json};

use super::client::Client;
use super::{URI, change, codes, initialize, open, shutdown, started_without_delay};

fn still_answers(client: &mut Client) {
    let response = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(
        response["result"].is_array(),
        "no valid answer after the abuse: {response}"
    );
}

#[test]
fn broken_frames_lose_only_themselves() {
    let mut client = started_without_delay("utf-16");
    open(&mut client, URI, super::DRAFT);
    client.diagnostics(URI, 1);
    // A body that is not JSON, one that is not UTF-8, a Content-Length too short and one too
    // long (it swallows the start of the next message).
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    client.send_raw(b"Content-Length: 4\r\n\r\n\xff\xfe\xc0\xaf");
    client.send_raw(
        b"Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}",
    );
    client.send_raw(b"Content-Length: 120\r\n\r\n{\"x\":1}");
    still_answers(&mut client);
    still_answers(&mut client);
    shutdown(&mut client);
}

#[test]
fn requests_before_initialize_are_refused_and_initialize_still_works() {
    let mut client = Client::start();
    let early = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(early["error"]["code"], -32002, "{early}");
    initialize(&mut client, &["utf-16"], Value::Null);
    open(&mut client, URI, super::DRAFT);
    still_answers(&mut client);
    shutdown(&mut client);
}

#[test]
fn a_flood_of_changes_ends_with_the_last_version_published() {
    let mut client = Client::start();
    initialize(&mut client, &["utf-16"], Value::Null);
    open(&mut client, URI, super::DRAFT);
    let flood = 10_000;
    for version in 2..=flood + 1 {
        let text = if version % 2 == 0 { "x" } else { "" };
        let end = if version % 2 == 0 { 0 } else { 1 };
        change(
            &mut client,
            URI,
            version,
            json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": end}}, "text": text}]),
        );
    }
    let last = flood + 1;
    let diagnostics = client.diagnostics(URI, last);
    assert_eq!(
        codes(&diagnostics),
        vec!["misnumbered-paragraph", "dangling-footnote"]
    );
    still_answers(&mut client);
    let published: Vec<i64> = client
        .backlog
        .iter()
        .filter(|message| message["method"] == "textDocument/publishDiagnostics")
        .filter_map(|message| message["params"]["version"].as_i64())
        .collect();
    assert!(
        published.iter().all(|version| *version <= last),
        "{published:?}"
    );
    shutdown(&mut client);
}

#[test]
fn a_50_mb_document_is_checked_and_its_memory_given_back() {
    let mut client = started_without_delay("utf-16");
    open(&mut client, URI, super::DRAFT);
    client.diagnostics(URI, 1);
    let before = client.resident_kib().unwrap_or(0);
    // 50 MB in 2,500 operative paragraphs of 20 KB, the fourth misnumbered.
    let body = "the Secretary-General to report on the implementation of the present resolution, "
        .repeat(21 * 1024 / 84);
    let large = format!(
        "*The General Assembly,*\n\n{}",
        (1..=2_500)
            .map(|number| format!(
                "{}. *Requests* {body};\n\n",
                if number == 4 { 5 } else { number }
            ))
            .collect::<String>()
    );
    let big_uri = "file:///tmp/resolution-ls-test/big.res.md";
    open(&mut client, big_uri, &large);
    let large_len = large.len();
    drop(large);
    let diagnostics = client.diagnostics(big_uri, 1);
    assert!(large_len > 50 * 1000 * 1000, "{large_len}");
    assert_eq!(
        codes(&diagnostics),
        vec!["misnumbered-paragraph", "paragraph-punctuation"]
    );
    let loaded = client.resident_kib().unwrap_or(0);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": big_uri}}),
    );
    still_answers(&mut client);
    let after = client.resident_kib().unwrap_or(0);
    assert!(
        loaded > before,
        "resident {before} KiB before, {loaded} KiB with the document"
    );
    assert!(
        after < loaded.saturating_sub(20 * 1024),
        "memory did not come back down: {before} → {loaded} → {after} KiB"
    );
    shutdown(&mut client);
}

#[test]
fn a_document_past_the_size_limit_gets_one_notice() {
    let mut client = started_without_delay("utf-16");
    let huge = format!(
        "*The General Assembly,*\n\n{}",
        "x".repeat(65 * 1024 * 1024)
    );
    let huge_uri = "file:///tmp/resolution-ls-test/huge.res.md";
    open(&mut client, huge_uri, &huge);
    let diagnostics = client.diagnostics(huge_uri, 1);
    assert_eq!(diagnostics.len(), 1);
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("not checked"),
        "{diagnostics:?}"
    );
    open(&mut client, URI, super::DRAFT);
    still_answers(&mut client);
    shutdown(&mut client);
}

#[test]
fn pathological_drafts_are_analysed() {
    let mut client = started_without_delay("utf-16");
    // Each long line has a character outside ASCII, where a column is not its byte offset.
    let one_line = format!(
        "*The General Assembly,*\n\n1. *Requests* Côte d’Ivoire and {};",
        "the States, ".repeat(5 * 1024 * 1024 / 12)
    );
    let markers = format!(
        "*The General Assembly,*\n\n1. *Notes* the reports on Côte d’Ivoire;{}\n",
        (1..=100_000)
            .map(|number| format!("<sup>{number}</sup>"))
            .collect::<String>()
    );
    let nested = format!(
        "*The General Assembly,*\n\n1. *Requests*:\n\n{}",
        (0..20_000)
            .map(|index| match index % 4 {
                0 => "(a) One:\n",
                1 => "(i) Two:\n",
                2 => "a. Three:\n",
                _ => "i. Four;\n",
            })
            .collect::<String>()
    );
    // The markers make 100,000 findings, published as 46 MB of JSON. The analysis takes under
    // half a second in a debug build; serializing the publication there (through
    // `serde_json::Value`, as tower-lsp-server sends notifications) takes the server about 4 s
    // of one idle core, and parsing it the test client about as long again. The usual 20 s
    // patience is too little on a loaded 2-core machine; a quadratic step over the markers
    // (10^10 steps: counting the UTF-16 units of the line before each finding from the start
    // of the line took minutes) would still take far longer than this.
    let patience = Duration::from_secs(90);
    open(&mut client, URI, super::DRAFT);
    for (name, text) in [("line", one_line), ("markers", markers), ("nested", nested)] {
        let uri = format!("file:///tmp/resolution-ls-test/{name}.res.md");
        open(&mut client, &uri, &text);
        client.diagnostics_within(patience, &uri, 1);
        still_answers(&mut client);
    }
    shutdown(&mut client);
}
