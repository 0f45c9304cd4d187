// The size budget: the built client entry, bundled with openapi-fetch, minified and gzipped by
// size-limit (esbuild, offline), must stay within the limit in package.json ("size-limit").
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const [budget] = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"))["size-limit"];
const sizeLimitBin = join(dirname(require.resolve("size-limit/package.json")), "bin.js");

describe("the size of the client entry", () => {
  it(`is within the ${budget.limit} budget, gzipped, with openapi-fetch bundled`, () => {
    expect(budget).toMatchObject({ path: "dist/index.js", gzip: true, limit: "5.45 kB" });
    if (!existsSync(join(packageDir, budget.path))) throw new Error(`${budget.path} is missing: run \`pnpm build\` first`);
    const output = execFileSync(process.execPath, [sizeLimitBin, "--json"], { cwd: packageDir, encoding: "utf8" });
    const [result] = JSON.parse(output) as { size: number; sizeLimit: number; passed: boolean }[];
    expect(result!.sizeLimit).toBe(5_450);
    expect(result!.size).toBeLessThanOrEqual(5_450);
    expect(result!.passed).toBe(true);
    // openapi-fetch alone is about 2.6 kB: a much smaller figure would mean it was not bundled.
    expect(result!.size).toBeGreaterThan(3_000);
  });
});

describe("validateResponses and the core", () => {
  it("the core entry, bundled, holds none of the validate entry, the validator, Ajv or the spec", async () => {
    const entry = join(packageDir, budget.path);
    if (!existsSync(entry)) throw new Error(`${budget.path} is missing: run \`pnpm build\` first`);
    const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: "esm", logLevel: "silent" });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes("openapi-fetch"))).toBe(true); // (the bundle is real)
    expect(inputs.filter((input) => /dist\/validate\/|validator|[\\/]ajv|openapi\.json/.test(input))).toEqual([]);
  });

  it("the validate entry brings the validator, only when imported", async () => {
    const entry = join(packageDir, "dist/validate/index.js");
    if (!existsSync(entry)) throw new Error("dist/validate/index.js is missing: run `pnpm build` first");
    const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: "esm", splitting: true, outdir: "out", logLevel: "silent" });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => /[\\/]ajv[\\/]/.test(input))).toBe(true);
    // The validator (Ajv and the spec) is a chunk of its own, loaded on the first sampled answer.
    const [main] = Object.entries(result.metafile.outputs).filter(([, output]) => output.entryPoint);
    expect(Object.keys(main![1].inputs).filter((input) => /[\\/]ajv[\\/]|openapi\.json/.test(input))).toEqual([]);
  });
});
