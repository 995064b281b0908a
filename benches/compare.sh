#!/usr/bin/env bash
# Side by side, in one run, on the same generated draft (1 MB unless given another size):
#   resolution-ls check (release build), whole process;
#   markdownlint-cli2 0.22 with only MD029 (ordered-list numbering) enabled;
#   wc -l, the floor any checker pays to read the bytes.
# Installs what it needs under target/compare/ (markdownlint-cli2 with npm; hyperfine with apt
# when missing and allowed, else a timing loop). Usage: benches/compare.sh [BYTES]
set -euo pipefail

cd "$(dirname "$0")/.."
bytes="${1:-1000000}"
work="$PWD/target/compare"
mkdir -p "$work"
draft="$work/draft.res.md"

echo "building resolution-ls (release) and writing a generated draft of $bytes bytes…" >&2
cargo build --release --quiet
cargo bench --quiet --bench engine -- --write-draft "$bytes" "$draft" >/dev/null
checker="$PWD/target/release/resolution-ls"

markdownlint="$work/npm/node_modules/.bin/markdownlint-cli2"
if [ ! -x "$markdownlint" ]; then
    echo "installing markdownlint-cli2@0.22 into $work/npm…" >&2
    npm install --silent --no-audit --no-fund --prefix "$work/npm" markdownlint-cli2@0.22 >&2
fi
# Only MD029 (ordered-list item prefixes); every other rule off.
printf '{\n  "config": { "default": false, "MD029": true }\n}\n' >"$work/.markdownlint-cli2.jsonc"

if ! command -v hyperfine >/dev/null; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        echo "installing hyperfine with apt…" >&2
        apt-get install -y -qq hyperfine >/dev/null 2>&1 || true
    fi
fi

names=("resolution-ls check" "markdownlint-cli2 (MD029 only)" "wc -l")
commands=(
    "$checker check $draft"
    "$markdownlint $draft"
    "wc -l $draft"
)

# Median seconds of each command, one a line, in the order of `commands`.
medians() {
    if command -v hyperfine >/dev/null; then
        # Both checkers exit 1 when they find something: time them anyway.
        (cd "$work" && hyperfine --style none --ignore-failure -N --warmup 2 --min-runs 5 \
            --export-json "$work/hyperfine.json" "${commands[@]}" >&2)
        python3 -c 'import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print(result["median"])' "$work/hyperfine.json"
    else
        echo "hyperfine not available: timing each command with a loop of runs" >&2
        for command in "${commands[@]}"; do
            (cd "$work" && python3 - "$command" <<'PYTHON'
import shlex, statistics, subprocess, sys, time
command = shlex.split(sys.argv[1])
samples = []
started = time.perf_counter()
while len(samples) < 5 or (time.perf_counter() - started < 3 and len(samples) < 200):
    begin = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples.append(time.perf_counter() - begin)
print(statistics.median(samples))
PYTHON
            )
        done
    fi
}

mapfile -t times < <(medians)
if [ "${#times[@]}" -ne 3 ]; then
    echo "could not time the three commands" >&2
    exit 1
fi

python3 - "$bytes" "${times[@]}" "${names[@]}" <<'PYTHON'
import sys
size = int(sys.argv[1])
times = [float(value) for value in sys.argv[2:5]]
names = sys.argv[5:8]
print(f"Same generated draft ({size / 1e6:g} MB), whole process, median of runs:\n")
print("| tool | time | MB/s |")
print("|---|---:|---:|")
for name, seconds in zip(names, times):
    print(f"| {name} | {seconds * 1000:.1f} ms | {size / 1e6 / seconds:.1f} |")
checker, markdownlint, wc = times
print(f"\nresolution-ls / wc -l: {checker / wc:.1f}×   markdownlint-cli2 / resolution-ls: {markdownlint / checker:.0f}×")
PYTHON
