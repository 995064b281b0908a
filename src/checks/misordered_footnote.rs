//! `misordered-footnote`: footnotes not numbered in order of first use, or defined twice.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::fix::footnotes::renumber_footnotes_fix;
use crate::syntax::Draft;

pub fn check(draft: &Draft<'_>, _config: &Config, out: &mut Vec<Diagnostic>) {
    let mut fix: Option<Option<crate::diagnostic::Fix>> = None;
    // The footnotes in order of first use, with the marker that first uses each.
    let mut seen: HashSet<u32> = HashSet::default();
    let first_uses: Vec<(u32, &crate::syntax::FootnoteMarker)> = draft
        .footnote_markers
        .iter()
        .filter_map(|marker| Some((marker.number?, marker)))
        .filter(|(number, _)| seen.insert(*number))
        .collect();
    for (position, (number, marker)) in first_uses.iter().enumerate() {
        let expected = position as u32 + 1;
        // Report where the order first goes wrong, not every footnote after it.
        let previous_in_place = position == 0 || first_uses[position - 1].0 == expected - 1;
        if *number == expected || !previous_in_place {
            continue;
        }
        let message = format!(
            "Footnote {number} is the {} footnote used: footnotes are numbered in the order they are first used, so this one should be {expected}. Renumber the footnotes (markers and texts together).",
            ordinal(expected)
        );
        let mut diagnostic =
            Diagnostic::new(Code::MisorderedFootnote, marker.range.range(), message);
        if let Some(fix) = fix.get_or_insert_with(|| renumber_footnotes_fix(draft)) {
            diagnostic = diagnostic.with_fix(fix.clone());
        }
        out.push(diagnostic);
    }
    let mut first_text: HashMap<&str, usize> = HashMap::default();
    for footnote in &draft.footnote_texts {
        match first_text.get(footnote.label.as_str()) {
            Some(&first) => {
                let line = draft.lines.line_of(first) + 1;
                out.push(Diagnostic::new(
                    Code::MisorderedFootnote,
                    footnote.marker.range(),
                    format!(
                        "Footnote {} already has a text on line {line}: each footnote is defined once, and a repeated reference repeats the marker, not the text. Delete one of the two texts or give this one its own number.",
                        footnote.label
                    ),
                ));
            }
            None => {
                first_text.insert(footnote.label.as_str(), footnote.range.start());
            }
        }
    }
}

fn ordinal(value: u32) -> String {
    let suffix = match (value % 10, value % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{value}{suffix}")
}
