//! Completion: clause openers for the part the cursor is in, the next footnote number after
//! `<sup>` or `[^`, and document symbols already used.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::config::Config;
use crate::syntax::{Body, Draft, ParagraphKind, Part};
use crate::vocab::openers::{self, OpenerForm};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Opener,
    Footnote,
    Symbol,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub detail: Option<String>,
    pub kind: CompletionKind,
    /// The text that replaces `replace`.
    pub insert: String,
    /// The same with a snippet tab stop (`$0`), for clients that take snippets.
    pub snippet: Option<String>,
    /// What the client matches the typed text against.
    pub filter: String,
    pub replace: Range<usize>,
    /// Items sort by this, then by label.
    pub rank: u32,
}

/// The start of a paragraph being typed: an optional number, an optional `*` or `_`, and the
/// first letters of an opener.
static OPENER_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<indent>[ \t]*)(?P<number>(?:\*\*)?\d{1,4}(?:[ \t]*(?:bis|ter))?\\?\.(?:\*\*)?[ \t]+)?(?P<typed>[*_]?[A-Za-z][A-Za-z ]*|[*_])?$")
        .unwrap_or_else(|error| panic!("completion pattern: {error}"))
});

static SYMBOL_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(\[])(?P<typed>[A-Z][A-Za-z0-9.\-]*/[A-Za-z0-9./\-]*)$")
        .unwrap_or_else(|error| panic!("completion pattern: {error}"))
});

/// The completions at `offset`; `other_symbols` are symbols used in other open drafts.
pub fn complete(
    draft: &Draft<'_>,
    offset: usize,
    config: &Config,
    other_symbols: &[String],
) -> Vec<CompletionItem> {
    let offset = crate::syntax::floor_char_boundary(draft.text, offset);
    let line = draft.lines.line_of(offset);
    let line_start = draft.lines.line_start(line).min(offset);
    let prefix = draft.text.get(line_start..offset).unwrap_or("");
    if prefix.ends_with("<sup>") || prefix.ends_with("[^") {
        return footnote_numbers(draft, offset);
    }
    if let Some(captures) = SYMBOL_CONTEXT.captures(prefix)
        && let Some(typed) = captures.name("typed")
    {
        return symbols(
            draft,
            config,
            other_symbols,
            line_start + typed.start()..offset,
            typed.as_str(),
        );
    }
    if let Some(captures) = OPENER_CONTEXT.captures(prefix) {
        let numbered = captures.name("number").is_some();
        let typed_start = captures
            .name("typed")
            .map_or(offset, |typed| line_start + typed.start());
        let typed = captures.name("typed").map_or("", |typed| typed.as_str());
        let replace_start = if numbered {
            typed_start
        } else {
            line_start + captures.name("indent").map_or(0, |indent| indent.end())
        };
        return opener_items(
            draft,
            config,
            line_start,
            replace_start..offset,
            typed,
            numbered,
        );
    }
    Vec::new()
}

/// Where the line stands: the part of the resolution, and the paragraph of that part before it.
fn context_at(
    draft: &Draft<'_>,
    line_start: usize,
    numbered: bool,
) -> Option<(OpenerForm, Option<usize>)> {
    let before: Vec<(usize, &crate::syntax::Paragraph)> = draft
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(_, paragraph)| paragraph.range.start() < line_start)
        .collect();
    if before
        .iter()
        .any(|(_, paragraph)| matches!(paragraph.part, Part::Annex | Part::Closing))
        && !numbered
        && before
            .last()
            .is_some_and(|(_, paragraph)| matches!(paragraph.part, Part::Annex | Part::Closing))
    {
        return None;
    }
    let in_operative = numbered
        || before.iter().any(|(_, paragraph)| {
            paragraph.kind == ParagraphKind::Operative && paragraph.part == Part::Operative
        });
    let form = if in_operative {
        OpenerForm::Operative
    } else {
        OpenerForm::Preambular
    };
    let wanted = match form {
        OpenerForm::Operative => ParagraphKind::Operative,
        OpenerForm::Preambular => ParagraphKind::Preambular,
    };
    let previous = before
        .iter()
        .rev()
        .find(|(_, paragraph)| paragraph.kind == wanted)
        .map(|(index, _)| *index);
    if draft.organ_line.is_none() && before.is_empty() && !numbered {
        return Some((OpenerForm::Preambular, None));
    }
    Some((form, previous))
}

