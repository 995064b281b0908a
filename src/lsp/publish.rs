//! The analysis of each document's current version, made once and kept for every request of
//! that version; diagnostics published after a quiet delay, or pulled by the client.

use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::Uri;

use super::documents::Snapshot;
use super::server::{Backend, guarded};
use super::session::{self, DocumentSnapshot, SharedState};
use super::{convert, memory};
use crate::config::CheckOn;
use crate::diagnostic::Diagnostic;
use crate::ide::version_analysis::{Rules, VersionAnalysis};

/// The analysis of a document's current version.
pub struct CachedVersion {
    version: i32,
    config_generation: u64,
    diagnostics: Arc<Vec<Diagnostic>>,
    /// The text, model and outline. `None` when nothing asked for them yet (Markdown that is
    /// not a draft is only read for a request), when the document is too large to read, or
    /// once the server went idle (see [`forget_models`]).
    analysis: Option<Arc<VersionAnalysis>>,
    /// The document is too large to be read at all.
    too_large: bool,
}

impl CachedVersion {
    /// The model of the document's last analysis, which may be of a version older than the
    /// current one by the edits since.
    pub fn model(&self) -> Option<&Arc<VersionAnalysis>> {
        self.analysis.as_ref()
    }
}

/// What a caller needs of the analysis.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The findings only: a document that is not a draft is not even read.
    Diagnostics,
    /// The draft model too, for an editor feature.
    Model,
}

/// A version's findings, with its text and lines; its model when it was asked for and the
/// document is not too large.
pub struct Analysed {
    pub snapshot: Snapshot,
    pub diagnostics: Arc<Vec<Diagnostic>>,
    pub analysis: Option<Arc<VersionAnalysis>>,
}

/// Drop the models of the analyses, keeping their findings: called when the server goes idle,
/// so that a document at rest costs little more than its text. The next request reads the
/// text again, once.
pub fn forget_models(state: &SharedState) {
    for cached in session::lock(state).analyses.values_mut() {
        cached.analysis = None;
    }
}

impl Backend {
    /// The analysis of the document's current version, from the cache or made now (and
    /// kept). `None` when the document is not open.
    pub async fn analysis(&self, uri: &Uri, need: Need) -> Option<Analysed> {
        memory::release_when_idle();
        let lock = self
            .state()
            .analysis_locks
            .entry(uri.clone())
            .or_default()
            .clone();
        let _analysing = lock.lock().await;
        let (text, version, config, generation, rules_run, previous, kept_diagnostics) = {
            let mut state = self.state();
            let version = state.documents.get(uri)?.version;
            let generation = state.config_generation;
            let cached = state.analyses.get_mut(uri).filter(|cached| {
                cached.version == version && cached.config_generation == generation
            });
            let kept_diagnostics = match cached {
                Some(cached)
                    if need == Need::Diagnostics
                        || cached.analysis.is_some()
                        || cached.too_large =>
                {
                    let diagnostics = cached.diagnostics.clone();
                    let analysis = cached.analysis.clone();
                    let snapshot = match &analysis {
                        Some(analysis) => state.documents.snapshot_of(
                            uri,
                            analysis.text().clone(),
                            version,
                            || analysis.lines(),
                        ),
                        None => state.documents.snapshot(uri)?,
                    };
                    return Some(Analysed {
                        snapshot,
                        diagnostics,
                        analysis,
                    });
                }
                // The findings are kept, the model was dropped at rest: read the text again
                // without running the rules.
                Some(cached) => Some(cached.diagnostics.clone()),
                None => None,
            };
            let (text, version) = state.documents.text(uri)?;
            let draft = state.path_says(uri).is_draft(&text);
            // The previous version's model, for reading this one again around its edit.
            let previous = state
                .analyses
                .remove(uri)
                .and_then(|cached| cached.analysis)
                .and_then(|analysis| Arc::try_unwrap(analysis).ok());
            (
                text,
                version,
                state.config.clone(),
                generation,
                draft && kept_diagnostics.is_none(),
                previous,
                kept_diagnostics,
            )
        };
        let too_large = crate::analysis::too_large(text.len()).is_some();
        let analysis = if too_large || (!rules_run && need == Need::Diagnostics) {
            None
        } else if text.len() < crate::analysis::TWO_THREADS_FROM_BYTES {
            // Quicker than handing it to another thread and back.
            drop(previous);
            let rules = if rules_run {
                Rules::Run(&config)
            } else {
                Rules::Skip
            };
            guarded("analysing", || VersionAnalysis::new(text.clone(), rules))
        } else {
            // Off the serving thread, which meanwhile goes on reading messages; on two threads,
            // and from the model of the previous version when it is still kept.
            let analysed = text.clone();
            tokio::task::spawn_blocking(move || {
                guarded("analysing", || {
                    let rules = if rules_run {
                        Rules::Run(&config)
                    } else {
                        Rules::Skip
                    };
                    VersionAnalysis::on_two_threads(analysed, rules, previous)
                })
            })
            .await
            .ok()
            .flatten()
        }
        .map(Arc::new);
        let diagnostics = match (kept_diagnostics, &analysis) {
            (Some(kept), _) => kept,
            (None, Some(analysis)) => analysis.diagnostics().clone(),
            (None, None) => Arc::new(Vec::new()),
        };
        let mut state = self.state();
        let snapshot = match &analysis {
            Some(analysis) => state
                .documents
                .snapshot_of(uri, text, version, || analysis.lines()),
            None => state.documents.snapshot_of(uri, text, version, || None),
        };
        // Kept even when a newer version came meanwhile: the lookup above will not take it for
        // that version, but its model is what the next analysis reads again from. No other
        // analysis of the document ran meanwhile (the lock), so nothing newer is replaced.
        if state.documents.get(uri).is_some() {
            state.analyses.insert(
                uri.clone(),
                CachedVersion {
                    version,
                    config_generation: generation,
                    diagnostics: diagnostics.clone(),
                    analysis: analysis.clone(),
                    too_large,
                },
            );
        }
        Some(Analysed {
            snapshot,
            diagnostics,
            analysis,
        })
    }

