// Fault injection: what is retried, how often, and how long the client waits. Every test asserts
// how many requests the server saw.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConnectionError,
  createConversationsClient,
  RateLimitError,
  ServerError,
  type ConversationsClientOptions,
} from "../../src/index.js";
import { conversation, json, raw, resetMidResponse, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const client = (options: Partial<ConversationsClientOptions> = {}) =>
  createConversationsClient({
    token: "fault-token-123",
    baseUrl: server.url,
    backoff: { initialDelayMs: 5, maxDelayMs: 2_000 },
    ...options,
  });
const page = { conversations: [conversation("c1")], total: 1 };
const search = (c = client(), init: Record<string, unknown> = {}) =>
  c.GET("/conversations/search", { params: { query: { locationId: "location" } }, ...init });
const create = (c = client()) => c.POST("/conversations/", { body: { locationId: "location", contactId: "contact" } });

describe("429 Too Many Requests", () => {
  it("waits the Retry-After seconds, then retries", async () => {
    server.script(json(429, { message: "slow down" }, { "Retry-After": "1" }), json(200, page));
    const started = Date.now();
    const { data, error } = await search();
    expect(error).toBeUndefined();
    expect(data?.conversations[0]?.id).toBe("c1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.seen).toHaveLength(2);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const inOneSecond = new Date(Math.ceil((Date.now() + 1_000) / 1_000) * 1_000).toUTCString();
    server.script(json(429, {}, { "Retry-After": inOneSecond }), json(200, page));
    const started = Date.now();
    const { error } = await search();
    expect(error).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(Date.parse(inOneSecond) - started - 50);
    expect(server.seen).toHaveLength(2);
  });

  it("retries a POST too, because a 429 means the server did not act on it", async () => {
    server.script(json(429, {}, { "Retry-After": "0" }), json(201, { success: true, conversation: {} }));
    const { error, response } = await create();
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(server.seen.map((request) => request.method)).toEqual(["POST", "POST"]);
  });

  it("does not wait longer than maxDelayMs: it reports a RateLimitError with the reset time", async () => {
    server.script(json(429, { message: "daily limit" }, { "Retry-After": "3600", "X-RateLimit-Remaining": "0" }));
    const c = client();
    const before = Date.now();
    const failure = await c.unwrap(search(c)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RateLimitError);
    const rateLimited = failure as RateLimitError;
    expect(rateLimited.status).toBe(429);
    expect(rateLimited.resetAt!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000 - 1_000);
    expect(rateLimited.rateLimit?.remaining).toBe(0);
    expect(server.seen).toHaveLength(1);
  });

  it("waits one rate-limit interval when the burst window is spent and there is no Retry-After", async () => {
    const spent = { "X-RateLimit-Remaining": "0", "X-RateLimit-Max": "100", "X-RateLimit-Interval-Milliseconds": "300" };
    server.script(json(429, {}, spent), json(200, page));
    const started = Date.now();
    const { error } = await search();
    expect(error).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(server.seen).toHaveLength(2);
  });
});

describe("5xx", () => {
  for (const status of [500, 502, 503, 504]) {
    it(`retries a GET after a ${status} and returns the next answer`, async () => {
      server.script(json(status, { message: "boom" }), json(200, page));
      const { data } = await search();
      expect(data?.total).toBe(1);
      expect(server.seen).toHaveLength(2);
    });
  }

  it("gives up after maxRetries and returns the last error", async () => {
    server.script(json(503, { statusCode: 503, message: "unavailable" }));
    const { error, response } = await search(client({ maxRetries: 3 }));
    expect(response.status).toBe(503);
    expect(error).toEqual({ statusCode: 503, message: "unavailable" });
    expect(server.seen).toHaveLength(4);
  });

  it("takes maxRetries per call over the client's", async () => {
    server.script(json(500, {}));
    await search(client({ maxRetries: 3 }), { maxRetries: 0 });
    expect(server.seen).toHaveLength(1);
  });

  it("retries a 408 Request Timeout on a GET", async () => {
    server.script(json(408, {}), json(200, page));
    const { error } = await search();
    expect(error).toBeUndefined();
    expect(server.seen).toHaveLength(2);
  });

  it("does not retry other 4xx", async () => {
    server.script(json(400, { statusCode: 400, message: "Bad Request" }));
    const { error } = await search();
    expect(error).toEqual({ statusCode: 400, message: "Bad Request" });
    expect(server.seen).toHaveLength(1);
  });

  it("retries the idempotent PUT and DELETE", async () => {
    server.script(json(502, {}), json(200, { success: true }));
    await client().DELETE("/conversations/{conversationId}", { params: { path: { conversationId: "c1" } } });
    expect(server.seen.map((request) => request.method)).toEqual(["DELETE", "DELETE"]);
  });
});

describe("a POST that may have reached the server is never sent twice", () => {
  it("a 500 after the server read the body: one request, a ServerError", async () => {
    server.script(json(500, { message: "partial failure" }), json(201, {}));
    const c = client();
    const failure = await c.unwrap(create(c)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServerError);
    expect(server.seen).toHaveLength(1);
    expect(JSON.parse(server.seen[0]!.body.toString())).toEqual({ locationId: "location", contactId: "contact" });
  });

  it("a connection reset after the server got it: one request, a ConnectionError", async () => {
    server.script((response) => response.socket?.destroy(), json(201, {}));
    const { error, response } = await create();
    expect(error).toBeInstanceOf(ConnectionError);
    expect(response.status).toBe(0);
    expect(server.seen).toHaveLength(1);
  });

  it("a 503 HTML page from a proxy: one request", async () => {
    server.script(raw(503, "<html><body>Service Unavailable</body></html>", { "Content-Type": "text/html" }));
    const { error } = await create();
    expect(error).toBeInstanceOf(ServerError);
    expect(server.seen).toHaveLength(1);
  });

  it("a refused connection proves the POST never left: it is retried", async () => {
    const closed = await startFaultServer();
    const url = closed.url;
    await closed.close();
    let attempts = 0;
    const c = client({
      baseUrl: url,
      maxRetries: 2,
      fetch: (request) => {
        attempts++;
        return fetch(request);
      },
    });
    const { error, response } = await create(c);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(response.status).toBe(0);
    expect(attempts).toBe(3);
  });
});

describe("connection failures on a GET", () => {
  it("a reset mid-response is retried, and the retry's answer returned", async () => {
    server.script(resetMidResponse, json(200, page));
    const { data, error } = await search();
    expect(error).toBeUndefined();
    expect(data?.conversations).toHaveLength(1);
    expect(server.seen).toHaveLength(2);
  });

  it("a reset on every attempt ends in a ConnectionError in `error`, not a rejection", async () => {
    server.script(resetMidResponse);
    const { data, error, response } = await search(client({ maxRetries: 2 }));
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).method).toBe("GET");
    expect((error as ConnectionError).url).toBe(`${server.url}/conversations/search?locationId=location`);
    expect(response.status).toBe(200); // the headers had arrived; the body had not
    expect(server.seen).toHaveLength(3);
  });
});

