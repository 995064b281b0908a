//! The editor's Word features over real LSP: with the `base` setting, a code lens above each
//! paragraph that is new or changed against the base; the export commands write a `.docx`
//! beside the draft.

use std::io::Read;
use std::path::Path;

use serde_json::{Value, json};

use super::client::Client;
use super::{open, shutdown};

const BASE: &str = "*The General Assembly,*\n\n*Recalling* its resolution 78/155 of 19 December 2023,\n\n*Noting* the report of the Secretary-General,\n\n1. *Welcomes* the efforts of Member States;\n\n2. *Requests* the Secretary-General to report at its eightieth session;\n\n3. *Decides* to remain seized of the matter.\n";

/// The base with paragraph 2 edited, a new preambular paragraph and a new paragraph 3.
const DRAFT: &str = "*The General Assembly,*\n\n*Recalling* its resolution 78/155 of 19 December 2023,\n\n*Noting* the report of the Secretary-General,\n\n*Bearing in mind* the Charter of the United Nations,\n\n1. *Welcomes* the efforts of Member States;\n\n2. *Requests* the Secretary-General to report on progress at its eighty-first session;\n\n3. *Encourages* Member States to share good practice;\n\n4. *Decides* to remain seized of the matter.\n";

fn started_in(folder: &Path, options: Value) -> (Client, String) {
    let root = format!("file://{}", folder.display());
    let mut client = Client::start();
    let response = client.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {}, "initializationOptions": options}),
    );
    let commands = &response["result"]["capabilities"]["executeCommandProvider"]["commands"];
    for command in [
        "resolution-ls.exportToWord",
        "resolution-ls.exportWithTrackedChanges",
    ] {
        assert!(
            commands
                .as_array()
                .is_some_and(|list| list.iter().any(|item| item == command)),
            "{command} is not advertised: {response}"
        );
    }
    assert!(
        response["result"]["capabilities"]["codeLensProvider"].is_object(),
        "{response}"
    );
    client.notify("initialized", json!({}));
    (client, root)
}

/// The lenses of `uri` as (line, title).
fn lenses(client: &mut Client, uri: &str) -> Vec<(u64, String)> {
    let response = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(response.get("error").is_none(), "{response}");
    response["result"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|lens| {
            (
                lens["range"]["start"]["line"].as_u64().unwrap_or(u64::MAX),
                lens["command"]["title"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn execute(client: &mut Client, command: &str, uri: &str) -> Value {
    let response = client.request(
        "workspace/executeCommand",
        json!({"command": command, "arguments": [uri]}),
    );
    assert!(response.get("error").is_none(), "{response}");
    response["result"].clone()
}

fn shown_message(client: &mut Client, kind: u64, containing: &str) -> String {
    let message = client.notification("window/showMessage", |params| {
        params["type"] == kind
            && params["message"]
                .as_str()
                .is_some_and(|text| text.contains(containing))
    });
    message["params"]["message"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn document_xml(path: &Path) -> String {
    let file =
        std::fs::File::open(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut archive =
        zip::ZipArchive::new(file).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut entry = archive
        .by_name("word/document.xml")
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut xml = String::new();
    entry
        .read_to_string(&mut xml)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    xml
}

#[test]
fn with_a_base_new_and_changed_paragraphs_are_marked_and_both_exports_are_written() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(folder.path().join("last-year.md"), BASE)
        .unwrap_or_else(|error| panic!("{error}"));
    let (mut client, root) = started_in(folder.path(), json!({"base": "last-year.md"}));
    let uri = format!("{root}/draft.res.md");
    open(&mut client, &uri, DRAFT);

    assert_eq!(
        lenses(&mut client, &uri),
        vec![
            (6, "new since the base".to_string()),
            (
                10,
                "changed since the base: 5 words added, 1 removed".to_string()
            ),
            (12, "new since the base".to_string()),
            (
                14,
                "changed since the base: 1 word added, 1 removed".to_string()
            ),
        ],
        "the organ line, paragraphs unchanged and paragraph 1 have no lens"
    );

    let written = execute(&mut client, "resolution-ls.exportToWord", &uri);
    let docx = folder.path().join("draft.res.docx");
    assert_eq!(written, json!(docx.display().to_string()));
    shown_message(&mut client, 3, "Exported to");
    let xml = document_xml(&docx);
    assert!(
        xml.contains("Encourages") && xml.contains("eighty"),
        "{xml}"
    );
    assert!(
        !xml.contains("<w:ins "),
        "a plain export has no tracked changes"
    );
    // Exporting again replaces the previous export of the same draft.
    assert_eq!(
        execute(&mut client, "resolution-ls.exportToWord", &uri),
        json!(docx.display().to_string())
    );

    let written = execute(&mut client, "resolution-ls.exportWithTrackedChanges", &uri);
    let tracked = folder.path().join("draft.res.tracked.docx");
    assert_eq!(written, json!(tracked.display().to_string()));
    let xml = document_xml(&tracked);
    assert!(xml.contains("<w:ins ") && xml.contains("<w:del "), "{xml}");
    assert!(xml.contains("Encourages"), "{xml}");

    // The base changes on disk: the lenses follow it.
    std::fs::write(folder.path().join("last-year.md"), DRAFT)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(lenses(&mut client, &uri), vec![]);
    shutdown(&mut client);
}

#[test]
fn without_a_readable_base_the_tracked_export_says_what_to_set() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let (mut client, root) = started_in(folder.path(), json!({}));
    let uri = format!("{root}/draft.res.md");
    open(&mut client, &uri, DRAFT);
    assert_eq!(lenses(&mut client, &uri), vec![], "no base, no lenses");
    let written = execute(&mut client, "resolution-ls.exportWithTrackedChanges", &uri);
    assert_eq!(written, Value::Null);
    let message = shown_message(&mut client, 1, "no base is set");
    assert!(message.contains("resolution.base"), "{message}");
    assert!(!folder.path().join("draft.res.tracked.docx").exists());

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"resolution": {"base": "missing.docx"}}}),
    );
    assert_eq!(lenses(&mut client, &uri), vec![]);
    shown_message(&mut client, 2, "missing.docx");
    let written = execute(&mut client, "resolution-ls.exportWithTrackedChanges", &uri);
    assert_eq!(written, Value::Null);
    shown_message(&mut client, 1, "cannot read the base");
    assert!(!folder.path().join("draft.res.tracked.docx").exists());
    shutdown(&mut client);
}
