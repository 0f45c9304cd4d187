// Rate-limit headers become a typed object on results, errors and the client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../src/core/rate-limit.js";
import { retryDelay } from "../../src/core/retry.js";
// parseRateLimit is public: @conversations-api/fleet's budget reads the headers through it.
import { createConversationsClient, parseRateLimit, RateLimitError } from "../../src/index.js";
import { conversation, json, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const headers = {
  "X-RateLimit-Limit-Daily": "200000",
  "X-RateLimit-Daily-Remaining": "199990",
  "X-RateLimit-Interval-Milliseconds": "10000",
  "X-RateLimit-Max": "100",
  "X-RateLimit-Remaining": "42",
};

describe("rate-limit headers", () => {
  it("are parsed onto the result and remembered by the client", async () => {
    server.script(json(200, { conversations: [conversation("c1")], total: 1 }, headers));
    const client = createConversationsClient({ token: "t0ken", baseUrl: server.url });
    expect(client.rateLimit).toBeUndefined();
    const { rateLimit } = await client.GET("/conversations/search", { params: { query: { locationId: "l" } } });
    expect(rateLimit).toEqual({
      dailyLimit: 200000,
      dailyRemaining: 199990,
      dailyResetMs: undefined,
      intervalMs: 10000,
      max: 100,
      remaining: 42,
      retryAfterMs: undefined,
      resetAt: undefined,
    });
    expect(client.rateLimit).toEqual(rateLimit);
  });

  it("are on a RateLimitError, with its reset time", async () => {
    server.script(json(429, { message: "Too many requests" }, { ...headers, "X-RateLimit-Remaining": "0", "Retry-After": "120" }));
    const client = createConversationsClient({ token: "t0ken", baseUrl: server.url, backoff: { maxDelayMs: 1_000 } });
    const before = Date.now();
    const failure = (await client
      .unwrap(client.GET("/conversations/search", { params: { query: { locationId: "l" } } }))
      .catch((error: unknown) => error)) as RateLimitError;
    expect(failure).toBeInstanceOf(RateLimitError);
    expect(failure.message).toContain("Too many requests");
    expect(failure.rateLimit).toMatchObject({ remaining: 0, max: 100, retryAfterMs: 120_000 });
    expect(failure.resetAt!.getTime() - before).toBeGreaterThanOrEqual(119_000);
  });

  it("read X-RateLimit-Daily-Reset, the milliseconds until the daily quota resets (undocumented, sent by the API)", () => {
    const rateLimit = parseRateLimit(new Headers({ ...headers, "X-RateLimit-Daily-Reset": "2080000" }));
    expect(rateLimit?.dailyResetMs).toBe(2_080_000);
    expect(parseRateLimit(new Headers({ "x-ratelimit-daily-reset": "5000" }))).toMatchObject({ dailyResetMs: 5_000 });
  });

  it("are undefined when a response has none", () => {
    expect(parseRateLimit(new Headers({ "Content-Type": "application/json" }))).toBeUndefined();
  });

  it("ignore values that are not numbers", () => {
    expect(parseRateLimit(new Headers({ "X-RateLimit-Remaining": "lots" }))).toBeUndefined();
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads seconds", () => expect(parseRetryAfter("3", now)).toBe(3000));
  it("reads an HTTP date", () => expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000));
  it("treats a date in the past as now", () => expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0));
  it("ignores garbage", () => expect(parseRetryAfter("soon", now)).toBeUndefined());
  it("ignores what RFC 9110 does not allow: negative or fractional seconds", () => {
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("1.5", now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
  it("ignores a wait of more than a day, in seconds or as a date", () => {
    expect(parseRetryAfter("86400", now)).toBe(86_400_000);
    expect(parseRetryAfter("86401", now)).toBeUndefined();
    expect(parseRetryAfter("Fri, 01 Jan 2999 00:00:00 GMT", now)).toBeUndefined();
  });
  it("leaves resetAt undefined when it ignores the header", () => {
    expect(parseRateLimit(new Headers({ "Retry-After": "-5" }))).toBeUndefined();
  });
});

describe("the backoff", () => {
  it("doubles with jitter between half and the full step, up to the cap", () => {
    for (let retry = 0; retry < 6; retry++) {
      const step = Math.min(1_000, 100 * 2 ** retry);
      const delay = retryDelay(retry, { initialDelayMs: 100, maxDelayMs: 1_000 })!;
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
    }
  });

  it("does not retry once the daily quota is spent", () => {
    expect(retryDelay(0, {}, { dailyRemaining: 0 })).toBeUndefined();
  });
});
