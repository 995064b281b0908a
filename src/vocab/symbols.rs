//! Known document symbol series and bodies (reference/un-drafting.md §4), the grammar that reads
//! a symbol component by component, and the session calendars of §5 that citation dates are
//! checked against.
//!
//! A symbol is read left to right. The first component names a series (`A`, `CEDAW`, `UNEP`);
//! for the principal organs (`A/`, `S/`, `E/`) and the Human Rights Council (`A/HRC/`) the
//! components that follow are known too: subsidiary bodies with numbers (`C.3`, `CN.6`), special
//! components (`RES`, `PRST`, `L.5`, `PV.45`), sessions and years, modifiers (`Add.1`). Other
//! series are read only as far as their name: what follows is theirs to define.
//!
//! The series, bodies and components are data, in `symbols.txt` beside this file, read once per
//! process; this code only looks them up.

use std::ops::Range;
use std::sync::LazyLock;

use super::data_file;

/// How the components after a series are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grammar {
    GeneralAssembly,
    SecurityCouncil,
    EconomicAndSocialCouncil,
    /// A known series whose inner structure is not checked.
    Opaque,
}

/// The tables of `symbols.txt`, read once per process on first use.
static TABLES: LazyLock<Tables> = LazyLock::new(|| Tables::parse(include_str!("symbols.txt")).0);

fn tables() -> &'static Tables {
    &TABLES
}

/// What the reader knows about symbols: the series, and the components known at each place.
#[derive(Default)]
struct Tables {
    series: Vec<Series>,
    /// Series that a near miss is taken to be a slip for; `HRC` stands for `A/HRC`.
    often_cited_series: Vec<&'static str>,
    general_assembly: Place,
    security_council: Place,
    economic_and_social_council: Place,
    human_rights_council: Place,
    /// Inside a subsidiary body, after a session or year, and after document kinds.
    elsewhere: Place,
    /// Components with a serial number that mark the nature of a document or a change to it
    /// (`L`, `PV`, `Add`), with what they mean.
    document_numbered: Vec<(&'static str, &'static str)>,
    /// Components that say what kind of document follows (`RES`, `PRST`).
    document_kinds: Vec<&'static str>,
}

/// A first component and how the components after it are read.
struct Series {
    code: &'static str,
    name: &'static str,
    grammar: Grammar,
}

/// The components known at one place in a symbol.
#[derive(Default)]
struct Place {
    numbered_bodies: Vec<NumberedBody>,
    /// Named components without a number, bodies and document series, with what they are.
    named: Vec<(&'static str, &'static str)>,
}

