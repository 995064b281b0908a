//! The block parser: lines to masthead, organ line, paragraphs, subparagraphs, headings and
//! footnote texts, then the inline scans over the result.

use super::{
    Body, Citation, Draft, FootnoteMarker, FootnoteSyntax, FootnoteText, LabelStyle, LineIndex,
    Opener, Paragraph, ParagraphKind, ParagraphNumber, ParagraphReference, ParseProblem, Part,
    Section, SectionKind, Span, SubparagraphLabel, Suppression, SymbolRef, citations, inline,
    references, span::saturating_u32, symbols, whitespace,
};
use crate::vocab::openers::{self, OpenerForm};
use std::ops::Range;

mod reread;
mod rescan;
mod shapes;

/// What a line is, before paragraphs are assembled.
enum Line {
    Blank,
    Break,
    Heading {
        annex: bool,
    },
    Organ {
        body: Body,
    },
    FootnoteText {
        label: String,
        label_range: Range<usize>,
        marker: Range<usize>,
        syntax: FootnoteSyntax,
    },
    Numbered {
        number: ParagraphNumber,
        content: usize,
    },
    Labelled {
        letters: Range<usize>,
        label: Range<usize>,
        dotted: bool,
        content: usize,
    },
    /// A note on the title, `\* The resolutions ... will be contained in ...`.
    TitleNote,
    Text {
        content: usize,
    },
}

/// What the last line belonged to, for wrapped lines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Paragraph(usize),
    Footnote(usize),
}

struct Parser<'text> {
    text: &'text str,
    lines: LineIndex,
    comments: Vec<Range<usize>>,
    part: Part,
    /// What has been read so far.
    found: Blocks,
    open: Open,
    /// The paragraph that subparagraphs attach to.
    parent: Option<usize>,
    problems: Vec<ParseProblem>,
    /// When the text was read again from the blocks of a previous version: where the two
    /// versions differ.
    edited: Option<Edited>,
    /// In an annex, the ordinal of the last lettered chapter title, for letters and for
    /// numerals (see `lettered_title`). Only an annex heading sets it back: the titles
    /// `(a)`, `(b)` of a programme of action stand between its numbered paragraphs.
    title_labels: [Option<u32>; 2],
}

/// Where a new version of a text differs from the previous one.
struct Edited {
    /// The bytes before this are the same in both versions.
    start: usize,
    /// From this byte of the new version (and this less `shift` in the old), both end alike.
    new_end: usize,
    shift: isize,
}

/// The paragraph references of a draft, with the paragraphs they were read in: a paragraph's
/// content and how many references it holds, for each paragraph read, in order.
#[derive(Clone, Debug, Default)]
struct ReadReferences {
    references: Vec<ParagraphReference>,
    paragraphs: Vec<(Span, usize)>,
}

pub fn parse(text: &str) -> Draft<'_> {
    let comments = inline::scan_comments(text);
    let parser = read_structure(text, comments);
    let inline = InlineFinds::scan(text, &parser.comments, parser.found.body);
    parser.finish(inline, None)
}

/// [`parse`], with the inline scans (markers, symbols, citations) on a second thread of
/// rayon's pool while this one reads the blocks.
pub fn parse_on_two_threads(text: &str) -> Draft<'_> {
    let guessed_body = text
        .lines()
        .find_map(|line| organ_body(line.trim()))
        .unwrap_or_default();
    parse_in_two(
        text,
        guessed_body,
        None,
        |comments| read_structure(text, comments),
        |_| None,
    )
}

/// [`parse_on_two_threads`] for a new version of `old_text`, whose blocks were `old`: only
/// the paragraphs around the edit are read again (see `reread`), and only the running text
/// between the blank lines around it is scanned again (see `rescan`).
pub fn reparse_on_two_threads<'text>(
    text: &'text str,
    old_text: &str,
    old: &Blocks,
) -> Draft<'text> {
    let change = reread::Change::between(old_text, text);
    parse_in_two(
        text,
        old.body,
        Some(&old.references),
        |comments| match reread::reread(text, comments.clone(), old_text, old, change) {
            Some(mut parser) => {
                parser.settle_operative_part();
                parser
            }
            None => read_structure(text, comments),
        },
        |comments| {
            old.inline
                .as_ref()
                .and_then(|kept| rescan::rescan(text, comments, old_text, kept, change, old.body))
        },
    )
}

/// Read the blocks with `read` on this thread and scan the running text on another.
/// The scans need the organ's body, which the blocks tell: they start with `guessed_body`, and
/// run again in the rare text where the blocks settle on another. `earlier` are the references
/// read in the previous version, when `read` reads the blocks again from that version's.
fn parse_in_two<'text>(
    text: &'text str,
    guessed_body: Body,
    earlier: Option<&ReadReferences>,
    read: impl FnOnce(Vec<Range<usize>>) -> Parser<'text> + Send,
    rescan: impl FnOnce(&[Range<usize>]) -> Option<InlineFinds> + Send,
) -> Draft<'text> {
    let comments = inline::scan_comments(text);
    let (parser, inline) = rayon::join(
        || read(comments.clone()),
        || {
            rescan(&comments)
                .unwrap_or_else(|| InlineFinds::scan_in_two(text, &comments, guessed_body))
        },
    );
    let inline = if parser.found.body == guessed_body {
        inline
    } else {
        InlineFinds::scan(text, &parser.comments, parser.found.body)
    };
    parser.finish(inline, earlier)
}

/// The blocks of a draft (organ line, masthead, sections, paragraphs, footnote texts), kept
/// after an analysis so that the next version of the text is read again only around its edit.
#[derive(Clone, Debug)]
pub struct Blocks {
    body: Body,
    organ_line: Option<Span>,
    masthead: Vec<Span>,
    sections: Vec<Section>,
    paragraphs: Vec<Paragraph>,
    footnote_texts: Vec<FootnoteText>,
    /// The index of the text's lines, kept with the blocks of an analysis.
    lines: Option<LineIndex>,
    /// The paragraph references, kept with the blocks of an analysis.
    references: ReadReferences,
    /// The finds of the running text, kept with the blocks of an analysis.
    inline: Option<KeptFinds>,
    /// The HTML comments, kept with the blocks of an analysis.
    comments: Option<Vec<Range<usize>>>,
}

/// The citations, footnote markers and symbols of an analysed draft, kept so that the next
/// version of its text is scanned again only around its edit (`rescan`).
#[derive(Clone, Debug, Default)]
struct KeptFinds {
    citations: Vec<Citation>,
    footnote_markers: Vec<FootnoteMarker>,
    symbols: Vec<SymbolRef>,
}

impl Draft<'_> {
    /// The draft's line index and blocks, the rest dropped.
    pub fn into_blocks(self) -> (LineIndex, Blocks) {
        let blocks = Blocks {
            body: self.body,
            organ_line: self.organ_line,
            masthead: self.masthead,
            sections: self.sections,
            paragraphs: self.paragraphs,
            footnote_texts: self.footnote_texts,
            lines: Some(self.lines.clone()),
            references: ReadReferences {
                references: self.references,
                paragraphs: self.referring_paragraphs,
            },
            inline: Some(KeptFinds {
                citations: self.citations,
                footnote_markers: self.footnote_markers,
                symbols: self.symbols,
            }),
            comments: Some(self.comments),
        };
        (self.lines, blocks)
    }
}

