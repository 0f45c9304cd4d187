// The webhook replay store on Redis, as @conversations-api/webhooks' `replayStore`: two worker
// processes that receive the same signed delivery at the same moment, each running `unwrap`,
// accept it once between them (with an in-memory store each, both accept it: why a fleet shares
// one); a `webhookId` is claimed once until its expiry; a release lets the redelivery of a failed
// delivery in.
import { createServer, type AddressInfo } from "node:net";
import { exampleEvent, generateSigningKeys, signedDelivery, type SignedDelivery, type SigningKeys } from "@conversations-api/webhooks/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisReplayStore } from "../src/redis/index.js";
import { useRedis } from "./support/redis-client.js";
import { startTogether, startWorker } from "./support/workers.js";

const redis = useRedis();

const freshId = () => `wh-${Math.random().toString(36).slice(2)}`;

describe("two worker processes receiving the same signed delivery, each running unwrap", () => {
  type Outcome = { accepted: boolean; type?: string; webhookId?: string; error?: { name: string; message: string } };
  let keys: SigningKeys;
  let delivery: SignedDelivery;
  beforeAll(async () => {
    keys = await generateSigningKeys();
  });
  const receiveTwice = async (store: "redis" | "memory") => {
    delivery = await signedDelivery(exampleEvent("InboundMessage", "sms"), { keys, webhookId: freshId() });
    const input = { redisUrl: redis.url, store, delivery, publicKey: keys.publicKey, startAt: startTogether() };
    return Promise.all([startWorker<Outcome>("replay-worker", input).result, startWorker<Outcome>("replay-worker", input).result]);
  };

  it("with redisReplayStore: exactly one accepts it, the other gets ReplayedWebhookError", async () => {
    const outcomes = await receiveTwice("redis");
    const webhookId = (JSON.parse(delivery.body) as { webhookId: string }).webhookId;
    const seen = JSON.stringify(outcomes);
    expect(outcomes.filter((outcome) => outcome.accepted), seen).toEqual([{ accepted: true, type: "InboundMessage", webhookId }]);
    expect(outcomes.filter((outcome) => !outcome.accepted), seen).toEqual([
      { accepted: false, error: { name: "ReplayedWebhookError", message: expect.stringContaining(webhookId) } },
    ]);
    // Recorded for unwrap's replay window (24 h by default), not forever.
    const ttl = await redis.client.pttl(`conversations-api:webhook:${webhookId}`);
    expect(ttl).toBeGreaterThan(23 * 60 * 60_000);
    expect(ttl).toBeLessThanOrEqual(24 * 60 * 60_000);
  });

  it("with the in-memory store of each process: both accept it (the replay a fleet must not let through)", async () => {
    const outcomes = await receiveTwice("memory");
    expect(outcomes.map((outcome) => outcome.accepted), JSON.stringify(outcomes)).toEqual([true, true]);
  });
});

describe("one store per worker on one Redis", () => {
  const first = () => redisReplayStore(redis.client);
  let second: Redis;
  beforeAll(() => void (second = new Redis(redis.url, { maxRetriesPerRequest: 1 })));
  afterAll(() => second?.disconnect());

  it("keeps an id until exactly the expiry its claim named (PXAT), not for a ttl from when Redis got it", async () => {
    const id = freshId();
    const expiresAt = Date.now() + 60_000;
    expect(await first().claim(id, expiresAt)).toBe(true);
    expect(await redis.client.call("PEXPIRETIME", `conversations-api:webhook:${id}`)).toBe(expiresAt);
  });

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
    expect(await redis.client.exists(`conversations-api:webhook:${past}`)).toBe(0);
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
