//! Random sequences of incremental edits, applied through the server's document store (a
//! rope) and through a plain `String` model, in UTF-16 or UTF-8 positions: both give the same
//! text at every step, the store's snapshot follows every change, and the final text analyses
//! without panicking.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use resolution_ls::lsp::encoding::PositionEncoding;
use resolution_ls::lsp::fuzzing::DocumentStore;
use resolution_ls::syntax::LineIndex;
use resolution_ls::{Config, analyze};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

#[path = "../../tests/support/plain_edits.rs"]
mod plain_edits;

#[derive(Arbitrary, Debug)]
struct Change {
    picks: [u32; 4],
    replacement: String,
    /// Replace the whole text instead (rarely).
    whole: bool,
    /// Take a snapshot after this change, as the server does before each analysis.
    snapshot: bool,
}

#[derive(Arbitrary, Debug)]
struct Session {
    initial: String,
    utf8: bool,
    /// Changes per `didChange` notification.
    batches: Vec<Vec<Change>>,
}

fuzz_target!(|session: Session| {
    let Ok(uri) = "file:///fuzz/draft.res.md".parse::<Uri>() else {
        return;
    };
    let utf16 = !session.utf8;
    let encoding = if utf16 {
        PositionEncoding::Utf16
    } else {
        PositionEncoding::Utf8
    };
    let mut store = DocumentStore::default();
    store.open(uri.clone(), &session.initial, 0);
    let mut expected = session.initial.clone();
    for (version, batch) in session.batches.iter().enumerate() {
        let mut events = Vec::new();
        for change in batch {
            let event = if change.whole && change.replacement.len() % 8 == 0 {
                TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: change.replacement.clone(),
                }
            } else {
                plain_edits::pick_change(&expected, utf16, change.picks, &change.replacement)
            };
            plain_edits::apply_change(&mut expected, &event, utf16);
            events.push(event);
        }
        let version = version as i32 + 1;
        assert!(store.change(&uri, version, &events, encoding).is_ok());
        if batch.iter().any(|change| change.snapshot) || version as usize == session.batches.len() {
            let Some(snapshot) = store.snapshot(&uri) else {
                panic!("the document disappeared");
            };
            assert_eq!(&*snapshot.text, expected.as_str());
            assert_eq!(snapshot.version, version);
            assert_eq!(*snapshot.lines, LineIndex::new(&expected));
        }
    }
    let _ = analyze(&expected, &Config::default());
});
