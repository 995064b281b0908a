//! `src/vocab/adopted-openers.txt` is derived from the adopted resolutions in `../shared/corpus`
//! and `../shared/corpus-large`: an opener that the standard list does not accept is admitted
//! when adopted texts of several sessions use it (see [`admitted`]). This test derives the list
//! again and fails when the file differs from it. After a change to the corpora or to the
//! standard list, rewrite the file with
//!
//! ```sh
//! UPDATE_VOCABULARY=1 cargo test --test vocabulary
//! ```
//!
//! and read the diff: every new line must be an opener a UN editor would let stand.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use resolution_ls::checks::opener_judgement::{Problem, Verdict, judge};
use resolution_ls::syntax::{self, ParagraphKind, Part};
use resolution_ls::vocab::openers::{self, OpenerForm};

const DATA_FILE: &str = "src/vocab/adopted-openers.txt";

/// The folders of adopted texts the vocabulary is derived from. The OCR-damaged texts are not
/// evidence of usage.
fn corpus_folders() -> Vec<PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    vec![
        shared.join("corpus"),
        shared.join("corpus-large/paragraphs"),
        shared.join("corpus-large/pdf-text"),
    ]
}

/// The organ and session of an adopted text, from its file name (`A_RES_79_92.md`,
/// `A_HRC_RES_32_2.md`, `S_RES_2444(2018).md`, `E_RES_2024_15.md`, `A_RES_3327(XXIX).md`).
fn organ_and_session(file_name: &str) -> (&'static str, String) {
    let stem = file_name.trim_end_matches(".md");
    let field = |rest: &str| rest.split('_').next().unwrap_or(rest).to_string();
    if let Some(rest) = stem.strip_prefix("A_HRC_RES_") {
        return ("Human Rights Council", field(rest));
    }
    if let Some(rest) = stem.strip_prefix("A_RES_") {
        // Before the thirty-first session, a resolution's number ran on and its session was
        // given in Roman numerals: `3327(XXIX)`.
        let session = match rest.split_once('(') {
            Some((_, roman)) => roman.trim_end_matches(')').to_string(),
            None => field(rest),
        };
        return ("General Assembly", session);
    }
    if let Some(rest) = stem.strip_prefix("S_RES_") {
        let year = rest
            .split_once('(')
            .map_or(rest, |(_, year)| year.trim_end_matches(')'));
        return ("Security Council", year.to_string());
    }
    if let Some(rest) = stem.strip_prefix("E_RES_") {
        let session = match rest.split_once('(') {
            Some((_, roman)) => roman.trim_end_matches(')').to_string(),
            None => field(rest),
        };
        return ("Economic and Social Council", session);
    }
    ("other", stem.to_string())
}

/// Where an opener was seen.
#[derive(Default)]
struct Evidence {
    texts: BTreeSet<String>,
    sessions: BTreeSet<(&'static str, String)>,
    organs: BTreeSet<&'static str>,
}

impl Evidence {
    fn describe(&self) -> String {
        let plural = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        format!(
            "{}, {}, {}",
            plural(self.texts.len(), "text", "texts"),
            plural(self.sessions.len(), "session", "sessions"),
            plural(self.organs.len(), "organ", "organs"),
        )
    }
}

/// An opener is standard usage when adopted texts of at least three sessions, or of two
/// sessions of different organs, use it. One text, or one session's texts, are not evidence:
/// they include slips (`*Takes notes*`, a Cyrillic letter in `*Сalls*`). A word that the
/// standard list names as Model UN phrasing (`Proposes`, for which texts write `Recommends`)
/// needs texts of three sessions: two texts do not outweigh the list.
fn admitted(phrase: &str, evidence: &Evidence) -> bool {
    let sessions = evidence.sessions.len();
    if openers::instead(&head_word(phrase).to_lowercase()).is_some() {
        return sessions >= 3;
    }
    sessions >= 3 || (sessions >= 2 && evidence.organs.len() >= 2)
}

/// The first word of a phrase that is not an intensifier: `objects` in `Strongly objects`.
fn head_word(phrase: &str) -> &str {
    phrase
        .split_whitespace()
        .find(|word| !word.ends_with("ly"))
        .unwrap_or(phrase)
}

/// Whether a verdict is one that usage can overrule: a word the list does not know, or knows
/// only with other complements. A British spelling, a lower-case letter, a base-form verb and
/// an opener of the other part stay findings however often they occur.
fn usage_can_overrule(verdict: &Verdict) -> bool {
    match verdict {
        Verdict::Nonstandard(nonstandard) => matches!(
            nonstandard.problem,
            Problem::Unknown
                | Problem::Unlisted
                | Problem::Misspelt
                | Problem::Incomplete { .. }
                | Problem::NotUnAdverb { .. }
        ),
        _ => false,
    }
}

/// The opener as the data file lists it: the italic words, with the marks of a repeated opener
/// ("also", "further", "again") left out and the first letter capitalized.
fn listed_phrase(words: &str) -> String {
    let phrase = words
        .split_whitespace()
        .filter(|word| !matches!(word.to_lowercase().as_str(), "also" | "further" | "again"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut characters = phrase.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => phrase,
    }
}

type Key = (&'static str, String);

/// Every opener of the adopted texts that the standard list rejects (or that the data file
/// admits), with where it was seen.
fn observed(listed: &BTreeSet<Key>) -> BTreeMap<Key, Evidence> {
    let mut found: BTreeMap<Key, Evidence> = BTreeMap::new();
    for folder in corpus_folders() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.filter_map(|entry| entry.ok()) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".md") || name == "README.md" {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let (organ, session) = organ_and_session(&name);
            let draft = syntax::parse(&text);
            for (index, paragraph) in draft.paragraphs.iter().enumerate() {
                let form = match (paragraph.part, paragraph.kind) {
                    (Part::Preamble, ParagraphKind::Preambular) => OpenerForm::Preambular,
                    (Part::Operative, ParagraphKind::Operative) => OpenerForm::Operative,
                    _ => continue,
                };
                let Some(opener) = &paragraph.opener else {
                    continue;
                };
                if opener.italic.is_none() {
                    continue;
                }
                let Some(reading) = draft.opener_reading(index) else {
                    continue;
                };
                let phrase = listed_phrase(draft.slice(opener.words.range()));
                if phrase.is_empty() {
                    continue;
                }
                let section = section_name(form);
                let key = (section, phrase);
                let rejected = usage_can_overrule(&judge(reading, form, &[]));
                if !rejected && !listed.contains(&key) {
                    continue;
                }
                let evidence = found.entry(key).or_default();
                evidence.texts.insert(name.clone());
                evidence.sessions.insert((organ, session.clone()));
                evidence.organs.insert(organ);
            }
        }
    }
    found
}

fn section_name(form: OpenerForm) -> &'static str {
    match form {
        OpenerForm::Preambular => "preambular",
        OpenerForm::Operative => "operative",
    }
}

