//! Resolution and decision citations in running text: "resolution 67/169 of 20 December 2012",
//! "Council resolution 19/33", "resolution 2427 (2018)", "resolutions 71/312 of 6 July 2017 and
//! 76/296 of 21 July 2022".
//!
//! Which body a citation names is read from the words before it (reference/un-drafting.md §4.4,
//! "Telling the bodies apart"): "General Assembly", "Human Rights Council", "Security Council",
//! "Economic and Social Council", a bare "Assembly" or "Council", "its" (the body adopting the
//! draft, unless the clause names another), or nothing, in which case the form of the number
//! and the body adopting the draft decide. A number another body gave ("resolution 5/14 ... of
//! the United Nations Environment Assembly") is left with [`CitedBody::Unknown`].
//!
//! When those words leave the body open ("including resolutions 36/6 of …, 45/3 of … and
//! 54/14 of …", "of its resolution 60/251"), the body the sentence named last before them
//! comes first, for the whole list, and the bodies the words alone allow stay possible. Another
//! body named there as the author of texts ("the adoption by the Economic Commission for Latin
//! America and the Caribbean of its resolution 574 (XXVII)") makes the body unknown.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;
use regex::Regex;

use super::{Body, Span};

/// The body whose resolution is cited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CitedBody {
    GeneralAssembly,
    HumanRightsCouncil,
    SecurityCouncil,
    EconomicAndSocialCouncil,
    /// The words around the citation do not tell, or they name another body.
    Unknown,
}

impl CitedBody {
    pub fn name(self) -> &'static str {
        match self {
            CitedBody::GeneralAssembly => "General Assembly",
            CitedBody::HumanRightsCouncil => "Human Rights Council",
            CitedBody::SecurityCouncil => "Security Council",
            CitedBody::EconomicAndSocialCouncil => "Economic and Social Council",
            CitedBody::Unknown => "unknown body",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CitedKind {
    Resolution,
    Decision,
}

impl CitedKind {
    pub fn noun(self) -> &'static str {
        match self {
            CitedKind::Resolution => "resolution",
            CitedKind::Decision => "decision",
        }
    }
}

/// The session part of a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Session {
    Regular(u32),
    /// `S-15/1`, `3201 (S-VI)`.
    Special(u32),
    /// `ES-10/23`.
    EmergencySpecial(u32),
}

/// The number of a cited resolution or decision, by its form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CitedNumber {
    /// `67/169`, `S-15/1`, `ES-10/23`: session and serial number (General Assembly from its
    /// thirty-first session, Human Rights Council, many other bodies).
    Sessional { session: Session, number: u32 },
    /// `2016/2`: numbered by year (Economic and Social Council since 1978, Commission on Human
    /// Rights).
    Yearly { year: u32, number: u32 },
    /// `2427 (2018)`: the Security Council, with the year of adoption.
    WithYear { number: u32, year: u32 },
    /// `1514 (XV)`, `3201 (S-VI)`: the General Assembly before 1976 (and ECOSOC before 1978).
    WithRomanSession { number: u32, session: Session },
}

/// "20 December 2012".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitedDate {
    pub range: Span,
    pub year_range: Span,
    pub day: u32,
    /// 1 for January.
    pub month: u32,
    pub year: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// From the number to the end of the date, or of the number when there is no date.
    pub range: Span,
    /// The body the words point to.
    pub body: CitedBody,
    /// A second body the words leave open (a bare "resolution 40/2" in a Human Rights Council
    /// draft may be the Assembly's or the Council's).
    pub alternative: Option<CitedBody>,
    pub kind: CitedKind,
    pub number: CitedNumber,
    /// "67/169", "2427 (2018)", "34/83 A".
    pub number_range: Span,
    pub date: Option<CitedDate>,
}

impl Citation {
    /// The same citation, `shift` bytes further on.
    pub fn shifted(&self, shift: isize) -> Citation {
        Citation {
            range: self.range.shifted(shift),
            number_range: self.number_range.shifted(shift),
            date: self.date.as_ref().map(|date| CitedDate {
                range: date.range.shifted(shift),
                year_range: date.year_range.shifted(shift),
                ..date.clone()
            }),
            ..self.clone()
        }
    }

    /// The years the cited session covers, when the number tells: (2012, 2013) for General
    /// Assembly resolution 67/169, (2012, 2012) for Council resolution 19/33, (2015, 2016) for
    /// ECOSOC resolution 2016/2, (2018, 2018) for resolution 2427 (2018).
    pub fn session_years(&self) -> Option<(u32, u32)> {
        use crate::vocab::symbols::{
            general_assembly_session_years, human_rights_council_session_year,
        };
        match (self.number, self.body) {
            (CitedNumber::WithYear { year, .. }, _) => Some((year, year)),
            (CitedNumber::Yearly { year, .. }, CitedBody::EconomicAndSocialCouncil)
                if year >= 2014 =>
            {
                Some((year - 1, year))
            }
            (CitedNumber::Yearly { year, .. }, _) => Some((year, year)),
            (
                CitedNumber::Sessional {
                    session: Session::Regular(session),
                    ..
                }
                | CitedNumber::WithRomanSession {
                    session: Session::Regular(session),
                    ..
                },
                CitedBody::GeneralAssembly,
            ) if session >= 1 => Some(general_assembly_session_years(session)),
            (
                CitedNumber::Sessional {
                    session: Session::Regular(session),
                    ..
                },
                CitedBody::HumanRightsCouncil,
            ) if session >= 1 => {
                let year = human_rights_council_session_year(session);
                Some((year, year))
            }
            _ => None,
        }
    }