/// A body with a serial number (`C.3`, `CN.6`, `AC.109`), and what its numbers mean.
struct NumberedBody {
    letters: &'static str,
    /// "Main Committee", "commission", ...
    generic: &'static str,
    /// Known numbers with their names.
    named: Vec<(u32, &'static str)>,
    /// When only some numbers exist: the numbers allowed and how to say so.
    only: Option<(Range<u32>, &'static str)>,
}

impl Tables {
    /// The components known where the reader stands.
    fn place(&self, context: Context) -> &Place {
        match context {
            Context::Organ(Grammar::GeneralAssembly) => &self.general_assembly,
            Context::Organ(Grammar::SecurityCouncil) => &self.security_council,
            Context::Organ(Grammar::EconomicAndSocialCouncil) => &self.economic_and_social_council,
            Context::HumanRightsCouncil => &self.human_rights_council,
            _ => &self.elsewhere,
        }
    }

    /// Read the tables from `data` in the format that `symbols.txt`'s header describes. Lines
    /// that cannot be read are left out and described, one message each, in the second value.
    fn parse(data: &'static str) -> (Tables, Vec<String>) {
        let mut tables = Tables::default();
        let mut problems = Vec::new();
        for entry in data_file::entries(data) {
            if let Err(problem) = tables.add(entry.section, entry.text) {
                problems.push(format!(
                    "symbols.txt line {}: {problem}: `{}`",
                    entry.number, entry.text
                ));
            }
        }
        (tables, problems)
    }

    fn add(&mut self, section: &'static str, line: &'static str) -> Result<(), String> {
        let fields: Vec<&'static str> = line.split('|').map(str::trim).collect();
        if fields.iter().any(|field| field.is_empty()) {
            return Err("a field is empty".to_string());
        }
        match section.split_once(' ') {
            Some(("numbered-bodies", place)) => self.place_mut(place)?.add_numbered(&fields),
            Some(("named", place)) => {
                let named = &mut self.place_mut(place)?.named;
                push_new(named, key_and_value(&fields)?, |(key, _)| *key)
            }
            _ => match section {
                "series" => self.add_series(&fields),
                "often-cited-series" => {
                    push_new(&mut self.often_cited_series, key(&fields)?, |code| code)
                }
                "document-numbered" => {
                    let pair = key_and_value(&fields)?;
                    if self
                        .document_numbered
                        .iter()
                        .any(|(known, _)| known.eq_ignore_ascii_case(pair.0))
                    {
                        return Err(format!("`{}` is listed twice", pair.0));
                    }
                    self.document_numbered.push(pair);
                    Ok(())
                }
                "document-kinds" => push_new(&mut self.document_kinds, key(&fields)?, |kind| kind),
                "" => Err("the line stands before any `[section]`".to_string()),
                _ => Err(format!("`[{section}]` is not a section of symbols.txt")),
            },
        }
    }

    fn place_mut(&mut self, name: &str) -> Result<&mut Place, String> {
        match name {
            "general-assembly" => Ok(&mut self.general_assembly),
            "security-council" => Ok(&mut self.security_council),
            "economic-and-social-council" => Ok(&mut self.economic_and_social_council),
            "human-rights-council" => Ok(&mut self.human_rights_council),
            "elsewhere" => Ok(&mut self.elsewhere),
            _ => Err(format!("`{name}` is not a place in a symbol")),
        }
    }

    /// `CODE | name`, or `CODE | name | place` for a principal organ.
    fn add_series(&mut self, fields: &[&'static str]) -> Result<(), String> {
        let (code, name, grammar) = match *fields {
            [code, name] => (code, name, Grammar::Opaque),
            [code, name, "general-assembly"] => (code, name, Grammar::GeneralAssembly),
            [code, name, "security-council"] => (code, name, Grammar::SecurityCouncil),
            [code, name, "economic-and-social-council"] => {
                (code, name, Grammar::EconomicAndSocialCouncil)
            }
            [_, _, place] => return Err(format!("`{place}` is not the place of an organ")),
            _ => return Err("expected `CODE | name` or `CODE | name | place`".to_string()),
        };
        check_letters(code)?;
        let series = Series {
            code,
            name,
            grammar,
        };
        push_new(&mut self.series, series, |series| series.code)
    }
}

impl Place {
    /// A body, `LETTERS | generic` with an optional `| only FIRST-LAST: why`, or a known number
    /// of a body listed before it, `LETTERS.NUMBER | name`.
    fn add_numbered(&mut self, fields: &[&'static str]) -> Result<(), String> {
        if let [component, name] = *fields
            && let Some((letters, number)) = component.split_once('.')
        {
            let number = parse_number(number)?;
            let Some(body) = self
                .numbered_bodies
                .iter_mut()
                .find(|body| body.letters == letters)
            else {
                return Err(format!("no body `{letters}` is listed above"));
            };
            if body.named.iter().any(|(known, _)| *known == number) {
                return Err(format!("`{component}` is listed twice"));
            }
            body.named.push((number, name));
            return Ok(());
        }
        let (letters, generic, only) = match *fields {
            [letters, generic] => (letters, generic, None),
            [letters, generic, only] => (letters, generic, Some(parse_only(only)?)),
            _ => {
                return Err(
                    "expected `LETTERS | generic`, `LETTERS | generic | only FIRST-LAST: why` \
                     or `LETTERS.NUMBER | name`"
                        .to_string(),
                );
            }
        };
        check_letters(letters)?;
        let body = NumberedBody {
            letters,
            generic,
            named: Vec::new(),
            only,
        };
        push_new(&mut self.numbered_bodies, body, |body| body.letters)
    }
}

/// `only 1-6: why` → (1..7, "why").
fn parse_only(field: &'static str) -> Result<(Range<u32>, &'static str), String> {
    let expected = || format!("expected `only FIRST-LAST: why`, not `{field}`");
    let (numbers, why) = field
        .strip_prefix("only ")
        .and_then(|rest| rest.split_once(':'))
        .ok_or_else(expected)?;
    let (first, last) = numbers.split_once('-').ok_or_else(expected)?;
    let (first, last) = (parse_number(first)?, parse_number(last)?);
    if first > last {
        return Err(format!("{first} is more than {last}"));
    }
    Ok((first..last + 1, why.trim()))
}

fn parse_number(text: &str) -> Result<u32, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))
}

/// A line of one field, a name made of letters.
fn key(fields: &[&'static str]) -> Result<&'static str, String> {
    match *fields {
        [key] => check_letters(key).map(|()| key),
        _ => Err("expected one name a line".to_string()),
    }
}

/// A line of two fields, `NAME | what it is`.
fn key_and_value(fields: &[&'static str]) -> Result<(&'static str, &'static str), String> {
    match *fields {
        [key, value] => check_letters(key).map(|()| (key, value)),
        _ => Err("expected `NAME | what it is`".to_string()),
    }
}

/// Symbols are read by their letters: a name with anything else in it would never be found.
fn check_letters(name: &str) -> Result<(), String> {
    if name.bytes().all(|byte| byte.is_ascii_alphabetic()) {
        Ok(())
    } else {
        Err(format!("`{name}` is not made of letters only"))
    }
}

/// Add `item` to `list` unless an item with the same key is there already.
fn push_new<T>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> &str) -> Result<(), String> {
    if list.iter().any(|known| key(known) == key(&item)) {
        return Err(format!("`{}` is listed twice", key(&item)));
    }
    list.push(item);
    Ok(())
}

/// Where in a symbol a component stands, for messages: "series", "body", "component".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Series,
    Body,
    Component,
}

impl Slot {
    pub fn noun(self) -> &'static str {
        match self {
            Slot::Series => "series",
            Slot::Body => "body",
            Slot::Component => "component",
        }
    }
}

/// What is wrong with one component of a symbol. Ranges are byte offsets into the symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SymbolProblem {
    /// An unknown name that is one edit away from a known one: replace `letters` with
    /// `suggestion`.
    Misspelled {
        letters: Range<usize>,
        suggestion: &'static str,
        slot: Slot,
    },
    /// A known body with a number it cannot have (`A/C.8`).
    NoSuchNumber {
        component: Range<usize>,
        explanation: &'static str,
    },
    /// An unknown name that looks like nothing known: the long tail.
    Unfamiliar { letters: Range<usize>, slot: Slot },
}