fn opener_items(
    draft: &Draft<'_>,
    config: &Config,
    line_start: usize,
    replace: Range<usize>,
    typed: &str,
    numbered: bool,
) -> Vec<CompletionItem> {
    let Some((form, previous)) = context_at(draft, line_start, numbered) else {
        return Vec::new();
    };
    let marker = if typed.starts_with('_') { '_' } else { '*' };
    let number_prefix = if form == OpenerForm::Operative && !numbered {
        let last = draft
            .operative()
            .filter(|(_, paragraph)| paragraph.range.start() < line_start)
            .filter_map(|(_, paragraph)| paragraph.number.as_ref().map(|number| number.value))
            .last()
            .unwrap_or(0);
        format!("{}. ", last + 1)
    } else {
        String::new()
    };
    let mut phrases: Vec<(String, String, u32)> = Vec::new();
    // After a paragraph that opened with X, X's "also"/"further" form comes first.
    if let Some(previous) = previous
        && let Some(opener) = &draft.paragraphs[previous].opener
    {
        let written = draft.slice(opener.words);
        let base = without_repeat_adverbs(written);
        if !base.is_empty() {
            let (also, further) = openers::repeat_forms(&base, form);
            let had_also = written
                .split_whitespace()
                .any(|word| word.eq_ignore_ascii_case("also"));
            let had_further = written
                .split_whitespace()
                .any(|word| word.eq_ignore_ascii_case("further"));
            let detail = format!("after \"{written}\"");
            if !had_further {
                if had_also {
                    phrases.push((further, detail, 0));
                } else {
                    phrases.push((also, detail.clone(), 0));
                    phrases.push((further, detail, 1));
                }
            }
        }
    }
    let extra = match form {
        OpenerForm::Preambular => &config.preambular_openers,
        OpenerForm::Operative => &config.operative_openers,
    };
    for phrase in extra {
        phrases.push((phrase.clone(), "from your settings".into(), 5));
    }
    for (position, opener) in openers::standard_openers(form).iter().enumerate() {
        if draft.body != Body::SecurityCouncil && openers::is_security_council_only(opener.phrase) {
            continue;
        }
        phrases.push((
            opener.phrase.to_string(),
            opener.description.to_string(),
            10 + position as u32,
        ));
    }
    let mut seen = BTreeSet::new();
    phrases
        .into_iter()
        .filter(|(phrase, _, _)| seen.insert(phrase.clone()))
        .map(|(phrase, detail, rank)| {
            let italic = format!("{marker}{phrase}{marker}");
            CompletionItem {
                label: phrase.clone(),
                detail: Some(detail),
                kind: CompletionKind::Opener,
                insert: format!("{number_prefix}{italic} "),
                snippet: Some(format!("{number_prefix}{italic} $0")),
                filter: if typed.starts_with(['*', '_'])
                    || !number_prefix.is_empty() && typed.is_empty()
                {
                    format!("{number_prefix}{italic}")
                } else {
                    phrase
                },
                replace: replace.clone(),
                rank,
            }
        })
        .collect()
}

