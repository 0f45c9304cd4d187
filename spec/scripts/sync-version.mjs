#!/usr/bin/env node
// One version for the spec and the packages built from it. `changeset version` bumps the
// `fixed` group (@conversations-api/types, @conversations-api/client and @conversations-api/webhooks); this script then
// writes that version into the spec's `info.version` and spec/package.json, so that
// `pnpm generate` records it in the types (specVersion) and the bundled openapi.json.
//
//   node spec/scripts/sync-version.mjs           write the packages' version into the spec
//   node spec/scripts/sync-version.mjs --check   exit 1, naming each one, if any version disagrees
//   --root DIR                                   another copy of the repository (tests use one)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repoDir = fileURLToPath(new URL("../..", import.meta.url));

const { values } = parseArgs({
  options: { check: { type: "boolean", default: false }, root: { type: "string", default: repoDir } },
});
const root = resolve(values.root);

const paths = {
  types: resolve(root, "packages/types/package.json"),
  client: resolve(root, "packages/client/package.json"),
  webhooks: resolve(root, "packages/webhooks/package.json"),
  specPackage: resolve(root, "spec/package.json"),
  specRoot: resolve(root, "spec/openapi.yaml"),
  generatedVersion: resolve(root, "packages/types/src/spec-version.gen.ts"),
  bundledSpec: resolve(root, "packages/types/openapi.json"),
};

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const version = readJson(paths.types).version;

if (values.check) {
  const found = {
    "packages/types/package.json version": version,
    "packages/client/package.json version": readJson(paths.client).version,
    "packages/webhooks/package.json version": readJson(paths.webhooks).version,
    "spec/package.json version": readJson(paths.specPackage).version,
    "spec/openapi.yaml info.version": readInfoVersion(readFileSync(paths.specRoot, "utf8")),
  };
  // Generated files: present in the repository, possibly absent in a scratch copy of it.
  if (existsSync(paths.generatedVersion)) {
    found["packages/types/src/spec-version.gen.ts specVersion"] = readFileSync(paths.generatedVersion, "utf8").match(/specVersion = "([^"]+)"/)?.[1];
  }
  if (existsSync(paths.bundledSpec)) found["packages/types/openapi.json info.version"] = readJson(paths.bundledSpec).info.version;

  const disagreeing = Object.entries(found).filter(([, value]) => value !== version);
  if (disagreeing.length > 0) {
    console.error(`versions disagree: @conversations-api/types is ${version}, but`);
    for (const [where, value] of disagreeing) console.error(`  ${where} is ${value}`);
    console.error("run `pnpm version-packages` (or `node spec/scripts/sync-version.mjs && pnpm generate`) to align them");
    process.exit(1);
  }
  console.log(`versions agree: ${version} (${Object.keys(found).join(", ")})`);
} else {
  const clientVersion = readJson(paths.client).version;
  if (clientVersion !== version) {
    console.error(`@conversations-api/client is ${clientVersion} but @conversations-api/types is ${version}: they are a fixed group in .changeset/config.json and must agree`);
    process.exit(1);
  }
  writeFileSync(paths.specRoot, writeInfoVersion(readFileSync(paths.specRoot, "utf8"), version));
  const specPackage = readJson(paths.specPackage);
  writeFileSync(paths.specPackage, `${JSON.stringify({ ...specPackage, version }, null, 2)}\n`);
  console.log(`spec info.version and spec/package.json set to ${version}`);
}

/** The `version:` line of the top-level `info:` block, found by position to keep the file's formatting. */
function infoVersionLine(text) {
  const lines = text.split("\n");
  const info = lines.findIndex((line) => line === "info:");
  for (let index = info + 1; info >= 0 && index < lines.length && /^(\s|$)/.test(lines[index]); index += 1) {
    if (/^  version:/.test(lines[index])) return { lines, index };
  }
  throw new Error(`no info.version in ${paths.specRoot}`);
}

function readInfoVersion(text) {
  const { lines, index } = infoVersionLine(text);
  return lines[index].replace(/^  version:\s*/, "").replace(/^["']|["']$/g, "").trim();
}

function writeInfoVersion(text, newVersion) {
  const { lines, index } = infoVersionLine(text);
  lines[index] = `  version: ${newVersion}`;
  return lines.join("\n");
}
