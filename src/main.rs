use std::ffi::OsString;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if wants_language_server(&args) {
        return serve_language_server();
    }
    resolution_ls::cli::run(args)
}

/// Editors start the server with no arguments or with `--stdio` (VS Code's client adds it,
/// sometimes beside `--clientProcessId=N`).
fn wants_language_server(args: &[OsString]) -> bool {
    args.is_empty() || args.iter().any(|arg| arg == "--stdio")
}

/// The one place that starts the language server. It is not written yet (the `lsp` module
/// will provide `resolution_ls::lsp::serve()`); until then, say so and show how to check files.
fn serve_language_server() -> ExitCode {
    eprintln!(
        "resolution-ls: the language server (run without arguments or with --stdio) is coming \
         in a later version.\n\n\
         Usage: resolution-ls check [PATH]...   check drafts\n       \
         resolution-ls rules               list the diagnostic codes\n       \
         resolution-ls --help              more"
    );
    ExitCode::from(2)
}
