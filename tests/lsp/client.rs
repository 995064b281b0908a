//! A strict LSP client for end-to-end tests: it starts the built server, speaks
//! `Content-Length` framing over its stdio, and fails the test on anything on stdout that is
//! not a well-formed frame (VS Code's transport would drop such a message).

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long to wait for an answer before failing: generous, since CI machines are slow; the
/// tests never wait this long when the server works.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Result<Value, String>>,
    next_id: i64,
    /// Notifications and server requests received while waiting for something else.
    pub backlog: Vec<Value>,
    /// What the client answers to `workspace/configuration`.
    pub configuration: Value,
    /// The edits the server asked the client to apply.
    pub applied_edits: Vec<Value>,
    /// Everything the server wrote to stderr so far.
    stderr: Arc<Mutex<String>>,
}

impl Client {
    pub fn start() -> Client {
        Client::start_with(&[])
    }

    pub fn start_with(args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_resolution-ls"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start the server: {error}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
        let (sender, incoming) = channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                match read_frame(&mut reader) {
                    Ok(Some(message)) => {
                        if sender.send(Ok(message)).is_err() {
                            return;
                        }
                    }
                    Ok(None) => return,
                    Err(error) => {
                        let _ = sender.send(Err(error));
                        return;
                    }
                }
            }
        });
        // Drain stderr so the server never blocks on a full pipe, keeping what it says.
        let logged = Arc::new(Mutex::new(String::new()));
        let log = logged.clone();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(mut log) = log.lock() {
                    log.push_str(&line);
                    log.push('\n');
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            incoming,
            next_id: 0,
            backlog: Vec::new(),
            configuration: Value::Null,
            applied_edits: Vec::new(),
            stderr: logged,
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self
            .stdin
            .as_mut()
            .unwrap_or_else(|| panic!("stdin closed"));
        stdin
            .write_all(bytes)
            .unwrap_or_else(|error| panic!("write: {error}"));
        stdin
            .flush()
            .unwrap_or_else(|error| panic!("flush: {error}"));
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap_or_default();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.send_raw(&frame);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response, answering the server's own requests
    /// (`workspace/configuration`, `workspace/applyEdit`) on the way.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(id)
    }

    pub fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self.receive(deadline, PATIENCE);
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.handle_other(message);
        }
    }

    /// Wait for a notification that satisfies `wanted`.
    pub fn notification(&mut self, method: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        self.notification_within(PATIENCE, method, wanted)
    }

    /// Wait up to `patience` for a notification that satisfies `wanted`.
    fn notification_within(
        &mut self,
        patience: Duration,
        method: &str,
        wanted: impl Fn(&Value) -> bool,
    ) -> Value {
        if let Some(position) = self
            .backlog
            .iter()
            .position(|message| message["method"] == method && wanted(&message["params"]))
        {
            return self.backlog.remove(position);
        }
        let deadline = Instant::now() + patience;
        loop {
            let message = self.receive(deadline, patience);
            if message["method"] == method && wanted(&message["params"]) {
                return message;
            }
            self.handle_other(message);
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        self.diagnostics_within(PATIENCE, uri, version)
    }

    /// The diagnostics published for `uri` at `version`, waiting up to `patience`.
    pub fn diagnostics_within(
        &mut self,
        patience: Duration,
        uri: &str,
        version: i64,
    ) -> Vec<Value> {
        let mut message =
            self.notification_within(patience, "textDocument/publishDiagnostics", |params| {
                params["uri"] == uri && params["version"] == version
            });
        match message["params"]["diagnostics"].take() {
            Value::Array(diagnostics) => diagnostics,
            _ => Vec::new(),
        }
    }

    /// The next message, failing the test when none comes by `deadline`, `patience` after
    /// the wait began.
    fn receive(&mut self, deadline: Instant, patience: Duration) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(Ok(message)) => message,
            Ok(Err(error)) => {
                panic!("the server wrote something that is not an LSP frame: {error}")
            }
            Err(RecvTimeoutError::Timeout) => panic!(
                "no answer from the server within {patience:?}; received meanwhile: {:#?}",
                self.backlog
            ),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its stdout"),
        }
    }

    fn handle_other(&mut self, message: Value) {
        if let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) {
            let result = match method {
                "workspace/configuration" => json!([self.configuration.clone()]),
                "workspace/applyEdit" => {
                    self.applied_edits.push(message["params"]["edit"].clone());
                    json!({"applied": true})
                }
                _ => Value::Null,
            };
            let id = id.clone();
            self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
        }
        self.backlog.push(message);
    }

    /// The server's resident memory in KiB (Linux), from `/proc`.
    #[allow(dead_code)]
    pub fn resident_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// What the server has written to stderr so far.
    #[allow(dead_code)]
    pub fn stderr(&self) -> String {
        self.stderr
            .lock()
            .map(|log| log.clone())
            .unwrap_or_default()
    }

    /// Wait for the process to end; its exit status.
    pub fn wait_for_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                return None;
            }
            thread::yield_now();
            thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Read one frame: headers (only `Content-Length` and `Content-Type` allowed) ending with an
/// empty line, then exactly that many bytes of UTF-8 JSON. `Ok(None)` at a clean end of stream.
fn read_frame(reader: &mut impl BufRead) -> Result<Option<Value>, String> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|error| error.to_string())?;
        if read == 0 {
            return if first {
                Ok(None)
            } else {
                Err("end of stream inside headers".into())
            };
        }
        first = false;
        let line = String::from_utf8(line).map_err(|_| "headers are not UTF-8".to_string())?;
        let Some(line) = line.strip_suffix("\r\n") else {
            return Err(format!("header line not ended by CRLF: {line:?}"));
        };
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(": ")
            .ok_or_else(|| format!("not a header: {line:?}"))?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad length {value:?}"))?,
                )
            }
            "content-type" => {}
            _ => return Err(format!("unexpected header {name:?}")),
        }
    }
    let length = length.ok_or("no Content-Length header")?;
    let mut body = vec![0; length];
    reader
        .read_exact(&mut body)
        .map_err(|error| error.to_string())?;
    let body = String::from_utf8(body).map_err(|_| "body is not UTF-8".to_string())?;
    serde_json::from_str(&body)
        .map(Some)
        .map_err(|error| format!("body is not JSON ({error}): {body}"))
}
