//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Checks United Nations resolution drafts written in Markdown.";

const LONG_ABOUT: &str = "\
Checks United Nations resolution drafts written in Markdown: paragraph numbering, openers,
footnotes, document symbols, citation dates and punctuation.

Run without arguments (or with --stdio) to serve the Language Server Protocol on standard
input and output, as editors do.";

const CHECK_AFTER_HELP: &str = r#"Which files are checked:
  A file named on the command line is always checked. Below a directory, a file is checked when
  it is a draft: named `*.res.md`, a Markdown file (`.md`) with an organ line such as
  `*The General Assembly,*`, or matched by the `files` globs of resolution-ls.toml. Hidden files
  and folders, `target/` and `node_modules/` are skipped. `-` reads standard input.

Output:
  The text report (findings, what --fix changed, and the summary line) goes to standard output.
  When standard output carries data instead (--format json, --diff, or `-` with --fix), the
  report goes to standard error and standard output holds only the data. Problems with files
  and settings always go to standard error.

JSON (--format json):
  One array; each item is {"path", "line", "column", "end_line", "end_column", "severity",
  "code", "message", "fix"}. Lines and columns are 1-based, columns count characters, the end
  is exclusive. "fix" is null or {"title", "edits": [{"line", "column", "end_line",
  "end_column", "replacement"}]}, positions in the text as checked.

Exit status:
  0  no error-level findings (warnings and lesser findings are allowed)
  1  error-level findings remain; with --diff, some file would change
  2  usage error, unreadable file, bad settings file, or a file that changed while being fixed

Examples:
  resolution-ls check drafts/                 check every draft below drafts/
  resolution-ls check A_HRC_55_L1.res.md      check one file
  resolution-ls check --fix drafts/           apply every available fix in place
  resolution-ls check --diff draft.md         show what --fix would change, write nothing
  resolution-ls check --format json draft.md  one JSON array of findings, for tools
  cat draft.md | resolution-ls check -        check standard input
  resolution-ls check --ignore paragraph-punctuation,repeated-opener drafts/"#;

#[derive(Debug, Parser)]
#[command(name = "resolution-ls", version, about = ABOUT, long_about = LONG_ABOUT)]
#[command(subcommand_required = true, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check drafts and report what is wrong; optionally fix it.
    #[command(after_help = CHECK_AFTER_HELP)]
    Check(CheckArgs),
    /// List every diagnostic code with its default severity and what it finds.
    Rules(RulesArgs),
    /// Write a draft as a Word document in the layout of a UN resolution; with --base, every
    /// change against the base as Word tracked changes.
    #[command(after_help = super::word::EXPORT_AFTER_HELP)]
    Export(super::word::ExportArgs),
    /// Read a Word document, a PDF or the text of a PDF into a draft.
    #[command(after_help = super::word::IMPORT_AFTER_HELP)]
    Import(super::word::ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and folders to check; `-` reads standard input. Defaults to the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Apply every available fix, writing each changed file in place (for `-`, print the fixed
    /// text to standard output), then report what remains.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Print the unified diff that --fix would make, and write nothing. Exits 1 when some file
    /// would change.
    #[arg(long, conflicts_with = "format")]
    pub diff: bool,

    /// With --fix or --diff, also apply the unsafe fixes: those that put a different word in
    /// (the nearest standard opener, a corrected document symbol). Read the diff first.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// When to colour the text report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Read settings from this file instead of the nearest resolution-ls.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore every resolution-ls.toml.
    #[arg(long)]
    pub no_config: bool,

    /// Report only these codes (comma-separated).
    #[arg(long, value_name = "CODE,...", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Do not report these codes (comma-separated).
    #[arg(long, value_name = "CODE,...", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:column: severity[code]: message`, the source line and carets.
    Text,
    /// One JSON array of findings.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when the report goes to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}
