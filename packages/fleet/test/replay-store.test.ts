// The webhook replay store: a `webhookId` is accepted once within its ttl, in one process and,
// on Redis, across processes that receive the same delivery at the same moment.
import { createServer, type AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryReplayStore, type ReplayStore } from "../src/index.js";
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

const stores: Array<[string, () => ReplayStore]> = [
  ["in process", memoryReplayStore],
  ["on Redis", () => redisReplayStore(client)],
];

describe.each(stores)("the replay store %s", (_, create) => {
  it("accepts an id once, refuses it again within the ttl, and forgets it after", async () => {
    const store = create();
    const id = `wh-${Math.random()}`;
    expect(await store.markIfNew(id, 300)).toBe(true);
    expect(await store.markIfNew(id, 300)).toBe(false);
    expect(await store.markIfNew(`${id}-other`, 300)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await store.markIfNew(id, 300)).toBe(true);
  });

  it("accepts exactly one of many concurrent deliveries of one id", async () => {
    const store = create();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.markIfNew("wh-concurrent", 10_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe("two worker processes receiving the same delivery", () => {
  it("accept it once between them", async () => {
    const input = { redisUrl: redis.url, id: "wh-fleet-1", ttlMs: 60_000, startAt: startTogether() };
    const outcomes = await Promise.all([startWorker<{ accepted: boolean }>("replay-worker", input).result, startWorker<{ accepted: boolean }>("replay-worker", input).result]);
    expect(outcomes.map((outcome) => outcome.accepted).sort()).toEqual([false, true]);
    expect(await client.pttl("conversations-api:webhook:wh-fleet-1")).toBeGreaterThan(50_000); // it expires
  });

  it("rejects, rather than accepts, when Redis does not answer", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there now
    const dead = new Redis({ port, host: "127.0.0.1", maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on("error", () => {});
    await expect(redisReplayStore(dead).markIfNew("wh-x", 1_000)).rejects.toThrow();
    dead.disconnect();
  });
});
