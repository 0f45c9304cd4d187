// Where a budget keeps its counters. Both stores are rate-limiter-flexible limiters, which have one
// API in memory and on Redis: the in-process store (the default, no Redis) and the Redis store of
// `@conversations-api/fleet/redis`, shared by every worker of the fleet.
import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";
import type { Logger } from "../logger.js";

/** The part of a rate-limiter-flexible limiter a budget uses. */
export interface BudgetLimiter {
  /** Resolves when the points were free; rejects with a RateLimiterRes (`msBeforeNext`) when they were not. */
  consume(key: string, points: number): Promise<RateLimiterRes>;
  /** The key's counter, or null when it has none (or it expired). */
  get(key: string): Promise<RateLimiterRes | null>;
  /** Blocks the key for `seconds` (more than its points are counted as consumed). */
  block(key: string, seconds: number): Promise<RateLimiterRes>;
  /** Gives consumed points back: a reserved slot whose caller gave up before it started. */
  reward(key: string, points: number): Promise<RateLimiterRes>;
}

export interface BudgetLimiterOptions {
  /** Distinguishes the budget's limiters (slots, pauses) inside one store. */
  name: string;
  /** Points per window. */
  points: number;
  /** Window length in whole seconds (at least 1: rate-limiter-flexible's Redis store counts seconds). */
  durationSec: number;
  /** The budget's logger, for a store that has something to say (Redis went away, came back). */
  logger: Logger;
}

export interface BudgetStore {
  createLimiter(options: BudgetLimiterOptions): BudgetLimiter;
}

/** Counters in this process only: the default, and what the Redis store falls back to. */
export function memoryBudgetStore(): BudgetStore {
  return {
    createLimiter: ({ name, points, durationSec }) =>
      new RateLimiterMemory({ keyPrefix: name, points, duration: durationSec }),
  };
}
