//! Checking, fixing and diffing one input; [`check_all`] runs every input on all cores and
//! returns the outcomes in input order.

use rayon::prelude::*;
use similar::TextDiff;

use crate::analysis::{self, Analysis, FixOutcome};
use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::syntax::{self, LineIndex};

use super::discover::{FileInput, Input};
use super::source::SourceText;
use super::write::{self, WriteError};

/// The name standard input goes by in output.
pub const STDIN_NAME: &str = "<stdin>";

/// The engine functions a run calls; tests substitute their own to exercise the command line
/// with findings of their choosing.
#[derive(Clone, Copy)]
pub struct Engine {
    pub analyze: fn(&str, &Config) -> Analysis,
    pub fix_all: fn(&str, &Config, Applicability) -> FixOutcome,
}

impl Engine {
    pub const REAL: Engine = Engine {
        analyze: analyze_on_all_cores,
        fix_all: analysis::fix_all,
    };
}

/// A large draft is analysed on two threads: when it is the only file checked, the second
/// core would otherwise be idle; among many files, rayon's pool shares the work out.
fn analyze_on_all_cores(text: &str, config: &Config) -> Analysis {
    if text.len() >= analysis::TWO_THREADS_FROM_BYTES {
        analysis::analyze_on_two_threads(text, config, None).0
    } else {
        analysis::analyze_indexed(text, config)
    }
}

/// What the run does to each input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Check,
    /// Apply the fixes: in place for files, to standard output for `-`.
    Fix,
    /// Show the fixes as a unified diff, write nothing.
    Diff,
}

/// How a run goes: what it does to each input, and which fixes `--fix` and `--diff` apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub mode: Mode,
    pub fixes: Applicability,
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// A Markdown file found below a folder that is not a draft.
    NotADraft,
    /// It could not be read, decoded or written; the message names the problem.
    Failed {
        shown: String,
        message: String,
    },
    Checked(Report),
}

/// The findings of one checked input.
#[derive(Debug)]
pub struct Report {
    pub shown: String,
    /// The text the diagnostics point into: the input without its byte-order mark, after the
    /// fixes when they were applied.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The lines of `text`, when the analysis indexed them.
    pub lines: Option<LineIndex>,
    /// The titles of the fixes applied (or, with `--diff`, that would be applied).
    pub fixes: Vec<String>,
    /// With `--diff`: the unified diff, when the fixes change something.
    pub diff: Option<String>,
    /// With `--fix` on standard input: the fixed text to print.
    pub fixed_stdin: Option<String>,
}

/// Run `mode` over every input in parallel; outcomes come back in input order.
pub fn check_all(
    inputs: &[Input],
    stdin: Option<&[u8]>,
    run: Run,
    config: &Config,
    engine: Engine,
) -> Vec<Outcome> {
    let check_one = |input: &Input| match input {
        Input::Stdin => check_stdin(stdin.unwrap_or_default(), run, config, engine),
        Input::File(file) => check_file(file, run, config, engine),
    };
    // One input is checked on this thread: starting a thread pool would cost more than the
    // check of a single draft.
    if let [input] = inputs {
        return vec![check_one(input)];
    }
    inputs.par_iter().map(check_one).collect()
}

fn check_stdin(bytes: &[u8], run: Run, config: &Config, engine: Engine) -> Outcome {
    if let Some(message) = analysis::too_large(bytes.len()) {
        return Outcome::Failed {
            shown: STDIN_NAME.to_string(),
            message,
        };
    }
    let source = match SourceText::decode(bytes.to_vec()) {
        Ok(source) => source,
        Err(not_utf8) => {
            return Outcome::Failed {
                shown: STDIN_NAME.to_string(),
                message: not_utf8.to_string(),
            };
        }
    };
    let report = match run.mode {
        Mode::Check => check_text(STDIN_NAME, source.text, config, engine),
        Mode::Fix => {
            let fixed = fix_text(&source, run.fixes, config, engine);
            let mut report = check_text(STDIN_NAME, fixed.text, config, engine);
            report.fixes = fixed.applied;
            report.fixed_stdin = Some(fixed.encoded);
            report
        }
        Mode::Diff => diff_report(STDIN_NAME, &source, run.fixes, config, engine),
    };
    Outcome::Checked(report)
}

