// The token never appears in an error (message, URL, body, JSON, inspect) or a log line.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConversationsError, createConversationsClient, type Logger } from "../../src/index.js";
import { json, raw, startFaultServer, type FaultServer } from "../support/fault-server.js";

const TOKEN = "pit-0123456789-very-secret";
let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

function capturingLogger() {
  const lines: string[] = [];
  const record = (message: string) => void lines.push(message);
  const logger: Logger = { debug: record, info: record, warn: record, error: record };
  return { lines, logger };
}

function expectNoToken(value: unknown) {
  expect(String(value)).not.toContain(TOKEN);
  expect(JSON.stringify(value)).not.toContain(TOKEN);
  expect(inspect(value, { depth: 10, showHidden: true })).not.toContain(TOKEN);
}

describe("the token stays secret", () => {
  it("in an error built from a body that echoes the Authorization header, and in every log line", async () => {
    server.script((response, request) =>
      raw(500, `<html>upstream said: ${request.headers.authorization}</html>`, { "Content-Type": "text/html" })(response, request),
    );
    const { lines, logger } = capturingLogger();
    const client = createConversationsClient({ token: TOKEN, baseUrl: server.url, logger, logLevel: "debug", maxRetries: 1, backoff: { initialDelayMs: 1 } });
    const failure = await client
      .unwrap(client.GET("/conversations/search", { params: { query: { locationId: "l" } } }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConversationsError);
    expect((failure as ConversationsError).body).toContain("[redacted]");
    expectNoToken(failure);
    expectNoToken((failure as Error).stack);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(TOKEN);
    // The server did receive it: the redaction is in the client's reports, not on the wire.
    expect(server.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("in a JSON error body that echoes it", async () => {
    server.script((response, request) => json(400, { message: `bad token ${request.headers.authorization}` })(response, request));
    const client = createConversationsClient({ token: TOKEN, baseUrl: server.url });
    const failure = await client.unwrap(client.GET("/conversations/search", { params: { query: { locationId: "l" } } })).catch((e: unknown) => e);
    expect((failure as Error).message).toContain("[redacted]");
    expectNoToken(failure);
  });

  it("in connection and timeout errors, with their causes", async () => {
    const closed = await startFaultServer();
    await closed.close();
    const client = createConversationsClient({ token: TOKEN, baseUrl: closed.url, maxRetries: 0 });
    const refused = await client.GET("/conversations/search", { params: { query: { locationId: "l" } } });
    expectNoToken(refused.error);
    expect(inspect(refused, { depth: 10, showHidden: true })).not.toContain(TOKEN); // the whole result

    server.script((response) => setTimeout(() => response.end(), 300));
    const slow = createConversationsClient({ token: TOKEN, baseUrl: server.url, timeout: 20, maxRetries: 0 });
    const timedOut = await slow.GET("/conversations/search", { params: { query: { locationId: "l" } } });
    expect(timedOut.error).toBeInstanceOf(ConversationsError);
    expectNoToken(timedOut.error);
  });

  it("from a token provider, old and new tokens alike", async () => {
    server.script((response, request) => json(401, { message: `rejected ${request.headers.authorization}` })(response, request));
    let calls = 0;
    const tokens = [`${TOKEN}-1`, `${TOKEN}-2`];
    const client = createConversationsClient({ token: () => tokens[calls++]!, baseUrl: server.url });
    const failure = await client.unwrap(client.GET("/conversations/search", { params: { query: { locationId: "l" } } })).catch((e: unknown) => e);
    expect(server.seen).toHaveLength(2);
    expectNoToken(failure);
  });
});
