//! The backend: the session, and each message handed to its handler (`handlers/`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, MutexGuard};

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::handlers;
use super::session::{self, SharedState, State};

#[derive(Clone)]
pub struct Backend {
    pub client: Client,
    state: SharedState,
    /// Held while checking a result's version and publishing it, so that an older result can
    /// never be published after a newer one.
    pub publish_lock: Arc<tokio::sync::Mutex<()>>,
}

impl Backend {
    pub fn new(client: Client, state: SharedState) -> Self {
        Backend {
            client,
            state,
            publish_lock: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        session::lock(&self.state)
    }

    /// `resolution-ls/renumber`.
    pub async fn renumber_request(
        &self,
        params: TextDocumentIdentifier,
    ) -> Result<Option<WorkspaceEdit>> {
        handlers::renumber::handle(self, params).await
    }

    /// Read the settings again, show the problems not shown before, and check every document
    /// again when they changed.
    pub async fn reload_settings(&self) {
        let (new_errors, changed) = self.state().reload_settings();
        for error in new_errors {
            self.client
                .show_message(MessageType::WARNING, format!("resolution-ls: {error}"))
                .await;
        }
        if changed {
            self.recheck_all().await;
            // The `base` may have changed: the hints against it are asked for again.
            if self.state().client.code_lens_refresh {
                let _ = self.client.code_lens_refresh().await;
            }
        }
    }

    /// Ask the client for its `resolution` settings, when it can be asked.
    pub async fn fetch_client_settings(&self) {
        if !self.state().client.configuration {
            return;
        }
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("resolution".to_string()),
        }];
        if let Ok(mut values) = self.client.configuration(items).await
            && let Some(value) = values.pop()
        {
            self.state().client_settings = value;
        }
    }
}

/// Run engine code, turning a panic into a logged failure (on stderr) instead of a dead
/// server.
pub fn guarded<T>(what: &str, work: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(value) => Some(value),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown panic");
            eprintln!("resolution-ls: internal error while {what}: {message}");
            None
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        handlers::initialize::handle(self, params).await
    }

    async fn initialized(&self, _: InitializedParams) {
        handlers::initialize::initialized(self).await;
    }

    async fn shutdown(&self) -> Result<()> {
        super::mark_shutdown_requested();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        handlers::did_open::handle(self, params).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        handlers::did_change::handle(self, params).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        handlers::did_save::handle(self, params).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        handlers::did_close::handle(self, params).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        handlers::did_change_configuration::handle(self, params).await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        handlers::diagnostic::handle(self, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        handlers::code_action::handle(self, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        handlers::execute_command::handle(self, params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        handlers::code_lens::handle(self, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        handlers::document_symbol::handle(self, params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        handlers::folding_range::handle(self, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        handlers::definition::handle(self, params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        handlers::references::handle(self, params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        handlers::completion::handle(self, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        handlers::hover::handle(self, params).await
    }
}
