//! `textDocument/completion`: openers for the part the cursor is in, the next footnote number,
//! symbols used here and in other open drafts (see `ide::completion`).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CompletionParams, CompletionResponse, Position, Uri};

use crate::ide;
use crate::lsp::convert;
use crate::lsp::server::{Backend, guarded};
use crate::lsp::session::DocumentSnapshot;
use crate::syntax;

/// The most other open documents whose symbols are offered.
const OTHER_DOCUMENTS_READ: usize = 50;

pub async fn handle(
    backend: &Backend,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let position = params.text_document_position;
    let Some(document) = backend.document(&position.text_document.uri).await else {
        return Ok(None);
    };
    let other_symbols = other_symbols(backend, &position.text_document.uri);
    let items = guarded("completing", || {
        completion(&document, position.position, &other_symbols)
    });
    Ok(Some(CompletionResponse::Array(items.unwrap_or_default())))
}

fn completion(
    document: &DocumentSnapshot,
    position: Position,
    other_symbols: &[String],
) -> Vec<tower_lsp_server::ls_types::CompletionItem> {
    let offset = document.offset(position);
    let items = document
        .analysis
        .with_draft(|draft| {
            ide::completion::complete(draft, offset, &document.config, other_symbols)
        })
        .unwrap_or_default();
    items
        .into_iter()
        .map(|item| {
            convert::completion_item(
                &document.snapshot,
                document.encoding,
                item,
                document.client.snippets,
            )
        })
        .collect()
}

/// The document symbols used in the other open documents: from their kept analyses, else
/// scanned from their text.
fn other_symbols(backend: &Backend, uri: &Uri) -> Vec<String> {
    let mut state = backend.state();
    let others: Vec<Uri> = state
        .documents
        .uris()
        .filter(|other| *other != uri)
        .take(OTHER_DOCUMENTS_READ)
        .cloned()
        .collect();
    let mut symbols = Vec::new();
    for other in &others {
        let analysed = state
            .analyses
            .get(other)
            .and_then(|cached| cached.model())
            .and_then(|analysis| {
                analysis.with_draft(|draft| {
                    draft
                        .symbols
                        .iter()
                        .map(|symbol| draft.slice(symbol.range).to_string())
                        .collect::<Vec<_>>()
                })
            });
        match analysed {
            Some(found) => symbols.extend(found),
            None => {
                if let Some(snapshot) = state.documents.snapshot(other) {
                    let mut found = Vec::new();
                    syntax::symbols::scan(&snapshot.text, 0..snapshot.text.len(), &mut found);
                    symbols.extend(
                        found
                            .iter()
                            .map(|symbol| snapshot.text[symbol.range.range()].to_string()),
                    );
                }
            }
        }
    }
    symbols
}
