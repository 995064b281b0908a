//! Our own framing layer, in place of tower-lsp-server's: on a thread of its own, it reads
//! `Content-Length` frames from stdin and passes on each well-formed JSON message, parsed once,
//! and handles what tower-lsp-server's transport would handle badly:
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

/// How much is read from the input at a time.
const CHUNK_BYTES: usize = 64 * 1024;

const HEADER_NAME: &[u8] = b"content-length:";

/// Read frames from `input` until it ends, passing each well-formed JSON message to `deliver`
/// (which returns false to stop); end the process on `exit`.
pub async fn read_frames(
    mut input: impl AsyncRead + Unpin,
    mut deliver: impl AsyncFnMut(Value) -> bool,
) {
    let mut buffer: Vec<u8> = Vec::with_capacity(CHUNK_BYTES);
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
                return;
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
                return;
            }
            continue;
        }
        let Some(body) = read_body(&mut input, &mut buffer, body_start, length).await else {
            return;
        };
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
        drop(body);
        if message.get("method").and_then(Value::as_str) == Some("exit") {
            let status = if SHUTDOWN_REQUESTED.load(Ordering::SeqCst) {
                0
            } else {
                1
            };
            std::process::exit(status);
        }
        if !deliver(message).await {
            return;
        }
    }
}

/// The body of `length` bytes that starts at `body_start` in `buffer`, read on from `input`
/// as needed; `None` when the input ends first. A large body is read straight into its own
/// allocation, so that the buffer stays small.
async fn read_body(
    input: &mut (impl AsyncRead + Unpin),
    buffer: &mut Vec<u8>,
    body_start: usize,
    length: usize,
) -> Option<Vec<u8>> {
    if buffer.len() >= body_start + length {
        let body = buffer[body_start..body_start + length].to_vec();
        buffer.drain(..body_start + length);
        return Some(body);
    }
    let mut body = Vec::with_capacity(length);
    body.extend_from_slice(&buffer[body_start..]);
    buffer.clear();
    if buffer.capacity() > 4 * CHUNK_BYTES {
        buffer.shrink_to(CHUNK_BYTES);
    }
    while body.len() < length {
        let wanted = (length - body.len()).min(4 * 1024 * 1024) as u64;
        match (&mut *input).take(wanted).read_to_end(&mut body).await {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
    }
    Some(body)
}

/// Copy well-formed frames from `input` to `output` (for the fuzz target: what the server
/// would take in, framed again).
pub async fn forward_frames(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    read_frames(input, async |message| {
        let body = serde_json::to_vec(&message).unwrap_or_default();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(&body);
        output.write_all(&frame).await.is_ok()
    })
    .await;
    let _ = output.shutdown().await;
}

/// Read more input into `buffer`; false at the end of the input.
async fn fill(input: &mut (impl AsyncRead + Unpin), buffer: &mut Vec<u8>, open: &mut bool) -> bool {
    let mut chunk = [0u8; CHUNK_BYTES];
    loop {
        match input.read(&mut chunk).await {
            Ok(0) => break,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
            Ok(read) => {
                buffer.extend_from_slice(&chunk[..read]);
                return true;
            }
        }
    }
    *open = false;
    false
}

/// Drop `length` bytes of input, from the buffer first.
async fn skip(input: &mut (impl AsyncRead + Unpin), buffer: &mut Vec<u8>, length: usize) -> bool {
    let from_buffer = length.min(buffer.len());
    buffer.drain(..from_buffer);
    let left = (length - from_buffer) as u64;
    let copied = tokio::io::copy(&mut (&mut *input).take(left), &mut tokio::io::sink()).await;
    matches!(copied, Ok(copied) if copied == left)
}

/// The server's stdin, read without a thread of its own where the system allows: a pipe or a
/// socket, made non-blocking and watched by the runtime, so that a message reaches its
/// handler without waking another thread. Anything else is read through tokio's stdin.
pub fn stdin() -> Box<dyn AsyncRead + Unpin + Send> {
    #[cfg(unix)]
    if let Some(stdin) = unix_stdin::PollableStdin::new() {
        return Box::new(stdin);
    }
    Box::new(tokio::io::stdin())
}

#[cfg(unix)]
mod unix_stdin {
    use std::fs::File;
    use std::io::Read;
    use std::os::fd::{AsFd, AsRawFd};
    use std::os::unix::fs::FileTypeExt;
    use std::pin::Pin;
    use std::task::{Context, Poll, ready};

    use tokio::io::unix::AsyncFd;
    use tokio::io::{AsyncRead, Interest, ReadBuf};

    pub struct PollableStdin(AsyncFd<File>);

    impl PollableStdin {
        pub fn new() -> Option<PollableStdin> {
            let file = File::from(std::io::stdin().as_fd().try_clone_to_owned().ok()?);
            let kind = file.metadata().ok()?.file_type();
            // A terminal or a file is left as it is: the flag would outlive the server.
            if !(kind.is_fifo() || kind.is_socket()) {
                return None;
            }
            let fd = file.as_raw_fd();
            // SAFETY: fcntl on a descriptor this process owns; only the status flags change.
            let nonblocking = unsafe {
                let flags = libc::fcntl(fd, libc::F_GETFL);
                flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) >= 0
            };
            if !nonblocking {
                return None;
            }
            // SAFETY: the `File` owns its descriptor, which stays open, the same, for as long as
            // the `AsyncFd` that owns the `File`.
            unsafe { AsyncFd::register_with_interest(file, Interest::READABLE) }
                .ok()
                .map(PollableStdin)
        }
    }

    impl AsyncRead for PollableStdin {
        fn poll_read(
            self: Pin<&mut Self>,
            context: &mut Context<'_>,
            buffer: &mut ReadBuf<'_>,
        ) -> Poll<std::io::Result<()>> {
            loop {
                let mut guard = ready!(self.0.poll_read_ready(context))?;
                let unfilled = buffer.initialize_unfilled();
                match guard.try_io(|file| file.get_ref().read(unfilled)) {
                    Ok(Ok(read)) => {
                        buffer.advance(read);
                        return Poll::Ready(Ok(()));
                    }
                    Ok(Err(error)) => return Poll::Ready(Err(error)),
                    Err(_would_block) => continue,
                }
            }
        }
    }
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
