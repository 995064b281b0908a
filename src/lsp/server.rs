//! The backend: document store, settings, diagnostics (pushed after a quiet delay, or pulled),
//! and the request handlers, each a thin wrapper over the engine.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::convert::{self, SOURCE};
use super::documents::{ChangeRejected, DocumentStore, Snapshot};
use super::encoding::PositionEncoding;
use super::memory;
use crate::analysis::Analysis;
use crate::config::{CheckOn, Config, SETTINGS_FILE_NAME, Settings, SettingsError};
use crate::diagnostic::{Code, Diagnostic as EngineDiagnostic, Edit};
use crate::fix::renumber::renumber_paragraphs_fix;
use crate::ide;
use crate::syntax;
use crate::syntax::Blocks;

/// The code action kind of "Renumber paragraphs" as a source action.
const RENUMBER_KIND: &str = "source.renumber.resolution-ls";
const FIX_ALL_KIND: &str = "source.fixAll.resolution-ls";
const RENUMBER_COMMAND: &str = "resolution-ls.renumber";

pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    /// The blocks of the last analysis of each large document, for reading the next version
    /// again only around its edit.
    kept: KeptBlocks,
    /// Held while checking a result's version and publishing it, so that an older result can
    /// never be published after a newer one.
    publish_lock: Arc<tokio::sync::Mutex<()>>,
}

#[derive(Default)]
struct State {
    documents: DocumentStore,
    encoding: PositionEncoding,
    root: Option<PathBuf>,
    initialization_options: Value,
    client_settings: Value,
    settings: Settings,
    config: Arc<Config>,
    /// The settings problems already shown, so that each is shown once.
    reported_settings_errors: Vec<String>,
    /// Bumped when the configuration changes, to invalidate cached analyses.
    config_generation: u64,
    client: ClientAbilities,
    /// Analyses of the current versions, by document.
    analyses: HashMap<Uri, CachedAnalysis>,
    /// For `checkOn: "save"`: the version last checked on open or save, per document.
    checked_on_save: HashMap<Uri, (Snapshot, Arc<Vec<EngineDiagnostic>>)>,
}

#[derive(Clone, Copy, Default)]
struct ClientAbilities {
    configuration: bool,
    snippets: bool,
    pull_diagnostics: bool,
    versioned_edits: bool,
    apply_edit: bool,
}

/// The blocks of large documents' last analyses, by document. They are kept while the drafter
/// types and dropped when the server goes idle (see `memory`), so that a document at rest
/// costs only its text.
pub type KeptBlocks = Arc<Mutex<HashMap<Uri, Kept>>>;

/// A version's text and the blocks its analysis found.
pub struct Kept {
    text: Arc<String>,
    blocks: Blocks,
}

/// Drop every kept set of blocks.
pub fn forget_blocks(kept: &KeptBlocks) {
    kept.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clear();
}

#[derive(Clone)]
struct CachedAnalysis {
    version: i32,
    config_generation: u64,
    diagnostics: Arc<Vec<EngineDiagnostic>>,
}