/// The phrases the data file lists, by section.
fn listed_in(data: &str) -> BTreeSet<Key> {
    let mut section = "";
    let mut listed = BTreeSet::new();
    for line in data.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line {
            "[preambular]" => section = "preambular",
            "[operative]" => section = "operative",
            _ => {
                let phrase = line.split_once('|').map_or(line, |(phrase, _)| phrase);
                listed.insert((section, phrase.trim().to_string()));
            }
        }
    }
    listed
}

fn render(found: &BTreeMap<Key, Evidence>) -> String {
    let mut out = String::from(
        "# Openers that adopted resolutions use beyond the standard list of openers.txt: accepted\n\
         # by the opener rules, never offered as suggestions. Derived from the adopted texts of\n\
         # ../shared/corpus and ../shared/corpus-large by tests/vocabulary.rs, which admits an\n\
         # opener that texts of three sessions, or of two sessions of different organs, use;\n\
         # rewrite it with `UPDATE_VOCABULARY=1 cargo test --test vocabulary`.\n\
         #\n\
         # `Phrase | where adopted texts use it`, most used first.\n",
    );
    for section in ["preambular", "operative"] {
        let _ = write!(out, "\n[{section}]\n");
        let mut entries: Vec<(&Key, &Evidence)> = found
            .iter()
            .filter(|((listed_section, phrase), evidence)| {
                *listed_section == section && admitted(phrase, evidence)
            })
            .collect();
        entries.sort_by(|(a_key, a), (b_key, b)| {
            (b.sessions.len(), b.texts.len(), &a_key.1).cmp(&(
                a.sessions.len(),
                a.texts.len(),
                &b_key.1,
            ))
        });
        for ((_, phrase), evidence) in entries {
            let _ = writeln!(out, "{phrase} | {}", evidence.describe());
        }
    }
    out
}

#[test]
fn adopted_openers_are_derived_from_the_adopted_texts() {
    let folders = corpus_folders();
    if let Some(missing) = folders.iter().find(|folder| !folder.is_dir()) {
        println!(
            "skipped: the adopted texts are not at {} (they are in CI)",
            missing.display()
        );
        return;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DATA_FILE);
    let data = std::fs::read_to_string(&path).unwrap_or_default();
    let derived = render(&observed(&listed_in(&data)));
    if std::env::var_os("UPDATE_VOCABULARY").is_some() {
        if let Err(error) = std::fs::write(&path, &derived) {
            panic!("cannot write {}: {error}", path.display());
        }
        return;
    }
    if derived != data {
        let listed = listed_in(&data);
        let now = listed_in(&derived);
        let added: Vec<String> = now.difference(&listed).map(|key| key.1.clone()).collect();
        let dropped: Vec<String> = listed.difference(&now).map(|key| key.1.clone()).collect();
        panic!(
            "{DATA_FILE} is not what the adopted texts give (new: {added:?}; no longer admitted: \
             {dropped:?}; or the evidence changed). Rewrite it with \
             `UPDATE_VOCABULARY=1 cargo test --test vocabulary` and read the diff."
        );
    }
}