/// `Recalling also` → `Recalling`, `Further requests` → `Requests`.
fn without_repeat_adverbs(phrase: &str) -> String {
    let words: Vec<&str> = phrase
        .split_whitespace()
        .filter(|word| !word.eq_ignore_ascii_case("also") && !word.eq_ignore_ascii_case("further"))
        .collect();
    let joined = words.join(" ");
    let mut characters = joined.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

fn footnote_numbers(draft: &Draft<'_>, offset: usize) -> Vec<CompletionItem> {
    let highest = draft
        .footnote_markers
        .iter()
        .filter_map(|marker| marker.number)
        .chain(
            draft
                .footnote_texts
                .iter()
                .filter_map(|footnote| footnote.number),
        )
        .max()
        .unwrap_or(0);
    let next = highest + 1;
    let mut items = vec![CompletionItem {
        label: next.to_string(),
        detail: Some("next footnote number".into()),
        kind: CompletionKind::Footnote,
        insert: next.to_string(),
        snippet: None,
        filter: next.to_string(),
        replace: offset..offset,
        rank: 0,
    }];
    // A repeated reference repeats an earlier number: offer those too, with their text.
    for footnote in &draft.footnote_texts {
        if footnote.number.is_none() {
            continue;
        }
        let text: String = draft.slice(footnote.body).chars().take(60).collect();
        items.push(CompletionItem {
            label: footnote.label.clone(),
            detail: Some(text),
            kind: CompletionKind::Footnote,
            insert: footnote.label.clone(),
            snippet: None,
            filter: footnote.label.clone(),
            replace: offset..offset,
            rank: 1 + footnote.number.unwrap_or(0),
        });
    }
    items
}

fn symbols(
    draft: &Draft<'_>,
    config: &Config,
    other_symbols: &[String],
    replace: Range<usize>,
    typed: &str,
) -> Vec<CompletionItem> {
    let mut candidates: BTreeSet<String> = draft
        .symbols
        .iter()
        .map(|symbol| draft.slice(symbol.range).to_string())
        .chain(other_symbols.iter().cloned())
        .collect();
    if let Some(known) = &config.known_symbols {
        candidates.extend(known.iter().cloned());
    }
    candidates
        .into_iter()
        .filter(|symbol| symbol.starts_with(typed) && symbol != typed)
        .take(200)
        .map(|symbol| CompletionItem {
            label: symbol.clone(),
            detail: Some("document symbol".into()),
            kind: CompletionKind::Symbol,
            insert: symbol.clone(),
            snippet: None,
            filter: symbol,
            replace: replace.clone(),
            rank: 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn labels(text: &str) -> Vec<String> {
        let draft = parse(text);
        complete(&draft, text.len(), &Config::default(), &[])
            .into_iter()
            .map(|item| item.insert)
            .collect()
    }

    #[test]
    fn operative_openers_after_a_number_with_the_also_form_first() {
        let text = "*The Human Rights Council,*\n\n*Recalling* its resolution,\n\n1. *Requests* the Office;\n\n2. *";
        let items = labels(text);
        assert_eq!(items.first().map(String::as_str), Some("*Also requests* "));
        assert!(items.iter().any(|item| item == "*Decides* "), "{items:?}");
        assert!(
            !items.iter().any(|item| item == "*Recalling* "),
            "{items:?}"
        );
    }

    #[test]
    fn preambular_openers_in_the_preamble_and_numbers_for_unnumbered_operative_lines() {
        let text = "*The General Assembly,*\n\n*Recalling* its resolution,\n\n*";
        let items = labels(text);
        assert_eq!(items.first().map(String::as_str), Some("*Recalling also* "));
        let text = "*The General Assembly,*\n\n*Recalling* its resolution,\n\n1. *Requests* the Office;\n\n";
        let items = labels(text);
        assert!(
            items.iter().any(|item| item == "2. *Also requests* "),
            "{items:?}"
        );
    }

    #[test]
    fn footnote_numbers_and_symbols() {
        let text = "*The General Assembly,*\n\n1. *Notes* the report;<sup>1</sup> see A/HRC/23/61 and A/HRC/23/60.\n\n<sup>1</sup> A/78/1.\n\n2. *Requests* a report<sup>";
        assert_eq!(labels(text).first().map(String::as_str), Some("2"));
    }
}
