//! A text and one edit to it: the analysis of the edited text given the previous version (the
//! blocks read again only around the edit, the line index and the paragraph references kept
//! outside it) gives the diagnostics and the line index of a whole analysis.

#![no_main]

use libfuzzer_sys::fuzz_target;
use resolution_ls::Config;
use resolution_ls::analysis::{analyze_indexed, analyze_on_two_threads};
use resolution_ls::syntax::floor_char_boundary;

fuzz_target!(|data: &[u8]| {
    // The first four bytes choose the edit; the rest is the text.
    let Some((edit, body)) = data.split_first_chunk::<4>() else {
        return;
    };
    let text = String::from_utf8_lossy(body);
    let at = floor_char_boundary(
        &text,
        usize::from(u16::from_le_bytes([edit[0], edit[1]])) % (text.len() + 1),
    );
    let removed_end = floor_char_boundary(&text, at + usize::from(edit[2] % 64)).max(at);
    // What is typed is a piece of the text itself, so that edits bring in draft-like words.
    let piece_start = floor_char_boundary(&text, usize::from(edit[3]) * 131 % (text.len() + 1));
    let piece_end =
        floor_char_boundary(&text, piece_start + usize::from(edit[3] % 48)).max(piece_start);
    let edited = format!(
        "{}{}{}",
        &text[..at],
        &text[piece_start..piece_end],
        &text[removed_end..]
    );

    let config = Config::default();
    let (_, blocks) = analyze_on_two_threads(&text, &config, None);
    let (again, _) = analyze_on_two_threads(&edited, &config, Some((&text, &blocks)));
    let whole = analyze_indexed(&edited, &config);
    assert!(
        again.diagnostics == whole.diagnostics,
        "the analysis given the previous version differs from a whole one"
    );
    assert!(
        again.lines == whole.lines,
        "the line index after the edit differs from the edited text's"
    );
});
