//! What became of each paragraph of a draft against its base, in a few words: the editor's
//! hint above a paragraph that is new or changed, so the drafter sees what the co-sponsors will
//! see in the tracked-changes export. The pairing is the export's own ([`diff::tracked`]).

use std::ops::Range;

use super::diff::{self, Change, Piece, TrackedBlock};
use super::document::{Document, from_draft_located};
use crate::syntax::Draft;

/// A draft paragraph against the base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphChange {
    /// In the base, word for word.
    Same,
    /// Not in the base.
    New,
    /// In the base word for word, elsewhere.
    Moved,
    /// Paired with a paragraph of the base and edited: how many words (and punctuation marks)
    /// are added and removed, footnote texts included.
    Edited { added: usize, removed: usize },
}

/// One draft paragraph's summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParagraphSummary {
    pub change: ParagraphChange,
    /// How many paragraphs of the base were removed just before this one.
    pub removed_before: usize,
}

/// The draft against its base, paragraph by paragraph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// One summary for each of the draft's blocks, in order.
    pub paragraphs: Vec<ParagraphSummary>,
    /// Paragraphs of the base removed after the draft's last one.
    pub removed_at_end: usize,
}

impl ParagraphSummary {
    /// The hint an editor shows above the paragraph, if any: `new since the base`,
    /// `changed since the base: 3 words added, 1 removed`, `2 paragraphs of the base removed
    /// here`.
    pub fn label(&self) -> Option<String> {
        let change = match self.change {
            ParagraphChange::Same => None,
            ParagraphChange::New => Some("new since the base".to_string()),
            ParagraphChange::Moved => Some("moved since the base".to_string()),
            ParagraphChange::Edited { added, removed } => Some(format!(
                "changed since the base: {}",
                counts(added, removed)
            )),
        };
        let removed = (self.removed_before > 0).then(|| removed_label(self.removed_before));
        match (removed, change) {
            (None, None) => None,
            (Some(one), None) | (None, Some(one)) => Some(one),
            (Some(removed), Some(change)) => Some(format!("{removed} · {change}")),
        }
    }
}

/// `2 paragraphs of the base removed here`.
pub fn removed_label(count: usize) -> String {
    if count == 1 {
        "1 paragraph of the base removed here".to_string()
    } else {
        format!("{count} paragraphs of the base removed here")
    }
}

fn counts(added: usize, removed: usize) -> String {
    let words = |count: usize| if count == 1 { "word" } else { "words" };
    match (added, removed) {
        (0, 0) => "spacing".to_string(),
        (added, 0) => format!("{added} {} added", words(added)),
        (0, removed) => format!("{removed} {} removed", words(removed)),
        (added, removed) => format!("{added} {} added, {removed} removed", words(added)),
    }
}

/// Each paragraph of `draft` against `base`, paired as the tracked-changes export pairs them.
pub fn compare(base: &Document, draft: &Document) -> Comparison {
    let mut comparison = Comparison::default();
    let mut removed = 0;
    for block in diff::tracked(base, draft) {
        let change = match block.mark {
            Change::Deleted => {
                removed += 1;
                continue;
            }
            // Shown where the paragraph now is.
            Change::MovedFrom => continue,
            Change::Inserted => ParagraphChange::New,
            Change::MovedTo => ParagraphChange::Moved,
            Change::Same => edited(&block),
        };
        comparison.paragraphs.push(ParagraphSummary {
            change,
            removed_before: removed,
        });
        removed = 0;
    }
    comparison.removed_at_end = removed;
    comparison
}

/// A hint for the editor: the first line of a draft paragraph (byte offsets), and what became
/// of the paragraph against the base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub range: Range<usize>,
    pub label: String,
}

/// The hints for a draft against its base: one on each paragraph that is new, moved or
/// changed, or that follows paragraphs of the base removed; one at the end for paragraphs
/// removed after the draft's last.
pub fn hints(draft: &Draft<'_>, base: &Document) -> Vec<Hint> {
    let (document, ranges, _) = from_draft_located(draft);
    let comparison = compare(base, &document);
    let text = draft.text;
    let first_line = |range: &Range<usize>| {
        let line_end = text
            .get(range.clone())
            .and_then(|slice| slice.find('\n'))
            .map_or(range.end, |newline| range.start + newline);
        range.start..line_end
    };
    let mut hints: Vec<Hint> = ranges
        .iter()
        .zip(&comparison.paragraphs)
        .filter_map(|(range, summary)| {
            Some(Hint {
                range: first_line(range),
                label: summary.label()?,
            })
        })
        .collect();
    if comparison.removed_at_end > 0 {
        hints.push(Hint {
            range: text.len()..text.len(),
            label: removed_label(comparison.removed_at_end),
        });
    }
    hints
}

/// A paired paragraph: the same, or edited by so many words.
fn edited(block: &TrackedBlock) -> ParagraphChange {
    let (mut added, mut removed, mut any) = (0, 0, false);
    let mut count = |change: Change, piece: &Piece| {
        let words = match piece {
            Piece::Text { text, .. } => diff::split_words(text)
                .iter()
                .filter(|word| !word.trim().is_empty())
                .count(),
            Piece::Note { .. } | Piece::Superscript(_) => 1,
            Piece::Tab | Piece::Break => 0,
        };
        match change {
            Change::Inserted | Change::MovedTo => {
                added += words;
                any = true;
            }
            Change::Deleted | Change::MovedFrom => {
                removed += words;
                any = true;
            }
            Change::Same => {}
        }
    };
    for (change, piece) in &block.pieces {
        count(*change, piece);
        if let Piece::Note { body, .. } = piece {
            for (change, piece) in body {
                count(*change, piece);
            }
        }
    }
    if any {
        ParagraphChange::Edited { added, removed }
    } else {
        ParagraphChange::Same
    }
}

