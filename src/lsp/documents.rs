//! Open documents: the text of each, edited in place by incremental changes and shared, not
//! copied, with the analyses that read a version of it.

use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::encoding::PositionEncoding;
use crate::syntax::{LineIndex, floor_char_boundary};

/// The text of a document at one version, shared by the analyses that read it.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<String>,
    pub lines: Arc<LineIndex>,
}

#[derive(Debug)]
pub struct Document {
    /// Edited in place while no snapshot holds it; copied first when one does.
    text: Arc<String>,
    /// The lines of `text`, once asked for since the last change.
    lines: Option<Arc<LineIndex>>,
    pub version: i32,
    /// Bumped on every change, so that a delayed analysis can tell it is out of date.
    pub generation: u64,
}

impl Document {
    fn lines(&mut self) -> Arc<LineIndex> {
        let text = &self.text;
        self.lines
            .get_or_insert_with(|| Arc::new(LineIndex::new(text)))
            .clone()
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }
}

/// Why a change was not applied.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeRejected {
    UnknownDocument,
    /// The version is not newer than the one the server has.
    StaleVersion {
        have: i32,
        got: i32,
    },
}

#[derive(Debug, Default)]
pub struct DocumentStore {
    documents: HashMap<Uri, Document>,
}

impl DocumentStore {
    pub fn open(&mut self, uri: Uri, text: impl Into<String>, version: i32) {
        self.documents.insert(
            uri,
            Document {
                text: Arc::new(text.into()),
                lines: None,
                version,
                generation: 0,
            },
        );
    }

    pub fn close(&mut self, uri: &Uri) -> bool {
        self.documents.remove(uri).is_some()
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.documents.get(uri)
    }

    pub fn uris(&self) -> impl Iterator<Item = &Uri> {
        self.documents.keys()
    }

    /// Apply changes in order. A change whose version is not newer than the document's is
    /// dropped whole; full-text changes replace the text. Positions past the end of a line or
    /// of the text are clamped to it.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) -> Result<u64, ChangeRejected> {
        let document = self
            .documents
            .get_mut(uri)
            .ok_or(ChangeRejected::UnknownDocument)?;
        if version <= document.version {
            return Err(ChangeRejected::StaleVersion {
                have: document.version,
                got: version,
            });
        }
        for change in changes {
            match change.range {
                Some(range) => {
                    let lines = document.lines();
                    let text = &document.text;
                    let start = encoding.offset(text, &lines, range.start);
                    let end = encoding.offset(text, &lines, range.end).max(start);
                    let start = floor_char_boundary(text, start);
                    let end = floor_char_boundary(text, end);
                    Arc::make_mut(&mut document.text).replace_range(start..end, &change.text);
                }
                None => document.text = Arc::new(change.text.clone()),
            }
            document.lines = None;
        }
        document.version = version;
        document.generation += 1;
        Ok(document.generation)
    }

    /// The document's text and version, without indexing its lines.
    pub fn text(&self, uri: &Uri) -> Option<(Arc<String>, i32)> {
        let document = self.documents.get(uri)?;
        Some((document.text.clone(), document.version))
    }

    /// The document's text at its current version.
    pub fn snapshot(&mut self, uri: &Uri) -> Option<Snapshot> {
        let document = self.documents.get_mut(uri)?;
        Some(Snapshot {
            uri: uri.clone(),
            version: document.version,
            lines: document.lines(),
            text: document.text.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn uri() -> Uri {
        "file:///tmp/draft.res.md"
            .parse()
            .unwrap_or_else(|_| panic!("uri"))
    }

    fn edit(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_and_stale_versions_are_dropped() {
        let mut store = DocumentStore::default();
        store.open(uri(), "1. *Urge* 😀 States;\r\n2. x", 1);
        let changes = [edit((0, 8), (0, 8), "s"), edit((1, 0), (1, 1), "3")];
        assert!(
            store
                .change(&uri(), 2, &changes, PositionEncoding::Utf16)
                .is_ok()
        );
        let text = store
            .snapshot(&uri())
            .map(|snapshot| snapshot.text.to_string());
        assert_eq!(text.as_deref(), Some("1. *Urges* 😀 States;\r\n3. x"));
        let after_emoji = [edit((0, 13), (0, 13), "!")];
        assert!(
            store
                .change(&uri(), 3, &after_emoji, PositionEncoding::Utf16)
                .is_ok()
        );
        let text = store
            .snapshot(&uri())
            .map(|snapshot| snapshot.text.to_string());
        assert_eq!(text.as_deref(), Some("1. *Urges* 😀! States;\r\n3. x"));
        assert_eq!(
            store.change(&uri(), 3, &after_emoji, PositionEncoding::Utf16),
            Err(ChangeRejected::StaleVersion { have: 3, got: 3 })
        );
    }
}
