// The README's serving command, run as written: `MOCK_PORT=<port> DOCS_PORT=<port> pnpm start` from
// the repository root, through turbo, whose strict environment mode must let both variables through.
// It prints the two URLs, serves there, and stops with its whole process group on Ctrl-C, leaving
// nothing listening. `pnpm mock` is the same command.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { findFreePort, isListening, pnpmCommand } from "@test/support";
import { afterEach, describe, expect, it } from "vitest";
import { repoDir } from "./support/repository.js";

const readme = readFileSync(`${repoDir}README.md`, "utf8");

/** The environment of a user's shell: none of the npm_*, PNPM_* or TURBO_* variables of the test run. */
const shellEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|PNPM_|TURBO_)/i.test(key)));

/** `pnpm <script>` in its own process group, with the repository's own pnpm. */
function pnpmInGroup(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const pnpm = pnpmCommand();
  return spawn(pnpm.command, [...pnpm.args, script], { cwd: repoDir, env: { ...shellEnv, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not ${what()} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let running: ChildProcess | undefined;
afterEach(async () => {
  // A failed test leaves nothing behind either: Ctrl-C first, so that turbo stops the tasks it
  // started (in process groups of their own), and SIGKILL only for what outlives it.
  const pid = running?.pid;
  running = undefined;
  if (!pid || !groupAlive(pid)) return;
  process.kill(-pid, "SIGINT");
  await waitUntil(() => !groupAlive(pid), 20_000, () => "gone").catch(() => process.kill(-pid, "SIGKILL"));
}, 30_000);

describe("the README's serving commands", () => {
  it("document MOCK_PORT and DOCS_PORT beside pnpm start", () => {
    expect(readme).toContain("npx --yes pnpm@10.34.9 start");
    expect(readme).toMatch(/`http:\/\/127\.0\.0\.1:4010` \(set `MOCK_PORT` to change it\)/);
    expect(readme).toMatch(/`http:\/\/127\.0\.0\.1:4020\/` \(`DOCS_PORT`\)/);
  });

  it("pnpm mock is the same command as pnpm start", () => {
    const { scripts } = JSON.parse(readFileSync(`${repoDir}package.json`, "utf8"));
    expect(scripts.mock).toBe(scripts.start);
  });

  it("MOCK_PORT=<port> DOCS_PORT=<port> pnpm start serves the mock and the docs there, and stops on Ctrl-C", { timeout: 120_000 }, async () => {
    const script = "start";
    const [mockPort, docsPort] = [await findFreePort(), await findFreePort()];
    const child = pnpmInGroup(script, { MOCK_PORT: String(mockPort), DOCS_PORT: String(docsPort) });
    running = child;
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
    let exited = false;
    child.once("exit", () => (exited = true));

    const urls = () => ({
      mock: output.match(/listening on (http:\/\/\S+)/)?.[1],
      docs: output.match(/served on (http:\/\/\S+)/)?.[1],
    });
    await waitUntil(() => {
      if (exited) throw new Error(`pnpm ${script} exited before printing both URLs:\n${output}`);
      return Boolean(urls().mock && urls().docs);
    }, 90_000, () => `both URLs printed by pnpm ${script}:\n${output}`);

    expect(urls()).toEqual({ mock: `http://127.0.0.1:${mockPort}`, docs: `http://127.0.0.1:${docsPort}/` });
    const search = await fetch(`${urls().mock}/conversations/search?locationId=demo`, {
      headers: { Authorization: "Bearer any", Version: "2021-04-15" },
    });
    expect(search.status).toBe(200);
    expect((await search.json()).conversations.length).toBeGreaterThan(0);
    const page = await fetch(urls().docs ?? "");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>");

    // Ctrl-C in a terminal signals the whole foreground process group.
    process.kill(-(child.pid ?? 0), "SIGINT");
    await waitUntil(() => exited && !groupAlive(child.pid ?? 0), 30_000, () => `exited on SIGINT, pnpm ${script} and all it started:\n${output}`);
    expect(await isListening(mockPort)).toBe(false);
    expect(await isListening(docsPort)).toBe(false);
  });
});
