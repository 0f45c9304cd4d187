// The example service as its users run it: with no settings it starts the mock itself; with a
// token, a base URL and a location it runs against that API (here a mock standing in for it).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type RunningMock, startMock } from "@conversations-api/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** The environment without any HIGHLEVEL_* setting of the machine running the tests. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("HIGHLEVEL_")));

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: { ...cleanEnv, ...env } }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("inbox-digest with no settings", () => {
  it("starts the mock itself, prints the digest, and stops the mock", async () => {
    const { status, stdout, stderr } = await runCli([]);
    expect(status, stderr).toBe(0);
    expect(stderr).toMatch(/against the mock at http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain("Unread inbox digest for location ABCHkzuJQ8ZMd4Te84GK");
    expect(stdout).toContain("* John Doe - 1 unread - TYPE_SMS");
    expect(stdout).toContain("<- 2024-03-27 18:13  Hi there");
    const port = stderr.match(/127\.0\.0\.1:(\d+)/)?.[1];
    await expect(fetch(`http://127.0.0.1:${port}/conversations/search?locationId=x`)).rejects.toThrow();
  });
});

describe("inbox-digest --json with no settings", () => {
  it("prints nothing but the digest's JSON on stdout, even while it runs the mock", async () => {
    const { status, stdout, stderr } = await runCli(["--json"]);
    expect(status, stderr).toBe(0);
    expect(JSON.parse(stdout).entries[0].contactName).toBe("John Doe");
  });
});

describe("inbox-digest with HIGHLEVEL_TOKEN, HIGHLEVEL_BASE_URL and HIGHLEVEL_LOCATION_ID", () => {
  let api: RunningMock;
  beforeAll(async () => {
    api = await startMock();
  });
  afterAll(() => api.stop());
  const token = "pit-0123456789-secret";

  it("runs against that API, and prints the digest as JSON with --json", async () => {
    const { status, stdout, stderr } = await runCli(["--json", "--messages", "1"], {
      HIGHLEVEL_TOKEN: token,
      HIGHLEVEL_BASE_URL: api.url,
      HIGHLEVEL_LOCATION_ID: "my-location",
    });
    expect(status, stderr).toBe(0);
    expect(stderr).toContain(`against ${api.url}`);
    const digest = JSON.parse(stdout);
    expect(digest.locationId).toBe("my-location");
    expect(digest.entries[0].contactName).toBe("John Doe");
    expect(`${stdout}${stderr}`).not.toContain(token);
  });

  it("refuses to run without a location, saying which setting is missing and not showing the token", async () => {
    const { status, stdout, stderr } = await runCli([], { HIGHLEVEL_TOKEN: token, HIGHLEVEL_BASE_URL: api.url });
    expect(status).toBe(2);
    expect(stderr).toContain("HIGHLEVEL_LOCATION_ID is required when HIGHLEVEL_TOKEN is set");
    expect(`${stdout}${stderr}`).not.toContain(token);
  });

  it("rejects a base URL that is not a URL, and a page size that is not a number", async () => {
    const badUrl = await runCli([], { HIGHLEVEL_TOKEN: token, HIGHLEVEL_BASE_URL: "not a url", HIGHLEVEL_LOCATION_ID: "l" });
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toContain('HIGHLEVEL_BASE_URL is not a URL: "not a url"');
    const badSize = await runCli(["--page-size", "lots"], { HIGHLEVEL_TOKEN: token, HIGHLEVEL_BASE_URL: api.url, HIGHLEVEL_LOCATION_ID: "l" });
    expect(badSize.status).toBe(2);
    expect(badSize.stderr).toContain('--page-size must be a whole number from 1 to 100, not "lots"');
  });
});