impl Backend {
    pub fn new(client: Client, kept: KeptBlocks) -> Self {
        Backend {
            client,
            kept,
            state: Arc::new(Mutex::new(State::default())),
            publish_lock: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    fn kept(&self) -> MutexGuard<'_, HashMap<Uri, Kept>> {
        self.kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while the lock was held leaves the state as it was at the panic, which is
        // still a consistent set of documents: go on with it.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `resolution-ls/renumber`: the renumbering edit for a document, for clients that bind
    /// a command to it.
    pub async fn renumber_request(
        &self,
        params: TextDocumentIdentifier,
    ) -> Result<Option<WorkspaceEdit>> {
        Ok(self.renumber_edit(&params.uri))
    }

    fn renumber_edit(&self, uri: &Uri) -> Option<WorkspaceEdit> {
        let (snapshot, encoding, versioned) = {
            let mut state = self.state();
            let snapshot = state.documents.snapshot(uri)?;
            (snapshot, state.encoding, state.client.versioned_edits)
        };
        let fix = guarded("renumbering", || {
            renumber_paragraphs_fix(&syntax::parse(&snapshot.text))
        })??;
        let edits = convert::text_edits(&snapshot, encoding, &fix.edits);
        Some(convert::workspace_edit(&snapshot, edits, versioned))
    }

    /// Recompute the settings from the file at the root, the initialization options and the
    /// client's configuration (in that order, later ones winning), and report what was wrong.
    async fn reload_settings(&self) {
        let (errors, changed) = {
            let mut state = self.state();
            let mut settings = Settings::default();
            let mut errors: Vec<SettingsError> = Vec::new();
            if let Some(root) = state.root.clone() {
                let path = root.join(SETTINGS_FILE_NAME);
                if let Ok(text) = std::fs::read_to_string(&path) {
                    errors.extend(settings.merge_toml(&text, &path.display().to_string()));
                }
            }
            let initialization = state.initialization_options.clone();
            errors.extend(settings.merge_json(&initialization, "initializationOptions"));
            let client = state.client_settings.clone();
            errors.extend(settings.merge_json(&client, "workspace/configuration `resolution`"));
            let (config, config_errors) = settings.to_config(state.root.as_deref());
            errors.extend(config_errors);
            let changed = settings != state.settings || config != *state.config;
            state.settings = settings;
            state.config = Arc::new(config);
            state.config_generation += 1;
            state.analyses.clear();
            (errors, changed)
        };
        let new_errors: Vec<String> = {
            let mut state = self.state();
            let fresh: Vec<String> = errors
                .iter()
                .map(ToString::to_string)
                .filter(|error| !state.reported_settings_errors.contains(error))
                .collect();
            state.reported_settings_errors.extend(fresh.iter().cloned());
            fresh
        };
        for error in new_errors {
            self.client
                .show_message(MessageType::WARNING, format!("resolution-ls: {error}"))
                .await;
        }
        if changed {
            self.recheck_all().await;
        }
    }

    async fn fetch_client_settings(&self) {
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

    async fn recheck_all(&self) {
        let (uris, pull) = {
            let state = self.state();
            (
                state.documents.uris().cloned().collect::<Vec<_>>(),
                state.client.pull_diagnostics,
            )
        };
        if pull {
            let _ = self.client.workspace_diagnostic_refresh().await;
            return;
        }
        for uri in uris {
            self.publish_now(&uri).await;
        }
    }

    /// Whether the document is a draft (DESIGN.md §1): named `*.res.md`, matched by the
    /// `files` setting, or with an organ line.
    fn is_draft(state: &State, uri: &Uri, text: &str) -> bool {
        let path = uri.to_file_path().map(|path| path.into_owned());
        let name_says = path.as_ref().is_some_and(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().to_lowercase().ends_with(".res.md"))
        });
        let glob_says = match (&path, &state.root) {
            (Some(path), Some(root)) => path
                .strip_prefix(root)
                .is_ok_and(|relative| state.settings.files_match(relative)),
            (Some(path), None) => state.settings.files_match(path),
            _ => false,
        };
        name_says || glob_says || syntax::has_organ_line(text)
    }

    /// The diagnostics of the document's current version, from the cache or fresh.
    async fn analysis(&self, uri: &Uri) -> Option<(Snapshot, Arc<Vec<EngineDiagnostic>>)> {
        memory::release_when_idle();
        let (text, version, config, generation, draft) = {
            let mut state = self.state();
            let (text, version) = state.documents.text(uri)?;
            let generation = state.config_generation;
            let cached = state
                .analyses
                .get(uri)
                .filter(|cached| {
                    cached.version == version && cached.config_generation == generation
                })
                .map(|cached| cached.diagnostics.clone());
            if let Some(diagnostics) = cached {
                let snapshot = state.documents.snapshot_of(uri, text, version, None);
                return Some((snapshot, diagnostics));
            }
            let draft = Self::is_draft(&state, uri, &text);
            (text, version, state.config.clone(), generation, draft)
        };
        let too_large = crate::analysis::too_large(text.len()).is_some();
        let analysis = if !draft || too_large {
            None
        } else if text.len() < crate::analysis::TWO_THREADS_FROM_BYTES {
            // Quicker than handing it to another thread and back.
            guarded("analysing", || {
                crate::analysis::analyze_indexed(&text, &config)
            })
        } else {
            // Off the serving thread, which meanwhile goes on reading messages; on two threads,
            // and from the blocks of the last analysis when they are still kept.
            let previous = self.kept().remove(uri);
            let analysed = text.clone();
            let result = tokio::task::spawn_blocking(move || {
                guarded("analysing", || {
                    let previous = previous
                        .as_ref()
                        .map(|kept| (kept.text.as_str(), &kept.blocks));
                    crate::analysis::analyze_on_two_threads(&analysed, &config, previous)
                })
            })
            .await
            .ok()
            .flatten();
            result.map(|(analysis, blocks)| {
                let kept = Kept {
                    text: text.clone(),
                    blocks,
                };
                self.kept().insert(uri.clone(), kept);
                analysis
            })
        };
        let (diagnostics, lines) = match analysis {
            Some(Analysis { diagnostics, lines }) => (diagnostics, Some(lines)),
            None => (Vec::new(), None),
        };
        let diagnostics = Arc::new(diagnostics);
        let mut state = self.state();
        let snapshot = state.documents.snapshot_of(uri, text, version, lines);
        let current = state.documents.get(uri).map(|document| document.version);
        if current == Some(snapshot.version) && state.config_generation == generation {
            state.analyses.insert(
                uri.clone(),
                CachedAnalysis {
                    version: snapshot.version,
                    config_generation: generation,
                    diagnostics: diagnostics.clone(),
                },
            );
        }
        Some((snapshot, diagnostics))
    }

    /// Analyse the current version and publish it, unless a newer version came meanwhile.
    async fn publish_now(&self, uri: &Uri) {
        if self.state().client.pull_diagnostics {
            return;
        }
        let Some((snapshot, diagnostics)) = self.analysis(uri).await else {
            return;
        };
        self.publish(&snapshot, &diagnostics).await;
    }

    async fn publish(&self, snapshot: &Snapshot, diagnostics: &[EngineDiagnostic]) {
        let _serialized = self.publish_lock.lock().await;
        let (current, encoding) = {
            let state = self.state();
            (
                state
                    .documents
                    .get(&snapshot.uri)
                    .map(|document| document.version),
                state.encoding,
            )
        };
        if current != Some(snapshot.version) {
            return;
        }
        let converted = convert::diagnostics(snapshot, encoding, diagnostics);
        self.client
            .publish_diagnostics(snapshot.uri.clone(), converted, Some(snapshot.version))
            .await;
    }

    /// After `diagnosticsDelayMs` of quiet, analyse and publish.
    fn schedule(&self, uri: Uri, generation: u64) {
        let delay = self.state().settings.diagnostics_delay_ms;
        let backend = Backend {
            client: self.client.clone(),
            state: self.state.clone(),
            kept: self.kept.clone(),
            publish_lock: self.publish_lock.clone(),
        };
        tokio::spawn(async move {
            if delay > 0 {
                tokio::time::sleep(Duration::from_millis(delay)).await;
            }
            let still_current = backend
                .state()
                .documents
                .get(&uri)
                .is_some_and(|document| document.generation == generation);
            if still_current {
                backend.publish_now(&uri).await;
            }
        });
    }

    async fn check_on_open_or_save(&self, uri: &Uri) {
        // Kept only where it is used: otherwise it would hold on to an old copy of the text.
        if self.state().settings.check_on == CheckOn::Save
            && let Some((snapshot, diagnostics)) = self.analysis(uri).await
        {
            self.state()
                .checked_on_save
                .insert(uri.clone(), (snapshot, diagnostics));
        }
        if self.state().client.pull_diagnostics {
            let _ = self.client.workspace_diagnostic_refresh().await;
        } else {
            self.publish_now(uri).await;
        }
    }

    /// The current text of a document for an editor feature, unless it is too large to read.
    fn snapshot_and_draft(&self, uri: &Uri) -> Option<(Snapshot, PositionEncoding, Arc<Config>)> {
        memory::release_when_idle();
        let mut state = self.state();
        let snapshot = state.documents.snapshot(uri)?;
        if crate::analysis::too_large(snapshot.text.len()).is_some() {
            return None;
        }
        Some((snapshot, state.encoding, state.config.clone()))
    }

    fn code_actions(
        &self,
        params: &CodeActionParams,
        snapshot: &Snapshot,
        diagnostics: &[EngineDiagnostic],
    ) -> Vec<CodeActionOrCommand> {
        let (encoding, versioned, config) = {
            let state = self.state();
            (
                state.encoding,
                state.client.versioned_edits,
                state.config.clone(),
            )
        };
        let wanted = |kind: &CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|prefix| {
                    kind.as_str() == prefix.as_str()
                        || kind.as_str().starts_with(&format!("{}.", prefix.as_str()))
                })
            })
        };
        let start = encoding.offset(&snapshot.text, &snapshot.lines, params.range.start);
        let end = encoding
            .offset(&snapshot.text, &snapshot.lines, params.range.end)
            .max(start);
        let mut actions = Vec::new();
        let edit_for = |edits: &[Edit]| {
            convert::workspace_edit(
                snapshot,
                convert::text_edits(snapshot, encoding, edits),
                versioned,
            )
        };
        let touches = |diagnostic: &EngineDiagnostic| {
            diagnostic.range.start <= end && start <= diagnostic.range.end
        };
        if wanted(&CodeActionKind::QUICKFIX) {
            for diagnostic in diagnostics.iter().filter(|diagnostic| touches(diagnostic)) {
                let protocol_diagnostic = convert::diagnostic(snapshot, encoding, diagnostic);
                if let Some(fix) = &diagnostic.fix {
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: fix.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![protocol_diagnostic.clone()]),
                        edit: Some(edit_for(&fix.edits)),
                        // An unsafe fix puts a different word in: offered, never preferred,
                        // so that no "apply the preferred fix" key applies it unseen.
                        is_preferred: Some(fix.is_safe()),
                        ..Default::default()
                    }));
                }
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Disable {} for this line", diagnostic.code),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![protocol_diagnostic]),
                    edit: Some(edit_for(&[disable_comment(snapshot, diagnostic)])),
                    ..Default::default()
                }));
            }
        }
        let renumber_kind = CodeActionKind::new(RENUMBER_KIND);
        if wanted(&renumber_kind) || wanted(&CodeActionKind::QUICKFIX) {
            let misnumbered = diagnostics.iter().any(|diagnostic| {
                diagnostic.code == Code::MisnumberedParagraph && touches(diagnostic)
            });
            let offer = wanted(&renumber_kind) || misnumbered;
            if offer
                && let Some(Some(fix)) = guarded("renumbering", || {
                    renumber_paragraphs_fix(&syntax::parse(&snapshot.text))
                })
            {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Renumber paragraphs".to_string(),
                    kind: Some(renumber_kind),
                    edit: Some(edit_for(&fix.edits)),
                    ..Default::default()
                }));
            }
        }
        let fix_all_kind = CodeActionKind::new(FIX_ALL_KIND);
        if params.context.only.as_ref().is_some_and(|only| {
            only.iter().any(|kind| {
                kind.as_str() == "source"
                    || kind.as_str() == CodeActionKind::SOURCE_FIX_ALL.as_str()
                    || kind.as_str() == FIX_ALL_KIND
            })
        }) && diagnostics
            .iter()
            .any(|diagnostic| diagnostic.fix.is_some())
            && let Some(fixed) = guarded("fixing", || {
                crate::analysis::fix_all(
                    &snapshot.text,
                    &config,
                    crate::diagnostic::Applicability::Safe,
                )
            })
            && let Some(edit) = convert::minimal_edit(&snapshot.text, &fixed.text)
        {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all resolution-ls findings".to_string(),
                kind: Some(fix_all_kind),
                edit: Some(edit_for(&[edit])),
                ..Default::default()
            }));
        }
        actions
    }
}

