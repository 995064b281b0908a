// The settings the server reads, from VS Code's `resolution.*` settings. This module does not
// import `vscode`, so that node's test runner can load it.

/** The configuration section the server asks for (`workspace/configuration`). */
export const SECTION = "resolution";

/** Settings of the extension itself, which the server does not read. */
const CLIENT_ONLY_PREFIXES = ["server.", "trace."];

/** The value of a `rules.<code>` setting that leaves the severity to the server. */
export const DEFAULT_RULE_LEVEL = "default";

/** What `WorkspaceConfiguration.inspect` tells about one setting (the parts used here). */
export interface Inspection {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  defaultLanguageValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

export type Inspect = (key: string) => Inspection | undefined;

/**
 * The keys (`checkOn`, `rules.misnumbered-paragraph`, ...) of the server's settings among the
 * extension's contributed configuration properties (`resolution.checkOn`, ...).
 */
export function serverSettingKeys(properties: Record<string, unknown>): string[] {
  const prefix = `${SECTION}.`;
  return Object.keys(properties)
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length))
    .filter((key) => !CLIENT_ONLY_PREFIXES.some((clientOnly) => key.startsWith(clientOnly)));
}

/**
 * The value the user set, from the most specific scope that has one; `undefined` when the
 * setting is left at its default. Language-specific values (`"[markdown]": {...}`) win over
 * the others, as in VS Code.
 */
export function explicitValue(inspection: Inspection | undefined): unknown {
  if (inspection === undefined) {
    return undefined;
  }
  const scopes = [
    inspection.workspaceFolderLanguageValue,
    inspection.workspaceLanguageValue,
    inspection.globalLanguageValue,
    inspection.workspaceFolderValue,
    inspection.workspaceValue,
    inspection.globalValue,
  ];
  return scopes.find((value) => value !== undefined);
}

/**
 * The settings object the server reads: only what the user set, nested by the dots in the
 * keys (`rules.repeated-opener` becomes `{ rules: { "repeated-opener": ... } }`).
 *
 * Defaults are left out so that a `resolution-ls.toml` in the workspace, which the server
 * reads first, is not overridden by values nobody chose; so is a rule left at `default`.
 */
export function serverSettings(keys: readonly string[], inspect: Inspect): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of keys) {
    const value = explicitValue(inspect(key));
    if (value === undefined || value === null) {
      continue;
    }
    if (key.startsWith("rules.") && value === DEFAULT_RULE_LEVEL) {
      continue;
    }
    setNested(settings, key.split("."), value);
  }
  return settings;
}

function setNested(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const child = node[part];
    if (typeof child === "object" && child !== null && !Array.isArray(child)) {
      node = child as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    }
  }
  node[path[path.length - 1]] = value;
}
