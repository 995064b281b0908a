//! `resolution-ls export` and `resolution-ls import`: the command line over [`crate::word`].

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::word::files::{self, Existing};
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
        None => files::today(),
    };
    let options = ExportOptions {
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
            match files::export_against_base(
                &document,
                &folder.join(base_path),
                &shown_base,
                &options,
            ) {
                Ok(bytes) => Ok(bytes),
                Err(message) => return fail(environment, &message),
            }
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

fn refuse_existing(path: &Path, shown: &Path, force: bool) -> Result<(), String> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(files::exists_message(&shown.display().to_string()));
    }
    Ok(())
}

fn write_new_file(path: &Path, shown: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    let existing = if force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    files::write_atomically(path, &shown.display().to_string(), bytes, existing)
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
    }
}
