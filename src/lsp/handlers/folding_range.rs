//! `textDocument/foldingRange`: paragraphs with their subparagraphs, sections, annexes.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeParams};

use crate::ide;
use crate::lsp::convert;
use crate::lsp::server::{Backend, guarded};
use crate::lsp::session::DocumentSnapshot;

pub async fn handle(
    backend: &Backend,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    let Some(document) = backend.document(&params.text_document.uri).await else {
        return Ok(None);
    };
    Ok(guarded("folding", || folding_ranges(&document)).flatten())
}

fn folding_ranges(document: &DocumentSnapshot) -> Option<Vec<FoldingRange>> {
    document.analysis.with_draft(|draft| {
        ide::folding::folding_ranges(draft)
            .iter()
            .map(|(range, kind)| convert::folding_range(&document.snapshot, range, *kind))
            .collect()
    })
}
