//! The Markdown side of the border: reading a paragraph's emphasis (`*x*`, `_x_`, `**x**`),
//! escapes and footnote markers into inlines, and writing a [`Document`] back as a draft.

use std::ops::Range;

use crate::syntax::FootnoteMarker;

use super::document::{Block, Document, Emphasis, Inline, Role};

/// `### Title ###` → level 3 and the range of `Title` within `line`.
pub fn atx_heading(line: &str) -> Option<(u8, Range<usize>)> {
    let trimmed_start = line.len() - line.trim_start().len();
    if trimmed_start > 3 {
        return None;
    }
    let rest = &line[trimmed_start..];
    let hashes = rest.bytes().take_while(|&byte| byte == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let after = &rest[hashes..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let content_start = trimmed_start + hashes + (after.len() - after.trim_start().len());
    let mut content_end = line.trim_end().len().max(content_start);
    // A closing sequence of `#` preceded by a space is not part of the heading.
    let body = &line[content_start..content_end];
    let without_closing = body.trim_end_matches('#');
    if without_closing.len() < body.len()
        && (without_closing.is_empty() || without_closing.ends_with([' ', '\t']))
    {
        content_end = content_start + without_closing.trim_end().len();
    }
    Some((
        u8::try_from(hashes).unwrap_or(6),
        content_start..content_end,
    ))
}

/// `---`, `***`, `___` (three or more, spaces allowed between).
pub fn is_thematic_break(line: &str) -> bool {
    let line = line.trim();
    let Some(first) = line.chars().next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_')
        && line.chars().filter(|&character| character == first).count() >= 3
        && line
            .chars()
            .all(|character| character == first || character == ' ' || character == '\t')
}

#[derive(Debug)]
enum Token {
    Text(String),
    Delimiter(Delimiter),
    Note(String),
    Break,
}

#[derive(Debug)]
struct Delimiter {
    character: char,
    count: usize,
    can_open: bool,
    can_close: bool,
    /// Emphasis this run opens, innermost last: `true` for bold.
    opens: Vec<bool>,
    /// Emphasis this run closes, innermost first.
    closes: Vec<bool>,
}

/// The inlines of `text[range]`; `markers` are the footnote markers the parser found there.
pub fn parse_inlines(text: &str, range: Range<usize>, markers: &[&FootnoteMarker]) -> Vec<Inline> {
    let mut tokens = Vec::new();
    let mut pending = String::new();
    let mut markers = markers.iter().peekable();
    let mut offset = range.start;
    let end = range.end.min(text.len());
    let flush = |pending: &mut String, tokens: &mut Vec<Token>| {
        if !pending.is_empty() {
            tokens.push(Token::Text(std::mem::take(pending)));
        }
    };
    while offset < end {
        while markers
            .peek()
            .is_some_and(|marker| marker.range.start() < offset)
        {
            markers.next();
        }
        if let Some(marker) = markers.peek()
            && marker.range.start() == offset
        {
            flush(&mut pending, &mut tokens);
            // `<sup>2,3</sup>` gives one marker per number, all with the same range.
            let whole = marker.range;
            while let Some(marker) = markers.peek()
                && marker.range == whole
            {
                tokens.push(Token::Note(marker.label.clone()));
                markers.next();
            }
            offset = whole.end();
            continue;
        }
        let rest = &text[offset..end];
        let Some(character) = rest.chars().next() else {
            break;
        };
        match character {
            '\\' => {
                let next = rest[1..].chars().next();
                match next {
                    Some(escaped) if escaped.is_ascii_punctuation() => {
                        pending.push(escaped);
                        offset += 1 + escaped.len_utf8();
                    }
                    Some('\n') => {
                        flush(&mut pending, &mut tokens);
                        tokens.push(Token::Break);
                        offset += 2;
                    }
                    _ => {
                        pending.push('\\');
                        offset += 1;
                    }
                }
            }
            '*' | '_' => {
                let count = rest.chars().take_while(|&c| c == character).count();
                let before = text[..offset].chars().next_back();
                let after = rest[count..].chars().next();
                let before_space = before.is_none_or(char::is_whitespace);
                let after_space = after.is_none_or(char::is_whitespace);
                let before_punct = before.is_some_and(|c| c.is_ascii_punctuation());
                let after_punct = after.is_some_and(|c| c.is_ascii_punctuation());
                let left_flanking = !after_space && (!after_punct || before_space || before_punct);
                let right_flanking = !before_space && (!before_punct || after_space || after_punct);
                let (can_open, can_close) = if character == '_' {
                    (
                        left_flanking && (!right_flanking || before_punct),
                        right_flanking && (!left_flanking || after_punct),
                    )
                } else {
                    (left_flanking, right_flanking)
                };
                flush(&mut pending, &mut tokens);
                tokens.push(Token::Delimiter(Delimiter {
                    character,
                    count,
                    can_open,
                    can_close,
                    opens: Vec::new(),
                    closes: Vec::new(),
                }));
                offset += count;
            }
            '<' if rest.starts_with("<!--") => {
                let close = rest.find("-->").map_or(rest.len(), |found| found + 3);
                offset += close;
            }
            '\r' => offset += 1,
            '\n' => {
                let trailing = pending.len() - pending.trim_end_matches(' ').len();
                if trailing >= 2 {
                    pending.truncate(pending.trim_end().len());
                    flush(&mut pending, &mut tokens);
                    tokens.push(Token::Break);
                } else {
                    pending.truncate(pending.trim_end().len());
                    pending.push(' ');
                }
                offset += 1;
                // Indentation of a continuation line is not part of the text.
                let indent = text[offset..end].len()
                    - text[offset..end].trim_start_matches([' ', '\t']).len();
                offset += indent;
            }
            _ => {
                pending.push(character);
                offset += character.len_utf8();
            }
        }
    }
    flush(&mut pending, &mut tokens);
    match_delimiters(&mut tokens);
    let mut inlines = render_tokens(tokens);
    trim_inlines(&mut inlines);
    inlines
}

/// Pair closing delimiter runs with the nearest opening run of the same character, as
/// CommonMark does (two characters make bold when both runs have them, one makes italics).
fn match_delimiters(tokens: &mut [Token]) {
    for closer in 0..tokens.len() {
        while let Token::Delimiter(closing) = &tokens[closer] {
            if !closing.can_close || closing.count == 0 {
                break;
            }
            let character = closing.character;
            let closing_count = closing.count;
            let opener = (0..closer).rev().find(|&index| {
                matches!(&tokens[index], Token::Delimiter(delimiter)
                    if delimiter.character == character && delimiter.can_open && delimiter.count > 0)
            });
            let Some(opener) = opener else {
                break;
            };
            let opening_count = match &tokens[opener] {
                Token::Delimiter(delimiter) => delimiter.count,
                _ => 0,
            };
            let used = if opening_count >= 2 && closing_count >= 2 {
                2
            } else {
                1
            };
            let bold = used == 2;
            if let Token::Delimiter(delimiter) = &mut tokens[opener] {
                delimiter.count -= used;
                delimiter.opens.push(bold);
            }
            if let Token::Delimiter(delimiter) = &mut tokens[closer] {
                delimiter.count -= used;
                delimiter.closes.push(bold);
            }
            // Runs between the pair can no longer open anything that closes after it.
            for token in &mut tokens[opener + 1..closer] {
                if let Token::Delimiter(delimiter) = token {
                    delimiter.can_open = false;
                }
            }
        }
    }
}

fn render_tokens(tokens: Vec<Token>) -> Vec<Inline> {
    let mut inlines: Vec<Inline> = Vec::new();
    let mut italic = 0usize;
    let mut bold = 0usize;
    let push_text = |inlines: &mut Vec<Inline>, text: &str, emphasis: Emphasis| {
        if text.is_empty() {
            return;
        }
        if let Some(Inline::Text {
            text: last,
            emphasis: last_emphasis,
        }) = inlines.last_mut()
            && *last_emphasis == emphasis
        {
            last.push_str(text);
            return;
        }
        inlines.push(Inline::Text {
            text: text.to_string(),
            emphasis,
        });
    };
    for token in tokens {
        let emphasis = Emphasis {
            italic: italic > 0,
            bold: bold > 0,
        };
        match token {
            Token::Text(text) => push_text(&mut inlines, &text, emphasis),
            Token::Note(label) => inlines.push(Inline::Note { label }),
            Token::Break => inlines.push(Inline::Break),
            Token::Delimiter(delimiter) => {
                for &closes_bold in &delimiter.closes {
                    if closes_bold {
                        bold = bold.saturating_sub(1);
                    } else {
                        italic = italic.saturating_sub(1);
                    }
                }
                let emphasis = Emphasis {
                    italic: italic > 0,
                    bold: bold > 0,
                };
                let literal: String =
                    std::iter::repeat_n(delimiter.character, delimiter.count).collect();
                push_text(&mut inlines, &literal, emphasis);
                for &opens_bold in &delimiter.opens {
                    if opens_bold {
                        bold += 1;
                    } else {
                        italic += 1;
                    }
                }
            }
        }
    }
    inlines
}

/// Drop leading and trailing spaces of the paragraph.
fn trim_inlines(inlines: &mut Vec<Inline>) {
    if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text, .. }) = inlines.last_mut() {
        *text = text.trim_end().to_string();
    }
    inlines.retain(|inline| !matches!(inline, Inline::Text { text, .. } if text.is_empty()));
}

