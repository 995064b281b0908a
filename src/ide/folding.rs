//! Folding ranges: the preamble, the operative part, paragraphs that run over several lines,
//! and annexes.

use std::ops::Range;

use crate::syntax::{Draft, ParagraphKind, Part};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Preamble,
    OperativePart,
    Paragraph,
    Annex,
}

/// Ranges to fold, each covering at least two lines.
pub fn folding_ranges(draft: &Draft<'_>) -> Vec<(Range<usize>, FoldKind)> {
    let mut folds = Vec::new();
    let span = |part: Part| {
        let members: Vec<_> = draft
            .paragraphs
            .iter()
            .filter(|paragraph| paragraph.part == part && paragraph.kind != ParagraphKind::Text)
            .collect();
        let first = members.first()?;
        let last = members.last()?;
        Some(first.range.start()..last.range.end())
    };
    if let Some(range) = span(Part::Preamble) {
        folds.push((range, FoldKind::Preamble));
    }
    if let Some(range) = span(Part::Operative) {
        folds.push((range, FoldKind::OperativePart));
    }
    let annex_start = draft
        .paragraphs
        .iter()
        .find(|paragraph| paragraph.part == Part::Annex);
    if let Some(first) = annex_start {
        let start = draft
            .sections
            .get(first.section())
            .and_then(|section| section.heading)
            .map_or(first.range.start(), |heading| heading.start());
        let end = draft
            .paragraphs
            .iter()
            .rev()
            .find(|paragraph| paragraph.part == Part::Annex)
            .map_or(first.range.end(), |last| last.range.end());
        folds.push((start..end, FoldKind::Annex));
    }
    for paragraph in &draft.paragraphs {
        if paragraph.kind == ParagraphKind::Text {
            continue;
        }
        // A paragraph with its subparagraphs, or one wrapped over several lines.
        let end = draft
            .paragraphs
            .iter()
            .skip_while(|other| other.range.start() <= paragraph.range.start())
            .take_while(|other| {
                other.kind == ParagraphKind::Subparagraph && other.depth > paragraph.depth
            })
            .last()
            .map_or(paragraph.range.end(), |last| last.range.end());
        folds.push((paragraph.range.start()..end, FoldKind::Paragraph));
    }
    folds.retain(|(range, _)| draft.lines.line_of(range.start) < draft.lines.line_of(range.end));
    folds
}
