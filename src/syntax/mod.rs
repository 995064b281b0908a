//! Text to draft model. Total: any input gives a [`Draft`] plus parse problems, never a panic.
//!
//! Every position in the model is a byte range into the text that was parsed, held as a 32-bit
//! [`Span`].

mod blocks;
pub mod citations;
mod inline;
mod line_index;
pub mod numbering;
mod prefetch;
pub mod references;
mod span;
pub mod symbols;
pub(crate) mod whitespace;

use std::ops::Range;
use std::sync::OnceLock;

use crate::vocab::openers::Reading;

pub use blocks::{Blocks, has_organ_line, label_text, strip_trailing_markup, to_roman};
pub use citations::{Citation, CitedBody};
pub use line_index::{ColumnUnit, LineCol, LineIndex, floor_char_boundary};
pub use references::{ParagraphReference, ReferenceDirection};
pub use span::Span;
pub use symbols::SymbolRef;

/// The organ that adopts the resolution, as named by the organ line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Body {
    GeneralAssembly,
    HumanRightsCouncil,
    SecurityCouncil,
    EconomicAndSocialCouncil,
    /// A committee, commission or conference, or no organ line at all.
    #[default]
    Other,
}

impl Body {
    pub fn name(self) -> &'static str {
        match self {
            Body::GeneralAssembly => "General Assembly",
            Body::HumanRightsCouncil => "Human Rights Council",
            Body::SecurityCouncil => "Security Council",
            Body::EconomicAndSocialCouncil => "Economic and Social Council",
            Body::Other => "other body",
        }
    }
}

/// Where in the resolution a block stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// Lines before the organ line: symbol, session, agenda item, title.
    Masthead,
    Preamble,
    Operative,
    /// After the operative part: meeting line, date, "[Adopted without a vote.]".
    Closing,
    /// An annex (declaration, programme of action): not held to the opener rules.
    Annex,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParagraphKind {
    Preambular,
    Operative,
    Subparagraph,
    /// Any other running text: masthead lines, closing lines, annex text.
    Text,
}

/// `5.`, `**5.**`, `5\.`, `5 bis.`: the number that opens an operative paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParagraphNumber {
    pub value: u32,
    /// The digits alone.
    pub digits: Span,
    /// `bis`, `ter`, `quater`, ... in texts under negotiation.
    pub suffix: Option<Span>,
    /// The whole token, with markup and the full stop.
    pub range: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelStyle {
    /// `(a)`: first degree.
    ParenthesizedLetter,
    /// `(i)`: second degree.
    ParenthesizedRoman,
    /// `a.`: third degree.
    DottedLetter,
    /// `i.`: fourth degree.
    DottedRoman,
}

/// `(a)`, `(ii)`, `c.`: the label that opens a subparagraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubparagraphLabel {
    pub style: LabelStyle,
    /// 1 for `(a)` or `(i)`, 27 for `(aa)`.
    pub ordinal: u32,
    /// The letters or numerals alone.
    pub text: Span,
    /// The whole label with its parentheses or full stop.
    pub range: Span,
}

/// The words that open a paragraph: `*Recalling also*`, `_Requests_`, or bare `Requests`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opener {
    /// The italic span with its markers, when the opener is in italics.
    pub italic: Option<Span>,
    /// The words inside the markers (or the first words of the paragraph when not italic).
    pub words: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub part: Part,
    /// From the first character of the first line to the end of the last line, without the
    /// line break.
    pub range: Span,
    pub number: Option<ParagraphNumber>,
    pub label: Option<SubparagraphLabel>,
    /// Depth of a subparagraph: 1 for `(a)`, 2 for `(i)`, 3 for `a.`, 4 for `i.`.
    pub depth: u8,
    pub opener: Option<Opener>,
    /// The paragraph's text after its number or label.
    pub content: Span,
    /// For a subparagraph: the paragraph (operative or preambular) it belongs to, as an index
    /// into [`Draft::paragraphs`]. Read it with [`Paragraph::parent`].
    pub(in crate::syntax) parent: Option<u32>,
    /// The section the paragraph stands in, as an index into [`Draft::sections`]. Read it with
    /// [`Paragraph::section`].
    pub(in crate::syntax) section: u32,
}

impl Paragraph {
    /// For a subparagraph: the index into [`Draft::paragraphs`] of the paragraph it belongs to.
    pub fn parent(&self) -> Option<usize> {
        self.parent.map(|parent| parent as usize)
    }

