// Seen webhook ids on Redis, shared by every worker: `SET id 1 NX PX ttl` records an id and says
// whether it was new in one atomic step, and Redis forgets it after the ttl. When Redis does not
// answer, `markIfNew` rejects: the verifier should answer 5xx so that the delivery comes again,
// rather than accept what it cannot check.
import type { Redis } from "ioredis";
import type { ReplayStore } from "../webhooks/replay-store.js";

export interface RedisReplayStoreOptions {
  /** Default `conversations-api:webhook`. */
  keyPrefix?: string;
}

export function redisReplayStore(redis: Redis, { keyPrefix = "conversations-api:webhook" }: RedisReplayStoreOptions = {}): ReplayStore {
  return {
    async markIfNew(id, ttlMs) {
      if (!(ttlMs >= 1)) throw new RangeError(`ttlMs must be at least 1, got ${ttlMs}`);
      return (await redis.set(`${keyPrefix}:${id}`, "1", "PX", Math.ceil(ttlMs), "NX")) === "OK";
    },
  };
}
