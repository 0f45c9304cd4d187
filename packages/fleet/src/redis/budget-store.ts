// The budget's counters on Redis, shared by every worker: rate-limiter-flexible's RateLimiterRedis
// (its own atomic script; none of ours). When Redis does not answer (down, reconnecting, or slower
// than `timeoutMs`), the call is answered by an in-process limiter instead (the library's
// insurance limiter), and so are the calls of the next `probeAfterMs`, so that a hung Redis costs
// one timeout, not one per call; workers carry on paced per process. The budget logs that once per
// outage, and once more when Redis answers again.
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RLWrapperTimeouts, type RateLimiterRes } from "rate-limiter-flexible";
import type { BudgetLimiter, BudgetLimiterOptions, BudgetStore } from "../budget/budget-store.js";

export interface RedisBudgetStoreOptions {
  /** Prefix of every key this store writes. Default `conversations-api:budget`. */
  keyPrefix?: string;
  /** A Redis call slower than this is answered by the in-process limiter. Default 500 ms. */
  timeoutMs?: number;
  /** After Redis did not answer, how long to use the in-process limiter before asking Redis again. Default 1 s. */
  probeAfterMs?: number;
}

// rate-limiter-flexible hands the insurance limiter the caller's own options object: marking it
// tells the caller which store answered, call by call.
type CallOptions = { fallback?: boolean };

class InsuranceLimiter extends RateLimiterMemory {
  override consume(key: string | number, points?: number, options: CallOptions = {}) {
    options.fallback = true;
    return super.consume(key, points, options);
  }
  override get(key: string | number, options: CallOptions = {}) {
    options.fallback = true;
    return super.get(key, options);
  }
  override block(key: string | number, seconds: number, options: CallOptions = {}) {
    options.fallback = true;
    return super.block(key, seconds, options);
  }
  override reward(key: string | number, points?: number, options: CallOptions = {}) {
    options.fallback = true;
    return super.reward(key, points, options);
  }
}

export function redisBudgetStore(redis: Redis, options: RedisBudgetStoreOptions = {}): BudgetStore {
  const { keyPrefix = "conversations-api:budget", timeoutMs = 500, probeAfterMs = 1_000 } = options;
  let degraded = false;
  let localUntil = 0; // until then, calls go straight to the in-process limiter

  return {
    createLimiter({ name, points, durationSec, logger }: BudgetLimiterOptions): BudgetLimiter {
      const settings = { keyPrefix: `${keyPrefix}:${name}`, points, duration: durationSec };
      const insurance = new InsuranceLimiter(settings);
      const shared = new RLWrapperTimeouts({
        limiter: new RateLimiterRedis({ ...settings, storeClient: redis, rejectIfRedisNotReady: true }),
        timeoutMs,
        insuranceLimiter: insurance,
      });

      // Only calls that asked Redis say anything about it.
      const noticed = (call: CallOptions) => {
        if (call.fallback) localUntil = Date.now() + probeAfterMs;
        if (call.fallback && !degraded) {
          degraded = true;
          logger.warn(
            `rate-limit budget: Redis does not answer (${redis.status}); pacing with the in-process budget until it does`,
          );
        } else if (!call.fallback && degraded) {
          degraded = false;
          logger.info("rate-limit budget: Redis answers again; the budget is shared again");
        }
      };
      const run = async <T>(operation: (limiter: RLWrapperTimeouts | InsuranceLimiter, call: CallOptions) => Promise<T>): Promise<T> => {
        const call: CallOptions = {};
        if (Date.now() < localUntil) return operation(insurance, call);
        try {
          return await operation(shared, call);
        } finally {
          noticed(call);
        }
      };

      return {
        consume: (key, pointsToConsume) => run((limiter, call) => limiter.consume(key, pointsToConsume, call)),
        get: (key) => run((limiter, call) => limiter.get(key, call)),
        block: (key, seconds) => run((limiter, call): Promise<RateLimiterRes> => limiter.block(key, seconds, call)),
        reward: (key, points) => run((limiter, call) => limiter.reward(key, points, call)),
      };
    },
  };
}
