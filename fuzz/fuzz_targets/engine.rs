//! Arbitrary bytes (read as lossy UTF-8) through the parser, every rule, every distinct fix on
//! its own and `fix_all`: nothing panics, every range and edit is inside the text and on character
//! boundaries, no fix has overlapping edits, and fixing twice changes nothing.

#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use resolution_ls::diagnostic::ranges_overlap;
use resolution_ls::fix::{apply_edits, fix_all};
use resolution_ls::{Config, analyze};

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the settings, so that the rule which compares symbols with a
    // known list runs too.
    let (with_known_symbols, body) = match data.split_first() {
        Some((first, rest)) => (first & 1 == 1, rest),
        None => (false, data),
    };
    let text = String::from_utf8_lossy(body);
    let mut config = Config::default();
    if with_known_symbols {
        config.known_symbols = Some(HashSet::from(["A/HRC/23/61".to_string()]));
    }

    let diagnostics = analyze(&text, &config);
    // Several diagnostics can carry the same fix (every misnumbered paragraph offers the one
    // renumbering): each distinct fix is applied and re-analysed once.
    let mut fixes_tried = Vec::new();
    for diagnostic in &diagnostics {
        let range = &diagnostic.range;
        assert!(
            range.start <= range.end && range.end <= text.len(),
            "{diagnostic:?}"
        );
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        assert!(!diagnostic.message.is_empty());
        let Some(fix) = &diagnostic.fix else { continue };
        assert!(!fix.title.is_empty());
        for (position, edit) in fix.edits.iter().enumerate() {
            let range = &edit.range;
            assert!(
                range.start <= range.end && range.end <= text.len(),
                "{fix:?}"
            );
            assert!(
                text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
                "{fix:?}"
            );
            for other in &fix.edits[position + 1..] {
                assert!(
                    !ranges_overlap(range, &other.range),
                    "overlapping edits: {fix:?}"
                );
            }
        }
        if fixes_tried.contains(&&fix.edits) {
            continue;
        }
        fixes_tried.push(&fix.edits);
        let fixed = apply_edits(&text, &fix.edits);
        for after in analyze(&fixed, &config) {
            assert!(after.range.end <= fixed.len() && fixed.is_char_boundary(after.range.start));
        }
    }

    let once = fix_all(&text, &config);
    let twice = fix_all(&once.text, &config);
    assert_eq!(twice.text, once.text, "fixing twice changed the text");
});
