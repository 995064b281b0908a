//! Engine results to protocol types: diagnostics, fixes as workspace edits, outline, folding.

use std::collections::HashMap;

use serde_json::json;
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticSeverity, DocumentSymbol, FoldingRange,
    FoldingRangeKind, NumberOrString, OptionalVersionedTextDocumentIdentifier, SymbolKind,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::documents::Snapshot;
use super::encoding::PositionEncoding;
use crate::diagnostic::{Code, Diagnostic, Edit, Severity};
use crate::ide::folding::FoldKind;
use crate::ide::outline::{OutlineItem, OutlineKind};

/// Where each code is explained: the README section of the same name.
pub const DOCUMENTATION: &str =
    "https://github.com/resolution-ls/resolution-ls/blob/main/README.md";

pub const SOURCE: &str = "resolution-ls";

/// The most edits a diagnostic carries in its `data`.
const MAX_EDITS_IN_DATA: usize = 1000;

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn code_description(code: Code) -> Option<CodeDescription> {
    format!("{DOCUMENTATION}#{}", code.as_str())
        .parse::<Uri>()
        .ok()
        .map(|href| CodeDescription { href })
}

pub fn text_edits(
    snapshot: &Snapshot,
    encoding: PositionEncoding,
    edits: &[Edit],
) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|edit| TextEdit {
            range: encoding.range(&snapshot.text, &snapshot.lines, &edit.range),
            new_text: edit.replacement.clone(),
        })
        .collect()
}

/// A diagnostic for the protocol, carrying in `data` its fix as text edits at this version.
pub fn diagnostic(
    snapshot: &Snapshot,
    encoding: PositionEncoding,
    diagnostic: &Diagnostic,
) -> lsp::Diagnostic {
    // A fix of thousands of edits (renumbering a whole compilation) is left out of the data:
    // the code action computes it when asked.
    let data = diagnostic
        .fix
        .as_ref()
        .filter(|fix| fix.edits.len() <= MAX_EDITS_IN_DATA)
        .map(|fix| {
            json!({
                "version": snapshot.version,
                "fix": {
                    "title": fix.title,
                    "edits": text_edits(snapshot, encoding, &fix.edits),
                }
            })
        });
    lsp::Diagnostic {
        range: encoding.range(&snapshot.text, &snapshot.lines, &diagnostic.range),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.as_str().to_string())),
        code_description: code_description(diagnostic.code),
        source: Some(SOURCE.to_string()),
        message: diagnostic.message.clone(),
        related_information: None,
        tags: None,
        data,
    }
}

/// The protocol diagnostics of a snapshot: its findings, or the one notice that it is too
/// large to check.
pub fn diagnostics(
    snapshot: &Snapshot,
    encoding: PositionEncoding,
    findings: &[Diagnostic],
) -> Vec<lsp::Diagnostic> {
    if let Some(message) = crate::analysis::too_large(snapshot.text.len()) {
        return vec![lsp::Diagnostic {
            range: lsp::Range::default(),
            severity: Some(DiagnosticSeverity::WARNING),
            source: Some(SOURCE.to_string()),
            message,
            ..Default::default()
        }];
    }
    findings
        .iter()
        .map(|finding| diagnostic(snapshot, encoding, finding))
        .collect()
}

