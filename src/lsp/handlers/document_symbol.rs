//! `textDocument/documentSymbol`: the outline, made once per version (see `ide::outline`).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentSymbolParams, DocumentSymbolResponse};

use crate::lsp::convert;
use crate::lsp::server::{Backend, guarded};
use crate::lsp::session::DocumentSnapshot;

pub async fn handle(
    backend: &Backend,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let Some(document) = backend.document(&params.text_document.uri).await else {
        return Ok(None);
    };
    Ok(guarded("building the outline", || {
        document_symbols(&document)
    }))
}

fn document_symbols(document: &DocumentSnapshot) -> DocumentSymbolResponse {
    DocumentSymbolResponse::Nested(
        document
            .analysis
            .outline()
            .iter()
            .map(|item| convert::document_symbol(&document.snapshot, document.encoding, item))
            .collect(),
    )
}
