// Fleet tokens on a real Redis, with workers in separate processes: racing workers cause exactly
// one refresh and all read its result; a worker killed while holding the refresh lock delays the
// others only until the lock expires.
import { startRedis } from "@test/support/redis";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFleetTokens, type TokenRecord } from "../src/index.js";
import { redisRefreshLock, redisTokenStore } from "../src/redis/index.js";
import { startTokenEndpoint, type TokenEndpoint } from "./support/token-endpoint.js";
import { useRedis } from "./support/redis-client.js";
import { startTogether, startWorker } from "./support/workers.js";

type Outcome = { token?: string; waitedMs?: number; error?: { name: string; code: string; message: string } };

const redis = useRedis();
let endpoint: TokenEndpoint;
beforeEach(async () => {
  await redis.client.flushall();
  endpoint = await startTokenEndpoint("refresh-0");
  // An install whose access token has expired: the next worker to ask must refresh.
  const expired: TokenRecord = { accessToken: "access-0", refreshToken: "refresh-0", expiresAt: Date.now() - 1_000, userType: "Location" };
  await redisTokenStore(redis.client).write("loc-1", expired);
});
afterEach(() => endpoint.close());

describe("workers racing to refresh one location", () => {
  it("cause exactly one refresh; every worker gets its token, and the rotated refresh token is stored", async () => {
    endpoint.delayMs = 300; // a slow endpoint keeps the race open
    const startAt = startTogether(2_000);
    const workers = Array.from({ length: 4 }, () => startWorker<Outcome>("token-worker", { redisUrl: redis.url, tokenUrl: endpoint.url, key: "loc-1", startAt, options: { pollMs: 50 } }));
    const outcomes = await Promise.all(workers.map((worker) => worker.result));

    expect(outcomes).toEqual(Array.from({ length: 4 }, () => expect.objectContaining({ token: "access-1" })));
    expect(endpoint.requests).toHaveLength(1);
    expect(await redisTokenStore(redis.client).read("loc-1")).toMatchObject({ accessToken: "access-1", refreshToken: "refresh-1" });
  });
});

describe("a worker killed while holding the refresh lock", () => {
  it("holds the others back only until the lock expires; then one of them refreshes", async () => {
    endpoint.mode = "hang"; // the first refresh never gets an answer
    const options = { lockTtlMs: 2_000, requestTimeoutMs: 1_500, waitForRefreshMs: 10_000, pollMs: 50 };
    const holder = startWorker<Outcome>("token-worker", { redisUrl: redis.url, tokenUrl: endpoint.url, key: "loc-1", startAt: Date.now(), options });
    holder.result.catch(() => {}); // it is killed: no outcome
    for (let i = 0; i < 200 && endpoint.requests.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(endpoint.requests).toHaveLength(1); // it holds the lock and is refreshing
    const lockedAt = Date.now();
    process.kill(holder.child.pid!, "SIGKILL");
    endpoint.mode = "ok";

    const other = await startWorker<Outcome>("token-worker", { redisUrl: redis.url, tokenUrl: endpoint.url, key: "loc-1", startAt: Date.now(), options }).result;
    expect(other).toMatchObject({ token: "access-1" });
    expect(Date.now() - lockedAt).toBeGreaterThanOrEqual(1_500); // it waited for the dead holder's lock to expire
    expect(endpoint.requests).toHaveLength(2);
    expect(await redis.client.keys("conversations-api:refresh-lock:*")).toEqual([]); // released after the refresh
  });
});

describe("Redis down", () => {
  it("keeps handing out a token that still works, and fails a refused one with store_unavailable", async () => {
    const own = await startRedis();
    const ownClient = new Redis(own.url, { maxRetriesPerRequest: 1 });
    ownClient.on("error", () => {}); // reconnection errors are expected here
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (line: string) => warnings.push(line), error: (line: string) => warnings.push(line) };
    try {
      const tokens = createFleetTokens({
        clientId: "client-id",
        clientSecret: "client-secret",
        tokenUrl: endpoint.url,
        store: redisTokenStore(ownClient),
        lock: redisRefreshLock(ownClient),
        refreshBeforeMs: 60 * 60_000, // every call would like an early refresh
        logger,
      });
      await tokens.save("loc-1", { access_token: "access-0", refresh_token: "refresh-0", expires_in: 1_800, userId: "user-1" });
      endpoint.mode = "server_error"; // the early refresh fails while Redis is up...
      const provider = tokens.provider("loc-1");
      expect(await provider()).toBe("access-0");
      await own.kill(); // ...and then Redis goes away
      expect(await provider()).toBe("access-0");
      expect(warnings.join("\n")).toContain("using the current token of loc-1");
      await expect(Promise.resolve(provider("access-0"))).rejects.toMatchObject({ name: "TokenRefreshError", code: "store_unavailable" });
      expect(endpoint.requests).toHaveLength(1);
    } finally {
      ownClient.disconnect();
      await own.stop();
    }
  });
});
