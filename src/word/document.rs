//! The document as Word and Markdown both see it: paragraphs with a role, the number or label
//! typed before them, and runs of text with their emphasis and footnote references. Export reads
//! a [`Draft`] into it and writes it as `.docx`; import reads `.docx` or PDF into it and writes it
//! as Markdown; the tracked-changes export compares two of them.

use std::ops::Range;

use crate::syntax::{Draft, FootnoteMarker, ParagraphKind, SectionKind};

use super::markdown;

/// Emphasis of a run of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Emphasis {
    pub italic: bool,
    pub bold: bool,
}

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Inline {
    Text {
        text: String,
        emphasis: Emphasis,
    },
    /// A footnote reference; its text is the document's footnote with the same label.
    Note {
        label: String,
    },
    /// A line break inside the paragraph (Markdown's two trailing spaces).
    Break,
}

/// What a paragraph is, which decides its layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A line before the organ line: symbol, distribution, date, session, title.
    Masthead,
    /// `*The General Assembly,*`.
    Organ,
    Preambular,
    Operative,
    /// `(a)` is depth 1, `(i)` depth 2, and so on.
    Subparagraph(u8),
    /// A Markdown heading (`#` to `######`, level 1 to 6) or a bare section heading such as
    /// `I` or `Annex` (level 0).
    Heading(u8),
    /// Any other running text: closing lines, annex text, notes.
    Text,
}

/// One paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Block {
    pub role: Role,
    /// The operative number or subparagraph label exactly as typed, without markup: `5.`,
    /// `5 bis.`, `(c)`.
    pub lead: Option<String>,
    pub inlines: Vec<Inline>,
}

impl Block {
    /// The paragraph's words, without emphasis, footnotes shown as `[label]`.
    pub fn plain_text(&self) -> String {
        let mut text = String::new();
        if let Some(lead) = &self.lead {
            text.push_str(lead);
            text.push(' ');
        }
        plain_text_into(&self.inlines, &mut text);
        text
    }
}

/// The words of `inlines` appended to `out`.
pub fn plain_text_into(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Note { label } => {
                out.push('[');
                out.push_str(label);
                out.push(']');
            }
            Inline::Break => out.push(' '),
        }
    }
}

/// A footnote's text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Footnote {
    pub label: String,
    pub inlines: Vec<Inline>,
}

/// A whole document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Footnote texts in order of definition.
    pub footnotes: Vec<Footnote>,
}

impl Document {
    /// The footnote with this label (the first, if it is defined twice).
    pub fn footnote(&self, label: &str) -> Option<&Footnote> {
        self.footnotes.iter().find(|note| note.label == label)
    }
}

/// Something about the draft that the reader of the Word document should know about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line in the draft.
    pub line: usize,
    pub message: String,
}

/// Read a parsed draft into a document, with warnings about what Word will show as drafted
/// (misnumbering, dangling footnotes).
pub fn from_draft(draft: &Draft<'_>) -> (Document, Vec<Warning>) {
    let (document, _, warnings) = from_draft_located(draft);
    (document, warnings)
}

