//! The one place where byte offsets meet LSP positions, in the encoding negotiated with the
//! client: UTF-8 when the client offers it, else UTF-16 (what Neovim and VS Code send).

use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind};

use crate::syntax::{ColumnUnit, LineCol, LineIndex};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum PositionEncoding {
    /// The protocol's default, and what most clients speak.
    #[default]
    Utf16,
    Utf8,
}

impl PositionEncoding {
    /// The best encoding among those the client offers: UTF-8 avoids every conversion.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn unit(self) -> ColumnUnit {
        match self {
            PositionEncoding::Utf8 => ColumnUnit::Utf8,
            PositionEncoding::Utf16 => ColumnUnit::Utf16,
        }
    }

    /// The LSP position of a byte offset in `text`.
    pub fn position(self, text: &str, lines: &LineIndex, offset: usize) -> lsp::Position {
        let LineCol { line, column } = lines.line_col(text, offset, self.unit());
        lsp::Position::new(line, column)
    }

    pub fn range(self, text: &str, lines: &LineIndex, range: &Range<usize>) -> lsp::Range {
        lsp::Range::new(
            self.position(text, lines, range.start),
            self.position(text, lines, range.end),
        )
    }

    /// The byte offset of an LSP position in `text`; positions past the end of a line or of
    /// the text are clamped to it.
    pub fn offset(self, text: &str, lines: &LineIndex, position: lsp::Position) -> usize {
        lines.offset(
            text,
            LineCol {
                line: position.line,
                column: position.character,
            },
            self.unit(),
        )
    }

    /// The char index in `rope` of an LSP position, clamped to the end of its line (before the
    /// line break) and to the end of the text.
    pub fn rope_char(self, rope: &Rope, position: lsp::Position) -> usize {
        let line = position.line as usize;
        if line >= rope.len_lines() {
            return rope.len_chars();
        }
        let line_start = rope.line_to_char(line);
        let line_end = line_start + line_length_without_break(rope, line);
        let wanted = position.character as usize;
        match self {
            PositionEncoding::Utf16 => {
                let start_units = rope.char_to_utf16_cu(line_start);
                let end_units = rope.char_to_utf16_cu(line_end);
                let target = (start_units + wanted).min(end_units);
                rope.utf16_cu_to_char(target).clamp(line_start, line_end)
            }
            PositionEncoding::Utf8 => {
                let start_byte = rope.char_to_byte(line_start);
                let end_byte = rope.char_to_byte(line_end);
                let target = (start_byte + wanted).min(end_byte);
                rope.byte_to_char(target).clamp(line_start, line_end)
            }
        }
    }
}

fn line_length_without_break(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut length = slice.len_chars();
    if length > 0 && slice.char(length - 1) == '\n' {
        length -= 1;
    }
    if length > 0 && slice.char(length - 1) == '\r' {
        length -= 1;
    }
    length
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "a\u{e9}\u{1f600}x\r\nco\u{301}mbine \u{645}\u{62c}\u{644}\u{633} \u{7406}\rZ";

    #[test]
    fn utf8_is_chosen_when_offered() {
        assert_eq!(
            PositionEncoding::negotiate(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            PositionEncoding::Utf8
        );
        assert_eq!(PositionEncoding::negotiate(None), PositionEncoding::Utf16);
    }

    #[test]
    fn positions_agree_between_text_and_rope_in_both_encodings() {
        let lines = LineIndex::new(TEXT);
        let rope = Rope::from_str(TEXT);
        for encoding in [PositionEncoding::Utf16, PositionEncoding::Utf8] {
            for (offset, _) in TEXT.char_indices().chain([(TEXT.len(), ' ')]) {
                let in_crlf = TEXT[..offset].ends_with('\r') && TEXT[offset..].starts_with('\n');
                if in_crlf {
                    continue;
                }
                let position = encoding.position(TEXT, &lines, offset);
                assert_eq!(
                    encoding.offset(TEXT, &lines, position),
                    offset,
                    "{encoding:?} {position:?}"
                );
                let char_index = encoding.rope_char(&rope, position);
                assert_eq!(
                    rope.char_to_byte(char_index),
                    offset,
                    "{encoding:?} {position:?}"
                );
            }
        }
    }

    #[test]
    fn the_emoji_counts_two_utf16_units_and_four_bytes() {
        let lines = LineIndex::new(TEXT);
        let x = TEXT.find('x').unwrap_or(0);
        assert_eq!(
            PositionEncoding::Utf16.position(TEXT, &lines, x),
            lsp::Position::new(0, 4)
        );
        assert_eq!(
            PositionEncoding::Utf8.position(TEXT, &lines, x),
            lsp::Position::new(0, 7)
        );
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let rope = Rope::from_str(TEXT);
        let past_line = PositionEncoding::Utf16.rope_char(&rope, lsp::Position::new(0, 99));
        assert_eq!(rope.char_to_byte(past_line), TEXT.find('\r').unwrap_or(0));
        let past_text = PositionEncoding::Utf16.rope_char(&rope, lsp::Position::new(99, 0));
        assert_eq!(past_text, rope.len_chars());
    }
}