describe("an invalid Retry-After is ignored in favour of the backoff", () => {
  const farAhead = new Date(Date.UTC(2999, 0, 1)).toUTCString();
  for (const value of ["-5", "soon", "1.5", farAhead]) {
    it(`Retry-After: ${value} waits the backoff (not 0, not forever)`, async () => {
      server.script(json(429, {}, { "Retry-After": value }), json(200, page));
      const started = performance.now();
      const { error } = await search(client({ backoff: { initialDelayMs: 400, maxDelayMs: 2_000 } }));
      expect(error).toBeUndefined();
      expect(performance.now() - started).toBeGreaterThanOrEqual(195); // the jitter takes half to all of 400 ms
      expect(server.seen).toHaveLength(2);
    });
  }

  it("and maxDelayMs still caps that backoff", async () => {
    server.script(json(503, {}, { "Retry-After": "-5" }), json(200, page));
    const started = performance.now();
    const { error } = await search(client({ backoff: { initialDelayMs: 60_000, maxDelayMs: 300 } }));
    expect(error).toBeUndefined();
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(145);
    expect(waited).toBeLessThan(300 + 1_500);
    expect(server.seen).toHaveLength(2);
  });
});

describe("every error says how many attempts the call made", () => {
  it("a status after retries, thrown by unwrap from a typed body", async () => {
    server.script(json(503, { statusCode: 503, message: "unavailable" }));
    const c = client({ maxRetries: 2 });
    const failure = (await c.unwrap(search(c)).catch((error: unknown) => error)) as ServerError;
    expect(failure).toBeInstanceOf(ServerError);
    expect(failure.attempts).toBe(3);
    expect(server.seen).toHaveLength(3);
  });

  it("a connection failure after retries, and one that was not retried", async () => {
    server.script(resetMidResponse);
    const retried = await search(client({ maxRetries: 1 }));
    expect((retried.error as ConnectionError).attempts).toBe(2);
    expect(server.seen).toHaveLength(2);
    server.script((response) => response.socket?.destroy());
    const posted = await create();
    expect((posted.error as ConnectionError).attempts).toBe(1);
    expect(server.seen).toHaveLength(1);
  });
});
