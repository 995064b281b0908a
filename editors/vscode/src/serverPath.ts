// Where the server is: the `resolution.server.path` setting, else `PATH`, else the folder
// where `cargo install` puts it. This module does not import `vscode`, so that node's test
// runner can load it; the file system and the environment come in as an argument.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const SERVER_NAME = "resolution-ls";

export interface Environment {
  platform: NodeJS.Platform;
  /** The process environment (`PATH`, `PATHEXT`). */
  env: Record<string, string | undefined>;
  homeDir: string;
  /** The workspace folders' paths, the first being where relative paths start. */
  workspaceFolders: string[];
  isExecutableFile(file: string): boolean;
}

export type ServerLocation =
  | { found: true; path: string; source: "setting" | "PATH" | "cargo" }
  | { found: false; message: string };

/** Resolve the server from the `resolution.server.path` setting (empty: not set). */
export function resolveServer(setting: string | undefined, environment: Environment): ServerLocation {
  const configured = (setting ?? "").trim();
  if (configured !== "") {
    return resolveConfigured(configured, environment);
  }
  const onPath = searchPath(SERVER_NAME, environment);
  if (onPath !== undefined) {
    return { found: true, path: onPath, source: "PATH" };
  }
  const pathApi = pathFor(environment);
  const cargoBin = pathApi.join(environment.env.CARGO_HOME || pathApi.join(environment.homeDir, ".cargo"), "bin");
  for (const name of executableNames(SERVER_NAME, environment)) {
    const candidate = pathApi.join(cargoBin, name);
    if (environment.isExecutableFile(candidate)) {
      return { found: true, path: candidate, source: "cargo" };
    }
  }
  return {
    found: false,
    message:
      `The resolution-ls server was not found: ${SERVER_NAME} is not on PATH nor in ${cargoBin}, ` +
      "and the setting resolution.server.path is empty. Install resolution-ls, " +
      "or set resolution.server.path to the full path of the executable.",
  };
}

function resolveConfigured(configured: string, environment: Environment): ServerLocation {
  const pathApi = pathFor(environment);
  const hasSeparator = configured.includes("/") || (environment.platform === "win32" && configured.includes("\\"));
  if (!hasSeparator && !configured.startsWith("~")) {
    // A bare name (`resolution-ls-dev`) is looked up on PATH, as a shell would.
    const onPath = searchPath(configured, environment);
    if (onPath !== undefined) {
      return { found: true, path: onPath, source: "setting" };
    }
    return {
      found: false,
      message:
        `The setting resolution.server.path names "${configured}", which is not on PATH. ` +
        "Give the full path of the resolution-ls executable, or clear the setting to use the one on PATH.",
    };
  }
  let resolved = configured;
  if (resolved === "~" || resolved.startsWith("~/") || resolved.startsWith("~\\")) {
    resolved = pathApi.join(environment.homeDir, resolved.slice(1));
  }
  if (!pathApi.isAbsolute(resolved)) {
    const base = environment.workspaceFolders[0];
    if (base === undefined) {
      return {
        found: false,
        message:
          `The setting resolution.server.path is the relative path "${configured}", and no folder is open ` +
          "to take it from. Give the full path of the resolution-ls executable.",
      };
    }
    resolved = pathApi.join(base, resolved);
  }
  const candidates = environment.platform === "win32" && pathApi.extname(resolved) === "" ? [resolved, `${resolved}.exe`] : [resolved];
  const found = candidates.find((candidate) => environment.isExecutableFile(candidate));
  if (found !== undefined) {
    return { found: true, path: found, source: "setting" };
  }
  return {
    found: false,
    message:
      `The setting resolution.server.path is "${configured}", but there is no executable file at ${resolved}. ` +
      "Correct the path, or clear the setting to use resolution-ls from PATH.",
  };
}

function searchPath(name: string, environment: Environment): string | undefined {
  const pathApi = pathFor(environment);
  const delimiter = environment.platform === "win32" ? ";" : ":";
  const variable = environment.env.PATH ?? environment.env.Path ?? "";
  for (const folder of variable.split(delimiter)) {
    if (folder.trim() === "") {
      continue;
    }
    for (const candidateName of executableNames(name, environment)) {
      const candidate = pathApi.join(folder, candidateName);
      if (environment.isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function executableNames(name: string, environment: Environment): string[] {
  if (environment.platform !== "win32") {
    return [name];
  }
  const extensions = (environment.env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((extension) => extension !== "");
  return [name, ...extensions.map((extension) => name + extension.toLowerCase())];
}

function pathFor(environment: Environment): typeof path.posix {
  return environment.platform === "win32" ? path.win32 : path.posix;
}

/** The real environment of this process. */
export function processEnvironment(workspaceFolders: string[]): Environment {
  return {
    platform: process.platform,
    env: process.env,
    homeDir: os.homedir(),
    workspaceFolders,
    isExecutableFile(file: string): boolean {
      try {
        if (!fs.statSync(file).isFile()) {
          return false;
        }
        if (process.platform !== "win32") {
          fs.accessSync(file, fs.constants.X_OK);
        }
        return true;
      } catch {
        return false;
      }
    },
  };
}
