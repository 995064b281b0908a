//! Open documents: a rope per document, edited in place by incremental changes, and the text
//! of a version as one string for the analyses that read it.
//!
//! Only the rope (and the line index of the current version) is kept: the string of a version
//! is made when an analysis or a request needs it and dropped with them, so that an open
//! document costs little more than its text.

use std::collections::HashMap;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::encoding::PositionEncoding;
use crate::syntax::LineIndex;

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
    rope: Rope,
    /// The lines of the current version, once an analysis or a request has indexed them.
    lines: Option<Arc<LineIndex>>,
    pub version: i32,
    /// Bumped on every change, so that a delayed analysis can tell it is out of date.
    pub generation: u64,
}

impl Document {
    pub fn len(&self) -> usize {
        self.rope.len_bytes()
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
    pub fn open(&mut self, uri: Uri, text: impl AsRef<str>, version: i32) {
        self.documents.insert(
            uri,
            Document {
                rope: Rope::from_str(text.as_ref()),
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
                    let start = encoding.rope_char(&document.rope, range.start);
                    let end = encoding.rope_char(&document.rope, range.end).max(start);
                    document.rope.remove(start..end);
                    document.rope.insert(start, &change.text);
                }
                None => document.rope = Rope::from_str(&change.text),
            }
        }
        document.lines = None;
        document.version = version;
        document.generation += 1;
        Ok(document.generation)
    }

    /// The document's text and version, without indexing its lines.
    pub fn text(&self, uri: &Uri) -> Option<(Arc<String>, i32)> {
        let document = self.documents.get(uri)?;
        // `String::from` sizes the string once; `to_string` would go through `Display`, a
        // formatted write per chunk of the rope and a string grown by doubling.
        Some((Arc::new(String::from(&document.rope)), document.version))
    }

    /// The snapshot of `text`, version `version` of the document. Its lines are the ones kept
    /// for that version, else those `lines` gives when the caller has indexed them, else
    /// indexed here; they are kept for the requests that follow while `version` is current.
    pub fn snapshot_of(
        &mut self,
        uri: &Uri,
        text: Arc<String>,
        version: i32,
        lines: impl FnOnce() -> Option<LineIndex>,
    ) -> Snapshot {
        let kept = self
            .documents
            .get(uri)
            .filter(|document| document.version == version)
            .and_then(|document| document.lines.clone());
        let lines = kept.unwrap_or_else(|| {
            let lines = Arc::new(lines().unwrap_or_else(|| LineIndex::new(&text)));
            if let Some(document) = self.documents.get_mut(uri)
                && document.version == version
            {
                document.lines = Some(lines.clone());
            }
            lines
        });
        Snapshot {
            uri: uri.clone(),
            version,
            lines,
            text,
        }
    }

    /// The document's text at its current version.
    pub fn snapshot(&mut self, uri: &Uri) -> Option<Snapshot> {
        let (text, version) = self.text(uri)?;
        Some(self.snapshot_of(uri, text, version, || None))
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
