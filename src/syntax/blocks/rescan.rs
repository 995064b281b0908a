//! Scanning an edited text's running text again (citations, footnote markers, symbols) only
//! around the edit, keeping the finds of the version before it elsewhere.
//!
//! A find is read from one place: a citation from its keyword ("resolution"), a marker from
//! its `<` or `[`, a symbol from its first slash. The scanners read words before and after
//! that place, but none reads across a blank line, except a few bytes: a citation looks at
//! most 60 bytes past its list for the body named after it, a superscript marker is at most
//! 75 bytes long, a symbol's parenthesized year at most 20. So the scans run again between
//! two blank lines well clear of the edit; every find read from before the first is kept as
//! it was, and every find read from after the second is kept, moved by the edit's length.
//!
//! Whatever would make that unsure falls back on scanning the whole text: no such blank line
//! near the edit, an HTML comment delimiter in the part scanned again (in either version),
//! a kept find that reaches into it.

use std::ops::Range;

use super::reread::Change;
use super::{InlineFinds, KeptFinds, prose};
use crate::syntax::{Body, Span, citations, inline, symbols};

/// How far from the edit the part scanned again starts and ends, at least: more than any
/// scanner reads past a blank line.
const MARGIN: usize = 256;

/// How far the part scanned again may reach beyond the margin to find a blank line.
const SEARCH_LIMIT: usize = 64 * 1024;

/// The inline finds of `text`, an edited version of `old_text` whose finds were `old`, both
/// scanned for a draft of `body`; `None` when the shortcut does not apply. `comments` are
/// `text`'s.
pub(super) fn rescan(
    text: &str,
    comments: &[Range<usize>],
    old_text: &str,
    old: &KeptFinds,
    change: Change,
    body: Body,
) -> Option<InlineFinds> {
    let bytes = text.as_bytes();
    let start = start_before(bytes, change.start.checked_sub(MARGIN)?)?;
    let new_end = end_after(bytes, change.new_end + MARGIN).unwrap_or(text.len());
    let old_end = end_after_in_old(old_text, new_end, change)?;
    // The part scanned again holds no comment delimiter in either version, and starts in the
    // running text: the comments are the same on both sides of it, moved by the edit.
    let holds_delimiter = |part: &[u8]| {
        memchr::memmem::find(part, b"<!--").is_some()
            || memchr::memmem::find(part, b"-->").is_some()
    };
    if holds_delimiter(bytes.get(start..new_end)?)
        || holds_delimiter(old_text.as_bytes().get(start..old_end)?)
    {
        return None;
    }
    let within = prose(text, comments)
        .into_iter()
        .find(|range| range.start <= start && start < range.end)?;
    if within.end < new_end {
        return None;
    }
    let shift = change.shift();

    let part = Part { start, old_end };
    let citations = part.splice(
        &old.citations,
        |citation| citation.range,
        |found| {
            citations::scan_keywords_in(text, within.clone(), start..new_end, body, found);
            true
        },
        |citation| citation.shifted(shift),
    )?;
    let footnote_markers = part.splice(
        &old.footnote_markers,
        |marker| marker.range,
        |found| {
            inline::scan_footnote_markers_in(text, within.clone(), start..new_end, found);
            true
        },
        |marker| marker.shifted(shift),
    )?;
    let found_symbols = part.splice(
        &old.symbols,
        |symbol| symbol.range,
        |found| {
            let scanned_from = found.len();
            symbols::scan_slashes_in(text, within.clone(), start..new_end, found);
            // A symbol read again that runs past the part would hide the slashes in it from
            // the scan, as a full scan does; the kept symbols after it did not see that.
            found[scanned_from..]
                .last()
                .is_none_or(|symbol| symbol.range.end() <= new_end)
        },
        |symbol| symbol.shifted(shift),
    )?;

    Some(InlineFinds {
        footnote_markers,
        symbols: found_symbols,
        citations,
        suppressions: super::suppressions(text, comments),
    })
}

