// Finding the server: the setting, PATH, ~/.cargo/bin, and what is said when it is missing.

import { strict as assert } from "node:assert";
import { test } from "node:test";

import { Environment, resolveServer } from "../src/serverPath";

function environment(files: string[], overrides: Partial<Environment> = {}): Environment {
  const executables = new Set(files);
  return {
    platform: "linux",
    env: { PATH: "/usr/local/bin:/usr/bin" },
    homeDir: "/home/ana",
    workspaceFolders: ["/work/drafts"],
    isExecutableFile: (file) => executables.has(file),
    ...overrides,
  };
}

test("an empty setting looks on PATH, in order", () => {
  const found = resolveServer("", environment(["/usr/bin/resolution-ls", "/usr/local/bin/resolution-ls"]));
  assert.deepEqual(found, { found: true, path: "/usr/local/bin/resolution-ls", source: "PATH" });
  assert.deepEqual(resolveServer(undefined, environment(["/usr/bin/resolution-ls"])), {
    found: true,
    path: "/usr/bin/resolution-ls",
    source: "PATH",
  });
});

test("then where cargo install puts it", () => {
  assert.deepEqual(resolveServer("  ", environment(["/home/ana/.cargo/bin/resolution-ls"])), {
    found: true,
    path: "/home/ana/.cargo/bin/resolution-ls",
    source: "cargo",
  });
  const cargoHome = environment(["/opt/cargo/bin/resolution-ls"], { env: { PATH: "/usr/bin", CARGO_HOME: "/opt/cargo" } });
  assert.equal(resolveServer("", cargoHome).found, true);
});

test("missing everywhere: the message says where it looked and what to do", () => {
  const missing = resolveServer("", environment([]));
  assert.equal(missing.found, false);
  if (!missing.found) {
    assert.match(missing.message, /not on PATH/);
    assert.match(missing.message, /\/home\/ana\/\.cargo\/bin/);
    assert.match(missing.message, /Install resolution-ls/);
    assert.match(missing.message, /resolution\.server\.path/);
  }
});

test("an absolute setting is used as it is, and wins over PATH", () => {
  const env = environment(["/opt/rls/resolution-ls", "/usr/bin/resolution-ls"]);
  assert.deepEqual(resolveServer("/opt/rls/resolution-ls", env), {
    found: true,
    path: "/opt/rls/resolution-ls",
    source: "setting",
  });
});

test("a relative setting starts at the first workspace folder; ~ is the home folder", () => {
  const env = environment(["/work/drafts/bin/resolution-ls", "/home/ana/bin/resolution-ls"]);
  assert.deepEqual(resolveServer("bin/resolution-ls", env), {
    found: true,
    path: "/work/drafts/bin/resolution-ls",
    source: "setting",
  });
  assert.deepEqual(resolveServer("~/bin/resolution-ls", env), {
    found: true,
    path: "/home/ana/bin/resolution-ls",
    source: "setting",
  });
  const noFolder = resolveServer("bin/resolution-ls", environment([], { workspaceFolders: [] }));
  assert.equal(noFolder.found, false);
  if (!noFolder.found) {
    assert.match(noFolder.message, /relative path "bin\/resolution-ls", and no folder is open/);
  }
});

test("a bare name in the setting is looked up on PATH", () => {
  assert.deepEqual(resolveServer("resolution-ls-dev", environment(["/usr/bin/resolution-ls-dev"])), {
    found: true,
    path: "/usr/bin/resolution-ls-dev",
    source: "setting",
  });
  const missing = resolveServer("resolution-ls-dev", environment(["/usr/bin/resolution-ls"]));
  assert.equal(missing.found, false);
});

test("a wrong setting is reported, not silently replaced by the one on PATH", () => {
  const wrong = resolveServer("/opt/nowhere/resolution-ls", environment(["/usr/bin/resolution-ls"]));
  assert.equal(wrong.found, false);
  if (!wrong.found) {
    assert.match(wrong.message, /"\/opt\/nowhere\/resolution-ls", but there is no executable file/);
    assert.match(wrong.message, /clear the setting/);
  }
});

test("the messages are plain text: VS Code shows notifications without Markdown", () => {
  const messages = [
    resolveServer("", environment([])),
    resolveServer("resolution-ls-dev", environment([])),
    resolveServer("bin/resolution-ls", environment([], { workspaceFolders: [] })),
    resolveServer("/opt/nowhere/resolution-ls", environment([])),
  ].map((location) => (location.found ? "" : location.message));
  for (const message of messages) {
    assert.notEqual(message, "");
    assert.doesNotMatch(message, /`/, message);
  }
});

test("on Windows, .exe is added and PATH is split on semicolons", () => {
  const windows = environment(["C:\\tools\\resolution-ls.exe", "C:\\rls\\resolution-ls.exe"], {
    platform: "win32",
    env: { Path: "C:\\Windows;C:\\tools", PATHEXT: ".COM;.EXE;.BAT" },
    homeDir: "C:\\Users\\ana",
    workspaceFolders: ["C:\\drafts"],
  });
  assert.deepEqual(resolveServer("", windows), { found: true, path: "C:\\tools\\resolution-ls.exe", source: "PATH" });
  assert.deepEqual(resolveServer("C:\\rls\\resolution-ls", windows), {
    found: true,
    path: "C:\\rls\\resolution-ls.exe",
    source: "setting",
  });
});
