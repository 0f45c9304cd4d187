// The `fetch` option's own final decision: an error it throws with `retryable: false` (a rate-limit
// budget that will not wait, or will not spend a spent daily quota) ends the call at once as a
// FetchRefusedError carrying that error as its `cause`; it is never taken for a connection failure
// and retried. Every test counts what the loopback server saw.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConnectionError,
  ConversationsError,
  createConversationsClient,
  FetchRefusedError,
  type ConversationsClientOptions,
  type Transport,
} from "../../src/index.js";
import { conversation, json, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const TOKEN = "refusal-token-0123456789";
const page = { conversations: [conversation("c1")], total: 1 };
const client = (fetch: Transport, options: Partial<ConversationsClientOptions> = {}) =>
  createConversationsClient({ token: TOKEN, baseUrl: server.url, fetch, maxRetries: 3, backoff: { initialDelayMs: 5 }, ...options });
const search = (c: ReturnType<typeof client>) => c.GET("/conversations/search", { params: { query: { locationId: "location" } } });
const create = (c: ReturnType<typeof client>) => c.POST("/conversations/", { body: { locationId: "location", contactId: "contact" } });

/** An error as a budget throws it: its own class, a code, and the mark. */
class QuotaSpent extends Error {
  override name = "QuotaSpent";
  readonly code = "daily_quota";
  readonly retryable = false;
}

/** A transport that sends the first `sent` attempts to the server, then throws `error`. */
function refusingAfter(sent: number, error: unknown) {
  const attempts = { count: 0 };
  const fetch: Transport = (request, init) => (++attempts.count <= sent ? globalThis.fetch(request, init) : Promise.reject(error));
  return { fetch, attempts };
}

describe("an error from the fetch option marked `retryable: false`", () => {
  it("ends a GET at once as a FetchRefusedError with the error as its cause: not retried, nothing sent", async () => {
    server.script(json(200, page));
    const refusal = new QuotaSpent("the daily request quota of location is spent; nothing was sent");
    const { fetch, attempts } = refusingAfter(0, refusal);
    const { data, error, response } = await search(client(fetch));
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect(error).toBeInstanceOf(ConversationsError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    const refused = error as FetchRefusedError;
    expect(refused.name).toBe("FetchRefusedError");
    expect(refused.cause).toBe(refusal);
    expect(refused.message).toBe(`GET ${server.url}/conversations/search?locationId=location: the daily request quota of location is spent; nothing was sent`);
    expect(refused).toMatchObject({ method: "GET", status: undefined, attempts: 1 });
    expect(response.status).toBe(0);
    expect(attempts.count).toBe(1);
    expect(server.seen).toHaveLength(0);
  });

  it("is thrown by unwrap as itself, for a POST too", async () => {
    server.script(json(201, { success: true }));
    const refusal = new QuotaSpent("wait too long");
    const { fetch, attempts } = refusingAfter(0, refusal);
    const c = client(fetch);
    const thrown = await c.unwrap(create(c)).catch((caught: unknown) => caught);
    expect(thrown).toBeInstanceOf(FetchRefusedError);
    expect((thrown as FetchRefusedError).cause).toBe(refusal);
    expect(attempts.count).toBe(1);
    expect(server.seen).toHaveLength(0);
  });

  it("ends a call that was being retried: a 503, then the refusal, is one request and attempts 2", async () => {
    server.script(json(503, { message: "busy" }), json(200, page));
    const { fetch, attempts } = refusingAfter(1, new QuotaSpent("paused"));
    const { error } = await search(client(fetch));
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as FetchRefusedError).attempts).toBe(2);
    expect(attempts.count).toBe(2);
    expect(server.seen).toHaveLength(1);
  });

  it("works with any object carrying the mark, an Error or not", async () => {
    server.script(json(200, page));
    const plain = { message: "circuit open", retryable: false };
    const { fetch, attempts } = refusingAfter(0, plain);
    const { error } = await search(client(fetch));
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as FetchRefusedError).cause).toBe(plain);
    expect((error as FetchRefusedError).message).toContain("circuit open");
    expect(attempts.count).toBe(1);
  });

  it("never carries the token: in its message, its cause or inspect output", async () => {
    server.script(json(200, page));
    const { fetch } = refusingAfter(0, new QuotaSpent(`refused for Bearer ${TOKEN}`));
    const { error } = await search(client(fetch));
    expect(error).toBeInstanceOf(FetchRefusedError);
    const shown = [String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)].join("\n");
    expect(shown).toContain("[redacted]");
    expect(shown).not.toContain(TOKEN);
  });
});

describe("any other error from the fetch option", () => {
  it("is a ConnectionError and retried by the rule: without the mark, or with a mark that is not `false`", async () => {
    for (const failure of [new TypeError("fetch failed"), Object.assign(new Error("flaky"), { retryable: true }), Object.assign(new Error("flaky"), { retryable: "false" })]) {
      server.script(json(200, page));
      const { fetch, attempts } = refusingAfter(0, failure);
      const { error } = await search(client(fetch, { maxRetries: 2 }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).cause).toBe(failure);
      expect(attempts.count).toBe(3);
    }
  });
});