/// [`from_draft`], with the byte range in the draft's text of each of the document's blocks.
pub fn from_draft_located(draft: &Draft<'_>) -> (Document, Vec<Range<usize>>, Vec<Warning>) {
    let text = draft.text;
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut items: Vec<(Range<usize>, Item)> = Vec::new();
    for line in &draft.masthead {
        items.push((line.range(), Item::Masthead));
    }
    if let Some(organ) = draft.organ_line {
        items.push((organ.range(), Item::Organ));
    }
    for section in &draft.sections {
        if let (Some(heading), SectionKind::Heading | SectionKind::Annex) =
            (section.heading, section.kind)
        {
            items.push((heading.range(), Item::SectionHeading));
        }
    }
    for (index, paragraph) in draft.paragraphs.iter().enumerate() {
        items.push((paragraph.range.range(), Item::Paragraph(index)));
    }
    for (index, note) in draft.footnote_texts.iter().enumerate() {
        items.push((note.range.range(), Item::FootnoteText(index)));
    }
    items.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));

    let mut document = Document::default();
    let mut covered_to = 0;
    for (range, item) in items {
        if range.start < covered_to {
            continue;
        }
        if range.start > covered_to {
            uncovered_blocks(
                draft,
                covered_to..range.start,
                &mut document.blocks,
                &mut ranges,
            );
        }
        covered_to = range.end;
        let range_of_item = range.clone();
        let slice = text.get(range.clone()).unwrap_or("");
        match item {
            Item::Masthead | Item::SectionHeading => {
                let (level, inner) = match markdown::atx_heading(slice) {
                    Some((level, inner)) => (Some(level), inner),
                    None => (None, 0..slice.len()),
                };
                let role = match (level, item) {
                    (Some(level), _) => Role::Heading(level),
                    (None, Item::SectionHeading) => Role::Heading(0),
                    (None, _) => Role::Masthead,
                };
                let start = range.start + inner.start;
                let end = range.start + inner.end;
                document.blocks.push(Block {
                    role,
                    lead: None,
                    inlines: inlines_of(draft, start..end),
                });
            }
            Item::Organ => document.blocks.push(Block {
                role: Role::Organ,
                lead: None,
                inlines: inlines_of(draft, range),
            }),
            Item::Paragraph(index) => {
                let Some(paragraph) = draft.paragraphs.get(index) else {
                    continue;
                };
                let (role, lead) = match paragraph.kind {
                    ParagraphKind::Preambular => (Role::Preambular, None),
                    ParagraphKind::Operative => (
                        Role::Operative,
                        paragraph
                            .number
                            .as_ref()
                            .map(|number| strip_markup(draft.slice(number.range))),
                    ),
                    ParagraphKind::Subparagraph => (
                        Role::Subparagraph(paragraph.depth.max(1)),
                        paragraph
                            .label
                            .as_ref()
                            .map(|label| strip_markup(draft.slice(label.range))),
                    ),
                    ParagraphKind::Text => (Role::Text, None),
                };
                let content = if lead.is_some() {
                    paragraph.content.range()
                } else {
                    range
                };
                document.blocks.push(Block {
                    role,
                    lead,
                    inlines: inlines_of(draft, content),
                });
            }
            Item::FootnoteText(index) => {
                if let Some(note) = draft.footnote_texts.get(index) {
                    document.footnotes.push(Footnote {
                        label: note.label.clone(),
                        inlines: inlines_of(draft, note.body.range()),
                    });
                }
            }
        }
        ranges.resize(document.blocks.len(), range_of_item);
    }
    if covered_to < text.len() {
        uncovered_blocks(
            draft,
            covered_to..text.len(),
            &mut document.blocks,
            &mut ranges,
        );
    }
    let warnings = warnings(draft, &document);
    (document, ranges, warnings)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Masthead,
    Organ,
    SectionHeading,
    Paragraph(usize),
    FootnoteText(usize),
}

/// `**5.**` → `5.`, `5\.` → `5.`.
fn strip_markup(token: &str) -> String {
    token
        .chars()
        .filter(|character| !matches!(character, '*' | '_' | '\\'))
        .collect::<String>()
        .trim()
        .to_string()
}

/// The inlines of `range`, with the footnote markers the parser found there.
fn inlines_of(draft: &Draft<'_>, range: Range<usize>) -> Vec<Inline> {
    let markers: Vec<&FootnoteMarker> = markers_within(&draft.footnote_markers, &range);
    markdown::parse_inlines(draft.text, range, &markers)
}

/// The markers whose range lies within `range`; the list is in document order.
fn markers_within<'a>(
    markers: &'a [FootnoteMarker],
    range: &Range<usize>,
) -> Vec<&'a FootnoteMarker> {
    let first = markers.partition_point(|marker| marker.range.start() < range.start);
    markers[first..]
        .iter()
        .take_while(|marker| marker.range.start() < range.end)
        .filter(|marker| marker.range.end() <= range.end)
        .collect()
}

