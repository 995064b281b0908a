//! A compact byte range into the parsed text.

use std::ops::Range;

/// A byte range into the parsed text, stored as two 32-bit offsets so that the draft model
/// stays small.
///
/// Documents are refused above [`crate::analysis::MAX_DOCUMENT_BYTES`], so every offset fits.
/// An offset that does not fit (a text of 4 GB given to the parser directly) saturates at
/// `u32::MAX` rather than wrapping or panicking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The span from byte `start` up to, but not including, byte `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: saturating_u32(start),
            end: saturating_u32(end),
        }
    }

    /// The byte offset where the span starts.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// The byte offset just past the end of the span.
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// The span as a standard range, for slicing and for diagnostics.
    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    /// The number of bytes in the span; zero when its end is before its start.
    pub fn len(self) -> usize {
        self.end().saturating_sub(self.start())
    }

    /// Whether the span holds no bytes.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The span moved `shift` bytes later (earlier when negative), for text that an edit
    /// before it lengthened or shortened.
    pub fn shifted(self, shift: isize) -> Span {
        Span::new(
            self.start().saturating_add_signed(shift),
            self.end().saturating_add_signed(shift),
        )
    }

    /// Whether byte `offset` lies inside the span (its end excluded).
    pub fn contains(self, offset: usize) -> bool {
        self.range().contains(&offset)
    }
}

/// A byte offset or index as the model stores it, saturated at `u32::MAX`.
pub(crate) fn saturating_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(span: Span) -> Range<usize> {
        span.range()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_converts_to_and_from_a_range() {
        let span = Span::from(3..8);
        assert_eq!((span.start(), span.end()), (3, 8));
        assert_eq!(Range::from(span), 3..8);
        assert_eq!(span.len(), 5);
        assert!(!span.is_empty());
        assert!(span.contains(3) && span.contains(7) && !span.contains(8));
        assert!(Span::new(4, 4).is_empty());
    }

    #[test]
    fn an_offset_too_large_saturates() {
        let span = Span::new(1, usize::MAX);
        assert_eq!(span.end(), u32::MAX as usize);
    }

    #[test]
    fn a_reversed_span_is_empty() {
        let span = Span::new(5, 2);
        assert!(span.is_empty());
        assert_eq!(span.len(), 0);
        assert!(!span.contains(3));
    }
}