/// The edit that silences one finding: a comment line before the line it starts on when that
/// line opens its paragraph, else a comment at the end of the line (a comment line inside a
/// paragraph would split it).
fn disable_comment(snapshot: &Snapshot, diagnostic: &EngineDiagnostic) -> Edit {
    let text = &snapshot.text;
    let line = snapshot.lines.line_of(diagnostic.range.start);
    let line_range = snapshot.lines.line_range(text, line);
    let previous_blank = line == 0
        || text[snapshot.lines.line_range(text, line - 1)]
            .trim()
            .is_empty();
    let line_text = &text[line_range.clone()];
    let opens_paragraph = previous_blank
        || line_text.trim_start().starts_with(|character: char| {
            character.is_ascii_digit() || character == '*' || character == '_' || character == '('
        });
    if opens_paragraph {
        let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let indent = &line_text[..line_text.len() - line_text.trim_start().len()];
        Edit::new(
            line_range.start..line_range.start,
            format!(
                "{indent}<!-- resolution-ls: disable-next-line {} -->{ending}",
                diagnostic.code
            ),
        )
    } else {
        Edit::new(
            line_range.end..line_range.end,
            format!(" <!-- resolution-ls: disable-line {} -->", diagnostic.code),
        )
    }
}

/// Run engine code, turning a panic into a logged failure (on stderr) instead of a dead
/// server.
fn guarded<T>(what: &str, work: impl FnOnce() -> T) -> Option<T> {
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

fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    if let Some(folder) = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
    {
        return folder.uri.to_file_path().map(|path| path.into_owned());
    }
    #[allow(deprecated)]
    params
        .root_uri
        .as_ref()
        .and_then(|uri| uri.to_file_path().map(|path| path.into_owned()))
}