/// The blocks of `text`: paragraphs, sections, footnote texts.
fn read_structure(text: &str, comments: Vec<Range<usize>>) -> Parser<'_> {
    let lines = LineIndex::new(text);
    let paragraph_capacity = lines.line_count() / 2 + 1;
    let mut parser = Parser {
        text,
        lines,
        comments,
        part: Part::Masthead,
        found: Blocks {
            body: Body::Other,
            organ_line: None,
            masthead: Vec::new(),
            sections: vec![Section {
                kind: SectionKind::Main,
                heading: None,
            }],
            // Paragraphs are separated by blank lines, so there are at most about half as many
            // as lines; reserving that avoids copying the list as it grows.
            paragraphs: Vec::with_capacity(paragraph_capacity),
            footnote_texts: Vec::new(),
            lines: None,
            references: ReadReferences::default(),
            inline: None,
            comments: None,
        },
        open: Open::Nothing,
        parent: None,
        problems: Vec::new(),
        edited: None,
        title_labels: [None; 2],
    };
    parser.read_blocks();
    parser.settle_operative_part();
    parser
}

/// What the scans of the running text find, outside HTML comments; and the suppressions the
/// comments hold.
struct InlineFinds {
    footnote_markers: Vec<FootnoteMarker>,
    symbols: Vec<SymbolRef>,
    citations: Vec<Citation>,
    suppressions: Vec<Suppression>,
}

impl InlineFinds {
    fn scan(text: &str, comments: &[Range<usize>], body: Body) -> InlineFinds {
        let mut finds = InlineFinds::scan_all_but_citations(text, comments);
        finds.citations = InlineFinds::scan_citations(text, comments, body);
        finds
    }

    /// [`InlineFinds::scan`] as two jobs for rayon's pool: citations, and the rest.
    ///
    /// The citations, the longer job, run on the thread that starts the scans; the other job
    /// waits for the first free thread. After an edit, when the blocks are read again only
    /// around it, that is the thread that read them, and the two threads end about together.
    fn scan_in_two(text: &str, comments: &[Range<usize>], body: Body) -> InlineFinds {
        let (citations, mut finds) = rayon::join(
            || InlineFinds::scan_citations(text, comments, body),
            || InlineFinds::scan_all_but_citations(text, comments),
        );
        finds.citations = citations;
        finds
    }

    fn scan_all_but_citations(text: &str, comments: &[Range<usize>]) -> InlineFinds {
        // Drafts cite about one document per paragraph of about 180 bytes: reserve for that.
        let mut finds = InlineFinds {
            footnote_markers: Vec::new(),
            symbols: Vec::with_capacity(text.len() / 180 + 1),
            citations: Vec::new(),
            suppressions: Vec::new(),
        };
        finds.suppressions = suppressions(text, comments);
        for range in prose(text, comments) {
            inline::scan_footnote_markers(text, range.clone(), &mut finds.footnote_markers);
            symbols::scan(text, range, &mut finds.symbols);
        }
        finds
    }

    fn scan_citations(text: &str, comments: &[Range<usize>], body: Body) -> Vec<Citation> {
        // About one resolution or decision cited per paragraph of about 180 bytes.
        let mut citations = Vec::with_capacity(text.len() / 180 + 1);
        for range in prose(text, comments) {
            citations::scan(text, range, body, &mut citations);
        }
        citations
    }
}

/// The suppressions that `text`'s HTML comments hold.
fn suppressions(text: &str, comments: &[Range<usize>]) -> Vec<Suppression> {
    comments
        .iter()
        .filter_map(|comment| inline::suppression(text, comment.clone()))
        .collect()
}

/// The running text: the stretches of `text` between its HTML comments.
fn prose(text: &str, comments: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut cursor = 0;
    let mut prose = Vec::with_capacity(comments.len() + 1);
    for comment in comments {
        if comment.start > cursor {
            prose.push(cursor..comment.start);
        }
        cursor = comment.end;
    }
    if cursor < text.len() {
        prose.push(cursor..text.len());
    }
    prose
}

impl<'text> Parser<'text> {
    fn read_blocks(&mut self) {
        let organ_line = self.find_organ_line();
        let line_count = self.lines.line_count();
        let mut in_masthead = true;
        for line_number in 0..line_count {
            let range = self.lines.line_range(self.text, line_number);
            let line = self.classify(range.clone());
            if in_masthead {
                let ends_masthead = match organ_line {
                    Some(organ) => line_number >= organ,
                    None => {
                        matches!(line, Line::Numbered { .. } | Line::Organ { .. })
                            || matches!(line, Line::Text { content } if self.starts_with_italic(content))
                    }
                };
                if !ends_masthead {
                    if !matches!(line, Line::Blank) {
                        self.found.masthead.push(self.trimmed(range.clone()).into());
                    }
                    if let Line::FootnoteText { .. } = line {
                        self.add_line(line, range);
                    }
                    continue;
                }
                in_masthead = false;
                if organ_line.is_none() {
                    self.part = Part::Preamble;
                }
            }
            self.add_line(line, range);
        }
    }

    /// The first line that names the adopting organ, as the organ line.
    fn find_organ_line(&self) -> Option<usize> {
        (0..self.lines.line_count()).find(|line_number| {
            let range = self.lines.line_range(self.text, *line_number);
            organ_body(self.text[range].trim()).is_some()
        })
    }

    fn classify(&self, range: Range<usize>) -> Line {
        let raw = &self.text[range.clone()];
        let indented = whitespace::trim_start(raw);
        let indent = raw.len() - indented.len();
        let start = range.start + indent;
        let line = whitespace::trim_end(indented);
        if line.is_empty() || self.inside_comment(start, range.end) {
            return Line::Blank;
        }
        let first = line.as_bytes()[0];
        if matches!(first, b'-' | b'*' | b'_') && shapes::is_thematic_break(line) {
            return Line::Break;
        }
        if matches!(first, b'<' | b'[')
            && let Some((label, label_range, marker, syntax)) = inline::footnote_text_marker(raw)
        {
            return Line::FootnoteText {
                label,
                label_range: range.start + label_range.start..range.start + label_range.end,
                marker: range.start + marker.start..range.start + marker.end,
                syntax,
            };
        }
        if line.starts_with("\\*") || line.starts_with("* ") {
            return Line::TitleNote;
        }
        if first == b'#' && shapes::is_markdown_heading(line) {
            let words = strip_emphasis(line.trim_start_matches('#'));
            return Line::Heading {
                annex: shapes::is_annex_heading(words)
                    || words.starts_with("Annex ") && words.len() < 60
                    || titled_annex_heading(words),
            };
        }
        if let Some(body) = organ_body(line) {
            return Line::Organ { body };
        }
        let plain = strip_emphasis(line);
        let plain_first = plain.as_bytes().first().copied().unwrap_or(b' ');
        if plain_first == b'A' && (shapes::is_annex_heading(plain) || titled_annex_heading(plain)) {
            return Line::Heading { annex: true };
        }
        if plain_first.is_ascii_uppercase()
            && plain.len() <= 120
            && !plain.ends_with([',', ';', ':'])
            && shapes::is_keyword_heading(plain)
        {
            return Line::Heading { annex: false };
        }
        if spaced_roman_heading(plain) {
            return Line::Heading { annex: false };
        }
        if plain_first.is_ascii_uppercase()
            && plain.len() <= 160
            && looks_like_section_label(plain)
            && shapes::is_section_heading(plain)
            // A line that ends as a paragraph does is one, even when it starts like a lettered
            // heading (`*B. Noting* the report:`); had a colon not counted, the colon that
            // `paragraph-punctuation` puts before subparagraphs would make a heading of it.
            && !plain.ends_with([',', ';', ':'])
        {
            return Line::Heading { annex: false };
        }
        if matches!(first, b'0'..=b'9' | b'*' | b'_' | b'[')
            && let Some(found) = read_paragraph_number(&raw[indent..])
        {
            return Line::Numbered {
                number: ParagraphNumber {
                    value: found.value,
                    digits: Span::new(start + found.digits.start, start + found.digits.end),
                    suffix: found
                        .suffix
                        .map(|suffix| Span::new(start + suffix.start, start + suffix.end)),
                    range: Span::new(start, start + found.token_end),
                },
                content: start + found.content,
            };
        }
        if matches!(first, b'(' | b'*')
            && let Some((letters, label_end, content)) = read_parenthesized_label(&raw[indent..])
        {
            return Line::Labelled {
                letters: start + letters.start..start + letters.end,
                label: start..start + label_end,
                dotted: false,
                content: start + content,
            };
        }
        if first.is_ascii_lowercase()
            && let Some((letters, label_end)) = shapes::dotted_label(&raw[indent..])
        {
            return Line::Labelled {
                letters: start + letters.start..start + letters.end,
                label: start..start + letters.end + 1,
                dotted: true,
                content: start + label_end,
            };
        }
        Line::Text { content: start }
    }