fn check_file(file: &FileInput, run: Run, config: &Config, engine: Engine) -> Outcome {
    let failed = |message: String| Outcome::Failed {
        shown: file.shown.clone(),
        message,
    };
    let bytes = match read_for_analysis(&file.path) {
        Ok(bytes) => bytes,
        Err(error) => return failed(format!("cannot read the file: {error}")),
    };
    if let Some(message) = analysis::too_large(bytes.len()) {
        return failed(message);
    }
    // Only `--fix` needs the bytes as read, to tell whether the file changed on disk since.
    let original = if run.mode == Mode::Fix {
        bytes.clone()
    } else {
        Vec::new()
    };
    let source = match SourceText::decode(bytes) {
        Ok(source) => source,
        // Markdown found below a folder that is not UTF-8 is only a problem if it is a draft.
        Err(not_utf8)
            if !file.always_checked
                && !has_organ_line(&String::from_utf8_lossy(&not_utf8.bytes)) =>
        {
            return Outcome::NotADraft;
        }
        Err(not_utf8) => return failed(not_utf8.to_string()),
    };
    if !file.always_checked && !has_organ_line(&source.text) {
        return Outcome::NotADraft;
    }
    match run.mode {
        Mode::Check => Outcome::Checked(check_text(&file.shown, source.text, config, engine)),
        Mode::Diff => {
            Outcome::Checked(diff_report(&file.shown, &source, run.fixes, config, engine))
        }
        Mode::Fix => {
            let fixed = fix_text(&source, run.fixes, config, engine);
            if fixed.encoded.as_bytes() != original.as_slice() {
                match write::replace_file(&file.path, &original, fixed.encoded.as_bytes()) {
                    Ok(()) => {}
                    Err(error @ WriteError::ChangedOnDisk) => return failed(error.to_string()),
                    Err(error) => {
                        return failed(format!("the fixes were not written: {error}"));
                    }
                }
            }
            let mut report = check_text(&file.shown, fixed.text, config, engine);
            report.fixes = fixed.applied;
            Outcome::Checked(report)
        }
    }
}

/// The bytes of a file, read as `std::fs::read` reads them, with the heap laid out for the
/// analysis once the size is known and before the bytes land in it ([`crate::heap`]).
fn read_for_analysis(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |metadata| {
        usize::try_from(metadata.len()).unwrap_or(usize::MAX)
    });
    crate::process_heap::make_room_for(size);
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(size)
        .map_err(|error| std::io::Error::new(std::io::ErrorKind::OutOfMemory, error))?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn has_organ_line(text: &str) -> bool {
    syntax::has_organ_line(text)
}

fn check_text(shown: &str, text: String, config: &Config, engine: Engine) -> Report {
    let Analysis { diagnostics, lines } = (engine.analyze)(&text, config);
    Report {
        shown: shown.to_string(),
        text,
        diagnostics,
        lines: Some(lines),
        fixes: Vec::new(),
        diff: None,
        fixed_stdin: None,
    }
}

struct FixedText {
    /// The fixed text, without byte-order mark, as the engine produced it.
    text: String,
    /// The fixed text as it is to be written: byte-order mark and line endings restored.
    encoded: String,
    applied: Vec<String>,
}

fn fix_text(
    source: &SourceText,
    fixes: Applicability,
    config: &Config,
    engine: Engine,
) -> FixedText {
    let outcome = (engine.fix_all)(&source.text, config, fixes);
    let encoded = source.encode_fixed(&outcome.text);
    // Analyse what will be on disk, so that positions match the file the user opens.
    let text = encoded
        .strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or_else(|| encoded.clone());
    FixedText {
        text,
        encoded,
        applied: outcome.applied,
    }
}

/// With `--diff`, only the diff is shown: the findings belong to the text before the fixes.
fn diff_report(
    shown: &str,
    source: &SourceText,
    fixes: Applicability,
    config: &Config,
    engine: Engine,
) -> Report {
    let fixed = fix_text(source, fixes, config, engine);
    let original = source.original();
    let diff = (original != fixed.encoded).then(|| {
        TextDiff::from_lines(original.as_str(), fixed.encoded.as_str())
            .unified_diff()
            .context_radius(3)
            .header(shown, shown)
            .to_string()
    });
    Report {
        shown: shown.to_string(),
        text: fixed.text,
        diagnostics: Vec::new(),
        lines: None,
        fixes: fixed.applied,
        diff,
        fixed_stdin: None,
    }
}
