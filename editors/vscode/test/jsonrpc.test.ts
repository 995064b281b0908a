// The server driven through `vscode-jsonrpc`, the message layer of vscode-languageclient (and
// so of VS Code), with the capabilities VS Code declares: the closest to VS Code we can come
// without downloading it. Strict framing: a stray byte on the server's stdout fails here.

import { strict as assert } from "node:assert";
import { ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from "vscode-jsonrpc/node";

import manifest from "../package.json";
import { Inspection, serverSettingKeys, serverSettings } from "../src/settings";
import { defectsDraft, serverBinary } from "./server";

const TIMEOUT_MS = 15_000;

type Position = { line: number; character: number };
type Range = { start: Position; end: Position };
type TextEdit = { range: Range; newText: string };
type Diagnostic = { range: Range; severity?: number; code?: string; source?: string; message: string };
type WorkspaceEdit = {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
};
type CodeAction = { title: string; kind?: string; edit?: WorkspaceEdit; diagnostics?: Diagnostic[] };

/** What VS Code 1.91 with vscode-languageclient 11 declares, in the parts the server reads. */
function vscodeCapabilities(pull: boolean): Record<string, unknown> {
  return {
    general: { positionEncodings: ["utf-16"] },
    workspace: {
      applyEdit: true,
      configuration: true,
      workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"] },
      didChangeConfiguration: { dynamicRegistration: true },
      executeCommand: { dynamicRegistration: true },
      ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, didSave: true, willSave: true, willSaveWaitUntil: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        dynamicRegistration: true,
        isPreferredSupport: true,
        codeActionLiteralSupport: {
          codeActionKind: { valueSet: ["", "quickfix", "refactor", "source", "source.organizeImports", "source.fixAll"] },
        },
      },
      completion: { completionItem: { snippetSupport: true } },
      ...(pull ? { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } } : {}),
    },
  };
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Offset in a JavaScript string (UTF-16 code units, as LSP's default encoding) of a position. */
function offsetAt(text: string, position: Position): number {
  let lineStart = 0;
  for (let line = 0; line < position.line; line++) {
    const newline = text.indexOf("\n", lineStart);
    if (newline < 0) {
      return text.length;
    }
    lineStart = newline + 1;
  }
  return Math.min(lineStart + position.character, text.length);
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const edit of sorted) {
    text = text.slice(0, offsetAt(text, edit.range.start)) + edit.newText + text.slice(offsetAt(text, edit.range.end));
  }
  return text;
}

function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const fromDocumentChanges = (edit.documentChanges ?? []).filter((change) => change.textDocument.uri === uri).flatMap((change) => change.edits);
  return [...fromDocumentChanges, ...(edit.changes?.[uri] ?? [])];
}

/** A position in the text: the line index and UTF-16 column where `needle` starts on it. */
function find(text: string, line: number, needle: string): Range {
  const lineText = text.split("\n")[line] ?? "";
  const character = lineText.indexOf(needle);
  assert.ok(character >= 0, `line ${line} has no ${JSON.stringify(needle)}: ${lineText}`);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

function describe(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)
    .sort();
}

function expected(text: string, expectations: [string, number, string][]): string[] {
  return describe(expectations.map(([code, line, needle]) => ({ code, range: find(text, line, needle), message: "" })));
}

/** The client side of one server process, keeping the open document as VS Code would. */
class Session {
  readonly connection: MessageConnection;
  readonly stderr: string[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly published = new Map<string, Diagnostic[]>();
  configurationRequests = 0;
  refreshRequests = 0;
  settings: Record<string, unknown> = {};
  text = "";
  version = 1;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly uri: string,
  ) {
    child.stderr.on("data", (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      this.wake();
      return params.items.map((item) => (item.section === "resolution" ? this.settings : null));
    });
    this.connection.onRequest("workspace/applyEdit", (params: { edit: WorkspaceEdit }) => {
      // VS Code applies the edit to the document, which then sends the change.
      this.replaceText(applyEdits(this.text, editsFor(params.edit, this.uri)));
      return { applied: true };
    });
    this.connection.onRequest("workspace/diagnostic/refresh", () => {
      this.refreshRequests++;
      this.wake();
      return null;
    });
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onNotification("textDocument/publishDiagnostics", (params: { uri: string; diagnostics: Diagnostic[] }) => {
      this.published.set(params.uri, params.diagnostics);
      this.wake();
    });
    this.connection.onNotification("window/showMessage", (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.wake();
    });
    this.connection.onNotification("window/logMessage", () => {});
    this.connection.listen();
  }

  static start(): Session {
    const child = spawn(serverBinary(), [], { stdio: ["pipe", "pipe", "pipe"] });
    const uri = pathToFileURL(path.join(os.tmpdir(), "resolution-ls-vscode-test", "defects.res.md")).href;
    return new Session(child, uri);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((waiter) => waiter());
  }

