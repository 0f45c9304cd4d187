// The lint config is strict: the real spec has no problem at all, and a broken example fails
// with the file and line of the problem.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { specDir } from "./load-spec.js";

const require = createRequire(import.meta.url);
const redocly = require.resolve("@redocly/cli/bin/cli.js");
const configPath = resolve(specDir, "../redocly.yaml");

function lint(root: string, format = "stylish") {
  const result = spawnSync(process.execPath, [redocly, "lint", "--config", configPath, `--format=${format}`, root], {
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe("redocly lint", () => {
  const scratch = mkdtempSync(join(tmpdir(), "spec-lint-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("reports zero errors and zero warnings on the spec", () => {
    const { status, output } = lint(resolve(specDir, "openapi.yaml"), "json");
    expect(status, output).toBe(0);
    const report = JSON.parse(output.slice(output.indexOf("{"), output.lastIndexOf("}") + 1));
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it("fails on an example that contradicts its schema, naming the file and line", () => {
    const copy = join(scratch, "spec");
    cpSync(specDir, copy, { recursive: true, filter: (path) => !path.includes("node_modules") });
    const file = join(copy, "components/schemas/DeleteConversationSuccessfulResponse.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("  - success: true", "  - success: yes please"));
    const { status, output } = lint(join(copy, "openapi.yaml"));
    expect(status).toBe(1);
    expect(output).toMatch(/DeleteConversationSuccessfulResponse\.yaml:\s+\d+:\d+\s+error/);
    expect(output).toContain("no-invalid-schema-examples");
  });

  it("fails on an operation without a 4xx response", () => {
    const copy = join(scratch, "spec-4xx");
    cpSync(specDir, copy, { recursive: true, filter: (path) => !path.includes("node_modules") });
    const file = join(copy, "paths/conversations-by-id.yaml");
    const text = readFileSync(file, "utf8");
    // Drop the error responses of the DELETE operation (the last ones in the file).
    const cut = text.lastIndexOf("    '400':");
    writeFileSync(file, text.slice(0, cut));
    const { status, output } = lint(join(copy, "openapi.yaml"));
    expect(status).toBe(1);
    expect(output).toContain("operation-4xx-response");
  });
});
