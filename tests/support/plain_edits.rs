//! A plain-`String` model of LSP incremental edits, written independently of the server's
//! rope, so that tests and the `edits` fuzz target can compare the two.
//!
//! A position names a line (lines end at `\n`, `\r\n` or `\r`, as in LSP) and a column in
//! UTF-16 code units or UTF-8 bytes. A column past the end of its line means the end of the
//! line (before its break); a line past the last means the end of the text; a column inside a
//! character means the start of that character.

#![allow(dead_code)]

use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

/// The byte ranges of each line's content (without its break).
pub fn line_contents(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\n' => {
                lines.push(start..index);
                index += 1;
                start = index;
            }
            b'\r' => {
                lines.push(start..index);
                index += if bytes.get(index + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = index;
            }
            _ => index += 1,
        }
    }
    lines.push(start..bytes.len());
    lines
}

/// The byte offset of an LSP position in `text`, with the clamping described above.
pub fn byte_offset(text: &str, position: Position, utf16: bool) -> usize {
    let lines = line_contents(text);
    let Some(line) = lines.get(position.line as usize) else {
        return text.len();
    };
    let wanted = position.character as usize;
    let mut units = 0;
    for (offset, character) in text[line.clone()].char_indices() {
        let width = if utf16 {
            character.len_utf16()
        } else {
            character.len_utf8()
        };
        if units + width > wanted {
            return line.start + offset;
        }
        units += width;
    }
    line.end
}

/// Apply one change the way LSP defines it: a range change replaces the text between its two
/// positions (an end before the start means the start), a change without a range replaces
/// the whole text.
pub fn apply_change(text: &mut String, change: &TextDocumentContentChangeEvent, utf16: bool) {
    match change.range {
        Some(range) => {
            let start = byte_offset(text, range.start, utf16);
            let end = byte_offset(text, range.end, utf16).max(start);
            text.replace_range(start..end, &change.text);
        }
        None => *text = change.text.clone(),
    }
}

/// The length of each line in the given unit, for choosing positions that mostly land on the
/// text.
pub fn line_lengths(text: &str, utf16: bool) -> Vec<usize> {
    line_contents(text)
        .into_iter()
        .map(|line| {
            let content = &text[line];
            if utf16 {
                content.encode_utf16().count()
            } else {
                content.len()
            }
        })
        .collect()
}

/// A position chosen by two random numbers, mostly on the text: the line among the text's lines
/// and one past them, the column among the line's columns and a few past its end.
pub fn pick_position(text: &str, utf16: bool, line_pick: u32, column_pick: u32) -> Position {
    let lengths = line_lengths(text, utf16);
    let line = line_pick as usize % (lengths.len() + 1);
    let length = lengths.get(line).copied().unwrap_or(0);
    let column = column_pick as usize % (length + 3);
    Position::new(line as u32, column as u32)
}

/// A change event for a range given by four random numbers.
pub fn pick_change(
    text: &str,
    utf16: bool,
    picks: [u32; 4],
    replacement: &str,
) -> TextDocumentContentChangeEvent {
    let start = pick_position(text, utf16, picks[0], picks[1]);
    let end = pick_position(text, utf16, picks[2], picks[3]);
    TextDocumentContentChangeEvent {
        range: Some(Range::new(start, end)),
        range_length: None,
        text: replacement.to_string(),
    }
}