    fn add_line(&mut self, line: Line, range: Range<usize>) {
        let trimmed = self.trimmed(range.clone());
        match line {
            Line::Blank | Line::Break => self.open = Open::Nothing,
            Line::Heading { annex } => {
                self.open = Open::Nothing;
                self.parent = None;
                if annex {
                    self.part = Part::Annex;
                    self.title_labels = [None; 2];
                }
                let kind = if annex || self.part == Part::Annex {
                    SectionKind::Annex
                } else {
                    SectionKind::Heading
                };
                self.found.sections.push(Section {
                    kind,
                    heading: Some(trimmed.into()),
                });
            }
            Line::Organ { body } => {
                self.open = Open::Nothing;
                self.parent = None;
                if self.found.organ_line.is_none() {
                    self.found.organ_line = Some(trimmed.into());
                    self.found.body = body;
                } else if self
                    .found
                    .paragraphs
                    .iter()
                    .any(|paragraph| paragraph.part != Part::Masthead)
                {
                    // A second resolution in the same file (69/96 A and B) starts afresh.
                    self.found.sections.push(Section {
                        kind: SectionKind::Heading,
                        heading: Some(trimmed.into()),
                    });
                }
                self.part = Part::Preamble;
            }
            Line::FootnoteText {
                label,
                label_range,
                marker,
                syntax,
            } => {
                let body_start = self.skip_spaces(marker.end).min(trimmed.end);
                self.found.footnote_texts.push(FootnoteText {
                    number: label.parse().ok(),
                    label,
                    syntax,
                    range: trimmed.clone().into(),
                    marker: marker.into(),
                    label_range: label_range.into(),
                    body: Span::new(body_start, trimmed.end),
                });
                self.open = Open::Footnote(self.found.footnote_texts.len() - 1);
            }
            Line::TitleNote => {
                self.open = Open::Nothing;
            }
            Line::Numbered { content, .. }
                if self.part == Part::Annex
                    && reads_as_heading(&self.text[content.min(trimmed.end)..trimmed.end])
                    && self.stands_alone(&range) =>
            {
                // `1. Strengthening international cooperation` heads a chapter of a programme
                // of action: a title, not a paragraph, with no part in the numbering around it.
                self.add_line(Line::Heading { annex: false }, range);
            }
            Line::Labelled {
                ref letters,
                ref label,
                dotted,
                content,
            } if self.part == Part::Annex
                && let Some(title) = self.lettered_title(
                    letters.clone(),
                    label.clone(),
                    dotted,
                    content,
                    &range,
                ) =>
            {
                // `(b) Variety of development experiences` likewise heads a chapter.
                self.title_labels[title.0] = Some(title.1);
                self.add_line(Line::Heading { annex: false }, range);
            }
            Line::Numbered { number, content } => {
                if matches!(self.part, Part::Preamble | Part::Closing | Part::Masthead) {
                    self.part = Part::Operative;
                }
                let index = self.push_paragraph(ParagraphKind::Operative, trimmed.clone(), content);
                self.found.paragraphs[index].number = Some(number);
                self.parent = Some(index);
                self.split_leading_label(index, content, trimmed.end);
            }
            Line::Labelled {
                letters,
                label,
                dotted,
                content,
            } => {
                let Some(label) = self.read_label(letters, label, dotted) else {
                    let start = trimmed.start;
                    self.add_text(trimmed, start);
                    return;
                };
                let end = trimmed.end;
                let index = self.push_paragraph(ParagraphKind::Subparagraph, trimmed, content);
                let depth = match label.style {
                    LabelStyle::ParenthesizedLetter => 1,
                    LabelStyle::ParenthesizedRoman => 2,
                    LabelStyle::DottedLetter => 3,
                    LabelStyle::DottedRoman => 4,
                };
                let paragraph = &mut self.found.paragraphs[index];
                paragraph.depth = depth;
                paragraph.label = Some(label);
                paragraph.parent = self.parent.map(saturating_u32);
                // A subparagraph's opener is recorded only when it is in italics (`(a)
                // *Decides* ...`): no rule judges subparagraph openers, and reading roman
                // words against the vocabulary on every subparagraph is costly.
                let content_text = &self.text[content.min(end)..end];
                paragraph.opener = italic_opener_at(content_text, content);
                self.split_leading_label(index, content, end);
            }
            Line::Text { content } => self.add_text(trimmed, content),
        }
    }

    /// `58. (a) Requests ...`, `(a) (i) The conversion ...`: a paragraph whose first
    /// subparagraph starts on its own line. The paragraph keeps its number or label, and the
    /// subparagraph is read from its label to the end of the line, so that the `(b)` below
    /// follows it.
    fn split_leading_label(&mut self, index: usize, content: usize, end: usize) {
        let Some(rest) = self.text.get(content..end) else {
            return;
        };
        if !rest.starts_with('(') {
            return;
        }
        let Some((letters, label_end, label_content)) = read_parenthesized_label(rest) else {
            return;
        };
        // Only a first label starts a list on the same line: `(a)` or `(i)`.
        if !matches!(&rest[letters.clone()], "a" | "i") {
            return;
        }
        let start = self.found.paragraphs[index].range.start();
        let head_end = start + whitespace::trim_end(&self.text[start..content]).len();
        let paragraph = &mut self.found.paragraphs[index];
        paragraph.range = Span::new(start, head_end);
        paragraph.content = Span::new(head_end, head_end);
        paragraph.opener = None;
        self.add_line(
            Line::Labelled {
                letters: content + letters.start..content + letters.end,
                label: content..content + label_end,
                dotted: false,
                content: content + label_content,
            },
            content..end,
        );
    }

