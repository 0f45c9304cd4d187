import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort, type RunningMock, startMock } from "../src/index.js";

const headers = { Authorization: "Bearer any", Version: "2021-04-15" };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startMock", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock();
  });
  // The last test stops it; this is for a run cut short.
  afterAll(() => mock.stop());

  it("serves the spec on 127.0.0.1", async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${mock.url}/conversations/search?locationId=loc`, { headers });
    expect(response.status).toBe(200);
    expect((await response.json()).conversations).toHaveLength(1);
  });

  it("answers deterministically: the same request gives the same body", async () => {
    const bodies = await Promise.all(
      [1, 2, 3].map(async () =>
        (await fetch(`${mock.url}/conversations/c1`, { headers })).text(),
      ),
    );
    expect(new Set(bodies).size).toBe(1);
  });

  it("requires the bearer token", async () => {
    const response = await fetch(`${mock.url}/conversations/c1`, { headers: { Version: "2021-04-15" } });
    expect(response.status).toBe(401);
  });

  it("stops Prism by its PID", async () => {
    expect(isAlive(mock.pid)).toBe(true);
    await mock.stop();
    expect(isAlive(mock.pid)).toBe(false);
    await expect(fetch(`${mock.url}/conversations/c1`, { headers })).rejects.toThrow();
  });
});

describe("a Prism that is not ready in time", () => {
  it("is stopped, and the error says so, so that it does not come up later holding the port", async () => {
    const port = await findFreePort();
    await expect(startMock({ port, startTimeoutMs: 1 })).rejects.toThrow(/Prism did not serve .* on port \d+/);
    // Prism takes about a second to listen: had it been left running, it would be by now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await expect(fetch(`http://127.0.0.1:${port}/conversations/c1`, { headers })).rejects.toThrow();
  });
});

describe("a spec Prism cannot serve", () => {
  it("fails with Prism's message when the spec cannot be served", async () => {
    await expect(startMock({ specPath: "/nonexistent/openapi.yaml" })).rejects.toThrow(/Prism exited/);
  });
});

describe("the CLI (what `pnpm mock` runs in apps/mock)", () => {
  it("prints its URL, serves, and stops Prism on SIGTERM", async () => {
    const port = await findFreePort();
    const cli = spawn(process.execPath, [fileURLToPath(new URL("../dist/cli.js", import.meta.url))], {
      env: { ...process.env, MOCK_PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      cli.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = out.match(/listening on (http:\/\/\S+)/);
        if (match?.[1]) resolve(match[1]);
      });
      cli.once("exit", (code) => reject(new Error(`CLI exited (${code}) before printing its URL:\n${out}`)));
    });
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`${url}/conversations/c1`, { headers })).status).toBe(200);

    const exited = new Promise((resolve) => cli.once("exit", resolve));
    cli.kill("SIGTERM");
    await exited;
    await expect(fetch(`${url}/conversations/c1`, { headers })).rejects.toThrow();
  });
});
