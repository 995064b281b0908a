//! Standard preambular and operative openers (reference/un-drafting.md §3).

/// Which part of a resolution an opener belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpenerForm {
    /// A participle or adjective: `Recalling`, `Deeply concerned`.
    Preambular,
    /// A verb in the present tense, third person: `Requests`, `Also decides`.
    Operative,
}

/// The length in bytes of the standard opener (of either part) that `text` starts with, if
/// it starts with one: `Recalling also that ...` gives the length of `Recalling also`.
pub fn leading_opener_len(_text: &str) -> Option<usize> {
    None
}

/// The part whose form the opener words have, if they read as an opener at all.
pub fn form_of(words: &str) -> Option<OpenerForm> {
    let head = words
        .split_whitespace()
        .map(|word| word.trim_matches(|character: char| !character.is_alphabetic()))
        .find(|word| {
            !matches!(
                word.to_lowercase().as_str(),
                "also" | "further" | "strongly" | "once" | "again" | "deeply" | "firmly"
            )
        })?;
    if head.ends_with("ing") || head.ends_with("ed") {
        Some(OpenerForm::Preambular)
    } else if head.ends_with('s') {
        Some(OpenerForm::Operative)
    } else {
        None
    }
}
