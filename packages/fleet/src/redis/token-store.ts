// Tokens on Redis: one JSON string per key, without expiry (a refresh token lasts a year). Anyone
// who can read this Redis can read the tokens: give the fleet its own Redis user or database.
import type { Redis } from "ioredis";
import { isTokenRecord, type TokenRecord, type TokenStore } from "../tokens/token-store.js";

export interface RedisTokenStoreOptions {
  /** Default `conversations-api:token`. */
  keyPrefix?: string;
}

export function redisTokenStore(redis: Redis, { keyPrefix = "conversations-api:token" }: RedisTokenStoreOptions = {}): TokenStore {
  return {
    async read(key) {
      const text = await redis.get(`${keyPrefix}:${key}`);
      if (text === null) return undefined;
      const record: unknown = JSON.parse(text);
      if (!isTokenRecord(record)) throw new Error(`the token record of ${key} in Redis is not one this package wrote`);
      return record;
    },
    async write(key, record: TokenRecord) {
      await redis.set(`${keyPrefix}:${key}`, JSON.stringify(record));
    },
  };
}
