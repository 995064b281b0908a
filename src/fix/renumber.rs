//! Renumbering operative paragraphs and relettering subparagraphs, with the cross-references
//! that point at them.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use crate::diagnostic::{Edit, Fix};
use crate::syntax::numbering::{NumberingRun, numbering_runs, starts_section};
use crate::syntax::{Draft, LabelStyle, ParagraphKind, Part, ReferenceDirection, label_text};

/// The numbers the paragraphs of a run should have: 1, 2, 3 ..., restarting at 1 after a
/// section heading where the draft restarts, with `5 bis` following its base paragraph.
/// Unnumbered paragraphs in a run of several get a number too; a lone unnumbered paragraph
/// stays unnumbered.
pub fn planned_numbers(draft: &Draft<'_>, run: &NumberingRun) -> Vec<Option<u32>> {
    let lone = run.paragraphs.len() == 1;
    let mut planned = Vec::with_capacity(run.paragraphs.len());
    let mut counter = 0u32;
    let mut previous = None;
    for &index in &run.paragraphs {
        let paragraph = &draft.paragraphs[index];
        let number = paragraph.number.as_ref();
        if starts_section(draft, previous, index)
            && previous.is_some()
            && number.is_some_and(|number| number.value == 1)
        {
            counter = 0;
        }
        previous = Some(index);
        match number {
            Some(number) if number.suffix.is_some() => planned.push(Some(counter.max(1))),
            None if lone => planned.push(None),
            _ => {
                counter += 1;
                planned.push(Some(counter));
            }
        }
    }
    planned
}

/// The edits that renumber every operative paragraph and rewrite the draft's own
/// cross-references ("paragraph 5 above") so that they point at the same paragraphs.
pub fn renumber_paragraphs(draft: &Draft<'_>) -> Vec<Edit> {
    let mut edits = Vec::new();
    // Old number → new number, per paragraph, to resolve references by position.
    let mut renumbered: Vec<(usize, u32, u32, bool)> = Vec::new();
    for run in numbering_runs(draft) {
        let planned = planned_numbers(draft, &run);
        for (&index, new) in run.paragraphs.iter().zip(planned) {
            let paragraph = &draft.paragraphs[index];
            let annex = paragraph.part == Part::Annex;
            match (&paragraph.number, new) {
                (Some(number), Some(new)) => {
                    if number.value != new {
                        edits.push(Edit::new(number.digits.range(), new.to_string()));
                    }
                    if number.suffix.is_none() {
                        renumbered.push((paragraph.range.start(), number.value, new, annex));
                    }
                }
                (None, Some(new)) => {
                    edits.push(Edit::new(
                        paragraph.content.start()..paragraph.content.start(),
                        format!("{new}. "),
                    ));
                }
                _ => {}
            }
        }
    }
    for reference in draft
        .references
        .iter()
        .filter(|reference| reference.internal)
    {
        let in_annex = draft
            .paragraphs
            .iter()
            .find(|paragraph| {
                paragraph.range.start() <= reference.range.start()
                    && reference.range.start() <= paragraph.range.end()
            })
            .is_some_and(|paragraph| paragraph.part == Part::Annex);
        let candidates = renumbered
            .iter()
            .filter(|(_, _, _, annex)| *annex == in_annex);
        for number in &reference.numbers {
            let matching: Vec<&(usize, u32, u32, bool)> = candidates
                .clone()
                .filter(|(_, old, _, _)| *old == number.value)
                .collect();
            let before = matching
                .iter()
                .rev()
                .find(|(start, ..)| *start < reference.range.start());
            let after = matching
                .iter()
                .find(|(start, ..)| *start > reference.range.start());
            let target = match reference.direction {
                ReferenceDirection::Above => before,
                ReferenceDirection::Below => after,
                ReferenceDirection::Present | ReferenceDirection::Unspecified => before.or(after),
            };
            if let Some((_, old, new, _)) = target
                && old != new
            {
                edits.push(Edit::new(number.range.range(), new.to_string()));
            }
        }
    }
    edits
}

