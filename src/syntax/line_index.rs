//! Byte offsets to lines and columns, and back.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP. Columns are counted in the unit the
//! caller asks for: characters (the command line), UTF-16 code units or UTF-8 bytes (LSP).

use std::ops::Range;

use super::span::saturating_u32;

/// The unit columns are counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnUnit {
    Utf8,
    Utf16,
    Char,
}

/// A 0-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is always 0. Offsets are 32-bit, as in
    /// the draft model.
    starts: Vec<u32>,
    /// Whether each line is all ASCII, where every unit counts one per byte: columns on such
    /// lines are computed without walking the line (a 5 MB line with 100,000 findings stays
    /// linear).
    ascii: Vec<bool>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let capacity = text.len() / 64 + 1;
        let mut starts = Vec::with_capacity(capacity);
        let mut ascii = Vec::with_capacity(capacity);
        starts.push(0);
        // Most drafts are ASCII but for a few quotation marks and dashes: when the whole text
        // is, no line needs checking.
        let all_ascii = bytes.is_ascii();
        let mut line_start = 0;
        for index in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one break: it is counted at its `\n`.
            if bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n') {
                continue;
            }
            ascii.push(all_ascii || bytes[line_start..index].is_ascii());
            line_start = index + 1;
            starts.push(saturating_u32(line_start));
        }
        ascii.push(all_ascii || bytes[line_start..].is_ascii());
        LineIndex {
            starts,
            ascii,
            len: text.len(),
        }
    }

    /// The index of `text`, a new version of the text this indexes that differs from it only
    /// in `text[edit_start..edit_end]` (the rest is the same bytes, moved by the edit's
    /// length after it). Only the lines around the edit are read: a line starts where it did
    /// when the bytes on both sides of its start are outside the edit.
    pub fn after_edit(&self, text: &str, edit_start: usize, edit_end: usize) -> LineIndex {
        let shift = text.len() as isize - self.len as isize;
        let bytes = text.as_bytes();
        // The lines that start before the edit; the last of them may now end elsewhere.
        let kept = self
            .starts
            .partition_point(|&start| (start as usize) < edit_start)
            .max(1);
        let mut starts = self.starts[..kept].to_vec();
        let mut ascii = self.ascii[..kept - 1].to_vec();
        let mut line_start = starts[kept - 1] as usize;
        let from = line_start.min(bytes.len());
        for index in memchr::memchr2_iter(b'\n', b'\r', &bytes[from..]).map(|found| from + found) {
            if bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n') {
                continue;
            }
            ascii.push(bytes[line_start..index].is_ascii());
            line_start = index + 1;
            starts.push(saturating_u32(line_start));
            // Past the edit, this line and those after it are the old ones, moved.
            if line_start > edit_end {
                let Some(old_start) = line_start
                    .checked_add_signed(-shift)
                    .and_then(|old_start| u32::try_from(old_start).ok())
                else {
                    return LineIndex::new(text);
                };
                let Ok(old_line) = self.starts.binary_search(&old_start) else {
                    return LineIndex::new(text);
                };
                starts.extend(
                    self.starts[old_line + 1..].iter().map(|&start| {
                        saturating_u32((start as usize).saturating_add_signed(shift))
                    }),
                );
                ascii.extend_from_slice(&self.ascii[old_line..]);
                return LineIndex {
                    starts,
                    ascii,
                    len: text.len(),
                };
            }
        }
        ascii.push(bytes[line_start.min(bytes.len())..].is_ascii());
        LineIndex {
            starts,
            ascii,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line that holds `offset` (offsets past the end count as the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        // An offset too large for 32 bits is past the end of any text this indexes.
        let offset = saturating_u32(offset);
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line)
            .map_or(self.len, |&start| start as usize)
    }

    /// The bytes of `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1).min(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }

    /// Line and column of a byte offset. An offset inside a character or past the end is
    /// clamped to the nearest character boundary before it.
    pub fn line_col(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        if self.ascii.get(line).copied().unwrap_or(false) {
            return LineCol {
                line: line as u32,
                column: (offset - start) as u32,
            };
        }
        let prefix = text.get(start..offset).unwrap_or("");
        let column = match unit {
            ColumnUnit::Utf8 => prefix.len(),
            ColumnUnit::Utf16 => prefix.encode_utf16().count(),
            ColumnUnit::Char => prefix.chars().count(),
        };
        LineCol {
            line: line as u32,
            column: column as u32,
        }
    }

    /// The byte offset of a line and column. A column past the end of the line is clamped to
    /// the end of the line; a line past the end to the end of the text; a column inside a
    /// character to the start of that character.
    pub fn offset(&self, text: &str, position: LineCol, unit: ColumnUnit) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let range = self.line_range(text, line);
        let wanted = position.column as usize;
        if self.ascii.get(line).copied().unwrap_or(false) {
            return (range.start + wanted).min(range.end);
        }
        let line_text = text.get(range.clone()).unwrap_or("");
        let mut counted = 0;
        for (byte, character) in line_text.char_indices() {
            if counted >= wanted {
                return range.start + byte;
            }
            counted += match unit {
                ColumnUnit::Utf8 => character.len_utf8(),
                ColumnUnit::Utf16 => character.len_utf16(),
                ColumnUnit::Char => 1,
            };
            if counted > wanted {
                return range.start + byte;
            }
        }
        range.end
    }
}