  /** Resolve when `condition` holds, checking after each message from the server. */
  until(what: string, condition: () => boolean): Promise<void> {
    const check = new Promise<void>((resolve) => {
      const test = () => (condition() ? resolve() : this.waiters.push(test));
      test();
    });
    return within(check, what);
  }

  async initialize(pull: boolean): Promise<{ capabilities: Record<string, any>; serverInfo?: { name: string } }> {
    const result = await within(
      this.connection.sendRequest("initialize", {
        processId: process.pid,
        clientInfo: { name: "Visual Studio Code", version: "1.91.0" },
        rootUri: null,
        workspaceFolders: null,
        capabilities: vscodeCapabilities(pull),
      }),
      "the answer to initialize",
    );
    await this.connection.sendNotification("initialized", {});
    return result as { capabilities: Record<string, any> };
  }

  async open(text: string): Promise<void> {
    this.text = text;
    await this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: this.uri, languageId: "markdown", version: this.version, text },
    });
  }

  async replaceText(text: string): Promise<void> {
    this.text = text;
    this.version++;
    await this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: this.uri, version: this.version },
      contentChanges: [{ text }],
    });
  }

  async edit(edit: TextEdit): Promise<void> {
    this.text = applyEdits(this.text, [edit]);
    this.version++;
    await this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: this.uri, version: this.version },
      contentChanges: [{ range: edit.range, text: edit.newText }],
    });
  }

  async pull(): Promise<Diagnostic[]> {
    const report = await within(
      this.connection.sendRequest<{ kind: string; items: Diagnostic[] }>("textDocument/diagnostic", {
        textDocument: { uri: this.uri },
      }),
      "the answer to textDocument/diagnostic",
    );
    assert.equal(report.kind, "full");
    return report.items;
  }

  async shutdown(): Promise<void> {
    const exited = new Promise<number | null>((resolve) => this.child.on("exit", (code) => resolve(code)));
    const result = await within(this.connection.sendRequest("shutdown"), "the answer to shutdown");
    assert.equal(result, null);
    await this.connection.sendNotification("exit");
    const code = await within(exited, "the server to exit after shutdown and exit");
    assert.equal(code, 0, "the server exits with status 0 after shutdown and exit");
    this.connection.dispose();
    assert.deepEqual(this.stderr.join(""), "", "the server wrote nothing on stderr");
  }

  kill(): void {
    this.connection.dispose();
    this.child.kill();
  }
}

const draft = readFileSync(defectsDraft(), "utf8");
const DEFECTS: [string, number, string][] = [
  ["paragraph-punctuation", 4, ";"],
  ["misnumbered-paragraph", 10, "4."],
  ["dangling-footnote", 10, "<sup>2</sup>"],
];

