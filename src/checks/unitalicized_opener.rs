//! `unitalicized-opener`: a standard opener written without italics (`4. Requests the ...`);
//! the fix puts it in italics.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Edit, Fix};
use crate::syntax::Draft;
use crate::vocab::openers::HeadSpelling;

use super::nonstandard_opener::{expected_form, extra_openers};
use super::opener_judgement::{Verdict, judge};

/// A draft that sets every opener in roman gets one finding whose fix mends them all, not one
/// finding per paragraph.
const SAME_FINDING_COLLAPSES_AT: usize = 8;

pub fn check(draft: &Draft<'_>, config: &Config, out: &mut Vec<Diagnostic>) {
    let mut found: Vec<(std::ops::Range<usize>, String, &'static str)> = Vec::new();
    for (index, paragraph) in draft.paragraphs.iter().enumerate() {
        let Some(form) = expected_form(paragraph) else {
            continue;
        };
        let Some(opener) = paragraph.opener.as_ref() else {
            continue;
        };
        if opener.italic.is_some() {
            continue;
        }
        let start = opener.words.start();
        let Some(text) = draft.text.get(start..paragraph.range.end().max(start)) else {
            continue;
        };
        if !text.starts_with(char::is_uppercase) {
            continue;
        }
        let Some(reading) = draft.opener_reading(index) else {
            continue;
        };
        let extra = extra_openers(config, form);
        let length = match reading.matched_len(extra) {
            Some(length) => length,
            None => {
                let standard = reading.spelling() == HeadSpelling::Standard
                    && reading.form() == Some(form)
                    && judge(reading, form, extra) == Verdict::Standard;
                if !standard {
                    continue;
                }
                reading.opener_len()
            }
        };
        let Some(phrase) = text.get(..length).filter(|phrase| !phrase.is_empty()) else {
            continue;
        };
        found.push((start..start + length, phrase.to_string(), form.adjective()));
    }
    if found.len() >= SAME_FINDING_COLLAPSES_AT {
        let edits = found
            .iter()
            .map(|(range, phrase, _)| Edit::new(range.clone(), format!("*{phrase}*")))
            .collect();
        let (range, phrase, _) = &found[0];
        out.push(
            Diagnostic::new(
                Code::UnitalicizedOpener,
                range.clone(),
                format!(
                    "`{phrase}` and {} more openers are written without italics; openers are \
                     set in italics. Write `*{phrase}*` and set the others in italics too.",
                    found.len() - 1
                ),
            )
            .with_fix(Fix::new(
                format!("Put all {} openers in italics", found.len()),
                edits,
            )),
        );
        return;
    }
    for (range, phrase, adjective) in found {
        let article = if adjective.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let message = format!(
            "`{phrase}` is {article} {adjective} opener written without italics; openers are set in \
             italics. Write `*{phrase}*`."
        );
        out.push(
            Diagnostic::new(Code::UnitalicizedOpener, range.clone(), message).with_fix(Fix::new(
                format!("Put `{phrase}` in italics"),
                vec![Edit::new(range, format!("*{phrase}*"))],
            )),
        );
    }
}
