//! A file's bytes as the engine sees them, and back: the byte-order mark is set aside before
//! analysis (so columns on the first line count from the first visible character) and put back
//! on writing; line breaks that fixes introduce follow the file's dominant line ending.

use similar::{ChangeTag, TextDiff};

const BYTE_ORDER_MARK: &str = "\u{FEFF}";

/// Bytes that are not UTF-8 text, given back to the caller; displayed, the message for the user.
#[derive(Debug)]
pub struct NotUtf8 {
    pub bytes: Vec<u8>,
    /// The offset of the first byte that is not part of a UTF-8 character.
    pub invalid_at: usize,
}

impl std::fmt::Display for NotUtf8 {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            self.invalid_at
        )
    }
}

/// A decoded draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    /// Whether the file started with a UTF-8 byte-order mark.
    pub has_bom: bool,
    /// The text after the byte-order mark.
    pub text: String,
}

impl SourceText {
    /// Decode a file's bytes; `Err` gives them back with why they are not UTF-8 text.
    pub fn decode(bytes: Vec<u8>) -> Result<SourceText, NotUtf8> {
        let mut text = String::from_utf8(bytes).map_err(|error| NotUtf8 {
            invalid_at: error.utf8_error().valid_up_to(),
            bytes: error.into_bytes(),
        })?;
        let has_bom = text.starts_with(BYTE_ORDER_MARK);
        if has_bom {
            text.drain(..BYTE_ORDER_MARK.len());
        }
        Ok(SourceText { has_bom, text })
    }

    /// The text as it was read, byte-order mark included.
    pub fn original(&self) -> String {
        self.encode_unchanged(&self.text)
    }

    fn encode_unchanged(&self, text: &str) -> String {
        if self.has_bom {
            format!("{BYTE_ORDER_MARK}{text}")
        } else {
            text.to_string()
        }
    }

    /// The text to write after fixes turned `self.text` into `fixed`: the byte-order mark
    /// restored and new line breaks written in the file's dominant ending.
    pub fn encode_fixed(&self, fixed: &str) -> String {
        self.encode_unchanged(&match_line_endings(&self.text, fixed))
    }
}

/// The line ending a text mostly uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
    Cr,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
            LineEnding::Cr => "\r",
        }
    }

    /// The most frequent line ending of `text`; LF when there is none or on a tie with LF.
    pub fn dominant(text: &str) -> LineEnding {
        let bytes = text.as_bytes();
        let (mut lf, mut crlf, mut cr) = (0usize, 0usize, 0usize);
        let mut index = 0;
        while index < bytes.len() {
            match bytes[index] {
                b'\n' => lf += 1,
                b'\r' if bytes.get(index + 1) == Some(&b'\n') => {
                    crlf += 1;
                    index += 1;
                }
                b'\r' => cr += 1,
                _ => {}
            }
            index += 1;
        }
        if crlf > lf && crlf >= cr {
            LineEnding::CrLf
        } else if cr > lf && cr > crlf {
            LineEnding::Cr
        } else {
            LineEnding::Lf
        }
    }
}

/// Rewrite the bare `\n` line breaks that `fixed` added to `original` in the original's
/// dominant ending. Lines that the fixes left alone keep their bytes exactly, so a file with
/// mixed endings is not normalised behind the user's back.
pub fn match_line_endings(original: &str, fixed: &str) -> String {
    let ending = LineEnding::dominant(original);
    if ending == LineEnding::Lf || !has_bare_lf(fixed) {
        return fixed.to_string();
    }
    let diff = TextDiff::from_lines(original, fixed);
    let mut result = String::with_capacity(fixed.len() + fixed.len() / 32);
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Delete => {}
            ChangeTag::Equal => result.push_str(change.value()),
            ChangeTag::Insert => result.push_str(&replace_bare_lf(change.value(), ending)),
        }
    }
    result
}

fn has_bare_lf(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\n', bytes).any(|index| index == 0 || bytes[index - 1] != b'\r')
}

fn replace_bare_lf(text: &str, ending: LineEnding) -> String {
    let mut result = String::with_capacity(text.len() + 8);
    let mut previous = None;
    for character in text.chars() {
        if character == '\n' && previous != Some('\r') {
            result.push_str(ending.as_str());
        } else {
            result.push(character);
        }
        previous = Some(character);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_set_aside_and_restored() {
        let source = SourceText::decode("\u{FEFF}1. *Decides*\n".as_bytes().to_vec())
            .unwrap_or_else(|error| panic!("{error}"));
        assert!(source.has_bom);
        assert_eq!(source.text, "1. *Decides*\n");
        assert_eq!(
            source.encode_fixed("2. *Decides*\n"),
            "\u{FEFF}2. *Decides*\n"
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_with_the_offset() {
        let error = SourceText::decode(b"ab\xffcd".to_vec()).err();
        assert!(error.is_some_and(|error| error.to_string().contains("offset 2")));
    }

    #[test]
    fn the_dominant_ending_wins() {
        assert_eq!(LineEnding::dominant("a\r\nb\r\nc\n"), LineEnding::CrLf);
        assert_eq!(LineEnding::dominant("a\r\nb\nc\n"), LineEnding::Lf);
        assert_eq!(LineEnding::dominant("a\rb\rc"), LineEnding::Cr);
        assert_eq!(LineEnding::dominant("no break"), LineEnding::Lf);
    }

    #[test]
    fn lines_added_by_a_fix_take_the_crlf_ending() {
        let original = "1. One;\r\n\r\n3. Three.\r\n";
        let fixed = "1. One;\r\n\r\n2. Three.\n";
        assert_eq!(
            match_line_endings(original, fixed),
            "1. One;\r\n\r\n2. Three.\r\n"
        );
        let inserted = "1. One;\r\n\r\nNew line\nAnother\n\r\n3. Three.\r\n";
        assert_eq!(
            match_line_endings(original, inserted),
            "1. One;\r\n\r\nNew line\r\nAnother\r\n\r\n3. Three.\r\n"
        );
    }

    #[test]
    fn untouched_lines_of_a_mixed_file_keep_their_endings() {
        let original = "a\r\nb\nc\r\nd\r\n";
        let fixed = "a\r\nb\nc\r\nD\n";
        assert_eq!(match_line_endings(original, fixed), "a\r\nb\nc\r\nD\r\n");
    }

    #[test]
    fn lf_files_are_left_alone() {
        assert_eq!(match_line_endings("a\nb\n", "a\nB\n"), "a\nB\n");
    }
}