    /// The current version of a document with its model, for a request handler. `None` when
    /// the document is not open or too large to read.
    pub async fn document(&self, uri: &Uri) -> Option<DocumentSnapshot> {
        let analysed = self.analysis(uri, Need::Model).await?;
        let analysis = analysed.analysis?;
        let state = self.state();
        Some(DocumentSnapshot {
            snapshot: analysed.snapshot,
            analysis,
            diagnostics: analysed.diagnostics,
            encoding: state.encoding,
            config: state.config.clone(),
            client: state.client,
        })
    }

    /// Analyse the current version and publish it, unless a newer version came meanwhile.
    pub async fn publish_now(&self, uri: &Uri) {
        if self.state().client.pull_diagnostics {
            return;
        }
        let Some(analysed) = self.analysis(uri, Need::Diagnostics).await else {
            return;
        };
        self.publish(&analysed.snapshot, &analysed.diagnostics)
            .await;
    }

    async fn publish(&self, snapshot: &Snapshot, diagnostics: &[Diagnostic]) {
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

    /// Tell a closed document's diagnostics to go.
    pub async fn clear_diagnostics(&self, uri: Uri) {
        let _serialized = self.publish_lock.lock().await;
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    /// After `diagnosticsDelayMs` of quiet, analyse and publish.
    pub fn schedule(&self, uri: Uri, generation: u64) {
        let delay = self.state().settings.diagnostics_delay_ms;
        let backend = self.clone();
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

    /// After a settings change: push every open document's findings again, or ask a client
    /// that pulls to pull again (what `workspace/diagnostic/refresh` is for: a change the
    /// client cannot see).
    pub async fn recheck_all(&self) {
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

    /// On open and on save: keep the version's findings for `checkOn: "save"`, and push them
    /// to a client that does not pull. A client that pulls asks by itself on open and on save:
    /// a refresh would only make it pull twice.
    pub async fn check_on_open_or_save(&self, uri: &Uri) {
        // Kept only where it is used: otherwise it would hold on to an old copy of the text.
        if self.state().settings.check_on == CheckOn::Save
            && let Some(analysed) = self.analysis(uri, Need::Diagnostics).await
        {
            self.state()
                .checked_on_save
                .insert(uri.clone(), (analysed.snapshot, analysed.diagnostics));
        }
        self.publish_now(uri).await;
    }
}
