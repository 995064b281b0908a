#!/bin/sh
# Run each fuzz target for SECONDS (default 60), one after the other, on the stable toolchain.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
# Set SANITIZER=none for a build without AddressSanitizer (see README.md for when that is
# sound), and FUZZ_FLAGS for other `cargo fuzz run` flags, such as --no-trace-compares.
# New inputs go to fuzz/corpus/TARGET (not committed); crashes to fuzz/artifacts/TARGET.
set -eu
cd "$(dirname "$0")"
seconds="${1:-60}"
[ "$#" -gt 0 ] && shift
targets="${*:-engine edits lsp_messages reread}"
for target in $targets; do
    mkdir -p "corpus/$target"
    seeds=""
    # The engine and the re-reading start from the rule fixtures (drafts we wrote); the others
    # from scratch.
    case "$target" in
        engine | reread) seeds="$(find ../tests/fixtures -mindepth 1 -maxdepth 1 -type d | tr '\n' ' ')" ;;
    esac
    # The framing layer reports each malformed message on stderr: silence it for that target
    # (replay a crash without this flag to see its panic message).
    quiet=""
    [ "$target" = lsp_messages ] && quiet="-close_fd_mask=2"
    echo "== $target for ${seconds}s"
    RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer "${SANITIZER:-address}" ${FUZZ_FLAGS:-} "$target" "corpus/$target" $seeds -- \
        -max_total_time="$seconds" $quiet -print_final_stats=1
done
