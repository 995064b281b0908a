//! `resolution-ls/renumber`: the renumbering of the operative paragraphs (and of the
//! cross-references to them) as a workspace edit, for clients that bind a command to it.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{TextDocumentIdentifier, Uri, WorkspaceEdit};

use crate::fix::renumber::renumber_paragraphs_fix;
use crate::lsp::convert;
use crate::lsp::server::{Backend, guarded};
use crate::lsp::session::DocumentSnapshot;

pub async fn handle(
    backend: &Backend,
    params: TextDocumentIdentifier,
) -> Result<Option<WorkspaceEdit>> {
    Ok(renumber_edit(backend, &params.uri).await)
}

/// The renumbering of the document's current version; `None` when nothing changes or the
/// document is not open.
pub async fn renumber_edit(backend: &Backend, uri: &Uri) -> Option<WorkspaceEdit> {
    let document = backend.document(uri).await?;
    guarded("renumbering", || renumber(&document)).flatten()
}

fn renumber(document: &DocumentSnapshot) -> Option<WorkspaceEdit> {
    let fix = document.analysis.with_draft(renumber_paragraphs_fix)??;
    let edits = convert::text_edits(&document.snapshot, document.encoding, &fix.edits);
    Some(convert::workspace_edit(
        &document.snapshot,
        edits,
        document.client.versioned_edits,
    ))
}
