//! `repeated-opener`: "also" and "further" on repeated openers (reference §2.4).
//!
//! Adopted texts repeat openers without an adverb all the time: in the corpus of real
//! resolutions, most repeats of an operative verb carry none, even right after the first use,
//! and a plain repeat that is not adjacent is ordinary in both parts. What adopted texts do
//! keep is this, so this is what the rule asks for:
//! - in the preamble, an opener used a second time right after its first use takes "also"
//!   (`*Recalling*`, `*Recalling also*`), and a third in the same run "further";
//! - the adverb goes after the participle in the preamble (`Recalling further`, not `Further
//!   recalling`) and before the verb in the operative part (`Also requests`, not `Requests
//!   also`; the Security Council writes both);
//! - "further" comes after "also": `Further requests` with an earlier `Requests` but no
//!   `Also requests` skips a step.
//!
//! Security Council drafts get hints at most.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Edit, Fix, Severity};
use crate::syntax::{Body, Draft, Paragraph};
use crate::vocab::openers::{OpenerForm, Reading, Repeat, RepeatPlace};

use super::nonstandard_opener::{expected_form, extra_openers, shown};
use super::opener_judgement::{
    Correction, Verdict, insert_after_opener, judge, replace_word, with_repeat,
};

/// What the paragraphs so far of one part (in one section) have used.
#[derive(Default)]
struct Run {
    /// Per opener key: a number for the opener, and whether its "also" form has been used.
    used: HashMap<String, (usize, bool)>,
    /// The opener of the latest paragraphs when they repeat one opener without adverbs (`X`,
    /// `X`, ...), how many they are, and whether the first of them was the opener's first use.
    chain: Option<(usize, usize, bool)>,
}

/// What the run had used before a paragraph.
struct Before {
    used: bool,
    used_also: bool,
    /// For a use without adverbs right after such uses that started with the opener's first
    /// use: its position among them (2 for the second use, 3 for the third).
    plain_position: Option<usize>,
}

impl Run {
    /// Record a paragraph whose opener could not be read.
    fn record_unreadable(&mut self) {
        self.chain = None;
    }

    /// Record a paragraph's opener and say what had been used before it.
    fn record(&mut self, key: &str, repeat: Option<Repeat>) -> Before {
        let next = self.used.len();
        let also = repeat == Some(Repeat::Also);
        // Looked up by the borrowed key: a key is copied only on the opener's first use.
        let (id, used_also) = match self.used.get_mut(key) {
            Some(entry) => {
                let before = *entry;
                entry.1 |= also;
                before
            }
            None => {
                self.used.insert(key.to_string(), (next, also));
                (next, false)
            }
        };
        let used = id != next;
        let mut plain_position = None;
        self.chain = match (self.chain, repeat) {
            (Some((chained, length, from_first_use)), None) if chained == id => {
                if from_first_use {
                    plain_position = Some(length + 1);
                }
                Some((id, length + 1, from_first_use))
            }
            (_, None) => Some((id, 1, !used)),
            (_, Some(_)) => None,
        };
        Before {
            used,
            used_also,
            plain_position,
        }
    }
}

