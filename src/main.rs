mod heap;

use std::ffi::OsString;
use std::process::ExitCode;

use resolution_ls::process_heap::{self, HeapHooks};

fn main() -> ExitCode {
    process_heap::install(HeapHooks {
        keep_freed_memory: heap::keep_freed_memory,
        makes_room_for: heap::makes_room_for,
        share_one_heap: heap::share_one_heap,
        make_room_for: heap::make_room_for,
        give_back: heap::give_back,
    });
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

/// The one place that starts the language server.
fn serve_language_server() -> ExitCode {
    resolution_ls::lsp::serve()
}