/// Write inlines as Markdown: emphasis markers hug the words (spaces go outside them),
/// footnote references become `<sup>n</sup>`, literal `*` and `_` that could be read as
/// emphasis are escaped.
pub fn write_inlines(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text, emphasis } => write_text(text, *emphasis, out),
            Inline::Note { label } => {
                out.push_str("<sup>");
                out.push_str(label);
                out.push_str("</sup>");
            }
            Inline::Break => out.push_str("  \n"),
        }
    }
}

/// A run of text: as it is when that reads back the same (a lone `*` in `Council*` needs no
/// escape), escaped otherwise.
fn write_text(text: &str, emphasis: Emphasis, out: &mut String) {
    let core = text.trim();
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let marker = match (emphasis.italic, emphasis.bold) {
        _ if core.is_empty() => "",
        (true, true) => "***",
        (false, true) => "**",
        (true, false) => "*",
        (false, false) => "",
    };
    let wrap = |core: &str| format!("{marker}{core}{marker}");
    let plain = wrap(core);
    let expected = [Inline::Text {
        text: core.to_string(),
        emphasis: if core.is_empty() {
            Emphasis::default()
        } else {
            emphasis
        },
    }];
    let reads_back = !core.contains(['\\', '<', '_', '*'])
        || parse_inlines(&plain, 0..plain.len(), &[]).as_slice() == expected.as_slice();
    out.push_str(lead);
    if reads_back {
        out.push_str(&plain);
    } else {
        out.push_str(&wrap(&escape(core)));
    }
    out.push_str(trail);
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for character in text.chars() {
        let word_before = previous.is_some_and(char::is_alphanumeric);
        match character {
            '*' | '\\' => escaped.push('\\'),
            '_' if !word_before => escaped.push('\\'),
            _ => {}
        }
        escaped.push(character);
        previous = Some(character);
    }
    escaped
}

