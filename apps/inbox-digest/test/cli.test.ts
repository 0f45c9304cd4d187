// The example service as its users run it: with no settings it runs against the local mock
// (`pnpm mock`, on MOCK_PORT); with a token, a base URL and a location it runs against that API
// (here the mock standing in for it).
import { fileURLToPath } from "node:url";
import { findFreePort, mockUrl, runNode } from "@test/support";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** The environment without any HIGHLEVEL_* or MOCK_PORT setting of the machine running the tests. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("HIGHLEVEL_") && key !== "MOCK_PORT"));

function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runNode([cli, ...args], { env: { ...cleanEnv, ...env } });
}

const mockPort = () => new URL(mockUrl()).port;
const token = "pit-0123456789-secret";

describe("inbox-digest with no token", () => {
  it("runs against the mock on MOCK_PORT and prints the digest", async () => {
    const { status, stdout, stderr } = await runCli([], { MOCK_PORT: mockPort() });
    expect(status, stderr).toBe(0);
    expect(stderr).toContain(`against the mock at http://127.0.0.1:${mockPort()}`);
    expect(stdout).toContain("Unread inbox digest for location ABCHkzuJQ8ZMd4Te84GK");
    expect(stdout).toContain("* John Doe - 1 unread - TYPE_SMS");
    expect(stdout).toContain("<- 2024-03-27 18:13  Hi there");
  });

  it("prints nothing but the digest's JSON on stdout with --json", async () => {
    const { status, stdout, stderr } = await runCli(["--json"], { MOCK_PORT: mockPort() });
    expect(status, stderr).toBe(0);
    expect(JSON.parse(stdout).entries[0].contactName).toBe("John Doe");
  });

  it("says how to start the mock when nothing answers on MOCK_PORT", async () => {
    const { status, stdout, stderr } = await runCli([], { MOCK_PORT: String(await findFreePort()) });
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("start the mock with `pnpm mock`");
  });

  it("rejects a MOCK_PORT that is not a port", async () => {
    const { status, stderr } = await runCli([], { MOCK_PORT: "lots" });
    expect(status).toBe(2);
    expect(stderr).toContain('MOCK_PORT is not a port: "lots"');
  });
});

describe("inbox-digest with HIGHLEVEL_TOKEN, HIGHLEVEL_BASE_URL and HIGHLEVEL_LOCATION_ID", () => {
  it("runs against that API, and prints the digest as JSON with --json", async () => {
    const { status, stdout, stderr } = await runCli(["--json", "--messages", "1"], {
      HIGHLEVEL_TOKEN: token,
      HIGHLEVEL_BASE_URL: mockUrl(),
      HIGHLEVEL_LOCATION_ID: "my-location",
    });
    expect(status, stderr).toBe(0);
    expect(stderr).toContain(`against ${mockUrl()}`);
    const digest = JSON.parse(stdout);
    expect(digest.locationId).toBe("my-location");
    expect(digest.entries[0].contactName).toBe("John Doe");
    expect(`${stdout}${stderr}`).not.toContain(token);
  });

  it("refuses to run without a location, saying which setting is missing and not showing the token", async () => {
    const { status, stdout, stderr } = await runCli([], { HIGHLEVEL_TOKEN: token, HIGHLEVEL_BASE_URL: mockUrl() });
    expect(status).toBe(2);
    expect(stderr).toContain("HIGHLEVEL_LOCATION_ID is required when HIGHLEVEL_TOKEN is set");
    expect(`${stdout}${stderr}`).not.toContain(token);
  });

  it("rejects a base URL that is not a URL, and a page size that is not a number", async () => {
    const badUrl = await runCli([], { HIGHLEVEL_TOKEN: token, HIGHLEVEL_BASE_URL: "not a url", HIGHLEVEL_LOCATION_ID: "l" });
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toContain('HIGHLEVEL_BASE_URL is not a URL: "not a url"');
    const badSize = await runCli(["--page-size", "lots"], { HIGHLEVEL_TOKEN: token, HIGHLEVEL_BASE_URL: mockUrl(), HIGHLEVEL_LOCATION_ID: "l" });
    expect(badSize.status).toBe(2);
    expect(badSize.stderr).toContain('--page-size must be a whole number from 1 to 100, not "lots"');
  });
});
