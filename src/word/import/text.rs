//! The text of a PDF (from the PDF itself, or a `.txt` a user extracted) to a [`Document`]:
//! running headers, footers, job and page numbers dropped, lines joined into paragraphs with
//! hyphenation undone, footnotes moved from the page bottoms to the end, and openers put in
//! italics where the vocabulary knows them.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{ImportError, Imported};
use crate::diagnostic::Code;

fn pattern(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|error| panic!("pattern {source}: {error}"))
}

/// Lines that are furniture of the page, not text: page numbers, job numbers (`23-25658 (E)`),
/// bar codes (`*2325658*`), "Please recycle".
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?:\d{1,3}|\d{1,3}/\d{1,3}|Page \d+(?: of \d+)?|-\s*\d+\s*-|[A-Z]{1,2}\.\d{2}-\d{5}.*|\d{2}-\d{5}(?:\s*\([A-Z]\))?.*|\*\d{7}\*|Please recycle.*)$",
    )
});
static FOOTNOTE_START: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(\d{1,3})\s+(\S.*)$"));
static PARAGRAPH_START: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(?:\d{1,3}(?: bis| ter)?\.\s|\([a-z]{1,4}\)\s|\([ivx]{1,6}\)\s)"));
static ORGAN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^The (?:General Assembly|Security Council|Human Rights Council|Economic and Social Council|Commission on [A-Z][A-Za-z ]+|Conference of the Parties[A-Za-z ]*),$",
    )
});
/// A footnote number glued to the word or punctuation before it: `Diversity,1`.
static GLUED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"([a-z\)\]\.,;:”’\x22'])(\d{1,3})(\s|$|[,;:.])"));

/// Read a PDF with pdf-extract (pure Rust) and then as its text.
pub fn read_pdf(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes))
        .map_err(|_| ImportError::Damaged("the PDF could not be read".to_string()))?
        .map_err(|error| {
            let message = error.to_string();
            if message.to_ascii_lowercase().contains("encrypt") {
                ImportError::Encrypted("the PDF is encrypted".to_string())
            } else {
                ImportError::Damaged(format!("the PDF could not be read ({message})"))
            }
        })?;
    if text.trim().is_empty() {
        return Err(ImportError::NoResolution(
            "the PDF holds no text (a scan?); run it through OCR first; nothing was written"
                .to_string(),
        ));
    }
    Ok(read_text(&text))
}

/// Read the text of a PDF; pages are separated by form feeds when the text has them.
pub fn read_text(content: &str) -> Imported {
    let content = content.replace("\r\n", "\n");
    let pages: Vec<Vec<&str>> = content
        .split('\u{c}')
        .map(|page| page.lines().map(str::trim_end).collect())
        .collect();
    let repeated = repeated_edge_lines(&pages);
    let mut body_lines: Vec<String> = Vec::new();
    let mut footnotes: Vec<(u32, String)> = Vec::new();
    let mut next_footnote = 1;
    for page in &pages {
        let kept: Vec<&str> = page
            .iter()
            .copied()
            .filter(|line| {
                let trimmed = line.trim();
                !FURNITURE.is_match(trimmed) && !repeated.contains_key(&normalize(trimmed))
            })
            .collect();
        // The footnotes of a page start at the first line that opens the next footnote number
        // after the body's last paragraph; everything below it is footnotes.
        let mut footnote_from = kept.len();
        for (index, line) in kept.iter().enumerate().rev() {
            if let Some(captures) = FOOTNOTE_START.captures(line.trim())
                && let Ok(number) = captures[1].parse::<u32>()
                && number >= next_footnote
                && number < next_footnote + 40
                && index > 0
            {
                footnote_from = index;
                if number == next_footnote {
                    break;
                }
            }
        }
        for line in &kept[..footnote_from] {
            body_lines.push(line.trim().to_string());
        }
        body_lines.push(String::new());
        for line in &kept[footnote_from..] {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            match FOOTNOTE_START.captures(trimmed) {
                Some(captures)
                    if captures[1]
                        .parse::<u32>()
                        .is_ok_and(|number| number >= next_footnote) =>
                {
                    let number = captures[1].parse::<u32>().unwrap_or(next_footnote);
                    next_footnote = number + 1;
                    footnotes.push((number, captures[2].to_string()));
                }
                _ => {
                    if let Some((_, text)) = footnotes.last_mut() {
                        join_line(text, trimmed);
                    }
                }
            }
        }
    }
    let paragraphs = join_paragraphs(&body_lines);
    let numbers: Vec<u32> = footnotes.iter().map(|(number, _)| *number).collect();
    let mut markdown = String::new();
    for paragraph in paragraphs {
        let mut paragraph = mark_footnotes(&paragraph, &numbers);
        if ORGAN_LINE.is_match(&paragraph) {
            paragraph = format!("*{paragraph}*");
        }
        markdown.push_str(&paragraph);
        markdown.push_str("\n\n");
    }
    for (number, text) in &footnotes {
        markdown.push_str(&format!("<sup>{number}</sup> {text}\n\n"));
    }
    let markdown = italicize_openers(&markdown);
    let (document, _) = crate::word::read_draft(&markdown);
    Imported {
        document,
        notes: Vec::new(),
    }
}

