// The refresh lock on Redis: `SET key owner NX PX ttl` takes it, and only its owner frees it.
// Freeing must compare and delete in one step (the lock may have expired and been taken by another
// worker in between), which neither ioredis nor Redis 7.0 offers as a command (Redis 8.4's
// `DELEX ... IFEQ` does): so the release is the one-line script that Redis documents for this
// under SET, the only Lua of this package.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { RefreshLock } from "../tokens/refresh-lock.js";

export interface RedisRefreshLockOptions {
  /** Default `conversations-api:refresh-lock`. */
  keyPrefix?: string;
}

const RELEASE_IF_OWNER = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export function redisRefreshLock(redis: Redis, { keyPrefix = "conversations-api:refresh-lock" }: RedisRefreshLockOptions = {}): RefreshLock {
  return {
    async acquire(key, ttlMs) {
      const name = `${keyPrefix}:${key}`;
      const owner = randomUUID();
      const taken = await redis.set(name, owner, "PX", Math.ceil(ttlMs), "NX");
      if (taken !== "OK") return undefined;
      return {
        async release() {
          await redis.eval(RELEASE_IF_OWNER, 1, name, owner);
        },
      };
    },
  };
}
