// Reads the multi-file spec as plain data, resolving `$ref`s between files, so tests can look at
// any schema without a bundler; and the bundled document, for what works on the one file.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { bundleSpec } from "../scripts/bundle-spec.mjs";

export const specDir = fileURLToPath(new URL("..", import.meta.url));
export const rootPath = resolve(specDir, "openapi.yaml");

export function readYaml(path: string): any {
  return parse(readFileSync(path, "utf8"));
}

/** The value with every file `$ref` replaced by the file's content (recursively). */
export function dereference(value: unknown, fromFile: string = rootPath, seen: string[] = []): any {
  if (Array.isArray(value)) return value.map((item) => dereference(item, fromFile, seen));
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (typeof object.$ref === "string" && !object.$ref.startsWith("#")) {
    const target = resolve(dirname(fromFile), object.$ref);
    if (seen.includes(target)) return { $circular: target };
    const { $ref: _ref, ...siblings } = object;
    const resolved = dereference(readYaml(target), target, [...seen, target]);
    return { ...resolved, ...dereference(siblings, fromFile, seen) };
  }
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, dereference(item, fromFile, seen)]));
}

export function loadSpec(): any {
  return dereference(readYaml(rootPath));
}

/** The spec bundled into one JSON document by Redocly, as packages/types ships it. */
export function bundledSpec(): any {
  const scratch = mkdtempSync(join(tmpdir(), "spec-bundle-"));
  try {
    bundleSpec(rootPath, join(scratch, "openapi.json"));
    return JSON.parse(readFileSync(join(scratch, "openapi.json"), "utf8"));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
