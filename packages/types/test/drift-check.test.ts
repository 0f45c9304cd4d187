// CI's drift check (.ci/check-generated.sh) on a scratch repository holding this working tree's
// files: it passes a clean tree, and fails, naming the files and the command that fixes them, on a
// hand-edited generated file and on a spec change committed without regenerating.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoDir = fileURLToPath(new URL("../../../", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "drift-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface RunResult {
  status: number | null;
  stdout: string;
  output: string;
}

// (Not @test/support's runner: that package depends on this one, and turbo refuses a cycle.)
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : null) : 0;
      const notStarted = typeof error?.code === "string" ? `could not start ${command}: ${error.message}\n` : "";
      resolve({ status, stdout, output: `$ ${command} ${args.join(" ")}\n${stdout}\n${notStarted}${stderr}` });
    });
  });
}

function expectSuccess(result: RunResult): RunResult {
  if (result.status !== 0) throw new Error(`command failed (exit ${result.status}):\n${result.output}`);
  return result;
}

const git = (...args: string[]) => run("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { cwd: scratch });

/**
 * pnpm as the README starts it (`npx --yes pnpm@<packageManager's version>`), for the script's
 * `PNPM`: never one on PATH. (@test/support's pnpmCommand, which this package cannot import: see
 * `run` above.)
 */
function pnpmCommand(): string {
  const { packageManager } = JSON.parse(readFileSync(join(repoDir, "package.json"), "utf8"));
  return `npx --yes ${packageManager.split("+")[0]}`;
}

function checkGenerated(): Promise<RunResult> {
  return run("bash", [".ci/check-generated.sh"], { cwd: scratch, env: { ...process.env, PNPM: pnpmCommand() } });
}

/** The repository as git sees it (tracked and new files, as they are now), committed in a new repository. */
async function copyWorkingTree() {
  const listed = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoDir });
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    if (!existsSync(join(repoDir, file))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    cpSync(join(repoDir, file), join(scratch, file));
  }
  // The installed dependencies, shared: the root's and each package's node_modules.
  for (const dir of [".", "spec", ...["packages", "apps"].flatMap((folder) => listed.stdout.split("\0").filter((file) => new RegExp(`^${folder}/[^/]+/package\\.json$`).test(file)).map(dirname))]) {
    const modules = join(repoDir, dir, "node_modules");
    if (existsSync(modules) && lstatSync(modules).isDirectory()) symlinkSync(modules, join(scratch, dir, "node_modules"));
  }
  expectSuccess(await git("init", "-q", "-b", "main"));
  expectSuccess(await git("add", "-A"));
  expectSuccess(await git("commit", "-q", "-m", "scratch copy"));
}

describe("the drift check (.ci/check-generated.sh)", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    await copyWorkingTree();
    // The copy must start fresh: regenerate and commit whatever this working tree has not yet.
    expectSuccess(await run(process.execPath, ["packages/types/scripts/generate.mjs"], { cwd: scratch }));
    expectSuccess(await git("commit", "-q", "-a", "-m", "regenerated", "--allow-empty"));
  }, 120_000);

  async function reset() {
    expectSuccess(await git("reset", "-q", "--hard", "main"));
    expectSuccess(await git("clean", "-q", "-fd", "--", "packages", "spec"));
  }

  it("passes when the committed generated files are what the spec generates", async () => {
    await reset();
    const result = await checkGenerated();
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain("generated files: fresh");
  });

  // One run of the check for both kinds of drift (each `pnpm generate` costs seconds): a hand edit of
  // a generated file whose spec did not change (the fleet's OAuth types), and a spec change committed
  // without regenerating (the types' files).
  it("fails on a hand-edited generated file and on a spec change committed without regenerating, naming every stale file and the command that fixes them", async () => {
    await reset();
    const generated = join(scratch, "packages/fleet/src/oauth.gen.ts");
    writeFileSync(generated, `${readFileSync(generated, "utf8")}\nexport type HandEdited = true;\n`);
    const schema = join(scratch, "spec/components/schemas/DeleteConversationSuccessfulResponse.yaml");
    writeFileSync(schema, readFileSync(schema, "utf8").replace("Boolean value as the API response.", "Whether it worked."));
    expectSuccess(await git("commit", "-q", "-a", "-m", "hand edit, and a spec change only"));

    const result = await checkGenerated();
    expect(result.status, result.output).toBe(1);
    expect(result.stdout).toContain("generated files: FAILED");
    expect(result.stdout, "the hand-edited file").toContain("  packages/fleet/src/oauth.gen.ts");
    expect(result.stdout, "the spec change's files").toContain("  packages/types/openapi.json");
    expect(result.stdout).toContain("  packages/types/src/openapi.gen.ts");
    expect(result.stdout).toContain("run `pnpm generate` and commit the result");
  });
});