/// The renumbering of operative paragraphs as one fix, or `None` when nothing changes.
pub fn renumber_paragraphs_fix(draft: &Draft<'_>) -> Option<Fix> {
    let edits = renumber_paragraphs(draft);
    if edits.is_empty() {
        return None;
    }
    let number_ranges: rustc_hash::FxHashSet<usize> = draft
        .paragraphs
        .iter()
        .filter_map(|paragraph| {
            paragraph
                .number
                .as_ref()
                .map(|number| number.digits.start())
        })
        .collect();
    let reference_count = edits
        .iter()
        .filter(|edit| {
            !number_ranges.contains(&edit.range.start) && !edit.replacement.ends_with(". ")
        })
        .count();
    let title = match reference_count {
        0 => "Renumber the operative paragraphs".to_string(),
        1 => "Renumber the operative paragraphs and 1 cross-reference".to_string(),
        count => format!("Renumber the operative paragraphs and {count} cross-references"),
    };
    Some(Fix::new(title, edits))
}

/// Subparagraphs grouped into lists: the items of one degree under one parent item, in order.
pub fn subparagraph_lists(draft: &Draft<'_>) -> Vec<Vec<usize>> {
    // Key: (parent paragraph, the enclosing item of the degree above, depth).
    let mut lists: Vec<Vec<usize>> = Vec::new();
    let mut open: HashMap<(Option<usize>, Option<usize>, u8), usize> = HashMap::default();
    // The latest item at each depth under the current parent.
    let mut latest: [Option<usize>; 5] = [None; 5];
    let mut current_parent: Option<Option<usize>> = None;
    for (index, paragraph) in draft.paragraphs.iter().enumerate() {
        if paragraph.kind != ParagraphKind::Subparagraph {
            if paragraph.kind != ParagraphKind::Text {
                current_parent = None;
            }
            continue;
        }
        let Some(label) = &paragraph.label else {
            continue;
        };
        if current_parent != Some(paragraph.parent()) {
            current_parent = Some(paragraph.parent());
            latest = [None; 5];
            // Lists never carry on under another paragraph.
            open.clear();
        }
        let depth = usize::from(paragraph.depth.clamp(1, 4));
        let enclosing = (1..depth).rev().find_map(|shallower| latest[shallower]);
        let key = (paragraph.parent(), enclosing, depth as u8);
        let list = match open.get(&key) {
            Some(&list)
                if lists[list]
                    .last()
                    .is_some_and(|&last| same_style(draft, last, index, label.style)) =>
            {
                list
            }
            _ => {
                lists.push(Vec::new());
                let list = lists.len() - 1;
                open.insert(key, list);
                list
            }
        };
        lists[list].push(index);
        latest[depth] = Some(index);
        for deeper in latest.iter_mut().skip(depth + 1) {
            *deeper = None;
        }
    }
    lists
}

fn same_style(draft: &Draft<'_>, last: usize, _current: usize, style: LabelStyle) -> bool {
    draft.paragraphs[last]
        .label
        .as_ref()
        .is_some_and(|label| label.style == style)
}

/// The edits that reletter one list of subparagraphs `(a)`, `(b)`, `(c)` ... in order.
pub fn reletter_list(draft: &Draft<'_>, list: &[usize]) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (position, &index) in list.iter().enumerate() {
        let Some(label) = &draft.paragraphs[index].label else {
            continue;
        };
        let wanted = label_text(label.style, position as u32 + 1);
        if draft.slice(label.text) != wanted {
            edits.push(Edit::new(label.text.range(), wanted));
        }
    }
    edits
}

/// The text of a label as written, for messages: `(b)` or `b.`.
pub fn written_label(draft: &Draft<'_>, range: &Range<usize>) -> String {
    draft.slice(range).trim_matches('*').to_string()
}

/// How a label with `ordinal` is written in `style`: `(c)`, `(iv)`, `c.`.
pub fn label_for(style: LabelStyle, ordinal: u32) -> String {
    let text = label_text(style, ordinal);
    match style {
        LabelStyle::ParenthesizedLetter | LabelStyle::ParenthesizedRoman => format!("({text})"),
        LabelStyle::DottedLetter | LabelStyle::DottedRoman => format!("{text}."),
    }
}
