//! Reading the blocks of an edited text again, from the blocks of the version before it.
//!
//! The block reader goes line by line, and a numbered paragraph (`5. ...`) leaves it in a state
//! that depends only on where it stands: in the operative part or an annex, in which section,
//! with itself as the paragraph that subparagraphs attach to. So the blocks are read again from
//! the last numbered paragraph before the edit, and as soon as a numbered paragraph after the
//! edit reads as it did before, the rest is the old blocks, moved by the edit's length.
//!
//! Whatever would make the shortcut unsure falls back on reading the whole text: an edit at or
//! before the organ line, an HTML comment that opens, closes or holds the edit, a draft whose
//! operative part is not numbered.

use std::ops::Range;

use super::{Blocks, Edited, Line, Open, Parser, inline};
use crate::syntax::span::saturating_u32;
use crate::syntax::{FootnoteText, LineIndex, Paragraph, Part, Section, Span};

/// Where two versions of a text differ: they share the bytes before `start`, and the bytes
/// from `old_end` (old version) or `new_end` (new version) to their ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Change {
    pub(super) start: usize,
    pub(super) old_end: usize,
    pub(super) new_end: usize,
}

impl Change {
    pub(super) fn between(old: &str, new: &str) -> Change {
        let (old, new) = (old.as_bytes(), new.as_bytes());
        let shortest = old.len().min(new.len());
        let start = common_prefix(old, new);
        // The shared ends may not overlap the shared start.
        let end_length = common_suffix(&old[start..], &new[start..]).min(shortest - start);
        Change {
            start,
            old_end: old.len() - end_length,
            new_end: new.len() - end_length,
        }
    }

    /// How far the edit moves what follows it.
    pub(super) fn shift(&self) -> isize {
        self.new_end as isize - self.old_end as isize
    }
}

/// The length of the bytes `a` and `b` end with alike.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let shortest = a.len().min(b.len());
    let (a_end, b_end) = (a.len(), b.len());
    let mut length = 0;
    while length + CHUNK <= shortest
        && a[a_end - length - CHUNK..a_end - length] == b[b_end - length - CHUNK..b_end - length]
    {
        length += CHUNK;
    }
    while length < shortest && a[a_end - length - 1] == b[b_end - length - 1] {
        length += 1;
    }
    length
}

/// The length of the bytes `a` and `b` start with alike.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let shortest = a.len().min(b.len());
    let mut length = 0;
    while length + CHUNK <= shortest && a[length..length + CHUNK] == b[length..length + CHUNK] {
        length += CHUNK;
    }
    length
        + a[length..shortest]
            .iter()
            .zip(&b[length..shortest])
            .take_while(|(x, y)| x == y)
            .count()
}