    fn add_text(&mut self, trimmed: Range<usize>, content: usize) {
        let italic = self.starts_with_italic(content);
        // A wrapped line goes on the paragraph or footnote above it, unless it visibly opens
        // a paragraph of its own (an italic opener, or a standard opener after a line that
        // ended a paragraph).
        match self.open {
            Open::Paragraph(index) if !italic && !self.opens_paragraph(index, content) => {
                let paragraph = &mut self.found.paragraphs[index];
                paragraph.range = Span::new(paragraph.range.start(), trimmed.end);
                paragraph.content = Span::new(paragraph.content.start(), trimmed.end);
                return;
            }
            Open::Footnote(index) if !italic => {
                let footnote = &mut self.found.footnote_texts[index];
                footnote.range = Span::new(footnote.range.start(), trimmed.end);
                footnote.body = Span::new(footnote.body.start(), trimmed.end);
                return;
            }
            _ => {}
        }
        let line = &self.text[content..trimmed.end];
        if matches!(self.part, Part::Preamble | Part::Operative) && shapes::is_closing_line(line) {
            self.part = Part::Closing;
        }
        let starts_with_letter = line
            .trim_start_matches(['[', '*', '_', '“', '"'])
            .starts_with(|character: char| character.is_alphabetic());
        // Quoted text (an amendment's new wording, a quoted paragraph) is content of the
        // paragraph that quotes it: it neither opens a clause nor breaks the list it stands in.
        let quoted = line.starts_with(['“', '"', '‘', '«']);
        // Between operative paragraphs, a short line without final punctuation is a title
        // (`Global Programme of Action`, `*Monitoring* the implementation of the arms
        // embargo`), not a clause.
        if self.part == Part::Operative && !quoted && reads_as_title(line, italic) {
            self.add_line(Line::Heading { annex: false }, trimmed);
            return;
        }
        let kind = match self.part {
            _ if quoted => ParagraphKind::Text,
            Part::Preamble if starts_with_letter => ParagraphKind::Preambular,
            Part::Operative if italic => {
                let words = opener_at(line, content)
                    .and_then(|opener| self.text.get(opener.words.range()))
                    .unwrap_or("");
                match openers::form_of(words) {
                    Some(OpenerForm::Preambular) => ParagraphKind::Preambular,
                    _ => ParagraphKind::Operative,
                }
            }
            _ => ParagraphKind::Text,
        };
        // A preamble after operative paragraphs opens another part of the resolution (`A`,
        // `B`, or a section of a budget resolution) with an operative numbering of its own.
        if kind == ParagraphKind::Preambular && self.part == Part::Operative {
            let follows_operative = self
                .found
                .paragraphs
                .iter()
                .rev()
                .find(|paragraph| !is_stray_text(paragraph))
                .is_some_and(|paragraph| {
                    matches!(
                        paragraph.kind,
                        ParagraphKind::Operative | ParagraphKind::Subparagraph
                    )
                });
            if follows_operative {
                self.found.sections.push(Section {
                    kind: SectionKind::Heading,
                    heading: None,
                });
            }
        }
        let index = self.push_paragraph(kind, trimmed, content);
        // Subparagraphs attach to the paragraph above them, unless it is stray text or a
        // bullet point inside the list.
        if !is_stray_text(&self.found.paragraphs[index]) && !self.is_bullet(content) {
            self.parent = Some(index);
        }
    }

    /// Whether the text at `content` is a bullet point (`• 30 per cent of ...`): content of
    /// the list item above it, which neither ends the list nor opens one.
    fn is_bullet(&self, content: usize) -> bool {
        self.text
            .get(content..)
            .is_some_and(|rest| rest.starts_with(['•', '▪', '◦', '‣']))
    }

    fn opens_paragraph(&self, open: usize, content: usize) -> bool {
        let previous = &self.found.paragraphs[open];
        let ended = self.text[previous.range.range()]
            .trim_end()
            .ends_with([',', ';', ':', '.']);
        ended
            && matches!(self.part, Part::Preamble | Part::Operative)
            && openers::leading_opener_len(&self.text[content..]).is_some()
    }

    fn push_paragraph(
        &mut self,
        kind: ParagraphKind,
        range: Range<usize>,
        content: usize,
    ) -> usize {
        let content = content.min(range.end);
        let opener = match kind {
            ParagraphKind::Preambular | ParagraphKind::Operative => {
                opener_at(&self.text[content..range.end], content)
            }
            _ => None,
        };
        self.found.paragraphs.push(Paragraph {
            kind,
            part: self.part,
            range: Span::new(range.start, range.end),
            number: None,
            label: None,
            depth: 0,
            opener,
            content: Span::new(content, range.end),
            parent: None,
            section: saturating_u32(self.found.sections.len() - 1),
        });
        let index = self.found.paragraphs.len() - 1;
        self.open = Open::Paragraph(index);
        index
    }

    /// The labels of the subparagraphs written so far in the list still open, the latest first.
    fn labels_of_open_list(&self) -> impl Iterator<Item = &SubparagraphLabel> {
        self.found
            .paragraphs
            .iter()
            .rev()
            .take_while(|paragraph| {
                paragraph.kind == ParagraphKind::Subparagraph
                    || is_stray_text(paragraph)
                    || (paragraph.kind == ParagraphKind::Text
                        && self.is_bullet(paragraph.content.start()))
            })
            .filter_map(|paragraph| paragraph.label.as_ref())
    }

    /// Read a subparagraph label, telling `(i)` the letter (after `(h)`) from `(i)` the
    /// numeral by the label before it under the same paragraph.
    fn read_label(
        &self,
        letters: Range<usize>,
        label: Range<usize>,
        dotted: bool,
    ) -> Option<SubparagraphLabel> {
        let word = &self.text[letters.clone()];
        let previous = self.labels_of_open_list().next();
        let as_letter = letter_ordinal(word);
        let as_roman = roman_value(word);
        let (paren_letter, paren_roman) = if dotted {
            (LabelStyle::DottedLetter, LabelStyle::DottedRoman)
        } else {
            (
                LabelStyle::ParenthesizedLetter,
                LabelStyle::ParenthesizedRoman,
            )
        };
        if dotted {
            // `a.` and `i.` are third and fourth degree: only read them under a `(i)`-level
            // item, so that a wrapped line starting "e. g." stays text.
            let deep_enough = previous.is_some_and(|previous| {
                matches!(
                    previous.style,
                    LabelStyle::ParenthesizedRoman
                        | LabelStyle::DottedLetter
                        | LabelStyle::DottedRoman
                )
            });
            if !deep_enough {
                return None;
            }
        }
        let (style, ordinal) = match (as_letter, as_roman) {
            (Some(letter), Some(roman)) => {
                let follows_letter = previous.is_some_and(|previous| {
                    previous.style == paren_letter && previous.ordinal + 1 == letter
                });
                let follows_roman = previous.is_some_and(|previous| previous.style == paren_roman);
                // Back from a nested list: `(w)`, `(i)`, `(ii)`, then `(x)` is the letter after
                // `(w)`, not a tenth numeral, when it does not continue the numerals.
                let continues_roman = previous.is_some_and(|previous| {
                    previous.style == paren_roman && previous.ordinal + 1 == roman
                });
                let resumes_letters = follows_roman
                    && !continues_roman
                    && self
                        .labels_of_open_list()
                        .find(|label| label.style == paren_letter)
                        .is_some_and(|last_letter| last_letter.ordinal + 1 == letter);
                if resumes_letters || (follows_letter && !follows_roman) {
                    (paren_letter, letter)
                } else if follows_roman || word == "i" {
                    (paren_roman, roman)
                } else if word.len() == 1 {
                    (paren_letter, letter)
                } else {
                    (paren_roman, roman)
                }
            }
            (Some(letter), None) => (paren_letter, letter),
            (None, Some(roman)) => (paren_roman, roman),
            (None, None) => return None,
        };
        Some(SubparagraphLabel {
            style,
            ordinal,
            text: letters.into(),
            range: label.into(),
        })
    }

