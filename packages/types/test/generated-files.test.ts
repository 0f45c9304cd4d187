// What the generated files say about themselves. Whether they are fresh is CI's drift check
// (.ci/check-generated.sh, tested in drift-check.test.ts): by the time tests run, turbo has
// regenerated them, so a comparison here could not fail.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), "utf8");

describe("generated files", () => {
  it("mark every generated TypeScript file as generated, with the spec and the bundle it came from", () => {
    const bundleSha = /Bundled spec sha256: ([0-9a-f]{64})/;
    for (const file of ["src/openapi.gen.ts", "src/spec-version.gen.ts"]) {
      expect(read(file)).toMatch(/^\/\*\*\n \* GENERATED FILE - DO NOT EDIT\./);
      expect(read(file)).toMatch(bundleSha);
    }
  });

  it("record the spec version they were built from", async () => {
    const spec = JSON.parse(read("openapi.json"));
    const { specVersion } = await import("../src/spec-version.gen.js");
    expect(specVersion).toBe(spec.info.version);
  });
});
