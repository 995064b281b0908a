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
    for symbol in &draft.symbols {
        let core = draft.slice(&symbol.core);
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
                let start = symbol.core.start;
                let edit = Edit::new(start + letters.start..start + letters.end, suggestion);
                out.push(
                    Diagnostic::new(Code::UnknownDocumentSymbol, symbol.core.clone(), message)
                        .with_fix(Fix::new(format!("Replace with `{corrected}`"), vec![edit])),
                );
            }
            Some(SymbolProblem::NoSuchNumber { explanation, .. }) => {
                let message = format!(
                    "`{core}` is not a known document symbol: {explanation}. Check the number of the body."
                );
                out.push(Diagnostic::new(
                    Code::UnknownDocumentSymbol,
                    symbol.core.clone(),
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
                    Diagnostic::new(Code::UnknownDocumentSymbol, symbol.core.clone(), message)
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
    let whole = draft.slice(&symbol.range);
    let core = draft.slice(&symbol.core);
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
                    (symbol.core.clone(), suggested_core.to_string())
                }
                _ => (symbol.range.clone(), suggestion.clone()),
            };
            let message = format!(
                "`{shown}` is not in the list of known symbols (`symbols.known`). Did you mean `{suggestion}`?"
            );
            out.push(
                Diagnostic::new(Code::UnknownDocumentSymbol, symbol.range.clone(), message)
                    .with_fix(Fix::new(
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
                symbol.range.clone(),
                message,
            ));
        }
    }
}

/// The listed symbol one edit (insertion, deletion, substitution, swap of neighbours) away from
/// `symbol`; the first in sorted order when several are.
fn nearest_listed(symbol: &str, known: &HashSet<String>) -> Option<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./-()abcdefghijklmnopqrstuvwxyz";
    if !symbol.is_ascii() || symbol.len() > 64 {
        return None;
    }
    let bytes = symbol.as_bytes();
    let mut best: Option<String> = None;
    let mut consider = |candidate: Vec<u8>| {
        if let Ok(candidate) = String::from_utf8(candidate)
            && known.contains(&candidate)
            && best.as_ref().is_none_or(|best| candidate < *best)
        {
            best = Some(candidate);
        }
    };
    for index in 0..=bytes.len() {
        if index < bytes.len() {
            let mut deleted = bytes.to_vec();
            deleted.remove(index);
            consider(deleted);
            if index + 1 < bytes.len() && bytes[index] != bytes[index + 1] {
                let mut swapped = bytes.to_vec();
                swapped.swap(index, index + 1);
                consider(swapped);
            }
        }
        for &letter in ALPHABET {
            if index < bytes.len() && bytes[index] != letter {
                let mut substituted = bytes.to_vec();
                substituted[index] = letter;
                consider(substituted);
            }
            let mut inserted = bytes.to_vec();
            inserted.insert(index, letter);
            consider(inserted);
        }
    }
    best
}