/// Where the reader stands while walking a symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    Organ(Grammar),
    HumanRightsCouncil,
    /// After `RES`, `DEC`, `PRST`, a session or a year: document numbers and modifiers.
    Document,
    /// Inside a subsidiary body (`C.3`, `CN.6`, `WG.6`): bodies nest and conferences name
    /// their papers as they like, so unknown names are taken as they are.
    Subsidiary,
    /// Inside a subsidiary body or an unchecked series: anything well formed.
    Opaque,
}

/// The role a component plays, for explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role<'symbol> {
    Series(&'static str),
    Named(&'static str),
    NumberedBody {
        generic: &'static str,
        name: Option<&'static str>,
        number: u32,
    },
    NumberedDocument {
        meaning: &'static str,
        number: &'symbol str,
    },
    SpecialSession {
        emergency: bool,
        number: u32,
    },
    /// Digits followed by more components: a session (GA, HRC) or a year (ECOSOC, SC).
    SessionOrYear(u32),
    /// Final digits: the document's own number.
    Number(u32),
    Country(&'symbol str),
    Other(&'symbol str),
}

/// One component as read, with the problem found in it, if any.
struct Reading<'symbol> {
    role: Role<'symbol>,
    problem: Option<SymbolProblem>,
}

/// The series a symbol's first component names, by its letters (`A`, `UNEP`, `IDB` of
/// `IDB.50`).
fn find_series(letters: &str) -> Option<&'static Series> {
    tables().series.iter().find(|series| series.code == letters)
}

/// Whether `letters` names a known series.
pub fn is_known_series(letters: &str) -> bool {
    find_series(letters).is_some()
}

/// The name of a known series (`CEDAW` → "Committee on the Elimination of Discrimination
/// against Women").
pub fn series_name(letters: &str) -> Option<&'static str> {
    find_series(letters).map(|series| series.name)
}

/// Read `symbol` (without any parenthesized year) and return the first problem found.
pub fn examine(symbol: &str) -> Option<SymbolProblem> {
    let mut found = None;
    walk(symbol, |_, reading| {
        if found.is_none() {
            found = reading.problem;
        }
        found.is_none()
    });
    found
}

