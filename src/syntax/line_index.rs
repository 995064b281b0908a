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

/// The length from which a line that is not all ASCII gets checkpoints, in bytes: beyond the
/// paragraphs of real drafts, so that reading them costs nothing more, while the column of a
/// finding on a shorter line is counted from the line's start.
const LONG_LINE_BYTES: usize = if cfg!(test) { 12 } else { 4096 };
/// How far apart the checkpoints of a long line are, in bytes. In the unit tests both are
/// small, so that the short texts of the property tests have long lines.
const CHECKPOINT_BYTES: usize = if cfg!(test) { 4 } else { 256 };

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is always 0. Offsets are 32-bit, as in
    /// the draft model.
    starts: Vec<u32>,
    /// Whether each line is all ASCII, where every unit counts one per byte: columns on such
    /// lines are computed without walking the line (a 5 MB line with 100,000 findings stays
    /// linear).
    ascii: Vec<bool>,
    /// The lines longer than [`LONG_LINE_BYTES`] that are not all ASCII, in order, with their
    /// checkpoints: a column there is counted from the checkpoint before it, not from the
    /// start of the line (100,000 findings on a 5 MB line with one `é` stay linear too).
    long_lines: Vec<LongLine>,
    len: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct LongLine {
    line: u32,
    /// The checkpoint before byte `n * CHECKPOINT_BYTES` of the line, for n = 1, 2, ... up
    /// to the line's length (excluded).
    checkpoints: Vec<Checkpoint>,
}

/// A character boundary of a line, and how many of each unit the line has before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Checkpoint {
    byte: u32,
    chars: u32,
    utf16: u32,
}

/// The characters and UTF-16 code units of `text`.
fn count_units(text: &str) -> (usize, usize) {
    let chars = text.chars().count();
    (chars, chars + supplementary_characters(text))
}

/// The characters of `text` outside the Basic Multilingual Plane, the only ones that take two
/// UTF-16 code units: those whose UTF-8 form starts with a byte 0xF0 or above.
fn supplementary_characters(text: &str) -> usize {
    text.bytes().filter(|&byte| byte >= 0xF0).count()
}

/// Lines are read one by one into the index: whether each is ASCII, and the checkpoints of
/// the long ones that are not.
struct LineReader<'text> {
    text: &'text str,
    all_ascii: bool,
    ascii: Vec<bool>,
    long_lines: Vec<LongLine>,
}