/// The start of a line after a blank line, at or before `at`: a line that starts with a
/// printable ASCII character, so that no scan's skipping of spaces runs through it.
fn start_before(bytes: &[u8], at: usize) -> Option<usize> {
    let floor = at.saturating_sub(SEARCH_LIMIT);
    let searched = bytes.get(floor..(at + 1).min(bytes.len()))?;
    memchr::memmem::rfind_iter(searched, b"\n\n")
        .map(|found| floor + found + 2)
        .find(|&start| start <= at && bytes.get(start).is_some_and(u8::is_ascii_graphic))
}

/// The start of a line after a blank line, at or after `at`, such that a backward skip of
/// spaces, line breaks and emphasis marks from it (as the citation scan makes to read the word
/// before a keyword) stops at or after `at`; the line starts with a printable ASCII character.
fn end_after(bytes: &[u8], at: usize) -> Option<usize> {
    let searched = bytes.get(at..(at + SEARCH_LIMIT).min(bytes.len()))?;
    memchr::memmem::find_iter(searched, b"\n\n")
        .map(|found| at + found + 2)
        .find(|&end| {
            let mut run_start = end;
            while run_start > at
                && matches!(
                    bytes[run_start - 1],
                    b' ' | b'\t' | b'\r' | b'\n' | b'*' | b'_'
                )
            {
                run_start -= 1;
            }
            run_start > at && bytes.get(end).is_some_and(u8::is_ascii_graphic)
        })
}

/// Where `new_end`, in the part after the edit, was in the old version.
fn end_after_in_old(old_text: &str, new_end: usize, change: Change) -> Option<usize> {
    let old_end = new_end.checked_add_signed(-change.shift())?;
    (old_end >= change.old_end && old_end <= old_text.len()).then_some(old_end)
}

/// The part of the text scanned again, where it starts, and where it ended in the old version.
struct Part {
    start: usize,
    old_end: usize,
}