    /// What hover shows: the body (or bodies, when the words leave it open), the session and
    /// the years it covers. `resolution 67/169` in a General Assembly draft → "General
    /// Assembly", "sixty-seventh session", "September 2012 to September 2013".
    pub fn explain(&self) -> Vec<String> {
        use crate::vocab::symbols::ordinal_words;
        let mut lines = Vec::new();
        lines.push(match (self.body, self.alternative) {
            (CitedBody::Unknown, _) => "body not named".to_string(),
            (body, Some(other)) => format!("{} or {}", body.name(), other.name()),
            (body, None) => body.name().to_string(),
        });
        let session_line = match self.number {
            CitedNumber::Sessional { session, .. }
            | CitedNumber::WithRomanSession { session, .. } => Some(match session {
                Session::Regular(number) => format!("{} session", ordinal_words(number)),
                Session::Special(number) => format!("{} special session", ordinal_words(number)),
                Session::EmergencySpecial(number) => {
                    format!("{} emergency special session", ordinal_words(number))
                }
            }),
            CitedNumber::Yearly { year, .. } => Some(format!("{year} session")),
            CitedNumber::WithYear { year, .. } => Some(format!("adopted in {year}")),
        };
        lines.extend(session_line);
        if self.alternative.is_none() {
            match (self.session_years(), self.number) {
                (Some((opened, closed)), CitedNumber::Sessional { .. })
                | (Some((opened, closed)), CitedNumber::WithRomanSession { .. })
                    if self.body == CitedBody::GeneralAssembly =>
                {
                    lines.push(format!("September {opened} to September {closed}"));
                }
                (Some((opened, closed)), CitedNumber::Yearly { .. }) if opened != closed => {
                    lines.push(format!("July {opened} to July {closed}"));
                }
                (Some((year, _)), CitedNumber::Sessional { .. }) => lines.push(year.to_string()),
                _ => {}
            }
        }
        lines
    }
}

/// Sessions of the Human Rights Council held so far, with room to grow: a bare number above
/// this is not the Council's.
const LATEST_COUNCIL_SESSION: u32 = 70;

/// The months' names in English, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Find the citations in `text[within]` of a draft adopted by `draft_body`.
pub fn scan(text: &str, within: Range<usize>, draft_body: Body, out: &mut Vec<Citation>) {
    scan_keywords_in(text, within.clone(), within, draft_body, out);
}

/// [`scan`] for the keywords that start in `keywords` only; the words around them are read
/// within `within` as [`scan`] reads them.
pub fn scan_keywords_in(
    text: &str,
    within: Range<usize>,
    keywords: Range<usize>,
    draft_body: Body,
    out: &mut Vec<Citation>,
) {
    // A keyword's first letter comes before the searched part of the word, and inside
    // `within`.
    let search_start = within.start.max(keywords.start) + 1;
    let first_new = out.len();
    for (needle, kind) in [
        ("esolution", CitedKind::Resolution),
        ("ecision", CitedKind::Decision),
    ] {
        let search_end = within.end.min(keywords.end.saturating_add(needle.len()));
        let Some(region) = text.as_bytes().get(search_start..search_end) else {
            continue;
        };
        for found in memmem::find_iter(region, needle) {
            let keyword_start = search_start + found - 1;
            if keyword_start >= keywords.end {
                break;
            }
            let keyword_end = search_start + found + needle.len();
            scan_keyword(
                text,
                &within,
                keyword_start,
                keyword_end,
                kind,
                draft_body,
                out,
            );
        }
    }
    out[first_new..].sort_by_key(|citation| citation.range.start());
}

/// Words that name what a body is, when they stand right before "resolution": another body's
/// resolution ("Commission on Human Rights resolution 1993/51").
const OTHER_BODY_NOUNS: &[&str] = &[
    "Commission",
    "Committee",
    "Conference",
    "Board",
    "Forum",
    "Rights",
    "Parties",
    "Meeting",
    "Programme",
    "Organization",
    "Agency",
    "Fund",
    "Court",
    "Authority",
    "Union",
    "Tribunal",
    "Group",
    "Panel",
    "Platform",
    "Mechanism",
    "Bank",
];

/// Names of bodies in running text, and what they say about a citation.
const BODY_NAMES: [(&str, Naming); 11] = [
    ("General Assembly", Naming::Body(CitedBody::GeneralAssembly)),
    (
        "Human Rights Council",
        Naming::Body(CitedBody::HumanRightsCouncil),
    ),
    ("Security Council", Naming::Body(CitedBody::SecurityCouncil)),
    (
        "Economic and Social Council",
        Naming::Body(CitedBody::EconomicAndSocialCouncil),
    ),
    ("Commission", Naming::Other),
    ("Committee", Naming::Other),
    ("Conference", Naming::Other),
    ("Forum", Naming::Other),
    ("Board", Naming::Other),
    ("Assembly", Naming::Other),
    ("Council", Naming::Other),
];

/// What the words before "resolution" say about its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Naming {
    Body(CitedBody),
    /// "Council resolution": the Human Rights Council for sessional numbers, ECOSOC for yearly
    /// ones, the Security Council for numbers with a year.
    Council,
    /// Another body is named ("Environment Assembly", "Commission").
    Other,
    /// "its resolution".
    Its,
    /// No body words.
    Bare,
}

fn scan_keyword(
    text: &str,
    within: &Range<usize>,
    keyword_start: usize,
    keyword_end: usize,
    kind: CitedKind,
    draft_body: Body,
    out: &mut Vec<Citation>,
) {
    let bytes = text.as_bytes();
    let initial = bytes[keyword_start];
    let expected = match kind {
        CitedKind::Resolution => b'r',
        CitedKind::Decision => b'd',
    };
    if initial.to_ascii_lowercase() != expected {
        return;
    }
    if keyword_start > within.start && bytes[keyword_start - 1].is_ascii_alphanumeric() {
        return;
    }
    let mut cursor = keyword_end;
    if bytes.get(cursor) == Some(&b's') {
        cursor += 1;
    }
    let Some(mut cursor) = skip_space(bytes, cursor, within.end) else {
        return;
    };
    let first_new = out.len();
    while let Some((number, number_range, after_number)) = parse_number(bytes, cursor, within.end) {
        let date = parse_date(text, after_number, within.end);
        let end = date
            .as_ref()
            .map_or(number_range.end, |date| date.range.end());
        out.push(Citation {
            range: Span::new(number_range.start, end),
            body: CitedBody::Unknown,
            alternative: None,
            kind,
            number,
            number_range: number_range.into(),
            date,
        });
        match list_separator(bytes, end, within.end) {
            Some(next) => cursor = next,
            None => break,
        }
    }
    if out.len() == first_new {
        return;
    }
    let naming = naming_before(text, within.start, keyword_start);
    let list_end = out
        .last()
        .map_or(keyword_end, |citation| citation.range.end());
    let naming = match naming {
        Naming::Bare => body_named_after(text, list_end, within.end).unwrap_or(Naming::Bare),
        naming => naming,
    };
    let its_body = if naming == Naming::Its {
        clause_body(text, within.start, keyword_start)
            .or_else(|| subject_after(text, list_end, within.end))
    } else {
        None
    };
    // Words that leave the body open ("including resolutions 36/6", "of its resolution 60/251")
    // point to the body the sentence named last before them, if any.
    let named_earlier = match (naming, its_body) {
        (Naming::Bare, _) => body_named_earlier(text, within.start, keyword_start),
        (Naming::Its, None) => previous_word(text, within.start, keyword_start)
            .and_then(|(its_start, _)| body_named_earlier(text, within.start, its_start)),
        _ => None,
    };
    for citation in &mut out[first_new..] {
        let (body, alternative) = resolve_body(naming, its_body, citation.number, draft_body);
        // A number with a year in it ("2016/2", "2427 (2018)") is dated by its form, whoever
        // gave it.
        let dated_by_form = matches!(
            citation.number,
            CitedNumber::Yearly { .. } | CitedNumber::WithYear { .. }
        );
        let (body, alternative) = match named_earlier {
            Some(earlier) if !dated_by_form => {
                with_body_named_earlier(earlier, (body, alternative), citation.number, draft_body)
            }
            _ => (body, alternative),
        };
        citation.body = body;
        citation.alternative = alternative;
    }
}

