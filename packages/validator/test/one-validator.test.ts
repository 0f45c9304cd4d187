// The repository has one validator: no other package, app or spec test imports Ajv itself.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const own = join(root, "packages/validator");
const SKIP = new Set(["node_modules", "dist", ".turbo", "artifacts", ".git"]);

function* sources(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith(".scratch")) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.(c|m)?[jt]s$/.test(entry.name)) yield path;
  }
}

describe("one validator", () => {
  it("only @conversations-api/validator imports Ajv", () => {
    const importers: string[] = [];
    for (const top of ["packages", "apps", "spec"])
      for (const file of sources(join(root, top)))
        if (!file.startsWith(own + "/") && /(from\s+|import\(|require\()\s*["']ajv(-formats)?(\/|["'])/.test(readFileSync(file, "utf8"))) importers.push(relative(root, file));
    expect(importers).toEqual([]);
  });
});
