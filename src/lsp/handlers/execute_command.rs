//! `workspace/executeCommand`: `resolution-ls.renumber`, with the document's URI, renumbers
//! its operative paragraphs through `workspace/applyEdit` (or answers the edit to a client
//! that cannot be asked to apply one).

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, Uri};

use super::renumber::renumber_edit;
use crate::lsp::server::Backend;

/// The command that renumbers a document's operative paragraphs.
pub const RENUMBER_COMMAND: &str = "resolution-ls.renumber";

pub async fn handle(backend: &Backend, params: ExecuteCommandParams) -> Result<Option<Value>> {
    if params.command != RENUMBER_COMMAND {
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
