//! `paragraph-punctuation`: a preambular paragraph ends with a comma, an operative paragraph
//! with a semicolon (or a colon before its subparagraphs), and the last operative paragraph
//! with a full stop. Subparagraphs follow their paragraph: a semicolon between items, the
//! ending of the paragraph after the last one.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Edit, Fix};
use crate::syntax::{Draft, Paragraph, ParagraphKind, Part, strip_trailing_markup, whitespace};

/// What a paragraph may end with, and what the fix puts there.
#[derive(Clone, Copy)]
struct Ending {
    accepted: &'static [char],
    wanted: char,
    role: &'static str,
}

const PREAMBULAR: Ending = Ending {
    accepted: &[','],
    wanted: ',',
    role: "A preambular paragraph ends with a comma",
};
const OPERATIVE: Ending = Ending {
    accepted: &[';'],
    wanted: ';',
    role: "An operative paragraph other than the last ends with a semicolon",
};
const LAST_OPERATIVE: Ending = Ending {
    accepted: &['.'],
    wanted: '.',
    role: "The last operative paragraph ends with a full stop",
};
const INTRODUCING: Ending = Ending {
    accepted: &[':'],
    wanted: ':',
    role: "A paragraph that introduces subparagraphs ends with a colon",
};

pub fn check(draft: &Draft<'_>, _config: &Config, out: &mut Vec<Diagnostic>) {
    let paragraphs = &draft.paragraphs;
    // The last operative paragraph (or its last subparagraph) of each resolution in the file.
    let mut last_of_operative_part = vec![false; paragraphs.len()];
    let mut last_seen: Option<usize> = None;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let operative = paragraph.part == Part::Operative
            && matches!(
                paragraph.kind,
                ParagraphKind::Operative | ParagraphKind::Subparagraph
            );
        if operative {
            last_seen = Some(index);
        } else if paragraph.part != Part::Operative
            && let Some(last) = last_seen.take()
        {
            last_of_operative_part[last] = true;
        }
    }
    if let Some(last) = last_seen {
        last_of_operative_part[last] = true;
    }

    let mut findings: Vec<Finding> = Vec::new();
    // Each paragraph's text is read at its start and its end.
    let read = |paragraph: &Paragraph| {
        [
            Some(paragraph.content.start()),
            Some(paragraph.range.end().saturating_sub(1)),
        ]
    };
    for (index, paragraph) in draft.reading_ahead(paragraphs, read) {
        if !matches!(paragraph.part, Part::Preamble | Part::Operative) {
            continue;
        }
        let introduces_items = paragraphs.get(index + 1).is_some_and(|next| {
            next.kind == ParagraphKind::Subparagraph && next.depth > paragraph.depth
        });
        let in_preamble = match paragraph.kind {
            ParagraphKind::Preambular => true,
            ParagraphKind::Operative => false,
            ParagraphKind::Subparagraph => paragraph
                .parent()
                .and_then(|parent| paragraphs.get(parent))
                .is_some_and(|parent| parent.kind == ParagraphKind::Preambular),
            ParagraphKind::Text => continue,
        };
        let ending = if introduces_items {
            INTRODUCING
        } else if in_preamble {
            PREAMBULAR
        } else if last_of_operative_part[index] {
            LAST_OPERATIVE
        } else {
            OPERATIVE
        };
        // A number or label with nothing after it is an item still to be written: there is
        // no ending to judge, and a mark put right after the label would stop it reading as one.
        if whitespace::trim(draft.slice(paragraph.content)).is_empty() {
            continue;
        }
        let text = draft.slice(paragraph.range);
        let body = strip_trailing_markup(text);
        let Some(last) = body.chars().last() else {
            continue;
        };
        if ending.accepted.contains(&last) || ends_with_conjunction(body) {
            continue;
        }
        // Paragraphs that end in a colon and run on into quoted text or a list are left alone.
        if last == ':' && !in_preamble {
            continue;
        }
        let body_end = paragraph.range.start() + body.len();
        let last_start = body_end - last.len_utf8();
        let punctuated = matches!(last, ',' | ';' | '.' | ':');
        let (edit, range) = if punctuated {
            (
                Edit::new(last_start..body_end, ending.wanted.to_string()),
                last_start..body_end,
            )
        } else {
            let last_word_start = body.rfind(char::is_whitespace).map_or(0, |space| {
                space + body[space..].chars().next().map_or(1, char::len_utf8)
            });
            (
                Edit::new(body_end..body_end, ending.wanted.to_string()),
                paragraph.range.start() + last_word_start..body_end,
            )
        };
        findings.push(Finding {
            range,
            edit,
            found: punctuated.then_some(last),
            ending,
            subparagraph: paragraph.kind == ParagraphKind::Subparagraph,
        });
    }
    report(findings, out);
}

struct Finding {
    range: std::ops::Range<usize>,
    edit: Edit,
    found: Option<char>,
    ending: Ending,
    subparagraph: bool,
}

/// A text whose paragraphs all deviate the same way (every preambular paragraph ending with a
/// semicolon, say) gets one finding whose fix mends them all, not one finding per paragraph.
const SAME_DEVIATION_COLLAPSES_AT: usize = 4;

fn report(findings: Vec<Finding>, out: &mut Vec<Diagnostic>) {
    let key = |finding: &Finding| (finding.found, finding.ending.wanted, finding.subparagraph);
    let mut groups: rustc_hash::FxHashMap<(Option<char>, char, bool), Vec<usize>> =
        rustc_hash::FxHashMap::default();
    for (index, finding) in findings.iter().enumerate() {
        groups.entry(key(finding)).or_default().push(index);
    }
    for (index, finding) in findings.iter().enumerate() {
        let group = &groups[&key(finding)];
        let kind = if finding.subparagraph {
            "subparagraph"
        } else {
            "paragraph"
        };
        let found = match finding.found {
            Some(character) => format!("`{character}`"),
            None => "no punctuation".to_string(),
        };
        let wanted = finding.ending.wanted;
        let role = finding.ending.role;
        if group.len() >= SAME_DEVIATION_COLLAPSES_AT {
            // The group is reported once, at its first member.
            if group[0] != index {
                continue;
            }
            let edits = group
                .iter()
                .map(|&member| findings[member].edit.clone())
                .collect();
            out.push(
                Diagnostic::new(
                    Code::ParagraphPunctuation,
                    finding.range.clone(),
                    format!(
                        "This {kind} and {} more end with {found}: {}. End each of them with `{wanted}`.",
                        group.len() - 1,
                        role.to_lowercase()
                    ),
                )
                .with_fix(Fix::new(
                    format!("End all {} with `{wanted}`", group.len()),
                    edits,
                )),
            );
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::ParagraphPunctuation,
                finding.range.clone(),
                format!(
                    "This {kind} ends with {found}: {}. End it with `{wanted}`.",
                    role.to_lowercase()
                ),
            )
            .with_fix(Fix::new(
                format!("End with `{wanted}`"),
                vec![finding.edit.clone()],
            )),
        );
    }
}

/// `...; and` and `...; or` close the item before the last in a list.
fn ends_with_conjunction(body: &str) -> bool {
    let trimmed = whitespace::trim_end(body);
    (trimmed.ends_with("; and") || trimmed.ends_with("; or") || trimmed.ends_with(", and"))
        && trimmed.len() > 5
}