test("pull diagnostics, code actions, the renumber command, settings and shutdown, as VS Code", async (t) => {
  const session = Session.start();
  t.after(() => session.kill());
  const keys = serverSettingKeys(manifest.contributes.configuration.properties);
  const user: Record<string, Inspection> = { diagnosticsDelayMs: { globalValue: 0 } };
  session.settings = serverSettings(keys, (key) => user[key]);

  const { capabilities, serverInfo } = await session.initialize(true);
  assert.equal(serverInfo?.name, "resolution-ls");
  assert.equal(capabilities.positionEncoding, "utf-16", "VS Code offers UTF-16 only");
  assert.equal(capabilities.textDocumentSync.change, 2, "incremental sync");
  assert.ok(capabilities.diagnosticProvider, "pull diagnostics are offered");
  assert.deepEqual(
    [...capabilities.codeActionProvider.codeActionKinds].sort(),
    ["quickfix", "source.fixAll.resolution-ls", "source.renumber.resolution-ls"],
  );
  assert.deepEqual(capabilities.executeCommandProvider.commands, [
    "resolution-ls.renumber",
    "resolution-ls.exportToWord",
    "resolution-ls.exportWithTrackedChanges",
  ]);
  await session.until("the server to ask for the `resolution` settings", () => session.configurationRequests > 0);
  await session.until("workspace/diagnostic/refresh after the settings", () => session.refreshRequests > 0);

  await session.open(draft);
  let diagnostics = await session.pull();
  // UTF-16 columns: the emoji before the footnote marker counts two.
  assert.deepEqual(describe(diagnostics), expected(session.text, DEFECTS));
  const bySeverity = Object.fromEntries(diagnostics.map((d) => [d.code, d.severity]));
  assert.deepEqual(bySeverity, { "paragraph-punctuation": 3, "misnumbered-paragraph": 1, "dangling-footnote": 1 });
  assert.ok(diagnostics.every((d) => d.source === "resolution-ls" && d.message.length > 40));
  assert.deepEqual(session.published.size, 0, "nothing is pushed to a client that pulls");

  // The light bulb on the misnumbered paragraph: its quick fixes include renumbering.
  const misnumbered = diagnostics.find((d) => d.code === "misnumbered-paragraph")!;
  const actions = (await within(
    session.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: session.uri },
      range: misnumbered.range,
      context: { diagnostics: [misnumbered], triggerKind: 1 },
    }),
    "the answer to textDocument/codeAction",
  )) as CodeAction[];
  const renumber = actions.find((action) => action.kind?.startsWith("quickfix") && /renumber/i.test(action.title));
  assert.ok(renumber?.edit, `a renumbering quick fix among ${JSON.stringify(actions.map((a) => [a.kind, a.title]))}`);
  assert.ok(actions.some((action) => action.title === "Disable misnumbered-paragraph for this line"));
  assert.ok(renumber.edit.documentChanges, "versioned edits, as VS Code asked");
  await session.replaceText(applyEdits(session.text, editsFor(renumber.edit, session.uri)));
  assert.match(session.text, /\n3\. \*Invites\* States 🌍/);
  assert.match(session.text, /\n4\. \*Decides\* to review the implementation of paragraph 3 above/);
  diagnostics = await session.pull();
  assert.deepEqual(describe(diagnostics), expected(session.text, [DEFECTS[0], DEFECTS[2]]));

  // "Resolution: Renumber the operative paragraphs": workspace/executeCommand, answered by workspace/applyEdit.
  await session.edit({ range: find(session.text, 12, "4.") as Range, newText: "7." });
  const versionBefore = session.version;
  const answer = await within(
    session.connection.sendRequest("workspace/executeCommand", { command: "resolution-ls.renumber", arguments: [session.uri] }),
    "the answer to workspace/executeCommand",
  );
  assert.equal(answer, null);
  await session.until("the renumbering edit", () => session.version > versionBefore);
  assert.match(session.text, /\n4\. \*Decides\*/);

  // A settings change: the client says so, the server asks again and tells VS Code to pull.
  const asked = session.configurationRequests;
  const refreshed = session.refreshRequests;
  Object.assign(user, { "rules.dangling-footnote": { workspaceValue: "off" } });
  session.settings = serverSettings(keys, (key) => user[key]);
  assert.deepEqual(session.settings, { diagnosticsDelayMs: 0, rules: { "dangling-footnote": "off" } });
  await session.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
  await session.until("the server to ask for the settings again", () => session.configurationRequests > asked);
  await session.until("workspace/diagnostic/refresh", () => session.refreshRequests > refreshed);
  diagnostics = await session.pull();
  assert.deepEqual(describe(diagnostics), expected(session.text, [DEFECTS[0]]));
  assert.deepEqual(session.messages, [], "the settings sent were accepted without a warning");

  await session.shutdown();
});

test("pushed diagnostics for a client that does not pull, and a clean shutdown", async (t) => {
  const session = Session.start();
  t.after(() => session.kill());
  const { capabilities } = await session.initialize(false);
  assert.equal(capabilities.positionEncoding, "utf-16");
  await session.open(draft);
  await session.until("diagnostics to be pushed", () => session.published.has(session.uri));
  assert.deepEqual(describe(session.published.get(session.uri)!), expected(session.text, DEFECTS));

  await session.edit({ range: find(session.text, 4, ";"), newText: "," });
  await session.until("diagnostics pushed after the edit", () => session.published.get(session.uri)!.length === 2);
  assert.deepEqual(describe(session.published.get(session.uri)!), expected(session.text, [DEFECTS[1], DEFECTS[2]]));

  await session.connection.sendNotification("textDocument/didClose", { textDocument: { uri: session.uri } });
  await session.until("diagnostics cleared on close", () => session.published.get(session.uri)!.length === 0);
  assert.deepEqual(session.messages, []);
  await session.shutdown();
});

test("with checkOn save, VS Code's pull after a save sees the saved text", async (t) => {
  const session = Session.start();
  t.after(() => session.kill());
  session.settings = { checkOn: "save" };
  await session.initialize(true);
  // Once it has the settings, the server asks VS Code to pull again: from then on they apply.
  await session.until("the server to ask for the settings", () => session.configurationRequests > 0);
  await session.until("workspace/diagnostic/refresh after the settings", () => session.refreshRequests > 0);
  await session.open(draft);
  assert.deepEqual(describe(await session.pull()), expected(session.text, DEFECTS));

  // An edit: the pull that VS Code makes on change still shows what was found on open.
  await session.edit({ range: find(session.text, 4, ";"), newText: "," });
  assert.deepEqual(
    describe(await session.pull()),
    expected(session.text, [["paragraph-punctuation", 4, ","], DEFECTS[1], DEFECTS[2]]),
  );

  // A save, then the pull VS Code makes on save (diagnosticPullOptions.onSave).
  await session.connection.sendNotification("textDocument/didSave", { textDocument: { uri: session.uri } });
  assert.deepEqual(describe(await session.pull()), expected(session.text, [DEFECTS[1], DEFECTS[2]]));
  await session.shutdown();
});
