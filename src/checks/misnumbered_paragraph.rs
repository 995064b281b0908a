//! `misnumbered-paragraph`: an operative paragraph whose number is not the one expected.
//!
//! Only the first wrong number of a run of defects is reported: after a gap or a repeat the
//! count goes on from the number written, so one slip gives one diagnostic; an isolated slip
//! (4, 5, 9, 7) is recognized by its neighbours and the count goes on as if it were right.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::fix::renumber::renumber_paragraphs_fix;
use crate::syntax::numbering::{numbering_runs, starts_section};
use crate::syntax::{Draft, Paragraph, Part};

pub fn check(draft: &Draft<'_>, _config: &Config, out: &mut Vec<Diagnostic>) {
    let mut fix = None;
    let mut fix_computed = false;
    let mut renumber = |draft: &Draft<'_>| {
        if !fix_computed {
            fix = renumber_paragraphs_fix(draft);
            fix_computed = true;
        }
        fix.clone()
    };
    for run in numbering_runs(draft) {
        let lone = run.paragraphs.len() == 1;
        let mut previous_number: Option<u32> = None;
        let mut previous_index: Option<usize> = None;
        let mut in_slip = false;
        for (position, &index) in run.paragraphs.iter().enumerate() {
            let paragraph = &draft.paragraphs[index];
            let new_section =
                starts_section(draft, previous_index, index) && previous_index.is_some();
            let expected = previous_number.map_or(1, |previous| previous + 1);
            previous_index = Some(index);
            let Some(number) = &paragraph.number else {
                if !lone {
                    let range = paragraph
                        .opener
                        .as_ref()
                        .map(|opener| opener.words.range())
                        .unwrap_or_else(|| first_line(draft, paragraph.range.range()));
                    let mut diagnostic = Diagnostic::new(
                        Code::MisnumberedParagraph,
                        range,
                        format!(
                            "This operative paragraph has no number: operative paragraphs are numbered 1, 2, 3 and only a lone operative paragraph goes unnumbered. Number it {expected}."
                        ),
                    );
                    if let Some(fix) = renumber(draft) {
                        diagnostic = diagnostic.with_fix(fix);
                    }
                    out.push(in_its_place(paragraph, diagnostic));
                    previous_number = Some(expected);
                }
                continue;
            };
            if number.suffix.is_some() {
                // `5 bis` stands beside paragraph 5 in texts under negotiation.
                continue;
            }
            let value = number.value;
            if value == expected || (new_section && value == 1) {
                previous_number = Some(value);
                in_slip = false;
                continue;
            }
            // Within a slip (1, 1, 1, 1 or 5, 9, 3, 7), only its first number is reported: the
            // one fix renumbers them all.
            if in_slip {
                previous_number = Some(value);
                continue;
            }
            let next_value = run.paragraphs[position + 1..]
                .iter()
                .filter_map(|&next| draft.paragraphs[next].number.as_ref())
                .find(|next| next.suffix.is_none())
                .map(|next| next.value);
            let isolated = next_value == Some(expected + 1);
            let message = describe(previous_number, value, expected);
            let mut diagnostic =
                Diagnostic::new(Code::MisnumberedParagraph, number.range.range(), message);
            if let Some(fix) = renumber(draft) {
                diagnostic = diagnostic.with_fix(fix);
            }
            out.push(in_its_place(paragraph, diagnostic));
            previous_number = Some(if isolated { expected } else { value });
            in_slip = !isolated;
        }
    }
}

/// A numbering slip in the resolution's own operative part is an error. In an annex (a
/// convention, a programme of action) the numbering is the annexed instrument's: reproduced
/// rather than drafted, often with numbers lost in conversion, and read less surely (its
/// paragraphs may restart per article or run on), so a slip there is a warning.
fn in_its_place(paragraph: &Paragraph, diagnostic: Diagnostic) -> Diagnostic {
    if paragraph.part == Part::Annex {
        diagnostic.with_severity(Severity::Warning)
    } else {
        diagnostic
    }
}

fn describe(previous: Option<u32>, value: u32, expected: u32) -> String {
    let advice = "Renumber the operative paragraphs (the fix also updates references such as \"paragraph 5 above\").";
    match previous {
        None => format!(
            "The first operative paragraph is numbered {value}: operative paragraphs are numbered from 1. {advice}"
        ),
        Some(previous) if value == previous => format!(
            "Paragraph number {value} is used twice: this paragraph follows paragraph {previous} and should be {expected}. {advice}"
        ),
        Some(previous) if value < previous => format!(
            "Paragraph {value} comes after paragraph {previous}: operative paragraphs run in order, so this one should be {expected}. {advice}"
        ),
        Some(previous) => format!(
            "Paragraph {value} follows paragraph {previous}: operative paragraphs are numbered without gaps, so this one should be {expected}. {advice}"
        ),
    }
}

fn first_line(draft: &Draft<'_>, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let line = draft.lines.line_of(range.start);
    let line_range = draft.lines.line_range(draft.text, line);
    range.start..line_range.end.min(range.end).max(range.start)
}
