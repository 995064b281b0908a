//! Document symbols in running text: `A/HRC/23/61`, `S/RES/2427 (2018)`, `E/CN.6/2020/L.1/Rev.1`.
//!
//! A symbol is found at a slash: the first component before it is capital letters (with an
//! optional `.n`, as in `IDB.50`), the components after it are letters, figures, `.` and `-`,
//! and somewhere there is a figure. Words like "and/or", "HIV/AIDS", "km/h", URLs and the
//! decision numbers of conventions (`XIII/18`) are not symbols. Joint symbols
//! (`A/78/61-E/2023/7`) are read as two.

use std::ops::Range;

use super::Span;
use crate::vocab::symbols::{is_known_series, roman_value};

/// A document symbol as written in the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolRef {
    /// The whole symbol, with its parenthesized year when it has one.
    pub range: Span,
    /// The components alone, without the parenthesized year or session: `S/RES/2427` of
    /// `S/RES/2427 (2018)`.
    pub core: Span,
}

impl SymbolRef {
    /// The same symbol, `shift` bytes further on.
    pub fn shifted(&self, shift: isize) -> SymbolRef {
        SymbolRef {
            range: self.range.shifted(shift),
            core: self.core.shifted(shift),
        }
    }
}

/// Find the document symbols in `text[within]` and push them to `out`.
pub fn scan(text: &str, within: Range<usize>, out: &mut Vec<SymbolRef>) {
    scan_slashes_in(text, within.clone(), within, out);
}

/// [`scan`] for the symbols whose first slash is in `slashes` only; each is read within
/// `within`.
pub fn scan_slashes_in(
    text: &str,
    within: Range<usize>,
    slashes: Range<usize>,
    out: &mut Vec<SymbolRef>,
) {
    let from = within.start.max(slashes.start);
    let bytes = text.as_bytes();
    let Some(region) = bytes.get(from..within.end.min(slashes.end)) else {
        return;
    };
    let mut resume = from;
    for slash in memchr::memchr_iter(b'/', region) {
        let slash = from + slash;
        if slash < resume {
            continue;
        }
        if let Some(symbol) = symbol_at(bytes, within.clone(), slash) {
            resume = symbol.range.end();
            out.push(symbol);
        }
    }
}

/// The symbol whose first slash is at `slash`, if there is one.
fn symbol_at(bytes: &[u8], within: Range<usize>, slash: usize) -> Option<SymbolRef> {
    let mut start = slash;
    while start > within.start
        && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'.')
    {
        start -= 1;
    }
    if start == slash || !bytes[start].is_ascii_uppercase() {
        return None;
    }
    if start > within.start {
        let before = bytes[start - 1];
        let joint =
            before == b'-' && start >= within.start + 2 && bytes[start - 2].is_ascii_digit();
        if !joint
            && matches!(
                before,
                b'/' | b'-' | b'_' | b'@' | b':' | b'\\' | b'&' | b'=' | b'#' | b'%' | b'~' | b'+'
            )
        {
            return None;
        }
    }
    let series = first_component_letters(&bytes[start..slash])?;
    // `XIII/18`, `V/11`: decisions of conferences of parties, numbered by Roman meeting.
    let series_text = std::str::from_utf8(series).ok()?;
    if !is_known_series(series_text) && roman_value(series_text).is_some() {
        return None;
    }
    let core_end = components_end(bytes, slash, within.end);
    if core_end <= slash + 1 {
        return None;
    }
    let core = &bytes[start..core_end];
    if !core.iter().any(u8::is_ascii_digit) {
        return None;
    }
    let end = parenthesized_end(bytes, core_end, within.end, series).unwrap_or(core_end);
    Some(SymbolRef {
        range: Span::new(start, end),
        core: Span::new(start, core_end),
    })
}

/// The letters of a first component `[A-Z]{1,10}(\.[0-9]{1,4})?`, or None.
fn first_component_letters(component: &[u8]) -> Option<&[u8]> {
    let letters_end = component
        .iter()
        .position(|byte| !byte.is_ascii_uppercase())
        .unwrap_or(component.len());
    if letters_end == 0 || letters_end > 10 {
        return None;
    }
    let rest = &component[letters_end..];
    let well_formed = rest.is_empty()
        || (rest.len() >= 2
            && rest.len() <= 5
            && rest[0] == b'.'
            && rest[1..].iter().all(u8::is_ascii_digit));
    well_formed.then_some(&component[..letters_end])
}

/// Where the components that follow the first slash end.
fn components_end(bytes: &[u8], slash: usize, limit: usize) -> usize {
    let mut position = slash;
    loop {
        // A component follows only when the slash is followed by a letter or figure.
        if position >= limit
            || bytes[position] != b'/'
            || position + 1 >= limit
            || !bytes[position + 1].is_ascii_alphanumeric()
        {
            return position;
        }
        let mut cursor = position + 1;
        while cursor < limit {
            let byte = bytes[cursor];
            let next = bytes
                .get(cursor + 1)
                .copied()
                .filter(|_| cursor + 1 < limit);
            let continues = match byte {
                b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' => true,
                // `Add.1`, `EA.5`, but not a full stop ending the sentence.
                b'.' => next.is_some_and(|next| next.is_ascii_alphanumeric()),
                // `S-13`, `COP-MOP`, but `61-E/2023/7` starts a joint symbol.
                b'-' => {
                    let previous_digit = bytes[cursor - 1].is_ascii_digit();
                    next.is_some_and(|next| {
                        next.is_ascii_alphanumeric()
                            && !(previous_digit && next.is_ascii_uppercase())
                    })
                }
                // `ICCD/COP(15)/21`: a meeting number attached inside a component.
                b'(' => attached_number_end(bytes, cursor, limit)
                    .is_some_and(|close| bytes.get(close) == Some(&b'/') && close < limit),
                _ => false,
            };
            if !continues {
                break;
            }
            if byte == b'(' {
                cursor = attached_number_end(bytes, cursor, limit).unwrap_or(cursor + 1);
            } else {
                cursor += 1;
            }
        }
        position = cursor;
    }
}

