// A machine with only Node and npm has no pnpm (nor turbo, tsc, vitest, ...) on PATH: the tests and
// scripts start each tool by a path they computed, and a command that cannot start says which and why.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, runPnpm } from "@test/support";
import { describe, expect, it } from "vitest";
import { repoDir } from "./support/repository.js";

const rootManifest = JSON.parse(readFileSync(join(repoDir, "package.json"), "utf8"));
/** An empty folder as the whole PATH: nothing can be found by its bare name. */
const emptyPath = mkdtempSync(join(tmpdir(), "empty-path-"));

describe("no global tools", () => {
  it("runPnpm starts the packageManager's pnpm as the README does (npx), with no pnpm on PATH", async () => {
    // Only node, npx (npm's) and sh (npx runs bins through it) on PATH, as on a machine with only Node and npm.
    const nodeAndNpm = mkdtempSync(join(tmpdir(), "node-and-npm-"));
    for (const tool of ["node", "npx", "sh"]) symlinkSync(execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim(), join(nodeAndNpm, tool));
    const result = await runPnpm(["--version"], { env: { ...process.env, PATH: nodeAndNpm } });
    expect(result.status, result.output).toBe(0);
    expect(rootManifest.packageManager).toMatch(new RegExp(`^pnpm@${result.stdout.trim().replaceAll(".", "\\.")}\\+`));
  });

  it("a command that cannot start says which command and why, not `exit null` with no output", async () => {
    const result = await run("no-such-tool-here", ["--version"], { env: { ...process.env, PATH: emptyPath } });
    expect(result.status).toBeNull();
    expect(result.output).toMatch(/could not start no-such-tool-here: spawn no-such-tool-here ENOENT/);
    expect(result.stderr).toMatch(/could not start no-such-tool-here/);
  });

  it("no source file starts a workspace tool by its bare name", () => {
    const sources = execFileSync("git", ["ls-files", "*.ts", "*.mjs", "*.js", "*.cjs"], { cwd: repoDir, encoding: "utf8" }).split("\n").filter(Boolean);
    const bareStart = /\b(?:run|spawn|execFile|execFileSync|spawnSync|exec|execSync)\(\s*["'`](?:pnpm|pnpx|turbo|tsc|vitest|prism|redocly|optic)\b/;
    const offenders = sources.filter((file) => file !== "apps/consumer-proof/test/no-global-tools.test.ts" && bareStart.test(readFileSync(join(repoDir, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
