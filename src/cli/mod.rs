//! The command line: `resolution-ls check` (the batch checker and its output formats) and
//! `resolution-ls rules`.
//!
//! Streams: the human report (findings, what `--fix` changed, the summary line) goes to
//! standard output, unless standard output carries data (`--format json`, `--diff`, or `-`
//! with `--fix`); then the report goes to standard error and standard output holds the data
//! alone. Warnings and failures (unreadable files, bad settings) always go to standard error.
//!
//! Exit status: 0 no error-level findings, 1 error-level findings remain (with `--diff`: some
//! file would change, as `ruff check --diff` does), 2 usage error or I/O failure.

mod args;
mod check;
mod discover;
mod json;
mod settings;
mod source;
mod text;
mod word;
mod write;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use crate::diagnostic::{Applicability, Code, Severity};
use crate::syntax::LineIndex;

use args::{CheckArgs, Cli, ColorChoice, Command, Format, RulesArgs};
use check::{Engine, Mode, Outcome, Run};
use discover::Input;
use settings::SettingsSource;
use text::{Palette, Tally};

/// Exit status: no error-level findings.
const SUCCESS: u8 = 0;
/// Exit status: error-level findings (or, with `--diff`, changes to make).
const FINDINGS: u8 = 1;
/// Exit status: usage error or I/O failure.
const FAILURE: u8 = 2;

/// Run the command line; `args` excludes the program name.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let current_folder = match std::env::current_dir() {
        Ok(folder) => folder,
        Err(error) => {
            eprintln!("error: cannot read the current folder: {error}");
            return ExitCode::from(FAILURE);
        }
    };
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut environment = Environment {
        current_folder,
        stdout_is_terminal: stdout.is_terminal(),
        stderr_is_terminal: stderr.is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
        stdin: Box::new(io::stdin().lock()),
        stdout: Box::new(io::BufWriter::new(stdout.lock())),
        stderr: Box::new(stderr.lock()),
    };
    let status = run_in(args, &mut environment, Engine::REAL);
    ExitCode::from(status)
}

/// What a run reads from and writes to; tests provide buffers and a folder of their own.
struct Environment<'a> {
    current_folder: PathBuf,
    stdout_is_terminal: bool,
    stderr_is_terminal: bool,
    /// `NO_COLOR` is set to something.
    no_color: bool,
    stdin: Box<dyn Read + 'a>,
    stdout: Box<dyn Write + 'a>,
    stderr: Box<dyn Write + 'a>,
}

/// Run with an environment and engine of the caller's choosing; returns the exit status.
fn run_in(args: Vec<OsString>, environment: &mut Environment<'_>, engine: Engine) -> u8 {
    let program = std::iter::once(OsString::from("resolution-ls"));
    let cli = match Cli::try_parse_from(program.chain(args)) {
        Ok(cli) => cli,
        Err(error) => return report_usage(&error, environment),
    };
    let result = match cli.command {
        Command::Check(arguments) => run_check(&arguments, environment, engine),
        Command::Rules(arguments) => list_rules(&arguments, environment).map(|()| SUCCESS),
        Command::Export(arguments) => word::run_export(&arguments, environment),
        Command::Import(arguments) => word::run_import(&arguments, environment),
    };
    let result = result.and_then(|status| environment.stdout.flush().map(|()| status));
    match result {
        Ok(status) => status,
        // A reader that stopped early (`check | head`) wants no more, and no complaint either.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => FAILURE,
        Err(error) => {
            let _ = writeln!(
                environment.stderr,
                "error: cannot write the output: {error}"
            );
            FAILURE
        }
    }
}

/// Print a clap error, or the help or version it carries, and give its exit status: 0 for
/// `--help` and `--version`, 2 for a usage error.
fn report_usage(error: &clap::Error, environment: &mut Environment<'_>) -> u8 {
    let to_stderr = error.use_stderr();
    let terminal = if to_stderr {
        environment.stderr_is_terminal
    } else {
        environment.stdout_is_terminal
    };
    let rendered = error.render();
    let shown = if terminal && !environment.no_color {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    };
    let stream = if to_stderr {
        &mut environment.stderr
    } else {
        &mut environment.stdout
    };
    let _ = stream.write_all(shown.as_bytes());
    let _ = stream.flush();
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => SUCCESS,
        _ => FAILURE,
    }
}