    /// An operative part of one unnumbered paragraph (DESIGN.md §1) reads at first as part of
    /// the preamble: when no paragraph is numbered, the first paragraph that opens with an
    /// operative verb, after which no italic preambular opener follows, is the operative part;
    /// what follows it is operative text.
    /// A lettered line of an annex that reads as a chapter title: which kind of label it has
    /// (letters 0, numerals 1) and its ordinal. The titles of one list are titles alike: `(a)`
    /// or `(i)` is one when it reads as a title and no list of items is open, a later label
    /// when the label before it was one and it ends without punctuation, however long (an
    /// agenda's items of varying length are then all items, and a chapter's titles all
    /// titles).
    fn lettered_title(
        &self,
        letters: Range<usize>,
        label: Range<usize>,
        dotted: bool,
        content: usize,
        range: &Range<usize>,
    ) -> Option<(usize, u32)> {
        let label = self.read_label(letters, label, dotted)?;
        let kind = match label.style {
            LabelStyle::ParenthesizedLetter => 0,
            LabelStyle::ParenthesizedRoman => 1,
            LabelStyle::DottedLetter | LabelStyle::DottedRoman => return None,
        };
        let end = whitespace::trim_end(&self.text[range.clone()]).len() + range.start;
        let text = &self.text[content.min(end)..end];
        let title = if label.ordinal == 1 {
            // Under a lettered item, `(i)` opens a list of items, not of titles.
            reads_as_heading(text) && self.labels_of_open_list().next().is_none()
        } else {
            self.title_labels[kind] == Some(label.ordinal - 1) && ends_unpunctuated(text)
        };
        (title && self.stands_alone(range)).then_some((kind, label.ordinal))
    }

    /// Whether the line ends where its block does: the next line is blank, or there is none.
    /// A numbered line whose text runs on into the next line is a wrapped paragraph, however
    /// short its first line.
    fn stands_alone(&self, line: &Range<usize>) -> bool {
        let next = self.lines.line_of(line.end) + 1;
        if next >= self.lines.line_count() {
            return true;
        }
        let next_range = self.lines.line_range(self.text, next);
        whitespace::trim(&self.text[next_range]).is_empty()
    }

    /// Where the operative part starts, once every line is read.
    fn settle_operative_part(&mut self) {
        self.settle_operative_chapeau();
        self.settle_lone_operative_paragraph();
    }

    /// `*Resolves* that:` before `1. The Working Capital Fund shall be ...`: an unnumbered
    /// operative verb that introduces the numbered provisions is the operative part's opening
    /// words, not a preambular paragraph.
    fn settle_operative_chapeau(&mut self) {
        let Some(first_numbered) = self.found.paragraphs.iter().position(|paragraph| {
            paragraph.kind == ParagraphKind::Operative && paragraph.number.is_some()
        }) else {
            return;
        };
        let Some(previous) = first_numbered.checked_sub(1) else {
            return;
        };
        let paragraph = &self.found.paragraphs[previous];
        let introduces = paragraph.kind == ParagraphKind::Preambular
            && paragraph.part == Part::Preamble
            && self.text[paragraph.range.range()].trim_end().ends_with(':');
        let operative_verb = paragraph
            .opener
            .as_ref()
            .and_then(|opener| openers::form_of(&self.text[opener.words.range()]))
            == Some(OpenerForm::Operative);
        if introduces && operative_verb {
            let paragraph = &mut self.found.paragraphs[previous];
            paragraph.part = Part::Operative;
            paragraph.kind = ParagraphKind::Text;
            paragraph.opener = None;
        }
    }

    fn settle_lone_operative_paragraph(&mut self) {
        let has_operative = self.found.paragraphs.iter().any(|paragraph| {
            paragraph.kind == ParagraphKind::Operative && paragraph.part != Part::Annex
        });
        if has_operative {
            return;
        }
        let form = |paragraph: &Paragraph| {
            paragraph
                .opener
                .as_ref()
                .and_then(|opener| openers::form_of(&self.text[opener.words.range()]))
        };
        let last_italic_preambular = self.found.paragraphs.iter().rposition(|paragraph| {
            paragraph.kind == ParagraphKind::Preambular
                && paragraph
                    .opener
                    .as_ref()
                    .is_some_and(|opener| opener.italic.is_some())
                && form(paragraph) == Some(OpenerForm::Preambular)
        });
        let Some(lone) = self
            .found
            .paragraphs
            .iter()
            .enumerate()
            .position(|(index, paragraph)| {
                paragraph.kind == ParagraphKind::Preambular
                    && last_italic_preambular.is_none_or(|last| index > last)
                    && form(paragraph) == Some(OpenerForm::Operative)
            })
        else {
            return;
        };
        for paragraph in &mut self.found.paragraphs[lone..] {
            if paragraph.part != Part::Preamble {
                continue;
            }
            paragraph.part = Part::Operative;
            if paragraph.kind == ParagraphKind::Preambular {
                paragraph.kind = ParagraphKind::Text;
                paragraph.opener = None;
            }
        }
        let paragraph = &mut self.found.paragraphs[lone];
        paragraph.kind = ParagraphKind::Operative;
        paragraph.opener = opener_at(
            &self.text[paragraph.content.range()],
            paragraph.content.start(),
        );
    }

