//! Edits that rules and commands share, and the loop that applies every available fix.

pub mod footnotes;
pub mod renumber;
pub mod suppression;

use crate::analysis;
use crate::config::Config;
use crate::diagnostic::{Edit, Fix};

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

/// What `fix_all` did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FixOutcome {
    pub text: String,
    /// The titles of the fixes applied, in the order they were applied.
    pub applied: Vec<String>,
}

/// The most rounds of fix-and-recheck `fix_all` runs before it stops; a fix that keeps
/// producing new fixable findings would otherwise loop forever.
const MAX_FIX_ROUNDS: usize = 8;

/// Apply every available fix, re-checking after each round, until nothing fixable remains.
/// Fixes whose edits overlap one already taken in a round wait for the next round.
pub fn fix_all(text: &str, config: &Config) -> FixOutcome {
    let mut current = text.to_string();
    let mut applied = Vec::new();
    for _ in 0..MAX_FIX_ROUNDS {
        let diagnostics = analysis::analyze(&current, config);
        let mut taken: Vec<Fix> = Vec::new();
        for diagnostic in diagnostics {
            let Some(fix) = diagnostic.fix else { continue };
            if fix.edits.is_empty()
                || taken.contains(&fix)
                || taken.iter().any(|other| other.overlaps(&fix))
            {
                continue;
            }
            taken.push(fix);
        }
        if taken.is_empty() {
            break;
        }
        let edits: Vec<Edit> = taken
            .iter()
            .flat_map(|fix| fix.edits.iter().cloned())
            .collect();
        let next = apply_edits(&current, &edits);
        if next == current {
            break;
        }
        applied.extend(taken.into_iter().map(|fix| fix.title));
        current = next;
    }
    FixOutcome {
        text: current,
        applied,
    }
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
