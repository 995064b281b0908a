//! Properties of the language server's document store: any sequence of incremental edits gives
//! the same text, line index and diagnostics as applying the edits to a `String` and analysing
//! the result from scratch, in UTF-16 and UTF-8 positions, on text with CRLF and lone CR line
//! breaks, combining marks and astral characters; and the rope and the line index agree on
//! what every position (on the text, past a line's end, inside a character) points at.

#[path = "support/plain_edits.rs"]
mod plain_edits;

use proptest::prelude::*;
use resolution_ls::lsp::encoding::PositionEncoding;
use resolution_ls::lsp::fuzzing::DocumentStore;
use resolution_ls::syntax::LineIndex;
use resolution_ls::{Config, analyze};
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent, Uri};

/// Pieces of text that stress positions: every kind of line break, characters of one to four
/// UTF-8 bytes and one or two UTF-16 units, combining marks, and bits of drafts.
const PIECES: &[&str] = &[
    "",
    "a",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "é",
    "e\u{301}",
    "o\u{308}\u{301}",
    "😀",
    "𝒜",
    "理事会",
    "مجلس",
    "Совет",
    "\u{feff}",
    "\u{2028}",
    "\u{85}",
    "\u{b}",
    "\u{c}",
    "1. ",
    "2. ",
    "(a) ",
    "*Urge* ",
    "*Recalling*",
    "*The Human Rights Council,*",
    "<sup>1</sup>",
    "[^1]: ",
    "A/HRC/23/61",
    ";",
    ",",
];

fn piece_text(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max_pieces)
        .prop_map(|pieces| pieces.concat())
}

/// One change: four numbers that choose its range on the text as it is then, its new text,
/// and (rarely) whether it replaces the whole text.
fn change() -> impl Strategy<Value = ([u32; 4], String, bool)> {
    (any::<[u32; 4]>(), piece_text(4), prop::bool::weighted(0.05))
}

fn uri() -> Uri {
    match "file:///drafts/edited.res.md".parse() {
        Ok(uri) => uri,
        Err(_) => panic!("a constant URI parses"),
    }
}

fn encodings() -> impl Strategy<Value = PositionEncoding> {
    prop_oneof![Just(PositionEncoding::Utf16), Just(PositionEncoding::Utf8)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn incremental_edits_match_a_string_and_a_fresh_analysis(
        initial in piece_text(30),
        encoding in encodings(),
        batches in prop::collection::vec(prop::collection::vec(change(), 1..4), 1..12),
    ) {
        let utf16 = encoding == PositionEncoding::Utf16;
        let mut store = DocumentStore::default();
        store.open(uri(), &initial, 1);
        let mut expected = initial.clone();
        for (index, batch) in batches.iter().enumerate() {
            let mut events = Vec::new();
            for (picks, replacement, whole) in batch {
                let event = if *whole {
                    TextDocumentContentChangeEvent { range: None, range_length: None, text: replacement.clone() }
                } else {
                    plain_edits::pick_change(&expected, utf16, *picks, replacement)
                };
                plain_edits::apply_change(&mut expected, &event, utf16);
                events.push(event);
            }
            let version = index as i32 + 2;
            prop_assert!(store.change(&uri(), version, &events, encoding).is_ok());
            // The server takes a snapshot after every notification; it must follow the change.
            let snapshot = store.snapshot(&uri());
            prop_assert!(snapshot.is_some());
            let Some(snapshot) = snapshot else { continue };
            prop_assert_eq!(&*snapshot.text, expected.as_str(), "after batch {} {:?}", index, events);
            prop_assert_eq!(snapshot.version, version);
            prop_assert_eq!(&*snapshot.lines, &LineIndex::new(&expected));
        }
        let config = Config::default();
        let Some(snapshot) = store.snapshot(&uri()) else {
            return Err(TestCaseError::fail("the document disappeared"));
        };
        prop_assert_eq!(analyze(&snapshot.text, &config), analyze(&expected, &config));
    }

    #[test]
    fn rope_and_line_index_agree_on_every_position(
        text in piece_text(40),
        encoding in encodings(),
        line_pick in any::<u32>(),
        column_pick in any::<u32>(),
        far in prop::bool::weighted(0.1),
    ) {
        let utf16 = encoding == PositionEncoding::Utf16;
        let mut position = plain_edits::pick_position(&text, utf16, line_pick, column_pick);
        if far {
            position = Position::new(position.line.saturating_add(line_pick % 3), column_pick);
        }
        let model = plain_edits::byte_offset(&text, position, utf16);
        let rope = Rope::from_str(&text);
        let from_rope = rope.char_to_byte(encoding.rope_char(&rope, position));
        prop_assert_eq!(from_rope, model, "rope at {:?} in {:?}", position, text);
        let lines = LineIndex::new(&text);
        let from_index = encoding.offset(&text, &lines, position);
        prop_assert_eq!(from_index, model, "line index at {:?} in {:?}", position, text);
    }

    #[test]
    fn positions_of_every_offset_round_trip_through_the_rope(
        text in piece_text(40),
        encoding in encodings(),
    ) {
        let lines = LineIndex::new(&text);
        let rope = Rope::from_str(&text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            // Between the CR and the LF of a CRLF pair is not a position LSP can name.
            if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                continue;
            }
            let position = encoding.position(&text, &lines, offset);
            prop_assert_eq!(encoding.offset(&text, &lines, position), offset);
            prop_assert_eq!(rope.char_to_byte(encoding.rope_char(&rope, position)), offset);
        }
    }
}

#[test]
fn a_change_for_an_unknown_document_or_an_old_version_is_rejected_and_changes_nothing() {
    use resolution_ls::lsp::fuzzing::ChangeRejected;
    let mut store = DocumentStore::default();
    let event = plain_edits::pick_change("", true, [0, 0, 0, 0], "x");
    assert_eq!(
        store.change(
            &uri(),
            2,
            std::slice::from_ref(&event),
            PositionEncoding::Utf16
        ),
        Err(ChangeRejected::UnknownDocument)
    );
    store.open(uri(), "1. a\r\n", 5);
    assert_eq!(
        store.change(
            &uri(),
            5,
            std::slice::from_ref(&event),
            PositionEncoding::Utf16
        ),
        Err(ChangeRejected::StaleVersion { have: 5, got: 5 })
    );
    let text = store
        .snapshot(&uri())
        .map(|snapshot| snapshot.text.to_string());
    assert_eq!(text.as_deref(), Some("1. a\r\n"));
}