fn is_settings_file(uri: &Uri) -> bool {
    uri.to_file_path().is_some_and(|path| {
        path.file_name()
            .is_some_and(|name| name == SETTINGS_FILE_NAME)
    })
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let capabilities = &params.capabilities;
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref());
        let encoding = PositionEncoding::negotiate(offered);
        let text_document = capabilities.text_document.as_ref();
        let abilities = ClientAbilities {
            configuration: capabilities
                .workspace
                .as_ref()
                .and_then(|workspace| workspace.configuration)
                .unwrap_or(false),
            snippets: text_document
                .and_then(|document| document.completion.as_ref())
                .and_then(|completion| completion.completion_item.as_ref())
                .and_then(|item| item.snippet_support)
                .unwrap_or(false),
            // Only a client that also takes `workspace/diagnostic/refresh` can be left to pull:
            // the server must be able to tell it that a save or a settings change made new
            // findings (Neovim 0.11 pulls, but only on open and change).
            pull_diagnostics: text_document
                .and_then(|document| document.diagnostic.as_ref())
                .is_some()
                && capabilities
                    .workspace
                    .as_ref()
                    .and_then(|workspace| workspace.diagnostics.as_ref())
                    .and_then(|diagnostic| diagnostic.refresh_support)
                    .unwrap_or(false),
            versioned_edits: capabilities
                .workspace
                .as_ref()
                .and_then(|workspace| workspace.workspace_edit.as_ref())
                .and_then(|edit| edit.document_changes)
                .unwrap_or(false),
            apply_edit: capabilities
                .workspace
                .as_ref()
                .and_then(|workspace| workspace.apply_edit)
                .unwrap_or(false),
        };
        {
            let mut state = self.state();
            state.encoding = encoding;
            state.root = root_of(&params);
            state.client = abilities;
            state.initialization_options =
                params.initialization_options.clone().unwrap_or(Value::Null);
        }
        self.reload_settings().await;
        let mut code_action_kinds = vec![
            CodeActionKind::QUICKFIX,
            CodeActionKind::new(RENUMBER_KIND),
            CodeActionKind::new(FIX_ALL_KIND),
        ];
        code_action_kinds.dedup();
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
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
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(code_action_kinds),
                        resolve_provider: Some(false),
                        work_done_progress_options: Default::default(),
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![RENUMBER_COMMAND.to_string()],
                    work_done_progress_options: Default::default(),
                }),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![
                        "*".into(),
                        "_".into(),
                        ">".into(),
                        "^".into(),
                        "/".into(),
                        " ".into(),
                    ]),
                    ..Default::default()
                }),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "resolution-ls".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.fetch_client_settings().await;
        self.reload_settings().await;
    }

    async fn shutdown(&self) -> Result<()> {
        super::mark_shutdown_requested();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        self.state()
            .documents
            .open(document.uri.clone(), document.text, document.version);
        self.check_on_open_or_save(&document.uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        // The edits go into the rope here, before any `.await`, so that they apply in the
        // order the client sent them.
        let (result, check_on) = {
            let mut state = self.state();
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
                    self.schedule(uri, generation);
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

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if is_settings_file(&params.text_document.uri) {
            self.reload_settings().await;
            return;
        }
        self.check_on_open_or_save(&params.text_document.uri).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let pull = {
            let mut state = self.state();
            let large = state
                .documents
                .get(&uri)
                .is_some_and(|document| document.len() >= memory::LARGE_DOCUMENT_BYTES);
            state.documents.close(&uri);
            state.analyses.remove(&uri);
            self.kept().remove(&uri);
            state.checked_on_save.remove(&uri);
            if large {
                crate::heap::give_back();
            }
            state.client.pull_diagnostics
        };
        if !pull {
            let _serialized = self.publish_lock.lock().await;
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pushed = match &params.settings {
            Value::Object(object) if object.contains_key("resolution") => {
                object.get("resolution").cloned()
            }
            _ => None,
        };
        match pushed {
            Some(settings) => self.state().client_settings = settings,
            None => self.fetch_client_settings().await,
        }
        self.reload_settings().await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let check_on = self.state().settings.check_on;
        let saved = self.state().checked_on_save.get(&uri).cloned();
        let Some((snapshot, fresh)) = self.analysis(&uri).await else {
            return Err(Error::invalid_params(format!(
                "{} is not open",
                uri.as_str()
            )));
        };
        // With `checkOn: "save"`, the findings of the saved version, at its positions.
        let (snapshot, diagnostics) = match (check_on, saved) {
            (CheckOn::Save, Some(saved)) => saved,
            _ => (snapshot, fresh),
        };
        let encoding = self.state().encoding;
        let items = convert::diagnostics(&snapshot, encoding, &diagnostics);
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some((snapshot, diagnostics)) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        let actions = guarded("building code actions", || {
            self.code_actions(&params, &snapshot, &diagnostics)
        })
        .unwrap_or_default();
        Ok(Some(actions))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        if params.command != RENUMBER_COMMAND {
            return Err(Error::invalid_params(format!(
                "unknown command `{}`",
                params.command
            )));
        }
        let uri = params
            .arguments
            .first()
            .and_then(|argument| {
                argument.as_str().map(str::to_string).or_else(|| {
                    argument
                        .get("uri")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
            })
            .and_then(|text| text.parse::<Uri>().ok());
        let Some(uri) = uri else {
            return Err(Error::invalid_params(
                "expected the document's URI as the first argument",
            ));
        };
        let Some(edit) = self.renumber_edit(&uri) else {
            return Ok(None);
        };
        if self.state().client.apply_edit {
            let _ = self.client.apply_edit(edit).await;
            Ok(None)
        } else {
            Ok(serde_json::to_value(edit).ok())
        }
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some((snapshot, encoding, _)) = self.snapshot_and_draft(&params.text_document.uri)
        else {
            return Ok(None);
        };
        let symbols = guarded("building the outline", || {
            let draft = syntax::parse(&snapshot.text);
            ide::outline::outline(&draft)
                .iter()
                .map(|item| convert::document_symbol(&snapshot, encoding, item))
                .collect::<Vec<_>>()
        });
        Ok(symbols.map(DocumentSymbolResponse::Nested))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some((snapshot, _, _)) = self.snapshot_and_draft(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(guarded("folding", || {
            let draft = syntax::parse(&snapshot.text);
            ide::folding::folding_ranges(&draft)
                .iter()
                .map(|(range, kind)| convert::folding_range(&snapshot, range, *kind))
                .collect()
        }))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params;
        let Some((snapshot, encoding, _)) = self.snapshot_and_draft(&position.text_document.uri)
        else {
            return Ok(None);
        };
        let offset = encoding.offset(&snapshot.text, &snapshot.lines, position.position);
        let target = guarded("finding the definition", || {
            ide::navigation::definition(&syntax::parse(&snapshot.text), offset)
        })
        .flatten();
        Ok(target.map(|range| {
            GotoDefinitionResponse::Scalar(Location {
                uri: snapshot.uri.clone(),
                range: encoding.range(&snapshot.text, &snapshot.lines, &range),
            })
        }))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position;
        let Some((snapshot, encoding, _)) = self.snapshot_and_draft(&position.text_document.uri)
        else {
            return Ok(None);
        };
        let offset = encoding.offset(&snapshot.text, &snapshot.lines, position.position);
        let include = params.context.include_declaration;
        let found = guarded("finding references", || {
            ide::navigation::references(&syntax::parse(&snapshot.text), offset, include)
        })
        .unwrap_or_default();
        Ok(Some(
            found
                .iter()
                .map(|range| Location {
                    uri: snapshot.uri.clone(),
                    range: encoding.range(&snapshot.text, &snapshot.lines, range),
                })
                .collect(),
        ))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position;
        let Some((snapshot, encoding, config)) =
            self.snapshot_and_draft(&position.text_document.uri)
        else {
            return Ok(None);
        };
        let (snippets, other_symbols) = {
            let mut state = self.state();
            let uris: Vec<Uri> = state
                .documents
                .uris()
                .filter(|uri| **uri != position.text_document.uri)
                .cloned()
                .collect();
            let mut symbols = Vec::new();
            for uri in uris.iter().take(50) {
                if let Some(other) = state.documents.snapshot(uri) {
                    let mut found = Vec::new();
                    syntax::symbols::scan(&other.text, 0..other.text.len(), &mut found);
                    symbols.extend(
                        found
                            .iter()
                            .map(|symbol| other.text[symbol.range.range()].to_string()),
                    );
                }
            }
            (state.client.snippets, symbols)
        };
        let offset = encoding.offset(&snapshot.text, &snapshot.lines, position.position);
        let items = guarded("completing", || {
            let draft = syntax::parse(&snapshot.text);
            ide::completion::complete(&draft, offset, &config, &other_symbols)
                .into_iter()
                .map(|item| convert::completion_item(&snapshot, encoding, item, snippets))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let Some((snapshot, encoding, _)) = self.snapshot_and_draft(&position.text_document.uri)
        else {
            return Ok(None);
        };
        let offset = encoding.offset(&snapshot.text, &snapshot.lines, position.position);
        let found = guarded("hovering", || {
            ide::hover::hover(&syntax::parse(&snapshot.text), offset)
        })
        .flatten();
        Ok(found.map(|(range, markdown)| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(encoding.range(&snapshot.text, &snapshot.lines, &range)),
        }))
    }
}
