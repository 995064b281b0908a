//! Our own framing layer in front of tower-lsp-server's: it reads `Content-Length` frames from
//! stdin, passes on each well-formed JSON message, and handles what tower-lsp-server would
//! handle badly on its own:
//!
//! - `exit` ends the process at once, even while a handler still waits for the client (a
//!   `workspace/configuration` request the client never answers would otherwise keep the
//!   serve loop alive);
//! - a body that is not JSON (or not UTF-8) is dropped with a line on stderr instead of ending
//!   the serve loop, which tower-lsp-server 0.23 does;
//! - a frame larger than [`MAX_MESSAGE_BYTES`] is skipped rather than buffered.

use std::sync::atomic::Ordering;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

use super::SHUTDOWN_REQUESTED;

/// The largest message read whole; larger ones are skipped.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// Copy frames from `input` to `output` until `input` ends; end the process on `exit`.
pub async fn forward_frames(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut reader = BufReader::new(input);
    loop {
        let length = match read_headers(&mut reader).await {
            Ok(Some(length)) => length,
            Ok(None) => break,
            Err(problem) => {
                eprintln!("resolution-ls: skipped a malformed message header: {problem}");
                continue;
            }
        };
        if length > MAX_MESSAGE_BYTES {
            eprintln!(
                "resolution-ls: skipped a message of {length} bytes (the limit is {MAX_MESSAGE_BYTES})"
            );
            let skipped = tokio::io::copy(
                &mut (&mut reader).take(length as u64),
                &mut tokio::io::sink(),
            )
            .await;
            if skipped.is_err() {
                break;
            }
            continue;
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            break;
        }
        let message: Value = match serde_json::from_slice(&body) {
            Ok(message) => message,
            Err(error) => {
                eprintln!("resolution-ls: skipped a message that is not valid JSON: {error}");
                continue;
            }
        };
        if message.get("method").and_then(Value::as_str) == Some("exit") {
            let status = if SHUTDOWN_REQUESTED.load(Ordering::SeqCst) {
                0
            } else {
                1
            };
            std::process::exit(status);
        }
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(&body);
        if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
    let _ = output.shutdown().await;
}

/// Read a header block; the `Content-Length` it gives, `None` at the end of the input.
async fn read_headers(
    reader: &mut (impl AsyncBufReadExt + Unpin),
) -> Result<Option<usize>, String> {
    let mut length = None;
    let mut saw_any = false;
    loop {
        let mut line = Vec::new();
        let read = reader
            .read_until(b'\n', &mut line)
            .await
            .map_err(|error| error.to_string())?;
        if read == 0 {
            return if saw_any {
                Err("the input ended inside a header".into())
            } else {
                Ok(None)
            };
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !saw_any {
                // Stray blank lines between messages.
                continue;
            }
            return length
                .map(Some)
                .ok_or_else(|| "no Content-Length header".to_string());
        }
        saw_any = true;
        // The header may follow garbage left by a broken message: look for it anywhere on
        // the line, so that the stream falls back into step at the next message.
        let lowercase = text.to_ascii_lowercase();
        if let Some(position) = lowercase.rfind("content-length:") {
            let value = text[position + "content-length:".len()..].trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length `{value}`"))?,
            );
        }
    }
}
