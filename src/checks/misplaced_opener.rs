//! `misplaced-opener`: a standard opener of the other part: an operative verb in the preamble
//! (`*Recalls*`) or a participle or adjective in the operative part (`*Requesting*`).

use crate::config::Config;
use crate::diagnostic::{Applicability, Code, Diagnostic, Severity};
use crate::syntax::{Body, Draft};
use crate::vocab::openers::OpenerForm;

use super::nonstandard_opener::{italic_openers, shown};
use super::opener_judgement::{Verdict, judge};

pub fn check(draft: &Draft<'_>, config: &Config, out: &mut Vec<Diagnostic>) {
    for opener in italic_openers(draft) {
        // Only a standard head of the other part is misplaced; the rest needs no judging here.
        if opener.reading.form().is_none_or(|form| form == opener.form) {
            continue;
        }
        let Verdict::Misplaced { correction } =
            judge(&opener.reading, opener.form, opener.extra(config))
        else {
            continue;
        };
        let found = opener.found(draft, None);
        let (what, wanted, example) = match opener.form {
            OpenerForm::Operative => (
                "a preambular opener, but this is an operative paragraph",
                "operative paragraphs open with a verb in the third person",
                "`*Requests*`, `*Notes*`",
            ),
            OpenerForm::Preambular => (
                "an operative opener, but this is a preambular paragraph",
                "preambular paragraphs open with a participle or adjective",
                "`*Recalling*`, `*Noting*`",
            ),
        };
        let advice = match &correction {
            Some(correction) => format!("Replace it with {}.", shown(correction)),
            None => format!("Rephrase it with a standard opener such as {example}."),
        };
        // Security Council texts sometimes open an operative paragraph with a participle and
        // put the verb later ("Welcoming ..., calls upon ..."), so there it is only noted.
        let lenient = draft.body == Body::SecurityCouncil && opener.form == OpenerForm::Operative;
        let why = if lenient {
            "; Security Council texts sometimes do this when a verb follows later in the \
             paragraph, but an operative paragraph normally opens with its verb"
        } else {
            ""
        };
        let message = format!("`{found}` is {what}: {wanted}{why}. {advice}");
        let diagnostic = match &correction {
            // The other part's form is another word: `Adopts` for `Adopting`.
            Some(correction) => opener.diagnostic(
                Code::MisplacedOpener,
                correction,
                Applicability::Unsafe,
                message,
            ),
            None => Diagnostic::new(Code::MisplacedOpener, opener.italic.clone(), message),
        };
        out.push(if lenient {
            diagnostic.with_severity(Severity::Information)
        } else {
            diagnostic
        });
    }
}
