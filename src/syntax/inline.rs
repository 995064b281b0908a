//! Inline constructs: footnote markers, italic openers, HTML comments and the suppressions
//! they carry.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{FootnoteMarker, FootnoteSyntax, Span, Suppression, SuppressionKind};

static SUPPRESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*resolution-ls\s*:\s*(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*$",
    )
    .unwrap_or_else(|error| panic!("suppression pattern: {error}"))
});

/// Push every footnote marker in `text[within]` to `out`. Superscripts holding several
/// numbers (`<sup>2,3</sup>`) give one marker per number.
pub fn scan_footnote_markers(text: &str, within: Range<usize>, out: &mut Vec<FootnoteMarker>) {
    scan_footnote_markers_in(text, within.clone(), within, out);
}

/// [`scan_footnote_markers`] for the markers that start in `starts` only; each is read
/// within `within`.
pub fn scan_footnote_markers_in(
    text: &str,
    within: Range<usize>,
    starts: Range<usize>,
    out: &mut Vec<FootnoteMarker>,
) {
    let Some(slice) = text.get(within.clone()) else {
        return;
    };
    let bytes = slice.as_bytes();
    let first = starts.start.saturating_sub(within.start).min(bytes.len());
    let last = starts
        .end
        .saturating_sub(within.start)
        .clamp(first, bytes.len());
    for found in memchr::memchr2_iter(b'<', b'[', &bytes[first..last]).map(|found| first + found) {
        let rest = &slice[found..];
        if bytes[found] == b'<' {
            if rest.len() < 5 || !rest.as_bytes()[..5].eq_ignore_ascii_case(b"<sup>") {
                continue;
            }
            let Some((label, whole_end)) = read_superscript(rest) else {
                continue;
            };
            let base = within.start + found;
            let whole_range = Span::new(base, base + whole_end);
            let mut offset = label.start;
            for part in rest[label].split(',') {
                let trimmed = part.trim();
                let lead = part.len() - part.trim_start().len();
                let start = base + offset + lead;
                out.push(FootnoteMarker {
                    label: trimmed.to_string(),
                    number: trimmed.parse().ok(),
                    syntax: FootnoteSyntax::Superscript,
                    range: whole_range,
                    label_range: Span::new(start, start + trimmed.len()),
                });
                offset += part.len() + 1;
            }
        } else {
            if !rest.starts_with("[^") {
                continue;
            }
            let Some((label, whole_end)) = read_caret(rest) else {
                continue;
            };
            // `[^1]:` at the start of a line is a footnote text, handled by the block parser.
            if rest[whole_end..].starts_with(':') {
                continue;
            }
            let base = within.start + found;
            let label_text = &rest[label.clone()];
            out.push(FootnoteMarker {
                label: label_text.to_string(),
                number: label_text.parse().ok(),
                syntax: FootnoteSyntax::Caret,
                range: Span::new(base, base + whole_end),
                label_range: Span::new(base + label.start, base + label.end),
            });
        }
    }
}

/// `<sup>1</sup>`, `<sup> 2, 3 </sup>`, `<sup>a</sup>`, `<sup>\\*</sup>` at the start of
/// `text`: the label's range and the end of the marker. Read by hand, as it runs on every `<`.
fn read_superscript(text: &str) -> Option<(Range<usize>, usize)> {
    let bytes = text.as_bytes();
    if bytes.len() < 11 || !bytes[..5].eq_ignore_ascii_case(b"<sup>") {
        return None;
    }
    // A label holds no `<`: the first one after the opening tag must start the closing one.
    let close = memchr::memchr(b'<', &bytes[5..bytes.len().min(5 + 64)])? + 5;
    if close + 6 > bytes.len() || !bytes[close..close + 6].eq_ignore_ascii_case(b"</sup>") {
        return None;
    }
    let inner = &text[5..close];
    let label = inner.trim();
    let numbers = !label.is_empty()
        && label.split(',').all(|part| {
            !part.trim().is_empty()
                && part.trim().len() <= 6
                && part.trim().bytes().all(|byte| byte.is_ascii_digit())
        });
    let short_word = !label.is_empty()
        && label.len() <= 3
        && label
            .bytes()
            .all(|byte| byte.is_ascii_alphabetic() || byte == b'*');
    if !(numbers || short_word || label == "\\*") {
        return None;
    }
    let start = 5 + (inner.len() - inner.trim_start().len());
    Some((start..start + label.len(), close + 6))
}

/// `[^1]`, `[^note]` at the start of `text`: a label of 1 to 40 characters, none of them a
/// space or `]`. Returns the label's range and the end of the marker.
fn read_caret(text: &str) -> Option<(Range<usize>, usize)> {
    let inner = text.strip_prefix("[^")?;
    let mut characters = 0;
    for (index, character) in inner.char_indices() {
        if character == ']' {
            return (characters > 0).then_some((2..2 + index, 2 + index + 1));
        }
        characters += 1;
        if character.is_whitespace() || characters > 40 {
            return None;
        }
    }
    None
}

