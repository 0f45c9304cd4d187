// The vendor's rate limits, per location: a burst window (100 requests per 10 s) and a daily quota
// (200,000 per UTC day), with the X-RateLimit-* headers on every answer (the five the vendor
// documents, and X-RateLimit-Daily-Reset, the milliseconds until the daily quota resets, which the
// API sends too) and 429 + Retry-After past either. Fixed windows on the fake's clock, so a test can step through them.
import type { Clock } from "../clock.js";

export interface RateLimitOptions {
  /** Requests per burst window; 100. */
  max?: number;
  /** The burst window; 10 000 ms. */
  intervalMs?: number;
  /** Requests per UTC day; 200 000. */
  daily?: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RateLimiter {
  /** Counts a request of `key`, unless it is over a limit. */
  take(key: string): RateLimitDecision;
  /** What a 429 for `key` would say, without counting (a Prefer- or fault-made 429). */
  exhausted(key: string, retryAfterSeconds?: number): Record<string, string>;
  reset(): void;
}

export function createRateLimiter(options: RateLimitOptions, clock: Clock): RateLimiter {
  const max = options.max ?? 100;
  const intervalMs = options.intervalMs ?? 10_000;
  const daily = options.daily ?? 200_000;
  for (const [name, value] of Object.entries({ max, intervalMs, daily })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`rateLimit.${name} must be a whole number above 0, not ${value}`);
  }
  const windows = new Map<string, { start: number; count: number; day: number; dailyCount: number }>();

  function windowOf(key: string, now: number) {
    let window = windows.get(key);
    const day = Math.floor(now / DAY_MS);
    if (!window) windows.set(key, (window = { start: now, count: 0, day, dailyCount: 0 }));
    if (now - window.start >= intervalMs) Object.assign(window, { start: now, count: 0 });
    if (day !== window.day) Object.assign(window, { day, dailyCount: 0 });
    return window;
  }

  const headers = (count: number, dailyCount: number, now: number) => ({
    "X-RateLimit-Limit-Daily": String(daily),
    "X-RateLimit-Daily-Remaining": String(Math.max(0, daily - dailyCount)),
    "X-RateLimit-Daily-Reset": String((Math.floor(now / DAY_MS) + 1) * DAY_MS - now),
    "X-RateLimit-Interval-Milliseconds": String(intervalMs),
    "X-RateLimit-Max": String(max),
    "X-RateLimit-Remaining": String(Math.max(0, max - count)),
  });

  return {
    take(key) {
      const now = clock.now();
      const window = windowOf(key, now);
      if (window.dailyCount >= daily) {
        const untilMidnight = (window.day + 1) * DAY_MS - now;
        return { allowed: false, headers: { ...headers(window.count, window.dailyCount, now), "Retry-After": String(Math.ceil(untilMidnight / 1000)) } };
      }
      if (window.count >= max) {
        const untilNextWindow = window.start + intervalMs - now;
        return { allowed: false, headers: { ...headers(window.count, window.dailyCount, now), "Retry-After": String(Math.max(1, Math.ceil(untilNextWindow / 1000))) } };
      }
      window.count += 1;
      window.dailyCount += 1;
      return { allowed: true, headers: headers(window.count, window.dailyCount, now) };
    },
    exhausted(key, retryAfterSeconds = Math.ceil(intervalMs / 1000)) {
      const now = clock.now();
      const window = windowOf(key, now);
      return { ...headers(max, window.dailyCount, now), "Retry-After": String(retryAfterSeconds) };
    },
    reset() {
      windows.clear();
    },
  };
}