    /// The index into [`Draft::sections`] of the section the paragraph stands in.
    pub fn section(&self) -> usize {
        self.section as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// Everything before the first heading of the body.
    Main,
    /// `I`, `II.`, `A`, `### Travel ban`: numbering may restart at 1 or go on.
    Heading,
    /// `Annex`, `Annex II`: text outside the resolution proper.
    Annex,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading line, if the section has one.
    pub heading: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FootnoteSyntax {
    /// `<sup>1</sup>`, from converted documents.
    Superscript,
    /// `[^1]`, Markdown.
    Caret,
}

/// A footnote marker in running text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteMarker {
    pub label: String,
    /// The label read as a number, when it is one.
    pub number: Option<u32>,
    pub syntax: FootnoteSyntax,
    pub range: Span,
    /// The label alone, inside the markup.
    pub label_range: Span,
}

impl FootnoteMarker {
    /// The same marker, `shift` bytes further on.
    pub fn shifted(&self, shift: isize) -> FootnoteMarker {
        FootnoteMarker {
            range: self.range.shifted(shift),
            label_range: self.label_range.shifted(shift),
            ..self.clone()
        }
    }
}

/// A footnote text: a line that starts with a marker (`<sup>1</sup> A/HRC/23/61.`,
/// `[^1]: A/HRC/23/61.`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteText {
    pub label: String,
    pub number: Option<u32>,
    pub syntax: FootnoteSyntax,
    /// The whole footnote, marker included, to the end of its last line.
    pub range: Span,
    /// The marker that opens it.
    pub marker: Span,
    pub label_range: Span,
    /// The text after the marker.
    pub body: Span,
}

/// An inline comment that silences codes (DESIGN.md §3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// Empty means every code.
    pub codes: Vec<String>,
    /// The whole comment.
    pub range: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SuppressionKind {
    DisableNextLine,
    DisableLine,
    Disable,
    Enable,
}

/// Something the parser found odd but read past.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProblem {
    pub range: Span,
    pub message: String,
}

/// The draft model of DESIGN.md §1.
#[derive(Clone, Debug)]
pub struct Draft<'text> {
    pub text: &'text str,
    pub lines: LineIndex,
    pub body: Body,
    /// `*The Human Rights Council,*`.
    pub organ_line: Option<Span>,
    /// Lines before the organ line, one range per non-blank line.
    pub masthead: Vec<Span>,
    pub sections: Vec<Section>,
    /// Preambular, operative, subparagraphs and other text, in document order.
    pub paragraphs: Vec<Paragraph>,
    pub footnote_markers: Vec<FootnoteMarker>,
    pub footnote_texts: Vec<FootnoteText>,
    pub symbols: Vec<SymbolRef>,
    pub citations: Vec<Citation>,
    pub references: Vec<ParagraphReference>,
    /// The paragraphs the references were read in, with how many each holds, in order.
    pub(crate) referring_paragraphs: Vec<(Span, usize)>,
    /// The HTML comments, kept for the next version's reading (`Draft::into_blocks`).
    pub(crate) comments: Vec<std::ops::Range<usize>>,
    pub suppressions: Vec<Suppression>,
    pub problems: Vec<ParseProblem>,
    /// The openers read word by word, once, for the rules that judge them.
    pub(crate) opener_readings: OpenerReadings<'text>,
}

/// Something that names a byte range of the text: a [`Span`] of the model or a `Range<usize>`
/// of a diagnostic or fix, so that [`Draft::slice`] takes either.
pub trait ByteRange {
    /// The bytes named, as a standard range.
    fn byte_range(&self) -> Range<usize>;
}

impl ByteRange for Span {
    fn byte_range(&self) -> Range<usize> {
        self.range()
    }
}

impl ByteRange for Range<usize> {
    fn byte_range(&self) -> Range<usize> {
        self.clone()
    }
}

impl<T: ByteRange + ?Sized> ByteRange for &T {
    fn byte_range(&self) -> Range<usize> {
        (**self).byte_range()
    }
}

/// The paragraphs' openers as the vocabulary reads them, computed on first use.
#[derive(Clone, Default)]
pub(crate) struct OpenerReadings<'text>(OnceLock<ReadingTable<'text>>);

/// The readings of the paragraphs that have one, and for every paragraph the index of its
/// reading (`NO_READING` when it has none): most paragraphs of a long draft are subparagraphs
/// and text, so this is smaller than a reading slot per paragraph.
#[derive(Clone, Default)]
pub(crate) struct ReadingTable<'text> {
    slots: Vec<u32>,
    readings: Vec<Reading<'text>>,
}

const NO_READING: u32 = u32::MAX;

impl std::fmt::Debug for OpenerReadings<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.get() {
            Some(table) => write!(f, "{} opener readings", table.readings.len()),
            None => f.write_str("opener readings not computed"),
        }
    }
}