    /// The draft, from the blocks read and the inline finds; `earlier` are the references read
    /// in the previous version of the text, when the blocks were read again from its.
    fn finish(self, inline: InlineFinds, earlier: Option<&ReadReferences>) -> Draft<'text> {
        let text = self.text;
        let InlineFinds {
            mut footnote_markers,
            symbols: symbols_found,
            citations: citations_found,
            suppressions,
        } = inline;
        // The marker that opens a footnote text is not a use of the footnote.
        let text_markers: rustc_hash::FxHashSet<usize> = self
            .found
            .footnote_texts
            .iter()
            .map(|footnote| footnote.marker.start())
            .collect();
        footnote_markers.retain(|marker| !text_markers.contains(&marker.range.start()));
        let references = self.read_references(earlier);
        Draft {
            text,
            lines: self.lines,
            body: self.found.body,
            organ_line: self.found.organ_line,
            masthead: self.found.masthead,
            sections: self.found.sections,
            paragraphs: self.found.paragraphs,
            footnote_markers,
            footnote_texts: self.found.footnote_texts,
            symbols: symbols_found,
            citations: citations_found,
            references: references.references,
            referring_paragraphs: references.paragraphs,
            comments: self.comments,
            suppressions,
            problems: self.problems,
            opener_readings: Default::default(),
        }
    }

    /// The paragraph references, read in the paragraphs that hold the keyword. When the text
    /// is a new version of another, a paragraph that lies wholly before or after the edit and
    /// was read in that version keeps its references: they depend on nothing but the
    /// paragraph's content.
    fn read_references(&self, earlier: Option<&ReadReferences>) -> ReadReferences {
        let text = self.text;
        let mut read = ReadReferences::default();
        // Most paragraphs name no paragraph: find the keyword once in the whole text, and
        // read references only in the paragraphs that hold it.
        let keywords = references::keyword_positions(text);
        let mut next_keyword = 0;
        // Where the walk through the earlier version's paragraphs is: the paragraph, and the
        // index of its first reference.
        let (mut earlier_paragraph, mut earlier_reference) = (0, 0);
        // Only blocks read again from the earlier version's keep its references.
        let edited_from = self.edited.as_ref().zip(earlier);
        for paragraph in &self.found.paragraphs {
            let content = paragraph.content;
            while keywords
                .get(next_keyword)
                .is_some_and(|&position| position < content.start())
            {
                next_keyword += 1;
            }
            let holds_keyword = keywords
                .get(next_keyword)
                .is_some_and(|&position| position < content.end());
            if !holds_keyword || paragraph.kind == ParagraphKind::Text {
                continue;
            }
            let first = read.references.len();
            let kept = edited_from.and_then(|(edited, earlier)| {
                let shift = if content.end() <= edited.start {
                    0
                } else if content.start() >= edited.new_end {
                    edited.shift
                } else {
                    return None;
                };
                let earlier_content = content.shifted(-shift);
                let paragraphs = &earlier.paragraphs;
                while let Some(&(earlier_span, count)) = paragraphs.get(earlier_paragraph)
                    && earlier_span.start() < earlier_content.start()
                {
                    earlier_paragraph += 1;
                    earlier_reference += count;
                }
                let &(earlier_span, count) = paragraphs.get(earlier_paragraph)?;
                if earlier_span != earlier_content {
                    return None;
                }
                let found = earlier
                    .references
                    .get(earlier_reference..earlier_reference + count)?;
                Some(found.iter().map(move |reference| reference.shifted(shift)))
            });
            match kept {
                Some(kept) => read.references.extend(kept),
                None => references::scan(text, content.range(), &mut read.references),
            }
            read.paragraphs
                .push((content, read.references.len() - first));
        }
        read
    }

    fn trimmed(&self, range: Range<usize>) -> Range<usize> {
        let raw = &self.text[range.clone()];
        let start = range.start + (raw.len() - whitespace::trim_start(raw).len());
        let end = range.start + whitespace::trim_end(raw).len();
        start..end.max(start)
    }

    fn skip_spaces(&self, from: usize) -> usize {
        let rest = self.text.get(from..).unwrap_or("");
        from + (rest.len() - rest.trim_start_matches([' ', '\t']).len())
    }

    fn starts_with_italic(&self, content: usize) -> bool {
        let rest = self.text.get(content..).unwrap_or("");
        let rest = rest.strip_prefix('[').unwrap_or(rest);
        inline::leading_italic(rest).is_some()
    }

    fn inside_comment(&self, start: usize, end: usize) -> bool {
        // Comments are in order and do not overlap: only the last one starting at or before
        // `start` can hold the line.
        let after = self
            .comments
            .partition_point(|comment| comment.start <= start);
        after > 0 && self.comments[after - 1].end >= end
    }
}

/// Text in the resolution proper that is no paragraph of it (a page-break leftover, a
/// quotation): it interrupts no list, and subparagraphs after it belong to the paragraph above.
fn is_stray_text(paragraph: &Paragraph) -> bool {
    paragraph.kind == ParagraphKind::Text
        && matches!(paragraph.part, Part::Preamble | Part::Operative)
}

/// The opener at the start of a paragraph's content: its italic span, or failing that the
/// standard opener (or first word) it starts with.
fn opener_at(content: &str, offset: usize) -> Option<Opener> {
    if let Some(opener) = italic_opener_at(content, offset) {
        return Some(opener);
    }
    let bracket = usize::from(content.starts_with('['));
    let rest = &content[bracket..];
    let length = openers::leading_opener_len(rest).or_else(|| {
        let first_word = rest
            .split(|character: char| !character.is_alphabetic() && character != '-')
            .next()
            .unwrap_or("");
        (first_word.len() > 1 && first_word.starts_with(char::is_uppercase))
            .then_some(first_word.len())
    })?;
    let base = offset + bracket;
    Some(Opener {
        italic: None,
        words: Span::new(base, base + length),
    })
}

/// The italic span a paragraph's content opens with (after an optional `[`), as an opener.
fn italic_opener_at(content: &str, offset: usize) -> Option<Opener> {
    let bracket = usize::from(content.starts_with('['));
    let rest = &content[bracket..];
    let (span, words) = inline::leading_italic(rest)?;
    let base = offset + bracket;
    let inner = &rest[words.clone()];
    // Trim the spaces inside the markers; an all-space span (`*\u{a0}*`) gives no words.
    let leading = inner.len() - whitespace::trim_start(inner).len();
    let length = whitespace::trim(inner).len();
    let start = base + words.start + leading;
    Some(Opener {
        italic: Some(Span::new(base + span.start, base + span.end)),
        words: Span::new(start, start + length),
    })
}

/// A paragraph number at the start of a line, read by hand (this runs on every line).
struct NumberToken {
    value: u32,
    digits: Range<usize>,
    suffix: Option<Range<usize>>,
    /// The end of the number with its full stop and markup.
    token_end: usize,
    /// Where the paragraph's text starts.
    content: usize,
}

const LATIN_SUFFIXES: [&str; 9] = [
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "decies",
];

/// `5.`, `**5.**`, `5\\.`, `[5.`, `5 bis.`, or `5` and a tab (a conversion that lost the full
/// stop), followed by a space, a tab or the end of the line.
/// Zero-width and direction marks, which a document converted from Word or PDF can carry
/// after a paragraph number: left-to-right and right-to-left marks, zero-width space, word
/// joiner.
const INVISIBLE_MARKS: [&str; 4] = ["\u{200E}", "\u{200F}", "\u{200B}", "\u{2060}"];

/// A number this large alone on a line is a year that a wrapped sentence ends with, not a
/// paragraph number: no resolution or annex runs to a thousand paragraphs.
const FIRST_YEAR_READ_AS_TEXT: u32 = 1000;

