// What a response says about the rate limits: the API's `X-RateLimit-*` headers (100 requests per
// 10 s and 200,000 a day per app and location) and a 429's `Retry-After`.
// Same reading as the client's core/rate-limit.ts; at merge, one of the two should import the other.

export interface RateLimitHeaders {
  /** `X-RateLimit-Max`: requests allowed per interval. */
  max: number | undefined;
  /** `X-RateLimit-Interval-Milliseconds`: the interval's length. */
  intervalMs: number | undefined;
  /** `X-RateLimit-Remaining`: requests left in the current interval. */
  remaining: number | undefined;
  /** `X-RateLimit-Limit-Daily`. */
  dailyLimit: number | undefined;
  /** `X-RateLimit-Daily-Remaining`. */
  dailyRemaining: number | undefined;
  /** `Retry-After` (delay-seconds or an HTTP date) in ms from now. */
  retryAfterMs: number | undefined;
}

const toNumber = (value: string | null) => (value?.trim() && Number.isFinite(+value) ? +value : undefined);

/** RFC 9110 §10.2.3: delay-seconds or an HTTP date; a date in the past means now. */
function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const seconds = toNumber(value);
  const ms = seconds === undefined ? Date.parse(value) - now : seconds * 1000;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

export function readRateLimitHeaders(headers: Headers, now = Date.now()): RateLimitHeaders {
  return {
    max: toNumber(headers.get("x-ratelimit-max")),
    intervalMs: toNumber(headers.get("x-ratelimit-interval-milliseconds")),
    remaining: toNumber(headers.get("x-ratelimit-remaining")),
    dailyLimit: toNumber(headers.get("x-ratelimit-limit-daily")),
    dailyRemaining: toNumber(headers.get("x-ratelimit-daily-remaining")),
    retryAfterMs: parseRetryAfter(headers.get("retry-after"), now),
  };
}