/// A citation whose own words leave the body open, read with the body its sentence named
/// before it ("resolutions adopted by the Human Rights Council, including resolutions 36/6 of
/// 28 September 2017"). That body comes first, and the bodies the citation's own words left
/// possible stay possible: the body a sentence names last is not always the one whose
/// resolution it cites ("… to the work of the Council, as well as resolution 68/272 of
/// 19 May 2014, in which the Assembly …"). A body whose calendar is not known ("the Economic
/// Commission for Latin America and the Caribbean … of its resolution 574 (XXVII)") leaves the
/// body unknown.
fn with_body_named_earlier(
    earlier: Naming,
    (body, alternative): (CitedBody, Option<CitedBody>),
    number: CitedNumber,
    draft_body: Body,
) -> (CitedBody, Option<CitedBody>) {
    match resolve_body(earlier, None, number, draft_body) {
        _ if earlier == Naming::Other => (CitedBody::Unknown, None),
        // A body whose numbers do not have this form did not give it.
        (CitedBody::Unknown, _) => (body, alternative),
        (named, _) if named == body => (body, alternative),
        (named, _) if body == CitedBody::Unknown => (named, None),
        (named, _) => (named, Some(body)),
    }
}

/// How far back in its sentence a citation looks for a body named before it.
const SENTENCE_LOOKBACK: usize = 400;

/// Nouns that end a body's name, looked for in the sentence before a citation.
const BODY_NOUNS: [&str; 6] = [
    "Assembly",
    "Council",
    "Commission",
    "Committee",
    "Conference",
    "Board",
];

/// The body named last in the sentence before `end`, within [`SENTENCE_LOOKBACK`] bytes of
/// it: a sentence ends at a semicolon, at a full stop before a space and at a blank line.
fn body_named_earlier(text: &str, floor: usize, end: usize) -> Option<Naming> {
    let bytes = text.as_bytes();
    let lowest = floor.max(end.saturating_sub(SENTENCE_LOOKBACK));
    let mut start = end;
    while start > lowest {
        let ends_sentence = match bytes[start - 1] {
            b';' => true,
            b'.' => bytes.get(start).is_some_and(u8::is_ascii_whitespace),
            b'\n' => {
                bytes[lowest..start - 1]
                    .iter()
                    .rev()
                    .find(|byte| !matches!(byte, b' ' | b'\t' | b'\r'))
                    == Some(&b'\n')
            }
            _ => false,
        };
        if ends_sentence {
            break;
        }
        start -= 1;
    }
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let sentence = text.get(start..end)?;
    let is_word_end = |at: usize| {
        sentence
            .as_bytes()
            .get(at)
            .is_none_or(|byte| !byte.is_ascii_alphanumeric())
    };
    let is_word_start = |at: usize| at == 0 || !sentence.as_bytes()[at - 1].is_ascii_alphanumeric();
    let (noun_start, noun_end) = BODY_NOUNS
        .iter()
        .filter_map(|noun| {
            sentence
                .rmatch_indices(noun)
                .map(|(at, _)| at)
                .find(|&at| is_word_start(at) && is_word_end(at + noun.len()))
                .map(|at| (at, at + noun.len()))
        })
        .max_by_key(|&(_, noun_end)| noun_end)?;
    let naming = naming_before(text, floor, start + noun_end);
    if naming == Naming::Other && !speaks_of_its_texts(sentence, noun_start..noun_end) {
        // Another body named in passing ("welcoming the convening of the Intergovernmental
        // Conference held on …, and recalling also resolution 73/195") did not give the
        // resolutions cited after it.
        return None;
    }
    Some(naming)
}

/// Words that make the body named right after them the author of texts: "the resolutions and
/// decisions of the", "resolutions adopted by the", "the adoption, by the", followed by the
/// first words of the body's name.
static TEXTS_OF_THE_BODY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:resolutions?|decisions?|adoption)(?:\s+(?:and|or)\s+(?:resolutions?|decisions?))?(?:\s+adopted)?,?\s+(?:by|of)\s+the\s+(?:(?:[A-Z]\S*|and|of|for|on|the)\s+)*$",
    )
    .unwrap_or_else(|error| panic!("texts-of-the-body pattern: {error}"))
});

/// The rest of a body's name followed by its texts: "on Narcotic Drugs resolutions".
static TEXTS_OF_THE_BODY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+(?:[A-Z]\S*|and|of|for|on|the|to))*\s+(?:resolutions?|decisions?)\b")
        .unwrap_or_else(|error| panic!("texts-of-the-body pattern: {error}"))
});

/// How far from a body's noun [`speaks_of_its_texts`] reads.
const TEXTS_WORDS_REACH: usize = 100;

