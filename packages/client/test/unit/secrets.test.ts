// The token never appears in an error (message, URL, body, JSON, inspect) or a log line.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "../../src/core/auth.js";
import { BadRequestError, ConversationsError, createConversationsClient, InvalidResponseError, type Logger } from "../../src/index.js";
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

    server.script((response) => setTimeout(() => response.end(), 600));
    // Long enough for the request to reach the server before it is cut off (a later test counts requests).
    const slow = createConversationsClient({ token: TOKEN, baseUrl: server.url, timeout: 150, maxRetries: 0 });
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

describe("redaction cannot be bypassed", () => {
  const search = (client: ReturnType<typeof createConversationsClient>) =>
    client.GET("/conversations/search", { params: { query: { locationId: "l" } } });

  it("a 200 HTML page that echoes the Authorization header: an InvalidResponseError, with no token in it or its cause", async () => {
    server.script((response, request) =>
      raw(200, `<html><pre>Authorization: ${request.headers.authorization}</pre></html>`, { "Content-Type": "text/html" })(response, request),
    );
    const client = createConversationsClient({ token: TOKEN, baseUrl: server.url });
    const { error } = await search(client);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).body).toContain("Authorization: Bearer [redacted]");
    expectNoToken(error);
    expect(inspect(error)).not.toContain(TOKEN); // what console.error(error) prints
    expect(server.seen).toHaveLength(1);
  });

  it("a token read with surrounding whitespace: the trimmed token that fetch sends is redacted too", async () => {
    server.script(
      (response, request) => json(400, { message: `bad ${request.headers.authorization}` })(response, request),
      (response, request) => raw(502, `<p>${request.headers.authorization}</p>`, { "Content-Type": "text/html" })(response, request),
    );
    const client = createConversationsClient({ token: `  ${TOKEN}\n`, baseUrl: server.url, maxRetries: 0 }); // sent trimmed
    expect(server.seen).toHaveLength(0);
    const first = await search(client);
    expect(first.error).toEqual({ message: "bad Bearer [redacted]" });
    const second = await search(client);
    expectNoToken(second.error);
    expect(String((second.error as ConversationsError).body)).toContain("[redacted]");
    expect(server.seen.map((request) => request.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  for (const token of ["1", "ab", "abc"]) {
    it(`a token of ${token.length} character(s) neither corrupts error bodies nor makes the call reject`, async () => {
      const body = { statusCode: 400, message: "abc is a bad value: 1, 12, cab", details: ["abc", 1, null, { nested: "ab" }] };
      server.script(json(400, body), (response, request) => json(401, { echo: request.headers.authorization })(response, request));
      const client = createConversationsClient({ token, baseUrl: server.url, maxRetries: 0 });
      const { error } = await search(client); // resolves: it used to reject on unparseable redacted JSON
      expect(error).toEqual(token === "abc" ? { ...body, details: ["[redacted]", 1, null, { nested: "ab" }] } : token === "ab" ? { ...body, details: ["abc", 1, null, { nested: "[redacted]" }] } : body);
      const echoed = await search(client);
      expect(echoed.error).toEqual({ echo: "Bearer [redacted]" });
      const failure = await client.unwrap(search(client)).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Error);
      expect(server.seen).toHaveLength(3);
    });
  }

  it("remembers a bounded number of tokens: the current one and the 4 before it", async () => {
    let issued = 0;
    const auth = createAuth(() => `rotating-token-${++issued}-abcdefgh`);
    let token = await auth.token();
    for (let refresh = 0; refresh < 7; refresh++) token = await auth.refresh(token);
    expect(issued).toBe(8);
    const all = Array.from({ length: 8 }, (_, index) => `rotating-token-${index + 1}-abcdefgh`);
    expect(all.map((old) => auth.redact(`x ${old} y`))).toEqual(all.map((old, index) => (index < 3 ? `x ${old} y` : "x [redacted] y")));
  });
});

describe("the structural redaction of parsed bodies", () => {
  it("replaces string values that contain a token, at any depth, and nothing else", () => {
    const auth = createAuth(TOKEN);
    const body = { a: `x ${TOKEN} y`, b: [1, true, null, { c: TOKEN }], d: 3.5, e: "plain" };
    expect(auth.redactDeep(body)).toEqual({ a: "x [redacted] y", b: [1, true, null, { c: "[redacted]" }], d: 3.5, e: "plain" });
    expect(body.a).toContain(TOKEN); // a copy: the caller's object is untouched
  });
});
