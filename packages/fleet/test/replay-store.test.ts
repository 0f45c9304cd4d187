// The webhook replay store on Redis (the shape of @conversations-api/webhooks' ReplayStore): a
// `webhookId` is claimed once until its expiry, across processes that receive the same delivery at
// the same moment; a release lets the redelivery of a failed delivery in.
import { createServer, type AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisReplayStore } from "../src/redis/index.js";
import { startRedis, type RunningRedis } from "./support/redis.js";
import { startTogether, startWorker } from "./support/workers.js";

let redis: RunningRedis;
let client: Redis;
beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

const freshId = () => `wh-${Math.random().toString(36).slice(2)}`;

describe("two worker processes receiving the same delivery", () => {
  it("claim it once between them", async () => {
    const id = freshId();
    const input = { redisUrl: redis.url, id, expiresAt: Date.now() + 60_000, startAt: startTogether() };
    const outcomes = await Promise.all([
      startWorker<{ accepted: boolean }>("replay-worker", input).result,
      startWorker<{ accepted: boolean }>("replay-worker", input).result,
    ]);
    expect(outcomes.map((outcome) => outcome.accepted).sort()).toEqual([false, true]);
    // Kept until exactly the expiry the claim named (PXAT), not for a ttl from when Redis got it.
    expect(await client.call("PEXPIRETIME", `conversations-api:webhook:${id}`)).toBe(input.expiresAt);
  });
});

describe("one store per worker on one Redis", () => {
  const first = () => redisReplayStore(client);
  let second: Redis;
  beforeAll(() => void (second = new Redis(redis.url, { maxRetriesPerRequest: 1 })));
  afterAll(() => second?.disconnect());

  it("accepts exactly one of many concurrent claims of one id", async () => {
    const id = freshId();
    const stores = [first(), redisReplayStore(second)];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.claim(id, Date.now() + 10_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("lets a redelivery in after a release (the handler failed), and only one", async () => {
    const id = freshId();
    const expiresAt = Date.now() + 60_000;
    expect(await first().claim(id, expiresAt)).toBe(true);
    expect(await redisReplayStore(second).claim(id, expiresAt)).toBe(false); // a replay meanwhile
    await first().release(id);
    expect(await redisReplayStore(second).claim(id, expiresAt)).toBe(true); // the redelivery
    expect(await first().claim(id, expiresAt)).toBe(false);
    await first().release(freshId()); // releasing an id never claimed is harmless
  });

  it("forgets an id at its expiry, and a claim whose expiry has passed records nothing", async () => {
    const id = freshId();
    expect(await first().claim(id, Date.now() + 300)).toBe(true);
    expect(await first().claim(id, Date.now() + 300)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await first().claim(id, Date.now() + 60_000)).toBe(true);

    const past = freshId();
    expect(await first().claim(past, Date.now() - 1_000)).toBe(true);
    expect(await client.exists(`conversations-api:webhook:${past}`)).toBe(0);
  });

  it("refuses bad input with a clear error, sending nothing", async () => {
    await expect(first().claim("", Date.now() + 1_000)).rejects.toThrow(TypeError);
    await expect(first().claim(freshId(), Number.NaN)).rejects.toThrow(/expiresAt must be a time in epoch milliseconds/);
  });
});

describe("Redis that does not answer", () => {
  it("makes claim and release reject, rather than accept a delivery it cannot check", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there now
    const dead = new Redis({ port, host: "127.0.0.1", maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on("error", () => {});
    await expect(redisReplayStore(dead).claim("wh-x", Date.now() + 1_000)).rejects.toThrow();
    await expect(redisReplayStore(dead).release("wh-x")).rejects.toThrow();
    dead.disconnect();
  });
});
