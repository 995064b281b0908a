//! `resolution-ls export` and `resolution-ls import`: the command line over [`crate::word`].

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::word::{self, ExportOptions, Layout};

use super::{Environment, FAILURE, SUCCESS};

pub const EXPORT_AFTER_HELP: &str = r#"The document:
  Times New Roman; the masthead lines (symbol, distribution and date at the right); the bold
  title; the italic organ line; preambular paragraphs indented; operative numbers and
  subparagraph labels typed as drafted, with a hanging indent (never Word's automatic
  numbering, so a misnumbered draft stays misnumbered, with a warning); footnotes of both
  syntaxes (`<sup>1</sup>` and `[^1]`) as real Word footnotes.

Tracked changes (--base):
  Every difference from the base (a .docx, or a draft .md), word by word, as Word tracked
  insertions and deletions by --author on --date. Accept all changes in Word and you have the
  draft; reject all and you have the base.

Examples:
  resolution-ls export draft.res.md -o draft.docx
  resolution-ls export draft.res.md --layout manuscript -o submission.docx
  resolution-ls export draft.res.md --base last-year.docx -o submission.docx --author "Costa Rica""#;

pub const IMPORT_AFTER_HELP: &str = r#"What is read:
  .docx: paragraphs, italics and bold (also from styles), operative numbers and subparagraph
  labels as Word shows them (computed from the document's numbering where Word numbers
  automatically), footnotes as `<sup>n</sup>` markers with their texts at the end; tracked
  changes are accepted, and said so.
  .pdf: the text of each page with running headers, footers, job numbers and page numbers
  dropped, lines joined into paragraphs and hyphenation undone, footnotes moved to the end.
  .txt: the text of a PDF, read the same way.

Examples:
  resolution-ls import last-year.docx -o draft.res.md
  resolution-ls import A_RES_78_155.pdf -o -"#;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The draft to export.
    #[arg(value_name = "DRAFT")]
    pub input: PathBuf,

    /// The Word document to write.
    #[arg(short, long, value_name = "FILE.docx")]
    pub output: PathBuf,

    /// The page layout.
    #[arg(long, value_enum, default_value_t = LayoutArg::Printed)]
    pub layout: LayoutArg,

    /// Show every change against this document (.docx or a draft .md) as tracked changes.
    #[arg(long, value_name = "BASE")]
    pub base: Option<PathBuf>,

    /// The author of the tracked changes.
    #[arg(long, default_value = "resolution-ls", requires = "base")]
    pub author: String,

    /// The date of the tracked changes (YYYY-MM-DD or an ISO 8601 date and time); today by
    /// default.
    #[arg(long, value_name = "DATE", requires = "base")]
    pub date: Option<String>,

    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// As printed: Times New Roman 10 pt, footnotes 9 pt.
    Printed,
    /// For submission: 12 pt, double spacing.
    Manuscript,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The document to read: .docx, .pdf, or .txt holding the text of a PDF.
    #[arg(value_name = "FILE")]
    pub input: PathBuf,

    /// The draft to write; `-` writes it to standard output.
    #[arg(short, long, value_name = "DRAFT.res.md")]
    pub output: PathBuf,

    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run_export(arguments: &ExportArgs, environment: &mut Environment<'_>) -> io::Result<u8> {
    let folder = environment.current_folder.clone();
    let input = folder.join(&arguments.input);
    let output = folder.join(&arguments.output);
    let shown_input = arguments.input.display().to_string();
    let text = match read_draft_text(&input, &shown_input) {
        Ok(text) => text,
        Err(message) => return fail(environment, &message),
    };
    if let Err(message) = refuse_existing(&output, &arguments.output, arguments.force) {
        return fail(environment, &message);
    }
    let date = match &arguments.date {
        Some(date) => match normalize_date(date) {
            Some(date) => date,
            None => {
                return fail(
                    environment,
                    &format!("--date {date}: not a date; write it as YYYY-MM-DD"),
                );
            }
        },
        None => today(),
    };
    let mut options = ExportOptions {
        layout: match arguments.layout {
            LayoutArg::Printed => Layout::Printed,
            LayoutArg::Manuscript => Layout::Manuscript,
        },
        author: arguments.author.clone(),
        date,
        base_layout: None,
    };
    let (document, warnings) = word::read_draft(&text);
    if document.blocks.is_empty() {
        return fail(
            environment,
            &format!("{shown_input}: the file holds no text to export"),
        );
    }
    let bytes = match &arguments.base {
        None => word::export::export(&document, &options),
        Some(base_path) => {
            let shown_base = base_path.display().to_string();
            let base = match read_base(&folder.join(base_path), &shown_base) {
                Ok(base) => base,
                Err(message) => return fail(environment, &message),
            };
            // A Word base lends its own styles and page setup.
            options.base_layout = std::fs::read(folder.join(base_path))
                .ok()
                .and_then(|bytes| word::import::base_layout(&bytes));
            word::export::export_tracked(&base, &document, &options)
        }
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => return fail(environment, &format!("{shown_input}: {error}")),
    };
    for warning in &warnings {
        writeln!(
            environment.stderr,
            "warning: {shown_input}:{}: {}",
            warning.line, warning.message
        )?;
    }
    if let Err(message) = write_new_file(&output, &arguments.output, &bytes, arguments.force) {
        return fail(environment, &message);
    }
    Ok(SUCCESS)
}

