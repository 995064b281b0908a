//! Hover: a footnote marker with its text, a cross-reference with the paragraph it points
//! at, a document symbol explained component by component, a citation with its session's
//! years, an opener with how it is used.

use std::ops::Range;

use crate::ide::navigation::{Target, target_at};
use crate::syntax::{Draft, ParagraphKind, Span};
use crate::vocab::{openers, symbols};

/// The range hovered and the Markdown to show, for the thing under `offset`.
pub fn hover(draft: &Draft<'_>, offset: usize) -> Option<(Range<usize>, String)> {
    let within = |span: Span| span.start() <= offset && offset <= span.end();
    match target_at(draft, offset) {
        Some(Target::Footnote { marker, text }) => {
            let markdown = match text {
                Some(footnote) => format!(
                    "**Footnote {}**\n\n{}",
                    marker.label,
                    draft.slice(footnote.body)
                ),
                None => format!("**Footnote {}** has no footnote text.", marker.label),
            };
            return Some((marker.range.range(), markdown));
        }
        Some(Target::Paragraph { number, paragraph }) => {
            let text: String = draft.slice(&paragraph?).chars().take(400).collect();
            return Some((
                number.range.range(),
                format!("**Paragraph {}**\n\n{text}", number.value),
            ));
        }
        None => {}
    }
    if let Some(symbol) = draft.symbols.iter().find(|symbol| within(symbol.range)) {
        let written = draft.slice(symbol.range);
        let parts = symbols::explain(written);
        if !parts.is_empty() {
            return Some((
                symbol.range.range(),
                format!("**{written}**\n\n{}", parts.join(" › ")),
            ));
        }
    }
    if let Some(citation) = draft
        .citations
        .iter()
        .find(|citation| within(citation.range))
    {
        let lines = citation.explain();
        if !lines.is_empty() {
            let written = draft.slice(citation.range);
            let body = lines
                .iter()
                .map(|line| format!("- {line}"))
                .collect::<Vec<_>>()
                .join("\n");
            return Some((citation.range.range(), format!("**{written}**\n\n{body}")));
        }
    }
    let paragraph = draft.paragraphs.iter().find(|paragraph| {
        matches!(
            paragraph.kind,
            ParagraphKind::Preambular | ParagraphKind::Operative
        ) && paragraph
            .opener
            .as_ref()
            .is_some_and(|opener| within(opener.italic.unwrap_or(opener.words)))
    })?;
    let opener = paragraph.opener.as_ref()?;
    let words = draft.slice(opener.words);
    let form = match paragraph.kind {
        ParagraphKind::Operative => openers::OpenerForm::Operative,
        _ => openers::OpenerForm::Preambular,
    };
    let description = openers::describe(words)?;
    let base: String = words
        .split_whitespace()
        .filter(|word| !word.eq_ignore_ascii_case("also") && !word.eq_ignore_ascii_case("further"))
        .collect::<Vec<_>>()
        .join(" ");
    let (also, further) = openers::repeat_forms(&capitalize(&base), form);
    let part = match form {
        openers::OpenerForm::Operative => {
            "Operative opener (a verb in the present tense, third person)"
        }
        openers::OpenerForm::Preambular => "Preambular opener (a participle or adjective)",
    };
    Some((
        opener.italic.unwrap_or(opener.words).range(),
        format!("**{words}**\n\n{description}\n\n{part}. Repeated: *{also}*, then *{further}*."),
    ))
}

fn capitalize(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn hover_text(text: &str, needle: &str) -> String {
        let draft = parse(text);
        let offset = text.find(needle).unwrap_or(0) + 1;
        hover(&draft, offset)
            .map(|(_, markdown)| markdown)
            .unwrap_or_default()
    }

    #[test]
    fn symbols_citations_openers_and_footnotes() {
        let text = "*The Human Rights Council,*\n\n*Recalling* its resolution 19/33 of 23 March 2012,\n\n1. *Takes note* of the report (A/HRC/23/61);<sup>1</sup>\n\n<sup>1</sup> A/HRC/23/60.\n";
        let symbol = hover_text(text, "A/HRC/23/61");
        assert!(
            symbol.contains("Human Rights Council › twenty-third session"),
            "{symbol}"
        );
        let citation = hover_text(text, "19/33");
        assert!(citation.contains("2012"), "{citation}");
        let opener = hover_text(text, "Takes note");
        assert!(opener.contains("*Also takes note*"), "{opener}");
        let footnote = hover_text(text, ";<sup>1");
        assert!(footnote.contains("A/HRC/23/60"), "{footnote}");
    }
}
