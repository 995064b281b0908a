//! End-to-end tests: the built `resolution-ls` binary, spoken to over stdio with real
//! `Content-Length` framing, as an editor would.

mod abuse;
mod client;
mod word;

use client::Client;
use serde_json::{Value, json};

const URI: &str = "file:///tmp/resolution-ls-test/draft.res.md";

const DRAFT: &str = "*The Human Rights Council,*\n\n*Recalling* its resolution 19/33,\n\n1. *Welcomes* the report of the Secretary-General;\n\n2. *Requests* the Office to report;\n\n4. *Invites* States 😀 and Côte d’Ivoire to act on paragraph 2 above;<sup>1</sup>\n\n5. *Decides* to continue its consideration of the matter.\n";

fn initialize(client: &mut Client, encodings: &[&str], extra: Value) -> Value {
    let mut capabilities = json!({
        "general": {"positionEncodings": encodings},
        "workspace": {"configuration": true, "workspaceEdit": {"documentChanges": true}, "applyEdit": true},
        "textDocument": {"completion": {"completionItem": {"snippetSupport": true}}}
    });
    merge(&mut capabilities, &extra["capabilities"]);
    let mut params = json!({"processId": null, "rootUri": null, "capabilities": capabilities});
    if let Some(options) = extra.get("initializationOptions") {
        params["initializationOptions"] = options.clone();
    }
    let response = client.request("initialize", params);
    client.notify("initialized", json!({}));
    response
}

/// A server initialized with `encoding` that publishes diagnostics as soon as a document changes.
fn started_without_delay(encoding: &str) -> Client {
    let mut client = Client::start();
    initialize(
        &mut client,
        &[encoding],
        json!({"initializationOptions": {"diagnosticsDelayMs": 0}}),
    );
    client
}

fn merge(target: &mut Value, extra: &Value) {
    if let (Some(target), Some(extra)) = (target.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            match target.get_mut(key) {
                Some(existing) if existing.is_object() => merge(existing, value),
                _ => {
                    target.insert(key.clone(), value.clone());
                }
            }
        }
    }
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
}

