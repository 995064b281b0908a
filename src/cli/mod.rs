//! `resolution-ls check`: the batch checker and its output formats.

use std::process::ExitCode;

/// Run the command line; `args` excludes the program name.
pub fn run(_args: Vec<std::ffi::OsString>) -> ExitCode {
    ExitCode::from(2)
}
