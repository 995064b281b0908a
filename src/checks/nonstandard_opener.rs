//! `nonstandard-opener`: an italic opener that is not a standard opener for its part of the
//! resolution (a misspelling, a base-form verb, a word resolutions do not use), with the
//! nearest standard opener as a suggestion and, when it is clear, a fix.

use std::ops::Range;

use crate::config::Config;
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix, Severity};
use crate::syntax::{Draft, Paragraph, ParagraphKind, Part};
use crate::vocab::openers::{OpenerForm, Reading};

use super::opener_judgement::{Correction, Problem, Verdict, judge};

pub fn check(draft: &Draft<'_>, config: &Config, out: &mut Vec<Diagnostic>) {
    for opener in italic_openers(draft) {
        let verdict = judge(&opener.reading, opener.form, opener.extra(config));
        let part = opener.form.adjective();
        match verdict {
            Verdict::British(correction) => {
                let found = opener.found(draft, None);
                let message = format!(
                    "`{found}` uses the British spelling; United Nations texts spell it with -ize. \
                     Replace it with {}.",
                    shown(&correction)
                );
                out.push(
                    opener
                        .diagnostic(
                            Code::NonstandardOpener,
                            &correction,
                            Applicability::Safe,
                            message,
                        )
                        .with_severity(Severity::Information),
                );
            }
            Verdict::Nonstandard(nonstandard) => {
                let found = opener.found(draft, nonstandard.correction.as_ref());
                let message = match &nonstandard.problem {
                    Problem::Misspelt => match &nonstandard.correction {
                        Some(correction) => format!(
                            "`{found}` is not a standard {part} opener; it looks like a \
                             misspelling of `{}`. Replace it with {}.",
                            correction.phrase,
                            shown(correction)
                        ),
                        None => format!("`{found}` is not a standard {part} opener."),
                    },
                    Problem::BaseForm => {
                        let correction = nonstandard.correction.as_ref();
                        let wanted = correction.map_or_else(String::new, |correction| {
                            format!(" Replace it with {}.", shown(correction))
                        });
                        match opener.form {
                            OpenerForm::Operative => format!(
                                "`{found}` is not a standard operative opener: operative \
                                 paragraphs open with a verb in the third person.{wanted}"
                            ),
                            OpenerForm::Preambular => format!(
                                "`{found}` is not a standard preambular opener: preambular \
                                 paragraphs open with a participle or adjective.{wanted}"
                            ),
                        }
                    }
                    Problem::LowerCase => format!(
                        "`{found}` starts with a lower-case letter; openers are capitalized.{}",
                        nonstandard.correction.as_ref().map_or_else(
                            String::new,
                            |correction| format!(" Replace it with {}.", shown(correction))
                        )
                    ),
                    Problem::Incomplete { head, completions } => {
                        let listed = completions
                            .iter()
                            .map(|completion| format!("`{completion}`"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let instead = nonstandard
                            .suggestion
                            .as_ref()
                            .map_or_else(String::new, |suggestion| {
                                format!(" To say something else, use a standard opener such as `*{suggestion}*`.")
                            });
                        format!(
                            "`{found}` is not a standard {part} opener: `{head}` opens a \
                             paragraph only as {listed}.{instead}"
                        )
                    }
                    Problem::NotUnAdverb { adverb } => {
                        let instead = match (&nonstandard.correction, &nonstandard.suggestion) {
                            (Some(correction), _) => {
                                format!(" Replace it with {}.", shown(correction))
                            }
                            (None, Some(suggestion)) => format!(" Write `*{suggestion}*`."),
                            (None, None) => String::new(),
                        };
                        format!(
                            "`{found}` is not a standard {part} opener: resolutions do not use \
                             `{adverb}` in openers.{instead}"
                        )
                    }
                    Problem::Unlisted => format!(
                        "`{found}` is not among the standard {part} openers, and adopted \
                         texts rarely use it. Check that it says what is meant; if it is \
                         intended, add it to `openers.{}` in the settings.",
                        section_of(opener.form)
                    ),
                    Problem::Unknown => {
                        let examples = match opener.form {
                            OpenerForm::Operative => {
                                "operative paragraphs open with a verb in the third person \
                                 from the standard list (`Requests`, `Decides`, `Urges`, ...)"
                            }
                            OpenerForm::Preambular => {
                                "preambular paragraphs open with a participle or adjective \
                                 from the standard list (`Recalling`, `Noting`, `Deeply \
                                 concerned`, ...)"
                            }
                        };
                        let advice = match &nonstandard.suggestion {
                            Some(suggestion) => format!(" Consider `*{suggestion}*`."),
                            None => format!(
                                " Use a standard opener, or add it to `openers.{}` in the \
                                 settings if it is intended.",
                                section_of(opener.form)
                            ),
                        };
                        format!("`{found}` is not a standard {part} opener: {examples}.{advice}")
                    }
                };
                // A capital letter keeps the word; every other correction puts another in.
                let applicability = match nonstandard.problem {
                    Problem::LowerCase => Applicability::Safe,
                    _ => Applicability::Unsafe,
                };
                let severity = match nonstandard.problem {
                    Problem::Unlisted => Severity::Information,
                    _ => Severity::Warning,
                };
                let diagnostic = match &nonstandard.correction {
                    Some(correction) => opener.diagnostic(
                        Code::NonstandardOpener,
                        correction,
                        applicability,
                        message,
                    ),
                    None => {
                        Diagnostic::new(Code::NonstandardOpener, opener.italic.clone(), message)
                    }
                };
                out.push(diagnostic.with_severity(severity));
            }
            Verdict::NotAnOpener | Verdict::Standard | Verdict::Misplaced { .. } => {}
        }
    }
}

/// An italic opener of a paragraph that the opener rules check.
pub(super) struct CheckedOpener<'text> {
    /// The form the paragraph wants.
    pub form: OpenerForm,
    /// The italic span with its markers.
    pub italic: Range<usize>,
    /// Where the text read starts (the first word of the opener).
    pub start: usize,
    pub reading: Reading<'text>,
}

impl CheckedOpener<'_> {
    pub fn extra<'config>(&self, config: &'config Config) -> &'config [String] {
        extra_openers(config, self.form)
    }

    /// The opener as written, for messages: the italic span, or through the corrected words
    /// when they run past it.
    pub fn found(&self, draft: &Draft<'_>, correction: Option<&Correction>) -> String {
        let end = correction.map_or(self.italic.end, |correction| {
            self.italic.end.max(self.start + correction.range.end)
        });
        draft.slice(&(self.italic.start..end)).to_string()
    }

    /// A diagnostic over the opener that applies `correction`.
    pub fn diagnostic(
        &self,
        code: Code,
        correction: &Correction,
        applicability: Applicability,
        message: String,
    ) -> Diagnostic {
        let edit_range = self.start + correction.range.start..self.start + correction.range.end;
        let range = self.italic.start.min(edit_range.start)..self.italic.end.max(edit_range.end);
        Diagnostic::new(code, range, message).with_fix(Fix::with_applicability(
            format!("Replace with {}", shown(correction)),
            vec![Edit::new(edit_range, correction.replacement.clone())],
            applicability,
        ))
    }
}

