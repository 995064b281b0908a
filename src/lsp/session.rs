//! The server's state: open documents, the client's abilities, the settings and what they
//! were read from, and the analyses of the documents' current versions (kept by `publish`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tower_lsp_server::ls_types::{ClientCapabilities, InitializeParams, Uri};

use super::base::{CachedHints, LoadedBase};
use super::documents::{DocumentStore, Snapshot};
use super::encoding::PositionEncoding;
use super::publish::CachedVersion;
use crate::config::{Config, SETTINGS_FILE_NAME, Settings, SettingsError};
use crate::diagnostic::Diagnostic;
use crate::drafts::PathSays;
use crate::ide::version_analysis::VersionAnalysis;

/// The state, shared by the handlers and the tasks that publish diagnostics.
pub type SharedState = Arc<Mutex<State>>;

/// Lock the state. A panic while the lock was held leaves the state as it was at the panic,
/// which is still a consistent set of documents: go on with it.
pub fn lock(state: &SharedState) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Default)]
pub struct State {
    pub documents: DocumentStore,
    pub encoding: PositionEncoding,
    pub root: Option<PathBuf>,
    pub initialization_options: Value,
    pub client_settings: Value,
    pub settings: Settings,
    pub config: Arc<Config>,
    /// The settings problems already shown, so that each is shown once.
    pub reported_settings_errors: Vec<String>,
    /// Bumped when the configuration changes, to invalidate cached analyses.
    pub config_generation: u64,
    pub client: ClientAbilities,
    /// The analyses of the current versions, by document.
    pub analyses: HashMap<Uri, CachedVersion>,
    /// Held while a document's current version is analysed, so that the requests that come
    /// meanwhile wait for that analysis rather than make their own.
    pub analysis_locks: HashMap<Uri, Arc<tokio::sync::Mutex<()>>>,
    /// For `checkOn: "save"`: the version last checked on open or save, per document.
    pub checked_on_save: HashMap<Uri, (Snapshot, Arc<Vec<Diagnostic>>)>,
    /// The `base` document as last read.
    pub base: Option<LoadedBase>,
    /// The hints of each document's current version against the base.
    pub base_hints: HashMap<Uri, CachedHints>,
    /// The last problem with the base that was shown, so that it is shown once.
    pub reported_base_problem: Option<String>,
}

/// What the client said it can do, in `initialize`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientAbilities {
    pub configuration: bool,
    pub snippets: bool,
    pub pull_diagnostics: bool,
    pub versioned_edits: bool,
    pub apply_edit: bool,
    pub code_lens_refresh: bool,
}

impl ClientAbilities {
    pub fn of(capabilities: &ClientCapabilities) -> ClientAbilities {
        let text_document = capabilities.text_document.as_ref();
        let workspace = capabilities.workspace.as_ref();
        ClientAbilities {
            configuration: workspace
                .and_then(|workspace| workspace.configuration)
                .unwrap_or(false),
            snippets: text_document
                .and_then(|document| document.completion.as_ref())
                .and_then(|completion| completion.completion_item.as_ref())
                .and_then(|item| item.snippet_support)
                .unwrap_or(false),
            // Only a client that also takes `workspace/diagnostic/refresh` can be left to pull:
            // the server must be able to tell it that a settings change made new findings
            // (Neovim 0.11 pulls, but takes no refresh).
            pull_diagnostics: text_document
                .and_then(|document| document.diagnostic.as_ref())
                .is_some()
                && workspace
                    .and_then(|workspace| workspace.diagnostics.as_ref())
                    .and_then(|diagnostic| diagnostic.refresh_support)
                    .unwrap_or(false),
            versioned_edits: workspace
                .and_then(|workspace| workspace.workspace_edit.as_ref())
                .and_then(|edit| edit.document_changes)
                .unwrap_or(false),
            apply_edit: workspace
                .and_then(|workspace| workspace.apply_edit)
                .unwrap_or(false),
            code_lens_refresh: workspace
                .and_then(|workspace| workspace.code_lens.as_ref())
                .and_then(|code_lens| code_lens.refresh_support)
                .unwrap_or(false),
        }
    }
}

/// A document at one version with its shared analysis: what a request handler reads.
pub struct DocumentSnapshot {
    pub snapshot: Snapshot,
    pub analysis: Arc<VersionAnalysis>,
    pub diagnostics: Arc<Vec<Diagnostic>>,
    pub encoding: PositionEncoding,
    pub config: Arc<Config>,
    pub client: ClientAbilities,
}

impl DocumentSnapshot {
    /// The byte offset of a protocol position.
    pub fn offset(&self, position: tower_lsp_server::ls_types::Position) -> usize {
        self.encoding
            .offset(&self.snapshot.text, &self.snapshot.lines, position)
    }

    /// The protocol range of a byte range.
    pub fn range(&self, range: &std::ops::Range<usize>) -> tower_lsp_server::ls_types::Range {
        self.encoding
            .range(&self.snapshot.text, &self.snapshot.lines, range)
    }
}

impl State {
    /// What the document's path says about whether it is a draft ([`crate::drafts`]). A
    /// document without a path (an unsaved buffer), or whose name is not Markdown's, was still
    /// opened as Markdown by the client: its text decides.
    pub fn path_says(&self, uri: &Uri) -> PathSays {
        let Some(path) = uri.to_file_path() else {
            return PathSays::ReadTheText;
        };
        match PathSays::of(&path, &self.settings, self.root.as_deref()) {
            PathSays::NotMarkdown => PathSays::ReadTheText,
            says => says,
        }
    }

    /// Recompute the settings from the file at the root, the initialization options and the
    /// client's configuration (in that order, later ones winning). Returns the problems not
    /// reported before, and whether the settings changed.
    pub fn reload_settings(&mut self) -> (Vec<String>, bool) {
        let mut settings = Settings::default();
        let mut errors: Vec<SettingsError> = Vec::new();
        if let Some(root) = &self.root {
            let path = root.join(SETTINGS_FILE_NAME);
            if let Ok(text) = std::fs::read_to_string(&path) {
                errors.extend(settings.merge_toml(&text, &path.display().to_string()));
            }
        }
        errors.extend(settings.merge_json(&self.initialization_options, "initializationOptions"));
        errors.extend(settings.merge_json(
            &self.client_settings,
            "workspace/configuration `resolution`",
        ));
        let (config, config_errors) = settings.to_config(self.root.as_deref());
        errors.extend(config_errors);
        let changed = settings != self.settings || config != *self.config;
        self.settings = settings;
        self.config = Arc::new(config);
        self.config_generation += 1;
        self.analyses.clear();
        let fresh: Vec<String> = errors
            .iter()
            .map(ToString::to_string)
            .filter(|error| !self.reported_settings_errors.contains(error))
            .collect();
        self.reported_settings_errors.extend(fresh.iter().cloned());
        (fresh, changed)
    }

    /// Forget a closed document.
    pub fn close(&mut self, uri: &Uri) {
        self.documents.close(uri);
        self.analyses.remove(uri);
        self.analysis_locks.remove(uri);
        self.checked_on_save.remove(uri);
        self.base_hints.remove(uri);
    }
}

/// The workspace root: the first workspace folder, else the root URI.
pub fn root_of(params: &InitializeParams) -> Option<PathBuf> {
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

/// Whether the document is the settings file, whose saving reloads the settings.
pub fn is_settings_file(uri: &Uri) -> bool {
    uri.to_file_path().is_some_and(|path| {
        path.file_name()
            .is_some_and(|name| name == SETTINGS_FILE_NAME)
    })
}
