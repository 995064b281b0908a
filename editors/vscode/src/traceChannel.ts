// Where vscode-languageclient writes the trace of the messages it exchanges with the server.
//
// Since version 9, the client traces only when its trace channel's log level is Trace, and
// writes the trace at that level: `resolution.trace.server` alone, with the output channel at
// its default level (Info), would log nothing. This channel reports the level the setting asks
// for and writes the trace into the resolution-ls output channel at Info level, so that the
// setting does what it says. Setting the output channel's own level to Trace works too.

import * as vscode from "vscode";

import { SECTION } from "./settings";

export class TraceChannel implements vscode.LogOutputChannel {
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChangeLogLevel = this.levelChanged.event;

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.levelChanged,
      output.onDidChangeLogLevel(() => this.levelChanged.fire(this.logLevel)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.trace.server`)) {
          this.levelChanged.fire(this.logLevel);
        }
      }),
    ];
  }

  get name(): string {
    return this.output.name;
  }

  /** Trace when `resolution.trace.server` is not `off`, or the output channel is at Trace. */
  get logLevel(): vscode.LogLevel {
    const setting = vscode.workspace.getConfiguration(SECTION).get<string>("trace.server", "off");
    return setting !== "off" || this.output.logLevel === vscode.LogLevel.Trace
      ? vscode.LogLevel.Trace
      : vscode.LogLevel.Off;
  }

  trace(message: string, ...args: unknown[]): void {
    this.output.info(message, ...args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.output.debug(message, ...args);
  }

  info(message: string, ...args: unknown[]): void {
    this.output.info(message, ...args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.output.warn(message, ...args);
  }

  error(error: string | Error, ...args: unknown[]): void {
    this.output.error(error, ...args);
  }

  append(value: string): void {
    this.output.append(value);
  }

  appendLine(value: string): void {
    this.output.appendLine(value);
  }

  replace(value: string): void {
    this.output.replace(value);
  }

  clear(): void {
    this.output.clear();
  }

  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === "boolean") {
      this.output.show(columnOrPreserveFocus);
    } else {
      this.output.show(preserveFocus);
    }
  }

  hide(): void {
    this.output.hide();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
