//! Properties that must hold on any text: no layer panics, every fix is a set of
//! non-overlapping edits inside the text, and fixing is idempotent.

use proptest::prelude::*;
use resolution_ls::diagnostic::ranges_overlap;
use resolution_ls::fix::apply_edits;
use resolution_ls::syntax::{ColumnUnit, LineIndex};
use resolution_ls::{Applicability, Config, analysis, analyze, syntax};

/// Pieces of drafts, so that random texts reach the parser's and the rules' deep paths
/// rather than only their "not a draft" exits.
const FRAGMENTS: &[&str] = &[
    "*The Human Rights Council,*",
    "*The Security Council,*",
    "*Recalling*",
    "*Recalling also*",
    "*Recalls*",
    "*Urge*",
    "Requests",
    "1. ",
    "2. ",
    "4. ",
    "5 bis. ",
    "**3.** ",
    "1\\. ",
    "(a) ",
    "(b) ",
    "(i) ",
    "(iii) ",
    "a. ",
    "<sup>1</sup>",
    "<sup>2</sup> ",
    "[^1]",
    "[^1]: ",
    "<sup>",
    "</sup>",
    "A/HRC/23/61",
    "A/HCR/23/61",
    "S/RES/2427 (2018)",
    "resolution 67/169 of 20 December 2019",
    "paragraph 5 above",
    "paragraphs 2 to 4 below",
    "subparagraph (b) of paragraph 7",
    "Annex",
    "II",
    "### Section",
    "---",
    "<!-- resolution-ls: disable misnumbered-paragraph -->",
    "<!-- resolution-ls: enable -->",
    "<!--",
    "-->",
    "the States",
    ",",
    ";",
    ".",
    ":",
    " ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{feff}",
    "é",
    "e\u{301}",
    "😀",
    "مجلس",
    "理事会",
    "Совет",
    "*",
    "_",
    "[",
    "]",
];

fn draft_like_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            1 => any::<String>(),
        ],
        0..60,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn analysis_and_fixing_never_panic_and_fixes_are_sound(text in draft_like_text()) {
        let config = Config::default();
        let diagnostics = analyze(&text, &config);
        for diagnostic in &diagnostics {
            prop_assert!(diagnostic.range.start <= diagnostic.range.end);
            prop_assert!(diagnostic.range.end <= text.len());
            prop_assert!(text.is_char_boundary(diagnostic.range.start));
            prop_assert!(text.is_char_boundary(diagnostic.range.end));
            if let Some(fix) = &diagnostic.fix {
                for (position, edit) in fix.edits.iter().enumerate() {
                    prop_assert!(edit.range.end <= text.len());
                    prop_assert!(text.is_char_boundary(edit.range.start) && text.is_char_boundary(edit.range.end));
                    for other in &fix.edits[position + 1..] {
                        prop_assert!(!ranges_overlap(&edit.range, &other.range), "fix `{}` has overlapping edits", fix.title);
                    }
                }
            }
        }
        let fixed = analysis::fix_all(&text, &config, Applicability::Unsafe);
        let twice = analysis::fix_all(&fixed.text, &config, Applicability::Unsafe);
        prop_assert_eq!(&twice.text, &fixed.text, "fixing twice changed the text");
    }

    #[test]
    fn every_fix_applies_whole_and_its_result_analyses(text in draft_like_text()) {
        let config = Config::default();
        for diagnostic in analyze(&text, &config) {
            let Some(fix) = diagnostic.fix else { continue };
            let fixed = apply_edits(&text, &fix.edits);
            // `apply_edits` skips an edit that is out of bounds or overlaps another: the length
            // shows that none was skipped.
            let removed: usize = fix.edits.iter().map(|edit| edit.range.len()).sum();
            let inserted: usize = fix.edits.iter().map(|edit| edit.replacement.len()).sum();
            prop_assert_eq!(fixed.len() + removed, text.len() + inserted, "fix `{}` lost an edit", fix.title);
            for after in analyze(&fixed, &config) {
                prop_assert!(after.range.end <= fixed.len());
                prop_assert!(fixed.is_char_boundary(after.range.start) && fixed.is_char_boundary(after.range.end));
            }
        }
    }

    #[test]
    fn analysis_on_two_threads_gives_the_same_diagnostics(text in draft_like_text()) {
        let config = Config::default();
        let on_two = resolution_ls::analysis::analyze_on_two_threads(&text, &config, None).0;
        prop_assert_eq!(on_two.diagnostics, analyze(&text, &config));
    }

    #[test]
    fn analysis_with_the_previous_version_gives_the_diagnostics_of_a_whole_analysis(
        text in draft_like_text(),
        inserted in draft_like_text(),
        at in any::<prop::sample::Index>(),
        removed in 0..40usize,
        replace_letter in any::<bool>(),
    ) {
        let config = Config::default();
        let start = syntax::floor_char_boundary(&text, at.index(text.len() + 1));
        let end = syntax::floor_char_boundary(&text, (start + removed).min(text.len()));
        // Typing over a letter changes a word without moving anything after it.
        let letter = text[start..].chars().next().filter(char::is_ascii_alphabetic);
        let edited = match letter {
            Some(letter) if replace_letter => {
                let other = if letter == 'q' { 'z' } else { 'q' };
                format!("{}{other}{}", &text[..start], &text[start + 1..])
            }
            _ => format!("{}{inserted}{}", &text[..start], &text[end..]),
        };
        let (_, blocks) = resolution_ls::analysis::analyze_on_two_threads(&text, &config, None);
        let again = resolution_ls::analysis::analyze_on_two_threads(
            &edited,
            &config,
            Some((&text, &blocks)),
        )
        .0;
        prop_assert_eq!(again.diagnostics, analyze(&edited, &config));
    }

    #[test]
    fn parsing_any_text_never_panics(text in any::<String>()) {
        let draft = syntax::parse(&text);
        for paragraph in &draft.paragraphs {
            prop_assert!(paragraph.range.end() <= text.len());
        }
    }

    #[test]
    fn offsets_and_positions_round_trip(text in draft_like_text(), pick in any::<prop::sample::Index>()) {
        let index = LineIndex::new(&text);
        let boundaries: Vec<usize> = text.char_indices().map(|(offset, _)| offset).chain([text.len()]).collect();
        let offset = boundaries[pick.index(boundaries.len())];
        // A position inside a CRLF pair is not addressable; it maps to the end of the line.
        let inside_crlf = offset > 0 && text.as_bytes().get(offset - 1) == Some(&b'\r') && text.as_bytes().get(offset) == Some(&b'\n');
        if !inside_crlf {
            for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
                let position = index.line_col(&text, offset, unit);
                prop_assert_eq!(index.offset(&text, position, unit), offset);
            }
        }
    }
}
