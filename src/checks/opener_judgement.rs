//! The judgement of an opener: whether the words that open a paragraph are a standard opener
//! of the part the paragraph belongs to, what is wrong with them when they are not, and what
//! to write instead. Shared by the opener rules (`nonstandard-opener`, `misplaced-opener`,
//! `unitalicized-opener`, `repeated-opener`).
//!
//! The vocabulary ([`crate::vocab::openers`]) knows the words and how they relate: it reads an
//! opener word by word ([`Reading`]) and answers look-ups (a head's counterpart in the other
//! part, the opener to use instead of a Model UN phrase, a base-form verb's head). Deciding
//! that a word is a slip for a standard head, and building the change that mends it, is done
//! here.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use crate::vocab::openers::{
    self, Head, HeadSpelling, OpenerForm, Reading, Repeat, Role, could_be_misspelt, form_of,
    lowercase_first, nearest_adverb, uppercase_first, with_lowercase,
};

/// A change to the text read: replace `range` (bytes into the text given to
/// [`openers::read`]) with `replacement`. `phrase` is the opener as it reads after the change,
/// for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub range: Range<usize>,
    pub replacement: String,
    pub phrase: String,
    /// Whether the corrected opener lies inside the italics (so it can be shown as `*...*`).
    pub italic: bool,
}

/// Why an opener is not standard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A misspelling of a standard head or adverb (`Recomends`, `Stronlgy`).
    Misspelt,
    /// A verb in the base form (`Urge`) where the third person is wanted.
    BaseForm,
    /// An opener that starts with a lower-case letter.
    LowerCase,
    /// A head that is used only with a complement it lacks: `Looks` without `forward to`.
    /// `completions` are the standard openers with that head.
    Incomplete {
        head: &'static str,
        completions: Vec<String>,
    },
    /// An adverb resolutions do not use in openers (`Kindly`).
    NotUnAdverb { adverb: String },
    /// A word that is not a standard head at all (`Feels`, `Orders`).
    Unknown,
    /// A verb in the form the part wants (`Greets` in the operative part, `Pledging` in the
    /// preamble) that is neither listed nor a slip for a listed opener: rare, but United
    /// Nations usage all the same, so it is only noted.
    Unlisted,
}

/// A nonstandard opener: what is wrong and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nonstandard {
    pub problem: Problem,
    /// The standard opener to use, when there is one.
    pub suggestion: Option<String>,
    /// The change that makes it standard, when it is clear.
    pub correction: Option<Correction>,
}

/// What an opener is, judged against the part of the paragraph it opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Not an opener at all (an article, a preposition, a number): nothing to say.
    NotAnOpener,
    Standard,
    /// A standard opener of the right part in British spelling (`Emphasising`).
    British(Correction),
    Nonstandard(Nonstandard),
    /// A standard opener of the other part: `Recalls` in the preamble.
    Misplaced {
        correction: Option<Correction>,
    },
}