fn change(client: &mut Client, uri: &str, version: i64, changes: Value) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
    );
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn shutdown(client: &mut Client) {
    let response = client.request("shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null, "{response}");
    client.notify("exit", Value::Null);
    assert_eq!(
        client.wait_for_exit(),
        Some(0),
        "the server did not exit with status 0 after shutdown and exit"
    );
}

/// Apply LSP text edits with UTF-16 positions to `text`, independently of the server's code.
fn apply_utf16_edits(text: &str, edits: &[Value]) -> String {
    let offset_of = |position: &Value| -> usize {
        let line = position["line"].as_u64().unwrap_or(0) as usize;
        let character = position["character"].as_u64().unwrap_or(0) as usize;
        let mut offset = 0;
        for (index, line_text) in text.split_inclusive('\n').enumerate() {
            if index == line {
                let mut units = 0;
                for (byte, character_here) in line_text.char_indices() {
                    if units >= character || character_here == '\n' || character_here == '\r' {
                        return offset + byte;
                    }
                    units += character_here.len_utf16();
                }
                return offset + line_text.trim_end_matches(['\n', '\r']).len();
            }
            offset += line_text.len();
        }
        text.len()
    };
    let mut resolved: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            (
                offset_of(&edit["range"]["start"]),
                offset_of(&edit["range"]["end"]),
                edit["newText"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    resolved.sort_by_key(|(start, end, _)| (*start, *end));
    let mut result = String::new();
    let mut cursor = 0;
    for (start, end, new_text) in resolved {
        result.push_str(&text[cursor..start]);
        result.push_str(&new_text);
        cursor = end;
    }
    result.push_str(&text[cursor..]);
    result
}

/// The text edits of a workspace edit for `uri`, in either shape.
fn edits_of(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(changes) = edit["documentChanges"].as_array() {
        return changes
            .iter()
            .filter(|change| change["textDocument"]["uri"] == uri)
            .flat_map(|change| change["edits"].as_array().cloned().unwrap_or_default())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

#[test]
fn encoding_is_negotiated() {
    let mut client = Client::start();
    let response = initialize(&mut client, &["utf-16", "utf-8"], Value::Null);
    assert_eq!(
        response["result"]["capabilities"]["positionEncoding"],
        "utf-8"
    );
    shutdown(&mut client);

    let mut client = Client::start_with(&["--stdio"]);
    let response = initialize(&mut client, &["utf-16"], Value::Null);
    assert_eq!(
        response["result"]["capabilities"]["positionEncoding"],
        "utf-16"
    );
    shutdown(&mut client);
}

#[test]
fn diagnostics_follow_incremental_edits_with_versions() {
    let mut client = started_without_delay("utf-16");
    open(&mut client, URI, DRAFT);
    let first = client.diagnostics(URI, 1);
    assert_eq!(
        codes(&first),
        vec!["misnumbered-paragraph", "dangling-footnote"]
    );
    // The footnote marker stands after the emoji line; its range is in UTF-16 units.
    assert_eq!(
        first[0]["range"]["start"],
        json!({"line": 8, "character": 0})
    );
    assert_eq!(
        first[1]["range"]["start"],
        json!({"line": 8, "character": 69})
    );

    // Insert the missing paragraph 3: the numbering is right again.
    change(
        &mut client,
        URI,
        2,
        json!([{"range": {"start": {"line": 8, "character": 0}, "end": {"line": 8, "character": 0}}, "text": "3. *Urges* States to act;\n\n"}]),
    );
    assert_eq!(
        codes(&client.diagnostics(URI, 2)),
        vec!["dangling-footnote"]
    );

    // Delete paragraph 2: now 3 follows 1.
    change(
        &mut client,
        URI,
        3,
        json!([{"range": {"start": {"line": 6, "character": 0}, "end": {"line": 8, "character": 0}}, "text": ""}]),
    );
    let after_delete = client.diagnostics(URI, 3);
    assert_eq!(
        codes(&after_delete),
        vec!["misnumbered-paragraph", "dangling-footnote"]
    );
    assert_eq!(after_delete[0]["range"]["start"]["line"], 6);

    // Type a footnote text character by character; only the last version's result counts.
    let typed = "\n<sup>1</sup> A/HRC/23/61.";
    let end_line = DRAFT.lines().count() as u64; // the new paragraph 3 replaced paragraph 2's lines
    let mut version = 3;
    for (index, character) in typed.chars().enumerate() {
        version += 1;
        let column = if index == 0 { 0 } else { index as u64 - 1 };
        let line = if index == 0 { end_line } else { end_line + 1 };
        change(
            &mut client,
            URI,
            version,
            json!([{"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column}}, "text": character.to_string()}]),
        );
    }
    let last = client.diagnostics(URI, version);
    assert_eq!(codes(&last), vec!["misnumbered-paragraph"], "{last:#?}");

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let cleared = client.notification("textDocument/publishDiagnostics", |params| {
        params["uri"] == URI && params["diagnostics"].as_array().is_some_and(Vec::is_empty)
    });
    assert!(
        cleared["params"]["diagnostics"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    shutdown(&mut client);
}

/// A document large enough to be analysed on two threads, where the server keeps the model
/// of one analysis to read the next version again only around its edit: after each kind of
/// edit, the published diagnostics are those of the whole text.
#[test]
fn edits_to_a_large_draft_give_the_diagnostics_of_the_whole_text() {
    let paragraphs: String = (1..=2_500)
        .map(|number| {
            format!("{number}. *Requests* the Secretary-General to report to the Council;\n\n(a) On the first matter;\n\n(b) On the second matter;\n\n")
        })
        .collect();
    let mut text =
        format!("*The Human Rights Council,*\n\n*Recalling* its resolution 19/33,\n\n{paragraphs}");
    assert!(text.len() > 256 * 1024, "{}", text.len());
    let config = resolution_ls::Config::default();
    // Each diagnostic's code and line, as published and as the engine finds them in `text`.
    let published = |diagnostics: Vec<Value>| -> Vec<(String, u64)> {
        diagnostics
            .iter()
            .map(|diagnostic| {
                let code = diagnostic["code"].as_str().unwrap_or("").to_string();
                let line = diagnostic["range"]["start"]["line"].as_u64();
                (code, line.unwrap_or(u64::MAX))
            })
            .collect()
    };
    let expected = |text: &str| -> Vec<(String, u64)> {
        let lines = resolution_ls::syntax::LineIndex::new(text);
        resolution_ls::analyze(text, &config)
            .iter()
            .map(|diagnostic| {
                let line = lines.line_of(diagnostic.range.start) as u64;
                (diagnostic.code.to_string(), line)
            })
            .collect()
    };
    let mut client = started_without_delay("utf-8");
    open(&mut client, URI, &text);
    assert_eq!(published(client.diagnostics(URI, 1)), expected(&text));
    // (line, start column, end column, new text): a paragraph's number changed, a
    // subparagraph's label removed, a new paragraph, a character typed, a comment opened and
    // closed, a paragraph's number cut short, the first number put back.
    let edits: [(usize, usize, usize, &str); 8] = [
        (1_000, 0, 3, "700"),
        (2_000, 0, 3, ""),
        (3_000, 0, 0, "3000. *Urges* States;\n\n"),
        (3_500, 10, 10, "x"),
        (4_000, 0, 0, "<!--\n"),
        (4_100, 0, 0, "-->\n"),
        (2_500, 0, 2, ""),
        (1_000, 0, 3, "167"),
    ];
    for (index, (line, start, end, new_text)) in edits.into_iter().enumerate() {
        let version = index as i64 + 2;
        change(
            &mut client,
            URI,
            version,
            json!([{"range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}, "text": new_text}]),
        );
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        text.replace_range(line_start + start..line_start + end, new_text);
        assert_eq!(
            published(client.diagnostics(URI, version)),
            expected(&text),
            "after edit {index}"
        );
    }
    shutdown(&mut client);
}

#[test]
fn utf8_positions_count_bytes() {
    let mut client = started_without_delay("utf-8");
    open(&mut client, URI, DRAFT);
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(
        diagnostics[1]["range"]["start"],
        json!({"line": 8, "character": 74})
    );
    let line = DRAFT.lines().nth(8).unwrap_or("");
    let emoji_end = line.find('😀').map(|start| start + 4).unwrap_or(0);
    change(
        &mut client,
        URI,
        2,
        json!([{"range": {"start": {"line": 8, "character": emoji_end}, "end": {"line": 8, "character": emoji_end}}, "text": "!"}]),
    );
    let marker = line.find("<sup>").unwrap_or(0) + 1 + 2;
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": marker}}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .contains("Footnote 1"),
        "{hover}"
    );
    shutdown(&mut client);
}

#[test]
fn every_quick_fix_applies_and_the_result_checks_clean() {
    let mut client = started_without_delay("utf-16");
    let mut text = DRAFT.replace("<sup>1</sup>", "").replace(
        "*Recalling* its resolution 19/33,",
        "*Recalling* its resolution 19/33;",
    );
    open(&mut client, URI, &text);
    let mut diagnostics = client.diagnostics(URI, 1);
    assert_eq!(
        codes(&diagnostics),
        vec!["paragraph-punctuation", "misnumbered-paragraph"]
    );
    let mut version = 1;
    while let Some(diagnostic) = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["data"]["fix"].is_object())
        .cloned()
    {
        let actions = client.request("textDocument/codeAction", json!({"textDocument": {"uri": URI}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}));
        let actions = actions["result"].as_array().cloned().unwrap_or_default();
        let titles: Vec<&str> = actions
            .iter()
            .filter_map(|action| action["title"].as_str())
            .collect();
        assert!(
            titles.iter().any(|title| title.starts_with("Disable ")),
            "{titles:?}"
        );
        let fix = actions
            .iter()
            .find(|action| action["kind"] == "quickfix" && action["isPreferred"] == true)
            .unwrap_or_else(|| panic!("no quick fix in {titles:?}"));
        text = apply_utf16_edits(&text, &edits_of(&fix["edit"], URI));
        version += 1;
        change(&mut client, URI, version, json!([{"text": text}]));
        diagnostics = client.diagnostics(URI, version);
    }
    assert!(diagnostics.is_empty(), "{diagnostics:#?}\n{text}");
    assert!(
        text.contains("3. *Invites* States 😀 and Côte d’Ivoire to act on paragraph 2 above;"),
        "{text}"
    );

    // "Disable CODE for this line" silences the finding.
    let broken = text.replace("3. *Invites*", "7. *Invites*");
    version += 1;
    change(&mut client, URI, version, json!([{"text": broken}]));
    let diagnostics = client.diagnostics(URI, version);
    let actions = client.request("textDocument/codeAction", json!({"textDocument": {"uri": URI}, "range": diagnostics[0]["range"], "context": {"diagnostics": diagnostics}}));
    let disable = actions["result"]
        .as_array()
        .and_then(|actions| {
            actions
                .iter()
                .find(|action| action["title"] == "Disable misnumbered-paragraph for this line")
                .cloned()
        })
        .unwrap_or_default();
    let silenced = apply_utf16_edits(&broken, &edits_of(&disable["edit"], URI));
    version += 1;
    change(&mut client, URI, version, json!([{"text": silenced}]));
    assert!(client.diagnostics(URI, version).is_empty());
    shutdown(&mut client);
}

#[test]
fn source_actions_renumber_and_fix_all() {
    let mut client = started_without_delay("utf-16");
    let text = DRAFT.replace("<sup>1</sup>", "");
    open(&mut client, URI, &text);
    client.diagnostics(URI, 1);
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let renumber = client.request("textDocument/codeAction", json!({"textDocument": {"uri": URI}, "range": range, "context": {"diagnostics": [], "only": ["source.renumber"]}}));
    let action = renumber["result"]
        .as_array()
        .and_then(|actions| actions.first().cloned())
        .unwrap_or_default();
    assert_eq!(action["title"], "Renumber the operative paragraphs");
    assert_eq!(action["kind"], "source.renumber.resolution-ls");
    let renumbered = apply_utf16_edits(&text, &edits_of(&action["edit"], URI));
    assert!(
        renumbered.contains("3. *Invites*") && renumbered.contains("4. *Decides*"),
        "{renumbered}"
    );

    let fix_all = client.request("textDocument/codeAction", json!({"textDocument": {"uri": URI}, "range": range, "context": {"diagnostics": [], "only": ["source.fixAll"]}}));
    let action = fix_all["result"]
        .as_array()
        .and_then(|actions| actions.first().cloned())
        .unwrap_or_default();
    assert_eq!(action["kind"], "source.fixAll.resolution-ls");
    let fixed = apply_utf16_edits(&text, &edits_of(&action["edit"], URI));
    assert_eq!(fixed, renumbered);

    let command = client.request(
        "workspace/executeCommand",
        json!({"command": "resolution-ls.renumber", "arguments": [URI]}),
    );
    assert!(command.get("error").is_none(), "{command}");
    assert_eq!(client.applied_edits.len(), 1);
    shutdown(&mut client);
}

/// The kinds of the actions offered at `range` when the client asks for `only` (or for no kind
/// in particular when `only` is null), with their titles.
fn offered(client: &mut Client, range: &Value, only: Value) -> Vec<(String, String)> {
    let mut context = json!({"diagnostics": []});
    if !only.is_null() {
        context["only"] = only;
    }
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range, "context": context}),
    );
    response["result"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|action| {
            (
                action["kind"].as_str().unwrap_or("").to_string(),
                action["title"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn code_actions_answer_the_kinds_asked_for_and_each_action_once() {
    let mut client = started_without_delay("utf-16");
    let text = DRAFT.replace("<sup>1</sup>", "");
    open(&mut client, URI, &text);
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(codes(&diagnostics), vec!["misnumbered-paragraph"]);
    let at_finding = diagnostics[0]["range"].clone();
    let renumber = "Renumber the operative paragraphs".to_string();

    // Quick fixes only: no source action (VS Code drops them, with a warning each time).
    let quick_fixes = offered(&mut client, &at_finding, json!(["quickfix"]));
    assert_eq!(
        quick_fixes,
        vec![
            ("quickfix".to_string(), renumber.clone()),
            (
                "quickfix".to_string(),
                "Disable misnumbered-paragraph for this line".to_string()
            ),
        ]
    );

    // `source` covers every source action below it, and no quick fix.
    let kinds: Vec<String> = offered(&mut client, &at_finding, json!(["source"]))
        .into_iter()
        .map(|(kind, _)| kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            "source.renumber.resolution-ls",
            "source.fixAll.resolution-ls"
        ]
    );
    assert_eq!(
        offered(&mut client, &at_finding, json!(["source.fixAll"])).len(),
        1
    );
    assert!(offered(&mut client, &at_finding, json!(["refactor"])).is_empty());

    // With no kind asked for, the renumbering is listed once at the misnumbered paragraph
    // (as its quick fix), and as a source action elsewhere.
    let everything = offered(&mut client, &at_finding, Value::Null);
    let renumberings: Vec<&(String, String)> = everything
        .iter()
        .filter(|(_, title)| title.starts_with("Renumber"))
        .collect();
    assert_eq!(
        renumberings,
        vec![&("quickfix".to_string(), renumber.clone())]
    );
    let elsewhere =
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    assert_eq!(
        offered(&mut client, &elsewhere, Value::Null),
        vec![("source.renumber.resolution-ls".to_string(), renumber)]
    );
    shutdown(&mut client);
}

#[test]
fn files_named_res_md_in_any_case_are_drafts_and_other_markdown_needs_an_organ_line() {
    let mut client = started_without_delay("utf-16");
    let without_organ_line =
        "1. *Urges* States to act;\n\n3. *Decides* to remain seized of the matter.\n";
    let shouting = "file:///tmp/resolution-ls-test/A_HRC_55_L1.RES.MD";
    open(&mut client, shouting, without_organ_line);
    assert_eq!(
        codes(&client.diagnostics(shouting, 1)),
        vec!["misnumbered-paragraph"]
    );
    let notes = "file:///tmp/resolution-ls-test/NOTES.MD";
    open(&mut client, notes, without_organ_line);
    assert!(client.diagnostics(notes, 1).is_empty());
    shutdown(&mut client);
}

#[test]
fn a_client_that_pulls_is_asked_to_pull_again_only_when_the_settings_change() {
    let mut client = Client::start();
    client.configuration = json!({});
    initialize(
        &mut client,
        &["utf-16"],
        json!({"capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}, "workspace": {"diagnostics": {"refreshSupport": true}}}}),
    );
    let refreshes = |client: &Client| {
        client
            .backlog
            .iter()
            .filter(|message| message["method"] == "workspace/diagnostic/refresh")
            .count()
    };
    let pull = |client: &mut Client| {
        let report = client.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        );
        report["result"]["items"].as_array().map_or(0, Vec::len)
    };
    // The client pulls on open and on save by itself, as VS Code does: one pull each.
    open(&mut client, URI, DRAFT);
    assert_eq!(pull(&mut client), 2);
    for _ in 0..3 {
        client.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": URI}}),
        );
        assert_eq!(pull(&mut client), 2);
    }
    // A round trip after the last save, so that anything the save made the server send has
    // arrived.
    client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(refreshes(&client), 0, "{:#?}", client.backlog);

    // A settings change is one the client cannot see: it is asked to pull again, once.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"resolution": {"rules": {"dangling-footnote": "off"}}}}),
    );
    client.notification("workspace/diagnostic/refresh", |_| true);
    assert_eq!(pull(&mut client), 1);
    assert_eq!(refreshes(&client), 0, "{:#?}", client.backlog);
    shutdown(&mut client);
}

#[test]
fn outline_definition_references_folding_and_hover() {
    let mut client = Client::start();
    initialize(&mut client, &["utf-16"], Value::Null);
    let text = format!("{DRAFT}\n<sup>1</sup> A/HRC/23/61.\n");
    open(&mut client, URI, &text);
    let outline = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let names: Vec<&str> = outline["result"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item["name"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        names,
        vec![
            "The Human Rights Council",
            "Preamble",
            "1. Welcomes",
            "2. Requests",
            "4. Invites",
            "5. Decides"
        ]
    );

    // "paragraph 2 above" → paragraph 2.
    let reference_line = text
        .lines()
        .position(|line| line.contains("paragraph 2 above"))
        .unwrap_or(0);
    let line_text = text.lines().nth(reference_line).unwrap_or("");
    let utf16 = |byte: usize| line_text[..byte].encode_utf16().count();
    let column = utf16(line_text.find("2 above").unwrap_or(0));
    let definition = client.request("textDocument/definition", json!({"textDocument": {"uri": URI}, "position": {"line": reference_line, "character": column}}));
    assert_eq!(
        definition["result"]["range"]["start"]["line"], 6,
        "{definition}"
    );

    // The marker → its footnote text, and the text's references back.
    let marker_column = utf16(line_text.find("<sup>").unwrap_or(0)) + 2;
    let definition = client.request("textDocument/definition", json!({"textDocument": {"uri": URI}, "position": {"line": reference_line, "character": marker_column}}));
    assert_eq!(
        definition["result"]["range"]["start"]["line"], 12,
        "{definition}"
    );
    let references = client.request("textDocument/references", json!({"textDocument": {"uri": URI}, "position": {"line": 12, "character": 2}, "context": {"includeDeclaration": false}}));
    assert_eq!(
        references["result"].as_array().map(Vec::len),
        Some(1),
        "{references}"
    );

    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": {"line": reference_line, "character": marker_column}}));
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .contains("A/HRC/23/61"),
        "{hover}"
    );

    let folding = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(
        folding["result"]
            .as_array()
            .is_some_and(|ranges| !ranges.is_empty()),
        "{folding}"
    );
    shutdown(&mut client);
}

#[test]
fn settings_from_initialization_and_configuration_changes() {
    let mut client = Client::start();
    initialize(
        &mut client,
        &["utf-16"],
        json!({"initializationOptions": {"diagnosticsDelayMs": 0, "rules": {"dangling-footnote": "off"}}}),
    );
    open(&mut client, URI, DRAFT);
    assert_eq!(
        codes(&client.diagnostics(URI, 1)),
        vec!["misnumbered-paragraph"]
    );

    // The client changes its settings: a bad key is reported, the severities apply at once.
    client.configuration = json!({"rules": {"misnumbered-paragraph": "hint"}, "colour": "blue"});
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let message = client.notification("window/showMessage", |params| {
        params["message"]
            .as_str()
            .is_some_and(|message| message.contains("colour"))
    });
    assert_eq!(message["params"]["type"], 2);
    let republished = client.diagnostics(URI, 1);
    let republished = if republished
        .iter()
        .any(|diagnostic| diagnostic["severity"] == 4)
    {
        republished
    } else {
        client.diagnostics(URI, 1)
    };
    assert_eq!(republished[0]["severity"], 4, "{republished:#?}");
    shutdown(&mut client);
}

#[test]
fn markdown_that_is_not_a_draft_gets_no_diagnostics() {
    let mut client = started_without_delay("utf-16");
    let readme = "file:///tmp/resolution-ls-test/README.md";
    open(&mut client, readme, "# Notes\n\n1. First\n\n3. Third\n");
    assert!(client.diagnostics(readme, 1).is_empty());
    shutdown(&mut client);
}

#[test]
fn check_on_save_waits_for_the_save() {
    let mut client = Client::start();
    initialize(
        &mut client,
        &["utf-16"],
        json!({"initializationOptions": {"checkOn": "save", "diagnosticsDelayMs": 0}}),
    );
    open(&mut client, URI, DRAFT);
    assert_eq!(client.diagnostics(URI, 1).len(), 2);
    change(
        &mut client,
        URI,
        2,
        json!([{"text": DRAFT.replace("4. *Invites*", "3. *Invites*").replace("5. *Decides*", "4. *Decides*")}]),
    );
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": URI}}),
    );
    let saved = client.diagnostics(URI, 2);
    assert_eq!(codes(&saved), vec!["dangling-footnote"]);
    assert!(
        !client
            .backlog
            .iter()
            .any(|message| message["params"]["version"] == 2),
        "published before the save"
    );
    shutdown(&mut client);
}

#[test]
fn pull_diagnostics_are_served_to_clients_that_pull() {
    let mut client = Client::start();
    let response = initialize(
        &mut client,
        &["utf-16"],
        json!({"capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}, "workspace": {"diagnostics": {"refreshSupport": true}}}}),
    );
    assert!(response["result"]["capabilities"]["diagnosticProvider"].is_object());
    open(&mut client, URI, DRAFT);
    let report = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(report["result"]["kind"], "full");
    assert_eq!(
        report["result"]["items"].as_array().map(Vec::len),
        Some(2),
        "{report}"
    );
    assert!(
        !client
            .backlog
            .iter()
            .any(|message| message["method"] == "textDocument/publishDiagnostics")
    );
    shutdown(&mut client);
}

#[test]
fn clients_that_pull_but_take_no_refresh_get_pushes() {
    // Neovim 0.11 declares pull diagnostics but not `workspace/diagnostic/refresh`.
    let mut client = Client::start();
    let response = initialize(
        &mut client,
        &["utf-16"],
        json!({"capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": false}}}, "initializationOptions": {"diagnosticsDelayMs": 0}}),
    );
    assert!(
        response["result"]["capabilities"]
            .get("diagnosticProvider")
            .is_none(),
        "{response}"
    );
    open(&mut client, URI, DRAFT);
    assert_eq!(client.diagnostics(URI, 1).len(), 2);
    shutdown(&mut client);
}

#[test]
fn bad_requests_are_answered_and_the_server_goes_on() {
    let mut client = Client::start();
    initialize(&mut client, &["utf-16"], Value::Null);
    open(&mut client, URI, DRAFT);
    // Malformed parameters.
    let malformed = client.request("textDocument/hover", json!({"textDocument": 5}));
    assert!(malformed.get("error").is_some(), "{malformed}");
    // An unknown method.
    let unknown = client.request("resolution/unknown", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    // Positions past the end of a line and of the document; a document never opened.
    let past = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 4, "character": 9999}}),
    );
    assert!(past.get("error").is_none(), "{past}");
    let beyond = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 9999, "character": 3}}),
    );
    assert!(beyond.get("error").is_none(), "{beyond}");
    change(
        &mut client,
        "file:///never/opened.res.md",
        2,
        json!([{"text": "x"}]),
    );
    let never = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///never/opened.res.md"}}),
    );
    assert_eq!(never["result"], Value::Null);
    // A change out of range of the document is clamped, not fatal.
    change(
        &mut client,
        URI,
        2,
        json!([{"range": {"start": {"line": 500, "character": 0}, "end": {"line": 900, "character": 4}}, "text": "\nmore"}]),
    );
    // A valid request is still answered correctly.
    let outline = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(
        outline["result"]
            .as_array()
            .is_some_and(|items| items.len() == 6),
        "{outline}"
    );
    shutdown(&mut client);
}

#[test]
fn exit_ends_the_process_even_while_stdin_stays_open() {
    let mut client = Client::start();
    initialize(&mut client, &["utf-16"], Value::Null);
    // Emacs eglot sends `"params": null` with shutdown.
    client.send(&json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown", "params": null}));
    let response = client.response(99);
    assert_eq!(response["result"], Value::Null);
    assert!(response.get("error").is_none());
    client.notify("exit", Value::Null);
    // stdin is still open here.
    assert_eq!(client.wait_for_exit(), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let mut client = Client::start();
    initialize(&mut client, &["utf-16"], Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_for_exit(), Some(1));
}

#[test]
fn completion_knows_the_part_of_the_resolution() {
    let mut client = Client::start();
    initialize(&mut client, &["utf-16"], Value::Null);
    let text = "*The Human Rights Council,*\n\n*Recalling* its resolution 19/33,\n\n\n\n1. *Requests* the Office to report;<sup>1</sup>\n\n2. *\n\n<sup>1</sup> A/HRC/23/61.\n";
    open(&mut client, URI, text);
    let labels = |response: &Value| -> Vec<String> {
        response["result"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| item["textEdit"]["newText"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    // In the preamble (the empty line 4): preambular openers, the "also" form of the one above first.
    let preamble = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 4, "character": 0}}),
    );
    let preamble = labels(&preamble);
    assert!(
        preamble
            .iter()
            .any(|label| label.starts_with("*Recalling also*")),
        "{preamble:?}"
    );
    assert!(
        !preamble.iter().any(|label| label.contains("*Requests*")),
        "{preamble:?}"
    );
    // After `2. *` in the operative part: operative openers, "Also requests" first, as snippets.
    let operative = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": 4}}),
    );
    let first = operative["result"][0].clone();
    assert_eq!(first["label"], "Also requests", "{operative}");
    assert_eq!(first["insertTextFormat"], 2);
    let operative = labels(&operative);
    assert!(
        operative.iter().any(|label| label.starts_with("*Decides*")),
        "{operative:?}"
    );
    assert!(
        !operative
            .iter()
            .any(|label| label.starts_with("*Recalling*")),
        "{operative:?}"
    );
    // After `<sup>`: the next footnote number.
    change(
        &mut client,
        URI,
        2,
        json!([{"range": {"start": {"line": 8, "character": 4}, "end": {"line": 8, "character": 4}}, "text": "Decides* to act;<sup>"}]),
    );
    let footnote = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": 25}}),
    );
    assert_eq!(
        labels(&footnote).first().map(String::as_str),
        Some("2"),
        "{footnote}"
    );
    shutdown(&mut client);
}

