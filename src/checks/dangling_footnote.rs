//! `dangling-footnote`: a footnote marker with no footnote text.

use rustc_hash::FxHashSet as HashSet;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::syntax::Draft;

pub fn check(draft: &Draft<'_>, _config: &Config, out: &mut Vec<Diagnostic>) {
    let defined: HashSet<&str> = draft
        .footnote_texts
        .iter()
        .map(|footnote| footnote.label.as_str())
        .collect();
    for marker in &draft.footnote_markers {
        if marker.number.is_none() || defined.contains(marker.label.as_str()) {
            continue;
        }
        let example = match marker.syntax {
            crate::syntax::FootnoteSyntax::Superscript => {
                format!("<sup>{0}</sup> A/HRC/23/61.", marker.label)
            }
            crate::syntax::FootnoteSyntax::Caret => format!("[^{0}]: A/HRC/23/61.", marker.label),
        };
        out.push(Diagnostic::new(
            Code::DanglingFootnote,
            marker.range.range(),
            format!(
                "Footnote {} has no footnote text: every footnote marker needs a text that gives its source. Add a line `{example}` with the reference, or remove the marker.",
                marker.label
            ),
        ));
    }
}
