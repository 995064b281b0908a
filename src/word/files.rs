//! Word documents on disk: reading a base, exporting against it, writing an export atomically.
//! Shared by `resolution-ls export` and the language server's export commands.

use std::io::{self, Write};
use std::path::Path;

use super::{Document, ExportOptions, import};

/// The base of a tracked export: a Word document or PDF, imported, or a draft (`.md`).
/// `shown` names the file in errors.
pub fn read_base(path: &Path, shown: &str) -> Result<Document, String> {
    let bytes =
        std::fs::read(path).map_err(|error| format!("{shown}: cannot read the base: {error}"))?;
    let is_markdown = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("md"));
    if is_markdown {
        let text =
            String::from_utf8(bytes).map_err(|_| format!("{shown}: the base is not UTF-8 text"))?;
        return Ok(super::read_draft(&text).0);
    }
    import::import(&bytes, path)
        .map(|imported| imported.document)
        .map_err(|error| format!("{shown}: {error}"))
}

/// The draft as a `.docx` whose tracked changes, accepted, give the draft and, rejected, give
/// the base at `base_path`. A Word base lends its own styles and page setup.
pub fn export_against_base(
    draft: &Document,
    base_path: &Path,
    shown_base: &str,
    options: &ExportOptions,
) -> Result<Vec<u8>, String> {
    let base = read_base(base_path, shown_base)?;
    let mut options = options.clone();
    options.base_layout = std::fs::read(base_path)
        .ok()
        .and_then(|bytes| import::base_layout(&bytes));
    super::export::export_tracked(&base, draft, &options).map_err(|error| error.to_string())
}

/// What to do when the output file exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    Refuse,
    Replace,
}

/// The message for an output file that exists and may not be replaced.
pub fn exists_message(shown: &str) -> String {
    format!("{shown}: the file exists; choose another name or add --force to overwrite it")
}

/// Write `bytes` to a temporary file beside `path` and rename it into place, so that `path`
/// is never half written; with [`Existing::Refuse`], a file that is there (or appeared
/// meanwhile) is not replaced.
pub fn write_atomically(
    path: &Path,
    shown: &str,
    bytes: &[u8],
    existing: Existing,
) -> Result<(), String> {
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".resolution-ls.")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|error| format!("{shown}: cannot create a file in its folder: {error}"))?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|error| format!("{shown}: cannot write it: {error}"))?;
    let persisted = match existing {
        Existing::Replace => temporary.persist(path).map(|_| ()),
        Existing::Refuse => temporary.persist_noclobber(path).map(|_| ()),
    };
    persisted.map_err(|error| {
        if error.error.kind() == io::ErrorKind::AlreadyExists {
            exists_message(shown)
        } else {
            format!("{shown}: cannot write it: {}", error.error)
        }
    })
}

/// Today's date (UTC) from the system clock, as Word dates tracked changes.
pub fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T00:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_a_word_date() {
        let today = today();
        assert_eq!(today.len(), "2026-12-03T00:00:00Z".len());
        assert!(today.ends_with("T00:00:00Z"));
    }

    #[test]
    fn an_existing_file_is_kept_or_replaced_as_asked() -> Result<(), Box<dyn std::error::Error>> {
        let folder = tempfile::tempdir()?;
        let path = folder.path().join("draft.docx");
        std::fs::write(&path, b"old")?;
        let refused = write_atomically(&path, "draft.docx", b"new", Existing::Refuse);
        assert_eq!(refused, Err(exists_message("draft.docx")));
        assert_eq!(std::fs::read(&path)?, b"old");
        write_atomically(&path, "draft.docx", b"new", Existing::Replace)?;
        assert_eq!(std::fs::read(&path)?, b"new");
        assert_eq!(
            std::fs::read_dir(folder.path())?.count(),
            1,
            "no temporary file is left"
        );
        Ok(())
    }
}
