//! `unknown-document-symbol`: a symbol whose series or body is unknown and one edit away from a
//! known one (`A/HCR/23/61` → `A/HRC/23/61`), or a known body with a number it cannot have
//! (`A/C.8`). A well-formed symbol of an unfamiliar series is a hint. With a list of known
//! symbols configured, a symbol not in the list is reported too.

use std::collections::HashSet;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Edit, Fix, Severity};
use crate::syntax::{Draft, SymbolRef};
use crate::vocab::symbols::{Slot, SymbolProblem, examine};

pub fn check(draft: &Draft<'_>, config: &Config, out: &mut Vec<Diagnostic>) {
    for (_, symbol) in draft.reading_ahead(&draft.symbols, |symbol| [Some(symbol.core.start())]) {
        let core = draft.slice(symbol.core);
        let problem = examine(core);
        match problem {
            Some(SymbolProblem::Misspelled {
                letters,
                suggestion,
                slot,
            }) => {
                let (Some(wrong), Some(prefix), Some(rest)) = (
                    core.get(letters.clone()),
                    core.get(..letters.start),
                    core.get(letters.end..),
                ) else {
                    continue;
                };
                let corrected = format!("{prefix}{suggestion}{rest}");
                let place = match slot {
                    Slot::Series => format!("there is no `{wrong}` series"),
                    Slot::Body | Slot::Component => {
                        format!("there is no `{wrong}` {} under `{prefix}`", slot.noun())
                    }
                };
                let message = format!(
                    "`{core}` is not a known document symbol: {place}. Did you mean `{corrected}`?"
                );
                let start = symbol.core.start();
                let edit = Edit::new(start + letters.start..start + letters.end, suggestion);
                out.push(
                    Diagnostic::new(Code::UnknownDocumentSymbol, symbol.core.range(), message)
                        .with_fix(Fix::suggestion(
                            format!("Replace with `{corrected}`"),
                            vec![edit],
                        )),
                );
            }
            Some(SymbolProblem::NoSuchNumber { explanation, .. }) => {
                let message = format!(
                    "`{core}` is not a known document symbol: {explanation}. Check the number of the body."
                );
                out.push(Diagnostic::new(
                    Code::UnknownDocumentSymbol,
                    symbol.core.range(),
                    message,
                ));
            }
            Some(SymbolProblem::Unfamiliar { letters, slot }) if config.known_symbols.is_none() => {
                let (Some(name), Some(prefix)) =
                    (core.get(letters.clone()), core.get(..letters.start))
                else {
                    continue;
                };
                let what = match slot {
                    Slot::Series => format!("a series resolution-ls does not know (`{name}`)"),
                    Slot::Body | Slot::Component => format!(
                        "a {} resolution-ls does not know (`{name}` under `{prefix}`)",
                        slot.noun()
                    ),
                };
                let message = format!(
                    "`{core}` has {what}, so it cannot be checked. Check the symbol, or list the symbols you cite in a known-symbols file (`symbols.known`)."
                );
                out.push(
                    Diagnostic::new(Code::UnknownDocumentSymbol, symbol.core.range(), message)
                        .with_severity(Severity::Hint),
                );
            }
            _ => {
                if let Some(known) = &config.known_symbols {
                    check_listed(draft, symbol, known, out);
                }
            }
        }
    }
}

/// Strict mode: report a symbol that is not in the configured list, with the listed symbol one
/// edit away as a suggestion.
fn check_listed(
    draft: &Draft<'_>,
    symbol: &SymbolRef,
    known: &HashSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    let whole = draft.slice(symbol.range);
    let core = draft.slice(symbol.core);
    if known.contains(core) || known.contains(whole) {
        return;
    }
    let normalized = crate::config::normalize_symbol(whole);
    if known.contains(&normalized) {
        return;
    }
    let shown = whole.split_whitespace().collect::<Vec<_>>().join(" ");
    match nearest_listed(&normalized, known) {
        Some(suggestion) => {
            // Keep the writer's spacing of a parenthesized year when only the core changes.
            let tail = &normalized[core.len().min(normalized.len())..];
            let (range, replacement) = match suggestion.strip_suffix(tail) {
                Some(suggested_core) if !tail.is_empty() => {
                    (symbol.core.range(), suggested_core.to_string())
                }
                _ => (symbol.range.range(), suggestion.clone()),
            };
            let message = format!(
                "`{shown}` is not in the list of known symbols (`symbols.known`). Did you mean `{suggestion}`?"
            );
            out.push(
                Diagnostic::new(Code::UnknownDocumentSymbol, symbol.range.range(), message)
                    .with_fix(Fix::suggestion(
                        format!("Replace with `{suggestion}`"),
                        vec![Edit::new(range, replacement)],
                    )),
            );
        }
        None => {
            let message = format!(
                "`{shown}` is not in the list of known symbols (`symbols.known`). Check the symbol, or add it to the list."
            );
            out.push(Diagnostic::new(
                Code::UnknownDocumentSymbol,
                symbol.range.range(),
                message,
            ));
        }
    }
}

/// The characters a suggestion may insert or put in place of another.
const SYMBOL_ALPHABET: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./-()abcdefghijklmnopqrstuvwxyz";

/// The listed symbol one edit (insertion or substitution of a character of
/// [`SYMBOL_ALPHABET`], deletion, swap of neighbours) away from `symbol`; the first in sorted
/// order when several are.
fn nearest_listed(symbol: &str, known: &HashSet<String>) -> Option<String> {
    if !symbol.is_ascii() || symbol.len() > 64 {
        return None;
    }
    // Comparing with every listed symbol is quicker for a short list; looking up every
    // symbol one edit away is quicker for a long one.
    let one_edit_variants = (2 * SYMBOL_ALPHABET.len() + 2) * (symbol.len() + 1);
    if known.len() <= one_edit_variants {
        nearest_by_comparison(symbol, known)
    } else {
        nearest_by_lookup(symbol, known)
    }
}