/// The settings' name for a part's openers: `openers.operative`.
fn section_of(form: OpenerForm) -> &'static str {
    match form {
        OpenerForm::Operative => "operative",
        OpenerForm::Preambular => "preambular",
    }
}

/// The user's accepted openers for a part.
pub(super) fn extra_openers(config: &Config, form: OpenerForm) -> &[String] {
    match form {
        OpenerForm::Preambular => &config.preambular_openers,
        OpenerForm::Operative => &config.operative_openers,
    }
}

/// The form a paragraph's opener should have, for the paragraphs the opener rules check:
/// preambular and operative paragraphs of the preamble and the operative part (not annexes,
/// not subparagraphs).
pub(super) fn expected_form(paragraph: &Paragraph) -> Option<OpenerForm> {
    if !matches!(paragraph.part, Part::Preamble | Part::Operative) {
        return None;
    }
    match paragraph.kind {
        ParagraphKind::Preambular => Some(OpenerForm::Preambular),
        ParagraphKind::Operative => Some(OpenerForm::Operative),
        ParagraphKind::Subparagraph | ParagraphKind::Text => None,
    }
}

/// The italic openers of the paragraphs the opener rules check, read.
pub(super) fn italic_openers<'draft, 'text>(
    draft: &'draft Draft<'text>,
) -> impl Iterator<Item = CheckedOpener<'text>> + 'draft {
    draft
        .paragraphs
        .iter()
        .enumerate()
        .filter_map(|(index, paragraph)| {
            let form = expected_form(paragraph)?;
            let opener = paragraph.opener.as_ref()?;
            let italic = opener.italic?.range();
            let start = opener.words.start();
            let reading = draft.opener_reading(index)?.clone();
            Some(CheckedOpener {
                form,
                italic,
                start,
                reading,
            })
        })
}

/// A correction as it reads, for messages and fix titles: `*Urges*`, or without the markers
/// when it runs past the italics.
pub(super) fn shown(correction: &Correction) -> String {
    if correction.italic {
        format!("`*{}*`", correction.phrase)
    } else {
        format!("`{}`", correction.phrase)
    }
}
