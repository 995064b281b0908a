//! `textDocument/didClose`: forget the document, clear its diagnostics, and give a large
//! document's memory back.

use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

use crate::lsp::memory;
use crate::lsp::server::Backend;

pub async fn handle(backend: &Backend, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    let pull = {
        let mut state = backend.state();
        let large = state
            .documents
            .get(&uri)
            .is_some_and(|document| document.len() >= memory::LARGE_DOCUMENT_BYTES);
        state.close(&uri);
        if large {
            crate::process_heap::give_back();
        }
        state.client.pull_diagnostics
    };
    if !pull {
        backend.clear_diagnostics(uri).await;
    }
}
