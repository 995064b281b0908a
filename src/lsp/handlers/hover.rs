//! `textDocument/hover`: what the thing under the cursor is (see `ide::hover`).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    Hover, HoverContents, HoverParams, MarkupContent, MarkupKind, Position,
};

use crate::ide;
use crate::lsp::server::{Backend, guarded};
use crate::lsp::session::DocumentSnapshot;

pub async fn handle(backend: &Backend, params: HoverParams) -> Result<Option<Hover>> {
    let position = params.text_document_position_params;
    let Some(document) = backend.document(&position.text_document.uri).await else {
        return Ok(None);
    };
    Ok(guarded("hovering", || hover(&document, position.position)).flatten())
}

fn hover(document: &DocumentSnapshot, position: Position) -> Option<Hover> {
    let offset = document.offset(position);
    let (range, markdown) = document
        .analysis
        .with_draft(|draft| ide::hover::hover(draft, offset))??;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(document.range(&range)),
    })
}
