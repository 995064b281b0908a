//! `textDocument/didChange`: apply the edits, and check the new version after a quiet delay
//! (with `checkOn: "change"`).

use tower_lsp_server::ls_types::DidChangeTextDocumentParams;

use crate::config::CheckOn;
use crate::lsp::documents::ChangeRejected;
use crate::lsp::server::Backend;

pub async fn handle(backend: &Backend, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    // The edits go into the rope here, before any `.await`, so that they apply in the order
    // the client sent them.
    let (result, check_on) = {
        let mut state = backend.state();
        let encoding = state.encoding;
        let result = state.documents.change(
            &uri,
            params.text_document.version,
            &params.content_changes,
            encoding,
        );
        (result, state.settings.check_on)
    };
    match result {
        Ok(generation) => {
            if check_on == CheckOn::Change {
                backend.schedule(uri, generation);
            }
        }
        Err(ChangeRejected::UnknownDocument) => {
            eprintln!(
                "resolution-ls: ignored a change to {}, which is not open",
                uri.as_str()
            );
        }
        Err(ChangeRejected::StaleVersion { have, got }) => {
            eprintln!(
                "resolution-ls: ignored version {got} of {}, not newer than version {have}",
                uri.as_str()
            );
        }
    }
}
