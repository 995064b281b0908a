//! Arbitrary bytes on the server's stdin, through our framing layer: it never panics, and what
//! it passes on to tower-lsp-server is only well-formed frames (`Content-Length: N\r\n\r\n`
//! and N bytes of JSON).

#![no_main]

use libfuzzer_sys::fuzz_target;
use resolution_ls::lsp::fuzzing::forward_frames;

fuzz_target!(|data: &[u8]| {
    // An `exit` notification ends the process by design; keep it (and JSON escapes that could
    // spell it) out of the input.
    if data
        .windows(4)
        .any(|window| window.eq_ignore_ascii_case(b"exit"))
        || data.windows(2).any(|window| window == b"\\u")
    {
        return;
    }
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().build() else {
        return;
    };
    let mut output: Vec<u8> = Vec::new();
    runtime.block_on(forward_frames(data, &mut output));

    let mut rest = output.as_slice();
    while !rest.is_empty() {
        let Some(end) = rest.windows(4).position(|window| window == b"\r\n\r\n") else {
            panic!("a frame without the end of its header: {rest:?}");
        };
        let header = std::str::from_utf8(&rest[..end]).unwrap_or_else(|_| panic!("header"));
        let Some(length) = header.strip_prefix("Content-Length: ") else {
            panic!("a header other than Content-Length: {header:?}");
        };
        let length: usize = length
            .parse()
            .unwrap_or_else(|_| panic!("length {length:?}"));
        let body = rest
            .get(end + 4..end + 4 + length)
            .unwrap_or_else(|| panic!("short body"));
        assert!(
            serde_json::from_slice::<serde_json::Value>(body).is_ok(),
            "a body that is not JSON"
        );
        rest = &rest[end + 4 + length..];
    }
});
