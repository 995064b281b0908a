//! The word-level comparison of a draft with its base: paragraphs are paired (unchanged, edited,
//! new, removed), and the words of each edited pair compared, so that the export can write every
//! difference as a Word tracked insertion or deletion.

use std::collections::HashSet;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::document::{Block, Document, Emphasis, Inline, Role, plain_text_into};

/// Whether a piece is in both documents, only in the draft, or only in the base.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    Same,
    Inserted,
    Deleted,
    /// A paragraph moved whole: where it was, and where it is now.
    MovedFrom,
    MovedTo,
}

impl Change {
    /// Whether the piece is in the draft (what accepting every change gives).
    pub fn in_draft(self) -> bool {
        !matches!(self, Change::Deleted | Change::MovedFrom)
    }

    /// Whether the piece is in the base (what rejecting every change gives).
    pub fn in_base(self) -> bool {
        !matches!(self, Change::Inserted | Change::MovedTo)
    }
}

/// What a paragraph of the output is made of.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Piece {
    Text {
        text: String,
        emphasis: Emphasis,
    },
    /// Between an operative number or subparagraph label and its text.
    Tab,
    Break,
    /// A footnote, written at its first reference, with its text.
    Note {
        label: String,
        body: Vec<(Change, Piece)>,
    },
    /// A marker shown as typed: a second reference to a footnote, or one with no text.
    Superscript(String),
}

/// A paragraph of the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackedBlock {
    pub role: Role,
    /// The paragraph as a whole: new paragraphs are inserted, removed ones deleted.
    pub mark: Change,
    pub pieces: Vec<(Change, Piece)>,
    /// The draft's words, to choose a layout by.
    pub plain: String,
    /// After the organ line (or in a document without one).
    pub in_body: bool,
    /// For a paragraph moved whole, the number shared by its old and new places.
    pub move_id: Option<usize>,
}

/// The document with no changes.
pub fn untracked(document: &Document) -> Vec<TrackedBlock> {
    let mut seen = HashSet::new();
    let mut blocks: Vec<TrackedBlock> = document
        .blocks
        .iter()
        .map(|block| TrackedBlock {
            role: block.role,
            mark: Change::Same,
            pieces: same_pieces(block, document, &mut seen),
            plain: block.plain_text(),
            in_body: false,
            move_id: None,
        })
        .collect();
    // Footnote texts no marker refers to would be lost in Word: they close the document.
    for note in &document.footnotes {
        if seen.insert(note.label.clone()) {
            let mut pieces = vec![(Change::Same, Piece::Superscript(note.label.clone()))];
            pieces.push((Change::Same, text_piece(" ", Emphasis::default())));
            pieces.extend(
                inline_pieces(&note.inlines, None, &mut HashSet::new())
                    .into_iter()
                    .map(|piece| (Change::Same, piece)),
            );
            blocks.push(TrackedBlock {
                role: Role::Text,
                mark: Change::Same,
                pieces,
                plain: String::new(),
                in_body: true,
                move_id: None,
            });
        }
    }
    mark_body(&mut blocks);
    blocks
}

fn text_piece(text: &str, emphasis: Emphasis) -> Piece {
    Piece::Text {
        text: text.to_string(),
        emphasis,
    }
}

fn mark_body(blocks: &mut [TrackedBlock]) {
    let organ = blocks.iter().position(|block| block.role == Role::Organ);
    for (index, block) in blocks.iter_mut().enumerate() {
        block.in_body = organ.is_none_or(|organ| index >= organ);
    }
}

fn same_pieces(
    block: &Block,
    document: &Document,
    seen: &mut HashSet<String>,
) -> Vec<(Change, Piece)> {
    lead_pieces(block)
        .into_iter()
        .chain(inline_pieces(&block.inlines, Some(document), seen))
        .map(|piece| (Change::Same, piece))
        .collect()
}

