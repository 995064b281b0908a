//! The message loop, in place of tower-lsp-server's `Server`: messages parsed by the reader
//! thread go to the service, each request in a task of its own on the one runtime thread, and
//! answers go straight to stdout. With one thread, an edit reaches the published diagnostics
//! without waking any other thread, which is most of the latency of a small document.

use std::future::poll_fn;
use std::io::Write;
use std::pin::Pin;

use futures::{Sink, StreamExt};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::mpsc::Receiver;
use tower::Service;
use tower_lsp_server::jsonrpc::{Error, Id, Request, Response};
use tower_lsp_server::{ClientSocket, LspService};

use super::Backend;

/// A message from the client, as the reader thread hands it over.
pub enum Incoming {
    Request(Request),
    Response(Response),
    /// Valid JSON that is neither: answered with an error.
    Invalid,
}

impl Incoming {
    /// What a parsed JSON message is. A message with a `method` is a request or notification;
    /// one with a `result` or an `error` is a response to one of ours.
    pub fn classify(message: Value) -> Incoming {
        let is_response = message.get("method").is_none()
            && (message.get("result").is_some() || message.get("error").is_some());
        if is_response {
            serde_json::from_value(message).map_or(Incoming::Invalid, Incoming::Response)
        } else {
            serde_json::from_value(message).map_or(Incoming::Invalid, Incoming::Request)
        }
    }
}

/// Write one message to stdout as a frame. A client that has gone away cannot be told
/// anything, so a failed write is dropped.
pub fn write_message(message: &impl Serialize) {
    let Ok(body) = serde_json::to_vec(message) else {
        eprintln!("resolution-ls: a message could not be serialized");
        return;
    };
    let mut frame = Vec::with_capacity(body.len() + 32);
    frame.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    frame.extend_from_slice(&body);
    drop(body);
    write_frame(&frame);
}

/// Write a whole frame in one system call where possible, so that the client wakes once per
/// message: std's stdout is line-buffered and would write the header and the body apart.
#[cfg(unix)]
fn write_frame(frame: &[u8]) {
    use std::os::fd::AsFd;
    use std::sync::{Mutex, OnceLock};
    static STDOUT: OnceLock<Option<Mutex<std::fs::File>>> = OnceLock::new();
    let stdout = STDOUT.get_or_init(|| {
        let duplicate = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
        Some(Mutex::new(std::fs::File::from(duplicate)))
    });
    match stdout {
        Some(file) => {
            let mut file = file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let _ = file.write_all(frame);
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(frame).and_then(|()| stdout.flush());
        }
    }
}

#[cfg(not(unix))]
fn write_frame(frame: &[u8]) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(frame).and_then(|()| stdout.flush());
}

/// Serve the messages of `incoming` until it ends (the reader thread saw the end of stdin).
pub async fn run(
    mut service: LspService<Backend>,
    socket: ClientSocket,
    mut incoming: Receiver<Incoming>,
) {
    let (mut to_client, mut from_client) = socket.split();
    tokio::spawn(async move {
        while let Some(request) = to_client.next().await {
            write_message(&request);
        }
    });
    while let Some(message) = incoming.recv().await {
        match message {
            Incoming::Request(request) => {
                // Not ready while `initialize` runs: later messages wait for it.
                if poll_fn(|context| service.poll_ready(context))
                    .await
                    .is_err()
                {
                    break;
                }
                let answer = service.call(request);
                tokio::spawn(async move {
                    if let Ok(Some(response)) = answer.await {
                        write_message(&response);
                    }
                });
            }
            Incoming::Response(response) => {
                let mut sink = Pin::new(&mut from_client);
                let ready = poll_fn(|context| sink.as_mut().poll_ready(context)).await;
                if ready.is_err() || sink.as_mut().start_send(response).is_err() {
                    break;
                }
            }
            Incoming::Invalid => {
                write_message(&Response::from_error(Id::Null, Error::invalid_request()));
            }
        }
    }
}