fn read_paragraph_number(line: &str) -> Option<NumberToken> {
    let bytes = line.as_bytes();
    let mut index = 0;
    if line.starts_with("**") || line.starts_with("__") {
        index = 2;
    }
    if bytes.get(index) == Some(&b'[') {
        index += 1;
    }
    let digits_start = index;
    while index < bytes.len() && bytes[index].is_ascii_digit() && index - digits_start < 6 {
        index += 1;
    }
    if index == digits_start || bytes.get(index).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let digits = digits_start..index;
    let value = line[digits.clone()].parse().ok()?;
    let mut suffix = None;
    let mut after_suffix = index;
    while matches!(bytes.get(after_suffix), Some(b' ' | b'\t')) {
        after_suffix += 1;
    }
    if let Some(found) = LATIN_SUFFIXES
        .iter()
        .find(|candidate| line[after_suffix..].starts_with(**candidate))
    {
        suffix = Some(after_suffix..after_suffix + found.len());
        index = after_suffix + found.len();
    }
    // Spaces and tabs, and the invisible marks that converters leave beside them (a
    // left-to-right mark after `6.`).
    let spaces_after = |from: usize| {
        let mut end = from;
        loop {
            match bytes.get(end) {
                Some(b' ' | b'\t') => end += 1,
                Some(0xE2)
                    if INVISIBLE_MARKS
                        .iter()
                        .any(|mark| line[end..].starts_with(mark)) =>
                {
                    end += 3;
                }
                _ => return end,
            }
        }
    };
    if bytes.get(index) == Some(&b'\\') && bytes.get(index + 1) == Some(&b'.') {
        index += 1;
    }
    if bytes.get(index) == Some(&b'.') {
        index += 1;
        if line[index..].starts_with("**") || line[index..].starts_with("__") {
            index += 2;
        }
        let content = spaces_after(index);
        if content == index && content < bytes.len() {
            return None;
        }
        // `1986.` or `2028.` alone on a line ends a sentence wrapped before its year.
        if content >= bytes.len() && value >= FIRST_YEAR_READ_AS_TEXT {
            return None;
        }
        return Some(NumberToken {
            value,
            digits,
            suffix,
            token_end: index,
            content,
        });
    }
    let without_stop = |content: usize| NumberToken {
        value,
        digits: digits.clone(),
        suffix: suffix.clone(),
        token_end: index,
        content,
    };
    if bytes.get(index) == Some(&b'\t') {
        return Some(without_stop(spaces_after(index)));
    }
    // `10 Calls for ...`: a number that lost its full stop in conversion, before a standard
    // opener (so a date or a count that starts a line is not read as one).
    if suffix.is_none() && bytes.get(index) == Some(&b' ') {
        let content = spaces_after(index);
        if openers::leading_opener_len(&line[content..]).is_some() {
            return Some(without_stop(content));
        }
    }
    None
}

/// `(a)`, `**(b)**`, `(iv)` followed by a space, a tab or the end of the line: the letters, the
/// end of the label and where the text starts.
fn read_parenthesized_label(line: &str) -> Option<(Range<usize>, usize, usize)> {
    let bytes = line.as_bytes();
    let mut index = usize::from(line.starts_with("**")) * 2;
    if bytes.get(index) != Some(&b'(') {
        return None;
    }
    index += 1;
    let letters_start = index;
    while index < bytes.len() && bytes[index].is_ascii_lowercase() && index - letters_start < 4 {
        index += 1;
    }
    if index == letters_start || bytes.get(index) != Some(&b')') {
        return None;
    }
    let letters = letters_start..index;
    index += 1;
    if line[index..].starts_with("**") {
        index += 2;
    }
    let label_end = index;
    let mut content = index;
    while matches!(bytes.get(content), Some(b' ' | b'\t')) {
        content += 1;
    }
    if content == index && content < bytes.len() {
        return None;
    }
    Some((letters, label_end, content))
}

/// Whether the first word of a line could be a section label (`II`, `A.`, `IV.`): a single
/// capital or capitals that read as a Roman numeral.
/// Whether an unnumbered line between operative paragraphs reads as a title: a few words that
/// start with a capital letter and end without punctuation, and, in roman type, do not open
/// with a standard opener (that would be a paragraph that lost its number).
fn reads_as_title(line: &str, italic: bool) -> bool {
    /// The most words an unnumbered title between operative paragraphs runs to.
    const MAX_TITLE_WORDS: usize = 10;
    let plain = strip_emphasis(strip_trailing_markup(line));
    ends_unpunctuated(line)
        && words_of(plain) <= MAX_TITLE_WORDS
        && (italic || openers::leading_opener_len(plain).is_none())
}

/// Whether a title-like text starts with a capital letter and ends without the punctuation of
/// a paragraph or list item; a semicolon anywhere marks a list item that runs on into the
/// next (`(b) Promote cooperation; and`).
fn ends_unpunctuated(content: &str) -> bool {
    let plain = strip_emphasis(strip_trailing_markup(content));
    plain.starts_with(|character: char| character.is_uppercase())
        && !plain.ends_with(['.', ',', ';', ':', '!', '?'])
        && !plain.contains(';')
}

/// The words of a line, not counting emphasis markers that stand alone (`*Monitoring* the`).
fn words_of(text: &str) -> usize {
    text.split_whitespace()
        .filter(|word| !word.chars().all(|character| matches!(character, '*' | '_')))
        .count()
}

/// Whether the text after a number or label reads as a title rather than a paragraph: a short
/// line that starts with a capital letter and ends without the punctuation that ends a
/// paragraph or a list item.
fn reads_as_heading(content: &str) -> bool {
    /// The most words a numbered or lettered title runs to.
    const MAX_TITLE_WORDS: usize = 20;
    ends_unpunctuated(content) && words_of(strip_trailing_markup(content)) <= MAX_TITLE_WORDS
}

/// `Annex Modalities for the High-level International Conference`: an annex heading with its
/// title run into the same line, as PDF converters write it. A sentence that starts with the
/// word ends with punctuation; the title does not.
fn titled_annex_heading(line: &str) -> bool {
    /// The longest annex title seen in adopted texts runs to some 200 characters.
    const MAX_TITLE_BYTES: usize = 300;
    line.strip_prefix("Annex ").is_some_and(|title| {
        title.starts_with(|character: char| character.is_ascii_uppercase())
            && !title.starts_with("I ")
            && line.len() <= MAX_TITLE_BYTES
            && !line.ends_with(['.', ',', ';', ':'])
    })
}

/// `VII Progress on the renovation of the North Building`: a section of an omnibus or budget
/// resolution, its Roman numeral followed by one space and the title, as PDF converters
/// write `VII.` and a tab. No sentence of a resolution starts with a Roman numeral and a
/// capitalized word. Such titles can be long, but they end without punctuation.
fn spaced_roman_heading(line: &str) -> bool {
    /// The longest section title of the budget resolutions runs to some 230 characters.
    const MAX_TITLE_BYTES: usize = 320;
    let numeral = line
        .bytes()
        .take_while(|byte| b"IVXLC".contains(byte))
        .count();
    (1..=7).contains(&numeral)
        && line.len() <= MAX_TITLE_BYTES
        && line.as_bytes().get(numeral) == Some(&b' ')
        && line
            .as_bytes()
            .get(numeral + 1)
            .is_some_and(u8::is_ascii_uppercase)
        && !line.ends_with([',', ';', ':', '.'])
}

fn looks_like_section_label(line: &str) -> bool {
    let word = line
        .split(|character: char| character == '.' || character.is_whitespace())
        .next()
        .unwrap_or("");
    word.len() == 1
        || (!word.is_empty()
            && word.len() <= 7
            && word.bytes().all(|byte| b"IVXLC".contains(&byte)))
}

/// Whether `text` has an organ line (and so reads as a draft), without parsing the rest.
pub fn has_organ_line(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim();
        line.trim_start_matches(['*', '_']).starts_with("The") && organ_body(line).is_some()
    })
}