pub fn run_import(arguments: &ImportArgs, environment: &mut Environment<'_>) -> io::Result<u8> {
    let folder = environment.current_folder.clone();
    let input = folder.join(&arguments.input);
    let shown_input = arguments.input.display().to_string();
    let to_stdout = arguments.output.as_os_str() == "-";
    let output = folder.join(&arguments.output);
    if !to_stdout && let Err(message) = refuse_existing(&output, &arguments.output, arguments.force)
    {
        return fail(environment, &message);
    }
    let bytes = match std::fs::read(&input) {
        Ok(bytes) => bytes,
        Err(error) => {
            return fail(
                environment,
                &format!("{shown_input}: cannot read it: {error}"),
            );
        }
    };
    let imported = match word::import::import(&bytes, &input) {
        Ok(imported) => imported,
        Err(error) => return fail(environment, &format!("{shown_input}: {error}")),
    };
    for note in &imported.notes {
        writeln!(environment.stderr, "note: {shown_input}: {note}")?;
    }
    let text = word::markdown::write_document(&imported.document);
    if to_stdout {
        environment.stdout.write_all(text.as_bytes())?;
        return Ok(SUCCESS);
    }
    if let Err(message) =
        write_new_file(&output, &arguments.output, text.as_bytes(), arguments.force)
    {
        return fail(environment, &message);
    }
    Ok(SUCCESS)
}

fn fail(environment: &mut Environment<'_>, message: &str) -> io::Result<u8> {
    writeln!(environment.stderr, "error: {message}")?;
    Ok(FAILURE)
}

fn read_draft_text(path: &Path, shown: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|error| format!("{shown}: cannot read it: {error}"))?;
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"%PDF") {
        return Err(format!(
            "{shown}: this is a Word or PDF document, not a draft; run `resolution-ls import {shown} -o draft.res.md` first"
        ));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{shown}: not UTF-8 text; save the draft as UTF-8 and try again"))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// The base of a tracked export: a Word document or PDF, imported, or a draft.
fn read_base(path: &Path, shown: &str) -> Result<word::Document, String> {
    let bytes =
        std::fs::read(path).map_err(|error| format!("{shown}: cannot read the base: {error}"))?;
    let is_markdown = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("md"));
    if is_markdown {
        let text =
            String::from_utf8(bytes).map_err(|_| format!("{shown}: the base is not UTF-8 text"))?;
        return Ok(word::read_draft(&text).0);
    }
    word::import::import(&bytes, path)
        .map(|imported| imported.document)
        .map_err(|error| format!("{shown}: {error}"))
}

fn refuse_existing(path: &Path, shown: &Path, force: bool) -> Result<(), String> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(format!(
            "{}: the file exists; choose another name or add --force to overwrite it",
            shown.display()
        ));
    }
    Ok(())
}

/// Write `bytes` to a temporary file beside `path` and rename it into place, so that `path`
/// is never half written; without `force`, a file that appeared meanwhile is not replaced.
fn write_new_file(path: &Path, shown: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    let shown = shown.display();
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
    let persisted = if force {
        temporary.persist(path).map(|_| ())
    } else {
        temporary.persist_noclobber(path).map(|_| ())
    };
    persisted.map_err(|error| {
        if error.error.kind() == io::ErrorKind::AlreadyExists {
            format!("{shown}: the file exists; choose another name or add --force to overwrite it")
        } else {
            format!("{shown}: cannot write it: {}", error.error)
        }
    })
}

/// `2026-12-03` or `2026-12-03T10:00:00Z` as Word wants it.
fn normalize_date(date: &str) -> Option<String> {
    let day = date.get(..10)?;
    let parts: Vec<&str> = day.split('-').collect();
    let valid = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts
            .iter()
            .all(|part| part.bytes().all(|byte| byte.is_ascii_digit()));
    if !valid {
        return None;
    }
    if date.len() == 10 {
        Some(format!("{day}T00:00:00Z"))
    } else {
        Some(date.to_string())
    }
}

/// Today's date (UTC), from the system clock.
fn today() -> String {
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
    fn dates_are_checked_and_completed() {
        assert_eq!(
            normalize_date("2026-12-03").as_deref(),
            Some("2026-12-03T00:00:00Z")
        );
        assert_eq!(normalize_date("3 December"), None);
        assert_eq!(today().len(), "2026-12-03T00:00:00Z".len());
    }
}
