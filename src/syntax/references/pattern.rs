//! Where a paragraph reference lies in running text: the leftmost-first matches of
//!
//! ```text
//! (?-u:\b)(?:[Oo]perative\s+)?
//! (?:[Ss]ubparagraphs?\s+LETTERS(?:(?:\s*,\s*|\s+and\s+|\s+to\s+)LETTERS)*\s+of\s+)?
//! [Pp]aragraphs?\s+ITEM(?:(?:\s*,\s*|\s+and\s+|\s+to\s+|\s*[–-]\s*|,?\s+and\s+)ITEM)*
//! (?:\s+(?:above|below|hereof|of\s+(?:the\s+present|this)\s+(?:resolution|decision)))?
//! ```
//!
//! where `LETTERS` is `\([a-z]{1,4}\)` and `ITEM` is
//! `[0-9]{1,4}(?:\s*(?:bis|ter))?(?:\s*LETTERS)*`, with `\s` the Unicode white space that
//! [`char::is_whitespace`] knows. The tests hold the functions to that expression. They read
//! the text byte by byte because building the expression took about 0.9 ms at the start of
//! every process, on the thread that prepares the analysis beside the reading of the file.
//!
//! Every choice in the expression is decided by the next byte or two: each optional part
//! and each repetition is taken whenever its own required parts are there, which is what the
//! expression's greedy, leftmost-first reading does when everything after a part is optional.
//! The one required part that follows a repetition, the `of` after the subparagraph letters,
//! cannot begin where another repetition of the letters begins.

use std::ops::Range;

use super::{PARAGRAPH_WORD, ReferenceDirection};
use crate::syntax::whitespace;

/// One match, with the parts of it that tell what it refers to.
#[derive(Debug)]
pub(super) struct Match {
    pub(super) range: Range<usize>,
    /// Where the list of numbers begins: after the last "paragraph" or "paragraphs".
    pub(super) list_start: usize,
    /// What the tail says; `Unspecified` without one.
    pub(super) direction: ReferenceDirection,
    /// Whether it begins by naming subparagraphs ("subparagraph (b) of paragraph 7").
    pub(super) names_subparagraph: bool,
}

/// The first match that starts at or after `from` in `text`.
pub(super) fn next_match(text: &str, from: usize) -> Option<Match> {
    let bytes = text.as_bytes();
    let searched = bytes.get(from..)?;
    for found in PARAGRAPH_WORD.find_iter(searched) {
        let tail = from + found;
        // Every match begins with the first keyword it holds ("subparagraph" or "paragraph"),
        // or with "operative" and white space before it.
        let subparagraph = tail.checked_sub(4).filter(|&start| {
            matches!(bytes[start], b'S' | b's') && &bytes[start + 1..tail] == b"ubp"
        });
        let paragraph = tail
            .checked_sub(1)
            .filter(|&start| matches!(bytes[start], b'P' | b'p'));
        for keyword in [subparagraph, paragraph].into_iter().flatten() {
            let starts = [operative_before(text, keyword), Some(keyword)];
            for start in starts.into_iter().flatten().filter(|&start| start >= from) {
                if let Some(found) = match_at(text, start) {
                    return Some(found);
                }
            }
        }
    }
    None
}

/// Where "operative" and at least one space end right before `keyword`, where it starts.
fn operative_before(text: &str, keyword: usize) -> Option<usize> {
    let before = &text[..keyword];
    let word = whitespace::trim_end(before);
    if word.len() == before.len() {
        return None;
    }
    let start = word.strip_suffix("perative")?.len().checked_sub(1)?;
    matches!(text.as_bytes()[start], b'O' | b'o').then_some(start)
}

/// The match that starts at `start`, if one does.
fn match_at(text: &str, start: usize) -> Option<Match> {
    let bytes = text.as_bytes();
    if start > 0 && is_ascii_word(bytes[start - 1]) {
        return None;
    }
    let operative = word(bytes, start, b"Oo", b"perative").and_then(|end| spaces(text, end));
    let found = operative
        .and_then(|after| after_operative(text, after))
        .or_else(|| after_operative(text, start))?;
    Some(Match {
        range: start..found.range.end,
        ..found
    })
}

