// The rate-limit budget in one process (the in-process store, no Redis): pacing, pauses after 429
// and `remaining: 0` (the rule's cases: pause-rule.test.ts), the daily quota, limits learned from
// headers, and waits that honour signals.
import { afterEach, describe, expect, it } from "vitest";
import {
  createRateLimitBudget,
  DailyQuotaExhaustedError,
  locationIdOf,
  RateLimitWaitTooLongError,
  type Logger,
} from "../src/index.js";
import { busiestWindow } from "./support/limited-api.js";
import { startScriptedApi, type ScriptedApi } from "./support/scripted-api.js";
import { startEarlyInSlot } from "./support/slots.js";

const send = (request: Request, init?: RequestInit) => globalThis.fetch(request, init);
let api: ScriptedApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

describe("pacing", () => {
  it("spreads a burst of calls so that no window of the interval holds more than the share", async () => {
    const budget = createRateLimitBudget({ share: 0.5, limit: { max: 20, intervalMs: 1_000 } }); // 10 per second
    const started = Date.now();
    const granted: number[] = [];
    await Promise.all(Array.from({ length: 25 }, () => budget.acquire("loc-1").then(() => granted.push(Date.now()))));
    // 10 per window at slot starts; scheduling jitter may add one (two on a very busy machine).
    expect(busiestWindow(granted, 1_000)).toBeLessThanOrEqual(12);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000); // 25 calls at 10/s: slots 0..24
  });

  it("keeps keys apart: one location's pace does not slow another", async () => {
    const budget = createRateLimitBudget({ share: 1, limit: { max: 1, intervalMs: 10_000 } });
    await budget.acquire("loc-1");
    const started = Date.now();
    await budget.acquire("loc-2");
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("paces to the limit a response announces in X-RateLimit-Max and -Interval-Milliseconds", async () => {
    api = await startScriptedApi(() => ({ headers: { "x-ratelimit-max": "2", "x-ratelimit-interval-milliseconds": "1000" } }));
    const fetch = createRateLimitBudget({ share: 1 }).wrapFetch(send, { key: "loc-1" }); // configured 100 per 10 s
    for (let i = 0; i < 7; i++) await fetch(`${api.url}/calls`);
    // Learned from the first answer: 2 per second, one per 500 ms slot. Six calls in six slots span
    // at least four whole slots; at the configured 100 per 10 s they would take 0.6 s.
    const learned = api.arrivals.slice(1);
    expect(learned.at(-1)! - learned[0]!).toBeGreaterThanOrEqual(1_900);
    expect(busiestWindow(learned, 1_000)).toBeLessThanOrEqual(3);
  });

  it("reserves the next slot when the current one is taken: a caller woken late still uses it, and the slot after is not lost", async () => {
    const slotMs = 1_500;
    const budget = createRateLimitBudget({ share: 1, limit: { max: 1, intervalMs: slotMs } }); // one slot per 1.5 s
    await startEarlyInSlot(slotMs, slotMs); // just after a slot starts
    await budget.acquire("loc-1"); // takes slot k
    const k = Math.floor(Date.now() / slotMs);
    const done: number[] = [];
    const b = budget.acquire("loc-1").then(() => done.push(Date.now())); // reserves k + 1
    const c = budget.acquire("loc-1").then(() => done.push(Date.now())); // waits for its turn behind B
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A busy event loop (a loaded machine) wakes B only in the middle of slot k + 2.
    const wakeAt = (k + 2.5) * slotMs;
    while (Date.now() < wakeAt) continue;
    const woken = Date.now();
    await Promise.all([b, c]);
    // B sends in its reserved slot, C takes slot k + 2 at once. Without the reservation B would take
    // k + 2 on waking and C wait for k + 3, 750 ms later: a slot lost to the late wake-up.
    expect(Math.max(...done) - woken, `B and C ended ${done.map((at) => at - woken).join(" and ")} ms after the wake-up`).toBeLessThan(400);
  });
});

describe("pauses", () => {
  it("after a 429, sends nothing for that key until Retry-After has passed", async () => {
    api = await startScriptedApi((n) => (n === 0 ? { status: 429, headers: { "retry-after": "1" } } : {}));
    const fetch = createRateLimitBudget().wrapFetch(send, { key: "loc-1" });
    expect((await fetch(`${api.url}/calls`)).status).toBe(429);
    expect((await fetch(`${api.url}/calls`)).status).toBe(200);
    expect(api.arrivals[1]! - api.arrivals[0]!).toBeGreaterThanOrEqual(900);
  });

  it("after an `X-RateLimit-Remaining: 0` its pacing cannot explain (others filled the window), waits out the interval", async () => {
    // 96 of 100 per second: the budget's own requests cannot fill a window of the server.
    api = await startScriptedApi((n) => ({
      headers: { "x-ratelimit-remaining": n === 0 ? "0" : "5", "x-ratelimit-max": "100", "x-ratelimit-interval-milliseconds": "1000" },
    }));
    const fetch = createRateLimitBudget().wrapFetch(send, { key: "loc-1" });
    await fetch(`${api.url}/calls`);
    await fetch(`${api.url}/calls`);
    expect(api.arrivals[1]! - api.arrivals[0]!).toBeGreaterThanOrEqual(900);
  });

  it("after an `X-RateLimit-Remaining: 0` its own pacing explains, goes on in the next slot: no pause", async () => {
    // 19 of 20 per second, as the benchmark runs: the 20th request of a server window reads
    // remaining 0 whenever sending jitter lets the window catch one more slot; the window ends by
    // the next slot. Pausing the interval here halved the benchmark's throughput.
    const headers = (remaining: number) => ({ "x-ratelimit-remaining": String(remaining), "x-ratelimit-max": "20", "x-ratelimit-interval-milliseconds": "1000" });
    api = await startScriptedApi((n) => ({ headers: headers(n === 1 ? 0 : 5) }));
    const fetch = createRateLimitBudget({ share: 0.95 }).wrapFetch(send, { key: "loc-1" });
    for (let i = 0; i < 4; i++) await fetch(`${api.url}/calls`);
    const gaps = api.arrivals.slice(1).map((at, i) => at - api!.arrivals[i]!);
    // One slot is 53 ms; a loaded machine can add a few hundred ms; a pause would be 1 000 ms.
    expect(gaps[1], `gaps between calls: ${gaps.join(", ")} ms`).toBeLessThan(500);
  });

  it("stops on a spent daily quota with DailyQuotaExhaustedError, sending nothing", async () => {
    api = await startScriptedApi(() => ({ headers: { "x-ratelimit-daily-remaining": "0", "x-ratelimit-limit-daily": "200000" } }));
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (line) => warnings.push(line), error() {} };
    const fetch = createRateLimitBudget({ dailyPauseMs: 60_000, logger }).wrapFetch(send, { key: "loc-1" });
    expect((await fetch(`${api.url}/calls`)).status).toBe(200);
    const error = await fetch(`${api.url}/calls`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DailyQuotaExhaustedError);
    expect(error).toMatchObject({ key: "loc-1" });
    const retryIn = (error as DailyQuotaExhaustedError).retryAt.getTime() - Date.now();
    expect(retryIn).toBeGreaterThan(50_000);
    expect(retryIn).toBeLessThanOrEqual(61_000);
    expect(api.arrivals).toHaveLength(1);
    expect(warnings.join("\n")).toContain("daily quota of loc-1 is spent");
  });

  it("a spent daily quota with X-RateLimit-Daily-Reset fails fast until the reset it announces, not for dailyPauseMs", async () => {
    // Real responses carry the milliseconds until the daily quota resets: 3 h 20 min here.
    const resetMs = 12_000_000;
    api = await startScriptedApi(() => ({ headers: { "x-ratelimit-daily-remaining": "0", "x-ratelimit-daily-reset": String(resetMs) } }));
    const fetch = createRateLimitBudget({ dailyPauseMs: 60_000 }).wrapFetch(send, { key: "loc-1" });
    await fetch(`${api.url}/calls`);
    const error = await fetch(`${api.url}/calls`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DailyQuotaExhaustedError);
    const retryIn = (error as DailyQuotaExhaustedError).retryAt.getTime() - Date.now();
    expect(retryIn).toBeGreaterThan(resetMs - 10_000);
    expect(retryIn).toBeLessThanOrEqual(resetMs + 1_000);
    expect(api.arrivals).toHaveLength(1);
  });

  it("an X-RateLimit-Daily-Reset that is no plausible wait (0, negative, more than a day) leaves dailyPauseMs in force", async () => {
    for (const reset of ["0", "-5", "86400001", "soon"]) {
      await api?.close();
      api = await startScriptedApi(() => ({ headers: { "x-ratelimit-daily-remaining": "0", "x-ratelimit-daily-reset": reset } }));
      const fetch = createRateLimitBudget({ dailyPauseMs: 60_000 }).wrapFetch(send, { key: "loc-1" });
      await fetch(`${api.url}/calls`);
      const error = await fetch(`${api.url}/calls`).catch((caught: unknown) => caught);
      const retryIn = (error as DailyQuotaExhaustedError).retryAt.getTime() - Date.now();
      expect(retryIn, `X-RateLimit-Daily-Reset: ${reset}`).toBeGreaterThan(50_000);
      expect(retryIn, `X-RateLimit-Daily-Reset: ${reset}`).toBeLessThanOrEqual(61_000);
    }
  });
});