/// The largest character boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of_pieces() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop::collection::vec(
            prop::sample::select(
                &["a", "bc", " ", "\n", "\r", "\r\n", "\n\n", "é", "理", "😀"][..],
            ),
            0..40,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #[test]
        fn the_index_after_an_edit_is_the_index_of_the_edited_text(
            text in text_of_pieces(),
            inserted in text_of_pieces(),
            at in proptest::prelude::any::<proptest::sample::Index>(),
            removed in 0..12usize,
        ) {
            let start = floor_char_boundary(&text, at.index(text.len() + 1));
            let end = floor_char_boundary(&text, start + removed);
            let edited = format!("{}{inserted}{}", &text[..start], &text[end..]);
            // The edit as the common start and end of both versions tell it, as `reread` has it.
            let prefix = text.bytes().zip(edited.bytes()).take_while(|(a, b)| a == b).count();
            let shortest = text.len().min(edited.len());
            let suffix = text
                .bytes()
                .rev()
                .zip(edited.bytes().rev())
                .take_while(|(a, b)| a == b)
                .count()
                .min(shortest - prefix);
            let index = LineIndex::new(&text).after_edit(&edited, prefix, edited.len() - suffix);
            proptest::prop_assert_eq!(index, LineIndex::new(&edited));
        }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_range(text, 1), 2..3);
        assert_eq!(index.line_range(text, 2), 5..6);
        assert_eq!(index.line_range(text, 3), 7..8);
    }

    #[test]
    fn columns_in_each_unit() {
        let text = "é😀x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(index.line_col(text, x, ColumnUnit::Utf8).column, 6);
        assert_eq!(index.line_col(text, x, ColumnUnit::Utf16).column, 3);
        assert_eq!(index.line_col(text, x, ColumnUnit::Char).column, 2);
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
            let position = index.line_col(text, x, unit);
            assert_eq!(index.offset(text, position, unit), x);
        }
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        let past_line = LineCol {
            line: 0,
            column: 99,
        };
        assert_eq!(index.offset(text, past_line, ColumnUnit::Utf16), 2);
        let past_text = LineCol { line: 9, column: 0 };
        assert_eq!(index.offset(text, past_text, ColumnUnit::Utf16), 5);
        let inside_emoji = LineCol { line: 0, column: 1 };
        let emoji = "😀";
        let emoji_index = LineIndex::new(emoji);
        assert_eq!(
            emoji_index.offset(emoji, inside_emoji, ColumnUnit::Utf16),
            0
        );
    }
}