/// The match that starts at `at`, after "operative" if there is one.
fn after_operative(text: &str, at: usize) -> Option<Match> {
    if let Some(after) = subparagraphs_of(text, at)
        && let Some(found) = paragraphs(text, after)
    {
        return Some(Match {
            range: at..found.range.end,
            names_subparagraph: true,
            ..found
        });
    }
    paragraphs(text, at)
}

/// `[Ss]ubparagraphs?\s+LETTERS(?:(?:\s*,\s*|\s+and\s+|\s+to\s+)LETTERS)*\s+of\s+`
fn subparagraphs_of(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = word(bytes, at, b"Ss", b"ubparagraph")?;
    let end = skip_plural(bytes, end);
    let mut end = letters(bytes, spaces(text, end)?)?;
    while let Some(next) = letters_separator(text, end).and_then(|after| letters(bytes, after)) {
        end = next;
    }
    let end = literal(bytes, spaces(text, end)?, b"of")?;
    spaces(text, end)
}

/// `\s*,\s*|\s+and\s+|\s+to\s+`, the separators of subparagraph letters.
fn letters_separator(text: &str, at: usize) -> Option<usize> {
    comma(text, at)
        .or_else(|| spaced_word(text, at, b"and").or_else(|| spaced_word(text, at, b"to")))
}

/// `[Pp]aragraphs?\s+ITEM(?:SEPARATOR ITEM)*` and the optional tail.
fn paragraphs(text: &str, at: usize) -> Option<Match> {
    let bytes = text.as_bytes();
    let list_start = skip_plural(bytes, word(bytes, at, b"Pp", b"aragraph")?);
    let mut end = item(text, spaces(text, list_start)?)?;
    while let Some(next) = next_item(text, end) {
        end = next;
    }
    let (end, direction) = tail(text, end).unwrap_or((end, ReferenceDirection::Unspecified));
    Some(Match {
        range: at..end,
        list_start,
        direction,
        names_subparagraph: false,
    })
}

/// A separator and the item after it: the separators are tried in the expression's order,
/// `\s*,\s*|\s+and\s+|\s+to\s+|\s*[–-]\s*|,?\s+and\s+`, each only if an item follows.
fn next_item(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let separators = [
        comma(text, at),
        spaced_word(text, at, b"and"),
        spaced_word(text, at, b"to"),
        dash(text, at),
        bytes
            .get(at)
            .filter(|&&byte| byte == b',')
            .and_then(|_| spaced_word(text, at + 1, b"and")),
    ];
    separators
        .into_iter()
        .flatten()
        .find_map(|after| item(text, after))
}

/// `ITEM`: `[0-9]{1,4}(?:\s*(?:bis|ter))?(?:\s*LETTERS)*`
fn item(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let digits = run_of(bytes, at, 4, u8::is_ascii_digit);
    if digits == 0 {
        return None;
    }
    let mut end = at + digits;
    let spaced = skip_spaces(text, end);
    if let Some(after) = literal(bytes, spaced, b"bis").or_else(|| literal(bytes, spaced, b"ter")) {
        end = after;
    }
    while let Some(after) = letters(bytes, skip_spaces(text, end)) {
        end = after;
    }
    Some(end)
}

/// `\s+(?:above|below|hereof|of\s+(?:the\s+present|this)\s+(?:resolution|decision))`: where
/// it ends, and the direction it gives.
fn tail(text: &str, at: usize) -> Option<(usize, ReferenceDirection)> {
    use ReferenceDirection::{Above, Below, Present};
    let bytes = text.as_bytes();
    let at = spaces(text, at)?;
    let word_ending = |words: &[(&[u8], ReferenceDirection)], at: usize| {
        words
            .iter()
            .find_map(|&(word, direction)| Some((literal(bytes, at, word)?, direction)))
    };
    if let Some(found) = word_ending(
        &[(b"above", Above), (b"below", Below), (b"hereof", Present)],
        at,
    ) {
        return Some(found);
    }
    let after_of = spaces(text, literal(bytes, at, b"of")?)?;
    let this = literal(bytes, after_of, b"the")
        .and_then(|end| spaces(text, end))
        .and_then(|after| literal(bytes, after, b"present"))
        .or_else(|| literal(bytes, after_of, b"this"))?;
    word_ending(
        &[(b"resolution", Present), (b"decision", Present)],
        spaces(text, this)?,
    )
}

