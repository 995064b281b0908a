//! The shapes of line the block reader tells apart by their first words: thematic breaks,
//! Markdown, annex, keyword and section headings, the organ line, closing lines and dotted
//! labels.
//!
//! Each function matches exactly what the regular expression in its comment matches, and the
//! tests hold it to that expression over lines built from the pieces that matter to it. They
//! are read byte by byte rather than by the expressions because building the expressions cost
//! about 1.6 ms at the start of every process: more than checking a 30 KB draft, and the
//! largest part of a `check` of a small file.

use std::ops::Range;

use crate::syntax::citations::MONTHS;

fn is_space_or_tab(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

/// Where the run of spaces and tabs that starts at `from` ends.
fn skip_spaces(bytes: &[u8], from: usize) -> usize {
    from + bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&byte| is_space_or_tab(byte))
        .count()
}

/// How many bytes from `from` on satisfy `wanted`.
fn run_of(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> usize {
    bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&byte| wanted(byte))
        .count()
}

fn is_roman_digit(byte: u8) -> bool {
    matches!(byte, b'I' | b'V' | b'X' | b'L' | b'C')
}

/// Whether the next character after ASCII `text[at - 1]` leaves a word boundary in the ASCII
/// sense of `(?-u:\b)` behind a letter: the end of the text, or a byte that is not an ASCII
/// letter, digit or underscore.
fn ends_ascii_word(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at)
        .is_none_or(|&byte| !(byte.is_ascii_alphanumeric() || byte == b'_'))
}

/// `^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`
pub(super) fn is_thematic_break(line: &str) -> bool {
    let bytes = line.as_bytes();
    let Some(&mark) = bytes.first() else {
        return false;
    };
    if !matches!(mark, b'-' | b'*' | b'_') {
        return false;
    }
    let mut marks = 0;
    for &byte in bytes {
        if byte == mark {
            marks += 1;
        } else if !is_space_or_tab(byte) {
            return false;
        }
    }
    marks >= 3
}

/// `^#{1,6}(?:[ \t]|$)`
pub(super) fn is_markdown_heading(line: &str) -> bool {
    let bytes = line.as_bytes();
    let hashes = run_of(bytes, 0, |byte| byte == b'#');
    (1..=6).contains(&hashes) && bytes.get(hashes).is_none_or(|&byte| is_space_or_tab(byte))
}

/// `^([a-z]{1,4})\.[ \t]+`: the letters, and where the spaces after the full stop end.
pub(super) fn dotted_label(text: &str) -> Option<(Range<usize>, usize)> {
    let bytes = text.as_bytes();
    let letters = run_of(bytes, 0, |byte| byte.is_ascii_lowercase());
    if !(1..=4).contains(&letters) || bytes.get(letters) != Some(&b'.') {
        return None;
    }
    let end = skip_spaces(bytes, letters + 1);
    (end > letters + 1).then_some((0..letters, end))
}

/// `^(?:[0-9]{1,5}(?:st|nd|rd|th)[ \t]+(?:plenary[ \t]+)?meeting(?-u:\b)|\[?Adopted(?-u:\b)|[0-9]{1,2}[ \t]+(?:January|February|March|April|May|June|July|August|September|October|November|December)[ \t]+[0-9]{4}$)`:
/// the meeting line, the adoption note or the date that closes a resolution.
pub(super) fn is_closing_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    let digits = run_of(bytes, 0, |byte| byte.is_ascii_digit());
    if digits == 0 {
        let note = bytes.strip_prefix(b"[").unwrap_or(bytes);
        return note.starts_with(b"Adopted") && ends_ascii_word(note, "Adopted".len());
    }
    is_meeting_line(bytes, digits) || is_date_line(line, digits)
}

/// `45th plenary meeting`, after its `digits` digits.
fn is_meeting_line(bytes: &[u8], digits: usize) -> bool {
    let ordinal = bytes.get(digits..digits + 2);
    if digits > 5 || !matches!(ordinal, Some(b"st" | b"nd" | b"rd" | b"th")) {
        return false;
    }
    let mut at = skip_spaces(bytes, digits + 2);
    if at == digits + 2 {
        return false;
    }
    if bytes[at..].starts_with(b"plenary") {
        let after = skip_spaces(bytes, at + "plenary".len());
        if after > at + "plenary".len() && bytes[after..].starts_with(b"meeting") {
            return ends_ascii_word(bytes, after + "meeting".len());
        }
    }
    if !bytes[at..].starts_with(b"meeting") {
        return false;
    }
    at += "meeting".len();
    ends_ascii_word(bytes, at)
}