/// Judge an opener against the form its paragraph wants; `extra` are the user's accepted
/// openers for that part.
pub fn judge(reading: &Reading<'_>, expected: OpenerForm, extra: &[String]) -> Verdict {
    if reading.matches_any(extra) {
        return Verdict::Standard;
    }
    let Some(head_index) = reading.head_index() else {
        return judge_without_head(reading);
    };
    let Some(head) = reading.head() else {
        let head_word = reading.word(head_index);
        let function_word = with_lowercase(head_word, |lower| {
            openers::is_function_word(lower) || lower == "whilst"
        });
        if function_word {
            return Verdict::NotAnOpener;
        }
        return judge_unknown(reading, expected, head_index);
    };
    // A phrase that the list names as Model UN usage although its head opens paragraphs of
    // adopted texts: `Proposes to` (texts write `Proposes that` or `Recommends`).
    if head_index + 1 < reading.len() && openers::starts_an_instead_phrase(reading.word(head_index))
    {
        let phrase = format!(
            "{} {}",
            reading.word(head_index).to_lowercase(),
            reading.word(head_index + 1).to_lowercase()
        );
        if let Some(instead) = openers::instead(&phrase) {
            return Verdict::Nonstandard(Nonstandard {
                problem: Problem::Unknown,
                suggestion: Some(instead.to_string()),
                correction: None,
            });
        }
    }
    if head.form() != expected {
        return Verdict::Misplaced {
            correction: convert(reading, expected),
        };
    }
    if reading.spelling() == HeadSpelling::British {
        let replacement = match_case(reading.word(head_index), head.display());
        return Verdict::British(correct(reading, &[(head_index, Some(replacement))]));
    }
    if let Some(bad) = (0..head_index).find(|&index| reading.role(index) == Role::BadAdverb) {
        return judge_bad_adverb(reading, bad);
    }
    if reading.complement_missing() {
        return judge_incomplete(reading, head, head_index);
    }
    if reading.starts_lowercase() && reading.word_range(0).end <= reading.italic_end() {
        let capitalized = uppercase_first(reading.word(0));
        return Verdict::Nonstandard(Nonstandard {
            problem: Problem::LowerCase,
            suggestion: None,
            correction: Some(correct(reading, &[(0, Some(capitalized))])),
        });
    }
    Verdict::Standard
}

/// Only adverbs, or nothing: `*Also*` alone, `*1.*`.
fn judge_without_head(reading: &Reading<'_>) -> Verdict {
    match (0..reading.len()).find(|&index| reading.role(index) == Role::BadAdverb) {
        Some(bad) => judge_bad_adverb(reading, bad),
        None => Verdict::NotAnOpener,
    }
}

fn judge_bad_adverb(reading: &Reading<'_>, bad: usize) -> Verdict {
    let word = reading.word(bad);
    let nearest = with_lowercase(word, nearest_adverb);
    match nearest {
        Some(adverb) => Verdict::Nonstandard(Nonstandard {
            problem: Problem::Misspelt,
            suggestion: None,
            correction: Some(correct(reading, &[(bad, Some(match_case(word, adverb)))])),
        }),
        None => {
            let removal = correct(reading, &[(bad, None)]);
            Verdict::Nonstandard(Nonstandard {
                problem: Problem::NotUnAdverb {
                    adverb: word.to_string(),
                },
                suggestion: Some(removal.phrase.clone()),
                correction: reading.head().is_some().then_some(removal),
            })
        }
    }
}

fn judge_incomplete(reading: &Reading<'_>, head: &'static Head, head_index: usize) -> Verdict {
    let instead = with_lowercase(reading.word(head_index), openers::instead);
    let completions: Vec<String> = head
        .tails()
        .iter()
        .take(3)
        .map(|tail| {
            let words: Vec<&str> = tail.iter().map(String::as_str).collect();
            format!("{} {}", head.display(), words.join(" "))
        })
        .collect();
    Verdict::Nonstandard(Nonstandard {
        problem: Problem::Incomplete {
            head: head.display(),
            completions,
        },
        suggestion: instead.map(str::to_string),
        correction: None,
    })
}

