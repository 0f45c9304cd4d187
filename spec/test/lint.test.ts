// The lint config is strict: the real spec has no problem at all, and a broken example fails
// with the file and line of the problem.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runNode } from "@test/support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const redocly = require.resolve("@redocly/cli/bin/cli.js");
const specDir = fileURLToPath(new URL("..", import.meta.url));
const configPath = resolve(specDir, "../redocly.yaml");

/** `redocly lint` on the multi-file source (lint reads the YAML: it reports files and lines). */
async function lint(root: string, format = "stylish") {
  const result = await runNode([redocly, "lint", "--config", configPath, `--format=${format}`, root], {
    env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** A copy of the spec with two defects: an example that contradicts its schema, a DELETE without 4xx. */
function brokenCopy(scratch: string): string {
  const copy = join(scratch, "spec");
  cpSync(specDir, copy, { recursive: true, filter: (path) => !path.includes("node_modules") });
  const schema = join(copy, "components/schemas/DeleteConversationSuccessfulResponse.yaml");
  writeFileSync(schema, readFileSync(schema, "utf8").replace("  - success: true", "  - success: yes please"));
  const path = join(copy, "paths/conversations-by-id.yaml");
  const text = readFileSync(path, "utf8");
  // Drop the error responses of the DELETE operation (the last ones in the file).
  writeFileSync(path, text.slice(0, text.lastIndexOf("    '400':")));
  return join(copy, "openapi.yaml");
}

describe("redocly lint", () => {
  const scratch = mkdtempSync(join(tmpdir(), "spec-lint-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  // One Redocly run each, side by side.
  let clean: { status: number | null; output: string };
  let broken: { status: number | null; output: string };
  beforeAll(async () => {
    [clean, broken] = await Promise.all([lint(resolve(specDir, "openapi.yaml"), "json"), lint(brokenCopy(scratch))]);
  });

  it("reports zero errors and zero warnings on the spec", () => {
    expect(clean.status, clean.output).toBe(0);
    const report = JSON.parse(clean.output.slice(clean.output.indexOf("{"), clean.output.lastIndexOf("}") + 1));
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it("fails on an example that contradicts its schema, naming the file and line", () => {
    expect(broken.status).toBe(1);
    expect(broken.output).toMatch(/DeleteConversationSuccessfulResponse\.yaml:\s+\d+:\d+\s+error/);
    expect(broken.output).toContain("no-invalid-schema-examples");
  });

  it("fails on an operation without a 4xx response", () => {
    expect(broken.status).toBe(1);
    expect(broken.output).toMatch(/conversations-by-id\.yaml:\s+\d+:\d+\s+error\s+operation-4xx-response/);
  });
});
