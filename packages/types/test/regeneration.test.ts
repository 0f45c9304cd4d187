// The promise of the pipeline: rename a field in the spec, regenerate, and code that still uses the
// old name no longer compiles. Runs the real generator (in process) on a modified copy of the spec
// and the real compiler (TypeScript 7, as every package here) on a caller of the generated types.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultSpecPath } from "../scripts/bundle-spec.mjs";
import { generate } from "../scripts/pipeline.mjs";
import { runTsc } from "../scripts/tsc.mjs";

const specDir = join(defaultSpecPath, "..");
const scratch = mkdtempSync(join(tmpdir(), "types-regeneration-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Code that creates a conversation with the request body type the client passes on. */
const caller = `
import type { paths } from "./src/openapi.gen.js";
type CreateConversation = paths["/conversations/"]["post"]["requestBody"]["content"]["application/json"];
export const body: CreateConversation = { locationId: "loc", contactId: "contact" };
`;

async function generateAndCompile(specRoot: string, outDir: string) {
  await generate({ specPath: join(specRoot, "openapi.yaml"), outDir });
  writeFileSync(join(outDir, "caller.ts"), caller);
  const args = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", "caller.ts"];
  return runTsc(args, { cwd: outDir });
}

describe("renaming a field in the spec", { timeout: 60_000 }, () => {
  it("compiles the caller against the types of the unchanged spec", async () => {
    const { status, output } = await generateAndCompile(specDir, join(scratch, "unchanged"));
    expect(output).toBe("");
    expect(status).toBe(0);
  });

  it("breaks the caller that uses the old name once the types are regenerated", async () => {
    const specCopy = join(scratch, "spec");
    cpSync(specDir, specCopy, { recursive: true, filter: (path) => !path.includes("node_modules") });
    const schemaFile = join(specCopy, "components/schemas/CreateConversationDto.yaml");
    writeFileSync(schemaFile, readFileSync(schemaFile, "utf8").replaceAll("contactId", "contactRef"));

    const out = join(scratch, "renamed");
    const { status, output } = await generateAndCompile(specCopy, out);
    expect(readFileSync(join(out, "src/openapi.gen.ts"), "utf8")).toContain("contactRef: string");
    expect(status).not.toBe(0);
    expect(output).toMatch(/caller\.ts.*error TS\d+/);
    expect(output).toContain("contactId");
  });
});
