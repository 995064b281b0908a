//! `workspace/didChangeConfiguration`: take the pushed `resolution` settings, or ask for them,
//! and apply them.

use serde_json::Value;
use tower_lsp_server::ls_types::DidChangeConfigurationParams;

use crate::lsp::server::Backend;

pub async fn handle(backend: &Backend, params: DidChangeConfigurationParams) {
    let pushed = match &params.settings {
        Value::Object(object) => object.get("resolution").cloned(),
        _ => None,
    };
    match pushed {
        Some(settings) => backend.state().client_settings = settings,
        None => backend.fetch_client_settings().await,
    }
    backend.reload_settings().await;
}