/// Text the model does not place (a title's `\*` note, stray lines): one block per run of
/// non-blank lines. Thematic breaks (page-break leftovers) and comment-only lines are dropped.
fn uncovered_blocks(
    draft: &Draft<'_>,
    range: Range<usize>,
    out: &mut Vec<Block>,
    ranges: &mut Vec<Range<usize>>,
) {
    let text = draft.text;
    let mut start: Option<usize> = None;
    let mut end = range.start;
    let mut offset = range.start;
    let slice = text.get(range.clone()).unwrap_or("");
    for line in slice.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim();
        let skip = content.is_empty()
            || markdown::is_thematic_break(content)
            || (content.starts_with("<!--") && content.ends_with("-->"));
        if skip {
            if let Some(block_start) = start.take() {
                push_text_block(draft, block_start..end, out, ranges);
            }
            continue;
        }
        if start.is_none() {
            start = Some(line_start);
        }
        end = line_start + line.trim_end().len();
    }
    if let Some(block_start) = start {
        push_text_block(draft, block_start..end, out, ranges);
    }
}

fn push_text_block(
    draft: &Draft<'_>,
    range: Range<usize>,
    out: &mut Vec<Block>,
    ranges: &mut Vec<Range<usize>>,
) {
    let slice = draft.text.get(range.clone()).unwrap_or("");
    if let Some((level, inner)) = markdown::atx_heading(slice)
        && !slice.contains('\n')
    {
        out.push(Block {
            role: Role::Heading(level),
            lead: None,
            inlines: inlines_of(draft, range.start + inner.start..range.start + inner.end),
        });
        ranges.push(range);
        return;
    }
    let inlines = inlines_of(draft, range.clone());
    if !inlines.is_empty() {
        out.push(Block {
            role: Role::Text,
            lead: None,
            inlines,
        });
        ranges.push(range);
    }
}

/// What Word will show exactly as drafted and the drafter may want to know: numbers out of
/// sequence, markers with no footnote text, footnote texts no marker refers to.
fn warnings(draft: &Draft<'_>, document: &Document) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let line_of = |offset: usize| draft.lines.line_of(offset) + 1;
    let mut expected = 1;
    let mut section = usize::MAX;
    for (_, paragraph) in draft.operative() {
        let Some(number) = &paragraph.number else {
            continue;
        };
        if paragraph.section() != section {
            section = paragraph.section();
            if number.value == 1 {
                expected = 1;
            }
        }
        if number.suffix.is_none() {
            if number.value != expected {
                warnings.push(Warning {
                    line: line_of(number.range.start()),
                    message: format!(
                        "operative paragraph {} is exported as numbered, where {} was expected \
                         (run `resolution-ls check --fix` to renumber)",
                        number.value, expected
                    ),
                });
            }
            expected = number.value + 1;
        }
    }
    let mut subparagraph_expected: Option<(usize, u8, u32)> = None;
    for paragraph in &draft.paragraphs {
        let Some(label) = &paragraph.label else {
            continue;
        };
        let parent = paragraph.parent().unwrap_or(usize::MAX);
        let want = match subparagraph_expected {
            Some((last_parent, depth, ordinal))
                if last_parent == parent && depth == paragraph.depth =>
            {
                ordinal + 1
            }
            _ => 1,
        };
        if label.ordinal != want {
            warnings.push(Warning {
                line: line_of(label.range.start()),
                message: format!(
                    "subparagraph {} is exported as labelled, out of sequence",
                    draft.slice(label.range)
                ),
            });
        }
        subparagraph_expected = Some((parent, paragraph.depth, label.ordinal));
    }
    for marker in &draft.footnote_markers {
        if document.footnote(&marker.label).is_none() {
            warnings.push(Warning {
                line: line_of(marker.range.start()),
                message: format!(
                    "footnote marker {} has no footnote text; it is exported as a plain \
                     superscript",
                    marker.label
                ),
            });
        }
    }
    for note in &draft.footnote_texts {
        if !draft
            .footnote_markers
            .iter()
            .any(|marker| marker.label == note.label)
        {
            warnings.push(Warning {
                line: line_of(note.range.start()),
                message: format!(
                    "footnote {} is not referred to; it is exported as a paragraph at the end",
                    note.label
                ),
            });
        }
    }
    warnings.sort_by_key(|warning| warning.line);
    warnings
}
