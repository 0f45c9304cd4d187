// The promise of the pipeline: rename a field in the spec, regenerate, and a client call that
// still uses the old name no longer compiles. Runs the real generator and the real compiler on a
// modified copy of the spec.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const clientDir = fileURLToPath(new URL("../..", import.meta.url));
const repoDir = join(clientDir, "../..");
const generator = join(repoDir, "packages/types/scripts/generate.mjs");
const tsc = require.resolve("typescript/bin/tsc");

// Inside the package, so that the scratch files resolve openapi-fetch from its node_modules.
const scratch = mkdtempSync(join(clientDir, ".scratch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const caller = `
import createClient from "openapi-fetch";
import type { paths } from "./src/openapi.gen.js";
const client = createClient<paths>({ baseUrl: "http://127.0.0.1:4010" });
void client.POST("/conversations/", {
  params: { header: { Version: "2021-04-15" } },
  body: { locationId: "loc", contactId: "contact" },
});
`;

function generateAndCompile(specDir: string, outDir: string) {
  execFileSync(process.execPath, [generator, "--spec", join(specDir, "openapi.yaml"), "--out", outDir], {
    stdio: "pipe",
  });
  writeFileSync(join(outDir, "caller.ts"), caller);
  const args = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck"];
  return spawnSync(process.execPath, [tsc, ...args, join(outDir, "caller.ts")], { encoding: "utf8" });
}

// Each case runs the generator and tsc in child processes: seconds, more on a busy machine.
describe("renaming a field in the spec", { timeout: 60_000 }, () => {
  it("compiles the call against the types of the unchanged spec", () => {
    const out = join(scratch, "unchanged");
    const result = generateAndCompile(join(repoDir, "spec"), out);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("breaks the call that uses the old name once the types are regenerated", () => {
    const specCopy = join(scratch, "spec");
    cpSync(join(repoDir, "spec"), specCopy, { recursive: true, filter: (path) => !path.includes("node_modules") });
    const schemaFile = join(specCopy, "components/schemas/CreateConversationDto.yaml");
    writeFileSync(schemaFile, readFileSync(schemaFile, "utf8").replaceAll("contactId", "contactRef"));

    const out = join(scratch, "renamed");
    const result = generateAndCompile(specCopy, out);
    expect(readFileSync(join(out, "src/openapi.gen.ts"), "utf8")).toContain("contactRef: string");
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/caller\.ts.*error TS\d+/);
    expect(result.stdout).toContain("contactId");
  });
});

// The client's default Version is checked against the generated versions (`satisfies ApiVersion` in
// src/version-header.ts): a spec that stops describing it does not compile, where it matters.
describe("retiring the client's default API version in the spec", { timeout: 120_000 }, () => {
  /** Type-checks the client's sources against the types generated from `specDir`. */
  function compileClientAgainst(specDir: string, outDir: string) {
    execFileSync(process.execPath, [generator, "--spec", join(specDir, "openapi.yaml"), "--out", outDir], { stdio: "pipe" });
    cpSync(join(repoDir, "packages/types/src/index.ts"), join(outDir, "src/index.ts"));
    const tsconfig = {
      extends: join(clientDir, "tsconfig.json"),
      compilerOptions: { noEmit: true, rootDir: repoDir, paths: { "@conversations-api/types": [join(outDir, "src/index.ts")] } },
      files: [join(clientDir, "src/index.ts")],
    };
    writeFileSync(join(outDir, "tsconfig.json"), JSON.stringify(tsconfig));
    return spawnSync(process.execPath, [tsc, "-p", join(outDir, "tsconfig.json")], { encoding: "utf8" });
  }

  it("compiles the client against the types of the unchanged spec", () => {
    const result = compileClientAgainst(join(repoDir, "spec"), join(scratch, "versions-unchanged"));
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("fails to compile the client's default once the spec no longer lists 2021-04-15", () => {
    const specCopy = join(scratch, "spec-retired");
    cpSync(join(repoDir, "spec"), specCopy, { recursive: true, filter: (path) => !path.includes("node_modules") });
    for (const name of ["parameters/Version.yaml", "parameters/Version2021-04-15Only.yaml", "schemas/UpdateConversationDto.yaml"]) {
      const file = join(specCopy, "components", name);
      writeFileSync(file, readFileSync(file, "utf8").replaceAll("2021-04-15", "2099-01-01"));
    }
    const result = compileClientAgainst(specCopy, join(scratch, "versions-retired"));
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/src\/version-header\.ts\(\d+,\d+\): error TS1360: Type '"2021-04-15"' does not satisfy the expected type/);
  });
});