/// The blocks of `text`, read again from `old`, the blocks of `old_text`, which `change`
/// made into `text`; `None` when the shortcut does not apply and the whole text must be
/// read. `comments` are `text`'s.
pub(super) fn reread<'text>(
    text: &'text str,
    comments: Vec<Range<usize>>,
    old_text: &str,
    old: &Blocks,
    change: Change,
) -> Option<Parser<'text>> {
    let shift = change.shift();
    // The organ line, and the line break after it, come before the edit: the masthead, the
    // organ line and the body stay as they were.
    let organ = old.organ_line?;
    if change.start <= line_end(old_text, organ.end()) {
        return None;
    }
    // The old version's comments, as its analysis kept them or read again.
    let read_again;
    let old_comments = match &old.comments {
        Some(kept) => kept,
        None => {
            read_again = inline::scan_comments(old_text);
            &read_again
        }
    };
    if !comments_agree(old_comments, &comments, change) {
        return None;
    }
    // The last numbered paragraph after the organ line whose first line ends before the edit.
    let before_edit = old
        .paragraphs
        .partition_point(|paragraph| paragraph.range.start() < change.start);
    let anchor_index = old.paragraphs[..before_edit]
        .iter()
        .rposition(|paragraph| {
            paragraph.number.is_some()
                && paragraph.range.start() > organ.end()
                && line_end(old_text, paragraph.range.start()) < change.start
        })?;
    let anchor = &old.paragraphs[anchor_index];
    // In the operative part: a numbered paragraph outside the annexes also means that the
    // reading of an unnumbered operative part (`settle_lone_operative_paragraph`) changed
    // nothing in the old blocks.
    if anchor.part != Part::Operative {
        return None;
    }
    let lines = match &old.lines {
        Some(old_lines) => old_lines.after_edit(text, change.start, change.new_end),
        None => LineIndex::new(text),
    };
    let first_line = lines.line_of(anchor.range.start());
    let window_start = lines.line_start(first_line);
    let mut paragraphs = Vec::with_capacity(old.paragraphs.len() + 16);
    paragraphs.extend_from_slice(&old.paragraphs[..anchor_index]);
    let mut parser = Parser {
        text,
        lines,
        comments,
        part: anchor.part,
        found: Blocks {
            body: old.body,
            organ_line: old.organ_line,
            masthead: old.masthead.clone(),
            sections: old.sections.get(..=anchor.section())?.to_vec(),
            paragraphs,
            footnote_texts: old
                .footnote_texts
                .iter()
                .take_while(|footnote| footnote.range.start() < window_start)
                .cloned()
                .collect(),
            lines: None,
            references: Default::default(),
            inline: None,
            comments: None,
        },
        open: Open::Nothing,
        parent: None,
        problems: Vec::new(),
        edited: Some(Edited {
            start: change.start,
            new_end: change.new_end,
            shift,
        }),
        title_labels: [None; 2],
    };
    let mut old_cursor = anchor_index + 1;
    for line_number in first_line..parser.lines.line_count() {
        let range = parser.lines.line_range(text, line_number);
        let line = parser.classify(range.clone());
        // A numbered paragraph after the edit, at a place where the old text had one.
        let mut same_paragraph = None;
        if range.start > change.new_end && matches!(line, Line::Numbered { .. }) {
            let start = parser.trimmed(range.clone()).start;
            let old_start = start.checked_add_signed(-shift)?;
            while old
                .paragraphs
                .get(old_cursor)
                .is_some_and(|paragraph| paragraph.range.start() < old_start)
            {
                old_cursor += 1;
            }
            same_paragraph = old.paragraphs.get(old_cursor).filter(|paragraph| {
                paragraph.range.start() == old_start && paragraph.number.is_some()
            });
        }
        parser.add_line(line, range);
        if let Some(old_paragraph) = same_paragraph
            && parser
                .found
                .paragraphs
                .last()
                .is_some_and(|new| new.part == old_paragraph.part)
        {
            take_the_rest(&mut parser, old, old_cursor, shift);
            return Some(parser);
        }
    }
    Some(parser)
}

/// Replace the last paragraph `parser` read, which old paragraph `old_index` was, with that
/// old paragraph (its wrapped lines included), and append everything that followed it in
/// `old`; all moved by `shift` bytes.
fn take_the_rest(parser: &mut Parser<'_>, old: &Blocks, old_index: usize, shift: isize) {
    let (Some(old_paragraph), Some(new_paragraph)) =
        (old.paragraphs.get(old_index), parser.found.paragraphs.pop())
    else {
        return;
    };
    let new_index = parser.found.paragraphs.len();
    let index_shift = new_index as isize - old_index as isize;
    let section_shift = new_paragraph.section as isize - old_paragraph.section as isize;
    let old_start = old_paragraph.range.start();
    parser
        .found
        .sections
        .extend(
            old.sections
                .iter()
                .skip(old_paragraph.section() + 1)
                .map(|section| Section {
                    kind: section.kind,
                    heading: section.heading.map(|heading| heading.shifted(shift)),
                }),
        );
    parser.found.paragraphs.extend(
        old.paragraphs[old_index..]
            .iter()
            .map(|paragraph| moved_paragraph(paragraph, shift, index_shift, section_shift)),
    );
    parser.found.footnote_texts.extend(
        old.footnote_texts
            .iter()
            .filter(|footnote| footnote.range.start() > old_start)
            .map(|footnote| FootnoteText {
                range: footnote.range.shifted(shift),
                marker: footnote.marker.shifted(shift),
                label_range: footnote.label_range.shifted(shift),
                body: footnote.body.shifted(shift),
                ..footnote.clone()
            }),
    );
}

