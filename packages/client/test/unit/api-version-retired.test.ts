// The client's default Version is checked against the generated versions (`satisfies ApiVersion` in
// src/version-header.ts): a spec that stops describing it does not compile, where it matters.
// Runs the real generator (packages/types, in process) on a modified copy of the spec, then the
// real compiler (TypeScript 7) on the client's sources against the types it generated.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error the generator's scripts are JavaScript without declarations
import { defaultSpecPath } from "../../../types/scripts/bundle-spec.mjs";
// @ts-expect-error as above
import { generate } from "../../../types/scripts/pipeline.mjs";
// @ts-expect-error as above
import { runTsc } from "../../../types/scripts/tsc.mjs";

const clientDir = fileURLToPath(new URL("../..", import.meta.url));
const repoDir = join(clientDir, "../..");
const specDir = join(defaultSpecPath, "..");
// Inside the package, so that the scratch files resolve openapi-fetch from its node_modules.
const scratch = mkdtempSync(join(clientDir, ".scratch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Type-checks the client's sources against the types generated from `specRoot`. */
async function compileClientAgainst(specRoot: string, outDir: string) {
  await generate({ specPath: join(specRoot, "openapi.yaml"), outDir });
  cpSync(join(repoDir, "packages/types/src/index.ts"), join(outDir, "src/index.ts"));
  const tsconfig = {
    extends: join(clientDir, "tsconfig.json"),
    compilerOptions: { noEmit: true, rootDir: repoDir, paths: { "@conversations-api/types": [join(outDir, "src/index.ts")] } },
    files: [join(clientDir, "src/index.ts")],
    include: [],
  };
  writeFileSync(join(outDir, "tsconfig.json"), JSON.stringify(tsconfig));
  return (await runTsc(["-p", join(outDir, "tsconfig.json")])) as { status: number | null; output: string };
}

describe("retiring the client's default API version in the spec", { timeout: 120_000 }, () => {
  it("compiles the client against the types of the unchanged spec", async () => {
    const { status, output } = await compileClientAgainst(specDir, join(scratch, "versions-unchanged"));
    expect(output).toBe("");
    expect(status).toBe(0);
  });

  it("fails to compile the client's default once the spec no longer lists 2021-04-15", async () => {
    const specCopy = join(scratch, "spec-retired");
    cpSync(specDir, specCopy, { recursive: true, filter: (path) => !path.includes("node_modules") });
    for (const name of ["parameters/Version.yaml", "parameters/Version2021-04-15Only.yaml", "schemas/UpdateConversationDto.yaml"]) {
      const file = join(specCopy, "components", name);
      writeFileSync(file, readFileSync(file, "utf8").replaceAll("2021-04-15", "2099-01-01"));
    }
    const { status, output } = await compileClientAgainst(specCopy, join(scratch, "versions-retired"));
    expect(status).not.toBe(0);
    expect(output).toMatch(/src\/version-header\.ts\(\d+,\d+\): error TS1360: Type '"2021-04-15"' does not satisfy the expected type/);
  });
});
