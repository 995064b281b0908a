//! Renumbering operative paragraphs and subparagraphs, with the cross-references that point
//! at them.
