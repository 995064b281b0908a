// The VS Code extension inside VS Code: code-server (VS Code served to a browser) with the
// packaged extension, driven in the system's Chromium through playwright-core, the way a user
// works: keyboard and screen. Run by `cargo test` (tests/editors.rs), which installs
// code-server and playwright-core with install.sh and passes, in the environment:
//
//   CODE_SERVER_HOME        the folder install.sh installed into
//   RESOLUTION_TEST_CHROMIUM the Chromium executable
//   RESOLUTION_TEST_VSIX    the packaged extension
//   RESOLUTION_LS_SERVER    the server binary
//   RESOLUTION_TEST_DRAFT   the draft with known defects (tests/editors/defects.res.md)
//   RESOLUTION_TEST_DIR     an empty folder for the workspace and code-server's state
//   RESOLUTION_TEST_ARTEFACTS where the screenshots go
//
// It prints what the user saw and exits with 1 when a check failed, after running the others.

import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import * as path from "node:path";

const environment = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run this through \`cargo test --test editors\``);
  }
  return value;
};

const home = environment("CODE_SERVER_HOME");
const chromium = environment("RESOLUTION_TEST_CHROMIUM");
const vsix = environment("RESOLUTION_TEST_VSIX");
const server = environment("RESOLUTION_LS_SERVER");
const draft = environment("RESOLUTION_TEST_DRAFT");
const work = environment("RESOLUTION_TEST_DIR");
const artefacts = environment("RESOLUTION_TEST_ARTEFACTS");

/** How long one step may wait for what it expects to see. */
const STEP_DEADLINE_MS = 60_000;

const { chromium: playwright } = createRequire(path.join(home, "package.json"))("playwright-core");
const codeServer = path.join(home, "node_modules", "code-server", "out", "node", "entry.js");

const workspace = path.join(work, "workspace");
const state = path.join(work, "state");
const userData = path.join(state, "user-data");
const extensionsDir = path.join(state, "extensions");
const draftCopy = path.join(workspace, "defects.res.md");
const workspaceSettings = path.join(workspace, ".vscode", "settings.json");
for (const folder of [path.join(workspace, ".vscode"), path.join(userData, "User"), extensionsDir, artefacts]) {
  mkdirSync(folder, { recursive: true });
}
copyFileSync(draft, draftCopy);

const failures = [];
/** A check that does not stop the run: the others still say what they saw. */
function expect(condition, what, seen) {
  if (condition) {
    console.log(`ok: ${what}`);
  } else {
    const message = `${what}; seen: ${seen}`;
    console.log(`FAILED: ${message}`);
    failures.push(message);
  }
}