/// Whether the words around a body's name in `sentence`, whose noun ("Commission") is at
/// `noun`, make it the author of texts: "the resolutions and decisions of the Conference of
/// the Parties", "the adoption by the Economic Commission for Latin America", "Commission on
/// Narcotic Drugs resolutions". A body named for what else it did ("the Programme of Action
/// adopted by the World Conference", "the follow-up to the Second World Assembly on Ageing")
/// is not.
fn speaks_of_its_texts(sentence: &str, noun: Range<usize>) -> bool {
    let mut before = noun.start.saturating_sub(TEXTS_WORDS_REACH);
    while !sentence.is_char_boundary(before) {
        before += 1;
    }
    let mut after = (noun.end + TEXTS_WORDS_REACH).min(sentence.len());
    while !sentence.is_char_boundary(after) {
        after -= 1;
    }
    sentence
        .get(before..noun.start)
        .is_some_and(|words| TEXTS_OF_THE_BODY_BEFORE.is_match(words))
        || sentence
            .get(noun.end..after)
            .is_some_and(|words| TEXTS_OF_THE_BODY_AFTER.is_match(words))
}

/// Decide the body from the naming words, the form of the number and the draft's own body.
fn resolve_body(
    naming: Naming,
    its_body: Option<Naming>,
    number: CitedNumber,
    draft_body: Body,
) -> (CitedBody, Option<CitedBody>) {
    use CitedBody::*;
    let regular_session = match number {
        CitedNumber::Sessional {
            session: Session::Regular(session),
            ..
        } => Some(session),
        _ => None,
    };
    let by_form = match number {
        CitedNumber::Yearly { .. } => Some(EconomicAndSocialCouncil),
        CitedNumber::WithYear { .. } => Some(SecurityCouncil),
        _ => None,
    };
    let fits = |body: CitedBody| match (body, number) {
        (GeneralAssembly, CitedNumber::Sessional { session, .. }) => match session {
            Session::Regular(session) => session >= 31,
            _ => true,
        },
        (GeneralAssembly, CitedNumber::WithRomanSession { .. }) => true,
        (HumanRightsCouncil, CitedNumber::Sessional { .. }) => true,
        (EconomicAndSocialCouncil, CitedNumber::Yearly { .. }) => true,
        (SecurityCouncil, CitedNumber::WithYear { .. }) => true,
        _ => false,
    };
    let only_if_fits = |body: CitedBody| {
        if fits(body) {
            (body, None)
        } else {
            (Unknown, None)
        }
    };
    let draft_cited = match draft_body {
        Body::GeneralAssembly => GeneralAssembly,
        Body::HumanRightsCouncil => HumanRightsCouncil,
        Body::SecurityCouncil => SecurityCouncil,
        Body::EconomicAndSocialCouncil => EconomicAndSocialCouncil,
        Body::Other => Unknown,
    };
    match naming {
        Naming::Body(body) => only_if_fits(body),
        Naming::Other => (Unknown, None),
        Naming::Council => match by_form {
            Some(body) => (body, None),
            None => only_if_fits(HumanRightsCouncil),
        },
        Naming::Its => match its_body {
            Some(Naming::Body(body)) => only_if_fits(body),
            Some(Naming::Council) => resolve_body(Naming::Council, None, number, draft_body),
            Some(_) => (Unknown, None),
            None => match (draft_cited, regular_session) {
                (HumanRightsCouncil, Some(session)) if session > LATEST_COUNCIL_SESSION => {
                    (Unknown, None)
                }
                _ => only_if_fits(draft_cited),
            },
        },
        Naming::Bare => {
            if let Some(body) = by_form {
                return (body, None);
            }
            match (number, regular_session) {
                (_, Some(session)) if session >= 31 => {
                    let council_possible = session <= LATEST_COUNCIL_SESSION;
                    match draft_body {
                        Body::GeneralAssembly => (GeneralAssembly, None),
                        _ if council_possible => (GeneralAssembly, Some(HumanRightsCouncil)),
                        _ => (GeneralAssembly, None),
                    }
                }
                (CitedNumber::WithRomanSession { .. }, _)
                    if draft_body == Body::GeneralAssembly =>
                {
                    (GeneralAssembly, None)
                }
                _ => (Unknown, None),
            }
        }
    }
}

/// Read the words right before the keyword.
fn naming_before(text: &str, floor: usize, keyword_start: usize) -> Naming {
    let Some((start, word)) = previous_word(text, floor, keyword_start) else {
        return Naming::Bare;
    };
    // The word before it, read only for the names that need it.
    let second = || previous_word(text, floor, start);
    let names_body = |(start, word): (usize, &str)| is_name_word(text, floor, start, word);
    match word {
        "its" | "Its" => Naming::Its,
        "Assembly" => match second() {
            Some((_, "General")) => Naming::Body(CitedBody::GeneralAssembly),
            Some(previous) if names_body(previous) => Naming::Other,
            _ => Naming::Body(CitedBody::GeneralAssembly),
        },
        "Council" => match second() {
            Some((second_start, "Rights")) => match previous_word(text, floor, second_start) {
                Some((_, "Human")) => Naming::Body(CitedBody::HumanRightsCouncil),
                _ => Naming::Other,
            },
            Some((_, "Security")) => Naming::Body(CitedBody::SecurityCouncil),
            Some((_, "Social")) => Naming::Body(CitedBody::EconomicAndSocialCouncil),
            Some(previous) if names_body(previous) => Naming::Other,
            _ => Naming::Council,
        },
        _ if OTHER_BODY_NOUNS.contains(&word) => Naming::Other,
        // The end of another body's name: "Commission on the Status of Women resolution 60/2",
        // "UNEP Governing Council decision 27/2", "WHO resolution".
        _ if names_body((start, word)) => Naming::Other,
        _ => Naming::Bare,
    }
}

/// Whether a word before "resolution" is part of a body's name: capitalized, and not a
/// function word or the paragraph's opener ("*Recalls* resolution 60/251").
fn is_name_word(text: &str, floor: usize, start: usize, word: &str) -> bool {
    const NOT_NAMES: &[&str] = &[
        "The",
        "And",
        "Also",
        "Further",
        "In",
        "By",
        "See",
        "Its",
        "Their",
        "Both",
        "Under",
        "With",
        "As",
        "Of",
        "On",
        "For",
        "To",
        "That",
        "This",
        "These",
        "Those",
        "Resolution",
        "Resolutions",
        "Decision",
        "Decisions",
    ];
    if !word.starts_with(|character: char| character.is_uppercase()) || NOT_NAMES.contains(&word) {
        return false;
    }
    let participle = (word.ends_with("ing") || word.ends_with("ed"))
        && !matches!(word, "Governing" | "Standing" | "United");
    if participle {
        return false;
    }
    let bytes = text.as_bytes();
    // An opener in italics: the emphasis marker closes right after the word.
    let end = start + word.len();
    if matches!(bytes.get(end), Some(b'*' | b'_')) {
        return false;
    }
    // An opener at the start of its paragraph, after any number or label.
    let mut cursor = start;
    while cursor > floor
        && matches!(
            bytes[cursor - 1],
            b' ' | b'\t' | b'*' | b'_' | b'[' | b'.' | b'(' | b')' | b'\\' | b'0'..=b'9'
        )
    {
        cursor -= 1;
    }
    !(cursor == floor || bytes[cursor - 1] == b'\n')
}

