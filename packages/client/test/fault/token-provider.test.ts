// Fault injection: the token provider is part of the attempt (issue 8, items 1 and 3). A provider
// that never settles is bounded by the call's timeout and signal and does not hold later calls; a
// provider that fails is a TokenProviderError, never retried, and nothing is sent.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError, ConnectionError, createConversationsClient, TokenProviderError, type TokenProvider } from "../../src/index.js";
import { conversation, json, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const page = { conversations: [conversation("c1")], total: 1 };
const client = (token: TokenProvider, options: { timeout?: number; maxRetries?: number } = {}) =>
  createConversationsClient({ token, baseUrl: server.url, backoff: { initialDelayMs: 5 }, ...options });
const search = (c: ReturnType<typeof client>, init: Record<string, unknown> = {}) =>
  c.GET("/conversations/search", { params: { query: { locationId: "location" } }, ...init });
const never = () => new Promise<string>(() => {});

describe("a token provider that never settles", () => {
  it("ends the call at its timeout with a TokenProviderError, and nothing is sent", async () => {
    server.script(json(200, page));
    const started = performance.now();
    const { error, response } = await search(client(never, { timeout: 200 }));
    expect(error).toBeInstanceOf(TokenProviderError);
    expect((error as TokenProviderError).message).toContain("no token within 200 ms");
    expect((error as TokenProviderError).attempts).toBe(1);
    expect(response.status).toBe(0);
    expect(performance.now() - started).toBeLessThan(200 + 1_500);
    expect(server.seen).toHaveLength(0);
  });

  it("ends the call when the caller's signal aborts", async () => {
    server.script(json(200, page));
    const { error } = await search(client(never, { timeout: 0 }), { signal: AbortSignal.timeout(100) });
    expect(error).toBeInstanceOf(AbortError);
    expect(server.seen).toHaveLength(0);
  });

  it("does not hold the next calls: they ask the provider again", async () => {
    server.script(json(200, page));
    let calls = 0;
    const c = client(() => (++calls === 1 ? never() : "fresh-token"), { timeout: 200 });
    const first = await search(c);
    expect(first.error).toBeInstanceOf(TokenProviderError);
    const [second, third] = await Promise.all([search(c), search(c)]);
    expect(second.error).toBeUndefined();
    expect(third.error).toBeUndefined();
    expect(calls).toBe(3); // each attempt asks; a synchronous answer is not shared
    expect(server.seen.map((request) => request.headers.authorization)).toEqual(["Bearer fresh-token", "Bearer fresh-token"]);
  });
});

describe("a token provider that fails", () => {
  it("is a TokenProviderError, not a ConnectionError, and is not retried: 20 concurrent calls ask it once", async () => {
    server.script(json(200, page));
    let calls = 0;
    const c = client(
      () =>
        new Promise<string>((_, reject) => {
          calls++;
          setTimeout(() => reject(new Error("vault unreachable")), 20);
        }),
      { maxRetries: 3 },
    );
    const results = await Promise.all(Array.from({ length: 20 }, () => search(c)));
    for (const { error } of results) {
      expect(error).toBeInstanceOf(TokenProviderError);
      expect(error).not.toBeInstanceOf(ConnectionError);
      expect((error as TokenProviderError).message).toContain("vault unreachable");
      expect((error as TokenProviderError).attempts).toBe(1);
      expect((error as TokenProviderError).cause).toBeInstanceOf(Error);
    }
    expect(calls).toBe(1);
    expect(server.seen).toHaveLength(0);
  });

  it("that throws synchronously, or returns no token, is a TokenProviderError too", async () => {
    server.script(json(200, page));
    for (const provider of [
      () => {
        throw new Error("no credentials file");
      },
      () => "" as string,
      () => undefined as unknown as string,
    ]) {
      const { error } = await search(client(provider));
      expect(error).toBeInstanceOf(TokenProviderError);
    }
    expect(server.seen).toHaveLength(0);
  });

  it("is reported with the previous token redacted, should its message carry it", async () => {
    server.script(json(401, { message: "expired" }), json(200, page));
    const old = "old-token-0123456789";
    let calls = 0;
    const c = client(() => {
      if (++calls === 1) return old;
      throw new Error(`cannot refresh ${old}`);
    });
    const { error } = await search(c);
    expect(error).toBeInstanceOf(TokenProviderError);
    expect((error as Error).message).toContain("cannot refresh [redacted]");
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(old);
    expect(server.seen).toHaveLength(1); // the 401, then the refresh failed: nothing more was sent
  });
});
