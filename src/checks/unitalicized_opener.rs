//! `unitalicized-opener`: a standard opener written without italics (`4. Requests the ...`);
//! the fix puts it in italics.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Edit, Fix};
use crate::syntax::Draft;
use crate::vocab::openers::{self, HeadSpelling, Verdict};

use super::nonstandard_opener::{expected_form, extra_openers};

pub fn check(draft: &Draft<'_>, config: &Config, out: &mut Vec<Diagnostic>) {
    for paragraph in &draft.paragraphs {
        let Some(form) = expected_form(paragraph) else {
            continue;
        };
        let Some(opener) = paragraph.opener.as_ref() else {
            continue;
        };
        if opener.italic.is_some() {
            continue;
        }
        let start = opener.words.start;
        let Some(text) = draft.text.get(start..paragraph.range.end.max(start)) else {
            continue;
        };
        if !text.starts_with(char::is_uppercase) {
            continue;
        }
        let reading = openers::read(text, None);
        let extra = extra_openers(config, form);
        let length = match reading.matched_len(extra) {
            Some(length) => length,
            None => {
                let standard = reading.spelling() == HeadSpelling::Standard
                    && reading.form() == Some(form)
                    && openers::judge(&reading, form, extra) == Verdict::Standard;
                if !standard {
                    continue;
                }
                reading.opener_len()
            }
        };
        let Some(phrase) = text.get(..length).filter(|phrase| !phrase.is_empty()) else {
            continue;
        };
        let range = start..start + length;
        let message = format!(
            "`{phrase}` is a {} opener written without italics; openers are set in \
             italics. Write `*{phrase}*`.",
            form.adjective()
        );
        out.push(
            Diagnostic::new(Code::UnitalicizedOpener, range.clone(), message).with_fix(Fix::new(
                format!("Put `{phrase}` in italics"),
                vec![Edit::new(range, format!("*{phrase}*"))],
            )),
        );
    }
}