/// For "its resolution": the body named by the clause before it, as in "the Commission for
/// Social Development, in its resolution 42/1". None when the clause names no body, so "its"
/// is the body adopting the draft.
fn clause_body(text: &str, floor: usize, keyword_start: usize) -> Option<Naming> {
    let (its_start, _) = previous_word(text, floor, keyword_start)?;
    let (word_start, word) = previous_word(text, floor, its_start)?;
    if !matches!(word, "in" | "by" | "through" | "under") {
        return None;
    }
    let bytes = text.as_bytes();
    let mut end = word_start;
    while end > floor && matches!(bytes[end - 1], b' ' | b'\t' | b'\r' | b'\n' | b',') {
        end -= 1;
    }
    let mut start = end;
    while start > floor
        && end - start < 160
        && !matches!(bytes[start - 1], b',' | b';' | b':' | b'(' | b'\n' | b'.')
    {
        start -= 1;
    }
    let clause = text.get(start..end)?;
    // The body named last in the clause is the one that acted; of names ending at the same
    // place ("Security Council" and "Council"), the longer.
    let (at, name, naming) = BODY_NAMES
        .iter()
        .filter_map(|(name, naming)| clause.rfind(name).map(|at| (at, *name, *naming)))
        .max_by_key(|(at, name, _)| (at + name.len(), name.len()))?;
    // "the Assembly" is the General Assembly; "the Council", the council whose numbers these
    // are. "the Environment Assembly" is another body.
    let bare = clause[..at].trim_end().ends_with(" the") || clause[..at].trim_end() == "the";
    Some(match (name, bare) {
        ("Assembly", true) => Naming::Body(CitedBody::GeneralAssembly),
        ("Council", true) => Naming::Council,
        _ => naming,
    })
}

/// For "in its resolution 78/153 of 19 December 2023, the General Assembly acknowledged": the
/// body named right after the citation, as the subject of the clause.
fn subject_after(text: &str, end: usize, limit: usize) -> Option<Naming> {
    let bytes = text.as_bytes();
    let comma = after_footnote_markers(bytes, end, limit);
    if comma >= limit || bytes.get(comma) != Some(&b',') {
        return None;
    }
    let start = after_footnote_markers(bytes, comma + 1, limit);
    let rest = text.get(start..limit.min(start + 60))?;
    let rest = rest.trim_start().strip_prefix("the ")?;
    // "the Assembly" is the General Assembly; "the Council", the council whose numbers these
    // are.
    BODY_NAMES
        .iter()
        .filter(|(name, _)| rest.starts_with(name))
        .max_by_key(|(name, _)| name.len())
        .map(|(name, naming)| match *name {
            "Assembly" => Naming::Body(CitedBody::GeneralAssembly),
            "Council" => Naming::Council,
            _ => *naming,
        })
}

/// The body named by "of the <Body>" after a list ("resolution 5/5 of 7 March 2022 of the
/// United Nations Environment Assembly"): one of the four, or another.
fn body_named_after(text: &str, end: usize, limit: usize) -> Option<Naming> {
    let rest = text.get(end..limit.min(end + 60)).unwrap_or("");
    let rest = rest.trim_start_matches([',', ' ']);
    let name = rest
        .strip_prefix("of the ")
        .or_else(|| rest.strip_prefix("adopted by the "))?;
    if !name.starts_with(|character: char| character.is_uppercase()) {
        return None;
    }
    let known = BODY_NAMES
        .iter()
        .take(4)
        .find(|(body, _)| name.starts_with(body))
        .map(|(_, naming)| *naming);
    Some(match known {
        Some(naming) => naming,
        None if name.starts_with("Assembly") => Naming::Body(CitedBody::GeneralAssembly),
        None if name.starts_with("Council") => Naming::Council,
        None => Naming::Other,
    })
}

/// The word before `end` (skipping spaces and emphasis markers), with where it starts. Stops at
/// punctuation and blank lines.
fn previous_word(text: &str, floor: usize, end: usize) -> Option<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut cursor = end;
    let mut newlines = 0;
    while cursor > floor
        && matches!(
            bytes[cursor - 1],
            b' ' | b'\t' | b'\r' | b'\n' | b'*' | b'_'
        )
    {
        if bytes[cursor - 1] == b'\n' {
            newlines += 1;
        }
        cursor -= 1;
    }
    // A no-break space (U+00A0) between words.
    while cursor >= floor + 2 && bytes[cursor - 2] == 0xC2 && bytes[cursor - 1] == 0xA0 {
        cursor -= 2;
    }
    if newlines > 1 {
        return None;
    }
    let word_end = cursor;
    while cursor > floor && (bytes[cursor - 1].is_ascii_alphanumeric() || bytes[cursor - 1] == b'-')
    {
        cursor -= 1;
    }
    if cursor == word_end {
        return None;
    }
    text.get(cursor..word_end).map(|word| (cursor, word))
}

/// Skip at least one space (spaces, tabs, a single line break, no-break spaces).
fn skip_space(bytes: &[u8], from: usize, limit: usize) -> Option<usize> {
    let mut cursor = from;
    let mut newlines = 0;
    loop {
        match bytes.get(cursor) {
            _ if cursor >= limit => break,
            Some(b' ' | b'\t' | b'\r') => cursor += 1,
            Some(b'\n') => {
                newlines += 1;
                cursor += 1;
            }
            Some(0xC2) if bytes.get(cursor + 1) == Some(&0xA0) && cursor + 1 < limit => cursor += 2,
            _ => break,
        }
    }
    (cursor > from && newlines <= 1).then_some(cursor)
}