/// Digits made `#`, spaces collapsed: a running header reads the same on every page.
fn normalize(line: &str) -> String {
    line.chars()
        .map(|character| {
            if character.is_ascii_digit() {
                '#'
            } else {
                character
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lines among the first and last three of a page that recur on other pages: running heads
/// and feet.
fn repeated_edge_lines(pages: &[Vec<&str>]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let lines: Vec<&str> = page
            .iter()
            .copied()
            .filter(|line| !line.trim().is_empty())
            .collect();
        let edge = lines.iter().take(3).chain(lines.iter().rev().take(3));
        let mut seen = std::collections::HashSet::new();
        for line in edge {
            let key = normalize(line.trim());
            if seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    counts.retain(|_, count| *count >= 3);
    counts
}

fn join_line(text: &mut String, line: &str) {
    let broken_at_hyphen = text.ends_with('-')
        && text[..text.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
    if broken_at_hyphen {
        // `develop-` + `ment` was hyphenated by the typesetter; `Secretary-` + `General` is a
        // hyphenated name.
        if line.chars().next().is_some_and(char::is_lowercase) {
            text.pop();
        }
    } else if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(line);
}

/// Lines into paragraphs: a blank line, a numbered or labelled line, or a short line that
/// ends a sentence or clause closes a paragraph.
fn join_paragraphs(lines: &[String]) -> Vec<String> {
    let longest = lines
        .iter()
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0);
    let short = longest * 4 / 5;
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut previous_short_end = false;
    for line in lines {
        if line.is_empty() {
            // A page break in the middle of a paragraph joins it across the break.
            if previous_short_end && !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        let starts_new = PARAGRAPH_START.is_match(line) || ORGAN_LINE.is_match(line);
        if (starts_new || previous_short_end) && !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
        join_line(&mut current, line);
        let length = line.chars().count();
        previous_short_end = length < short || ORGAN_LINE.is_match(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// `Diversity,1 and` → `Diversity,<sup>1</sup> and`, for numbers that are footnotes.
fn mark_footnotes(paragraph: &str, numbers: &[u32]) -> String {
    GLUED_NUMBER
        .replace_all(paragraph, |captures: &regex::Captures<'_>| {
            let is_footnote = captures[2]
                .parse::<u32>()
                .is_ok_and(|number| numbers.contains(&number));
            if is_footnote {
                format!(
                    "{}<sup>{}</sup>{}",
                    &captures[1], &captures[2], &captures[3]
                )
            } else {
                captures[0].to_string()
            }
        })
        .into_owned()
}

/// Put the standard openers in italics, as the `unitalicized-opener` fix does.
fn italicize_openers(markdown: &str) -> String {
    let config = crate::Config::default();
    let edits: Vec<crate::Edit> = crate::analyze(markdown, &config)
        .into_iter()
        .filter(|diagnostic| diagnostic.code == Code::UnitalicizedOpener)
        .filter_map(|diagnostic| diagnostic.fix)
        .flat_map(|fix| fix.edits)
        .collect();
    crate::fix::apply_edits(markdown, &edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_furniture_goes_and_paragraphs_join() {
        let text = "A/RES/1/1\n\nThe General Assembly,\n\nRecalling its resolution of last year, which it\nadopted without a vote, and the report of the Secretary-\nGeneral,1\n\n1. Decides to continue its work.\n\n1 A/1/100.\n23-12345 (E)\n\u{c}\n2/2\n";
        let imported = read_text(text);
        let markdown = crate::word::markdown::write_document(&imported.document);
        assert!(markdown.contains("*The General Assembly,*"), "{markdown}");
        assert!(
            markdown.contains("which it adopted without a vote, and the report of the Secretary-General,<sup>1</sup>"),
            "{markdown}"
        );
        assert!(markdown.contains("<sup>1</sup> A/1/100."), "{markdown}");
        assert!(!markdown.contains("23-12345"), "{markdown}");
    }
}