impl<'text> Draft<'text> {
    /// The text of a span or range of the draft; empty when it is out of bounds or not on
    /// character boundaries.
    pub fn slice(&self, range: impl ByteRange) -> &'text str {
        self.text.get(range.byte_range()).unwrap_or("")
    }

    /// Ask the processor for the text at `offset` ahead of a read: a pass over the paragraphs
    /// calls it for the paragraph [`Draft::PARAGRAPHS_AHEAD`] places on (see `prefetch`).
    fn prefetch(&self, offset: usize) {
        prefetch::prefetch(self.text, offset);
    }

    /// How many paragraphs ahead a pass asks for the text it will read.
    const PARAGRAPHS_AHEAD: usize = prefetch::PARAGRAPHS_AHEAD;

    /// The items of one of the draft's lists (its paragraphs, its symbols), with their
    /// indices, for a pass that reads a few bytes of the text of each: `reads` names the
    /// offsets it will read, and they are asked of the processor a few items ahead of the pass
    /// (see `prefetch`), so that a pass over a large draft does not wait on memory at each one.
    pub fn reading_ahead<'a, T, const N: usize>(
        &'a self,
        items: &'a [T],
        reads: impl Fn(&T) -> [Option<usize>; N] + 'a,
    ) -> impl Iterator<Item = (usize, &'a T)> + 'a {
        items.iter().enumerate().inspect(move |(index, _)| {
            if let Some(ahead) = items.get(index + Self::PARAGRAPHS_AHEAD) {
                for offset in reads(ahead).into_iter().flatten() {
                    self.prefetch(offset);
                }
            }
        })
    }

    /// Operative paragraphs in document order, with their indices into `paragraphs`.
    pub fn operative(&self) -> impl Iterator<Item = (usize, &Paragraph)> {
        self.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, paragraph)| paragraph.kind == ParagraphKind::Operative)
    }

    /// Preambular paragraphs in document order, with their indices into `paragraphs`.
    pub fn preambular(&self) -> impl Iterator<Item = (usize, &Paragraph)> {
        self.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, paragraph)| paragraph.kind == ParagraphKind::Preambular)
    }

    /// The opener of preambular or operative paragraph `index`, read by the vocabulary: from
    /// the opener's first word to the end of the paragraph, knowing where the italics end.
    pub fn opener_reading(&self, index: usize) -> Option<&Reading<'text>> {
        let table = self.opener_readings.0.get_or_init(|| {
            let with_opener = self
                .paragraphs
                .iter()
                .filter(|paragraph| has_judged_opener(paragraph))
                .count();
            let mut table = ReadingTable {
                slots: Vec::with_capacity(self.paragraphs.len()),
                readings: Vec::with_capacity(with_opener),
            };
            for (index, paragraph) in self.paragraphs.iter().enumerate() {
                if let Some(ahead) = self.paragraphs.get(index + Self::PARAGRAPHS_AHEAD)
                    && let Some(opener) = &ahead.opener
                {
                    self.prefetch(opener.words.start());
                }
                let reading = self.read_opener(paragraph);
                let slot = match (reading, u32::try_from(table.readings.len())) {
                    (Some(reading), Ok(slot)) if slot != NO_READING => {
                        table.readings.push(reading);
                        slot
                    }
                    _ => NO_READING,
                };
                table.slots.push(slot);
            }
            table
        });
        let slot = *table.slots.get(index)?;
        table.readings.get(usize::try_from(slot).ok()?)
    }

    fn read_opener(&self, paragraph: &Paragraph) -> Option<Reading<'text>> {
        if !has_judged_opener(paragraph) {
            return None;
        }
        let opener = paragraph.opener.as_ref()?;
        let start = opener.words.start();
        let text = self.text.get(start..paragraph.range.end().max(start))?;
        let italic_end = opener
            .italic
            .as_ref()
            .map(|_| opener.words.end().saturating_sub(start));
        Some(crate::vocab::openers::read(text, italic_end))
    }

    /// Whether the file reads as a resolution draft (it has an organ line).
    pub fn has_organ_line(&self) -> bool {
        self.organ_line.is_some()
    }
}

/// Whether the opener rules read this paragraph's opener: a preambular or operative paragraph
/// that has one.
fn has_judged_opener(paragraph: &Paragraph) -> bool {
    paragraph.opener.is_some()
        && matches!(
            paragraph.kind,
            ParagraphKind::Preambular | ParagraphKind::Operative
        )
}

/// Parse any text into a draft.
pub fn parse(text: &str) -> Draft<'_> {
    blocks::parse(text)
}

/// [`parse`] on two threads of rayon's pool, for a large text that an editor waits for.
pub fn parse_on_two_threads(text: &str) -> Draft<'_> {
    blocks::parse_on_two_threads(text)
}

/// [`parse_on_two_threads`] for a new version of `old_text`, whose blocks were `old`, reading
/// again only the paragraphs around the edit. The draft is the one [`parse`] gives.
pub fn reparse_on_two_threads<'text>(
    text: &'text str,
    old_text: &str,
    old: &Blocks,
) -> Draft<'text> {
    blocks::reparse_on_two_threads(text, old_text, old)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An analysis holds a model a few times the text's size: its parts are held to the sizes
    /// that 32-bit spans make possible.
    #[test]
    fn the_model_stays_compact() {
        let sizes = [
            ("Paragraph", size_of::<Paragraph>(), 108),
            ("Citation", size_of::<Citation>(), 68),
            ("FootnoteMarker", size_of::<FootnoteMarker>(), 56),
            ("FootnoteText", size_of::<FootnoteText>(), 72),
            ("SymbolRef", size_of::<SymbolRef>(), 16),
            ("ParagraphReference", size_of::<ParagraphReference>(), 40),
        ];
        for (name, size, most) in sizes {
            println!("{name}: {size} bytes");
            assert!(size <= most, "{name} is {size} bytes, more than {most}");
        }
    }
}
