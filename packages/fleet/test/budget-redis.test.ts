// The rate-limit budget on a real Redis: workers in separate processes share one key's pace, and
// a Redis that dies mid-run leaves them paced in process, logged once, with nothing lost.
import { startRedis, type RunningRedis } from "@test/support/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimitBudget, type Logger } from "../src/index.js";
import { redisBudgetStore } from "../src/redis/index.js";
import { busiestWindow, startLimitedApi, type LimitedApi } from "./support/limited-api.js";
import { useRedis } from "./support/redis-client.js";
import { startEarlyInSlot } from "./support/slots.js";
import { startTogether, startWorker } from "./support/workers.js";

describe("two worker processes sharing one key on Redis", () => {
  let redis: RunningRedis;
  let api: LimitedApi;
  beforeAll(async () => {
    redis = await startRedis();
    api = await startLimitedApi({ max: 20, intervalMs: 1_000 });
  });
  afterAll(async () => {
    await api?.close();
    await redis?.stop();
  });

  it("stay within the share together: no window holds much more than the share, and no 429", async () => {
    type Outcome = { statuses: Record<string, number>; sentAt: number[]; warnings: string[] };
    const input = { redisUrl: redis.url, url: api.url, key: "loc-1", share: 0.5, limit: { max: 20, intervalMs: 1_000 }, durationMs: 3_000 };
    const startAt = startTogether();
    const results = await Promise.all([startWorker<Outcome>("budget-worker", { ...input, startAt }).result, startWorker<Outcome>("budget-worker", { ...input, startAt }).result]);

    const arrivals = api.arrivals.get("loc-1") ?? [];
    const sent = results.flatMap((result) => result.sentAt);
    const seen = `busiest second: ${busiestWindow(sent, 1_000)} sent, ${busiestWindow(arrivals, 1_000)} arrived; ${arrivals.length} calls; worker warnings: ${results.flatMap((r) => r.warnings).join(" | ") || "none"}`;
    // The share is 10 per second; each worker alone would send 10 per second, unshared they send 20.
    // Sent in their slots, a second holds at most 11 (10 + the burst of 1); a process descheduled
    // between its slot and its send (a machine loaded far past its cores) can add one or two more.
    expect(busiestWindow(arrivals, 1_000), seen).toBeLessThanOrEqual(13);
    expect(api.rejected, seen).toBe(0);
    // ...and the budget is used, not starved: about 30 calls in 3 s, counted loosely for a loaded machine.
    expect(arrivals.length, seen).toBeGreaterThanOrEqual(20);
    expect(results.every((result) => result.statuses["200"]! > 0)).toBe(true);
  });
});

describe("Redis killed mid-run", () => {
  it("carries on with the in-process budget, logs it once, and rejects nothing", async () => {
    const redis = await startRedis();
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    client.on("error", () => {}); // reconnection errors are expected here; ioredis would print them
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) };
    const budget = createRateLimitBudget({ store: redisBudgetStore(client), share: 1, limit: { max: 20, intervalMs: 1_000 }, logger });
    try {
      await client.ping();
      const granted: number[] = [];
      const until = Date.now() + 2_000;
      let killed = false;
      while (Date.now() < until) {
        await budget.acquire("loc-1");
        granted.push(Date.now());
        if (!killed && granted.length === 10) {
          await redis.kill();
          killed = true;
        }
      }
      expect(killed).toBe(true);
      // Paced all along (20 per second, plus jitter on a loaded machine), before and after the kill;
      // unpaced, this loop makes hundreds of calls a second.
      expect(granted.length).toBeGreaterThanOrEqual(25);
      expect(busiestWindow(granted, 1_000)).toBeLessThanOrEqual(23);
      expect(warnings.filter((line) => line.includes("Redis does not answer"))).toHaveLength(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      client.disconnect();
      await redis.stop();
    }
  });
});

describe("Redis that stops answering (SIGSTOP) and comes back (SIGCONT)", () => {
  it("costs one timeout, not one per call, paces in process meanwhile, and shares again once Redis answers", async () => {
    const redis = await startRedis();
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    client.on("error", () => {});
    const lines: string[] = [];
    const logger: Logger = { debug() {}, info: (line) => lines.push(line), warn: (line) => lines.push(line), error: (line) => lines.push(line) };
    const budget = createRateLimitBudget({
      store: redisBudgetStore(client, { timeoutMs: 300, probeAfterMs: 500 }),
      share: 1,
      limit: { max: 20, intervalMs: 1_000 },
      logger,
    });
    try {
      await client.ping();
      const waits: number[] = [];
      let stoppedAt = 0;
      let grantedWhileStopped = 0;
      const until = Date.now() + 3_000;
      while (Date.now() < until) {
        const started = Date.now();
        await budget.acquire("loc-1");
        waits.push(Date.now() - started);
        if (stoppedAt > 0) grantedWhileStopped++;
        if (!stoppedAt && waits.length === 10) {
          process.kill(redis.pid, "SIGSTOP");
          stoppedAt = Date.now();
        }
        if (stoppedAt > 0 && Date.now() - stoppedAt > 1_500) {
          process.kill(redis.pid, "SIGCONT");
          stoppedAt = -1;
        }
      }
      const seen = `waits: ${waits.join(",")}\nlog: ${lines.join(" | ")}`;
      expect(stoppedAt, seen).toBe(-1);
      expect(lines.filter((line) => line.includes("Redis does not answer")), seen).toHaveLength(1);
      expect(lines.filter((line) => line.includes("Redis answers again")), seen).toHaveLength(1);
      // Redis is asked again only every probeAfterMs, so calls go on at about 20 per second while it
      // hangs; asking it on every call would cost two timeouts (600 ms) per call: 2 or 3 calls.
      expect(grantedWhileStopped, seen).toBeGreaterThanOrEqual(10);
      expect(waits.length, seen).toBeGreaterThanOrEqual(30); // 20 per second for 3 s, minus the stall
    } finally {
      process.kill(redis.pid, "SIGCONT");
      client.disconnect();
      await redis.stop();
    }
  });
});

describe("a reserved slot given up", () => {
  const redis = useRedis();

  for (const where of ["in process", "on Redis"] as const) {
    it(`goes back to the caller after it (${where}): an abort before the slot starts costs no slot`, async () => {
      const slotMs = 1_000;
      const store = where === "on Redis" ? redisBudgetStore(redis.client, { keyPrefix: `given-up-${Date.now()}` }) : undefined;
      const budget = createRateLimitBudget({ share: 1, limit: { max: 1, intervalMs: slotMs }, ...(store && { store }) });
      await startEarlyInSlot(slotMs, slotMs); // just after slot k starts
      await budget.acquire("loc-1"); // takes slot k
      const nextSlot = (Math.floor(Date.now() / slotMs) + 1) * slotMs;
      const giveUp = new AbortController();
      const b = budget.acquire("loc-1", giveUp.signal); // reserves slot k + 1
      const c = budget.acquire("loc-1").then(() => Date.now()); // waits for its turn behind B
      await new Promise((resolve) => setTimeout(resolve, 100));
      giveUp.abort(new Error("B gave up"));
      await expect(b).rejects.toThrow("B gave up");
      // C sends in slot k + 1, the one B gave back; without that, in slot k + 2, a second later.
      const cAt = await c;
      expect(cAt - nextSlot, `C went ${cAt - nextSlot} ms after slot k + 1 started`).toBeLessThan(500);
    });
  }
});