/// The body an organ line names, if `line` is one.
fn organ_body(line: &str) -> Option<Body> {
    if line.len() > 140 {
        return None;
    }
    let unmarked = line.trim_start_matches(['*', '_']);
    if !unmarked.starts_with("The") {
        return None;
    }
    let (name, has_comma) = shapes::organ_line(line)?;
    let name = line[name].trim();
    if name.chars().count() > 101 {
        return None;
    }
    let italic = line.starts_with(['*', '_']);
    let body = match name {
        "General Assembly" => Body::GeneralAssembly,
        "Human Rights Council" => Body::HumanRightsCouncil,
        "Security Council" => Body::SecurityCouncil,
        "Economic and Social Council" => Body::EconomicAndSocialCouncil,
        _ => Body::Other,
    };
    // An organ line of another body (a commission, a conference) must look like one: in
    // italics and ending with a comma.
    if body == Body::Other && !(italic && has_comma) {
        return None;
    }
    if body == Body::Other && name.split_whitespace().count() > 12 {
        return None;
    }
    Some(body)
}

/// `**Annex**` → `Annex`.
fn strip_emphasis(line: &str) -> &str {
    whitespace::trim(whitespace::trim(line).trim_matches(['*', '_']))
}

/// The text without trailing footnote markers, closing quotes, brackets and markup, so that
/// its last character is the paragraph's own punctuation.
pub fn strip_trailing_markup(text: &str) -> &str {
    let mut rest = whitespace::trim_end(text);
    loop {
        let before = rest.len();
        if rest.ends_with("</sup>")
            && let Some(open) = rest.rfind("<sup>")
        {
            rest = whitespace::trim_end(&rest[..open]);
        }
        if rest.ends_with(']') {
            match rest.rfind("[^") {
                Some(open) if !rest[open..].contains(' ') => {
                    rest = whitespace::trim_end(&rest[..open])
                }
                // The closing bracket of text still under negotiation.
                _ => rest = whitespace::trim_end(&rest[..rest.len() - 1]),
            }
        }
        if rest.ends_with("-->")
            && let Some(open) = rest.rfind("<!--")
        {
            rest = whitespace::trim_end(&rest[..open]);
        }
        rest = whitespace::trim_end(rest.trim_end_matches(['*', '_', '”', '’', '"', '\'', '»']));
        rest = strip_plain_footnote_number(rest);
        if rest.len() == before {
            return rest;
        }
    }
}

/// Footnote numbers that lost their superscript in conversion (`2030 Agenda;11`,
/// `the Secretary-General; 1/`) stand after the paragraph's punctuation: drop them.
fn strip_plain_footnote_number(text: &str) -> &str {
    let without_slash = text.strip_suffix('/').unwrap_or(text);
    let digits = without_slash.len()
        - without_slash
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits == 0 || digits > 3 {
        return text;
    }
    let before = without_slash[..without_slash.len() - digits].trim_end();
    if before.ends_with([',', ';', '.', ':']) {
        before
    } else {
        text
    }
}

/// `a` → 1, `z` → 26, `aa` → 27, `bb` → 28: letters as UN lists use them.
fn letter_ordinal(word: &str) -> Option<u32> {
    let mut characters = word.chars();
    let first = characters.next()?;
    if !first.is_ascii_lowercase() || !characters.all(|character| character == first) {
        return None;
    }
    let position = u32::from(first as u8 - b'a') + 1;
    Some(position + 26 * (word.len() as u32 - 1))
}

/// `i` → 1, `iv` → 4, `xii` → 12; `None` for anything that is not a well-formed numeral
/// written with `i`, `v` and `x` (lists never run to fifty items, so `(l)` and `(c)` are letters).
fn roman_value(word: &str) -> Option<u32> {
    let digit = |character: char| match character {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        _ => None,
    };
    let values: Vec<u32> = word.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (index, value) in values.iter().enumerate() {
        let next = values.get(index + 1).copied().unwrap_or(0);
        if *value < next {
            total -= i64::from(*value);
        } else {
            total += i64::from(*value);
        }
    }
    let total = u32::try_from(total).ok()?;
    // Only numerals written the standard way (so `ic` or `iiii` are not numerals).
    (total > 0 && to_roman(total) == word).then_some(total)
}

pub fn to_roman(mut value: u32) -> String {
    const NUMERALS: [(u32, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut numeral = String::new();
    for (size, letters) in NUMERALS {
        while value >= size {
            numeral.push_str(letters);
            value -= size;
        }
    }
    numeral
}

/// The label text for an ordinal in a style: 1 → `a`, 27 → `aa`, 4 → `iv`.
pub fn label_text(style: LabelStyle, ordinal: u32) -> String {
    match style {
        LabelStyle::ParenthesizedLetter | LabelStyle::DottedLetter => {
            let ordinal = ordinal.max(1);
            let letter = char::from(b'a' + ((ordinal - 1) % 26) as u8);
            std::iter::repeat_n(letter, ((ordinal - 1) / 26 + 1) as usize).collect()
        }
        LabelStyle::ParenthesizedRoman | LabelStyle::DottedRoman => to_roman(ordinal.max(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italics_holding_only_spaces_give_no_opener_words() {
        // Found by the `edits` fuzz target: `*` + a no-break space + `*` in the operative part.
        for text in [
            "1. *A*;\n\n*\u{a0}*\n",
            "3\t*\u{2003}*(f~",
            "*The General Assembly,*\n\n1. x;\n*\u{a0}\t*",
        ] {
            let draft = parse(text);
            for paragraph in &draft.paragraphs {
                if let Some(opener) = &paragraph.opener {
                    assert!(opener.words.start() <= opener.words.end(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn letters_and_numerals() {
        assert_eq!(letter_ordinal("a"), Some(1));
        assert_eq!(letter_ordinal("bb"), Some(28));
        assert_eq!(letter_ordinal("ab"), None);
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(label_text(LabelStyle::ParenthesizedLetter, 28), "bb");
        assert_eq!(label_text(LabelStyle::ParenthesizedRoman, 9), "ix");
    }

    #[test]
    fn organ_lines() {
        assert_eq!(
            organ_body("*The Human Rights Council,*"),
            Some(Body::HumanRightsCouncil)
        );
        assert_eq!(
            organ_body("The General Assembly,"),
            Some(Body::GeneralAssembly)
        );
        assert_eq!(
            organ_body("*The Commission on the Status of Women,*"),
            Some(Body::Other)
        );
        assert_eq!(organ_body("*The Commission is encouraged:*"), None);
        assert_eq!(organ_body("The General Assembly decides"), None);
    }

    #[test]
    fn two_threads_read_citations_with_the_body_the_blocks_settle_on() {
        // The first line naming an organ is commented out: the scans start with the Assembly
        // and must read the citation as the Council's, as the one-thread parse does.
        let text = "<!--\n*The General Assembly,*\n-->\n\n*The Human Rights Council,*\n\n*Recalling* resolution 40/2 of 22 March 2019,\n";
        let one = parse(text);
        assert_eq!(one.body, Body::HumanRightsCouncil);
        let with_the_guess =
            InlineFinds::scan(text, &inline::scan_comments(text), Body::GeneralAssembly);
        assert_ne!(
            with_the_guess.citations, one.citations,
            "the body makes no difference here"
        );
        let two = parse_on_two_threads(text);
        assert_eq!(two.body, one.body);
        assert_eq!(two.citations, one.citations);
    }

    #[test]
    fn trailing_markup_is_stripped() {
        assert_eq!(strip_trailing_markup("Review,<sup>1</sup>"), "Review,");
        assert_eq!(
            strip_trailing_markup("entitled “The future”."),
            "entitled “The future”."
        );
        assert_eq!(strip_trailing_markup("Agenda\",[^2] "), "Agenda\",");
    }
}