/// `\([a-z]{1,4}\)`
fn letters(bytes: &[u8], at: usize) -> Option<usize> {
    let inside = literal(bytes, at, b"(")?;
    // One letter past the most is read, so that five letters are refused.
    let count = run_of(bytes, inside, 5, u8::is_ascii_lowercase);
    if !(1..=4).contains(&count) {
        return None;
    }
    literal(bytes, inside + count, b")")
}

/// How many of the bytes from `at` on, `most` at most, satisfy `wanted`.
fn run_of(bytes: &[u8], at: usize, most: usize, wanted: fn(&u8) -> bool) -> usize {
    bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take(most)
        .take_while(|&byte| wanted(byte))
        .count()
}

/// `\s*,\s*`
fn comma(text: &str, at: usize) -> Option<usize> {
    let end = literal(text.as_bytes(), skip_spaces(text, at), b",")?;
    Some(skip_spaces(text, end))
}

/// `\s*[–-]\s*`
fn dash(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let at = skip_spaces(text, at);
    let end = literal(bytes, at, b"-").or_else(|| literal(bytes, at, "–".as_bytes()))?;
    Some(skip_spaces(text, end))
}

/// `\s+WORD\s+`
fn spaced_word(text: &str, at: usize, word: &[u8]) -> Option<usize> {
    let end = literal(text.as_bytes(), spaces(text, at)?, word)?;
    spaces(text, end)
}

/// A word whose first letter is one of `first` and whose rest is `rest`, at `at`.
fn word(bytes: &[u8], at: usize, first: &[u8], rest: &[u8]) -> Option<usize> {
    first.contains(bytes.get(at)?).then_some(())?;
    literal(bytes, at + 1, rest)
}

/// `s?` before white space: a plural `s` is taken if there is one (without it, the white
/// space that must follow would have to begin with that `s`).
fn skip_plural(bytes: &[u8], at: usize) -> usize {
    if bytes.get(at) == Some(&b's') {
        at + 1
    } else {
        at
    }
}

/// Where `expected` ends if the text has it at `at`.
fn literal(bytes: &[u8], at: usize, expected: &[u8]) -> Option<usize> {
    bytes
        .get(at..)?
        .starts_with(expected)
        .then_some(at + expected.len())
}

/// `\s*`: where the white space from `at` on ends.
fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    at + (rest.len() - whitespace::trim_start(rest).len())
}

/// `\s+`: where the white space from `at` on ends, if there is any.
fn spaces(text: &str, at: usize) -> Option<usize> {
    let end = skip_spaces(text, at);
    (end > at).then_some(end)
}