#[cfg(test)]
mod tests {
    use super::ParagraphChange::{Edited, Moved, New, Same};
    use super::*;
    use crate::word::read_draft;

    const BASE: &str = "\
*The General Assembly,*

*Recalling* its resolution 78/155 of 19 December 2023,

*Noting* the report of the Secretary-General,

1. *Welcomes* the efforts of Member States;

2. *Requests* the Secretary-General to report at its eightieth session;

3. *Decides* to remain seized of the matter.
";

    fn summaries(draft: &str) -> (Vec<(String, ParagraphChange, usize)>, usize) {
        let base = read_draft(BASE).0;
        let (document, _) = read_draft(draft);
        let comparison = compare(&base, &document);
        assert_eq!(
            comparison.paragraphs.len(),
            document.blocks.len(),
            "one summary for each block of the draft"
        );
        let rows = document
            .blocks
            .iter()
            .zip(&comparison.paragraphs)
            .map(|(block, summary)| {
                let words: String = block.plain_text().chars().take(12).collect();
                (words, summary.change, summary.removed_before)
            })
            .collect();
        (rows, comparison.removed_at_end)
    }

    #[test]
    fn the_base_itself_is_unchanged() {
        let (rows, removed_at_end) = summaries(BASE);
        assert!(
            rows.iter()
                .all(|(_, change, removed)| *change == Same && *removed == 0)
        );
        assert_eq!(removed_at_end, 0);
    }

    #[test]
    fn new_edited_removed_and_renumbered_paragraphs_are_told_apart() {
        let draft = "\
*The General Assembly,*

*Recalling* its resolution 78/155 of 19 December 2023,

*Noting with appreciation* the report of the Secretary-General,

*Bearing in mind* the Charter of the United Nations,

1. *Welcomes* the efforts of Member States;

2. *Decides* to remain seized of the matter.
";
        let (rows, removed_at_end) = summaries(draft);
        let expected: Vec<(&str, ParagraphChange, usize)> = vec![
            ("The General ", Same, 0),
            ("Recalling it", Same, 0),
            (
                "Noting with ",
                Edited {
                    added: 2,
                    removed: 0,
                },
                0,
            ),
            ("Bearing in m", New, 0),
            ("1. Welcomes ", Same, 0),
            // Paragraph 2 of the base is gone; paragraph 3 is now 2: its number changed.
            (
                "2. Decides t",
                Edited {
                    added: 1,
                    removed: 1,
                },
                1,
            ),
        ];
        let rows: Vec<(&str, ParagraphChange, usize)> = rows
            .iter()
            .map(|(words, change, removed)| (words.as_str(), *change, *removed))
            .collect();
        assert_eq!(rows, expected);
        assert_eq!(removed_at_end, 0);
    }

    #[test]
    fn a_paragraph_moved_whole_is_a_move_and_removals_at_the_end_are_counted() {
        let draft = "\
*The General Assembly,*

*Noting* the report of the Secretary-General,

*Recalling* its resolution 78/155 of 19 December 2023,
";
        let (rows, removed_at_end) = summaries(draft);
        let changes: Vec<ParagraphChange> = rows.iter().map(|(_, change, _)| *change).collect();
        assert!(changes.contains(&Moved), "{rows:?}");
        assert!(!changes.contains(&New), "{rows:?}");
        assert_eq!(removed_at_end, 3, "the three operative paragraphs");
    }

    #[test]
    fn hints_sit_on_the_first_line_of_the_paragraphs_that_changed() {
        let base = read_draft(BASE).0;
        let draft_text = BASE
            .replace("*Noting* the report", "*Noting* the second report")
            .replace(
                "3. *Decides*",
                "3. *Encourages* Member States to act;\n\n4. *Decides*",
            );
        let draft = crate::syntax::parse(&draft_text);
        let found: Vec<(&str, String)> = hints(&draft, &base)
            .into_iter()
            .map(|hint| (&draft_text[hint.range], hint.label))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "*Noting* the second report of the Secretary-General,",
                    "changed since the base: 1 word added".to_string()
                ),
                (
                    "3. *Encourages* Member States to act;",
                    "new since the base".to_string()
                ),
                (
                    "4. *Decides* to remain seized of the matter.",
                    "changed since the base: 1 word added, 1 removed".to_string()
                ),
            ]
        );
    }

    #[test]
    fn labels_say_what_changed() {
        let label = |change, removed_before| {
            ParagraphSummary {
                change,
                removed_before,
            }
            .label()
        };
        assert_eq!(label(Same, 0), None);
        assert_eq!(label(New, 0).as_deref(), Some("new since the base"));
        assert_eq!(
            label(
                Edited {
                    added: 3,
                    removed: 1
                },
                0
            )
            .as_deref(),
            Some("changed since the base: 3 words added, 1 removed")
        );
        assert_eq!(
            label(
                Edited {
                    added: 0,
                    removed: 1
                },
                2
            )
            .as_deref(),
            Some("2 paragraphs of the base removed here · changed since the base: 1 word removed")
        );
        assert_eq!(
            label(Same, 1).as_deref(),
            Some("1 paragraph of the base removed here")
        );
    }
}
