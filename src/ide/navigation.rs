//! Go to definition and find references: from a footnote marker to its text and back, and from
//! "paragraph 5 above" to paragraph 5.

use std::ops::Range;

use crate::syntax::numbering::numbering_runs;
use crate::syntax::references::ReferencedNumber;
use crate::syntax::{Draft, FootnoteMarker, FootnoteText, ReferenceDirection, Span};

/// What a position points at.
pub enum Target<'draft> {
    /// A footnote marker, with its footnote text when it has one.
    Footnote {
        marker: &'draft FootnoteMarker,
        text: Option<&'draft FootnoteText>,
    },
    /// A paragraph number in one of the draft's own cross-references, with the operative
    /// paragraph it points at when there is one.
    Paragraph {
        number: &'draft ReferencedNumber,
        paragraph: Option<Range<usize>>,
    },
}

/// The footnote marker or cross-reference under `offset`.
pub fn target_at<'draft>(draft: &'draft Draft<'_>, offset: usize) -> Option<Target<'draft>> {
    if let Some(marker) = draft
        .footnote_markers
        .iter()
        .find(|marker| contains(marker.range, offset))
    {
        let text = draft
            .footnote_texts
            .iter()
            .find(|footnote| footnote.label == marker.label);
        return Some(Target::Footnote { marker, text });
    }
    draft
        .references
        .iter()
        .filter(|reference| reference.internal)
        .find_map(|reference| {
            let number = reference
                .numbers
                .iter()
                .find(|number| contains(number.range, offset))?;
            let paragraph = referenced_paragraph(
                draft,
                reference.range.start(),
                number.value,
                reference.direction,
            );
            Some(Target::Paragraph { number, paragraph })
        })
}

/// Where the thing under `offset` is defined: the footnote text of a marker, or the operative
/// paragraph a cross-reference points at.
pub fn definition(draft: &Draft<'_>, offset: usize) -> Option<Range<usize>> {
    match target_at(draft, offset)? {
        Target::Footnote { text, .. } => text.map(|footnote| footnote.range.range()),
        Target::Paragraph { paragraph, .. } => paragraph,
    }
}

/// Every marker of the footnote under `offset` (on a marker or on the footnote text's own
/// marker), and the footnote text itself when `include_definition`.
pub fn references(draft: &Draft<'_>, offset: usize, include_definition: bool) -> Vec<Range<usize>> {
    let label = draft
        .footnote_markers
        .iter()
        .find(|marker| contains(marker.range, offset))
        .map(|marker| marker.label.as_str())
        .or_else(|| {
            draft
                .footnote_texts
                .iter()
                .find(|footnote| contains(footnote.marker, offset))
                .map(|footnote| footnote.label.as_str())
        });
    let Some(label) = label else {
        return Vec::new();
    };
    let mut found: Vec<Range<usize>> = draft
        .footnote_markers
        .iter()
        .filter(|marker| marker.label == label)
        .map(|marker| marker.range.range())
        .collect();
    if include_definition {
        found.extend(
            draft
                .footnote_texts
                .iter()
                .filter(|footnote| footnote.label == label)
                .map(|footnote| footnote.marker.range()),
        );
    }
    found
}

/// The operative paragraph numbered `value` that a reference at `at` points to.
pub fn referenced_paragraph(
    draft: &Draft<'_>,
    at: usize,
    value: u32,
    direction: ReferenceDirection,
) -> Option<Range<usize>> {
    let candidates: Vec<&crate::syntax::Paragraph> = numbering_runs(draft)
        .into_iter()
        .flat_map(|run| run.paragraphs)
        .map(|index| &draft.paragraphs[index])
        .filter(|paragraph| {
            paragraph
                .number
                .as_ref()
                .is_some_and(|number| number.value == value && number.suffix.is_none())
        })
        .collect();
    let before = candidates
        .iter()
        .rev()
        .find(|paragraph| paragraph.range.start() < at);
    let after = candidates
        .iter()
        .find(|paragraph| paragraph.range.start() > at);
    let target = match direction {
        ReferenceDirection::Above => before,
        ReferenceDirection::Below => after,
        _ => before.or(after),
    };
    target.map(|paragraph| paragraph.range.range())
}

fn contains(span: Span, offset: usize) -> bool {
    span.start() <= offset && offset <= span.end()
}
