//! `textDocument/didSave`: a saved settings file is read again; a saved draft is checked
//! (what `checkOn: "save"` waits for).

use tower_lsp_server::ls_types::DidSaveTextDocumentParams;

use crate::lsp::server::Backend;
use crate::lsp::session::is_settings_file;

pub async fn handle(backend: &Backend, params: DidSaveTextDocumentParams) {
    let uri = params.text_document.uri;
    if is_settings_file(&uri) {
        backend.reload_settings().await;
        return;
    }
    backend.check_on_open_or_save(&uri).await;
}
