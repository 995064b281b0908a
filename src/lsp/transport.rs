//! Our own framing layer in front of tower-lsp-server's: it reads `Content-Length` frames from
//! stdin, passes on each well-formed JSON message, and handles what tower-lsp-server would
//! handle badly on its own:
//!
//! - `exit` ends the process at once, even while a handler still waits for the client (a
//!   `workspace/configuration` request the client never answers would otherwise keep the
//!   serve loop alive);
//! - a body that is not JSON (or not UTF-8) is dropped with a line on stderr instead of ending
//!   the serve loop, which tower-lsp-server 0.23 does;
//! - a wrong `Content-Length` loses only the message it belongs to: when a body does not parse
//!   and holds the start of the next message, reading starts again there;
//! - a frame larger than [`MAX_MESSAGE_BYTES`] is skipped rather than buffered.

use std::sync::atomic::Ordering;

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::SHUTDOWN_REQUESTED;

/// The largest message read whole; larger ones are skipped.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// A header block longer than this without its blank line is garbage, not headers.
const MAX_HEADER_BYTES: usize = 8 * 1024;

const HEADER_NAME: &[u8] = b"content-length:";

/// Copy frames from `input` to `output` until `input` ends; end the process on `exit`.
pub async fn forward_frames(
    mut input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
) {
    let mut buffer: Vec<u8> = Vec::with_capacity(64 * 1024);
    let mut input_open = true;
    loop {
        // A complete header block: up to the first blank line.
        let Some((header_end, body_start)) = header_block_end(&buffer) else {
            if buffer.len() > MAX_HEADER_BYTES {
                // Keep only what could still be the start of a header.
                let keep_from = buffer.len() - HEADER_NAME.len();
                eprintln!("resolution-ls: skipped {keep_from} bytes that are not a message header");
                buffer.drain(..keep_from);
            }
            if !input_open || !fill(&mut input, &mut buffer, &mut input_open).await {
                break;
            }
            continue;
        };
        let length = content_length(&buffer[..header_end]);
        let Some(length) = length else {
            eprintln!("resolution-ls: skipped a message header without a valid Content-Length");
            buffer.drain(..body_start);
            continue;
        };
        if length > MAX_MESSAGE_BYTES {
            eprintln!(
                "resolution-ls: skipped a message of {length} bytes (the limit is {MAX_MESSAGE_BYTES})"
            );
            buffer.drain(..body_start);
            if !skip(&mut input, &mut buffer, length).await {
                break;
            }
            continue;
        }
        while buffer.len() < body_start + length {
            if !input_open || !fill(&mut input, &mut buffer, &mut input_open).await {
                return finish(output).await;
            }
        }
        let body: Vec<u8> = buffer
            .drain(..body_start + length)
            .skip(body_start)
            .collect();
        let message: Value = match serde_json::from_slice(&body) {
            Ok(message) => message,
            Err(error) => {
                eprintln!("resolution-ls: skipped a message that is not valid JSON: {error}");
                // A Content-Length too large swallows the start of the next message: read it
                // again from there.
                if let Some(next) = find_ignore_case(&body, HEADER_NAME) {
                    buffer.splice(0..0, body[next..].iter().copied());
                }
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
    finish(output).await
}

async fn finish(mut output: impl AsyncWrite + Unpin) {
    let _ = output.shutdown().await;
}

/// Read more input into `buffer`; false at the end of the input.
async fn fill(input: &mut (impl AsyncRead + Unpin), buffer: &mut Vec<u8>, open: &mut bool) -> bool {
    let mut chunk = [0u8; 64 * 1024];
    match input.read(&mut chunk).await {
        Ok(0) | Err(_) => {
            *open = false;
            false
        }
        Ok(read) => {
            buffer.extend_from_slice(&chunk[..read]);
            true
        }
    }
}

/// Drop `length` bytes of input, from the buffer first.
async fn skip(input: &mut (impl AsyncRead + Unpin), buffer: &mut Vec<u8>, length: usize) -> bool {
    let from_buffer = length.min(buffer.len());
    buffer.drain(..from_buffer);
    let mut left = (length - from_buffer) as u64;
    while left > 0 {
        let mut chunk = [0u8; 64 * 1024];
        let wanted = chunk.len().min(left as usize);
        match input.read(&mut chunk[..wanted]).await {
            Ok(0) | Err(_) => return false,
            Ok(read) => left -= read as u64,
        }
    }
    true
}

/// The end of the header block (where its blank line starts) and the start of the body.
fn header_block_end(buffer: &[u8]) -> Option<(usize, usize)> {
    let crlf = memchr::memmem::find(buffer, b"\r\n\r\n").map(|end| (end, end + 4));
    let lf = memchr::memmem::find(buffer, b"\n\n").map(|end| (end, end + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (found, None) | (None, found) => found,
    }
}

/// The last `Content-Length` of a header block. The header may follow garbage left by a broken
/// message, so it is looked for anywhere in the block.
fn content_length(headers: &[u8]) -> Option<usize> {
    let lowered = headers.to_ascii_lowercase();
    let position = memchr::memmem::rfind(&lowered, HEADER_NAME)?;
    let value = &headers[position + HEADER_NAME.len()..];
    let end = value
        .iter()
        .position(|byte| *byte == b'\r' || *byte == b'\n')
        .unwrap_or(value.len());
    std::str::from_utf8(&value[..end]).ok()?.trim().parse().ok()
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&haystack.to_ascii_lowercase(), needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn forwarded(input: &[u8]) -> Vec<Value> {
        let mut output = Vec::new();
        forward_frames(input, &mut output).await;
        let mut messages = Vec::new();
        let mut rest = output.as_slice();
        while let Some((header_end, body_start)) = header_block_end(rest) {
            let length = content_length(&rest[..header_end]).unwrap_or(0);
            messages.push(
                serde_json::from_slice(&rest[body_start..body_start + length])
                    .unwrap_or(Value::Null),
            );
            rest = &rest[body_start + length..];
        }
        messages
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn broken_messages_lose_only_themselves() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let mut input = Vec::new();
        input.extend(frame("{not json").into_bytes());
        input.extend(format!("Content-Length: {}\r\n\r\n{{\"a\":1}}", 200).into_bytes());
        input.extend(frame(good).into_bytes());
        input.extend(b"Content-Length: 5\r\n\r\n\xff\xfe\xfd\xfc\xfb");
        input.extend(format!("Content-Length: 3\r\n\r\n{good}").into_bytes());
        input.extend(frame(good).into_bytes());
        let messages = forwarded(&input).await;
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages
                .iter()
                .all(|message| message["method"] == "shutdown")
        );
    }

    #[tokio::test]
    async fn headers_in_any_case_and_bare_line_feeds() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!("content-length: {}\n\n{good}", good.len());
        assert_eq!(forwarded(input.as_bytes()).await.len(), 1);
    }
}
