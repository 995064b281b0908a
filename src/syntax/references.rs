//! Cross-references to the draft's own paragraphs: "paragraph 5 above", "paragraphs 6 to 9
//! below", "subparagraph (b) of paragraph 7", "paragraph 3 of the present resolution".
//!
//! References to paragraphs of other texts ("paragraph 3 of resolution 2707 (2023)",
//! "paragraphs 17 and 18 of the report") are found too but marked as not internal, so that
//! renumbering leaves them alone.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReferenceDirection {
    /// "above": a paragraph before the reference.
    Above,
    /// "below": a paragraph after the reference.
    Below,
    /// "of the present resolution", "hereof": anywhere in the draft.
    Present,
    /// No word says which paragraph is meant.
    Unspecified,
}

/// One paragraph number inside a reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferencedNumber {
    pub value: u32,
    /// The digits alone.
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParagraphReference {
    pub range: Range<usize>,
    pub numbers: Vec<ReferencedNumber>,
    pub direction: ReferenceDirection,
    /// Whether the reference points into this draft (and so follows a renumbering).
    pub internal: bool,
}

const NUMBER_LIST: &str = r"\d{1,4}(?:\s*(?:bis|ter))?(?:\s*\([a-z]{1,4}\))*(?:(?:\s*,\s*|\s+and\s+|\s+to\s+|\s*[–-]\s*|,?\s+and\s+)\d{1,4}(?:\s*(?:bis|ter))?(?:\s*\([a-z]{1,4}\))*)*";
const TAIL: &str =
    r"(?:\s+(?:above|below|hereof|of\s+(?:the\s+present|this)\s+(?:resolution|decision)))?";

static PARAGRAPHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:[Oo]perative\s+)?(?P<sub>[Ss]ubparagraphs?\s+\([a-z]{{1,4}}\)(?:(?:\s*,\s*|\s+and\s+|\s+to\s+)\([a-z]{{1,4}}\))*\s+of\s+)?[Pp]aragraphs?\s+(?P<list>{NUMBER_LIST})(?P<tail>{TAIL})"
    ))
    .unwrap_or_else(|error| panic!("paragraph reference pattern: {error}"))
});

static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+").unwrap_or_else(|error| panic!("digits: {error}")));

static FOLLOWED_BY_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:of|in)\s")
        .unwrap_or_else(|error| panic!("reference tail pattern: {error}"))
});

/// Find the paragraph references in `text[within]`.
pub fn scan(text: &str, within: Range<usize>, out: &mut Vec<ParagraphReference>) {
    let Some(slice) = text.get(within.clone()) else {
        return;
    };
    if !slice.contains("aragraph") {
        return;
    }
    for captures in PARAGRAPHS.captures_iter(slice) {
        let (Some(whole), Some(list)) = (captures.get(0), captures.name("list")) else {
            continue;
        };
        let tail = captures
            .name("tail")
            .map(|tail| tail.as_str().trim().to_lowercase());
        let direction = match tail.as_deref() {
            Some("above") => ReferenceDirection::Above,
            Some("below") => ReferenceDirection::Below,
            Some(tail) if !tail.is_empty() => ReferenceDirection::Present,
            _ => ReferenceDirection::Unspecified,
        };
        let followed_by_of = FOLLOWED_BY_OF.is_match(&slice[whole.end()..]);
        let internal = match direction {
            ReferenceDirection::Unspecified => captures.name("sub").is_some() && !followed_by_of,
            _ => true,
        };
        let list_text = list.as_str();
        let mut numbers = Vec::new();
        // Subparagraph letters in parentheses are not paragraph numbers.
        for digits in DIGITS.find_iter(list_text) {
            let inside_parentheses = list_text[..digits.start()].matches('(').count()
                > list_text[..digits.start()].matches(')').count();
            if inside_parentheses {
                continue;
            }
            let Ok(value) = digits.as_str().parse::<u32>() else {
                continue;
            };
            let start = within.start + list.start() + digits.start();
            numbers.push(ReferencedNumber {
                value,
                range: start..start + digits.len(),
            });
        }
        if numbers.is_empty() {
            continue;
        }
        out.push(ParagraphReference {
            range: within.start + whole.start()..within.start + whole.end(),
            numbers,
            direction,
            internal,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn references(text: &str) -> Vec<(Vec<u32>, ReferenceDirection, bool)> {
        let mut found = Vec::new();
        scan(text, 0..text.len(), &mut found);
        found
            .into_iter()
            .map(|reference| {
                (
                    reference
                        .numbers
                        .iter()
                        .map(|number| number.value)
                        .collect(),
                    reference.direction,
                    reference.internal,
                )
            })
            .collect()
    }

    #[test]
    fn internal_references_are_told_from_external_ones() {
        use ReferenceDirection::*;
        assert_eq!(
            references("as requested in paragraph 5 above"),
            vec![(vec![5], Above, true)]
        );
        assert_eq!(
            references("paragraphs 3 and 4 of the present resolution"),
            vec![(vec![3, 4], Present, true)]
        );
        assert_eq!(
            references("paragraphs 6 to 9 below"),
            vec![(vec![6, 9], Below, true)]
        );
        assert_eq!(
            references("in subparagraph (b) of paragraph 7, the"),
            vec![(vec![7], Unspecified, true)]
        );
        assert_eq!(
            references("paragraph 3 of resolution 2707 (2023)"),
            vec![(vec![3], Unspecified, false)]
        );
        assert_eq!(
            references("paragraphs 17 and 18 of the report"),
            vec![(vec![17, 18], Unspecified, false)]
        );
        assert_eq!(
            references("paragraph 12 (a) above"),
            vec![(vec![12], Above, true)]
        );
    }
}
