//! `textDocument/didOpen`: keep the text, check it.

use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

use crate::lsp::server::Backend;

pub async fn handle(backend: &Backend, params: DidOpenTextDocumentParams) {
    let document = params.text_document;
    backend
        .state()
        .documents
        .open(document.uri.clone(), document.text, document.version);
    backend.check_on_open_or_save(&document.uri).await;
}
