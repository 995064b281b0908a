//! `unreferenced-footnote`: a footnote text that no marker refers to.

use rustc_hash::FxHashSet as HashSet;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::syntax::Draft;

pub fn check(draft: &Draft<'_>, _config: &Config, out: &mut Vec<Diagnostic>) {
    let used: HashSet<&str> = draft
        .footnote_markers
        .iter()
        .map(|marker| marker.label.as_str())
        .collect();
    for footnote in &draft.footnote_texts {
        if used.contains(footnote.label.as_str()) {
            continue;
        }
        out.push(Diagnostic::new(
            Code::UnreferencedFootnote,
            footnote.marker.range(),
            format!(
                "Footnote {} is never referred to: no marker in the text points to it, so readers will not find it. Add the marker where the source is cited, or delete the footnote.",
                footnote.label
            ),
        ));
    }
}
