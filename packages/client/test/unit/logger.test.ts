// The logger: silent by default, levels filter, and lines say what happened.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createConversationsClient, type Logger, type LogLevel } from "../../src/index.js";
import { json, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

function recorder() {
  const lines: [string, string][] = [];
  const logger = Object.fromEntries(
    (["debug", "info", "warn", "error"] as const).map((level) => [level, (message: string) => void lines.push([level, message])]),
  ) as unknown as Logger;
  return { lines, logger };
}
const failingTwice = (logger?: Logger, logLevel?: LogLevel) => {
  server.script(json(503, {}), json(503, {}), json(200, { conversations: [], total: 0 }));
  const client = createConversationsClient({ token: "t0ken", baseUrl: server.url, backoff: { initialDelayMs: 1 }, logger, logLevel });
  return client.GET("/conversations/search", { params: { query: { locationId: "l" } } });
};

describe("the logger", () => {
  it("is silent by default: nothing reaches the console", async () => {
    const spies = (["debug", "info", "warn", "error", "log"] as const).map((level) => vi.spyOn(console, level));
    await failingTwice();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("reports each retry as a warning with the method, URL, status and attempt", async () => {
    const { lines, logger } = recorder();
    await failingTwice(logger);
    expect(lines).toHaveLength(2);
    expect(lines[0]![0]).toBe("warn");
    expect(lines[0]![1]).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/conversations\/search\?locationId=l: 503, retry 1 in \d+ ms$/);
    expect(lines[1]![1]).toContain("retry 2");
  });

  it("drops lines below the level", async () => {
    const { lines, logger } = recorder();
    await failingTwice(logger, "error");
    expect(lines).toEqual([]);
  });

  it("reports a final failure as an error", async () => {
    server.script(json(503, {}));
    const { lines, logger } = recorder();
    const client = createConversationsClient({ token: "t0ken", baseUrl: server.url, maxRetries: 0, logger, logLevel: "error" });
    await client.GET("/conversations/search", { params: { query: { locationId: "l" } } });
    // A 503 with a JSON body is a typed error result, not a transport failure: nothing to report.
    expect(lines).toEqual([]);
    const closed = await startFaultServer();
    await closed.close();
    const offline = createConversationsClient({ token: "t0ken", baseUrl: closed.url, maxRetries: 0, logger, logLevel: "error" });
    await offline.GET("/conversations/search", { params: { query: { locationId: "l" } } });
    expect(lines).toHaveLength(1);
    expect(lines[0]![0]).toBe("error");
    expect(lines[0]![1]).toContain("fetch failed");
  });
});
