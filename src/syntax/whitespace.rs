//! `str::trim` and its halves, quicker on the ASCII ends that almost every line has. The
//! parser trims every line and paragraph; the standard methods decode a character at each
//! step and look it up in Unicode's table of spaces.

/// Whether `byte` is one of the ASCII characters that Unicode counts as white space.
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// `text.trim_start()`.
pub(crate) fn trim_start(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(&byte) = bytes.get(start) {
        if is_ascii_space(byte) {
            start += 1;
        } else if byte >= 0x80 {
            // A character other than ASCII: it may be a space (`\u{a0}`); the slow way decides.
            return text[start..].trim_start();
        } else {
            break;
        }
    }
    &text[start..]
}

/// `text.trim_end()`.
pub(crate) fn trim_end(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while end > 0 {
        let byte = bytes[end - 1];
        if is_ascii_space(byte) {
            end -= 1;
        } else if byte >= 0x80 {
            return text[..end].trim_end();
        } else {
            break;
        }
    }
    &text[..end]
}

/// `text.trim()`.
pub(crate) fn trim(text: &str) -> &str {
    trim_end(trim_start(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn trims_as_the_standard_methods_do(
            text in proptest::string::string_regex("[ \t\n\r\u{0B}\u{0C}\u{85}\u{a0}\u{2000}\u{3000}a*é😀]{0,12}")
                .unwrap_or_else(|error| panic!("generator: {error}")),
        ) {
            proptest::prop_assert_eq!(trim_start(&text), text.trim_start());
            proptest::prop_assert_eq!(trim_end(&text), text.trim_end());
            proptest::prop_assert_eq!(trim(&text), text.trim());
        }
    }
}
