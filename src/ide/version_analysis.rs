//! One analysis per version of a document: its text, the draft model read from it, the
//! findings of the rules and the outline, made once and shared by every editor feature that
//! asks about that version (diagnostics, completion, hover, outline, folding, navigation, code
//! actions), so that no request reads the whole text again.

use std::sync::{Arc, OnceLock};

use self_cell::self_cell;

use crate::analysis;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::ide::outline::{OutlineItem, outline};
use crate::syntax::{self, Blocks, Draft, LineIndex};

/// The draft model of a text; `None` only once its blocks were handed to the next version's
/// reading ([`VersionAnalysis::into_blocks`]).
type ModelOf<'text> = Option<Draft<'text>>;

self_cell!(
    /// A text and the draft model that borrows from it, kept together.
    struct ParsedText {
        owner: Arc<String>,
        #[not_covariant]
        dependent: ModelOf,
    }
);

/// A version's text, model, findings and (on first use) outline.
pub struct VersionAnalysis {
    parsed: ParsedText,
    diagnostics: Arc<Vec<Diagnostic>>,
    outline: OnceLock<Vec<OutlineItem>>,
}

/// Whether the rules run over the text: only for drafts. Other Markdown is parsed for the
/// editor features alone.
#[derive(Clone, Copy)]
pub enum Rules<'config> {
    Run(&'config Config),
    Skip,
}

impl VersionAnalysis {
    /// Read `text` and run the rules, on this thread.
    pub fn new(text: Arc<String>, rules: Rules<'_>) -> VersionAnalysis {
        let parsed = ParsedText::new(text, |text| Some(syntax::parse(text)));
        VersionAnalysis::checked(parsed, rules, analysis::analyze_draft)
    }

    /// [`VersionAnalysis::new`] on two threads of rayon's pool, for a large text that an editor
    /// waits for. Given the analysis of the document's previous version, only the paragraphs
    /// around the edit are read again; the result is the same either way.
    pub fn on_two_threads(
        text: Arc<String>,
        rules: Rules<'_>,
        previous: Option<VersionAnalysis>,
    ) -> VersionAnalysis {
        let previous = previous.and_then(VersionAnalysis::into_blocks);
        let parsed = ParsedText::new(text, |text| {
            Some(match &previous {
                Some((previous_text, blocks)) => {
                    syntax::reparse_on_two_threads(text, previous_text, blocks)
                }
                None => syntax::parse_on_two_threads(text),
            })
        });
        // The previous version's model is no longer needed: drop it before the rules run.
        drop(previous);
        VersionAnalysis::checked(parsed, rules, analysis::analyze_draft_on_two_threads)
    }

    /// The analysis of a parsed text, with the findings of `check` when the rules run.
    fn checked(
        parsed: ParsedText,
        rules: Rules<'_>,
        check: fn(&Draft<'_>, &Config) -> Vec<Diagnostic>,
    ) -> VersionAnalysis {
        let diagnostics = match rules {
            Rules::Run(config) => {
                parsed.with_dependent(|_, draft| draft.as_ref().map(|draft| check(draft, config)))
            }
            Rules::Skip => None,
        };
        VersionAnalysis {
            parsed,
            diagnostics: Arc::new(diagnostics.unwrap_or_default()),
            outline: OnceLock::new(),
        }
    }

    /// The text analysed.
    pub fn text(&self) -> &Arc<String> {
        self.parsed.borrow_owner()
    }

    /// The findings, sorted by position; none when the rules did not run.
    pub fn diagnostics(&self) -> &Arc<Vec<Diagnostic>> {
        &self.diagnostics
    }

    /// Run `read` over the draft model.
    pub fn with_draft<R>(&self, read: impl FnOnce(&Draft<'_>) -> R) -> Option<R> {
        self.parsed
            .with_dependent(|_, draft| draft.as_ref().map(read))
    }

    /// The index of the text's lines.
    pub fn lines(&self) -> Option<LineIndex> {
        self.with_draft(|draft| draft.lines.clone())
    }

    /// The outline, made on first use.
    pub fn outline(&self) -> &[OutlineItem] {
        self.outline
            .get_or_init(|| self.with_draft(outline).unwrap_or_default())
    }

    /// The text and its blocks, for reading the next version again only around its edit.
    fn into_blocks(mut self) -> Option<(Arc<String>, Blocks)> {
        let blocks = self
            .parsed
            .with_dependent_mut(|_, draft| draft.take().map(|draft| draft.into_blocks().1))?;
        Some((self.parsed.into_owner(), blocks))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "*The General Assembly,*\n\n*Recalling* its resolution 70/1,\n\n1. *Urges* States to act;\n\n3. *Decides* to remain seized of the matter.\n";

    #[test]
    fn the_analysis_of_an_edited_version_is_the_one_made_from_scratch() {
        let config = Config::default();
        let first =
            VersionAnalysis::on_two_threads(Arc::new(DRAFT.to_string()), Rules::Run(&config), None);
        assert_eq!(first.diagnostics().len(), 1);
        let edited = DRAFT.replace("3. *Decides*", "2. *Decides*");
        let again = VersionAnalysis::on_two_threads(
            Arc::new(edited.clone()),
            Rules::Run(&config),
            Some(first),
        );
        let whole = VersionAnalysis::new(Arc::new(edited), Rules::Run(&config));
        assert_eq!(again.diagnostics(), whole.diagnostics());
        assert!(again.diagnostics().is_empty());
        assert_eq!(again.outline(), whole.outline());
        assert_eq!(
            again.with_draft(|draft| draft.paragraphs.len()),
            whole.with_draft(|draft| draft.paragraphs.len())
        );
    }

    #[test]
    fn other_markdown_is_read_but_not_checked() {
        let analysis = VersionAnalysis::new(Arc::new(DRAFT.to_string()), Rules::Skip);
        assert!(analysis.diagnostics().is_empty());
        assert!(!analysis.outline().is_empty());
    }
}
