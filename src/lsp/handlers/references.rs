//! `textDocument/references`: the markers of a footnote, the references to a paragraph.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Location, Position, ReferenceParams};

use crate::ide;
use crate::lsp::server::{Backend, guarded};
use crate::lsp::session::DocumentSnapshot;

pub async fn handle(backend: &Backend, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let position = params.text_document_position;
    let Some(document) = backend.document(&position.text_document.uri).await else {
        return Ok(None);
    };
    let include = params.context.include_declaration;
    let found = guarded("finding references", || {
        references(&document, position.position, include)
    });
    Ok(Some(found.unwrap_or_default()))
}

fn references(document: &DocumentSnapshot, position: Position, include: bool) -> Vec<Location> {
    let offset = document.offset(position);
    let found = document
        .analysis
        .with_draft(|draft| ide::navigation::references(draft, offset, include))
        .unwrap_or_default();
    found
        .iter()
        .map(|range| Location {
            uri: document.snapshot.uri.clone(),
            range: document.range(range),
        })
        .collect()
}