fn moved_paragraph(
    paragraph: &Paragraph,
    shift: isize,
    index_shift: isize,
    section_shift: isize,
) -> Paragraph {
    let mut moved = paragraph.clone();
    moved.range = moved.range.shifted(shift);
    moved.content = moved.content.shifted(shift);
    if let Some(number) = &mut moved.number {
        number.digits = number.digits.shifted(shift);
        number.suffix = number.suffix.map(|suffix| suffix.shifted(shift));
        number.range = number.range.shifted(shift);
    }
    if let Some(label) = &mut moved.label {
        label.text = label.text.shifted(shift);
        label.range = label.range.shifted(shift);
    }
    if let Some(opener) = &mut moved.opener {
        opener.italic = opener.italic.map(|italic| italic.shifted(shift));
        opener.words = opener.words.shifted(shift);
    }
    moved.parent = moved
        .parent
        .map(|parent| shifted_index(parent as usize, index_shift));
    moved.section = shifted_index(moved.section(), section_shift);
    moved
}

fn shifted_index(index: usize, shift: isize) -> u32 {
    saturating_u32(index.saturating_add_signed(shift))
}

/// Where the line holding `offset` ends: the offset of its line break, or the text's end.
fn line_end(text: &str, offset: usize) -> usize {
    let rest = text.as_bytes().get(offset..).unwrap_or_default();
    offset + memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len())
}