#[test]
fn settings_file_at_the_workspace_root_is_read() {
    let folder = std::env::temp_dir().join(format!("resolution-ls-root-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&folder);
    let _ = std::fs::write(
        folder.join("resolution-ls.toml"),
        "diagnosticsDelayMs = 0\n[rules]\ndangling-footnote = \"off\"\n",
    );
    let root = format!("file://{}", folder.display());
    let uri = format!("{root}/draft.res.md");
    let mut client = Client::start();
    let response = client.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {}}),
    );
    assert!(response.get("result").is_some(), "{response}");
    client.notify("initialized", json!({}));
    open(&mut client, &uri, DRAFT);
    assert_eq!(
        codes(&client.diagnostics(&uri, 1)),
        vec!["misnumbered-paragraph"]
    );
    shutdown(&mut client);
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn ranges_are_right_on_crlf_lines_of_arabic_chinese_russian_and_combining_text() {
    let line =
        "2. *Invites* Сообщество, 国际社会 and المجتمع الدولي, cafe\u{301} 😀, to act;<sup>7</sup>";
    let text = format!("*The General Assembly,*\r\n\r\n1. *Notes* the report;\r\n\r\n{line}\r\n");
    let prefix = &line[..line.find("<sup>").unwrap_or(0)];
    for (encoding, column) in [
        ("utf-16", prefix.encode_utf16().count()),
        ("utf-8", prefix.len()),
    ] {
        let mut client = Client::start();
        initialize(
            &mut client,
            &[encoding],
            json!({"initializationOptions": {"diagnosticsDelayMs": 0}}),
        );
        open(&mut client, URI, &text);
        let diagnostics = client.diagnostics(URI, 1);
        let dangling = diagnostics
            .iter()
            .find(|diagnostic| diagnostic["code"] == "dangling-footnote")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            dangling["range"]["start"],
            json!({"line": 4, "character": column}),
            "{encoding}: {diagnostics:#?}"
        );
        assert_eq!(
            dangling["range"]["end"]["character"].as_u64(),
            Some(column as u64 + "<sup>7</sup>".len() as u64),
            "{encoding}"
        );
        shutdown(&mut client);
    }
}

#[test]
fn a_fix_that_changes_a_word_is_offered_but_never_preferred_nor_applied_by_fix_all() {
    let mut client = started_without_delay("utf-16");
    let text = "*The General Assembly,*\n\n*Recalling* its resolution 70/1,\n\n1. *Recomends* that States act;\n\n2. *Requests* the Secretary-General to report;\n\n4. *Decides* to remain seized of the matter.\n";
    open(&mut client, URI, text);
    let diagnostics = client.diagnostics(URI, 1);
    let opener = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["code"] == "nonstandard-opener")
        .cloned()
        .unwrap_or(Value::Null);
    assert!(
        !opener.is_null(),
        "no nonstandard-opener in {diagnostics:?}"
    );
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": opener["range"], "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let replace = response["result"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|action| action["title"] == "Replace with `*Recommends*`")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(replace["isPreferred"], json!(false), "{response}");

    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": whole, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let changes = response["result"][0]["edit"].to_string();
    assert!(changes.contains("3"), "fix-all renumbers: {changes}");
    assert!(
        !changes.contains("Recommends"),
        "fix-all changed a word: {changes}"
    );
    shutdown(&mut client);
}