/// For `(15)` at `open`, the position just after the closing parenthesis.
fn attached_number_end(bytes: &[u8], open: usize, limit: usize) -> Option<usize> {
    let mut cursor = open + 1;
    while cursor < limit && cursor < open + 6 && bytes[cursor].is_ascii_digit() {
        cursor += 1;
    }
    (cursor > open + 1 && cursor < limit && bytes[cursor] == b')').then_some(cursor + 1)
}

/// The end of a parenthesized year or session after the components: `S/RES/2427 (2018)`,
/// `A/RES/217 A (III)`, `A/69/49(Vol.III)`.
fn parenthesized_end(bytes: &[u8], core_end: usize, limit: usize, series: &[u8]) -> Option<usize> {
    let ends_with_digit = bytes[..core_end].last().is_some_and(u8::is_ascii_digit);
    let mut cursor = core_end;
    if bytes.get(cursor) == Some(&b' ') {
        cursor += 1;
    }
    // The letter of one of several resolutions under one number: `217 A (III)`.
    let mut lettered = false;
    if cursor > core_end
        && bytes.get(cursor).is_some_and(u8::is_ascii_uppercase)
        && bytes.get(cursor + 1) == Some(&b' ')
        && bytes.get(cursor + 2) == Some(&b'(')
    {
        cursor += 2;
        lettered = true;
    }
    if bytes.get(cursor) != Some(&b'(') {
        return None;
    }
    let close = cursor
        + bytes
            .get(cursor..limit)?
            .iter()
            .take(16)
            .position(|byte| *byte == b')')?;
    let inner = std::str::from_utf8(&bytes[cursor + 1..close]).ok()?;
    let year = inner.len() == 4
        && inner.bytes().all(|byte| byte.is_ascii_digit())
        && inner.starts_with(['1', '2']);
    let session = {
        let numeral = inner
            .strip_prefix("ES-")
            .or_else(|| inner.strip_prefix("S-"))
            .unwrap_or(inner);
        roman_value(numeral).is_some()
    };
    let volume = inner
        .strip_prefix("Vol.")
        .or_else(|| inner.strip_prefix("Part "))
        .is_some_and(|numeral| roman_value(numeral).is_some());
    let fits = match series {
        b"S" => year && ends_with_digit && !lettered,
        b"A" | b"E" => (session && ends_with_digit) || (volume && !lettered),
        _ => volume && !lettered,
    };
    fits.then_some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(text: &str) -> Vec<&str> {
        let mut found = Vec::new();
        scan(text, 0..text.len(), &mut found);
        found
            .iter()
            .map(|symbol| &text[symbol.range.range()])
            .collect()
    }

    #[test]
    fn symbols_in_running_text() {
        assert_eq!(symbols("<sup>1</sup> A/HRC/23/61."), vec!["A/HRC/23/61"]);
        assert_eq!(
            symbols("(S/RES/2427 (2018)) and S/RES/2428(2018), E/CN.6/2020/L.1/Rev.1;"),
            vec![
                "S/RES/2427 (2018)",
                "S/RES/2428(2018)",
                "E/CN.6/2020/L.1/Rev.1"
            ]
        );
        assert_eq!(
            symbols("see A/RES/217 A (III) and A/69/49(Vol.III)"),
            vec!["A/RES/217 A (III)", "A/69/49(Vol.III)"]
        );
        assert_eq!(
            symbols("the report (A/78/61-E/2023/7)."),
            vec!["A/78/61", "E/2023/7"]
        );
        assert_eq!(
            symbols("UNEP/CBD/BS/COP-MOP/5/17 and UNEP/EA.5/Res.8. ICCD/COP(15)/21"),
            vec![
                "UNEP/CBD/BS/COP-MOP/5/17",
                "UNEP/EA.5/Res.8",
                "ICCD/COP(15)/21"
            ]
        );
    }

    #[test]
    fn prose_with_slashes_is_not_a_symbol() {
        for text in [
            "and/or",
            "HIV/AIDS",
            "90 km/h",
            "on 18.02.2010",
            "COVID-19",
            "a 2/3 majority",
            "ECOWAS/CPLP",
            "decisions XIII/18 and X/1",
            "https://undocs.org/A/HRC/23/61",
            "www.un.org/en/A/RES/78/1",
            "</sup>",
            "A/ B",
        ] {
            assert_eq!(symbols(text), Vec::<&str>::new(), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_symbols_on_char_boundaries(
            text in "[A-Za-z0-9/.()\\- é😀\n*_:]{0,80}"
        ) {
            let mut found = Vec::new();
            scan(&text, 0..text.len(), &mut found);
            for symbol in found {
                proptest::prop_assert!(text.get(symbol.range.range()).is_some());
                proptest::prop_assert!(text.get(symbol.core.range()).is_some());
                let _ = crate::vocab::symbols::examine(&text[symbol.core.range()]);
                let _ = crate::vocab::symbols::explain(&text[symbol.range.range()]);
            }
        }
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in [
            "/",
            "A/",
            "A/1(",
            "A/1 (",
            "S/RES/1 (20",
            "é/é",
            "A/HRC/1-",
            "X/(1)/",
        ] {
            symbols(text);
        }
    }
}
