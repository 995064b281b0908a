//! `textDocument/codeLens`: with the `base` setting, a line above each paragraph that is new,
//! moved or changed against the base ("changed since the base: 3 words added"), so the drafter
//! sees what the tracked-changes export will show. The lenses only inform: their command is
//! empty, which clients show as plain text.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CodeLens, CodeLensParams, Command};

use crate::lsp::server::Backend;

pub async fn handle(backend: &Backend, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
    let uri = params.text_document.uri;
    let Some(base_path) = backend.base_path(&uri) else {
        return Ok(None);
    };
    let Some(document) = backend.document(&uri).await else {
        return Ok(None);
    };
    if !backend
        .state()
        .path_says(&uri)
        .is_draft(&document.snapshot.text)
    {
        return Ok(None);
    }
    let base = match backend.base_document(&base_path).await {
        Ok(base) => base,
        Err(message) => {
            backend.report_base_problem(&message).await;
            return Ok(None);
        }
    };
    let hints = backend.base_hints(&document, &base);
    let lenses = hints
        .iter()
        .map(|hint| CodeLens {
            range: document.range(&hint.range),
            command: Some(Command {
                title: hint.label.clone(),
                command: String::new(),
                arguments: None,
            }),
            data: None,
        })
        .collect();
    Ok(Some(lenses))
}
