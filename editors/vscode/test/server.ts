// Where the tests find the server binary and the draft with known defects.

import { existsSync } from "node:fs";
import * as path from "node:path";

const repository = path.resolve(__dirname, "../../../..");

/**
 * The server binary: `RESOLUTION_LS_SERVER` (set by `cargo test`), else the debug build in
 * the repository's `target/`.
 */
export function serverBinary(): string {
  const configured = process.env.RESOLUTION_LS_SERVER;
  if (configured) {
    return configured;
  }
  const built = path.join(repository, "target", "debug", process.platform === "win32" ? "resolution-ls.exe" : "resolution-ls");
  if (!existsSync(built)) {
    throw new Error(
      `No server to test: ${built} does not exist and RESOLUTION_LS_SERVER is not set. ` +
        "Run `cargo build` first, or run these tests through `cargo test`.",
    );
  }
  return built;
}

/** The draft with known defects that every editor test opens. */
export function defectsDraft(): string {
  return process.env.RESOLUTION_TEST_DRAFT || path.join(repository, "tests", "editors", "defects.res.md");
}
