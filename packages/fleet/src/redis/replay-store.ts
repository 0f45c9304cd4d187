// Seen webhook ids on Redis, shared by every worker: the replay store of
// `@conversations-api/webhooks` for a fleet. `claim` is `SET id 1 NX PXAT expiresAt`: it records
// an id and says whether it was new in one atomic step, and Redis forgets it at `expiresAt`.
// `release` (DEL) forgets it at once, so that the redelivery of an event whose handler failed is
// accepted. When Redis does not answer, both reject: the receiver answers 5xx and the delivery
// comes again, rather than accept what it cannot check. In one process, the webhooks package's
// MemoryReplayStore (its default) does the same without Redis.
import type { ReplayStore } from "@conversations-api/webhooks";
import type { Redis } from "ioredis";

export interface RedisReplayStoreOptions {
  /** Default `conversations-api:webhook`. */
  keyPrefix?: string;
}

export function redisReplayStore(redis: Redis, { keyPrefix = "conversations-api:webhook" }: RedisReplayStoreOptions = {}): ReplayStore {
  const keyOf = (webhookId: string) => {
    if (typeof webhookId !== "string" || webhookId === "") throw new TypeError(`a webhookId must be a non-empty string, got ${JSON.stringify(webhookId)}`);
    return `${keyPrefix}:${webhookId}`;
  };
  return {
    async claim(webhookId, expiresAt) {
      const key = keyOf(webhookId);
      if (!Number.isFinite(expiresAt)) throw new RangeError(`expiresAt must be a time in epoch milliseconds, got ${expiresAt}`);
      // PXAT takes a positive whole number; a time already past records nothing (as in memory).
      return (await redis.set(key, "1", "PXAT", Math.max(1, Math.ceil(expiresAt)), "NX")) === "OK";
    },
    async release(webhookId) {
      await redis.del(keyOf(webhookId));
    },
  };
}