describe("waiting", () => {
  it("rejects an aborted wait at once with the signal's reason, and leaves no timer behind", async () => {
    const budget = createRateLimitBudget({ share: 1, limit: { max: 1, intervalMs: 10_000 } }); // one call per 10 s
    await startEarlyInSlot(10_000, 3_000); // the first caller still waits when it is aborted
    await budget.acquire("loc-1");
    const waiting = new AbortController();
    const queued = new AbortController();
    const first = budget.acquire("loc-1", waiting.signal);
    const second = budget.acquire("loc-1", queued.signal); // queued behind the first
    await new Promise((resolve) => setTimeout(resolve, 100));
    const whileWaiting = timers(); // the first caller's wait for the next slot; the queued one has none
    const started = Date.now();
    queued.abort(new Error("caller left the queue"));
    await expect(second).rejects.toThrow("caller left the queue"); // while the first still waits
    waiting.abort(new Error("caller gave up"));
    await expect(first).rejects.toThrow("caller gave up");
    expect(Date.now() - started).toBeLessThan(200);
    expect(timers()).toBe(whileWaiting - 1);
  });

  it("does not send a request whose signal is already aborted", async () => {
    api = await startScriptedApi();
    const fetch = createRateLimitBudget().wrapFetch(send, { key: "loc-1" });
    const reason = new Error("already aborted");
    await expect(fetch(`${api.url}/calls`, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(api.arrivals).toHaveLength(0);
  });

  it("refuses a wait longer than maxWaitMs with RateLimitWaitTooLongError instead of waiting", async () => {
    const budget = createRateLimitBudget({ share: 1, limit: { max: 1, intervalMs: 10_000 }, maxWaitMs: 1_000 });
    await startEarlyInSlot(10_000, 3_000); // the next slot is more than maxWaitMs away
    await budget.acquire("loc-1");
    const started = Date.now();
    await expect(budget.acquire("loc-1")).rejects.toBeInstanceOf(RateLimitWaitTooLongError);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe("keys and options", () => {
  it("reads a request's locationId from its query or its /locations/{id} path segment", () => {
    const base = "https://services.leadconnectorhq.com";
    expect(locationIdOf(new Request(`${base}/conversations/search?locationId=loc-9`))).toBe("loc-9");
    expect(locationIdOf(new Request(`${base}/conversations/messages/m1/locations/loc-8/recording`))).toBe("loc-8");
    expect(locationIdOf(new Request(`${base}/conversations/c1`))).toBeUndefined();
  });

  it("derives the key from each request when given a function", async () => {
    api = await startScriptedApi();
    const keys: string[] = [];
    const fetch = createRateLimitBudget().wrapFetch(send, {
      key: (request) => {
        const key = locationIdOf(request) ?? "company";
        keys.push(key);
        return key;
      },
    });
    await fetch(`${api.url}/conversations/search?locationId=loc-7`);
    await fetch(`${api.url}/conversations/c1`);
    expect(keys).toEqual(["loc-7", "company"]);
  });

  it("rejects a share outside (0, 1] and a burst that is not a whole number", () => {
    expect(() => createRateLimitBudget({ share: 1.5 })).toThrow(RangeError);
    expect(() => createRateLimitBudget({ share: 0 })).toThrow(RangeError);
    expect(() => createRateLimitBudget({ burst: 0.5 })).toThrow(RangeError);
  });
});