pub fn check(draft: &Draft<'_>, config: &Config, out: &mut Vec<Diagnostic>) {
    let security_council = draft.body == Body::SecurityCouncil;
    let mut run = Run::default();
    let mut run_of: Option<(usize, OpenerForm)> = None;
    let mut key = String::new();
    // The key reads the words of an opener beyond its head (`Strongly urges`).
    let read =
        |paragraph: &Paragraph| [paragraph.opener.as_ref().map(|opener| opener.words.start())];
    for (index, paragraph) in draft.reading_ahead(&draft.paragraphs, read) {
        let Some(form) = expected_form(paragraph) else {
            continue;
        };
        if run_of != Some((paragraph.section(), form)) {
            run = Run::default();
            run_of = Some((paragraph.section(), form));
        }
        let Some(opener) = paragraph.opener.as_ref() else {
            run.record_unreadable();
            continue;
        };
        let start = opener.words.start();
        let Some(reading) = draft.opener_reading(index) else {
            run.record_unreadable();
            continue;
        };
        let extra = extra_openers(config, form);
        // Only openers that read as standard (or accepted) are compared; the others are the
        // business of the other opener rules.
        let readable = (reading.head_display().is_some() || reading.matches_any(extra))
            && matches!(
                judge(reading, form, extra),
                Verdict::Standard | Verdict::British(_)
            );
        if !readable || reading.head_index().is_none() {
            run.record_unreadable();
            continue;
        }
        let repeat = reading.repeat();
        reading.write_key(&mut key);
        let before = run.record(&key, repeat.map(|(repeat, _, _)| repeat));
        // The opener as written, through the roman words it runs on into (`*Also*
        // reaffirming`).
        let opener_end = start + reading.opener_len();
        let shown_range = match &opener.italic {
            Some(italic) => italic.start()..italic.end().max(opener_end),
            None => start..opener_end,
        };
        // Read only for a finding: the text of a large draft is out of the cache by now.
        let found = || draft.slice(&shown_range);
        let report = Report {
            start,
            range: shown_range.clone(),
        };
        let adverb = repeat.and_then(|(repeat, place, index)| {
            matches!(repeat, Repeat::Also | Repeat::Further).then_some((repeat, place, index))
        });
        let finding = match (form, adverb) {
            (OpenerForm::Preambular, Some((repeat, RepeatPlace::BeforeHead, _))) => Some(
                misplaced_adverb(&report, reading, found(), form, repeat, Severity::Hint),
            ),
            (OpenerForm::Operative, Some((repeat, RepeatPlace::AfterHead, _)))
                if !security_council =>
            {
                Some(misplaced_adverb(
                    &report,
                    reading,
                    found(),
                    form,
                    repeat,
                    Severity::Information,
                ))
            }
            (_, Some((Repeat::Further, _, index))) if !security_council => {
                // Used before, but never with "also".
                let skipped = before.used && !before.used_also;
                skipped.then(|| {
                    let correction = replace_word(reading, index, "also");
                    let found = found();
                    report.diagnostic(
                        format!(
                            "`{found}` skips a step: an opener used again takes \"also\" the \
                             second time and \"further\" after that, and no earlier paragraph \
                             of this part has the \"also\" form. Replace it with {}.",
                            shown(&correction)
                        ),
                        Some(correction),
                        Severity::Hint,
                    )
                })
            }
            (OpenerForm::Preambular, None) if repeat.is_none() => {
                before.plain_position.map(|position| {
                    let word = if position == 2 { "also" } else { "further" };
                    let correction = insert_after_opener(reading, word);
                    let found = found();
                    let severity = if security_council {
                        Severity::Hint
                    } else {
                        Severity::Information
                    };
                    report.diagnostic(
                        format!(
                            "`{found}` repeats the opener of the paragraph before it; in the \
                             preamble United Nations texts mark the second use of an opener \
                             with \"also\" and the third with \"further\". Write {}.",
                            shown(&correction)
                        ),
                        Some(correction),
                        severity,
                    )
                })
            }
            _ => None,
        };
        out.extend(finding);
    }
}

fn adverb_word(repeat: Repeat) -> &'static str {
    match repeat {
        Repeat::Also => "also",
        Repeat::Further => "further",
        Repeat::Again => "again",
    }
}

/// "Also"/"further" on the wrong side of the head: after the participle in the preamble,
/// before the verb in the operative part (reference §2.2).
fn misplaced_adverb(
    report: &Report,
    reading: &Reading<'_>,
    found: &str,
    form: OpenerForm,
    repeat: Repeat,
    severity: Severity,
) -> Diagnostic {
    let correction = with_repeat(reading, form, repeat);
    let wanted = correction
        .as_ref()
        .map_or_else(String::new, |correction| format!(": {}", shown(correction)));
    let (placed, rule) = match form {
        OpenerForm::Preambular => (
            "before the participle",
            "in the preamble United Nations texts put it after",
        ),
        OpenerForm::Operative => (
            "after the verb",
            "in operative paragraphs United Nations texts put it first",
        ),
    };
    report.diagnostic(
        format!(
            "`{found}` puts \"{}\" {placed}; {rule}{wanted}.",
            adverb_word(repeat)
        ),
        correction,
        severity,
    )
}

/// Where a finding is reported: the opener as shown, and where the text read starts.
struct Report {
    start: usize,
    range: Range<usize>,
}

impl Report {
    fn diagnostic(
        &self,
        message: String,
        correction: Option<Correction>,
        severity: Severity,
    ) -> Diagnostic {
        let diagnostic = Diagnostic::new(Code::RepeatedOpener, self.range.clone(), message)
            .with_severity(severity);
        match correction {
            Some(correction) => {
                let range = self.start + correction.range.start..self.start + correction.range.end;
                diagnostic.with_fix(Fix::new(
                    format!("Replace with {}", shown(&correction)),
                    vec![Edit::new(range, correction.replacement)],
                ))
            }
            None => diagnostic,
        }
    }
}
