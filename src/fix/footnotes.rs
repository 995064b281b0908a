//! Renumbering footnotes in order of first use, markers and texts together.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Edit, Fix};
use crate::syntax::Draft;

/// The edits that renumber numbered footnotes 1, 2, 3 in the order of their first marker,
/// changing markers and footnote texts together. Footnotes that no marker uses are numbered
/// after the used ones, in the order of their texts. `None` when nothing
/// changes, or when a footnote is defined twice (which text would the marker mean?).
pub fn renumber_footnotes_fix(draft: &Draft<'_>) -> Option<Fix> {
    let mut defined = HashSet::new();
    for footnote in &draft.footnote_texts {
        if footnote.number.is_some() && !defined.insert(footnote.label.as_str()) {
            return None;
        }
    }
    let mut mapping: HashMap<u32, u32> = HashMap::new();
    let mut next = 1;
    for marker in &draft.footnote_markers {
        let Some(number) = marker.number else {
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(entry) = mapping.entry(number) {
            entry.insert(next);
            next += 1;
        }
    }
    for footnote in &draft.footnote_texts {
        let Some(number) = footnote.number else {
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(entry) = mapping.entry(number) {
            entry.insert(next);
            next += 1;
        }
    }
    let mut edits = Vec::new();
    let marker_labels = draft
        .footnote_markers
        .iter()
        .filter_map(|marker| Some((marker.number?, marker.label_range.range())));
    let text_labels = draft
        .footnote_texts
        .iter()
        .filter_map(|footnote| Some((footnote.number?, footnote.label_range.range())));
    for (number, range) in marker_labels.chain(text_labels) {
        if let Some(&new) = mapping.get(&number)
            && new != number
        {
            edits.push(Edit::new(range, new.to_string()));
        }
    }
    if edits.is_empty() {
        return None;
    }
    Some(Fix::new(
        "Renumber the footnotes in order of first use",
        edits,
    ))
}