fn nearest_by_comparison(symbol: &str, known: &HashSet<String>) -> Option<String> {
    known
        .iter()
        .filter(|listed| one_edit_apart(symbol.as_bytes(), listed.as_bytes()))
        .min()
        .cloned()
}

/// Whether `listed` is `symbol` after one insertion or substitution of a character of
/// [`SYMBOL_ALPHABET`], one deletion, or one swap of different neighbours.
fn one_edit_apart(symbol: &[u8], listed: &[u8]) -> bool {
    let common = symbol
        .iter()
        .zip(listed)
        .take_while(|(a, b)| a == b)
        .count();
    let (symbol_rest, listed_rest) = (&symbol[common..], &listed[common..]);
    match listed.len() as isize - symbol.len() as isize {
        0 => match (symbol_rest, listed_rest) {
            ([], []) => false,
            ([_, symbol_tail @ ..], [inserted, listed_tail @ ..]) if symbol_tail == listed_tail => {
                SYMBOL_ALPHABET.contains(inserted)
            }
            (
                [first, second, symbol_tail @ ..],
                [swapped_second, swapped_first, listed_tail @ ..],
            ) => first == swapped_first && second == swapped_second && symbol_tail == listed_tail,
            _ => false,
        },
        1 => match listed_rest.split_first() {
            Some((inserted, listed_tail)) => {
                SYMBOL_ALPHABET.contains(inserted) && listed_tail == symbol_rest
            }
            None => false,
        },
        -1 => symbol_rest.get(1..) == Some(listed_rest),
        _ => false,
    }
}

fn nearest_by_lookup(symbol: &str, known: &HashSet<String>) -> Option<String> {
    let bytes = symbol.as_bytes();
    let mut best: Option<&String> = None;
    let mut candidate: Vec<u8> = Vec::with_capacity(bytes.len() + 1);
    let mut consider = |candidate: &[u8]| {
        if let Ok(candidate) = std::str::from_utf8(candidate)
            && let Some(listed) = known.get(candidate)
            && best.is_none_or(|best| listed < best)
        {
            best = Some(listed);
        }
    };
    for index in 0..=bytes.len() {
        if index < bytes.len() {
            candidate.clear();
            candidate.extend_from_slice(&bytes[..index]);
            candidate.extend_from_slice(&bytes[index + 1..]);
            consider(&candidate);
            if index + 1 < bytes.len() && bytes[index] != bytes[index + 1] {
                candidate.clear();
                candidate.extend_from_slice(bytes);
                candidate.swap(index, index + 1);
                consider(&candidate);
            }
        }
        for &letter in SYMBOL_ALPHABET {
            if index < bytes.len() && bytes[index] != letter {
                candidate.clear();
                candidate.extend_from_slice(bytes);
                candidate[index] = letter;
                consider(&candidate);
            }
            candidate.clear();
            candidate.extend_from_slice(&bytes[..index]);
            candidate.push(letter);
            candidate.extend_from_slice(&bytes[index..]);
            consider(&candidate);
        }
    }
    best.cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn list(symbols: &[&str]) -> HashSet<String> {
        symbols.iter().map(|symbol| symbol.to_string()).collect()
    }

    #[test]
    fn one_edit_kinds_are_found() {
        let known = list(&["A/HRC/23/61", "A/HRC/23/6", "S/2020/1"]);
        for (typed, expected) in [
            ("A/HCR/23/61", Some("A/HRC/23/61")),
            ("A/HRC/23/611", Some("A/HRC/23/61")),
            ("A/HRC/23/1", Some("A/HRC/23/6")),
            ("A/HRC/23/62", Some("A/HRC/23/6")),
            ("S/2020/12", Some("S/2020/1")),
            ("A/HRC/23/61 ", Some("A/HRC/23/61")),
            ("A/HRC/2361", Some("A/HRC/23/61")),
            ("E/2020/1", Some("S/2020/1")),
            ("E/2020/9", None),
            ("A/HRC/23/61", Some("A/HRC/23/6")),
        ] {
            assert_eq!(
                nearest_by_comparison(typed, &known).as_deref(),
                expected,
                "{typed}"
            );
            assert_eq!(
                nearest_by_lookup(typed, &known).as_deref(),
                expected,
                "{typed}"
            );
        }
    }

    proptest! {
        /// Both ways of finding the nearest listed symbol agree, whichever is quicker.
        #[test]
        fn comparison_and_lookup_agree(
            symbol in "[AS/HRC0-9. ()é]{0,10}",
            edits in proptest::collection::vec((0usize..12, 0usize..4, "[AHRS0-9/ é]"), 0..8),
        ) {
            let mut known = HashSet::new();
            for (position, kind, character) in edits {
                let mut listed: Vec<char> = symbol.chars().collect();
                let at = position.min(listed.len());
                let character = character.chars().next().unwrap_or('A');
                match kind {
                    0 if at < listed.len() => { listed.remove(at); }
                    1 if at < listed.len() => listed[at] = character,
                    2 if at + 1 < listed.len() => listed.swap(at, at + 1),
                    _ => listed.insert(at, character),
                }
                known.insert(listed.into_iter().collect::<String>());
            }
            if symbol.is_ascii() {
                prop_assert_eq!(
                    nearest_by_comparison(&symbol, &known),
                    nearest_by_lookup(&symbol, &known)
                );
            }
        }
    }
}