fn judge_unknown(reading: &Reading<'_>, expected: OpenerForm, head_index: usize) -> Verdict {
    let word = reading.word(head_index);
    let lower = word.to_lowercase();
    // A stray adverb before an unknown head (`Kindly asks`) is part of the problem.
    let adverb_removals: Vec<(usize, Option<String>)> = (0..head_index)
        .filter(|&index| reading.role(index) == Role::BadAdverb)
        .map(|index| (index, None))
        .collect();
    // A phrase with a standard replacement: `Is happy`, `Feels`.
    let two_words = (head_index + 1 < reading.len())
        .then(|| format!("{lower} {}", reading.word(head_index + 1).to_lowercase()));
    let instead = two_words
        .as_deref()
        .and_then(openers::instead)
        .or_else(|| openers::instead(&lower));
    let instead = instead.and_then(|instead| {
        if form_of(instead).is_none_or(|form| form == expected) {
            Some(instead)
        } else {
            openers::counterpart(&instead.to_lowercase())
        }
    });
    if let Some(instead) = instead {
        let stray = (0..head_index).find(|&index| {
            reading.role(index) == Role::BadAdverb
                && with_lowercase(reading.word(index), nearest_adverb).is_none()
        });
        let problem = match stray {
            Some(index) => Problem::NotUnAdverb {
                adverb: reading.word(index).to_string(),
            },
            None => Problem::Unknown,
        };
        return Verdict::Nonstandard(Nonstandard {
            problem,
            suggestion: Some(instead.to_string()),
            correction: None,
        });
    }
    // A verb in the base form: `Urge`, `Decide`.
    if let Some(head) = openers::base_form_head(&lower, expected) {
        let mut changes = adverb_removals.clone();
        changes.push((head_index, Some(match_case(word, head.display()))));
        return Verdict::Nonstandard(Nonstandard {
            problem: Problem::BaseForm,
            suggestion: None,
            correction: Some(correct(reading, &changes)),
        });
    }
    // A misspelling of a standard head: `Recomends`, `Taeks`. One slip makes a fix; two
    // only when the word starts like the head, since `Implores` is not a misspelt `Deplores`.
    let (nearest, similar) = fuzzy_match(&lower, expected);
    if let Some((head, distance)) = nearest {
        let same_start = lower
            .chars()
            .take(2)
            .eq(head.to_lowercase().chars().take(2));
        // Two slips that leave a well-formed verb are more likely another verb: `Undertaking`
        // is not a misspelt `Underlining`.
        let well_formed = has_the_form_of(word, expected);
        if distance == 1 || (same_start && !well_formed) {
            let mut changes = adverb_removals.clone();
            changes.push((head_index, Some(match_case(word, head))));
            return Verdict::Nonstandard(Nonstandard {
                problem: Problem::Misspelt,
                suggestion: None,
                correction: Some(correct(reading, &changes)),
            });
        }
        return Verdict::Nonstandard(Nonstandard {
            problem: if well_formed {
                Problem::Unlisted
            } else {
                Problem::Unknown
            },
            suggestion: Some(head.to_string()),
            correction: None,
        });
    }
    let problem = if has_the_form_of(word, expected) {
        Problem::Unlisted
    } else {
        Problem::Unknown
    };
    Verdict::Nonstandard(Nonstandard {
        problem,
        suggestion: similar.map(str::to_string),
        correction: None,
    })
}

/// Whether a word has the shape of an opener of `form`: a verb in the third person (`Greets`)
/// for the operative part, a participle or adjective (`Pledging`, `Disappointed`) for the
/// preamble (also after an intensifier: `Deeply disappointed`). The word is made of letters
/// only.
fn has_the_form_of(word: &str, form: OpenerForm) -> bool {
    if word.chars().count() < 4
        || !word
            .chars()
            .all(|character| character.is_ascii_alphabetic())
    {
        return false;
    }
    match form {
        OpenerForm::Operative => word.ends_with('s') && !word.ends_with("ss"),
        OpenerForm::Preambular => word.ends_with("ing") || word.ends_with("ed"),
    }
}

