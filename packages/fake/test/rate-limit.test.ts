// The vendor's limits per location: the X-RateLimit-* headers on every answer, 429 with
// Retry-After past the burst window or the daily quota, a fresh window when the clock moves on,
// and the client waiting out the 429 as the headers ask.
import { describe, expect, it } from "vitest";
import { createFake, manualClock } from "../src/index.js";
import { specCheckedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";
import type { Fake } from "../src/index.js";

const query = { locationId: "north" };
let fake: Fake;
const fetch = specCheckedFetch(() => fake);

describe("the burst window", () => {
  it("by default allows 100 requests per 10 s and says so in the headers, with the milliseconds until the daily quota resets", async () => {
    fake = createFake({ clock: manualClock("2026-03-01T18:00:00.000Z") });
    const { response } = await clientOf(fetch).GET("/conversations/search", { params: { query } });
    expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("x-ratelimit")))).toEqual({
      "x-ratelimit-limit-daily": "200000",
      "x-ratelimit-daily-remaining": "199999",
      "x-ratelimit-daily-reset": String(6 * 3_600_000), // to the next UTC midnight
      "x-ratelimit-interval-milliseconds": "10000",
      "x-ratelimit-max": "100",
      "x-ratelimit-remaining": "99",
    });
  });

  it("answers 429 with Retry-After past the limit, and lets requests through in the next window", async () => {
    const clock = manualClock();
    fake = createFake({ clock, rateLimit: { max: 20, intervalMs: 1000 } });
    const client = clientOf(fetch);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await client.GET("/conversations/search", { params: { query } })).response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
    const limited = await client.GET("/conversations/search", { params: { query } });
    expect(limited.error).toEqual({ statusCode: 429, message: "Too many requests", error: "Too Many Requests", traceId: expect.any(String) });
    expect(limited.response.headers.get("retry-after")).toBe("1");
    expect(limited.response.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(client.rateLimit?.remaining).toBe(0);
    clock.advance(1000);
    expect((await client.GET("/conversations/search", { params: { query } })).response.status).toBe(200);
  });

  it("counts per location: one location's storm does not limit another's token", async () => {
    fake = createFake({ clock: manualClock(), rateLimit: { max: 2, intervalMs: 60_000 }, tokens: { a: { locationId: "north" }, b: { locationId: "south" } } });
    const a = clientOf(fetch, { token: "a" });
    const b = clientOf(fetch, { token: "b" });
    for (let i = 0; i < 2; i++) await a.GET("/conversations/search", { params: { query } });
    expect((await a.GET("/conversations/search", { params: { query } })).response.status).toBe(429);
    expect((await b.GET("/conversations/search", { params: { query: { locationId: "south" } } })).response.status).toBe(200);
  });

  it("the client waits for Retry-After and gets through the 429", async () => {
    fake = createFake({ rateLimit: { max: 3, intervalMs: 1000 } });
    const client = clientOf(fetch, { maxRetries: 3, backoff: { initialDelayMs: 10, maxDelayMs: 5000 } });
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.GET("/conversations/search", { params: { query } })).response.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe("the daily quota", () => {
  it("refuses the request past it until the next UTC day, with Retry-After counting to midnight", async () => {
    const clock = manualClock("2026-03-01T23:59:00.000Z");
    fake = createFake({ clock, rateLimit: { daily: 3 } });
    const client = clientOf(fetch);
    for (let i = 0; i < 3; i++) clock.advance(10_000), await client.GET("/conversations/search", { params: { query } });
    clock.advance(10_000);
    const refused = await client.GET("/conversations/search", { params: { query } });
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get("x-ratelimit-daily-remaining")).toBe("0");
    expect(refused.response.headers.get("retry-after")).toBe("20");
    expect(refused.response.headers.get("x-ratelimit-daily-reset")).toBe("20000");
    clock.set("2026-03-02T00:00:00.000Z");
    expect((await client.GET("/conversations/search", { params: { query } })).response.status).toBe(200);
  });
});
