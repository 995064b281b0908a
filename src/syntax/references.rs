//! Cross-references to the draft's own paragraphs: "paragraph 5 above", "paragraphs 6 to 9
//! below", "subparagraph (b) of paragraph 7", "paragraph 3 of the present resolution".
//!
//! References to paragraphs of other texts ("paragraph 3 of resolution 2707 (2023)",
//! "paragraphs 17 and 18 of the report") are found too but marked as not internal, so that
//! renumbering leaves them alone.

use std::ops::Range;
use std::sync::LazyLock;

use super::Span;

mod pattern;

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

impl ParagraphReference {
    /// The same reference, `shift` bytes further on.
    pub fn shifted(&self, shift: isize) -> ParagraphReference {
        ParagraphReference {
            range: self.range.shifted(shift),
            numbers: self
                .numbers
                .iter()
                .map(|number| ReferencedNumber {
                    value: number.value,
                    range: number.range.shifted(shift),
                })
                .collect(),
            direction: self.direction,
            internal: self.internal,
        }
    }
}

/// One paragraph number inside a reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferencedNumber {
    pub value: u32,
    /// The digits alone.
    pub range: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParagraphReference {
    pub range: Span,
    pub numbers: Vec<ReferencedNumber>,
    pub direction: ReferenceDirection,
    /// Whether the reference points into this draft (and so follows a renumbering).
    pub internal: bool,
}

/// Finds "aragraph" (in "paragraph", "Paragraphs", "subparagraph"): every reference holds it,
/// most paragraphs have none, and references are only looked for in those that do.
static PARAGRAPH_WORD: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"aragraph"));

/// Where "aragraph" occurs in `text`, in order: the paragraphs that may hold a reference.
pub fn keyword_positions(text: &str) -> Vec<usize> {
    PARAGRAPH_WORD.find_iter(text.as_bytes()).collect()
}

/// Find the paragraph references in `text[within]`. The parser calls this only for the
/// paragraphs that [`keyword_positions`] says hold the keyword.
pub fn scan(text: &str, within: Range<usize>, out: &mut Vec<ParagraphReference>) {
    let Some(slice) = text.get(within.clone()) else {
        return;
    };
    let mut from = 0;
    while let Some(found) = pattern::next_match(slice, from) {
        from = found.range.end;
        let internal = match found.direction {
            ReferenceDirection::Unspecified => {
                found.names_subparagraph && !followed_by_of(&slice[found.range.end..])
            }
            _ => true,
        };
        // The list begins with a number outside parentheses, so it holds one at least.
        let numbers = list_numbers(
            &slice[found.list_start..found.range.end],
            within.start + found.list_start,
        );
        out.push(ParagraphReference {
            range: Span::new(
                within.start + found.range.start,
                within.start + found.range.end,
            ),
            numbers,
            direction: found.direction,
            internal,
        });
    }
}

/// The paragraph numbers of a reference's list (`5`, `6 to 9`, `12 (a) and 14`), skipping the
/// subparagraph letters in parentheses. `offset` is where the list starts in the text.
fn list_numbers(list: &str, offset: usize) -> Vec<ReferencedNumber> {
    let bytes = list.as_bytes();
    let mut numbers = Vec::new();
    let mut depth = 0usize;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'0'..=b'9' => {
                let start = index;
                while bytes.get(index).is_some_and(u8::is_ascii_digit) {
                    index += 1;
                }
                if depth == 0
                    && let Ok(value) = list[start..index].parse::<u32>()
                {
                    numbers.push(ReferencedNumber {
                        value,
                        range: Span::new(offset + start, offset + index),
                    });
                }
                continue;
            }
            _ => {}
        }
        index += 1;
    }
    numbers
}

/// Whether `rest` goes on with "of" or "in" ("paragraph 3 of resolution 2707"), which makes a
/// reference without "above" or "below" one to another text.
fn followed_by_of(rest: &str) -> bool {
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    (rest.starts_with("of") || rest.starts_with("in")) && rest[2..].starts_with(char::is_whitespace)
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