async function waitFor(description, probe, deadlineMs = STEP_DEADLINE_MS) {
  const started = Date.now();
  let last;
  for (;;) {
    last = await probe();
    if (last) {
      return last;
    }
    if (Date.now() - started > deadlineMs) {
      throw new Error(`waited ${deadlineMs / 1000} s for ${description}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function writeSettings(settings) {
  writeFileSync(workspaceSettings, JSON.stringify(settings, null, 2));
}

const baseSettings = {
  "resolution.server.path": server,
  // The trace setting alone, with the output channel at its default level, must log messages.
  "resolution.trace.server": "messages",
};
writeSettings(baseSettings);
// User settings are read when the window loads: a quiet workbench, and no saving behind the
// test's back.
writeFileSync(
  path.join(userData, "User", "settings.json"),
  JSON.stringify({
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "chat.commandCenter.enabled": false,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoUpdate": false,
    "extensions.autoCheckUpdates": false,
    "files.autoSave": "off",
    "editor.minimap.enabled": false,
    "editor.fontSize": 14,
    "window.commandCenter": false,
    "workbench.colorTheme": "Default Light Modern",
  }),
);

const codeServerEnvironment = {
  ...process.env,
  XDG_DATA_HOME: path.join(state, "data"),
  XDG_CONFIG_HOME: path.join(state, "config"),
  XDG_CACHE_HOME: path.join(state, "cache"),
  HOME: state,
};
const stateArguments = [`--user-data-dir=${userData}`, `--extensions-dir=${extensionsDir}`];

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

let codeServerProcess;
let browser;

function stopCodeServer() {
  // code-server keeps its extension hosts (each with a server process) alive after the browser
  // leaves: stop its whole process group, which it leads.
  if (codeServerProcess?.pid && codeServerProcess.exitCode === null) {
    try {
      process.kill(-codeServerProcess.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

function logFiles() {
  const found = [];
  const walk = (folder) => {
    let entries = [];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith(".log")) {
        found.push(full);
      }
    }
  };
  walk(path.join(userData, "logs"));
  return found;
}

/** The resolution-ls output channel, as the extension host writes it to disk. */
function outputChannelLog() {
  const channel = logFiles().find((file) => path.basename(file) === "resolution-ls.log");
  return channel ? readFileSync(channel, "utf8") : "";
}

function extensionHostLog() {
  return logFiles()
    .filter((file) => path.basename(file).endsWith("exthost.log"))
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
}

async function main() {
  const started = Date.now();
  const install = execFileSync(process.execPath, [codeServer, ...stateArguments, "--install-extension", vsix], {
    env: codeServerEnvironment,
    encoding: "utf8",
  });
  console.log(install.trim());

  const port = await freePort();
  codeServerProcess = spawn(
    process.execPath,
    [
      codeServer,
      ...stateArguments,
      `--bind-addr=127.0.0.1:${port}`,
      "--auth=none",
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      workspace,
    ],
    { env: codeServerEnvironment, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  writeFileSync(path.join(work, "code-server.pid"), String(codeServerProcess.pid));
  let codeServerOutput = "";
  codeServerProcess.stdout.on("data", (chunk) => (codeServerOutput += chunk));
  codeServerProcess.stderr.on("data", (chunk) => (codeServerOutput += chunk));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`code-server to answer on ${base}/healthz; it said:\n${codeServerOutput}`, async () => {
    try {
      return (await fetch(`${base}/healthz`)).ok;
    } catch {
      return false;
    }
  });

  browser = await playwright.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const context = await browser.newContext({ viewport: { width: 1200, height: 720 } });
  // Nothing leaves the machine: VS Code's requests for the marketplace, fonts and the like fail.
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    return url.hostname === "127.0.0.1" ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const browserErrors = [];
  page.on("pageerror", (error) => browserErrors.push(String(error)));
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: STEP_DEADLINE_MS });
  console.log(`code-server ${base} showed the workbench after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Open the draft as a user would: Ctrl+P, its name, Enter.
  await waitFor("the quick open box", async () => {
    await page.keyboard.press("Control+P");
    return page.locator(".quick-input-widget input").isVisible();
  });
  await page.keyboard.type("defects.res.md");
  await waitFor("defects.res.md in quick open", () =>
    page.locator(".quick-input-widget .monaco-list-row", { hasText: "defects.res.md" }).first().isVisible(),
  );
  await page.keyboard.press("Enter");
  await page.waitForSelector(".monaco-editor .view-lines", { timeout: STEP_DEADLINE_MS });
  const editorText = async () =>
    (await page.locator(".monaco-editor .view-lines .view-line").allInnerTexts()).map((line) => line.replace(/\u00a0/g, " "));

  // The Problems panel (Ctrl+Shift+M): one row per finding, with its code and position.
  await page.keyboard.press("Control+Shift+M");
  const problemRows = async () =>
    (await page.locator(".markers-panel .monaco-list-row").allInnerTexts()).map((row) => row.replace(/\s+/g, " ").trim());
  const expectedRows = [
    ["paragraph-punctuation", "[Ln 5, Col 62]"],
    ["misnumbered-paragraph", "[Ln 11, Col 1]"],
    // The emoji before it is two UTF-16 code units, as VS Code counts.
    ["dangling-footnote", "[Ln 11, Col 54]"],
  ];
  const hasRow = (rows, [code, position]) => rows.some((row) => row.includes(code) && row.includes(position));
  const rows = await waitFor("the three findings in the Problems panel", async () => {
    const current = await problemRows();
    return expectedRows.every((expected) => hasRow(current, expected)) ? current : undefined;
  }).catch(async (error) => {
    throw new Error(`${error.message}; the panel shows ${JSON.stringify(await problemRows())}`);
  });
  console.log(`Problems panel:\n  ${rows.join("\n  ")}`);
  const findingRows = rows.filter((row) => /\[Ln \d+, Col \d+\]/.test(row));
  expect(findingRows.length === 3, "three findings in the Problems panel, with their codes and positions", JSON.stringify(findingRows));
  await waitFor("squiggles in the editor", () => page.locator(".monaco-editor .squiggly-error").first().isVisible());
  await page.screenshot({ path: path.join(artefacts, "problems.png") });

  // The hover on a footnote marker shows the footnote's text.
  await page.locator(".monaco-editor .view-lines").click();
  await goTo(page, 7, 56);
  await page.keyboard.press("Control+K");
  await page.keyboard.press("Control+I");
  const hover = await waitFor("the hover on the footnote marker", async () => {
    const text = await page.locator(".monaco-hover:visible").allInnerTexts().catch(() => []);
    return text.join("\n").includes("A/HRC/23/40") ? text.join("\n") : undefined;
  });
  console.log(`hover: ${JSON.stringify(hover)}`);
  expect(/footnote 1/i.test(hover), "the hover on a footnote marker shows the footnote", JSON.stringify(hover));
  await page.screenshot({ path: path.join(artefacts, "hover.png") });
  await page.keyboard.press("Escape");

  // Source Action...: renumbering goes by the same name as the quick fix.
  await runCommand(page, "Source Action...");
  const sourceActions = await actionMenu(page);
  console.log(`source actions: ${JSON.stringify(sourceActions)}`);
  const sourceRenumber = sourceActions.filter((title) => /renumber/i.test(title));
  expect(
    sourceRenumber.length === 1 && sourceRenumber[0].startsWith("Renumber the operative paragraphs"),
    'one renumber source action, named as the quick fix ("Renumber the operative paragraphs…")',
    JSON.stringify(sourceActions),
  );
  await page.keyboard.press("Escape");

  // The hover on the misnumbered paragraph: the finding, and its quick fixes, which VS Code
  // asks for with `only: ["quickfix"]`. It drops (and logs) an action of another kind.
  await goTo(page, 11, 1);
  const logBeforeQuickFix = extensionHostLog().length;
  await page.keyboard.press("Control+K");
  await page.keyboard.press("Control+I");
  const markerHover = await waitFor("the hover on the misnumbered paragraph, with its quick fix", async () => {
    const text = (await page.locator(".monaco-hover:visible").allInnerTexts().catch(() => [])).join("\n");
    return text.includes("misnumbered-paragraph") && text.includes("Quick Fix") ? text : undefined;
  });
  console.log(`hover at 11:1: ${JSON.stringify(markerHover)}`);
  await page.screenshot({ path: path.join(artefacts, "finding-hover.png") });
  await page.keyboard.press("Escape");

  // The quick fix at the misnumbered paragraph, chosen and applied with the keyboard.
  await page.keyboard.press("Control+.");
  const quickFixes = await actionMenu(page);
  console.log(`quick fixes at 11:1: ${JSON.stringify(quickFixes)}`);
  await page.screenshot({ path: path.join(artefacts, "quick-fix.png") });
  const renumberEntries = quickFixes.filter((title) => /renumber/i.test(title));
  expect(
    renumberEntries.length === 1 && renumberEntries[0].startsWith("Renumber the operative paragraphs"),
    'exactly one renumber entry in the quick-fix menu, "Renumber the operative paragraphs…"',
    JSON.stringify(quickFixes),
  );
  const dropped = extensionHostLog()
    .slice(logBeforeQuickFix)
    .split("\n")
    .filter((line) => line.includes("Code action will be dropped"));
  expect(dropped.length === 0, "the server answers only the code action kinds asked for", dropped.join("\n"));
  await chooseAction(page, (title) => title.startsWith("Renumber the operative paragraphs"));
  const renumbered = await waitFor("paragraphs 3 and 4 in the editor", async () => {
    const lines = await editorText();
    return lines.some((line) => line.startsWith("3. *Invites*")) && lines.some((line) => line.startsWith("4. *Decides*"))
      ? lines
      : undefined;
  });
  expect(
    renumbered.some((line) => line.includes("paragraph 3 above")),
    'the quick fix renumbers 4, 5 to 3, 4 in the editor, and the cross-reference to "paragraph 3 above"',
    JSON.stringify(renumbered),
  );
  await waitFor("misnumbered-paragraph to leave the Problems panel", async () =>
    (await problemRows()).every((row) => !row.includes("misnumbered-paragraph")),
  );

  // Saving: the file on disk is renumbered, and the diagnostics are pulled once.
  const traceBeforeSave = outputChannelLog().length;
  await page.keyboard.press("Control+S");
  await waitFor("the renumbered draft on disk", () => readFileSync(draftCopy, "utf8").includes("3. *Invites*"));
  const sinceSave = () => {
    const log = outputChannelLog().slice(traceBeforeSave);
    return log.slice(Math.max(0, log.indexOf("Sending notification 'textDocument/didSave'")));
  };
  await waitFor("the didSave notification and a diagnostic pull after it in the trace", () => {
    const log = sinceSave();
    return log.includes("textDocument/didSave") && log.includes("Received response 'textDocument/diagnostic");
  });
  // A request answered after the save: the server handles messages in order, so anything it
  // sent because of the save (a refresh, and the pull that follows it) is in the trace by then.
  await goTo(page, 7, 56);
  await page.keyboard.press("Control+K");
  await page.keyboard.press("Control+I");
  await waitFor("a hover answered after the save", () => sinceSave().includes("Received response 'textDocument/hover"));
  await page.keyboard.press("Escape");
  const afterSave = sinceSave();
  const pulls = afterSave.split("\n").filter((line) => line.includes("Sending request 'textDocument/diagnostic"));
  const cancels = afterSave.split("\n").filter((line) => line.includes("$/cancelRequest"));
  expect(
    pulls.length === 1 && cancels.length === 0,
    "one diagnostic pull per save",
    `${pulls.length} pulls, ${cancels.length} cancelled:\n${afterSave
      .split("\n")
      .filter((line) => /didSave|diagnostic|cancel/.test(line))
      .join("\n")}`,
  );

  // The trace setting alone logs the messages in the resolution-ls output channel.
  const channel = outputChannelLog();
  expect(
    channel.includes("Sending request 'initialize") && channel.includes("Received response 'textDocument/hover"),
    "resolution.trace.server alone logs the messages in the resolution-ls output channel",
    channel.slice(0, 2000),
  );

  // A setting in the workspace's .vscode/settings.json takes effect: a rule turned off leaves
  // the Problems panel, the others stay.
  writeSettings({ ...baseSettings, "resolution.rules.paragraph-punctuation": "off" });
  const afterSetting = await waitFor("paragraph-punctuation to leave the Problems panel", async () => {
    const current = await problemRows();
    return current.every((row) => !row.includes("paragraph-punctuation")) ? current : undefined;
  });
  expect(
    hasRow(afterSetting, ["dangling-footnote", "[Ln 11, Col 54]"]),
    "a rule turned off in .vscode/settings.json leaves the Problems panel, and the others stay",
    JSON.stringify(afterSetting),
  );

  // With a base (the draft before its last paragraph was written), that paragraph carries a
  // code lens, and "Resolution: Export to Word" writes the draft as a Word document beside it.
  const baseFile = path.join(workspace, "base.res.md");
  writeFileSync(
    baseFile,
    readFileSync(draft, "utf8")
      .split("\n")
      .filter((line) => !line.includes("*Decides* to review"))
      .join("\n"),
  );
  writeSettings({ ...baseSettings, "resolution.rules.paragraph-punctuation": "off", "resolution.base": "base.res.md" });
  const lenses = await waitFor("a code lens against the base", async () => {
    const texts = await page.locator(".codelens-decoration").allInnerTexts();
    return texts.some((text) => text.includes("since the base")) ? texts : undefined;
  });
  await page.screenshot({ path: path.join(artefacts, "base-lens.png") });
  expect(
    lenses.filter((text) => text.includes("new since the base")).length === 1,
    "the paragraph new against the base carries the lens `new since the base`",
    JSON.stringify(lenses),
  );
  await runCommand(page, "Resolution: Export to Word");
  const exported = path.join(workspace, "defects.res.docx");
  const written = await waitFor("the Word export beside the draft", () => {
    try {
      return readFileSync(exported).subarray(0, 2).toString() === "PK" ? true : undefined;
    } catch {
      return undefined;
    }
  });
  expect(written === true, "Resolution: Export to Word writes defects.res.docx (a zip) beside the draft", String(written));

  // A wrong server path: the notification says what is wrong in plain text.
  const missing = path.join(work, "nowhere", "resolution-ls");
  writeSettings({ ...baseSettings, "resolution.server.path": missing });
  const notification = await waitFor("the notification about the wrong server path", async () => {
    const toasts = await page.locator(".notifications-toasts .notification-toast.notification-fade-in-done").allInnerTexts();
    return toasts.find((toast) => toast.includes(missing));
  });
  console.log(`notification: ${JSON.stringify(notification)}`);
  await page.screenshot({ path: path.join(artefacts, "server-not-found.png") });
  expect(!notification.includes("`"), "the notification about a wrong server path is plain text, without backticks", JSON.stringify(notification));
  expect(
    /Open settings/.test(notification) && /Show install steps/.test(notification),
    "the notification offers its two buttons",
    JSON.stringify(notification),
  );

  expect(browserErrors.length === 0, "no uncaught errors in the page", browserErrors.join("\n"));
  console.log(`the run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Ctrl+G, then the line and column. */
async function goTo(page, line, column) {
  await page.keyboard.press("Control+G");
  await page.locator(".quick-input-widget input").waitFor({ state: "visible", timeout: STEP_DEADLINE_MS });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
  await waitFor(`the cursor at ${line}:${column}`, async () => {
    const status = await page.locator(".statusbar-item", { hasText: /Ln \d+, Col \d+/ }).first().innerText();
    return status.includes(`Ln ${line}, Col ${column}`);
  });
}

/** F1, a command's name, Enter. */
async function runCommand(page, name) {
  await page.keyboard.press("F1");
  await page.locator(".quick-input-widget input").waitFor({ state: "visible", timeout: STEP_DEADLINE_MS });
  await page.keyboard.type(name);
  await waitFor(`"${name}" in the command palette`, () =>
    page.locator(".quick-input-widget .monaco-list-row", { hasText: name }).first().isVisible(),
  );
  await page.keyboard.press("Enter");
}

/** The titles in the code action menu once it is shown (group headers left out). */
async function actionMenu(page) {
  const entries = page.locator(".action-widget .monaco-list-row.action");
  await waitFor("the code action menu", () => entries.first().isVisible());
  return (await entries.allInnerTexts()).map((title) => title.trim());
}

/** Move down the open code action menu to the first entry `wanted` accepts, and press Enter. */
async function chooseAction(page, wanted) {
  const focused = page.locator(".action-widget .monaco-list-row.action.focused");
  for (let step = 0; step < 20; step++) {
    const title = (await focused.allInnerTexts())[0]?.trim() ?? "";
    if (wanted(title)) {
      await page.keyboard.press("Enter");
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  throw new Error("the wanted entry was not found in the code action menu");
}

try {
  await main();
} catch (error) {
  failures.push(String(error?.stack ?? error));
  console.log(`FAILED: ${error?.stack ?? error}`);
} finally {
  await browser?.close().catch(() => undefined);
  stopCodeServer();
}
if (failures.length > 0) {
  console.log(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("all checks passed");
