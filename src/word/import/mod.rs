//! Reading a Word document, a PDF, or the text of a PDF into a [`Document`].

mod docx;
pub mod text;
mod xml;

use std::path::Path;

use super::document::Document;

/// A document read, with what the user should know about the reading.
#[derive(Debug)]
pub struct Imported {
    pub document: Document,
    /// "accepted 3 tracked insertions ...", said on standard error.
    pub notes: Vec<String>,
}

/// Why nothing was imported.
#[derive(Debug)]
pub enum ImportError {
    /// Not a document this reads (a picture, an old `.doc`, a spreadsheet).
    NotADocument(String),
    /// Password-protected.
    Encrypted(String),
    /// A `.docx` or PDF that is cut short or corrupt.
    Damaged(String),
    /// A document with no resolution in it.
    NoResolution(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotADocument(message) => write!(
                f,
                "{message}; give a .docx (Word 2007 or later), a .pdf, or a .txt with the text of a PDF"
            ),
            ImportError::Encrypted(message) => write!(
                f,
                "{message}; open it in Word, remove the password (File > Info > Protect Document) and save it again"
            ),
            ImportError::Damaged(message) => write!(
                f,
                "{message}; the file is damaged or cut short: download it again, or open it and save it again"
            ),
            ImportError::NoResolution(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ImportError {}

pub use docx::base_layout;

/// Read `bytes`, whose file name is `path`: the contents decide the format, the extension
/// only tells a PDF's text from other text.
pub fn import(bytes: &[u8], path: &Path) -> Result<Imported, ImportError> {
    let imported = if bytes.starts_with(b"PK\x03\x04") {
        docx::read(bytes)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::Encrypted(
            "this is an encrypted Word document or an old binary .doc, which cannot be read"
                .to_string(),
        ));
    } else if bytes.starts_with(b"%PDF") {
        text::read_pdf(bytes)?
    } else {
        let is_text_file = path
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("txt"));
        match std::str::from_utf8(bytes) {
            Ok(content) if is_text_file => text::read_text(content),
            _ => {
                return Err(ImportError::NotADocument(
                    "neither a Word document nor a PDF".to_string(),
                ));
            }
        }
    };
    let markdown = super::markdown::write_document(&imported.document);
    let draft = crate::syntax::parse(&markdown);
    if !draft.has_organ_line() && draft.operative().next().is_none() {
        return Err(ImportError::NoResolution(
            "no resolution found in it: no organ line such as \"The General Assembly,\" and no \
             numbered operative paragraph; nothing was written"
                .to_string(),
        ));
    }
    Ok(imported)
}
