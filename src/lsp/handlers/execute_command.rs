//! `workspace/executeCommand`: `resolution-ls.renumber`, with the document's URI, renumbers
//! its operative paragraphs through `workspace/applyEdit` (or answers the edit to a client
//! that cannot be asked to apply one); `resolution-ls.exportToWord` and
//! `resolution-ls.exportWithTrackedChanges` write the draft as a Word document (`export`).

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, Uri};

use super::export::{self, Export};
use super::renumber::renumber_edit;
use crate::lsp::server::Backend;

/// The command that renumbers a document's operative paragraphs.
pub const RENUMBER_COMMAND: &str = "resolution-ls.renumber";
/// The command that writes the draft as a Word document beside it.
pub const EXPORT_COMMAND: &str = "resolution-ls.exportToWord";
/// The command that writes the draft's changes against the `base` as Word tracked changes.
pub const EXPORT_TRACKED_COMMAND: &str = "resolution-ls.exportWithTrackedChanges";

/// Every command, as advertised in `executeCommandProvider`.
pub const COMMANDS: [&str; 3] = [RENUMBER_COMMAND, EXPORT_COMMAND, EXPORT_TRACKED_COMMAND];

pub async fn handle(backend: &Backend, params: ExecuteCommandParams) -> Result<Option<Value>> {
    if !COMMANDS.contains(&params.command.as_str()) {
        return Err(Error::invalid_params(format!(
            "unknown command `{}`",
            params.command
        )));
    }
    let Some(uri) = params.arguments.first().and_then(document_uri) else {
        return Err(Error::invalid_params(
            "expected the document's URI as the first argument",
        ));
    };
    match params.command.as_str() {
        EXPORT_COMMAND => return Ok(export::handle(backend, &uri, Export::Plain).await),
        EXPORT_TRACKED_COMMAND => {
            return Ok(export::handle(backend, &uri, Export::TrackedChanges).await);
        }
        _ => {}
    }
    let Some(edit) = renumber_edit(backend, &uri).await else {
        return Ok(None);
    };
    if backend.state().client.apply_edit {
        let _ = backend.client.apply_edit(edit).await;
        Ok(None)
    } else {
        Ok(serde_json::to_value(edit).ok())
    }
}

/// The URI an argument names: a string, or an object with a `uri`.
fn document_uri(argument: &Value) -> Option<Uri> {
    let text = argument
        .as_str()
        .or_else(|| argument.get("uri").and_then(Value::as_str))?;
    text.parse().ok()
}