/// A footnote text's opening marker at the start of `line`: `<sup>1</sup> ` or `[^1]: `.
/// Returns (label, label range, marker range, syntax), ranges relative to `line`.
pub fn footnote_text_marker(
    line: &str,
) -> Option<(String, Range<usize>, Range<usize>, FootnoteSyntax)> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    if rest.starts_with("<sup>") || rest.starts_with("<SUP>") {
        let (label, whole_end) = read_superscript(rest)?;
        let label_text = &rest[label.clone()];
        if label_text.contains([',', '*']) {
            return None;
        }
        let after = &rest[whole_end..];
        // A marker alone on its line, or followed by text, opens a footnote text.
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            return None;
        }
        return Some((
            label_text.to_string(),
            indent + label.start..indent + label.end,
            indent..indent + whole_end,
            FootnoteSyntax::Superscript,
        ));
    }
    if rest.starts_with("[^") {
        let (label, whole_end) = read_caret(rest)?;
        if !rest[whole_end..].starts_with(':') {
            return None;
        }
        return Some((
            rest[label.clone()].to_string(),
            indent + label.start..indent + label.end,
            indent..indent + whole_end + 1,
            FootnoteSyntax::Caret,
        ));
    }
    None
}

/// The HTML comments of the whole text, as ranges (an unclosed comment runs to the end).
pub fn scan_comments(text: &str) -> Vec<Range<usize>> {
    let mut comments = Vec::new();
    let mut from = 0;
    let bytes = text.as_bytes();
    while let Some(found) = bytes
        .get(from..)
        .and_then(|rest| memchr::memmem::find(rest, b"<!--"))
    {
        let start = from + found;
        let body_start = start + 4;
        let end = match bytes
            .get(body_start..)
            .and_then(|rest| memchr::memmem::find(rest, b"-->"))
        {
            Some(close) => body_start + close + 3,
            None => text.len(),
        };
        comments.push(start..end);
        from = end;
    }
    comments
}

/// The suppression an HTML comment carries, if it is one.
pub fn suppression(text: &str, comment: Range<usize>) -> Option<Suppression> {
    let inner = text.get(comment.clone())?;
    let inner = inner.strip_prefix("<!--")?;
    let inner = inner.strip_suffix("-->").unwrap_or(inner);
    // Most comments are notes to the drafters: the pattern is built and run only for those
    // that name the checker.
    if !inner.contains("resolution-ls") {
        return None;
    }
    let captures = SUPPRESSION.captures(inner)?;
    let kind = match captures.get(1)?.as_str() {
        "disable-next-line" => SuppressionKind::DisableNextLine,
        "disable-line" => SuppressionKind::DisableLine,
        "disable" => SuppressionKind::Disable,
        _ => SuppressionKind::Enable,
    };
    let codes = captures
        .get(2)
        .map(|codes| {
            codes
                .as_str()
                .split(|character: char| character == ',' || character.is_whitespace())
                .filter(|code| !code.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Some(Suppression {
        kind,
        codes,
        range: comment.into(),
    })
}

/// An italic span at the start of `text`: `*Recalling also*` or `_Requests_`.
/// Returns (span with markers, words inside), relative to `text`. Bold (`**`) is not italic.
pub fn leading_italic(text: &str) -> Option<(Range<usize>, Range<usize>)> {
    let bytes = text.as_bytes();
    let marker = *bytes.first()?;
    if marker != b'*' && marker != b'_' {
        return None;
    }
    if bytes.get(1) == Some(&marker) || bytes.get(1).is_none_or(|next| next.is_ascii_whitespace()) {
        return None;
    }
    let mut index = 1;
    while index < bytes.len() && bytes[index] != b'\n' && bytes[index] != b'\r' {
        if bytes[index] == marker && bytes[index - 1] != b'\\' && bytes[index - 1] != b' ' {
            // `*Recalling*also` is not a closed span for underscores inside words.
            if marker == b'_'
                && bytes
                    .get(index + 1)
                    .is_some_and(|next| next.is_ascii_alphanumeric())
            {
                index += 1;
                continue;
            }
            return Some((0..index + 1, 1..index));
        }
        index += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_both_syntaxes() {
        let text = "Review,<sup>1</sup> and [^2] and <sup>3, 4</sup>";
        let mut markers = Vec::new();
        scan_footnote_markers(text, 0..text.len(), &mut markers);
        let labels: Vec<&str> = markers.iter().map(|marker| marker.label.as_str()).collect();
        assert_eq!(labels, vec!["1", "2", "3", "4"]);
        assert_eq!(&text[markers[3].label_range.range()], "4");
    }

    #[test]
    fn footnote_texts_in_both_syntaxes() {
        assert!(footnote_text_marker("<sup>1</sup> A/HRC/23/61.").is_some());
        assert!(footnote_text_marker("[^1]: A/HRC/23/61.").is_some());
        assert!(footnote_text_marker("[^1] is a marker").is_none());
        assert!(footnote_text_marker("<sup>1</sup>, text").is_none());
    }

    #[test]
    fn italic_spans() {
        assert_eq!(leading_italic("*Recalling also* all"), Some((0..16, 1..15)));
        assert_eq!(leading_italic("**1.** text"), None);
        assert_eq!(leading_italic("_Requests_ the"), Some((0..10, 1..9)));
        assert_eq!(leading_italic("* bullet"), None);
    }

    #[test]
    fn suppression_comments() {
        let text =
            "<!-- resolution-ls: disable-next-line misnumbered-paragraph, repeated-opener -->";
        let comments = scan_comments(text);
        let found = suppression(text, comments[0].clone());
        assert_eq!(
            found.map(|suppression| (suppression.kind, suppression.codes.len())),
            Some((SuppressionKind::DisableNextLine, 2))
        );
    }
}