fn is_ascii_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// The expression the functions replaced, as the scan used it.
    static EXPRESSION: LazyLock<Regex> = LazyLock::new(|| {
        let letters = r"\([a-z]{1,4}\)";
        let item = format!(r"[0-9]{{1,4}}(?:\s*(?:bis|ter))?(?:\s*{letters})*");
        let source = format!(
            r"(?-u:\b)(?:[Oo]perative\s+)?(?:[Ss]ubparagraphs?\s+{letters}(?:(?:\s*,\s*|\s+and\s+|\s+to\s+){letters})*\s+of\s+)?[Pp]aragraphs?\s+{item}(?:(?:\s*,\s*|\s+and\s+|\s+to\s+|\s*[–-]\s*|,?\s+and\s+){item})*(?:\s+(?:above|below|hereof|of\s+(?:the\s+present|this)\s+(?:resolution|decision)))?"
        );
        Regex::new(&source).unwrap_or_else(|error| panic!("{source}: {error}"))
    });

    fn matches(text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(found_here) = next_match(text, from) {
            from = found_here.range.end;
            found.push(found_here.range);
        }
        found
    }

    /// Texts of up to twelve pieces: the words, numbers, letters, marks and spaces the
    /// expression reads, near misses of each, and characters around them.
    fn texts() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "paragraph",
            "Paragraphs",
            "paragraphs",
            "subparagraph",
            "Subparagraphs",
            "subparagraphs",
            "operative",
            "Operative",
            "Operatives",
            "aragraph",
            "sub",
            "para",
            "(a)",
            "(iv)",
            "(abcd)",
            "(abcde)",
            "(A)",
            "(",
            ")",
            "1",
            "12",
            "2024",
            "12345",
            "bis",
            "ter",
            "bister",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            "\u{2003}",
            ",",
            ", ",
            " and ",
            "and",
            " to ",
            "to",
            "–",
            "-",
            " - ",
            "above",
            "below",
            "hereof",
            "of",
            " of ",
            "the",
            "present",
            "this",
            "resolution",
            "decision",
            "x",
            "_",
            "é",
            "5",
            "of the present resolution",
            "of this decision",
        ];
        const TAILS: &[&str] = &[
            "",
            " above",
            " below",
            " hereof",
            " of the present resolution",
            " of this decision",
            " of the present decision",
            " of this resolution",
            " of the resolution",
            "  above",
        ];
        prop_oneof![
            proptest::collection::vec(proptest::sample::select(PIECES), 0..12)
                .prop_map(|pieces| pieces.concat()),
            proptest::collection::vec(proptest::sample::select(PIECES), 0..6)
                .prop_map(|pieces| format!("see paragraph {} above", pieces.concat())),
            proptest::collection::vec(proptest::sample::select(PIECES), 0..6).prop_map(
                |pieces| format!("in subparagraphs (a) {} of paragraph 3", pieces.concat())
            ),
            (
                proptest::collection::vec(proptest::sample::select(PIECES), 0..4),
                proptest::sample::select(TAILS),
            )
                .prop_map(|(pieces, tail)| format!("paragraph 4{}{tail}", pieces.concat())),
        ]
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(8192))]

        #[test]
        fn finds_what_the_expression_finds(text in texts()) {
            let expected: Vec<_> = EXPRESSION.find_iter(&text).map(|found| found.range()).collect();
            prop_assert_eq!(matches(&text), expected, "{:?}", text);
        }

        /// The parts a match returns are what its text says, read back as the scan read them
        /// from the expression's matches.
        #[test]
        fn the_parts_are_read_from_the_match(text in texts()) {
            let mut from = 0;
            while let Some(found) = next_match(&text, from) {
                from = found.range.end;
                let whole = &text[found.range.clone()];
                let keyword = found.range.start + whole.rfind("aragraph").unwrap_or_default() + "aragraph".len();
                let list_start = keyword + usize::from(text[keyword..].starts_with('s'));
                let direction = if whole.ends_with("above") {
                    ReferenceDirection::Above
                } else if whole.ends_with("below") {
                    ReferenceDirection::Below
                } else if ["hereof", "resolution", "decision"].iter().any(|word| whole.ends_with(word)) {
                    ReferenceDirection::Present
                } else {
                    ReferenceDirection::Unspecified
                };
                prop_assert_eq!(found.list_start, list_start, "{:?}", text);
                prop_assert_eq!(found.direction, direction, "{:?}", text);
                prop_assert_eq!(found.names_subparagraph, whole.contains("ubparagraph"), "{:?}", text);
            }
        }
    }

    #[test]
    fn reads_the_references_of_drafting() {
        for (text, expected) in [
            (
                "as requested in paragraph 5 above, and",
                "paragraph 5 above",
            ),
            (
                "Operative paragraphs 3, 4 and 6 to 9 below",
                "Operative paragraphs 3, 4 and 6 to 9 below",
            ),
            (
                "in subparagraphs (a) and (c) of paragraph 12 bis (b) hereof",
                "subparagraphs (a) and (c) of paragraph 12 bis (b) hereof",
            ),
            (
                "paragraphs 3–5 of the present resolution",
                "paragraphs 3–5 of the present resolution",
            ),
            (
                "paragraphs 17, and 18 of this decision;",
                "paragraphs 17, and 18 of this decision",
            ),
        ] {
            assert_eq!(
                matches(text)
                    .iter()
                    .map(|range| &text[range.clone()])
                    .collect::<Vec<_>>(),
                [expected],
                "{text}"
            );
        }
        assert!(matches("subparagraph (a) above").is_empty());
        assert!(matches("Paragraph five").is_empty());
        assert!(matches("theparagraph 5").is_empty());
    }
}
