//! `textDocument/codeAction`: the fix of each finding at the range, "Disable CODE for this
//! line", the renumbering of the operative paragraphs, and fixing every finding.
//!
//! The client's `context.only` is answered exactly: an action is offered only when its kind
//! is one of those asked for or below one (kinds are hierarchical: `source` covers
//! `source.fixAll.resolution-ls`), so that a client asking for quick fixes gets no source
//! action.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    WorkspaceEdit,
};

use crate::analysis;
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix};
use crate::fix::renumber::renumber_paragraphs_fix;
use crate::fix::suppression::disable_comment;
use crate::lsp::convert;
use crate::lsp::server::{Backend, guarded};
use crate::lsp::session::DocumentSnapshot;

/// The kind of the renumbering as a source action.
pub const RENUMBER_KIND: &str = "source.renumber.resolution-ls";
/// The kind of "Fix all resolution-ls findings".
pub const FIX_ALL_KIND: &str = "source.fixAll.resolution-ls";

/// The kinds of action the server offers, for `initialize`.
pub fn kinds() -> Vec<CodeActionKind> {
    vec![
        CodeActionKind::QUICKFIX,
        CodeActionKind::new(RENUMBER_KIND),
        CodeActionKind::new(FIX_ALL_KIND),
    ]
}

pub async fn handle(
    backend: &Backend,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let Some(document) = backend.document(&params.text_document.uri).await else {
        return Ok(None);
    };
    let actions = guarded("building code actions", || code_actions(&document, &params));
    Ok(Some(actions.unwrap_or_default()))
}

/// The kinds the client asked for, if it said.
struct Wanted<'params>(Option<&'params [CodeActionKind]>);

impl Wanted<'_> {
    /// Whether an action of `kind` may be offered: the client asked for no kind in particular,
    /// or for this one or one above it.
    fn allows(&self, kind: &str) -> bool {
        self.0.is_none_or(|only| {
            only.iter().any(|asked| {
                let asked = asked.as_str();
                kind == asked
                    || kind
                        .strip_prefix(asked)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    }

    /// Whether the client asked for `kind` (or one above it) by name.
    fn names(&self, kind: &str) -> bool {
        self.0.is_some() && self.allows(kind)
    }
}

fn code_actions(
    document: &DocumentSnapshot,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let wanted = Wanted(params.context.only.as_deref());
    let start = document.offset(params.range.start);
    let end = document.offset(params.range.end).max(start);
    let touches =
        |diagnostic: &&Diagnostic| diagnostic.range.start <= end && start <= diagnostic.range.end;
    let mut actions = Vec::new();
    let mut renumbering_offered = false;
    if wanted.allows(CodeActionKind::QUICKFIX.as_str()) {
        for diagnostic in document.diagnostics.iter().filter(touches) {
            renumbering_offered |=
                diagnostic.code == Code::MisnumberedParagraph && diagnostic.fix.is_some();
            actions.extend(quick_fixes(document, diagnostic));
        }
    }
    // The renumbering as a source action: when asked for by kind, and when the client asked
    // for no kind in particular, unless the quick fix of a misnumbered paragraph already
    // offers it (a client that shows every action would list it twice).
    let renumber = if wanted.0.is_none() {
        !renumbering_offered
    } else {
        wanted.allows(RENUMBER_KIND)
    };
    if renumber
        && let Some(fix) = document
            .analysis
            .with_draft(renumber_paragraphs_fix)
            .flatten()
    {
        actions.push(action(
            fix.title,
            CodeActionKind::new(RENUMBER_KIND),
            edit(document, &fix.edits),
        ));
    }
    // Fixing everything checks the text again after each round: only when asked for by kind
    // (the Source Action menu, `editor.codeActionsOnSave`).
    if wanted.names(FIX_ALL_KIND)
        && document
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.fix.as_ref().is_some_and(Fix::is_safe))
        && let Some(fixed) = guarded("fixing", || {
            // Fix-all applies what keeps the words; a fix that puts another word in is
            // offered one at a time, for the user to choose.
            analysis::fix_all(
                &document.snapshot.text,
                &document.config,
                Applicability::Safe,
            )
        })
        && let Some(whole) = convert::minimal_edit(&document.snapshot.text, &fixed.text)
    {
        actions.push(action(
            "Fix all resolution-ls findings".to_string(),
            CodeActionKind::new(FIX_ALL_KIND),
            edit(document, &[whole]),
        ));
    }
    actions
}

/// The quick fixes of one finding: its fix, when it has one, and the comment that silences it.
fn quick_fixes(document: &DocumentSnapshot, diagnostic: &Diagnostic) -> Vec<CodeActionOrCommand> {
    let protocol_diagnostic =
        convert::diagnostic(&document.snapshot, document.encoding, diagnostic);
    let mut actions = Vec::new();
    if let Some(fix) = &diagnostic.fix {
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![protocol_diagnostic.clone()]),
            edit: Some(edit(document, &fix.edits)),
            // An unsafe fix puts a different word in: offered, never preferred, so that no
            // "apply the preferred fix" key applies it unseen.
            is_preferred: Some(fix.is_safe()),
            ..Default::default()
        }));
    }
    let snapshot = &document.snapshot;
    let silence = disable_comment(
        &snapshot.text,
        &snapshot.lines,
        diagnostic.code,
        diagnostic.range.start,
    );
    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Disable {} for this line", diagnostic.code),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![protocol_diagnostic]),
        edit: Some(edit(document, &[silence])),
        ..Default::default()
    }));
    actions
}

fn action(title: String, kind: CodeActionKind, edit: WorkspaceEdit) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        edit: Some(edit),
        ..Default::default()
    })
}

fn edit(document: &DocumentSnapshot, edits: &[Edit]) -> WorkspaceEdit {
    convert::workspace_edit(
        &document.snapshot,
        convert::text_edits(&document.snapshot, document.encoding, edits),
        document.client.versioned_edits,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_matched_by_prefix_at_dots() {
        let only = [CodeActionKind::new("source")];
        let wanted = Wanted(Some(&only));
        assert!(wanted.allows(FIX_ALL_KIND));
        assert!(wanted.allows(RENUMBER_KIND));
        assert!(!wanted.allows("quickfix"));
        let only = [CodeActionKind::new("source.fix")];
        assert!(!Wanted(Some(&only)).allows(FIX_ALL_KIND));
        let only = [CodeActionKind::QUICKFIX];
        assert!(!Wanted(Some(&only)).allows(RENUMBER_KIND));
        assert!(Wanted(None).allows(RENUMBER_KIND));
        assert!(!Wanted(None).names(FIX_ALL_KIND));
    }
}