/// The three streams of a check run: the human report goes to standard output or, when that
/// carries data, to standard error.
struct Streams<'run, 'env> {
    environment: &'run mut Environment<'env>,
    report_on_stderr: bool,
}

impl Streams<'_, '_> {
    fn report(&mut self) -> &mut dyn Write {
        if self.report_on_stderr {
            &mut *self.environment.stderr
        } else {
            &mut *self.environment.stdout
        }
    }

    fn data(&mut self) -> &mut dyn Write {
        &mut *self.environment.stdout
    }

    /// Standard error, after flushing standard output so that a terminal shows both in order.
    fn problems(&mut self) -> &mut dyn Write {
        let _ = self.environment.stdout.flush();
        &mut *self.environment.stderr
    }
}

fn run_check(
    arguments: &CheckArgs,
    environment: &mut Environment<'_>,
    engine: Engine,
) -> io::Result<u8> {
    crate::process_heap::keep_freed_memory();
    // One large file is analysed on two threads, this one and one more, from room laid out
    // for it in one heap; many files are checked on all cores, each thread in a heap of its
    // own.
    let mut prepared = false;
    if let [path] = arguments.paths.as_slice()
        && let Ok(metadata) = std::fs::metadata(environment.current_folder.join(path))
        && metadata.is_file()
    {
        let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
        if crate::process_heap::makes_room_for(size) {
            crate::process_heap::share_one_heap();
        }
        if size >= crate::analysis::TWO_THREADS_FROM_BYTES {
            prepared = crate::analysis::start_two_thread_pool_here();
        }
    }
    if !prepared {
        crate::analysis::prepare_in_background();
    }
    let settings_source = match (&arguments.config, arguments.no_config) {
        (_, true) => SettingsSource::Defaults,
        (Some(path), false) => SettingsSource::Explicit(path.clone()),
        (None, false) => SettingsSource::Nearest,
    };
    let loaded = match settings::load(
        &settings_source,
        &environment.current_folder,
        &arguments.select,
        &arguments.ignore,
    ) {
        Ok(loaded) => loaded,
        Err(message) => {
            writeln!(environment.stderr, "error: {message}")?;
            return Ok(FAILURE);
        }
    };
    for warning in &loaded.warnings {
        writeln!(environment.stderr, "warning: {warning}")?;
    }

    let paths = if arguments.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        arguments.paths.clone()
    };
    let discovery = discover::discover(
        &paths,
        &environment.current_folder,
        &loaded.settings,
        &loaded.root,
    );
    let mut failed = !discovery.errors.is_empty();
    for error in &discovery.errors {
        writeln!(environment.stderr, "error: {error}")?;
    }
    let reads_stdin = discovery.inputs.contains(&Input::Stdin);
    let stdin_bytes = if reads_stdin {
        let mut bytes = Vec::new();
        if let Err(error) = environment.stdin.read_to_end(&mut bytes) {
            writeln!(
                environment.stderr,
                "error: cannot read standard input: {error}"
            )?;
            return Ok(FAILURE);
        }
        Some(bytes)
    } else {
        None
    };

    let mode = if arguments.fix {
        Mode::Fix
    } else if arguments.diff {
        Mode::Diff
    } else {
        Mode::Check
    };
    let fixes = if arguments.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let outcomes = check::check_all(
        &discovery.inputs,
        stdin_bytes.as_deref(),
        Run { mode, fixes },
        &loaded.config,
        engine,
    );

    let json = arguments.format == Format::Json;
    let report_on_stderr = json || mode == Mode::Diff || (mode == Mode::Fix && reads_stdin);
    let colored = match arguments.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if environment.no_color => false,
        ColorChoice::Auto if report_on_stderr => environment.stderr_is_terminal,
        ColorChoice::Auto => environment.stdout_is_terminal,
    };
    let palette = Palette::new(colored);
    let mut streams = Streams {
        environment,
        report_on_stderr,
    };

    let mut tally = Tally::default();
    let mut has_errors = false;
    let mut fixes_to_make = 0;
    let mut files_to_change = 0;
    let mut json_items = Vec::new();
    let mut skipped_markdown = 0;
    for outcome in &outcomes {
        let report = match outcome {
            Outcome::NotADraft => {
                skipped_markdown += 1;
                continue;
            }
            Outcome::Failed { shown, message } => {
                failed = true;
                tally.failed += 1;
                writeln!(streams.problems(), "error: {shown}: {message}")?;
                continue;
            }
            Outcome::Checked(report) => report,
        };
        tally.add(&report.diagnostics);
        has_errors |= report
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity == Severity::Error);
        if let Some(diff) = &report.diff {
            streams.data().write_all(diff.as_bytes())?;
            fixes_to_make += report.fixes.len();
            files_to_change += 1;
            let line = text::fixes_line("Would fix", &report.shown, &report.fixes);
            writeln!(streams.report(), "{line}")?;
        }
        if mode == Mode::Fix && !report.fixes.is_empty() {
            let line = text::fixes_line("Fixed", &report.shown, &report.fixes);
            let style = palette.help();
            writeln!(streams.report(), "{style}{line}{style:#}")?;
        }
        if let Some(fixed) = &report.fixed_stdin {
            streams.data().write_all(fixed.as_bytes())?;
        }
        if report.diagnostics.is_empty() {
            continue;
        }
        let indexed_here;
        let index = match &report.lines {
            Some(lines) => lines,
            None => {
                indexed_here = LineIndex::new(&report.text);
                &indexed_here
            }
        };
        if json {
            json_items.extend(report.diagnostics.iter().map(|diagnostic| {
                json::JsonDiagnostic::new(&report.shown, &report.text, index, diagnostic)
            }));
        } else {
            let mut rendered = String::new();
            for diagnostic in &report.diagnostics {
                text::render_diagnostic(
                    &mut rendered,
                    &report.shown,
                    &report.text,
                    index,
                    diagnostic,
                    &palette,
                );
            }
            streams.report().write_all(rendered.as_bytes())?;
        }
    }
    if json {
        serde_json::to_writer_pretty(streams.data(), &json_items)?;
        writeln!(streams.data())?;
    }

    let summary = match mode {
        Mode::Diff if files_to_change > 0 => format!(
            "Would fix {} in {}.",
            text::plural(fixes_to_make, "finding", "findings"),
            text::plural(files_to_change, "file", "files")
        ),
        Mode::Diff if tally.files_checked > 0 && tally.failed == 0 => {
            "No fixes to apply.".to_string()
        }
        Mode::Diff | Mode::Check => tally.summary(true),
        Mode::Fix => tally.summary(false),
    };
    let emphasis = palette.emphasis();
    writeln!(streams.report(), "{emphasis}{summary}{emphasis:#}")?;
    if skipped_markdown > 0 {
        writeln!(
            streams.report(),
            "Skipped {} below the folders given: not named *.res.md and without an organ line such as `*The General Assembly,*`. Name a file on the command line, or match it with the `files` setting in resolution-ls.toml, to check it.",
            text::plural(
                skipped_markdown,
                "Markdown file that is not a draft",
                "Markdown files that are not drafts"
            )
        )?;
    }

    Ok(if failed {
        FAILURE
    } else if mode == Mode::Diff {
        if files_to_change > 0 {
            FINDINGS
        } else {
            SUCCESS
        }
    } else if has_errors {
        FINDINGS
    } else {
        SUCCESS
    })
}