/// Digits at `from` (at most `max` of them), their value and end.
fn digits(bytes: &[u8], from: usize, limit: usize, max: usize) -> Option<(u32, usize)> {
    let mut cursor = from;
    let mut value: u32 = 0;
    while cursor < limit && cursor - from < max + 1 && bytes[cursor].is_ascii_digit() {
        value = value * 10 + u32::from(bytes[cursor] - b'0');
        cursor += 1;
    }
    let count = cursor - from;
    if count == 0 || count > max {
        return None;
    }
    Some((value, cursor))
}

/// A session: `23`, `S-15`, `ES-10`.
fn session(bytes: &[u8], from: usize, limit: usize) -> Option<(Session, usize, usize)> {
    let rest = bytes.get(from..limit)?;
    if rest.starts_with(b"ES-") {
        let (value, end) = digits(bytes, from + 3, limit, 2)?;
        return Some((Session::EmergencySpecial(value), end, 0));
    }
    if rest.starts_with(b"S-") {
        let (value, end) = digits(bytes, from + 2, limit, 2)?;
        return Some((Session::Special(value), end, 0));
    }
    let (value, end) = digits(bytes, from, limit, 4)?;
    Some((Session::Regular(value), end, end - from))
}

/// A number: `67/169`, `S-15/1`, `2016/2`, `2427 (2018)`, `1514 (XV)`, with letters after it
/// (`34/83 A`, `57/284 A and B`). Returns the number, its range (letters included) and the
/// position after it.
fn parse_number(
    bytes: &[u8],
    from: usize,
    limit: usize,
) -> Option<(CitedNumber, Range<usize>, usize)> {
    let (session, session_end, digit_count) = session(bytes, from, limit)?;
    if bytes.get(session_end) == Some(&b'/') && session_end < limit {
        let (number, number_end) = digits(bytes, session_end + 1, limit, 4)?;
        if bytes
            .get(number_end)
            .is_some_and(|byte| byte.is_ascii_alphanumeric() || *byte == b'/')
            && number_end < limit
        {
            return None;
        }
        let end = letters_end(bytes, number_end, limit);
        let cited = match session {
            Session::Regular(year) if digit_count == 4 => {
                if !(1946..=2100).contains(&year) {
                    return None;
                }
                CitedNumber::Yearly { year, number }
            }
            Session::Regular(value) if digit_count <= 3 => CitedNumber::Sessional {
                session: Session::Regular(value),
                number,
            },
            Session::Regular(_) => return None,
            special => CitedNumber::Sessional {
                session: special,
                number,
            },
        };
        return Some((cited, from..end, end));
    }
    let Session::Regular(number) = session else {
        return None;
    };
    if bytes
        .get(session_end)
        .is_some_and(|byte| byte.is_ascii_alphanumeric())
        && session_end < limit
    {
        return None;
    }
    let after_letters = letters_end(bytes, session_end, limit);
    let open = if bytes.get(after_letters) == Some(&b' ') {
        after_letters + 1
    } else {
        after_letters
    };
    if bytes.get(open) != Some(&b'(') || open >= limit {
        return None;
    }
    let close = open
        + bytes
            .get(open..limit)?
            .iter()
            .take(12)
            .position(|byte| *byte == b')')?;
    let inner = std::str::from_utf8(bytes.get(open + 1..close)?).ok()?;
    let cited = if inner.len() == 4 && inner.bytes().all(|byte| byte.is_ascii_digit()) {
        let year: u32 = inner.parse().ok()?;
        if !(1946..=2100).contains(&year) {
            return None;
        }
        CitedNumber::WithYear { number, year }
    } else {
        let (numeral, session) = if let Some(numeral) = inner.strip_prefix("ES-") {
            (numeral, Session::EmergencySpecial as fn(u32) -> Session)
        } else if let Some(numeral) = inner.strip_prefix("S-") {
            (numeral, Session::Special as fn(u32) -> Session)
        } else {
            (inner, Session::Regular as fn(u32) -> Session)
        };
        let value = crate::vocab::symbols::roman_value(numeral)?;
        CitedNumber::WithRomanSession {
            number,
            session: session(value),
        }
    };
    Some((cited, from..close + 1, close + 1))
}

/// After a number: letters of resolutions under one number, ` A`, ` A and B`, ` A to D`.
fn letters_end(bytes: &[u8], from: usize, limit: usize) -> usize {
    let is_letter_at = |position: usize| {
        position < limit
            && bytes.get(position).is_some_and(u8::is_ascii_uppercase)
            && bytes
                .get(position + 1)
                .is_none_or(|next| !next.is_ascii_alphanumeric())
    };
    let mut end = from;
    if !(bytes.get(end) == Some(&b' ') && is_letter_at(end + 1)) {
        return end;
    }
    end += 2;
    loop {
        let rest = bytes.get(end..limit).unwrap_or(&[]);
        let joiner = [&b", "[..], b" and ", b" to ", b", and "]
            .into_iter()
            .find(|joiner| rest.starts_with(joiner) && is_letter_at(end + joiner.len()));
        match joiner {
            Some(joiner) => end += joiner.len() + 1,
            None => return end,
        }
    }
}

/// " of 20 December 2012" (or " both of ...") after a number.
fn parse_date(text: &str, from: usize, limit: usize) -> Option<CitedDate> {
    let bytes = text.as_bytes();
    let mut cursor = skip_space(bytes, from, limit)?;
    let rest = bytes.get(cursor..limit)?;
    if rest.starts_with(b"both ") {
        cursor = skip_space(bytes, cursor + 4, limit)?;
    }
    if !bytes.get(cursor..limit)?.starts_with(b"of") {
        return None;
    }
    let start = cursor + 2;
    cursor = skip_space(bytes, start, limit)?;
    let date_start = cursor;
    let (day, day_end) = digits(bytes, cursor, limit, 2)?;
    cursor = skip_space(bytes, day_end, limit)?;
    let mut word_end = cursor;
    while word_end < limit && bytes.get(word_end).is_some_and(u8::is_ascii_alphabetic) {
        word_end += 1;
    }
    // The month's name must be the whole word: a space follows it.
    let month_index = MONTHS
        .iter()
        .position(|month| month.as_bytes() == &bytes[cursor..word_end])?;
    cursor = skip_space(bytes, word_end, limit)?;
    let (year, year_end) = digits(bytes, cursor, limit, 4)?;
    if year_end - cursor != 4 || !(1..=31).contains(&day) {
        return None;
    }
    Some(CitedDate {
        range: Span::new(date_start, year_end),
        year_range: Span::new(cursor, year_end),
        day,
        month: month_index as u32 + 1,
        year,
    })
}

