// `pnpm dev` keeps the generated types in step with the spec while you edit it.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "types-watch-"));
let watcher: ChildProcess | undefined;
afterAll(() => {
  watcher?.kill();
  rmSync(scratch, { recursive: true, force: true });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("pnpm dev (watch)", () => {
  it("regenerates the types when a spec file changes", { timeout: 60_000 }, async () => {
    const specDir = join(scratch, "spec");
    const outDir = join(scratch, "out");
    cpSync(join(packageDir, "../../spec"), specDir, {
      recursive: true,
      filter: (path) => !path.includes("node_modules"),
    });
    const generated = join(outDir, "src/openapi.gen.ts");
    watcher = spawn(
      process.execPath,
      [join(packageDir, "scripts/watch.mjs"), "--spec", join(specDir, "openapi.yaml"), "--out", outDir],
      { stdio: ["ignore", "pipe", "ignore"] },
    );
    let printed = "";
    watcher.stdout?.on("data", (chunk: Buffer) => (printed += chunk.toString()));

    // The first generation is done, and the watcher watches the files it read, once it says so
    // ("regenerated ..."): a save before that would fall between the two, as no user's does.
    await waitFor(() => /regenerated /.test(printed), 30_000);
    expect(readFileSync(generated, "utf8")).toContain("starred?: boolean");

    const schema = join(specDir, "components/schemas/DeleteConversationSuccessfulResponse.yaml");
    writeFileSync(schema, readFileSync(schema, "utf8").replaceAll("success", "succeeded"));

    await waitFor(() => readFileSync(generated, "utf8").includes("succeeded: boolean"), 30_000);
    expect(readFileSync(generated, "utf8")).toContain("succeeded: boolean");
  });
});
