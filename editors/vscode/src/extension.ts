// The VS Code extension: starts resolution-ls for Markdown files and passes it the
// `resolution.*` settings. The server decides which Markdown files are drafts.

import { existsSync } from "node:fs";

import * as vscode from "vscode";
import {
  ConfigurationParams,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

import { resolveServer, processEnvironment } from "./serverPath";
import { SECTION, serverSettingKeys, serverSettings } from "./settings";
import { TraceChannel } from "./traceChannel";

const RENUMBER_COMMAND = "resolution-ls.renumber";
// The server's export commands. vscode-languageclient registers every command the server
// advertises under the server's own id (`resolution-ls.*`), which is how a code lens or code
// action would run them; the palette and menu entries are the extension's `resolution.*`
// commands below, which add the document's URI and so never clash with those registrations.
const EXPORT_COMMAND = "resolution-ls.exportToWord";
const EXPORT_TRACKED_COMMAND = "resolution-ls.exportWithTrackedChanges";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let trace: TraceChannel | undefined;
/** Serializes starts and stops (restart, a change of `resolution.server.path`). */
let lifecycle: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel("resolution-ls", { log: true });
  trace = new TraceChannel(output);
  const properties = (context.extension.packageJSON?.contributes?.configuration?.properties ?? {}) as Record<
    string,
    unknown
  >;
  const keys = serverSettingKeys(properties);

  context.subscriptions.push(
    output,
    trace,
    vscode.commands.registerCommand("resolution.renumberParagraphs", renumberParagraphs),
    vscode.commands.registerCommand("resolution.exportToWord", (resource?: vscode.Uri) =>
      exportDraft(EXPORT_COMMAND, resource),
    ),
    vscode.commands.registerCommand("resolution.exportWithTrackedChanges", (resource?: vscode.Uri) =>
      exportDraft(EXPORT_TRACKED_COMMAND, resource),
    ),
    vscode.commands.registerCommand("resolution.restartServer", () => queue(() => restart(context, keys))),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.server`)) {
        void queue(() => restart(context, keys));
      } else if (event.affectsConfiguration(SECTION) && client?.isRunning()) {
        // The server then asks for the settings again (workspace/configuration).
        void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      }
    }),
  );
  void queue(() => start(context, keys));
}

export function deactivate(): Thenable<void> | undefined {
  return queue(stop);
}

function queue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

async function start(context: vscode.ExtensionContext, keys: string[]): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  const setting = vscode.workspace.getConfiguration(SECTION).get<string>("server.path");
  const location = resolveServer(setting, processEnvironment(folders));
  if (!location.found) {
    output?.error(location.message);
    void offerHelp(context, location.message);
    return;
  }
  output?.info(`Starting ${location.path} (found through ${location.source}).`);

  const serverOptions: ServerOptions = { command: location.path, args: [] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
    ],
    outputChannel: output,
    traceOutputChannel: trace,
    // Pulled diagnostics: on open and change (the server applies `checkOn` and its delay),
    // and on save, which is when `checkOn: "save"` has something new.
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware: {
      workspace: {
        configuration: async (params: ConfigurationParams, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, index) =>
            item.section === SECTION ? settingsFor(keys, item.scopeUri) : answers[index],
          );
        },
      },
    },
  };
  const started = new LanguageClient(SECTION, "resolution-ls", serverOptions, clientOptions);
  client = started;
  try {
    await started.start();
  } catch (error) {
    client = undefined;
    const message = `resolution-ls could not be started from ${location.path}: ${String(error)}`;
    output?.error(message);
    void offerHelp(context, message);
  }
}

/** The settings the server reads for a scope (a document or folder URI, or none). */
function settingsFor(keys: string[], scopeUri: string | undefined): Record<string, unknown> {
  const uri = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  // With a language scope, `inspect` also reports `"[markdown]": { ... }` values.
  const configuration = vscode.workspace.getConfiguration(SECTION, { uri, languageId: "markdown" });
  return serverSettings(keys, (key) => configuration.inspect(key));
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      output?.warn(`Stopping the server: ${String(error)}`);
    }
    await running.dispose();
  }
}

async function restart(context: vscode.ExtensionContext, keys: string[]): Promise<void> {
  await stop();
  await start(context, keys);
}

async function offerHelp(context: vscode.ExtensionContext, message: string): Promise<void> {
  const install = "Show install steps";
  const settings = "Open settings";
  const choice = await vscode.window.showErrorMessage(message, install, settings);
  if (choice === install) {
    // vsce stores the README as `readme.md`; a checkout has `README.md`.
    const readme = ["readme.md", "README.md"]
      .map((name) => vscode.Uri.joinPath(context.extensionUri, name))
      .find((uri) => existsSync(uri.fsPath));
    if (readme) {
      await vscode.commands.executeCommand("markdown.showPreview", readme);
    }
  } else if (choice === settings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.server.path`);
  }
}

/** The running client, or `undefined` after telling the user that the server is not running. */
function runningClient(): LanguageClient | undefined {
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage(
      "resolution-ls is not running. Run “Resolution: Restart server”, or see the resolution-ls output.",
    );
    return undefined;
  }
  return client;
}

async function renumberParagraphs(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "markdown") {
    void vscode.window.showInformationMessage("Open a resolution draft to renumber its paragraphs.");
    return;
  }
  const running = runningClient();
  if (!running) {
    return;
  }
  // The server answers with a `workspace/applyEdit`, which the client applies.
  await running.sendRequest(ExecuteCommandRequest.type, {
    command: RENUMBER_COMMAND,
    arguments: [editor.document.uri.toString()],
  });
}

/**
 * Export the draft (the one whose title bar or context menu was used, else the active one) as
 * a Word document beside it. The server writes it and says where, or what went wrong, through
 * `window/showMessage`.
 */
async function exportDraft(command: string, resource: vscode.Uri | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const uri = resource ?? (editor?.document.languageId === "markdown" ? editor.document.uri : undefined);
  if (!uri) {
    void vscode.window.showInformationMessage("Open a resolution draft to export it to Word.");
    return;
  }
  if (uri.scheme !== "file") {
    void vscode.window.showInformationMessage("Save the draft first: the Word document is written beside it.");
    return;
  }
  const running = runningClient();
  if (!running) {
    return;
  }
  try {
    await running.sendRequest(ExecuteCommandRequest.type, { command, arguments: [uri.toString()] });
  } catch (error) {
    output?.error(`${command}: ${String(error)}`);
  }
}