#[derive(serde::Serialize)]
struct RuleEntry {
    code: &'static str,
    default: &'static str,
    /// `none`, `safe` (`--fix` applies its fixes) or `unsafe` (some of its fixes put a
    /// different word in and need `--unsafe-fixes`).
    fix: &'static str,
    summary: &'static str,
}

/// `resolution-ls rules`: every code, its default severity, its fixes and what it finds.
fn list_rules(arguments: &RulesArgs, environment: &mut Environment<'_>) -> io::Result<()> {
    let entries: Vec<RuleEntry> = Code::ALL
        .iter()
        .map(|code| RuleEntry {
            code: code.as_str(),
            default: code
                .default_level()
                .severity()
                .map_or("off", Severity::as_str),
            fix: code.info().fixes.map_or("none", Applicability::as_str),
            summary: code.summary(),
        })
        .collect();
    let out = &mut environment.stdout;
    if arguments.format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &entries)?;
        return writeln!(out);
    }
    let code_width = entries
        .iter()
        .map(|entry| entry.code.len())
        .max()
        .unwrap_or(0);
    let level_width = "information".len();
    let fix_width = "unsafe".len();
    writeln!(
        out,
        "{:code_width$}  {:level_width$}  {:fix_width$}  finds",
        "code", "default", "fix"
    )?;
    for entry in &entries {
        writeln!(
            out,
            "{:code_width$}  {:level_width$}  {:fix_width$}  {}",
            entry.code, entry.default, entry.fix, entry.summary
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
