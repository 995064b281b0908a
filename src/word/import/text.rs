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
/// A number that may be a footnote marker: glued to the word or punctuation before it
/// (`Diversity,1`) or standing alone after it (`2016, 8 and`).
static MARKER_CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"([A-Za-z\)\]\.,;:”’\x22'])( ?)(\d{1,3})(\s|$|[,;:.])"));

/// Read a PDF with pdf-extract (pure Rust) and then as its text.
pub fn read_pdf(bytes: &[u8]) -> Result<Imported, ImportError> {
    // pdf-extract panics on some malformed files instead of returning an error; a damaged
    // PDF must not take the program down.
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

/// Read the text of a PDF. Blank lines (and form feeds) separate blocks, as PDF text
/// extractors write them; a block that opens with the next footnote number is a page's
/// footnotes, and a block that opens in lower case continues the paragraph a page break cut.
pub fn read_text(content: &str) -> Imported {
    let content = content.replace("\r\n", "\n").replace('\u{c}', "\n\n");
    let lines: Vec<&str> = content.lines().map(str::trim).collect();
    let repeated = repeated_lines(&lines);
    let mut chunks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in lines {
        if line.is_empty() {
            chunks.push(Vec::new());
            continue;
        }
        if FURNITURE.is_match(line) || repeated.contains(&normalize(line)) {
            continue;
        }
        if let Some(chunk) = chunks.last_mut() {
            chunk.push(line);
        }
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut footnotes: Vec<(u32, String)> = Vec::new();
    let mut next_footnote = 1;
    for chunk in chunks.into_iter().filter(|chunk| !chunk.is_empty()) {
        // A page's footnotes open with the next number, or with the end of a footnote that the
        // page break cut, followed by the next number within a few lines.
        let first_footnote_line = chunk.iter().take(4).position(|line| {
            FOOTNOTE_START
                .captures(line)
                .and_then(|captures| captures[1].parse::<u32>().ok())
                == Some(next_footnote)
        });
        let opens_footnotes = match first_footnote_line {
            Some(0) => true,
            Some(_) => !footnotes.is_empty(),
            None => false,
        };
        if opens_footnotes {
            for line in chunk {
                let number = FOOTNOTE_START
                    .captures(line)
                    .and_then(|captures| captures[1].parse::<u32>().ok())
                    .filter(|number| *number >= next_footnote && *number < next_footnote + 5);
                match (number, FOOTNOTE_START.captures(line)) {
                    (Some(number), Some(captures)) => {
                        next_footnote = number + 1;
                        footnotes.push((number, collapse(&captures[2])));
                    }
                    _ => {
                        if let Some((_, text)) = footnotes.last_mut() {
                            join_line(text, line);
                        }
                    }
                }
            }
            continue;
        }
        let mut current = String::new();
        for (index, line) in chunk.iter().enumerate() {
            let continues_cut_paragraph = index == 0
                && line.chars().next().is_some_and(char::is_lowercase)
                && !PARAGRAPH_START.is_match(line);
            if continues_cut_paragraph && let Some(previous) = paragraphs.pop() {
                current = previous;
            }
            let starts_new = PARAGRAPH_START.is_match(line) || ORGAN_LINE.is_match(line);
            if starts_new && !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            join_line(&mut current, line);
            if ORGAN_LINE.is_match(line) {
                paragraphs.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
    }
    let numbers: Vec<u32> = footnotes.iter().map(|(number, _)| *number).collect();
    let mut markdown = String::new();
    let mut expected = 0;
    for paragraph in paragraphs {
        let mut paragraph = mark_footnotes(&collapse(&paragraph), &numbers, &mut expected);
        if ORGAN_LINE.is_match(&paragraph) {
            paragraph = format!("*{paragraph}*");
        }
        markdown.push_str(&paragraph);
        markdown.push_str("\n\n");
    }
    for (number, text) in &footnotes {
        markdown.push_str(&format!("<sup>{number}</sup> {}\n\n", collapse(text)));
    }
    let markdown = italicize_openers(&settle_hyphens(&markdown));
    let (document, _) = crate::word::read_draft(&markdown);
    Imported {
        document,
        notes: Vec::new(),
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Short lines that recur three times or more: running heads and feet (`A/RES/78/155`).
fn repeated_lines(lines: &[&str]) -> std::collections::HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in lines {
        let ends_clause = line.ends_with([',', ';', '.', ':']);
        if !line.is_empty() && line.chars().count() <= 60 && !ends_clause {
            *counts.entry(normalize(line)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, count)| *count >= 3)
        .map(|(line, _)| line)
        .collect()
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

fn join_line(text: &mut String, line: &str) {
    let broken_at_hyphen = text.ends_with('-')
        && text[..text.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
    if broken_at_hyphen {
        // `develop-` + `ment` may be the typesetter's hyphenation or a hyphenated word
        // (`decision-` + `making`): [`settle_hyphens`] decides. `Secretary-` + `General` is a
        // hyphenated name.
        if line.chars().next().is_some_and(char::is_lowercase) {
            text.pop();
            text.push(SOFT_HYPHEN);
        }
    } else if !text.is_empty() && !ends_with_attached_dash(text) {
        text.push(' ');
    }
    text.push_str(line);
}

/// Lines break after a dash or slash attached to the word before (`2017–` + `2030`) with no
/// space; a spaced dash (`dimensions –` + `economic`) keeps its space.
fn ends_with_attached_dash(text: &str) -> bool {
    let mut last = text.chars().rev();
    matches!(last.next(), Some('–' | '—' | '/'))
        && last.next().is_some_and(|before| !before.is_whitespace())
}

/// `Diversity,1 and` → `Diversity,<sup>1</sup> and`. Markers run 1, 2, 3 through the body, so
/// a number is taken as a marker only when it is the next footnote expected: `article 8 (j)`
/// after footnote 8 was placed stays a number.
fn mark_footnotes(paragraph: &str, numbers: &[u32], expected: &mut usize) -> String {
    let mut out = String::with_capacity(paragraph.len() + 16);
    let mut copied_to = 0;
    let mut from = 0;
    while let Some(captures) = MARKER_CANDIDATE.captures_at(paragraph, from) {
        let (Some(whole), Some(digits)) = (captures.get(0), captures.get(3)) else {
            break;
        };
        // A marker the text lost (glued to a symbol's digits: `VIII/1914`) is skipped: the
        // next two footnotes are taken too.
        let separated = !captures[2].is_empty();
        let window = if separated { 1 } else { 3 };
        let found = digits.as_str().parse::<u32>().ok().and_then(|number| {
            (*expected..(*expected + window).min(numbers.len()))
                .find(|&index| numbers.get(index) == Some(&number))
        });
        // After a full stop, a number is a footnote only at the end of a sentence: `Add.6,`
        // and `Res.14.` are parts of symbols. A number standing alone must be followed by a
        // space or the end.
        let after_full_stop = &captures[1] == "." && !captures[4].trim().is_empty();
        let separated_ok = !separated || captures[4].trim().is_empty();
        if let Some(index) = found.filter(|_| !after_full_stop && separated_ok) {
            *expected = index + 1;
            let marker_start = if separated {
                digits.start() - 1
            } else {
                digits.start()
            };
            out.push_str(&paragraph[copied_to..marker_start]);
            out.push_str("<sup>");
            out.push_str(digits.as_str());
            out.push_str("</sup>");
            copied_to = digits.end();
            from = digits.end();
        } else {
            // Look again from the next character: the end of this candidate may start one.
            from = whole.start()
                + paragraph[whole.start()..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
        }
    }
    out.push_str(&paragraph[copied_to..]);
    out
}

/// Line-end hyphens kept in doubt as soft hyphens: undone where the document spells the word
/// without a hyphen elsewhere (`develop-ment`), kept otherwise (`decision-making`).
fn settle_hyphens(text: &str) -> String {
    if !text.contains(SOFT_HYPHEN) {
        return text.to_string();
    }
    let known: std::collections::HashSet<String> = text
        .split(|character: char| !character.is_alphanumeric() && character != SOFT_HYPHEN)
        .filter(|word| !word.contains(SOFT_HYPHEN))
        .map(str::to_lowercase)
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains(SOFT_HYPHEN) {
            let joined: String = word.chars().filter(|&c| c != SOFT_HYPHEN).collect();
            let after = word.rsplit(SOFT_HYPHEN).next().unwrap_or("");
            if known.contains(&joined.to_lowercase()) {
                out.push_str(&joined);
            } else if matches!(after, "and" | "or" | "nor" | "to") {
                // A suspended hyphen: `gender- and age-sensitive`.
                out.push_str(&word.replace(SOFT_HYPHEN, "- "));
            } else {
                out.push_str(&word.replace(SOFT_HYPHEN, "-"));
            }
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for character in text.chars() {
        if character.is_alphanumeric() || character == SOFT_HYPHEN {
            word.push(character);
        } else {
            flush(&mut word, &mut out);
            out.push(character);
        }
    }
    flush(&mut word, &mut out);
    out
}

const SOFT_HYPHEN: char = '\u{ad}';

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
