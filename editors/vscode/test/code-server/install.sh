#!/usr/bin/env bash
# Installs code-server (VS Code served to a browser) and playwright-core (which drives the
# system's Chromium) into the folder given as the only argument, for the end-to-end test.
#
# A plain `npm install code-server` fails on machines like CI's: as root its postinstall
# refuses to run, its ripgrep package downloads `rg` from GitHub, and node-pty builds through
# `npx node-gyp`, which npm refuses without a prompt. So the install scripts are skipped and
# their work is done here: native modules rebuilt against Debian's libraries, Debian's `rg`
# copied in, and the links that code-server's postinstall.sh would have made.
#
# Needs: Node.js 20 with npm, a C++ toolchain, pkg-config, the headers of libkrb5, libx11,
# libxkbfile and libsecret, and ripgrep (Debian: build-essential pkg-config libkrb5-dev
# libx11-dev libxkbfile-dev libsecret-1-dev ripgrep).
set -euo pipefail

prefix=${1:?usage: install.sh FOLDER}
code_server_version=4.100.3
playwright_version=1.65.2
npm_flags=(--no-audit --no-fund --loglevel=error)
export npm_config_yes=true

rg_binary=$(command -v rg) || {
  echo "ripgrep (rg) is not installed; VS Code's search needs it (Debian: apt-get install ripgrep)" >&2
  exit 1
}

mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
cd "$prefix"
npm install "${npm_flags[@]}" --ignore-scripts --prefix . \
  "code-server@$code_server_version" "playwright-core@$playwright_version"

cd node_modules/code-server/lib/vscode
npm install "${npm_flags[@]}" --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$rg_binary" node_modules/@vscode/ripgrep/bin/rg
npm rebuild "${npm_flags[@]}"
ln -sfn node_modules node_modules.asar
(cd extensions && npm install "${npm_flags[@]}" --omit=dev)

(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)

# argon2 (password hashing, loaded even with `--auth none`) is hoisted to the prefix.
cd "$prefix"
npm rebuild "${npm_flags[@]}" argon2
