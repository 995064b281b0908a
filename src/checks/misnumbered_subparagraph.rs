//! `misnumbered-subparagraph`: subparagraph labels `(a)`, `(b)` ... or `(i)`, `(ii)` ... out of
//! sequence within their list.
//!
//! As with paragraph numbers, one slip gives one diagnostic: an isolated wrong label is
//! recognized by the label after it, and after a gap the count goes on from the label written.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Fix};
use crate::fix::renumber::{label_for, reletter_list, subparagraph_lists};
use crate::syntax::Draft;

pub fn check(draft: &Draft<'_>, _config: &Config, out: &mut Vec<Diagnostic>) {
    for list in subparagraph_lists(draft) {
        let labels: Vec<_> = list
            .iter()
            .filter_map(|&index| draft.paragraphs[index].label.as_ref())
            .collect();
        let mut fix: Option<Option<Fix>> = None;
        let mut previous: Option<u32> = None;
        let mut in_slip = false;
        for (position, label) in labels.iter().enumerate() {
            let expected = previous.map_or(1, |previous| previous + 1);
            if label.ordinal == expected {
                previous = Some(label.ordinal);
                in_slip = false;
                continue;
            }
            // Within a slip, only its first label is reported: the one fix reletters the list.
            if in_slip {
                previous = Some(label.ordinal);
                continue;
            }
            let isolated = labels
                .get(position + 1)
                .is_some_and(|next| next.ordinal == expected + 1);
            let written = label_for(label.style, label.ordinal);
            let wanted = label_for(label.style, expected);
            let message = match previous {
                None => format!(
                    "The first subparagraph is labelled {written}: a list of subparagraphs starts at {wanted}. Reletter the subparagraphs."
                ),
                Some(previous) => {
                    let before = label_for(label.style, previous);
                    format!(
                        "Subparagraph {written} follows {before}: subparagraphs run in sequence without gaps or repeats, so this one should be {wanted}. Reletter the subparagraphs."
                    )
                }
            };
            let fix = fix
                .get_or_insert_with(|| {
                    let edits = reletter_list(draft, &list);
                    (!edits.is_empty())
                        .then(|| Fix::new("Reletter the subparagraphs of this list", edits))
                })
                .clone();
            let mut diagnostic =
                Diagnostic::new(Code::MisnumberedSubparagraph, label.range.range(), message);
            if let Some(fix) = fix {
                diagnostic = diagnostic.with_fix(fix);
            }
            out.push(diagnostic);
            previous = Some(if isolated { expected } else { label.ordinal });
            in_slip = !isolated;
        }
    }
}
