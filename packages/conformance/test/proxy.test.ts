// `pnpm proxy` (startProxy in @conversations-api/mock): Prism's proxy mode in front of the fake
// passes answers through with no violation; in front of a server that drifted, the answers still
// pass through as they are and each violation is reported with the request's method and path.
import { findFreePort, startProxy, waitForPort, type RunningProxy } from "@conversations-api/mock";
import { sharedValidator } from "@conversations-api/validator";
import type { RunningFake } from "@conversations-api/fake";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformance } from "../src/index.js";
import { firstWithRequiredField, wrongValueFor } from "./support/drifts.js";
import { LOCATION_ID, startExampleFake, startUpstream, TOKEN, type Upstream } from "./support/upstream.js";

const require = createRequire(import.meta.url);
const proxyCli = join(dirname(require.resolve("@conversations-api/mock")), "proxy-cli.js");
const headers = { Authorization: `Bearer ${TOKEN}`, Version: "2021-04-15" };

let fake: RunningFake;
beforeAll(async () => (fake = await startExampleFake()));
afterAll(() => fake.stop());

describe("the proxy in front of the fake", () => {
  let proxy: RunningProxy;
  beforeAll(async () => (proxy = await startProxy({ upstream: fake.url, onViolation: () => {}, startTimeoutMs: 60_000 })));
  afterAll(() => proxy.stop());

  it("listens on 127.0.0.1 and lets a conformance run through with no violation", async () => {
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const report = await runConformance({ token: TOKEN, locationId: LOCATION_ID, baseUrl: proxy.url, apiVersion: "2021-04-15", maxRequests: 40, allowWrites: false });
    expect(report.result, JSON.stringify(report.operations.filter((operation) => operation.outcome !== "pass"))).toBe("pass");
    expect(proxy.violations).toEqual([]);
  });

  it("reports a request that breaks the spec (it still goes through), naming its path without the query", async () => {
    const response = await fetch(`${proxy.url}/conversations/search?query=${encodeURIComponent("jane@example.com")}`, { headers });
    expect(response.status).toBe(400); // the fake's own answer
    await expect.poll(() => proxy.violations).toEqual([expect.objectContaining({ method: "GET", path: "/conversations/search", location: "request.query", message: expect.stringMatching(/locationId/i) })]);
    expect(JSON.stringify(proxy.violations)).not.toMatch(/jane|example\.com|Bearer/);
  });
});

describe("the proxy in front of a server that drifted", () => {
  let upstream: Upstream;
  let drifted: ReturnType<typeof firstWithRequiredField>;
  beforeAll(async () => {
    drifted = firstWithRequiredField(["get-conversation", "get-message", "get-email-by-id", "get-messages", "get-message-transcription", "export-messages-by-location"]);
    upstream = await startUpstream(fake, { [drifted.operationId]: (body) => ({ body: { ...body, [drifted.field.name]: wrongValueFor(drifted.field.type) } }) });
  });
  afterAll(() => upstream.close());

  it("passes the answer through as it is and reports each violation with the method, path and field", async () => {
    const lines: string[] = [];
    const proxy = await startProxy({ upstream: upstream.url, onViolation: (violation) => void lines.push(`${violation.method} ${violation.path} ${violation.location}`), startTimeoutMs: 60_000 });
    try {
      const report = await runConformance({ token: TOKEN, locationId: LOCATION_ID, baseUrl: proxy.url, apiVersion: "2021-04-15", maxRequests: 40, allowWrites: false });
      expect(report.operations.find((operation) => operation.operationId === drifted.operationId)).toMatchObject({ outcome: "fail" });
      const { path } = sharedValidator().operation(drifted.operationId)!;
      const pathPattern = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^GET ${pathPattern} response\\.body\\.${drifted.field.name}$`))]);
      expect(proxy.violations[0]).toMatchObject({ severity: "error", message: expect.stringContaining(`must be ${drifted.field.type}`) });
    } finally {
      await proxy.stop();
    }
  });

  it("pnpm proxy (the command): prints where it listens and one line per violation; stopped by its PID", async () => {
    if (!existsSync(proxyCli)) throw new Error(`${proxyCli} is missing: build @conversations-api/mock first`);
    const port = await findFreePort();
    const child = spawn(process.execPath, [proxyCli, "--upstream", upstream.url, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await waitForPort(port, 60_000);
      await expect.poll(() => stdout, { timeout: 10_000 }).toContain(`Validating proxy (Prism) on http://127.0.0.1:${port} -> ${upstream.url}`);
      expect(stdout).toContain(`baseUrl: "http://127.0.0.1:${port}"`);
      const report = await runConformance({ token: TOKEN, locationId: LOCATION_ID, baseUrl: `http://127.0.0.1:${port}`, apiVersion: "2021-04-15", maxRequests: 40, allowWrites: false });
      expect(report.operations.find((operation) => operation.operationId === drifted.operationId)).toMatchObject({ outcome: "fail" });
      await expect.poll(() => stderr, { timeout: 10_000 }).toMatch(new RegExp(`spec violation \\(error\\): GET /conversations/\\S+: response\\.body\\.${drifted.field.name}: `));
      expect(stderr.match(/spec violation/g)).toHaveLength(1);
      expect(stderr).not.toContain(TOKEN);
      expect(stdout).not.toContain(TOKEN);
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  });
});

describe("the proxy command", () => {
  it("refuses a bad option with exit 2", async () => {
    if (!existsSync(proxyCli)) throw new Error(`${proxyCli} is missing: build @conversations-api/mock first`);
    const child = spawn(process.execPath, [proxyCli, "--upstream", "not-a-url"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const status = await new Promise((resolve) => child.once("exit", resolve));
    expect(status).toBe(2);
    expect(stderr).toContain("--upstream must be an http(s) URL");
  });
});
