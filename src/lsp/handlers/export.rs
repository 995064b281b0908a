//! `resolution-ls.exportToWord` and `resolution-ls.exportWithTrackedChanges`: the draft (its
//! text as open in the editor) written as a Word document beside it, by the same code as
//! `resolution-ls export`. In the editor, exporting again replaces the previous export of the
//! same draft, as "Save" does: `draft.res.md` gives `draft.res.docx`, and with tracked changes
//! against the `base` setting, `draft.res.tracked.docx`. Success and failure are told through
//! `window/showMessage`; the answer is the path written, or `null`.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tower_lsp_server::ls_types::{MessageType, Uri};

use crate::lsp::server::{Backend, guarded};
use crate::word::files::{self, Existing};
use crate::word::{self, ExportOptions};

/// Which export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Plain,
    TrackedChanges,
}

/// The file an export of the draft at `draft` writes.
pub fn output_path(draft: &Path, export: Export) -> PathBuf {
    match export {
        Export::Plain => draft.with_extension("docx"),
        Export::TrackedChanges => draft.with_extension("tracked.docx"),
    }
}

pub async fn handle(backend: &Backend, uri: &Uri, export: Export) -> Option<Value> {
    match run(backend, uri, export).await {
        Ok(message) => {
            backend
                .client
                .show_message(MessageType::INFO, &message.shown)
                .await;
            Some(Value::String(message.path.display().to_string()))
        }
        Err(message) => {
            backend
                .client
                .show_message(MessageType::ERROR, format!("resolution-ls: {message}"))
                .await;
            None
        }
    }
}

struct Written {
    path: PathBuf,
    shown: String,
}

async fn run(backend: &Backend, uri: &Uri, export: Export) -> Result<Written, String> {
    let Some(draft_path) = uri.to_file_path().map(|path| path.into_owned()) else {
        return Err(
            "save the draft as a file first: the Word document is written beside it".into(),
        );
    };
    let base = match export {
        Export::Plain => None,
        Export::TrackedChanges => Some(backend.base_path(uri).ok_or(
            "no base is set: set `base` (in VS Code, the setting `resolution.base`) to the path of the base document (.docx, .pdf or .md), relative to the workspace folder",
        )?),
    };
    let output = output_path(&draft_path, export);
    if let Some(base) = &base
        && same_file(base, &output)
    {
        return Err(format!(
            "{}: this is the base; rename the base, or the draft, so that the export does not replace it",
            output.display()
        ));
    }
    // The text as open in the editor, saved or not; else as saved.
    let open_text = backend.state().documents.text(uri).map(|(text, _)| text);
    let text = match open_text {
        Some(text) => text.to_string(),
        None => std::fs::read_to_string(&draft_path)
            .map_err(|error| format!("{}: cannot read it: {error}", draft_path.display()))?,
    };
    let shown_draft = draft_path.display().to_string();
    let written = output.clone();
    let work = move || write_export(&text, &shown_draft, base.as_deref(), &written);
    let outcome = tokio::task::spawn_blocking(move || guarded("exporting to Word", work))
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| Err("the export failed; the server's log says why".into()))?;
    let mut shown = format!("Exported to {}", output.display());
    if !outcome.is_empty() {
        shown.push_str(&format!(" (as drafted: {})", outcome.join("; ")));
    }
    Ok(Written {
        path: output,
        shown,
    })
}

/// Export and write; the warnings about what Word shows as drafted.
fn write_export(
    text: &str,
    shown_draft: &str,
    base: Option<&Path>,
    output: &Path,
) -> Result<Vec<String>, String> {
    let (document, warnings) = word::read_draft(text);
    if document.blocks.is_empty() {
        return Err(format!("{shown_draft}: the draft holds no text to export"));
    }
    let options = ExportOptions {
        date: files::today(),
        ..ExportOptions::default()
    };
    let bytes = match base {
        None => word::export::export(&document, &options)
            .map_err(|error| format!("{shown_draft}: {error}"))?,
        Some(base) => {
            files::export_against_base(&document, base, &base.display().to_string(), &options)?
        }
    };
    files::write_atomically(
        output,
        &output.display().to_string(),
        &bytes,
        Existing::Replace,
    )?;
    Ok(warnings
        .into_iter()
        .map(|warning| format!("line {}: {}", warning.line, warning.message))
        .collect())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_are_written_beside_the_draft() {
        let draft = Path::new("/drafts/climate.res.md");
        assert_eq!(
            output_path(draft, Export::Plain),
            PathBuf::from("/drafts/climate.res.docx")
        );
        assert_eq!(
            output_path(draft, Export::TrackedChanges),
            PathBuf::from("/drafts/climate.res.tracked.docx")
        );
    }
}
