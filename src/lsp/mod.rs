//! The language server: `resolution-ls` with no argument (or `--stdio`) speaks LSP on stdio.
//!
//! This is the only layer that knows LSP types, positions in UTF-16 or UTF-8, and tokio. The
//! engine below it speaks byte offsets.

mod base;
mod convert;
mod dispatch;
mod documents;
pub mod encoding;
mod handlers;
mod memory;
mod publish;
mod server;
mod session;
mod transport;

/// The document store and the framing layer, for the fuzz targets and property tests only: not
/// a stable API.
#[doc(hidden)]
pub mod fuzzing {
    pub use super::documents::{ChangeRejected, DocumentStore, Snapshot};
    pub use super::transport::forward_frames;
}

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use tower_lsp_server::LspService;

pub use server::Backend;

/// Set when the client has asked for `shutdown`, so that `exit` ends with status 0.
static SHUTDOWN_REQUESTED: AtomicBool = AtomicBool::new(false);

pub(crate) fn mark_shutdown_requested() {
    SHUTDOWN_REQUESTED.store(true, Ordering::SeqCst);
}

/// How many parsed messages may wait for their handler before reading stdin pauses.
const QUEUED_MESSAGES: usize = 1024;

/// Serve LSP on stdin and stdout until the client says `exit` (or closes stdin).
pub fn serve() -> ExitCode {
    memory::configure();
    // The first document opened is analysed without waiting for the patterns to be built.
    crate::analysis::prepare_in_background();
    // One thread reads, parses and serves every message; analyses of large documents go to
    // tokio's blocking pool.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("resolution-ls: cannot start the async runtime: {error}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let state = session::SharedState::default();
        let forgotten = state.clone();
        tokio::spawn(memory::release_while_serving(move || {
            publish::forget_models(&forgotten)
        }));
        let (sender, incoming) = tokio::sync::mpsc::channel(QUEUED_MESSAGES);
        tokio::spawn(transport::read_frames(
            transport::stdin(),
            async move |message| {
                let message = dispatch::Incoming::classify(message);
                sender.send(message).await.is_ok()
            },
        ));
        let (service, socket) = LspService::build(|client| Backend::new(client, state))
            .custom_method("resolution-ls/renumber", Backend::renumber_request)
            .finish();
        dispatch::run(service, socket, incoming).await;
    });
    // The thread that reads stdin may still be blocked on a client that keeps it open: end the
    // process now rather than wait for it. Status 0 after `shutdown`, 1 otherwise (LSP spec).
    let status = if SHUTDOWN_REQUESTED.load(Ordering::SeqCst) {
        0
    } else {
        1
    };
    std::process::exit(status)
}