/// `22 March 2013`, after its `digits` digits, and nothing after the year.
fn is_date_line(line: &str, digits: usize) -> bool {
    let bytes = line.as_bytes();
    let month_start = skip_spaces(bytes, digits);
    if digits > 2 || month_start == digits {
        return false;
    }
    MONTHS.iter().any(|month| {
        line[month_start..].starts_with(month) && {
            let year_start = skip_spaces(bytes, month_start + month.len());
            let year = &bytes[year_start..];
            year_start > month_start + month.len()
                && year.len() == 4
                && year.iter().all(u8::is_ascii_digit)
        }
    })
}

/// `^(?:[IVXLC]{1,7}|[0-9]{1,3}|[A-Z])$`: the numeral of an annex.
fn is_annex_numeral(token: &[u8]) -> bool {
    let all = |wanted: fn(u8) -> bool| token.iter().all(|&byte| wanted(byte));
    (matches!(token.len(), 1..=7) && all(is_roman_digit))
        || (matches!(token.len(), 1..=3) && all(|byte| byte.is_ascii_digit()))
        || (token.len() == 1 && all(|byte| byte.is_ascii_uppercase()))
}

/// `^(?:Annex|ANNEX|Appendix|APPENDIX|Annexes|ANNEXES)(?:[ \t]+(?:[IVXLC]{1,7}|[0-9]{1,3}|[A-Z]))?\.?$|^(?:Annex|ANNEX)[ \t]+to[ \t]`
pub(super) fn is_annex_heading(line: &str) -> bool {
    const WORDS: [&str; 6] = [
        "Annex", "ANNEX", "Appendix", "APPENDIX", "Annexes", "ANNEXES",
    ];
    let numbered = |rest: &str| {
        let bytes = rest.as_bytes();
        let without_stop = bytes.strip_suffix(b".").unwrap_or(bytes);
        if without_stop.is_empty() {
            return true;
        }
        let numeral = skip_spaces(without_stop, 0);
        numeral > 0 && is_annex_numeral(&without_stop[numeral..])
    };
    let annex_to = |rest: &str| {
        let bytes = rest.as_bytes();
        let to = skip_spaces(bytes, 0);
        to > 0
            && bytes[to..].starts_with(b"to")
            && bytes.get(to + 2).is_some_and(|&byte| is_space_or_tab(byte))
    };
    WORDS
        .iter()
        .any(|word| line.strip_prefix(word).is_some_and(numbered))
        || WORDS[..2]
            .iter()
            .any(|word| line.strip_prefix(word).is_some_and(annex_to))
}

/// `text` after `keyword` (in lower-case ASCII) read case-insensitively as `(?i:...)` reads
/// it: in either case, and `ſ` (long s), which Unicode folds to `s`, for `s`.
fn strip_keyword<'text>(text: &'text str, keyword: &str) -> Option<&'text str> {
    let mut characters = text.chars();
    for wanted in keyword.bytes() {
        let character = characters.next()?;
        let same = u8::try_from(character).is_ok_and(|byte| byte.to_ascii_lowercase() == wanted)
            || (wanted == b's' && character == 'ſ');
        if !same {
            return None;
        }
    }
    Some(characters.as_str())
}

/// `^(?i:article|part|chapter|section|rule|title|division|principle|regulation|guideline|preliminary observation|table)[ \t]+(?:[IVXLC]{1,7}|[0-9]{1,3}(?:\.[0-9]{1,2})?|[A-Z])\.?(?:[ \t]*[-–—.:][ \t]*\S.*|[ \t]+[A-Z].*)?$`:
/// `Article 5`, `PART II - Implementation`, `Rule 12.1`, `Principle 7`, `Regulation 4.5`,
/// `Preliminary observation 3`.
pub(super) fn is_keyword_heading(line: &str) -> bool {
    const KEYWORDS: [&str; 12] = [
        "article",
        "part",
        "chapter",
        "section",
        "rule",
        "title",
        "division",
        "principle",
        "regulation",
        "guideline",
        "preliminary observation",
        "table",
    ];
    KEYWORDS.iter().any(|keyword| {
        strip_keyword(line, keyword).is_some_and(|rest| {
            let bytes = rest.as_bytes();
            let numeral = skip_spaces(bytes, 0);
            numeral > 0
                && heading_numeral_ends(bytes, numeral).any(|end| {
                    heading_title_follows(&rest[end..])
                        || (bytes.get(end) == Some(&b'.')
                            && heading_title_follows(&rest[end + 1..]))
                })
        })
    })
}