/// Whether the HTML comments of the two versions are the same, moved by the edit, and none
/// holds or touches the edit.
fn comments_agree(old: &[Range<usize>], new: &[Range<usize>], change: Change) -> bool {
    let touches =
        |comment: &Range<usize>, end: usize| comment.start <= end && comment.end >= change.start;
    if old.iter().any(|comment| touches(comment, change.old_end))
        || new.iter().any(|comment| touches(comment, change.new_end))
        || old.len() != new.len()
    {
        return false;
    }
    old.iter().zip(new).all(|(before, after)| {
        if before.end <= change.start {
            before == after
        } else {
            Span::from(before.clone()).shifted(change.shift()) == Span::from(after.clone())
        }
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::syntax::{parse, reparse_on_two_threads};

    /// Lines of drafts, for texts that reach every branch of the block reader.
    const LINES: &[&str] = &[
        "*The Human Rights Council,*",
        "*The General Assembly,*",
        "",
        "*Recalling* its resolution 40/2 of 22 March 2019,",
        "*Noting with concern* that the report,",
        "1. *Decides* to continue;",
        "2. *Requests* the Secretary-General:",
        "**3.** *Calls upon* States",
        "3 bis. *Urges* States,<sup>1</sup>",
        "4. *Welcomes* paragraph 2 above;",
        "6. *Recalls* subparagraph (b) of paragraph 7, and paragraphs 2 to 4 below;",
        "paragraph 3 of resolution 2707 (2023) and paragraph 12 (a) above,",
        "   5. *Invites* all;",
        "7. *Decides* to remain seized of the matter.",
        "(a) To report;",
        "(b) To act;",
        "(i) first;",
        "(ii) second;",
        "a. third degree;",
        "(c) and",
        "<sup>1</sup> A/HRC/23/61.",
        "[^2]: See S/RES/2427 (2018).",
        "### Section",
        "II",
        "Annex",
        "<!-- resolution-ls: disable misnumbered-paragraph -->",
        "<!--",
        "-->",
        "*Adopted without a vote.*",
        "text that wraps on",
        "15-16301",
        "---",
    ];

    /// What edits insert.
    const INSERTS: &[&str] = &[
        "",
        "x",
        "s",
        "\n",
        "\n\n",
        "\r\n",
        "5. ",
        "(c) ",
        "<!--",
        "-->",
        "*",
        "Annex\n",
        "*The Security Council,*\n",
        "1",
        ";",
        "<sup>2</sup>",
        "é",
        "😀",
    ];

    /// Drafts of random lines, most of them opening with an organ line, as real drafts do.
    fn draft() -> impl Strategy<Value = String> {
        let lines = prop::collection::vec((prop::sample::select(LINES), prop::bool::ANY), 1..60);
        (prop::bool::weighted(0.8), lines).prop_map(|(organ_first, lines)| {
            let organ = if organ_first {
                "*The General Assembly,*\n\n"
            } else {
                ""
            };
            let body: String = lines
                .into_iter()
                .map(|(line, blank_after)| {
                    format!("{line}{}", if blank_after { "\n\n" } else { "\n" })
                })
                .collect();
            format!("{organ}{body}")
        })
    }

    fn edits() -> impl Strategy<Value = Vec<(prop::sample::Index, usize, &'static str)>> {
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                0..24usize,
                prop::sample::select(INSERTS),
            ),
            1..5,
        )
    }

    fn edited(text: &str, (at, removed, inserted): &(prop::sample::Index, usize, &str)) -> String {
        let floor = |mut offset: usize| {
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            offset
        };
        let start = floor(at.index(text.len() + 1));
        let end = floor((start + removed).min(text.len()));
        format!("{}{inserted}{}", &text[..start], &text[end..])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn reading_again_around_an_edit_gives_the_blocks_of_a_whole_reading(
            text in draft(),
            edits in edits(),
        ) {
            let mut previous = text;
            let (_, mut blocks) = parse(&previous).into_blocks();
            for edit in &edits {
                let text = edited(&previous, edit);
                let again = reparse_on_two_threads(&text, &previous, &blocks);
                let whole = parse(&text);
                prop_assert_eq!(format!("{again:?}"), format!("{whole:?}"), "after {:?}", edit);
                blocks = again.into_blocks().1;
                previous = text;
            }
        }
    }

    #[test]
    fn typing_in_a_paragraph_reads_again_only_around_it() {
        let paragraphs: String = (1..=400)
            .map(|number| format!("{number}. *Requests* the Secretary-General:\n\n(a) To report;\n\n(b) To act;\n\n"))
            .collect();
        let text = format!("*The General Assembly,*\n\n{paragraphs}");
        let middle = text.len() / 2;
        let edited = format!("{}x{}", &text[..middle], &text[middle..]);
        let (_, blocks) = parse(&text).into_blocks();
        let comments = inline::scan_comments(&edited);
        let parser = reread(
            &edited,
            comments,
            &text,
            &blocks,
            Change::between(&text, &edited),
        );
        assert!(
            parser.is_some(),
            "the edit was not read again around itself"
        );
        assert_eq!(
            format!("{:?}", reparse_on_two_threads(&edited, &text, &blocks)),
            format!("{:?}", parse(&edited))
        );
    }

    #[test]
    fn the_change_between_two_versions() {
        let change = |old: &str, new: &str| {
            let change = Change::between(old, new);
            (change.start, change.old_end, change.new_end)
        };
        assert_eq!(change("abcdef", "abXdef"), (2, 3, 3));
        assert_eq!(change("abcdef", "abcdef"), (6, 6, 6));
        assert_eq!(change("aaaa", "aaaaa"), (4, 4, 5));
        assert_eq!(change("abab", "ab"), (2, 4, 2));
        let long = "x".repeat(200);
        assert_eq!(
            change(&format!("{long}1{long}"), &format!("{long}22{long}")),
            (200, 201, 202)
        );
    }
}
