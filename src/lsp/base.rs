//! The `base` setting in the server: the base document, read again only when its file changes,
//! and each draft version's hints against it, computed once per version and base.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use tower_lsp_server::ls_types::{MessageType, Uri};

use super::server::{Backend, guarded};
use super::session::DocumentSnapshot;
use crate::word::Document;
use crate::word::files::read_base;
use crate::word::summary::{self, Hint};

/// What identifies a version of the base's file.
type Stamp = Option<(SystemTime, u64)>;

/// The base as last read.
pub struct LoadedBase {
    path: PathBuf,
    stamp: Stamp,
    document: Arc<Document>,
}

/// A document version's hints against a base.
pub struct CachedHints {
    version: i32,
    base: Arc<Document>,
    hints: Arc<Vec<Hint>>,
}

fn stamp_of(path: &Path) -> Stamp {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// The base's path: the setting as written when absolute, else taken from the workspace root,
/// or from the draft's folder when there is no workspace.
pub fn resolve(setting: &str, root: Option<&Path>, draft: Option<&Path>) -> PathBuf {
    let path = Path::new(setting);
    if path.is_absolute() {
        return path.to_path_buf();
    }
    match (root, draft.and_then(Path::parent)) {
        (Some(root), _) => root.join(path),
        (None, Some(folder)) => folder.join(path),
        (None, None) => path.to_path_buf(),
    }
}

impl Backend {
    /// The base set for this document, if any.
    pub fn base_path(&self, uri: &Uri) -> Option<PathBuf> {
        let state = self.state();
        let setting = state.settings.base.as_deref()?;
        let draft = uri.to_file_path();
        Some(resolve(setting, state.root.as_deref(), draft.as_deref()))
    }

    /// The base document, from the cache while its file is unchanged.
    pub async fn base_document(&self, path: &Path) -> Result<Arc<Document>, String> {
        let stamp = stamp_of(path);
        {
            let state = self.state();
            if let Some(loaded) = &state.base
                && loaded.path == path
                && stamp.is_some()
                && loaded.stamp == stamp
            {
                return Ok(loaded.document.clone());
            }
        }
        let shown = path.display().to_string();
        let owned = path.to_path_buf();
        let read = tokio::task::spawn_blocking(move || {
            guarded("reading the base", || read_base(&owned, &shown))
        })
        .await;
        let document = match read {
            Ok(Some(result)) => Arc::new(result?),
            _ => return Err(format!("{}: the base could not be read", path.display())),
        };
        let mut state = self.state();
        state.base = Some(LoadedBase {
            path: path.to_path_buf(),
            stamp,
            document: document.clone(),
        });
        // A problem shown before is shown again if it comes back.
        state.reported_base_problem = None;
        Ok(document)
    }

    /// The hints of the document's version against the base.
    pub fn base_hints(&self, document: &DocumentSnapshot, base: &Arc<Document>) -> Arc<Vec<Hint>> {
        let uri = &document.snapshot.uri;
        let version = document.snapshot.version;
        if let Some(cached) = self.state().base_hints.get(uri)
            && cached.version == version
            && Arc::ptr_eq(&cached.base, base)
        {
            return cached.hints.clone();
        }
        let hints = guarded("comparing with the base", || {
            document
                .analysis
                .with_draft(|draft| summary::hints(draft, base))
        })
        .flatten()
        .unwrap_or_default();
        let hints = Arc::new(hints);
        self.state().base_hints.insert(
            uri.clone(),
            CachedHints {
                version,
                base: base.clone(),
                hints: hints.clone(),
            },
        );
        hints
    }

    /// Show a problem with the base once (until another one comes).
    pub async fn report_base_problem(&self, message: &str) {
        let fresh = {
            let mut state = self.state();
            let fresh = state.reported_base_problem.as_deref() != Some(message);
            state.reported_base_problem = Some(message.to_string());
            fresh
        };
        if fresh {
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!(
                        "resolution-ls: {message}. Set `base` to the base document's path (a .docx, .pdf or .md, relative to the workspace folder)."
                    ),
                )
                .await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_found_from_the_root_else_beside_the_draft() {
        let root = Path::new("/work/drafts");
        let draft = Path::new("/home/me/hrc/draft.res.md");
        assert_eq!(
            resolve("bases/last.docx", Some(root), Some(draft)),
            PathBuf::from("/work/drafts/bases/last.docx")
        );
        assert_eq!(
            resolve("last.docx", None, Some(draft)),
            PathBuf::from("/home/me/hrc/last.docx")
        );
        assert_eq!(
            resolve("/srv/last.docx", Some(root), Some(draft)),
            PathBuf::from("/srv/last.docx")
        );
    }
}
