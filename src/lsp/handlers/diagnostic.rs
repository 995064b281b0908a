//! `textDocument/diagnostic`: the findings of the current version for a client that pulls;
//! with `checkOn: "save"`, those of the version last opened or saved.

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
};

use crate::config::CheckOn;
use crate::lsp::convert;
use crate::lsp::publish::Need;
use crate::lsp::server::Backend;

pub async fn handle(
    backend: &Backend,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let uri = params.text_document.uri;
    let Some(analysed) = backend.analysis(&uri, Need::Diagnostics).await else {
        return Err(Error::invalid_params(format!(
            "{} is not open",
            uri.as_str()
        )));
    };
    // Read after the analysis: a save handled meanwhile has kept its findings by now.
    let (saved, encoding) = {
        let state = backend.state();
        let saved = (state.settings.check_on == CheckOn::Save)
            .then(|| state.checked_on_save.get(&uri).cloned())
            .flatten();
        (saved, state.encoding)
    };
    let (snapshot, diagnostics) = saved.unwrap_or((analysed.snapshot, analysed.diagnostics));
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
