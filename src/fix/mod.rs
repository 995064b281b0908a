//! Edits that rules and commands share; [`crate::analysis::fix_all`] applies them.

pub mod footnotes;
pub mod renumber;
pub mod suppression;

use crate::diagnostic::Edit;

/// Apply non-overlapping edits to `text`. Edits are applied in order of position; an edit that
/// overlaps one before it, falls outside the text or splits a character is skipped.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.range.start, edit.range.end));
    let mut result = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        let (start, end) = (edit.range.start, edit.range.end);
        if start < cursor
            || end < start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        result.push_str(&text[cursor..start]);
        result.push_str(&edit.replacement);
        cursor = end;
    }
    result.push_str(&text[cursor..]);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_position_order_and_overlaps_are_skipped() {
        let edits = vec![
            Edit::new(6..7, "9"),
            Edit::new(0..1, "X"),
            Edit::new(0..3, "overlapping"),
        ];
        assert_eq!(apply_edits("abc = 1;", &edits), "Xbc = 9;");
    }
}