/// `, `, ` and `, `, and ` before the next number of a list; the position of that number.
fn list_separator(bytes: &[u8], from: usize, limit: usize) -> Option<usize> {
    // A footnote marker may stand on either side of the comma: "2017,<sup>2</sup> 45/3",
    // "2020<sup>3</sup> and 54/14".
    let from = after_footnote_markers(bytes, from, limit);
    let mut cursor = from;
    if bytes.get(cursor) == Some(&b',') {
        cursor = after_footnote_markers(bytes, cursor + 1, limit);
    }
    cursor = skip_space(bytes, cursor, limit)?;
    if bytes.get(cursor..limit)?.starts_with(b"and") {
        cursor = skip_space(bytes, cursor + 3, limit)?;
    } else if cursor == from + 1 && bytes.get(from) != Some(&b',') {
        return None;
    }
    let next = *bytes.get(cursor)?;
    (next.is_ascii_digit() || next == b'S' || next == b'E').then_some(cursor)
}

/// The position after the footnote markers (`<sup>2</sup>`, `[^2]`) at `from`, at most
/// [`MARKERS_SKIPPED`] of them: what is read past a list stays within a few bytes of it.
fn after_footnote_markers(bytes: &[u8], from: usize, limit: usize) -> usize {
    let mut cursor = from;
    for _ in 0..MARKERS_SKIPPED {
        let rest = bytes.get(cursor..limit).unwrap_or(&[]);
        let (opening, closing): (&[u8], &[u8]) = if rest.starts_with(b"<sup>") {
            (b"<sup>", b"</sup>")
        } else if rest.starts_with(b"[^") {
            (b"[^", b"]")
        } else {
            return cursor;
        };
        // A marker's label is short: a number or a few letters.
        let label = &rest[opening.len()..rest.len().min(opening.len() + 12)];
        let Some(label_end) = memmem::find(label, closing) else {
            return cursor;
        };
        if label[..label_end].contains(&b'\n') {
            return cursor;
        }
        cursor += opening.len() + label_end + closing.len();
    }
    cursor
}