/// A workspace edit for one document, versioned when the client takes versioned edits.
pub fn workspace_edit(snapshot: &Snapshot, edits: Vec<TextEdit>, versioned: bool) -> WorkspaceEdit {
    if versioned {
        WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: snapshot.uri.clone(),
                    version: Some(snapshot.version),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

/// The smallest single edit that turns `old` into `new`: the changed middle between their
/// common prefix and suffix.
pub fn minimal_edit(old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((index, _), _)| index);
    let prefix = crate::syntax::floor_char_boundary(new, prefix).min(prefix);
    let old_rest = &old[prefix..];
    let new_rest = &new[prefix..];
    let suffix = old_rest
        .chars()
        .rev()
        .zip(new_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    Some(Edit::new(
        prefix..old.len() - suffix,
        new_rest[..new_rest.len() - suffix].to_string(),
    ))
}

#[allow(deprecated)]
pub fn document_symbol(
    snapshot: &Snapshot,
    encoding: PositionEncoding,
    item: &OutlineItem,
) -> DocumentSymbol {
    let kind = match item.kind {
        OutlineKind::OrganLine => SymbolKind::NAMESPACE,
        OutlineKind::Preamble => SymbolKind::MODULE,
        OutlineKind::PreambularParagraph => SymbolKind::STRING,
        OutlineKind::Section => SymbolKind::PACKAGE,
        OutlineKind::Annex => SymbolKind::MODULE,
        OutlineKind::OperativeParagraph => SymbolKind::FUNCTION,
        OutlineKind::Subparagraph => SymbolKind::FIELD,
    };
    let name = if item.name.trim().is_empty() {
        "(untitled)".to_string()
    } else {
        item.name.clone()
    };
    DocumentSymbol {
        name,
        detail: item.detail.clone(),
        kind,
        tags: None,
        deprecated: None,
        range: encoding.range(&snapshot.text, &snapshot.lines, &item.range),
        selection_range: encoding.range(&snapshot.text, &snapshot.lines, &item.selection),
        children: Some(
            item.children
                .iter()
                .map(|child| document_symbol(snapshot, encoding, child))
                .collect(),
        ),
    }
}

pub fn folding_range(
    snapshot: &Snapshot,
    range: &std::ops::Range<usize>,
    kind: FoldKind,
) -> FoldingRange {
    let start = snapshot.lines.line_of(range.start) as u32;
    let end = snapshot.lines.line_of(range.end) as u32;
    FoldingRange {
        start_line: start,
        start_character: None,
        end_line: end,
        end_character: None,
        kind: Some(FoldingRangeKind::Region),
        collapsed_text: Some(
            match kind {
                FoldKind::Preamble => "preamble",
                FoldKind::OperativePart => "operative part",
                FoldKind::Paragraph => "…",
                FoldKind::Annex => "annex",
            }
            .to_string(),
        ),
    }
}

pub fn completion_item(
    snapshot: &Snapshot,
    encoding: PositionEncoding,
    item: crate::ide::completion::CompletionItem,
    snippets: bool,
) -> lsp::CompletionItem {
    use crate::ide::completion::CompletionKind;
    let range = encoding.range(&snapshot.text, &snapshot.lines, &item.replace);
    let (new_text, format) = match (&item.snippet, snippets) {
        (Some(snippet), true) => (snippet.clone(), lsp::InsertTextFormat::SNIPPET),
        _ => (item.insert.clone(), lsp::InsertTextFormat::PLAIN_TEXT),
    };
    lsp::CompletionItem {
        label: item.label.clone(),
        kind: Some(match item.kind {
            CompletionKind::Opener => lsp::CompletionItemKind::KEYWORD,
            CompletionKind::Footnote => lsp::CompletionItemKind::REFERENCE,
            CompletionKind::Symbol => lsp::CompletionItemKind::CONSTANT,
        }),
        detail: item.detail.clone(),
        sort_text: Some(format!("{:04}{}", item.rank, item.label)),
        filter_text: Some(item.filter.clone()),
        insert_text_format: Some(format),
        text_edit: Some(lsp::CompletionTextEdit::Edit(TextEdit { range, new_text })),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edit_covers_only_the_change() {
        let edit = minimal_edit("1. a;\n3. b.", "1. a;\n2. b.");
        assert_eq!(edit, Some(Edit::new(6..7, "2")));
        assert_eq!(minimal_edit("é😀", "é😀!"), Some(Edit::new(6..6, "!")));
        assert_eq!(minimal_edit("same", "same"), None);
    }
}