/// Explain a symbol component by component, for hover: `A/HRC/23/61` → "General Assembly",
/// "Human Rights Council", "twenty-third session", "document 61".
pub fn explain(symbol: &str) -> Vec<String> {
    let mut components: Vec<(Range<usize>, Role<'_>)> = Vec::new();
    let core_end = symbol.find([' ', '(']).unwrap_or(symbol.len());
    let core = &symbol[..core_end];
    walk(core, |range, reading| {
        components.push((range, reading.role));
        true
    });
    let organ = components.first().map(|(range, _)| &core[range.clone()]);
    let mut lines = Vec::with_capacity(components.len() + 1);
    let mut previous_named: Option<&str> = None;
    for (index, (range, role)) in components.iter().enumerate() {
        let text = &core[range.clone()];
        let line = match *role {
            Role::Series(name) => name.to_string(),
            Role::Named(name) => name.to_string(),
            Role::NumberedBody {
                generic,
                name,
                number,
            } => match name {
                Some(name) => name.to_string(),
                None => format!("{generic} {number}"),
            },
            Role::NumberedDocument { meaning, number } => format!("{meaning} {number}"),
            Role::SpecialSession { emergency, number } => {
                let kind = if emergency {
                    "emergency special session"
                } else {
                    "special session"
                };
                format!("{} {kind}", ordinal_words(number))
            }
            Role::SessionOrYear(value) => {
                let by_year = matches!(organ, Some("S" | "E")) && previous_named != Some("HRC")
                    || (1946..=2100).contains(&value);
                if by_year {
                    format!("year {value}")
                } else {
                    format!("{} session", ordinal_words(value))
                }
            }
            Role::Number(value) => {
                let noun = match previous_named {
                    Some("RES") => "resolution",
                    Some("DEC") => "decision",
                    Some("PRST") => "statement",
                    _ => "document",
                };
                format!("{noun} {value}")
            }
            Role::Country(code) => format!("country {code}"),
            Role::Other(text) => text.to_string(),
        };
        if let Role::Named(_) = role {
            previous_named = Some(text);
        } else if index > 0 && !matches!(role, Role::SessionOrYear(_)) {
            previous_named = None;
        }
        lines.push(line);
    }
    let tail = symbol[core_end..].trim();
    if let Some(inner) = tail
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
    {
        if inner.len() == 4 && inner.bytes().all(|byte| byte.is_ascii_digit()) {
            lines.push(format!("adopted in {inner}"));
        } else if let Some(session) = roman_value(inner) {
            lines.push(format!("{} session", ordinal_words(session)));
        } else {
            lines.push(inner.to_string());
        }
    }
    lines
}

/// Walk the components of `symbol`, calling `visit` with each one's byte range and reading;
/// `visit` returns false to stop.
fn walk<'symbol>(
    symbol: &'symbol str,
    mut visit: impl FnMut(Range<usize>, Reading<'symbol>) -> bool,
) {
    let mut context = Context::Opaque;
    let mut offset = 0;
    let mut components = symbol.split('/').peekable();
    let mut first = true;
    while let Some(component) = components.next() {
        let range = offset..offset + component.len();
        offset = range.end + 1;
        let is_last = components.peek().is_none();
        let reading = if first {
            first = false;
            let (letters, _) = split_number(component);
            match find_series(letters) {
                Some(series) => {
                    context = match series.grammar {
                        Grammar::Opaque => Context::Opaque,
                        grammar => Context::Organ(grammar),
                    };
                    Reading {
                        role: Role::Series(series.name),
                        problem: None,
                    }
                }
                None => {
                    context = Context::Opaque;
                    let letters_range = range.start..range.start + letters.len();
                    let problem = match nearest_series(letters) {
                        Some(suggestion) => SymbolProblem::Misspelled {
                            letters: letters_range,
                            suggestion,
                            slot: Slot::Series,
                        },
                        None => SymbolProblem::Unfamiliar {
                            letters: letters_range,
                            slot: Slot::Series,
                        },
                    };
                    Reading {
                        role: Role::Other(component),
                        problem: Some(problem),
                    }
                }
            }
        } else {
            let (reading, next) = read_component(context, component, range.clone(), is_last);
            context = next;
            reading
        };
        if !visit(range, reading) {
            return;
        }
    }
}

/// Read one component after the series, in `context`; return its reading and the context for
/// the next component.
fn read_component<'symbol>(
    context: Context,
    component: &'symbol str,
    range: Range<usize>,
    is_last: bool,
) -> (Reading<'symbol>, Context) {
    let tables = tables();
    let plain = |role| Reading {
        role,
        problem: None,
    };
    let after_number = if context == Context::Opaque {
        Context::Opaque
    } else {
        Context::Document
    };
    if let Ok(value) = component.parse::<u32>() {
        let role = if is_last {
            Role::Number(value)
        } else {
            Role::SessionOrYear(value)
        };
        return (plain(role), after_number);
    }
    if let Some((emergency, number)) = special_session(component) {
        return (
            plain(Role::SpecialSession { emergency, number }),
            after_number,
        );
    }
    if context == Context::Opaque {
        return (plain(Role::Other(component)), Context::Opaque);
    }
    let (letters, number) = split_number(component);
    if letters.is_empty() || !letters.bytes().all(|byte| byte.is_ascii_alphabetic()) {
        // Digits with letters (`2015a`) or other shapes the grammar has no slot for.
        return (plain(Role::Other(component)), Context::Opaque);
    }
    let letters_range = range.start..range.start + letters.len();
    let unknown = |candidates: &mut dyn Iterator<Item = &'static str>| {
        let problem = match nearest(letters, candidates) {
            Some(suggestion) => SymbolProblem::Misspelled {
                letters: letters_range.clone(),
                suggestion,
                slot: if context == Context::Document || is_document_component(suggestion) {
                    Slot::Component
                } else {
                    Slot::Body
                },
            },
            None => SymbolProblem::Unfamiliar {
                letters: letters_range.clone(),
                slot: if context == Context::Document {
                    Slot::Component
                } else {
                    Slot::Body
                },
            },
        };
        Reading {
            role: Role::Other(component),
            problem: Some(problem),
        }
    };
    match number {
        Some(number_text) => {
            let number = number_text.parse::<u32>().unwrap_or(0);
            // Elsewhere, bodies nest (`E/CN.4/Sub.2/AC.2`) and conferences have working
            // groups of their own: any generic kind of body is read there.
            let bodies = &tables.place(context).numbered_bodies;
            if let Some(body) = bodies.iter().find(|body| body.letters == letters) {
                if let Some((allowed, explanation)) = &body.only
                    && !allowed.contains(&number)
                {
                    let reading = Reading {
                        role: Role::Other(component),
                        problem: Some(SymbolProblem::NoSuchNumber {
                            component: range,
                            explanation,
                        }),
                    };
                    return (reading, Context::Opaque);
                }
                let name = body
                    .named
                    .iter()
                    .find(|(known, _)| *known == number)
                    .map(|(_, name)| *name);
                let role = Role::NumberedBody {
                    generic: body.generic,
                    name,
                    number,
                };
                return (plain(role), Context::Subsidiary);
            }
            if let Some((_, meaning)) = tables
                .document_numbered
                .iter()
                .find(|(known, _)| known.eq_ignore_ascii_case(letters))
            {
                let role = Role::NumberedDocument {
                    meaning,
                    number: number_text,
                };
                return (plain(role), Context::Document);
            }
            if context == Context::Subsidiary {
                // Conferences and their committees name papers as they like (`RPM.1`).
                return (plain(Role::Other(component)), Context::Subsidiary);
            }
            let mut candidates = bodies
                .iter()
                .map(|body| body.letters)
                .chain(tables.document_numbered.iter().map(|(known, _)| *known));
            (unknown(&mut candidates), Context::Opaque)
        }
        None => {
            let named = &tables.place(context).named;
            if let Some((known, name)) = named.iter().find(|(known, _)| *known == letters) {
                let next = if context == Context::Organ(Grammar::GeneralAssembly) && *known == "HRC"
                {
                    Context::HumanRightsCouncil
                } else if context == Context::Document || tables.document_kinds.contains(known) {
                    Context::Document
                } else {
                    // Funds, regional commissions and mechanisms (`E/ICEF`, `E/ESCAP`,
                    // `A/HRC/EMRIP`) number their documents in their own ways.
                    Context::Opaque
                };
                return (plain(Role::Named(name)), next);
            }
            if letters.eq_ignore_ascii_case("Summary") {
                return (plain(Role::Named("summary")), Context::Document);
            }
            match context {
                Context::Subsidiary => {
                    return (plain(Role::Other(component)), Context::Subsidiary);
                }
                Context::Document if letters.len() == 1 => {
                    // A single letter is too little to tell a slip from a series of its own.
                    return (plain(Role::Other(component)), Context::Document);
                }
                Context::Document
                    if letters.len() == 3
                        && letters.bytes().all(|byte| byte.is_ascii_uppercase()) =>
                {
                    // Universal periodic review and treaty-body documents name a country by
                    // its ISO code (`A/HRC/WG.6/40/AFG/1`).
                    return (plain(Role::Country(component)), Context::Document);
                }
                _ => {}
            }
            let mut candidates = named.iter().map(|(known, _)| *known);
            (unknown(&mut candidates), Context::Opaque)
        }
    }
}