fn lead_pieces(block: &Block) -> Vec<Piece> {
    match &block.lead {
        Some(lead) => vec![text_piece(lead, Emphasis::default()), Piece::Tab],
        None => Vec::new(),
    }
}

/// Inlines as pieces; a footnote's first reference carries its text (from `document`).
fn inline_pieces(
    inlines: &[Inline],
    document: Option<&Document>,
    seen: &mut HashSet<String>,
) -> Vec<Piece> {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text, emphasis } => text_piece(text, *emphasis),
            Inline::Break => Piece::Break,
            Inline::Note { label } => note_piece(label, document, seen),
        })
        .collect()
}

fn note_piece(label: &str, document: Option<&Document>, seen: &mut HashSet<String>) -> Piece {
    match document.and_then(|document| document.footnote(label)) {
        Some(note) if seen.insert(label.to_string()) => Piece::Note {
            label: label.to_string(),
            body: inline_pieces(&note.inlines, None, &mut HashSet::new())
                .into_iter()
                .map(|piece| (Change::Same, piece))
                .collect(),
        },
        _ => Piece::Superscript(label.to_string()),
    }
}

/// The draft against its base: every paragraph of both, in the draft's order, with what
/// changed marked.
pub fn tracked(base: &Document, draft: &Document) -> Vec<TrackedBlock> {
    let base_keys: Vec<String> = base.blocks.iter().map(paragraph_key).collect();
    let draft_keys: Vec<String> = draft.blocks.iter().map(paragraph_key).collect();
    let mut context = Context {
        base,
        draft,
        base_seen: HashSet::new(),
        draft_seen: HashSet::new(),
        out: Vec::new(),
        keys: Vec::new(),
    };
    for op in capture_diff_slices(Algorithm::Patience, &base_keys, &draft_keys) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for offset in 0..len {
                    context.pair(old_index + offset, new_index + offset);
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for index in old_index..old_index + old_len {
                    context.deleted(index);
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for index in new_index..new_index + new_len {
                    context.inserted(index);
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => context.replace(
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        }
    }
    let mut blocks = context.out;
    mark_moves(&mut blocks, &context.keys);
    mark_body(&mut blocks);
    blocks
}

/// A paragraph removed in one place and new in another with the same words moved: Word shows
/// it as a move.
fn mark_moves(blocks: &mut [TrackedBlock], keys: &[String]) {
    let mut next_move = 1;
    for from in 0..blocks.len() {
        if blocks[from].mark != Change::Deleted || keys.get(from).is_none_or(String::is_empty) {
            continue;
        }
        let to = (0..blocks.len()).find(|&to| {
            blocks[to].mark == Change::Inserted
                && blocks[to].move_id.is_none()
                && keys.get(to) == keys.get(from)
        });
        let Some(to) = to else {
            continue;
        };
        for (index, change) in [(from, Change::MovedFrom), (to, Change::MovedTo)] {
            let block = &mut blocks[index];
            block.mark = change;
            block.move_id = Some(next_move);
            for (piece_change, piece) in &mut block.pieces {
                *piece_change = change;
                if let Piece::Note { body, .. } = piece {
                    for (body_change, _) in body.iter_mut() {
                        *body_change = change;
                    }
                }
            }
        }
        next_move += 1;
    }
}

/// Paragraphs are paired by their words, not by their numbers: a paragraph renumbered because
/// one was inserted above it is the same paragraph, with its number changed.
fn paragraph_key(block: &Block) -> String {
    let mut key = String::new();
    plain_text_into(&block.inlines, &mut key);
    key.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The share of words two paragraphs have in common, in order (0 to 1); spaces do not count.
pub fn likeness(old: &str, new: &str) -> f32 {
    let old_words: Vec<&str> = split_words(old)
        .into_iter()
        .filter(|word| !word.trim().is_empty())
        .collect();
    let new_words: Vec<&str> = split_words(new)
        .into_iter()
        .filter(|word| !word.trim().is_empty())
        .collect();
    let total = old_words.len() + new_words.len();
    if total == 0 {
        return 1.0;
    }
    let kept: usize = capture_diff_slices(Algorithm::Myers, &old_words, &new_words)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    (2 * kept) as f32 / total as f32
}

/// How alike two paragraphs must be to be shown as one edited paragraph rather than one
/// removed and one new.
const EDITED_PARAGRAPH_LIKENESS: f32 = 0.5;

struct Context<'a> {
    base: &'a Document,
    draft: &'a Document,
    base_seen: HashSet<String>,
    draft_seen: HashSet<String>,
    out: Vec<TrackedBlock>,
    /// The words of each removed or new paragraph of `out` (empty for the others), to find
    /// the paragraphs that moved.
    keys: Vec<String>,
}

impl Context<'_> {
    fn deleted(&mut self, index: usize) {
        let Some(block) = self.base.blocks.get(index) else {
            return;
        };
        let pieces = lead_pieces(block)
            .into_iter()
            .chain(inline_pieces(
                &block.inlines,
                Some(self.base),
                &mut self.base_seen,
            ))
            .map(|piece| (Change::Deleted, piece))
            .collect();
        self.out.push(TrackedBlock {
            role: block.role,
            mark: Change::Deleted,
            pieces,
            plain: block.plain_text(),
            in_body: false,
            move_id: None,
        });
        self.keys.push(paragraph_key(block));
    }

    fn inserted(&mut self, index: usize) {
        let Some(block) = self.draft.blocks.get(index) else {
            return;
        };
        let pieces = lead_pieces(block)
            .into_iter()
            .chain(inline_pieces(
                &block.inlines,
                Some(self.draft),
                &mut self.draft_seen,
            ))
            .map(|piece| (Change::Inserted, piece))
            .collect();
        self.out.push(TrackedBlock {
            role: block.role,
            mark: Change::Inserted,
            pieces,
            plain: block.plain_text(),
            in_body: false,
            move_id: None,
        });
        self.keys.push(paragraph_key(block));
    }

    /// Old paragraphs `old` were replaced by new ones `new`: pair each new paragraph with the
    /// most alike of the old ones after the last pair, if alike enough; the rest are removed or
    /// new.
    fn replace(&mut self, old: std::ops::Range<usize>, new: std::ops::Range<usize>) {
        let mut next_old = old.start;
        for new_index in new {
            let Some(new_block) = self.draft.blocks.get(new_index) else {
                continue;
            };
            let new_text = new_block.plain_text();
            // The most alike of the old paragraphs not yet used, if alike enough.
            let partner = (next_old..old.end)
                .filter_map(|old_index| {
                    let old_block = self.base.blocks.get(old_index)?;
                    let likeness = likeness(&old_block.plain_text(), &new_text);
                    (likeness >= EDITED_PARAGRAPH_LIKENESS).then_some((old_index, likeness))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(old_index, _)| old_index);
            match partner {
                Some(old_index) => {
                    for skipped in next_old..old_index {
                        self.deleted(skipped);
                    }
                    self.pair(old_index, new_index);
                    next_old = old_index + 1;
                }
                None => self.inserted(new_index),
            }
        }
        for skipped in next_old..old.end {
            self.deleted(skipped);
        }
    }

    /// One paragraph in both: its words compared.
    fn pair(&mut self, old_index: usize, new_index: usize) {
        let (Some(old_block), Some(new_block)) = (
            self.base.blocks.get(old_index),
            self.draft.blocks.get(new_index),
        ) else {
            return;
        };
        let old_tokens = tokens(old_block, self.base, &mut self.base_seen);
        let new_tokens = tokens(new_block, self.draft, &mut self.draft_seen);
        let pieces = compare_tokens(&old_tokens, &new_tokens);
        self.out.push(TrackedBlock {
            role: new_block.role,
            mark: Change::Same,
            pieces,
            plain: new_block.plain_text(),
            in_body: false,
            move_id: None,
        });
        self.keys.push(String::new());
    }
}

/// A word, a run of spaces, a punctuation mark, a tab or a footnote, with what it compares by.
#[derive(Clone, Debug)]
struct Token {
    key: TokenKey,
    piece: Piece,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum TokenKey {
    Text(String, Emphasis),
    Tab,
    Break,
    /// A footnote compares by its text, so that renumbered footnotes still match.
    Note(String),
}

impl PartialEq for Token {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Token {}

impl std::hash::Hash for Token {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl Ord for Token {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

impl PartialOrd for Token {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

fn tokens(block: &Block, document: &Document, seen: &mut HashSet<String>) -> Vec<Token> {
    let mut out = Vec::new();
    let pieces =
        lead_pieces(block)
            .into_iter()
            .chain(inline_pieces(&block.inlines, Some(document), seen));
    for piece in pieces {
        match piece {
            Piece::Text { text, emphasis } => {
                for word in split_words(&text) {
                    // A space in italics is no different to a reader from one in roman.
                    let key_emphasis = if word.trim().is_empty() {
                        Emphasis::default()
                    } else {
                        emphasis
                    };
                    out.push(Token {
                        key: TokenKey::Text(word.to_string(), key_emphasis),
                        piece: text_piece(word, emphasis),
                    });
                }
            }
            Piece::Tab => out.push(Token {
                key: TokenKey::Tab,
                piece: Piece::Tab,
            }),
            Piece::Break => out.push(Token {
                key: TokenKey::Break,
                piece: Piece::Break,
            }),
            Piece::Note { ref label, .. } | Piece::Superscript(ref label) => {
                let mut key = String::new();
                match document.footnote(label) {
                    Some(note) => plain_text_into(&note.inlines, &mut key),
                    None => key.push_str(label),
                }
                out.push(Token {
                    key: TokenKey::Note(key),
                    piece,
                });
            }
        }
    }
    out
}

/// Words (letters and digits, with inner apostrophes and hyphens), runs of spaces, and single
/// other characters.
pub fn split_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut previous_class = None;
    for (offset, character) in text.char_indices() {
        let class = if character.is_alphanumeric() {
            0
        } else if character.is_whitespace() {
            1
        } else {
            2
        };
        let joins = previous_class == Some(class) && class != 2;
        if !joins && offset > start {
            words.push(&text[start..offset]);
            start = offset;
        }
        previous_class = Some(class);
    }
    if start < text.len() {
        words.push(&text[start..]);
    }
    words
}

/// The pieces of a paragraph in both documents: kept words, then for each change the removed
/// words before the added ones. A run of spaces alone between two changes joins them, so that
/// Word shows "~~old words~~ new words" rather than a word-by-word alternation.
fn compare_tokens(old: &[Token], new: &[Token]) -> Vec<(Change, Piece)> {
    enum Segment {
        Equal(Vec<Piece>),
        Changed(Vec<Piece>, Vec<Piece>),
    }
    let pieces = |tokens: &[Token]| -> Vec<Piece> {
        tokens.iter().map(|token| token.piece.clone()).collect()
    };
    let mut segments = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let old_range = op.old_range();
        let new_range = op.new_range();
        match op {
            DiffOp::Equal { .. } => segments.push(Segment::Equal(pieces(&new[new_range]))),
            _ => segments.push(Segment::Changed(
                pieces(&old[old_range]),
                pieces(&new[new_range]),
            )),
        }
    }
    let is_spaces = |pieces: &[Piece]| {
        pieces
            .iter()
            .all(|piece| matches!(piece, Piece::Text { text, .. } if text.trim().is_empty()))
    };
    for index in 1..segments.len().saturating_sub(1) {
        let joins = matches!(&segments[index - 1], Segment::Changed(..))
            && matches!(&segments[index + 1], Segment::Changed(..))
            && matches!(&segments[index], Segment::Equal(kept) if is_spaces(kept));
        if joins && let Segment::Equal(kept) = &segments[index] {
            segments[index] = Segment::Changed(kept.clone(), kept.clone());
        }
    }
    let mut out: Vec<(Change, Piece)> = Vec::new();
    let mut removed: Vec<Piece> = Vec::new();
    let mut added: Vec<Piece> = Vec::new();
    for segment in segments {
        match segment {
            Segment::Changed(old_pieces, new_pieces) => {
                removed.extend(old_pieces);
                added.extend(new_pieces);
            }
            Segment::Equal(kept) => {
                out.extend(removed.drain(..).map(|piece| (Change::Deleted, piece)));
                out.extend(added.drain(..).map(|piece| (Change::Inserted, piece)));
                out.extend(kept.into_iter().map(|piece| (Change::Same, piece)));
            }
        }
    }
    out.extend(removed.into_iter().map(|piece| (Change::Deleted, piece)));
    out.extend(added.into_iter().map(|piece| (Change::Inserted, piece)));
    merge_text(out)
}

/// Adjacent text pieces with the same change and emphasis become one.
fn merge_text(pieces: Vec<(Change, Piece)>) -> Vec<(Change, Piece)> {
    let mut out: Vec<(Change, Piece)> = Vec::with_capacity(pieces.len());
    for (change, piece) in pieces {
        if let (
            Some((
                last_change,
                Piece::Text {
                    text: last_text,
                    emphasis: last_emphasis,
                },
            )),
            Piece::Text { text, emphasis },
        ) = (out.last_mut(), &piece)
            && *last_change == change
            && last_emphasis == emphasis
        {
            last_text.push_str(text);
            continue;
        }
        out.push((change, piece));
    }
    out
}

/// The text a reader sees after accepting (`Change::Inserted` kept) or rejecting
/// (`Change::Deleted` kept) every change, one paragraph a line.
pub fn resolved_text(blocks: &[TrackedBlock], accept: bool) -> String {
    let kept = |change: Change| {
        if accept {
            change.in_draft()
        } else {
            change.in_base()
        }
    };
    let mut out = String::new();
    for block in blocks {
        if !kept(block.mark) {
            continue;
        }
        for (change, piece) in &block.pieces {
            if !kept(*change) {
                continue;
            }
            match piece {
                Piece::Text { text, .. } => out.push_str(text),
                Piece::Tab => out.push(' '),
                Piece::Break => out.push(' '),
                Piece::Note { label, .. } | Piece::Superscript(label) => {
                    out.push('[');
                    out.push_str(label);
                    out.push(']');
                }
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(role: Role, lead: Option<&str>, text: &str) -> Block {
        Block {
            role,
            lead: lead.map(str::to_string),
            inlines: vec![Inline::Text {
                text: text.to_string(),
                emphasis: Emphasis::default(),
            }],
        }
    }

    fn document(blocks: Vec<Block>) -> Document {
        Document {
            blocks,
            footnotes: Vec::new(),
        }
    }

    fn changes(blocks: &[TrackedBlock]) -> Vec<(Change, String)> {
        blocks
            .iter()
            .flat_map(|block| block.pieces.iter())
            .filter_map(|(change, piece)| match piece {
                Piece::Text { text, .. } if *change != Change::Same => {
                    Some((*change, text.clone()))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn words_split_at_spaces_and_punctuation() {
        assert_eq!(
            split_words("States, in 2025-26 co-operation."),
            vec![
                "States",
                ",",
                " ",
                "in",
                " ",
                "2025",
                "-",
                "26",
                " ",
                "co",
                "-",
                "operation",
                "."
            ]
        );
    }

    #[test]
    fn an_edited_word_is_one_deletion_and_one_insertion() {
        let base = document(vec![block(
            Role::Operative,
            Some("1."),
            "Requests the Secretary-General to report;",
        )]);
        let draft = document(vec![block(
            Role::Operative,
            Some("1."),
            "Requests the High Commissioner to report;",
        )]);
        let blocks = tracked(&base, &draft);
        assert_eq!(
            changes(&blocks),
            vec![
                (Change::Deleted, "Secretary-General".to_string()),
                (Change::Inserted, "High Commissioner".to_string()),
            ]
        );
        assert_eq!(
            resolved_text(&blocks, true),
            "1. Requests the High Commissioner to report;\n"
        );
        assert_eq!(
            resolved_text(&blocks, false),
            "1. Requests the Secretary-General to report;\n"
        );
    }

    #[test]
    fn new_and_removed_paragraphs_are_whole() {
        let base = document(vec![
            block(Role::Operative, Some("1."), "Decides one;"),
            block(
                Role::Operative,
                Some("2."),
                "Decides an entirely different matter of old.",
            ),
        ]);
        let draft = document(vec![
            block(Role::Operative, Some("1."), "Decides one;"),
            block(
                Role::Operative,
                Some("2."),
                "Invites all Member States to contribute;",
            ),
            block(
                Role::Operative,
                Some("3."),
                "Decides an entirely different matter of old.",
            ),
        ]);
        let blocks = tracked(&base, &draft);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].mark, Change::Inserted);
        assert_eq!(
            resolved_text(&blocks, false),
            "1. Decides one;\n2. Decides an entirely different matter of old.\n"
        );
        assert_eq!(
            resolved_text(&blocks, true),
            "1. Decides one;\n2. Invites all Member States to contribute;\n3. Decides an entirely different matter of old.\n"
        );
    }

    #[test]
    fn likeness_counts_words_not_spaces() {
        assert!(
            likeness(
                "Requests the Secretary-General to report",
                "Requests the Secretary-General to report"
            ) > 0.99
        );
        assert!(
            likeness(
                "Recalling the Universal Declaration of Human Rights",
                "Promotion and protection of all human rights"
            ) < 0.3
        );
    }

    #[test]
    fn a_paragraph_moved_whole_is_a_move() {
        let first = block(Role::Preambular, None, "Recalling its resolution 1/1,");
        let second = block(
            Role::Preambular,
            None,
            "Noting with concern the report of the Secretary-General,",
        );
        let third = block(
            Role::Preambular,
            None,
            "Bearing in mind the Charter of the United Nations,",
        );
        let base = document(vec![first.clone(), second.clone(), third.clone()]);
        let draft = document(vec![second, third, first]);
        let blocks = tracked(&base, &draft);
        let marks: Vec<Change> = blocks.iter().map(|block| block.mark).collect();
        assert_eq!(
            marks,
            vec![
                Change::MovedFrom,
                Change::Same,
                Change::Same,
                Change::MovedTo
            ]
        );
        assert_eq!(blocks[0].move_id, blocks[3].move_id);
        assert_eq!(
            resolved_text(&blocks, false),
            "Recalling its resolution 1/1,\nNoting with concern the report of the Secretary-General,\nBearing in mind the Charter of the United Nations,\n"
        );
    }

    #[test]
    fn identical_documents_have_no_changes() {
        let base = document(vec![block(
            Role::Preambular,
            None,
            "Recalling its resolution 1/1,",
        )]);
        let blocks = tracked(&base, &base.clone());
        assert!(changes(&blocks).is_empty());
        assert!(blocks.iter().all(|block| block.mark == Change::Same));
    }

    #[test]
    fn a_removed_paragraph_is_deleted_whole() {
        let base = document(vec![
            block(Role::Preambular, None, "Recalling its resolution 1/1,"),
            block(Role::Preambular, None, "Noting with concern the report,"),
        ]);
        let draft = document(vec![block(
            Role::Preambular,
            None,
            "Recalling its resolution 1/1,",
        )]);
        let blocks = tracked(&base, &draft);
        assert_eq!(blocks[1].mark, Change::Deleted);
        assert_eq!(
            resolved_text(&blocks, true),
            "Recalling its resolution 1/1,\n"
        );
    }
}