impl LineReader<'_> {
    /// Read `line`, which runs over `range` of the text (its break included or not).
    fn read(&mut self, line: usize, range: Range<usize>) {
        let line_text = self.text.get(range).unwrap_or("");
        let ascii = self.all_ascii || line_text.is_ascii();
        self.ascii.push(ascii);
        if ascii || line_text.len() <= LONG_LINE_BYTES {
            return;
        }
        let mut checkpoints = Vec::with_capacity(line_text.len() / CHECKPOINT_BYTES);
        let (mut byte, mut chars, mut utf16) = (0, 0, 0);
        for step in 1..=(line_text.len() - 1) / CHECKPOINT_BYTES {
            let next = floor_char_boundary(line_text, step * CHECKPOINT_BYTES);
            let (more_chars, more_utf16) = count_units(&line_text[byte..next]);
            (byte, chars, utf16) = (next, chars + more_chars, utf16 + more_utf16);
            checkpoints.push(Checkpoint {
                byte: saturating_u32(byte),
                chars: saturating_u32(chars),
                utf16: saturating_u32(utf16),
            });
        }
        self.long_lines.push(LongLine {
            line: saturating_u32(line),
            checkpoints,
        });
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let capacity = text.len() / 64 + 1;
        let mut starts = Vec::with_capacity(capacity);
        let mut reader = LineReader {
            text,
            // Most drafts are ASCII but for a few quotation marks and dashes: when the whole
            // text is, no line needs checking.
            all_ascii: bytes.is_ascii(),
            ascii: Vec::with_capacity(capacity),
            long_lines: Vec::new(),
        };
        starts.push(0);
        let mut line_start = 0;
        for index in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one break: it is counted at its `\n`.
            if bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n') {
                continue;
            }
            reader.read(starts.len() - 1, line_start..index);
            line_start = index + 1;
            starts.push(saturating_u32(line_start));
        }
        reader.read(starts.len() - 1, line_start..bytes.len());
        LineIndex {
            starts,
            ascii: reader.ascii,
            long_lines: reader.long_lines,
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
        let kept_long_lines = self
            .long_lines
            .partition_point(|long| (long.line as usize) < kept - 1);
        let mut reader = LineReader {
            text,
            all_ascii: false,
            ascii: self.ascii[..kept - 1].to_vec(),
            long_lines: self.long_lines[..kept_long_lines].to_vec(),
        };
        let mut line_start = starts[kept - 1] as usize;
        let from = line_start.min(bytes.len());
        for index in memchr::memchr2_iter(b'\n', b'\r', &bytes[from..]).map(|found| from + found) {
            if bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n') {
                continue;
            }
            reader.read(starts.len() - 1, line_start..index);
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
                let new_line = starts.len() - 1;
                starts.extend(
                    self.starts[old_line + 1..].iter().map(|&start| {
                        saturating_u32((start as usize).saturating_add_signed(shift))
                    }),
                );
                let mut ascii = reader.ascii;
                ascii.extend_from_slice(&self.ascii[old_line..]);
                let mut long_lines = reader.long_lines;
                let moved = self
                    .long_lines
                    .partition_point(|long| (long.line as usize) < old_line);
                long_lines.extend(self.long_lines[moved..].iter().map(|long| LongLine {
                    line: saturating_u32(long.line as usize - old_line + new_line),
                    checkpoints: long.checkpoints.clone(),
                }));
                return LineIndex {
                    starts,
                    ascii,
                    long_lines,
                    len: text.len(),
                };
            }
        }
        reader.read(starts.len() - 1, line_start.min(bytes.len())..bytes.len());
        LineIndex {
            starts,
            ascii: reader.ascii,
            long_lines: reader.long_lines,
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
        if unit == ColumnUnit::Utf8 {
            return LineCol {
                line: line as u32,
                column: (offset - start) as u32,
            };
        }
        // From the last checkpoint at or before the offset, on a long line.
        let checkpoint = self
            .long_lines
            .binary_search_by_key(&saturating_u32(line), |long| long.line)
            .ok()
            .and_then(|found| {
                let checkpoints = &self.long_lines[found].checkpoints;
                let before = ((offset - start) / CHECKPOINT_BYTES).min(checkpoints.len());
                before.checked_sub(1).map(|last| checkpoints[last])
            })
            .unwrap_or(Checkpoint {
                byte: 0,
                chars: 0,
                utf16: 0,
            });
        let from = (start + checkpoint.byte as usize).min(offset);
        let rest = text.get(from..offset).unwrap_or("");
        let column = match unit {
            ColumnUnit::Utf16 => {
                checkpoint.utf16 as usize + rest.chars().count() + supplementary_characters(rest)
            }
            _ => checkpoint.chars as usize + rest.chars().count(),
        };
        LineCol {
            line: line as u32,
            column: saturating_u32(column),
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

    proptest::proptest! {
        #[test]
        fn columns_are_the_units_before_the_offset_on_its_line(
            text in text_of_pieces(),
            at in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            let index = LineIndex::new(&text);
            let offset = floor_char_boundary(&text, at.index(text.len() + 1));
            let line = index.line_of(offset);
            let before = &text[index.line_start(line)..offset];
            // Between the `\r` and the `\n` of a break, an offset has no position of its own.
            let on_the_line = offset <= index.line_range(&text, line).end;
            for (unit, expected) in [
                (ColumnUnit::Utf8, before.len()),
                (ColumnUnit::Utf16, before.encode_utf16().count()),
                (ColumnUnit::Char, before.chars().count()),
            ] {
                let position = index.line_col(&text, offset, unit);
                proptest::prop_assert_eq!(position.line as usize, line);
                proptest::prop_assert_eq!(position.column as usize, expected, "{:?}", unit);
                if on_the_line {
                    proptest::prop_assert_eq!(index.offset(&text, position, unit), offset);
                }
            }
        }
    }

    #[test]
    fn long_lines_that_are_not_ascii_have_checkpoints() {
        let text = format!("short é\n{}\n{}", "é😀x".repeat(20), "x".repeat(40));
        let index = LineIndex::new(&text);
        let long: Vec<u32> = index.long_lines.iter().map(|long| long.line).collect();
        assert_eq!(long, [1]);
        // 140 bytes: a checkpoint before bytes 4, 8, ..., 136 (every 4 bytes in the unit
        // tests), each on a character boundary.
        let checkpoints = &index.long_lines[0].checkpoints;
        assert_eq!(checkpoints.len(), 34);
        let line = &text[index.line_range(&text, 1)];
        for (step, checkpoint) in checkpoints.iter().enumerate() {
            let byte = checkpoint.byte as usize;
            assert!(line.is_char_boundary(byte) && byte <= (step + 1) * CHECKPOINT_BYTES);
            assert_eq!(checkpoint.chars as usize, line[..byte].chars().count());
            assert_eq!(
                checkpoint.utf16 as usize,
                line[..byte].encode_utf16().count()
            );
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