/// The document as a draft: one paragraph per block, blank lines between, footnote texts at
/// the end.
pub fn write_document(document: &Document) -> String {
    let mut out = String::new();
    for block in &document.blocks {
        write_block(block, &mut out);
        out.push_str("\n\n");
    }
    for note in &document.footnotes {
        out.push_str("<sup>");
        out.push_str(&note.label);
        out.push_str("</sup> ");
        write_inlines(&note.inlines, &mut out);
        out.push_str("\n\n");
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn write_block(block: &Block, out: &mut String) {
    if let Role::Heading(level) = block.role
        && level > 0
    {
        for _ in 0..level {
            out.push('#');
        }
        out.push(' ');
    }
    if let Some(lead) = &block.lead {
        out.push_str(lead);
        // `6` with no full stop is read as a number only before a tab, as it was typed.
        out.push(if lead.ends_with(['.', ')']) {
            ' '
        } else {
            '\t'
        });
    }
    let start = out.len();
    write_inlines(&block.inlines, out);
    // A paragraph that would read as a list item, heading or numbered paragraph by accident
    // keeps its first character escaped.
    if block.lead.is_none() && !matches!(block.role, Role::Heading(level) if level > 0) {
        let written = &out[start..];
        if written.starts_with('#') || written.starts_with("- ") || written.starts_with("+ ") {
            out.insert(start, '\\');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inlines(text: &str) -> Vec<Inline> {
        parse_inlines(text, 0..text.len(), &[])
    }

    fn italic(text: &str) -> Inline {
        Inline::Text {
            text: text.to_string(),
            emphasis: Emphasis {
                italic: true,
                bold: false,
            },
        }
    }

    fn plain(text: &str) -> Inline {
        Inline::Text {
            text: text.to_string(),
            emphasis: Emphasis::default(),
        }
    }

    #[test]
    fn openers_in_either_italic_syntax() {
        assert_eq!(
            inlines("*Recalling also* its resolution"),
            vec![italic("Recalling also"), plain(" its resolution")]
        );
        assert_eq!(
            inlines("_Requests_ the Secretary-General"),
            vec![italic("Requests"), plain(" the Secretary-General")]
        );
    }

    #[test]
    fn bold_and_escapes() {
        assert_eq!(
            inlines("**78/155. Title**"),
            vec![Inline::Text {
                text: "78/155. Title".into(),
                emphasis: Emphasis {
                    italic: false,
                    bold: true
                }
            }]
        );
        assert_eq!(inlines("Council\\*"), vec![plain("Council*")]);
        assert_eq!(inlines("a * b"), vec![plain("a * b")]);
        assert_eq!(inlines("snake_case_word"), vec![plain("snake_case_word")]);
    }

    #[test]
    fn lines_join_and_hard_breaks_stay() {
        assert_eq!(
            inlines("38th meeting  \n13 June 2013"),
            vec![plain("38th meeting"), Inline::Break, plain("13 June 2013")]
        );
        assert_eq!(inlines("one\n   two"), vec![plain("one two")]);
    }

    #[test]
    fn headings_and_breaks() {
        assert_eq!(atx_heading("#### **23/3.**"), Some((4, 5..14)));
        assert_eq!(atx_heading("#5 not"), None);
        assert!(is_thematic_break("---"));
        assert!(is_thematic_break("* * *"));
        assert!(!is_thematic_break("--x"));
    }

    #[test]
    fn written_back_as_read() {
        for text in [
            "*Recalling also* its resolution 67/169,",
            "**78/155. Title**",
            "Resolution adopted by the Council\\*",
            "***both*** and plain",
            "a literal \\*emphasis\\* sign",
        ] {
            let mut written = String::new();
            write_inlines(&inlines(text), &mut written);
            assert_eq!(
                inlines(&written),
                inlines(text),
                "{text} written as {written}"
            );
        }
    }
}