/// Whether a name marks the nature of a document (`RES`, `PRST`, `L`) rather than a body.
fn is_document_component(name: &str) -> bool {
    let tables = tables();
    tables.document_kinds.contains(&name)
        || tables
            .document_numbered
            .iter()
            .any(|(known, _)| *known == name)
}

/// `C.3` → ("C", Some("3")); `HRC` → ("HRC", None); `IDB.50` → ("IDB", Some("50")).
fn split_number(component: &str) -> (&str, Option<&str>) {
    match component.split_once('.') {
        Some((letters, number))
            if !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit()) =>
        {
            (letters, Some(number))
        }
        _ => (component, None),
    }
}

/// `S-13` → (false, 13); `ES-10` → (true, 10).
fn special_session(component: &str) -> Option<(bool, u32)> {
    let (emergency, digits) = if let Some(rest) = component.strip_prefix("ES-") {
        (true, rest)
    } else {
        (false, component.strip_prefix("S-")?)
    };
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    digits.parse().ok().map(|number| (emergency, number))
}

/// The often-cited series one edit away from `letters`, if any (`CEDAV` → `CEDAW`; `HRC` →
/// `A/HRC`).
fn nearest_series(letters: &str) -> Option<&'static str> {
    // Short names are too dense to guess between: `GA`, `SC`, `DC`, `TD` are all real.
    if letters.len() < 3 {
        return None;
    }
    match nearest(letters, tables().often_cited_series.iter().copied())? {
        "HRC" => Some("A/HRC"),
        code => Some(code),
    }
}

