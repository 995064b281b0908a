//! `initialize` and `initialized`: what the client can do, what the server offers, and the
//! settings.

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::code_action;
use super::execute_command::COMMANDS;
use crate::lsp::convert::SOURCE;
use crate::lsp::encoding::PositionEncoding;
use crate::lsp::server::Backend;
use crate::lsp::session::{ClientAbilities, root_of};

pub async fn handle(backend: &Backend, params: InitializeParams) -> Result<InitializeResult> {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_deref());
    let encoding = PositionEncoding::negotiate(offered);
    let abilities = ClientAbilities::of(&params.capabilities);
    {
        let mut state = backend.state();
        state.encoding = encoding;
        state.root = root_of(&params);
        state.client = abilities;
        state.initialization_options = params.initialization_options.unwrap_or(Value::Null);
    }
    backend.reload_settings().await;
    Ok(InitializeResult {
        capabilities: capabilities(encoding, abilities),
        server_info: Some(ServerInfo {
            name: "resolution-ls".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        offset_encoding: None,
    })
}

/// After `initialized`, the client can be asked for its settings.
pub async fn initialized(backend: &Backend) {
    backend.fetch_client_settings().await;
    backend.reload_settings().await;
}

fn capabilities(encoding: PositionEncoding, abilities: ClientAbilities) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..Default::default()
            },
        )),
        // Offered to clients that can be told to pull again; others get pushes.
        diagnostic_provider: abilities.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some(SOURCE.to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: Default::default(),
            })
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(code_action::kinds()),
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: COMMANDS.map(String::from).to_vec(),
            work_done_progress_options: Default::default(),
        }),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["*", "_", ">", "^", "/", " "].map(String::from).to_vec()),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        // The hints against the `base` setting; none while it is not set.
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        ..Default::default()
    }
}