/// Every place a numeral of `(?:[IVXLC]{1,7}|[0-9]{1,3}(?:\.[0-9]{1,2})?|[A-Z])` starting at
/// `start` can end.
fn heading_numeral_ends(bytes: &[u8], start: usize) -> impl Iterator<Item = usize> + '_ {
    let roman = run_of(bytes, start, is_roman_digit).min(7);
    let digits = run_of(bytes, start, |byte| byte.is_ascii_digit()).min(3);
    let letter = bytes.get(start).is_some_and(u8::is_ascii_uppercase);
    let romans = (1..=roman).map(move |length| start + length);
    let numbers = (1..=digits).flat_map(move |length| {
        let end = start + length;
        let decimals = match bytes.get(end) {
            Some(b'.') => run_of(bytes, end + 1, |byte| byte.is_ascii_digit()).min(2),
            _ => 0,
        };
        std::iter::once(end).chain((1..=decimals).map(move |decimal| end + 1 + decimal))
    });
    romans.chain(numbers).chain(letter.then_some(start + 1))
}

/// `^(?:[ \t]*[-–—.:][ \t]*\S.*|[ \t]+[A-Z].*)?$`: nothing, or a title after a dash, stop or
/// colon, or after spaces.
fn heading_title_follows(rest: &str) -> bool {
    if rest.is_empty() {
        return true;
    }
    // `.` stops at a line break, and `$` is the end of the text.
    if rest.contains('\n') {
        return false;
    }
    let bytes = rest.as_bytes();
    let spaces = skip_spaces(bytes, 0);
    if spaces > 0 && bytes.get(spaces).is_some_and(u8::is_ascii_uppercase) {
        return true;
    }
    let mut after = rest[spaces..].chars();
    if !matches!(after.next(), Some('-' | '–' | '—' | '.' | ':')) {
        return false;
    }
    after
        .as_str()
        .trim_start_matches([' ', '\t'])
        .chars()
        .next()
        .is_some_and(|character| !character.is_whitespace())
}

/// `^(?:[IVXLC]{1,7}|[A-Z])\.?$|^(?:[IVXLC]{1,7}|[A-Z])(?:\.[ \t]+|\t)\S`: `II.`, `B. Title`.
pub(super) fn is_section_heading(line: &str) -> bool {
    let bytes = line.as_bytes();
    let roman = run_of(bytes, 0, is_roman_digit).min(7);
    let letter = bytes.first().is_some_and(u8::is_ascii_uppercase);
    (1..=roman).chain(letter.then_some(1)).any(|end| {
        let rest = &bytes[end..];
        if rest.is_empty() || rest == b"." {
            return true;
        }
        let title = match rest.first() {
            Some(b'.') => {
                let title = skip_spaces(rest, 1);
                (title > 1).then_some(title)
            }
            Some(b'\t') => Some(1),
            _ => None,
        };
        title.is_some_and(|title| {
            line[end + title..]
                .chars()
                .next()
                .is_some_and(|character| !character.is_whitespace())
        })
    })
}

/// `^(?:[*_])?The[ \t]+([A-Z][^*_,:;]{2,}?)[ \t]*(,)?[ \t]*(?:[*_])?[ \t]*(,)?$`: the range of
/// the organ's name (the shortest the line's end allows), and whether a comma follows it.
pub(super) fn organ_line(line: &str) -> Option<(Range<usize>, bool)> {
    let bytes = line.as_bytes();
    let the = usize::from(matches!(bytes.first(), Some(b'*' | b'_')));
    if !bytes[the..].starts_with(b"The") {
        return None;
    }
    let name_start = skip_spaces(bytes, the + 3);
    if name_start == the + 3 || !bytes.get(name_start).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let mut characters = 0;
    for (offset, character) in line[name_start..].char_indices() {
        let end = name_start + offset;
        if characters >= 3
            && let Some(comma) = line_end_after_name(&bytes[end..])
        {
            return Some((name_start..end, comma));
        }
        if matches!(character, '*' | '_' | ',' | ':' | ';') {
            return None;
        }
        characters += 1;
    }
    (characters >= 3).then_some((name_start..line.len(), false))
}