/// The candidate one edit (insertion, deletion, substitution or swap of neighbours) away from
/// `letters`, preferring one of the same length, then the first listed. Case is ignored when
/// comparing, so `Res` finds `RES`.
fn nearest<'a>(letters: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // A single letter is too little to guess from (`A/HRC/43/G/1` is real).
    if letters.len() < 2 || letters.len() > 12 {
        return None;
    }
    let mut upper_buffer = [0u8; 12];
    let upper = upper_ascii(letters, &mut upper_buffer)?;
    let mut best: Option<(usize, usize, &'a str)> = None;
    for candidate in candidates {
        let mut candidate_buffer = [0u8; 12];
        let Some(candidate_upper) = upper_ascii(candidate, &mut candidate_buffer) else {
            continue;
        };
        let distance = if candidate_upper == upper {
            0
        } else {
            strsim::osa_distance(upper, candidate_upper)
        };
        if distance > 1 {
            continue;
        }
        let length_gap = candidate.len().abs_diff(letters.len());
        let better = match best {
            None => true,
            Some((best_distance, best_gap, _)) => {
                (distance, length_gap) < (best_distance, best_gap)
            }
        };
        if better {
            best = Some((distance, length_gap, candidate));
        }
    }
    best.map(|(_, _, candidate)| candidate)
}

fn upper_ascii<'b>(text: &str, buffer: &'b mut [u8; 12]) -> Option<&'b str> {
    let bytes = text.as_bytes();
    if bytes.len() > buffer.len() || !text.is_ascii() {
        return None;
    }
    for (slot, byte) in buffer.iter_mut().zip(bytes) {
        *slot = byte.to_ascii_uppercase();
    }
    std::str::from_utf8(&buffer[..bytes.len()]).ok()
}

/// The value of a Roman numeral made of `I V X L C` (`XXX` → 30), or None.
pub fn roman_value(numeral: &str) -> Option<u32> {
    if numeral.is_empty() || numeral.len() > 12 {
        return None;
    }
    let mut total = 0u32;
    let mut previous = 0u32;
    for byte in numeral.bytes().rev() {
        let value = match byte {
            b'I' => 1,
            b'V' => 5,
            b'X' => 10,
            b'L' => 50,
            b'C' => 100,
            _ => return None,
        };
        if value < previous {
            total = total.checked_sub(value)?;
        } else {
            total += value;
            previous = value;
        }
    }
    (total > 0).then_some(total)
}