/// The closest standard head of `lower` (with its distance) and, failing a close one, the
/// most similar, remembered per thread: a draft tends to repeat its unknown openers, and the
/// search runs an edit distance against every head.
fn fuzzy_match(
    lower: &str,
    form: OpenerForm,
) -> (Option<(&'static str, usize)>, Option<&'static str>) {
    type Found = (Option<(&'static str, usize)>, Option<&'static str>);
    thread_local! {
        static REMEMBERED: std::cell::RefCell<HashMap<(String, OpenerForm), Found>> =
            std::cell::RefCell::new(HashMap::default());
    }
    /// Enough for any real draft; the memory is dropped and rebuilt beyond it.
    const MAX_REMEMBERED: usize = 4096;
    let key = (lower.to_string(), form);
    if let Some(found) = REMEMBERED.with(|remembered| remembered.borrow().get(&key).copied()) {
        return found;
    }
    let nearest = nearest_head(lower, form);
    let similar = match nearest {
        Some(_) => None,
        None => similar_head(lower, form),
    };
    REMEMBERED.with(|remembered| {
        let mut remembered = remembered.borrow_mut();
        if remembered.len() >= MAX_REMEMBERED {
            remembered.clear();
        }
        remembered.insert(key, (nearest, similar));
    });
    (nearest, similar)
}

/// The standard head a misspelt word most likely stands for, in the wanted part: one or two
/// letters dropped, doubled, swapped or changed (`recomends` → `Recommends`). A close head of
/// the other part gives its counterpart (`recals` in the preamble → `Recalling`).
fn nearest_head(lower: &str, form: OpenerForm) -> Option<(&'static str, usize)> {
    let allowed = match lower.chars().count() {
        0..=3 => 0,
        4..=5 => 1,
        6..=10 => 2,
        _ => 3,
    };
    if allowed == 0 {
        return None;
    }
    let mut best: Option<(usize, usize, &'static Head)> = None;
    let candidates = openers::heads()
        .iter()
        .filter(|head| could_be_misspelt(lower, head.word(), allowed));
    for head in candidates {
        let distance = strsim::osa_distance(lower, head.word());
        if distance > allowed {
            continue;
        }
        let rank = (distance, usize::from(head.form() != form));
        if best.is_none_or(|(distance, other, _)| rank < (distance, other)) {
            best = Some((rank.0, rank.1, head));
        }
    }
    let (distance, _, head) = best?;
    if head.form() == form {
        return Some((head.display(), distance));
    }
    let paired = openers::counterpart(head.word())?;
    Some((paired, distance))
}

/// The most similar standard head of the wanted part, when a word is too far from any to be a
/// misspelling: a hint at what was meant, not a fix.
fn similar_head(lower: &str, form: OpenerForm) -> Option<&'static str> {
    openers::heads()
        .iter()
        .filter(|head| head.offered() && head.form() == form)
        .filter(|head| head.word().as_bytes().first() == lower.as_bytes().first())
        .map(|head| (strsim::jaro_winkler(lower, head.word()), head))
        .filter(|(similarity, _)| *similarity >= 0.8)
        .max_by(|(a, _), (b, _)| a.total_cmp(b))
        .map(|(_, head)| head.display())
}

/// The opener rewritten in the form of the other part: `Recalls` → `Recalling`, `Also requests`
/// → `Requesting also`, `Deeply concerned` → `Expresses deep concern`. When the opener runs
/// past the italics, only the head word is changed.
fn convert(reading: &Reading<'_>, target: OpenerForm) -> Option<Correction> {
    let head_index = reading.head_index()?;
    let head = reading.head()?;
    let with_intensifiers: Vec<String> = (0..reading.opener_words())
        .filter(|&index| {
            matches!(
                reading.role(index),
                Role::Intensifier | Role::Head | Role::Tail
            )
        })
        .map(|index| match reading.role(index) {
            Role::Head => head.word().to_string(),
            _ => reading.word(index).to_lowercase(),
        })
        .collect();
    let phrase_pair = openers::phrase_counterpart(&with_intensifiers.join(" "))
        .filter(|(form, _)| *form == target)
        .map(|(_, phrase)| (phrase, true))
        .or_else(|| {
            openers::phrase_counterpart(&reading.core_phrase())
                .filter(|(form, _)| *form == target)
                .map(|(_, phrase)| (phrase, false))
        });
    let paired_head = openers::counterpart(head.word());
    if !reading.opener_is_italic() {
        // Keep the words as they are and change the head alone.
        let paired = paired_head?;
        let written = reading.word(head_index);
        return Some(correct(
            reading,
            &[(head_index, Some(match_case(written, paired)))],
        ));
    }
    let mut intensifiers = Vec::new();
    let mut repeats = Vec::new();
    let mut complement = Vec::new();
    for index in 0..reading.opener_words() {
        let word = reading.word(index).to_lowercase();
        match reading.role(index) {
            Role::Intensifier => intensifiers.push(word),
            Role::Repeat(_) => repeats.push(word),
            Role::Complement => complement.push(reading.word(index).to_string()),
            _ => {}
        }
    }
    let mut core: Vec<String> = Vec::new();
    match phrase_pair {
        Some((phrase, includes_intensifiers)) => {
            if !includes_intensifiers {
                core.extend(intensifiers.iter().cloned());
            }
            core.push(lowercase_first(phrase));
        }
        None => {
            let paired = paired_head?;
            core.extend(intensifiers.iter().cloned());
            core.push(lowercase_first(paired));
            for index in 0..reading.opener_words() {
                if reading.role(index) == Role::Tail {
                    core.push(reading.word(index).to_string());
                }
            }
        }
    }
    let mut words: Vec<String> = Vec::new();
    match target {
        OpenerForm::Operative => {
            words.extend(repeats);
            words.extend(core);
            words.extend(complement);
        }
        OpenerForm::Preambular => {
            words.extend(core);
            words.extend(complement);
            words.extend(repeats);
        }
    }
    let range = 0..reading.opener_len();
    let replacement = uppercase_first(&words.join(" "));
    let phrase = format!(
        "{replacement}{}",
        &reading.text()[range.end..reading.italic_end().max(range.end)]
    );
    Some(Correction {
        range,
        replacement,
        phrase: phrase.trim_end().to_string(),
        italic: reading.italic(),
    })
}

// ---------------------------------------------------------------------------------------------
// Corrections.

/// Replace words of a reading (or remove them, with the space after them) and describe the
/// result.
fn correct(reading: &Reading<'_>, changes: &[(usize, Option<String>)]) -> Correction {
    let text = reading.text();
    let mut changes: Vec<(usize, Option<String>)> = changes.to_vec();
    // A removed first word leaves the next one to be capitalized.
    if changes
        .iter()
        .any(|(index, word)| *index == 0 && word.is_none())
        && reading.len() > 1
        && !changes.iter().any(|(index, _)| *index == 1)
    {
        changes.push((1, Some(reading.word(1).to_string())));
    }
    let mut edits: Vec<(Range<usize>, String)> = changes
        .iter()
        .map(|(index, replacement)| {
            let range = reading.word_range(*index);
            match replacement {
                Some(word) => (range, word.clone()),
                None => {
                    let rest = &text[range.end..];
                    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                    (range.start..range.end + spaces, String::new())
                }
            }
        })
        .collect();
    edits.sort_by_key(|(range, _)| range.start);
    let start = edits.first().map_or(0, |(range, _)| range.start);
    let end = edits.iter().map(|(range, _)| range.end).max().unwrap_or(0);
    let mut replacement = String::new();
    let mut cursor = start;
    for (range, edit) in &edits {
        if range.start < cursor {
            continue;
        }
        replacement.push_str(&text[cursor..range.start]);
        replacement.push_str(edit);
        cursor = range.end;
    }
    if cursor < end {
        replacement.push_str(&text[cursor..end]);
    }
    if start == 0 {
        replacement = uppercase_first(&replacement);
    }
    let italic = reading.italic() && end <= reading.italic_end();
    let shown_end = if italic {
        reading.italic_end()
    } else {
        end.max(reading.opener_len())
    };
    let phrase = format!(
        "{}{replacement}{}",
        &text[..start],
        &text[end..shown_end.max(end)]
    );
    Correction {
        range: start..end,
        replacement,
        phrase: strip_markers(phrase.trim()),
        italic,
    }
}

/// Replace one word of a reading: `Further` with `Also`.
pub(super) fn replace_word(reading: &Reading<'_>, index: usize, replacement: &str) -> Correction {
    let written = reading.word(index);
    correct(reading, &[(index, Some(match_case(written, replacement)))])
}

/// Add a word right after the opener's head phrase, inside the italics: `*Recalling*` →
/// `*Recalling also*`.
pub(super) fn insert_after_opener(reading: &Reading<'_>, word: &str) -> Correction {
    let text = reading.text();
    let italic_end = reading.italic_end();
    let position = reading.opener_len().min(italic_end);
    let inserted = format!(" {word}");
    let phrase = format!(
        "{}{inserted}{}",
        &text[..position],
        &text[position..italic_end.max(position)]
    );
    Correction {
        range: position..position,
        replacement: inserted,
        phrase: strip_markers(phrase.trim()),
        italic: reading.italic(),
    }
}

/// The opener rewritten with `repeat` ("also" or "further") where `form` puts it: after the
/// head phrase in the preamble (`Recalling further`), before the verb in the operative part
/// (`Also requests`). None when the opener runs past its italics or has "again".
pub(super) fn with_repeat(
    reading: &Reading<'_>,
    form: OpenerForm,
    repeat: Repeat,
) -> Option<Correction> {
    let adverb = match repeat {
        Repeat::Also => "also",
        Repeat::Further => "further",
        Repeat::Again => return None,
    };
    if reading.has_role(Role::Repeat(Repeat::Again)) {
        return None;
    }
    let text = reading.text();
    let italic_end = reading.italic_end();
    let mut words: Vec<String> = Vec::new();
    if form == OpenerForm::Operative {
        words.push(adverb.to_string());
    }
    for index in 0..reading.opener_words() {
        match reading.role(index) {
            Role::Intensifier | Role::Head => words.push(reading.word(index).to_lowercase()),
            Role::Tail | Role::Complement => words.push(reading.word(index).to_string()),
            _ => {}
        }
    }
    if form == OpenerForm::Preambular {
        words.push(adverb.to_string());
    }
    let phrase = uppercase_first(&words.join(" "));
    let range = 0..reading.opener_len();
    let mut replacement = phrase.clone();
    let mut shown = format!("{phrase}{}", &text[range.end..italic_end.max(range.end)]);
    if !reading.opener_is_italic() {
        // The opener ran past its italics (`*Also* reaffirming`): the rewritten opener is
        // set in italics whole, and the closing marker inside the range moves to its end.
        let marker = text[italic_end..]
            .chars()
            .find(|character| matches!(character, '*' | '_'))?;
        replacement.push(marker);
        shown = phrase;
    }
    Some(Correction {
        range,
        replacement,
        phrase: strip_markers(shown.trim()),
        italic: reading.italic(),
    })
}

/// `display` with the capitalization of `written` (`urge`, `Urges` → `urges`).
fn match_case(written: &str, display: &str) -> String {
    if written.starts_with(char::is_lowercase) {
        lowercase_first(display)
    } else {
        uppercase_first(display)
    }
}

fn strip_markers(text: &str) -> String {
    text.chars()
        .filter(|character| *character != '*' && *character != '_')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::openers::{ODD_TEXTS, read};

    fn verdict(text: &str, italic_end: Option<usize>, form: OpenerForm) -> Verdict {
        judge(&read(text, italic_end), form, &[])
    }

    fn replacement(verdict: Verdict) -> Option<String> {
        match verdict {
            Verdict::British(correction) => Some(correction.phrase),
            Verdict::Nonstandard(nonstandard) => nonstandard
                .correction
                .map(|correction| correction.phrase)
                .or(nonstandard.suggestion),
            Verdict::Misplaced { correction } => correction.map(|correction| correction.phrase),
            Verdict::NotAnOpener | Verdict::Standard => None,
        }
    }

    #[test]
    fn standard_openers_with_partial_italics_and_productive_forms() {
        let preambular = [
            ("Recalling also that", None),
            ("Deeply* concerned about", Some(6)),
            ("Guided* by the Charter", Some(6)),
            ("Expressing* concern that", Some(10)),
            ("Taking note* with appreciation of", Some(11)),
            ("Expressing its deep concern at", Some(27)),
            ("Bearing in mind", None),
            ("Having considered the report", None),
            ("Underlining the fact that", None),
            ("Strongly* reiterating its request", Some(8)),
            ("Seriously* alarmed by", Some(9)),
            ("Noting with concern further that", None),
            (
                "Acting under Chapter VII of the Charter of the United Nations,",
                None,
            ),
            ("Extremely alarmed and concerned", None),
        ];
        for (text, italic_end) in preambular {
            assert_eq!(
                verdict(text, italic_end, OpenerForm::Preambular),
                Verdict::Standard,
                "{text}"
            );
        }
        let operative = [
            ("Calls* upon all States", Some(5)),
            ("Calls once* again upon", Some(10)),
            ("Strongly* condemns", Some(8)),
            ("Takes note with appreciation* of", Some(28)),
            ("Also requests the Secretary-General", None),
            ("Further takes note of", None),
            ("Looks forward to the report", None),
            ("Expresses its deep concern at", None),
            ("Urgently calls upon", None),
            ("Continues* to condemn", Some(9)),
        ];
        for (text, italic_end) in operative {
            assert_eq!(
                verdict(text, italic_end, OpenerForm::Operative),
                Verdict::Standard,
                "{text}"
            );
        }
    }

    #[test]
    fn nonstandard_openers_get_the_nearest_standard_one() {
        let cases = [
            ("Urge", OpenerForm::Operative, "Urges"),
            ("Decide", OpenerForm::Operative, "Decides"),
            ("Recomends", OpenerForm::Operative, "Recommends"),
            ("Taeks note", OpenerForm::Operative, "Takes note"),
            ("Recallng", OpenerForm::Preambular, "Recalling"),
            ("Emphasising", OpenerForm::Preambular, "Emphasizing"),
            ("Recognises", OpenerForm::Operative, "Recognizes"),
            ("Requesting", OpenerForm::Operative, "Requests"),
            ("Recalls", OpenerForm::Preambular, "Recalling"),
            ("Emphasising", OpenerForm::Operative, "Emphasizes"),
            (
                "Notes with concern",
                OpenerForm::Preambular,
                "Noting with concern",
            ),
            ("Also requests", OpenerForm::Preambular, "Requesting also"),
            (
                "Deeply concerned",
                OpenerForm::Operative,
                "Expresses deep concern",
            ),
            ("Feels", OpenerForm::Operative, "Considers"),
            ("Is happy", OpenerForm::Operative, "Welcomes"),
            ("Kindly asks", OpenerForm::Operative, "Requests"),
            (
                "Deeeply concerned",
                OpenerForm::Preambular,
                "Deeply concerned",
            ),
            ("recalling", OpenerForm::Preambular, "Recalling"),
        ];
        for (italic, form, wanted) in cases {
            let text = format!("{italic} the rest of the paragraph");
            assert_eq!(
                replacement(verdict(&text, Some(italic.len()), form)).as_deref(),
                Some(wanted),
                "{italic}"
            );
        }
        let flagged = [
            "Wishes for",
            "Orders",
            "Proposes to",
            "Looks at",
            "Believes strongly",
        ];
        for text in flagged {
            assert!(
                matches!(
                    verdict(text, None, OpenerForm::Operative),
                    Verdict::Nonstandard(_)
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn any_text_is_judged_without_panicking() {
        for text in ODD_TEXTS {
            let reading = read(text, Some(text.len()));
            let _ = judge(&reading, OpenerForm::Operative, &["".to_string()]);
        }
        let long = "Deeply ".repeat(100);
        let _ = judge(&read(&long, None), OpenerForm::Preambular, &[]);
    }
}