/// How many footnote markers in a row [`after_footnote_markers`] skips.
const MARKERS_SKIPPED: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    fn citations(text: &str, draft_body: Body) -> Vec<(String, CitedBody, Option<u32>)> {
        let mut found = Vec::new();
        scan(text, 0..text.len(), draft_body, &mut found);
        found
            .into_iter()
            .map(|citation| {
                (
                    text[citation.number_range.range()].to_string(),
                    citation.body,
                    citation.date.map(|date| date.year),
                )
            })
            .collect()
    }

    use CitedBody::*;

    #[test]
    fn bodies_are_told_apart() {
        let text = "Recalling Council decision 22/116 of 21 March 2013, Assembly resolution 67/169 of 20 December 2012 and Council resolution 19/33 of 23 March 2012,";
        assert_eq!(
            citations(text, Body::HumanRightsCouncil),
            vec![
                ("22/116".into(), HumanRightsCouncil, Some(2013)),
                ("67/169".into(), GeneralAssembly, Some(2012)),
                ("19/33".into(), HumanRightsCouncil, Some(2012)),
            ]
        );
        assert_eq!(
            citations(
                "in line with resolution 5/5 of 7 March 2022 of the United Nations Environment Assembly,",
                Body::GeneralAssembly
            ),
            vec![("5/5".into(), Unknown, Some(2022))]
        );
        assert_eq!(
            citations(
                "Environment Assembly resolutions 5/2, 5/7 and 5/8 of 2 March 2022,",
                Body::GeneralAssembly
            ),
            vec![
                ("5/2".into(), Unknown, None),
                ("5/7".into(), Unknown, None),
                ("5/8".into(), Unknown, Some(2022))
            ]
        );
        assert_eq!(
            citations(
                "that the Commission for Social Development, in its resolution 42/1 of 13 February 2004, decided",
                Body::EconomicAndSocialCouncil
            ),
            vec![("42/1".into(), Unknown, Some(2004))]
        );
        assert_eq!(
            citations(
                "UN-Habitat Governing Council resolution 26/8 of 12 May 2017",
                Body::GeneralAssembly
            ),
            vec![("26/8".into(), Unknown, Some(2017))]
        );
    }

    #[test]
    fn other_bodies_and_openers() {
        assert_eq!(
            citations(
                "Recalling Commission on the Status of Women resolution 56/3 of 9 March 2012,",
                Body::EconomicAndSocialCouncil
            ),
            vec![("56/3".into(), Unknown, Some(2012))]
        );
        assert_eq!(
            citations(
                "3. *Recalls* resolution 70/1 of 25 September 2015;",
                Body::GeneralAssembly
            ),
            vec![("70/1".into(), GeneralAssembly, Some(2015))]
        );
        assert_eq!(
            citations(
                "Recalls resolution 70/1 of 25 September 2015;",
                Body::GeneralAssembly
            ),
            vec![("70/1".into(), GeneralAssembly, Some(2015))]
        );
        assert_eq!(
            citations(
                "noting resolution 60/251 of 15 March 2006 of the General Assembly,",
                Body::Other
            ),
            vec![("60/251".into(), GeneralAssembly, Some(2006))]
        );
        assert_eq!(
            citations(
                "that, in its resolution 78/153 of 19 December 2023, the General Assembly acknowledged",
                Body::EconomicAndSocialCouncil
            ),
            vec![("78/153".into(), GeneralAssembly, Some(2023))]
        );
    }

    #[test]
    fn the_body_the_sentence_named_last_carries_along_its_list() {
        assert_eq!(
            citations(
                "as well as resolutions adopted by the Human Rights Council, including resolutions 36/6 of 28 September 2017,<sup>2</sup> 45/3 of 6 October 2020[^3] and 54/14 of 11 October 2023,",
                Body::GeneralAssembly
            ),
            vec![
                ("36/6".into(), HumanRightsCouncil, Some(2017)),
                ("45/3".into(), HumanRightsCouncil, Some(2020)),
                ("54/14".into(), HumanRightsCouncil, Some(2023)),
            ]
        );
        let mut found = Vec::new();
        let text = "Welcoming the work of the Human Rights Council, and recalling resolution 68/268 of 9 April 2014,";
        scan(text, 0..text.len(), Body::GeneralAssembly, &mut found);
        assert_eq!(
            (found[0].body, found[0].alternative),
            (HumanRightsCouncil, Some(GeneralAssembly))
        );
        assert_eq!(
            citations(
                "that the General Assembly, in accordance with paragraph 5 (c) of its resolution 60/251 of 15 March 2006, adopt",
                Body::HumanRightsCouncil
            ),
            vec![("60/251".into(), GeneralAssembly, Some(2006))]
        );
        assert_eq!(
            citations(
                "that through its resolution 54/18 of 12 October 2023,<sup>20</sup> the Human Rights Council submitted",
                Body::GeneralAssembly
            ),
            vec![("54/18".into(), HumanRightsCouncil, Some(2023))]
        );
    }

    #[test]
    fn the_sentence_looked_back_on_ends_at_a_blank_line() {
        for blank in ["\n\n", "\r\n\r\n", "\n \n"] {
            let text = format!(
                "*Welcoming* the work of the Human Rights Council,{blank}*Recalling* resolution 36/6 of 28 September 2017,"
            );
            assert_eq!(
                citations(&text, Body::GeneralAssembly),
                vec![("36/6".into(), GeneralAssembly, Some(2017))],
                "{blank:?}"
            );
        }
    }

    #[test]
    fn other_bodies_named_earlier_leave_the_body_unknown_only_as_authors() {
        assert_eq!(
            citations(
                "the adoption by the Economic Commission for Latin America and the Caribbean of its resolution 574 (XXVII) of 16 May 1998,",
                Body::GeneralAssembly
            ),
            vec![("574 (XXVII)".into(), Unknown, Some(1998))]
        );
        assert_eq!(
            citations(
                "the adoption, by the Economic and Social Commission for Asia and the Pacific at its seventy-second session, of resolution 72/7 of 19 May 2016",
                Body::GeneralAssembly
            ),
            vec![("72/7".into(), Unknown, Some(2016))]
        );
        assert_eq!(
            citations(
                "African Commission on Human and Peoples’ Rights resolution 91 and decisions 250/2002 and 428/12,",
                Body::HumanRightsCouncil
            ),
            vec![
                ("250/2002".into(), Unknown, None),
                ("428/12".into(), Unknown, None)
            ]
        );
        // Named for what else they did, not as the authors of the resolutions cited after them.
        assert_eq!(
            citations(
                "the Programme of Action adopted by the World Conference, in particular its resolutions 66/144 of 19 December 2011,",
                Body::GeneralAssembly
            ),
            vec![("66/144".into(), GeneralAssembly, Some(2011))]
        );
        assert_eq!(
            citations(
                "all its resolutions on the follow-up to the Second World Assembly on Ageing, including resolution 78/177 of 19 December 2023,",
                Body::GeneralAssembly
            ),
            vec![("78/177".into(), GeneralAssembly, Some(2023))]
        );
        // A number with a year in it keeps the body its form gives.
        assert_eq!(
            citations(
                "the resolutions of the Committee, including resolution 1373 (2001),",
                Body::SecurityCouncil
            ),
            vec![("1373 (2001)".into(), SecurityCouncil, None)]
        );
    }

    #[test]
    fn lists_letters_and_security_council_years() {
        assert_eq!(
            citations(
                "its resolutions 1261 (1999) of 25 August 1999, 1314 (2000) and 2427 (2018),",
                Body::SecurityCouncil
            ),
            vec![
                ("1261 (1999)".into(), SecurityCouncil, Some(1999)),
                ("1314 (2000)".into(), SecurityCouncil, None),
                ("2427 (2018)".into(), SecurityCouncil, None),
            ]
        );
        assert_eq!(
            citations(
                "its resolutions 57/284 A and B of 20 December 2002 and 3411 A to D (XXX)",
                Body::GeneralAssembly
            ),
            vec![
                ("57/284 A and B".into(), GeneralAssembly, Some(2002)),
                ("3411 A to D (XXX)".into(), GeneralAssembly, None),
            ]
        );
        assert_eq!(
            citations(
                "resolution 1, annex, and resolution 1325",
                Body::GeneralAssembly
            ),
            vec![]
        );
    }

    #[test]
    fn citations_explain_themselves() {
        let explain = |text: &str, body: Body| {
            let mut found = Vec::new();
            scan(text, 0..text.len(), body, &mut found);
            found.first().map(Citation::explain).unwrap_or_default()
        };
        assert_eq!(
            explain(
                "its resolution 67/169 of 20 December 2012",
                Body::GeneralAssembly
            ),
            vec![
                "General Assembly",
                "sixty-seventh session",
                "September 2012 to September 2013"
            ]
        );
        assert_eq!(
            explain("Council resolution 19/33", Body::HumanRightsCouncil),
            vec!["Human Rights Council", "nineteenth session", "2012"]
        );
        assert_eq!(
            explain("resolution 2016/2", Body::EconomicAndSocialCouncil),
            vec![
                "Economic and Social Council",
                "2016 session",
                "July 2015 to July 2016"
            ]
        );
        assert_eq!(
            explain("resolution 40/2", Body::HumanRightsCouncil),
            vec![
                "General Assembly or Human Rights Council",
                "fortieth session"
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_citations_on_char_boundaries(
            text in "(resolutions? |decision |Council |its |of |[0-9]{1,4}|/|S-|ES-|\\(|\\)|[A-Z]| and |, |March |é|\n| ){0,24}"
        ) {
            for body in [Body::GeneralAssembly, Body::HumanRightsCouncil, Body::Other] {
                let mut found = Vec::new();
                scan(&text, 0..text.len(), body, &mut found);
                for citation in found {
                    proptest::prop_assert!(text.get(citation.range.range()).is_some());
                    let _ = citation.explain();
                }
            }
        }
    }

    #[test]
    fn wrapped_lines_and_odd_text() {
        assert_eq!(
            citations(
                "General Assembly\nresolution 60/251 of 15\nMarch 2006",
                Body::Other
            ),
            vec![("60/251".into(), GeneralAssembly, Some(2006))]
        );
        for text in [
            "resolution",
            "resolution ",
            "resolution 6",
            "resolution 6/",
            "decision S-",
            "Resolution 12 (",
            "resolution 9999999999/1",
        ] {
            citations(text, Body::Other);
        }
    }
}