/// `23` → "twenty-third", `67` → "sixty-seventh", `101` → "one hundred and first".
pub fn ordinal_words(number: u32) -> String {
    const ORDINALS: [&str; 20] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    const TENS_ORDINAL: [&str; 10] = [
        "",
        "",
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    const ONES: [&str; 10] = [
        "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    fn below_hundred(number: u32) -> String {
        let number = number as usize;
        if number < 20 {
            ORDINALS[number].to_string()
        } else if number.is_multiple_of(10) {
            TENS_ORDINAL[number / 10].to_string()
        } else {
            format!("{}-{}", TENS[number / 10], ORDINALS[number % 10])
        }
    }
    if number < 100 {
        return below_hundred(number);
    }
    if number < 1000 {
        let hundreds = ONES[(number / 100) as usize];
        let rest = number % 100;
        return if rest == 0 {
            format!("{hundreds} hundredth")
        } else {
            format!("{hundreds} hundred and {}", below_hundred(rest))
        };
    }
    format!("{number}th")
}

/// The calendar years a regular General Assembly session spans: it opens in September of
/// 1945 + N and runs until the next opens (§5.1).
pub fn general_assembly_session_years(session: u32) -> (u32, u32) {
    (1945 + session, 1946 + session)
}

/// The year of a regular Human Rights Council session: three a year since 2006 (§5.2).
pub fn human_rights_council_session_year(session: u32) -> u32 {
    2006 + session.saturating_sub(1) / 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(symbol: &str) -> Option<&'static str> {
        match examine(symbol) {
            Some(SymbolProblem::Misspelled { suggestion, .. }) => Some(suggestion),
            _ => None,
        }
    }

    #[test]
    fn every_line_of_the_data_file_is_understood() {
        let data = include_str!("symbols.txt");
        let (tables, problems) = Tables::parse(data);
        assert_eq!(problems, Vec::<String>::new());
        // Every entry went into a table: none was dropped on the way.
        let places = [
            &tables.general_assembly,
            &tables.security_council,
            &tables.economic_and_social_council,
            &tables.human_rights_council,
            &tables.elsewhere,
        ];
        let in_places: usize = places
            .iter()
            .map(|place| {
                place.named.len()
                    + place
                        .numbered_bodies
                        .iter()
                        .map(|body| 1 + body.named.len())
                        .sum::<usize>()
            })
            .sum();
        let stored = tables.series.len()
            + tables.often_cited_series.len()
            + tables.document_numbered.len()
            + tables.document_kinds.len()
            + in_places;
        assert_eq!(stored, data_file::entries(data).count());
        for code in &tables.often_cited_series {
            assert!(*code == "HRC" || is_known_series(code), "{code}");
        }
    }

    #[test]
    fn malformed_lines_are_reported_by_number() {
        let data = "\
Loose | before any section
[series]
A | General Assembly | nowhere
X1 | digits in a code
CAT | Committee against Torture
CAT | listed twice
B || an empty field
[numbered-bodies general-assembly]
C.1 | a number of no body listed above
C | Main Committee | only 6-1: backwards
C | Main Committee | only six
[named the-moon]
RES | resolutions
[unheard-of]
X | y
[document-kinds]
RES | a value where none is read
";
        let (tables, problems) = Tables::parse(data);
        let lines: Vec<&str> = problems
            .iter()
            .map(|problem| problem.split(':').next().unwrap_or_default())
            .collect();
        let expected: Vec<String> = [1, 3, 4, 6, 7, 9, 10, 11, 13, 15, 17]
            .iter()
            .map(|number| format!("symbols.txt line {number}"))
            .collect();
        assert_eq!(lines, expected, "{problems:#?}");
        assert_eq!(tables.series.len(), 1);
        assert!(
            problems[3].contains("`CAT` is listed twice"),
            "{}",
            problems[3]
        );
    }

    #[test]
    fn real_symbols_read_cleanly() {
        for symbol in [
            "A/HRC/23/61",
            "A/HRC/RES/23/3",
            "A/HRC/DEC/28/101",
            "A/HRC/WG.6/40/AFG/1",
            "A/HRC/S-15/1",
            "A/RES/78/155",
            "A/RES/ES-10/23",
            "A/C.3/67/L.1/Rev.1",
            "A/CN.10/2020/1",
            "A/AC.109/2023/4",
            "A/CONF.157/24",
            "A/78/61",
            "A/78/PV.45",
            "A/75/L.24/Add.1",
            "A/60/88/Corr.2",
            "A/5700",
            "S/RES/2427",
            "S/PRST/2016/1",
            "S/2022/733",
            "S/PV.8305",
            "E/RES/2016/2",
            "E/CN.6/2020/L.1/Rev.1",
            "E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1",
            "E/C.12/GC/24",
            "E/2013/15/Add.1",
            "E/ICEF/2020/1",
            "CEDAW/C/GBR/CO/8",
            "CRC/C/GC/25",
            "BWC/CONF.IX/9",
            "UNEP/EA.6/1",
            "UNEP/EA.5/Res.8",
            "FCCC/CP/2015/10/Add.1",
            "UNEP/CBD/COP/13/25",
            "IDB.50/2",
            "A/HRC/RES/S-29/1",
            "A/HRC/DEC/S-22/101",
            "A/HRC/PRST/OS/14/1",
            "A/HRC/52/L.10/Rev.1",
            "A/HRC/33/NI/1",
            "A/HRC/43/G/1",
            "A/HRC/40/CRP.1",
            "A/HRC/AC/15/2",
            "A/HRC/EMRIP/2022/2",
            "A/HRC/WGAD/2022/1",
            "A/HRC/FMI/2022/2",
            "A/HRC/SF/2019/2",
            "A/S-27/19/Rev.1",
            "A/ES-11/L.1",
            "A/C.5/78/SR.5",
            "A/C.6/78/L.1",
            "A/CN.4/L.960",
            "A/CN.9/WG.III/WP.1",
            "A/CONF.231/3",
            "A/CONF.213/RPM.1/1",
            "A/INF/78/4/Add.1",
            "A/BUR/78/1",
            "A/PV.1234",
            "A/78/5/Add.1",
            "A/78/6/Sect.24",
            "A/59/2005/Add.3",
            "S/PV.9000",
            "S/AC.44/2023/1",
            "S/Agenda/9000",
            "S/1999/1257",
            "E/2023/L.1",
            "E/2023/SR.5",
            "E/CN.3/2023/1",
            "E/CN.5/2023/NGO/1",
            "E/C.12/GBR/CO/6",
            "E/C.19/2023/6",
            "E/INCB/2022/1",
            "E/ICEF/2023/P/L.1",
            "E/ESCAP/RES/73/1",
            "E/ECA/CM/52/1",
            "E/HLPF/2019/1",
            "E/FFDF/2023/3",
            "E/AC.51/2023/1",
            "E/DEC/2023/201",
            "CEDAW/C/GBR/CO/9",
            "CCPR/C/GC/37",
            "CAT/OP/12/6",
            "HRI/GEN/1/Rev.9",
            "ST/SGB/2019/8",
            "ST/AI/2020/1",
            "DP/FPA/2023/1",
            "UNW/2023/1",
            "WFP/EB.A/2023/5",
            "UNEP/OzL.Pro.35/1",
            "FCCC/PA/CMA/2021/10/Add.1",
            "ICCD/COP(15)/23",
            "CBD/COP/DEC/15/4",
            "TD/B/C.I/1",
            "ISBA/28/A/1",
            "SPLOS/30/1",
            "JIU/REP/2023/1",
            "CTOC/COP/2020/10",
            "CAC/COSP/2023/1",
            "GB.343/INS/1",
            "PSC/PR/COMM.1",
        ] {
            assert_eq!(examine(symbol), None, "{symbol}");
        }
    }

    #[test]
    fn misspelt_series_and_bodies_find_the_known_one() {
        assert_eq!(suggestion("A/HCR/23/61"), Some("HRC"));
        assert_eq!(suggestion("A/HRCC/23/61"), Some("HRC"));
        assert_eq!(suggestion("A/HR/23/61"), Some("HRC"));
        assert_eq!(suggestion("A/HRS/23/61"), Some("HRC"));
        assert_eq!(suggestion("A/RSE/78/1"), Some("RES"));
        assert_eq!(suggestion("A/RS/78/1"), Some("RES"));
        assert_eq!(suggestion("S/ES/2427"), Some("RES"));
        assert_eq!(suggestion("S/PRTS/2016/1"), Some("PRST"));
        assert_eq!(suggestion("E/REZ/2016/2"), Some("RES"));
        assert_eq!(suggestion("E/CM.6/2020/1"), Some("CN"));
        assert_eq!(suggestion("A/HRC/REZ/23/3"), Some("RES"));
        assert_eq!(suggestion("A/HRC/23/LL.5"), Some("L"));
        assert_eq!(suggestion("CEDAV/C/54/3"), Some("CEDAW"));
        assert_eq!(suggestion("CCR/C/54/3"), Some("CRC"));
        assert_eq!(suggestion("CEDR/C/54/3"), Some("CERD"));
        assert_eq!(suggestion("CCRP/C/54/3"), Some("CCPR"));
        assert_eq!(suggestion("HRC/52/1"), Some("A/HRC"));
        assert_eq!(suggestion("CRCC/C/54/3"), Some("CRC"));
        assert_eq!(suggestion("CERDD/C/54/3"), Some("CERD"));
        assert_eq!(suggestion("CPCR/C/54/3"), Some("CCPR"));
        assert_eq!(suggestion("CEDWA/C/54/3"), Some("CEDAW"));
        assert_eq!(suggestion("S/PSRT/2016/1"), Some("PRST"));
        assert_eq!(suggestion("S/RSE/2427"), Some("RES"));
        assert_eq!(suggestion("A/REZ/70/1"), Some("RES"));
        assert_eq!(suggestion("E/RSE/2016/2"), Some("RES"));
    }

    #[test]
    fn main_committee_numbers_stop_at_six() {
        assert!(matches!(
            examine("A/C.8/70/12"),
            Some(SymbolProblem::NoSuchNumber { .. })
        ));
    }

    #[test]
    fn unfamiliar_series_are_the_long_tail() {
        assert!(matches!(
            examine("QXZ/12/3"),
            Some(SymbolProblem::Unfamiliar {
                slot: Slot::Series,
                ..
            })
        ));
    }

    #[test]
    fn symbols_explain_themselves() {
        assert_eq!(
            explain("A/HRC/23/61"),
            vec![
                "General Assembly",
                "Human Rights Council",
                "twenty-third session",
                "document 61"
            ]
        );
        assert_eq!(
            explain("S/RES/2427 (2018)"),
            vec![
                "Security Council",
                "resolutions",
                "resolution 2427",
                "adopted in 2018"
            ]
        );
        assert_eq!(
            explain("A/C.3/67/L.1"),
            vec![
                "General Assembly",
                "Third Committee (Social, Humanitarian and Cultural)",
                "sixty-seventh session",
                "limited-distribution document (draft) 1"
            ]
        );
    }

    #[test]
    fn ordinals_and_calendars() {
        assert_eq!(ordinal_words(23), "twenty-third");
        assert_eq!(ordinal_words(67), "sixty-seventh");
        assert_eq!(ordinal_words(40), "fortieth");
        assert_eq!(general_assembly_session_years(67), (2012, 2013));
        assert_eq!(human_rights_council_session_year(6), 2007);
        assert_eq!(human_rights_council_session_year(23), 2013);
        assert_eq!(roman_value("XXX"), Some(30));
        assert_eq!(roman_value("XLVIII"), Some(48));
    }
}
