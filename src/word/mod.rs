//! Word and PDF: export a draft as a `.docx` in the layout of a United Nations resolution (with
//! a base, every change as Word tracked changes), and import a `.docx`, PDF or PDF text back into
//! a draft. The layer sits beside `cli`, over the engine's model ([`crate::syntax::Draft`]).

pub mod diff;
pub mod document;
pub mod export;
pub mod files;
pub mod import;
pub mod markdown;
pub mod summary;

pub use document::{Block, Document, Emphasis, Footnote, Inline, Role, Warning};
pub use export::{ExportError, ExportOptions, Layout};

/// A draft's text read into a document, with what Word will show exactly as drafted.
pub fn read_draft(text: &str) -> (Document, Vec<Warning>) {
    let draft = crate::syntax::parse(text);
    document::from_draft(&draft)
}

/// The draft as a `.docx` file.
pub fn export_draft(
    text: &str,
    options: &ExportOptions,
) -> Result<(Vec<u8>, Vec<Warning>), ExportError> {
    let (document, warnings) = read_draft(text);
    let bytes = export::export(&document, options)?;
    Ok((bytes, warnings))
}
