//! `textDocument/definition`: from a footnote marker to its text, from "paragraph 5 above" to
//! paragraph 5.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    GotoDefinitionParams, GotoDefinitionResponse, Location, Position,
};

use crate::ide;
use crate::lsp::server::{Backend, guarded};
use crate::lsp::session::DocumentSnapshot;

pub async fn handle(
    backend: &Backend,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let position = params.text_document_position_params;
    let Some(document) = backend.document(&position.text_document.uri).await else {
        return Ok(None);
    };
    Ok(guarded("finding the definition", || {
        definition(&document, position.position)
    })
    .flatten())
}

fn definition(document: &DocumentSnapshot, position: Position) -> Option<GotoDefinitionResponse> {
    let offset = document.offset(position);
    let target = document
        .analysis
        .with_draft(|draft| ide::navigation::definition(draft, offset))??;
    Some(GotoDefinitionResponse::Scalar(Location {
        uri: document.snapshot.uri.clone(),
        range: document.range(&target),
    }))
}