impl Part {
    /// The old finds before the part, those `scan` finds in it, and the old finds after it
    /// moved by the edit with `moved`; `range` says where each find is. `None` when an old
    /// find before the part reaches into it, or `scan` says its finds cannot be spliced.
    fn splice<T: Clone>(
        &self,
        old: &[T],
        range: impl Fn(&T) -> Span,
        scan: impl FnOnce(&mut Vec<T>) -> bool,
        moved: impl Fn(&T) -> T,
    ) -> Option<Vec<T>> {
        let before = old.partition_point(|find| range(find).start() < self.start);
        let after = old.partition_point(|find| range(find).start() < self.old_end);
        let kept = &old[..before];
        if kept.iter().any(|find| range(find).end() > self.start) {
            return None;
        }
        let mut found = Vec::with_capacity(old.len() + 16);
        found.extend_from_slice(kept);
        if !scan(&mut found) {
            return None;
        }
        found.extend(old[after.max(before)..].iter().map(moved));
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::blocks::InlineFinds;
    use crate::syntax::{inline, parse};

    /// The finds of `text` scanned whole, and scanned again around the edit that made it from
    /// `old_text`; the second is `None` when the shortcut did not apply.
    fn both(old_text: &str, text: &str) -> (String, Option<String>) {
        let (_, blocks) = parse(old_text).into_blocks();
        let comments = inline::scan_comments(text);
        // The parser drops the markers that open footnote texts, as the kept ones were.
        let text_markers: Vec<usize> = parse(text)
            .footnote_texts
            .iter()
            .map(|footnote| footnote.marker.start())
            .collect();
        let show = |mut finds: InlineFinds| {
            finds
                .footnote_markers
                .retain(|marker| !text_markers.contains(&marker.range.start()));
            format!(
                "{:?}\n{:?}\n{:?}\n{:?}",
                finds.citations, finds.footnote_markers, finds.symbols, finds.suppressions
            )
        };
        let whole = show(InlineFinds::scan(text, &comments, blocks.body));
        let kept = blocks.inline.as_ref().and_then(|kept| {
            rescan(
                text,
                &comments,
                old_text,
                kept,
                Change::between(old_text, text),
                blocks.body,
            )
        });
        (whole, kept.map(show))
    }

    fn draft() -> String {
        let paragraphs: String = (1..=300)
            .map(|number| {
                format!(
                    "{number}. *Requests* the Secretary-General, in line with Council resolution {number}/7 of 12 July 2023,<sup>{number}</sup> to report (see A/HRC/RES/{number}/1);\n\n(a) To act;[^{number}]\n\n"
                )
            })
            .collect();
        format!("Human Rights Council\n\n*The Human Rights Council,*\n\n{paragraphs}")
    }

    #[test]
    fn an_edit_in_the_middle_is_scanned_again_around_itself() {
        let text = draft();
        let middle = text.len() / 2;
        for typed in ["x", "resolution 5/1 ", "<sup>9</sup>", "A/HRC/5/1 ", "\n\n"] {
            let edited = format!("{}{typed}{}", &text[..middle], &text[middle..]);
            let (whole, kept) = both(&text, &edited);
            assert_eq!(kept.as_deref(), Some(whole.as_str()), "typing {typed:?}");
            let removed = format!("{}{}", &text[..middle], &text[middle + 40..]);
            let (whole, kept) = both(&text, &removed);
            assert_eq!(kept.as_deref(), Some(whole.as_str()), "removing 40 bytes");
        }
    }

    /// Lines that put finds near blank lines and make the scanners read across line breaks.
    const LINES: &[&str] = &[
        "",
        "",
        "",
        "Human Rights Council",
        "1. *Recalls* its resolutions 5/1,",
        "2/2 and 3/3 of 4 May 2020,",
        "in its resolution 78/153 of 19 December 2023,",
        ", the General Assembly acknowledged",
        "the General Assembly",
        "of the United Nations Environment Assembly;",
        "Commission on Human Rights resolution 1993/51",
        "Security Council resolution 2427 (2018),<sup>1</sup>",
        "<sup>2",
        "</sup> text",
        "<sup>3</sup> A/HRC/23/61.",
        "[^4]: See S/RES/2427 (2018).",
        "text[^5] and more",
        "see A/RES/217 A (",
        "III) and A/69/49(Vol.III)",
        "E/CN.4/Sub.2/AC.2 and ICCD/COP(15)/21",
        "   *   ",
        "**",
        "decision 27/2 of the Governing Council",
        "resolution",
        "60/251",
        "paragraph 3 above",
        "\u{a0}resolution\u{a0}5/1",
        "é",
    ];

    /// Lines with HTML comments, rarer than the others; an unclosed one rarer still, since
    /// it hides the rest of the text.
    const COMMENT_LINES: &[&str] = &["<!-- resolution-ls: disable -->", "<!-- a", "b -->"];

    const INSERTS: &[&str] = &[
        "",
        "x",
        "\n",
        "\n\n",
        " ",
        "resolution ",
        "5/1",
        ", ",
        "<sup>",
        "</sup>",
        "[^",
        "]",
        "A/",
        "/",
        "(",
        ")",
        "*",
        "<!--",
        "-->",
        "é",
    ];

    fn texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let line = prop_oneof![
            200 => prop::sample::select(LINES),
            2 => prop::sample::select(COMMENT_LINES),
            1 => Just("<!--"),
        ];
        prop::collection::vec(line, 20..160).prop_map(|lines| lines.join("\n"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// Scanned again around an edit, a text has the finds of a whole scan.
        #[test]
        fn scanning_again_around_an_edit_finds_what_a_whole_scan_finds(
            text in texts(),
            at in 0.0f64..1.0,
            removed in 0usize..24,
            inserted in proptest::sample::select(INSERTS),
        ) {
            let mut start = (text.len() as f64 * at) as usize;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + removed).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let edited = format!("{}{inserted}{}", &text[..start], &text[end..]);
            let (whole, kept) = both(&text, &edited);
            if let Some(kept) = kept {
                proptest::prop_assert_eq!(kept, whole);
            }
        }
    }

    #[test]
    fn a_comment_delimiter_near_the_edit_falls_back_on_the_whole_scan() {
        let text = draft();
        let middle = text.len() / 2;
        for typed in ["<!--", "-->", "<!-- a -->"] {
            let edited = format!("{}{typed}{}", &text[..middle], &text[middle..]);
            assert_eq!(both(&text, &edited).1, None, "typing {typed:?}");
        }
    }
}
