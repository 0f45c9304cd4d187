// `@conversations-api/fleet/redis`: the Redis stores that let a fleet of workers share a budget,
// tokens and seen webhook ids. Pass an ioredis client; see the README for its options.
export { redisBudgetStore, type RedisBudgetStoreOptions } from "./budget-store.js";
export { redisRefreshLock, type RedisRefreshLockOptions } from "./refresh-lock.js";
export { redisReplayStore, type RedisReplayStoreOptions } from "./replay-store.js";
export { redisTokenStore, type RedisTokenStoreOptions } from "./token-store.js";
