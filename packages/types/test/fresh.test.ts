// CI's guard against stale generated files: regenerating from the spec must reproduce the committed
// output byte for byte. When this fails, run `pnpm generate` and commit the result.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "types-fresh-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("generated files", () => {
  execFileSync(process.execPath, [join(packageDir, "scripts/generate.mjs"), "--out", scratch], { stdio: "pipe" });

  for (const file of ["src/openapi.gen.ts", "src/api-versions.gen.ts", "src/spec-version.gen.ts", "openapi.json"]) {
    it(`${file} is what the current spec generates (run \`pnpm generate\` if not)`, () => {
      const committed = readFileSync(join(packageDir, file), "utf8");
      const fresh = readFileSync(join(scratch, file), "utf8");
      expect(committed === fresh, `${file} is stale`).toBe(true);
    });
  }

  it("marks every generated TypeScript file as generated", () => {
    for (const file of ["src/openapi.gen.ts", "src/api-versions.gen.ts", "src/spec-version.gen.ts"]) {
      expect(readFileSync(join(packageDir, file), "utf8")).toMatch(/^\/\*\*\n \* GENERATED FILE - DO NOT EDIT\./);
    }
  });

  it("records the spec version it was built from", async () => {
    const spec = JSON.parse(readFileSync(join(packageDir, "openapi.json"), "utf8"));
    const { specVersion } = await import("../src/spec-version.gen.js");
    expect(specVersion).toBe(spec.info.version);
  });
});