/// `^[ \t]*(,)?[ \t]*(?:[*_])?[ \t]*(,)?$`: whether `rest` closes an organ line, and whether
/// it holds a comma.
fn line_end_after_name(rest: &[u8]) -> Option<bool> {
    let mut at = skip_spaces(rest, 0);
    let mut comma = false;
    if rest.get(at) == Some(&b',') {
        comma = true;
        at += 1;
    }
    at = skip_spaces(rest, at);
    if matches!(rest.get(at), Some(b'*' | b'_')) {
        at += 1;
    }
    at = skip_spaces(rest, at);
    if rest.get(at) == Some(&b',') {
        comma = true;
        at += 1;
    }
    (at == rest.len()).then_some(comma)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// Lines near the expression's matches, from each of `near` (looser expressions that
    /// generate matches and near misses), and lines of up to eight of `pieces`: the words,
    /// numerals, marks and spaces that the expression reads, and a few it must refuse.
    fn lines(near: &[&str], pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
        let near: Vec<_> = near
            .iter()
            .map(|near| {
                proptest::string::string_regex(near)
                    .unwrap_or_else(|error| panic!("generator {near}: {error}"))
                    .boxed()
            })
            .collect();
        let pieces = proptest::collection::vec(proptest::sample::select(pieces), 0..8)
            .prop_map(|pieces| pieces.concat());
        prop_oneof![proptest::strategy::Union::new(near), pieces]
    }

    /// The expression a shape replaced, built once per test.
    fn expression(source: &str) -> Regex {
        Regex::new(source).unwrap_or_else(|error| panic!("{source}: {error}"))
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn thematic_break(line in lines(
            &[r"[-*_][-*_ \t]{0,6}[a\u{a0}]?"],
            &["-", "*", "_", " ", "\t", "a", "--", "**", "\u{a0}"],
        )) {
            static EXPECTED: LazyLock<Regex> = LazyLock::new(|| expression(r"^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$"));
            let expected = &*EXPECTED;
            prop_assert_eq!(is_thematic_break(&line), expected.is_match(&line), "{:?}", line);
        }

        #[test]
        fn markdown_heading(line in lines(
            &[r"#{0,8}[ \ta\u{a0}]?[A-Za-z ]{0,3}"],
            &["#", "###", "####", " ", "\t", "a", "Annex", "\u{a0}"],
        )) {
            static EXPECTED: LazyLock<Regex> = LazyLock::new(|| expression(r"^#{1,6}(?:[ \t]|$)"));
            let expected = &*EXPECTED;
            prop_assert_eq!(is_markdown_heading(&line), expected.is_match(&line), "{:?}", line);
        }

        #[test]
        fn dotted(line in lines(
            &[r"[a-zA-Z1é]{0,6}\.?[ \t\u{a0}]{0,3}[a-z]{0,2}"],
            &["a", "bc", "iv", "xyz", "A", ".", " ", "\t", "é", "1", "\u{a0}"],
        )) {
            static EXPECTED: LazyLock<Regex> = LazyLock::new(|| expression(r"^([a-z]{1,4})\.[ \t]+"));
            let expected = &*EXPECTED;
            let found = expected.captures(&line).and_then(|captures| {
                Some((captures.get(1)?.range(), captures.get(0)?.end()))
            });
            prop_assert_eq!(dotted_label(&line), found, "{:?}", line);
        }

        #[test]
        fn closing(line in lines(
            &[
                r"\[?Adopted[a-z_ é]?",
                r"[0-9]{1,7}(st|nd|rd|th|x)[ \t\u{a0}]{0,2}(plenary[ \t]{0,2})?(meeting|meetings|Meeting)[a-z_ é]?",
                r"[0-9]{1,3}[ \t\u{a0}]{0,2}(May|December|Decembre)[ \t\u{a0}]{0,2}[0-9]{3,5}[é\n_,]?",
            ],
            &[
                "1", "45", "123", "2013", "123456", "st", "nd", "rd", "th", "plenary", "meeting",
                "meetings", "Adopted", "[", "May", "December", "_", "é", "\n", " ", "\t", "\u{a0}",
            ],
        )) {
            static EXPECTED: LazyLock<Regex> = LazyLock::new(|| expression(
                r"^(?:[0-9]{1,5}(?:st|nd|rd|th)[ \t]+(?:plenary[ \t]+)?meeting(?-u:\b)|\[?Adopted(?-u:\b)|[0-9]{1,2}[ \t]+(?:January|February|March|April|May|June|July|August|September|October|November|December)[ \t]+[0-9]{4}$)",
            ));
            let expected = &*EXPECTED;
            prop_assert_eq!(is_closing_line(&line), expected.is_match(&line), "{:?}", line);
        }

        #[test]
        fn annex(line in lines(
            &[r"(Annex|ANNEX|Annexes|ANNEXES|Appendix|APPENDIX|Annexe)[ \t\u{a0}]{0,2}(to|tox|[IVXLCB1-9]{0,9})[ \t.]{0,2}[a-z\n]{0,2}"],
            &[
                "Annex", "ANNEX", "Annexes", "Appendix", "es", "I", "IV", "12", "1234", "B", "b",
                ".", "to", "x", "\n", " ", "\t", "\u{a0}",
            ],
        )) {
            static EXPECTED: LazyLock<Regex> = LazyLock::new(|| expression(
                r"^(?:Annex|ANNEX|Appendix|APPENDIX|Annexes|ANNEXES)(?:[ \t]+(?:[IVXLC]{1,7}|[0-9]{1,3}|[A-Z]))?\.?$|^(?:Annex|ANNEX)[ \t]+to[ \t]",
            ));
            let expected = &*EXPECTED;
            prop_assert_eq!(is_annex_heading(&line), expected.is_match(&line), "{:?}", line);
        }

        #[test]
        fn keyword(line in lines(
            &[
                r"(Article|ARTICLE|part|Chapter|ſection|SECTION|Rule|title|DIVISION|Articles|Principle|REGULATION|guideline|Preliminary observation|Preliminary  observation|Table|TABLE)[ \t\u{a0}]{0,2}([IVXLC]{0,9}|[0-9]{0,5}(\.[0-9]{0,3})?|[A-Zb])\.?",
                r"(Article|ſection|Rule)[ \t]([IVXLC]{1,3}|[0-9]{1,2}(\.[0-9])?|[A-Zb])\.?[ \t]{0,2}[-–—.:\u{2003}]?[ \t]{0,2}(Title|text|é|\n|\u{2003}|)\n?",
            ],
            &[
                "Article", "part", "ſection", "I", "IV", "1", "12", ".", "B", "b", "-", "—", ":",
                "Title", "text", "é", "\n", "\u{2003}", " ", "\t", "\u{a0}",
            ],
        )) {
            static EXPECTED: LazyLock<Regex> = LazyLock::new(|| expression(
                r"^(?i:article|part|chapter|section|rule|title|division|principle|regulation|guideline|preliminary observation|table)[ \t]+(?:[IVXLC]{1,7}|[0-9]{1,3}(?:\.[0-9]{1,2})?|[A-Z])\.?(?:[ \t]*[-–—.:][ \t]*\S.*|[ \t]+[A-Z].*)?$",
            ));
            let expected = &*EXPECTED;
            prop_assert_eq!(is_keyword_heading(&line), expected.is_match(&line), "{:?}", line);
        }

        #[test]
        fn section(line in lines(
            &[r"([IVXLC]{0,9}|[A-Zb])\.?[ \t\u{a0}]{0,2}(Title|x|é|\u{2003}|\n|)"],
            &["I", "IV", "B", "b", ".", "Title", "é", "\u{2003}", "\n", " ", "\t", "\u{a0}"],
        )) {
            static EXPECTED: LazyLock<Regex> = LazyLock::new(|| expression(r"^(?:[IVXLC]{1,7}|[A-Z])\.?$|^(?:[IVXLC]{1,7}|[A-Z])(?:\.[ \t]+|\t)\S"));
            let expected = &*EXPECTED;
            prop_assert_eq!(is_section_heading(&line), expected.is_match(&line), "{:?}", line);
        }

        #[test]
        fn organ(line in lines(
            &[r"[*_]?The[ \t\u{a0}]{0,2}(General Assembly|Ab|Abc|A|a|Human Rights Council|Abc:d|Aé\n)[ \t]{0,2},?[ \t]{0,2}[*_]?[ \t]{0,2},?[ \t]?[x;\né]?"],
            &["The", "*", "_", "General", "Assembly", "A", "Ab", "a", ",", ":", "é", "\n", " ", "\t"],
        )) {
            static EXPECTED: LazyLock<Regex> = LazyLock::new(|| expression(
                r"^(?:[*_])?The[ \t]+([A-Z][^*_,:;]{2,}?)[ \t]*(,)?[ \t]*(?:[*_])?[ \t]*(,)?$",
            ));
            let expected = &*EXPECTED;
            let found = expected.captures(&line).and_then(|captures| {
                Some((
                    captures.get(1)?.range(),
                    captures.get(2).is_some() || captures.get(3).is_some(),
                ))
            });
            prop_assert_eq!(organ_line(&line), found, "{:?}", line);
        }
    }
}
