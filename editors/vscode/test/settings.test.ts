// The contributed settings and their mapping to what the server reads.

import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import manifest from "../package.json";
import { DEFAULT_RULE_LEVEL, Inspection, explicitValue, serverSettingKeys, serverSettings } from "../src/settings";
import { serverBinary } from "./server";

type Property = {
  type?: string;
  default?: unknown;
  enum?: string[];
  enumDescriptions?: string[];
  description?: string;
  markdownDescription?: string;
  items?: { type?: string };
};

const properties = manifest.contributes.configuration.properties as Record<string, Property>;

/** The rules the server knows, from `resolution-ls rules --format json`. */
function serverRules(): { code: string; default: string; summary: string }[] {
  return JSON.parse(execFileSync(serverBinary(), ["rules", "--format", "json"], { encoding: "utf8" }));
}

test("every server setting is contributed", () => {
  const keys = serverSettingKeys(properties);
  for (const key of ["checkOn", "diagnosticsDelayMs", "files", "openers.preambular", "openers.operative", "symbols.known", "base"]) {
    assert.ok(keys.includes(key), `resolution.${key} is not contributed`);
  }
  const rules = serverRules();
  assert.ok(rules.length >= 12, "the server lists its rules");
  const contributedRules = keys.filter((key) => key.startsWith("rules.")).map((key) => key.slice("rules.".length));
  assert.deepEqual(contributedRules.sort(), rules.map((rule) => rule.code).sort());
  assert.ok(!keys.includes("server.path") && !keys.includes("trace.server"), "client-only settings are not sent");
});

test("every setting has a type, a default and a description; enums describe each value", () => {
  for (const [name, property] of Object.entries(properties)) {
    assert.ok(property.type, `${name} has no type`);
    assert.ok("default" in property, `${name} has no default`);
    assert.ok((property.markdownDescription ?? property.description ?? "").length > 20, `${name} has no description`);
    if (property.enum) {
      assert.equal(property.enumDescriptions?.length, property.enum.length, `${name}: one description per value`);
      assert.ok(property.enum.includes(property.default as string), `${name}: the default is one of the values`);
    }
    if (property.type === "array") {
      assert.equal(property.items?.type, "string", `${name}: a list of strings`);
    }
  }
  assert.deepEqual(properties["resolution.checkOn"].enum, ["change", "save"]);
  assert.equal(properties["resolution.checkOn"].default, "change");
  assert.equal(properties["resolution.diagnosticsDelayMs"].default, 150);
});

test("each rule setting offers every severity and names the built-in one", () => {
  for (const rule of serverRules()) {
    const property = properties[`resolution.rules.${rule.code}`];
    assert.deepEqual(property.enum, [DEFAULT_RULE_LEVEL, "off", "hint", "information", "warning", "error"]);
    assert.equal(property.default, DEFAULT_RULE_LEVEL);
    assert.ok(
      property.markdownDescription?.includes(`**${rule.default}**`),
      `resolution.rules.${rule.code} should say its default is ${rule.default}`,
    );
  }
});

test("the manifest activates on Markdown, claims *.res.md and has the four commands", () => {
  assert.ok(manifest.activationEvents.includes("onLanguage:markdown"));
  assert.deepEqual(manifest.contributes.languages, [{ id: "markdown", filenamePatterns: ["*.res.md"] }]);
  const titles = manifest.contributes.commands.map((command) => `${command.category}: ${command.title}`);
  assert.deepEqual(titles.sort(), [
    "Resolution: Export to Word",
    "Resolution: Export with tracked changes",
    "Resolution: Renumber the operative paragraphs",
    "Resolution: Restart server",
  ]);
  assert.equal(manifest.main, "./dist/extension.js");
});

test("the export commands are in the palette and the Markdown editor's title and context menus", () => {
  const menus = manifest.contributes.menus as Record<string, { command: string; when?: string }[]>;
  for (const command of ["resolution.exportToWord", "resolution.exportWithTrackedChanges"]) {
    for (const menu of ["commandPalette", "editor/title", "editor/context"]) {
      const entry = menus[menu]?.find((item) => item.command === command);
      assert.ok(entry, `${command} is not in ${menu}`);
      assert.match(entry.when ?? "", /LangId == markdown/, `${command} in ${menu} is for Markdown only`);
    }
  }
  // vscode-languageclient registers the server's own command ids (`resolution-ls.*`): the
  // extension's ids must differ, or registering them would fail.
  for (const command of manifest.contributes.commands) {
    assert.ok(command.command.startsWith("resolution."), command.command);
    assert.ok(!command.command.startsWith("resolution-ls."), command.command);
  }
});

test("every contributed command is registered by the extension", () => {
  const source = readFileSync(join(__dirname, "../../src/extension.ts"), "utf8");
  for (const command of manifest.contributes.commands) {
    assert.ok(source.includes(`registerCommand("${command.command}"`), `${command.command} is not registered`);
  }
});

test("the most specific scope that has a value wins", () => {
  assert.equal(explicitValue(undefined), undefined);
  assert.equal(explicitValue({ defaultValue: "change" }), undefined);
  assert.equal(explicitValue({ defaultValue: "change", globalValue: "save" }), "save");
  assert.equal(explicitValue({ globalValue: "save", workspaceValue: "change" }), "change");
  assert.equal(explicitValue({ workspaceValue: "change", workspaceFolderValue: "save" }), "save");
  assert.equal(explicitValue({ workspaceFolderValue: "save", globalLanguageValue: "change" }), "change");
  assert.equal(explicitValue({ workspaceValue: 0 }), 0, "a zero is a value");
});

test("only what the user set is sent, nested by the dots in the keys", () => {
  const keys = serverSettingKeys(properties);
  const user: Record<string, Inspection> = {
    checkOn: { defaultValue: "change", workspaceValue: "save" },
    diagnosticsDelayMs: { defaultValue: 150, globalValue: 0 },
    "rules.repeated-opener": { defaultValue: DEFAULT_RULE_LEVEL, workspaceValue: "off" },
    "rules.misnumbered-paragraph": { defaultValue: DEFAULT_RULE_LEVEL, globalValue: DEFAULT_RULE_LEVEL },
    "openers.preambular": { defaultValue: [], globalValue: ["Welcoming warmly"] },
    files: { defaultValue: [] },
  };
  const settings = serverSettings(keys, (key) => user[key] ?? { defaultValue: properties[`resolution.${key}`].default });
  assert.deepEqual(settings, {
    checkOn: "save",
    diagnosticsDelayMs: 0,
    rules: { "repeated-opener": "off" },
    openers: { preambular: ["Welcoming warmly"] },
  });
});

test("nothing set, nothing sent, so that resolution-ls.toml decides", () => {
  const keys = serverSettingKeys(properties);
  const settings = serverSettings(keys, (key) => ({ defaultValue: properties[`resolution.${key}`].default }));
  assert.deepEqual(settings, {});
});
