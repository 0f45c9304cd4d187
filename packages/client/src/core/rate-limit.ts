// The API's rate-limit headers (100 requests per 10 s and 200,000 a day per location), parsed
// into one typed object that results and errors carry, and that the retry policy reads.

/** What the last response said about the rate limits. Absent headers stay `undefined`. */
export interface RateLimit {
  /** `X-RateLimit-Limit-Daily`: requests allowed per day. */
  dailyLimit: number | undefined;
  /** `X-RateLimit-Daily-Remaining`: requests left today. */
  dailyRemaining: number | undefined;
  /**
   * `X-RateLimit-Daily-Reset`: milliseconds from the response until the daily quota resets. The
   * vendor does not document it; real responses carry it (two of them 34 min 40 s apart differ by
   * exactly 2,080,000).
   */
  dailyResetMs: number | undefined;
  /** `X-RateLimit-Interval-Milliseconds`: the length of the burst window. */
  intervalMs: number | undefined;
  /** `X-RateLimit-Max`: requests allowed per burst window. */
  max: number | undefined;
  /** `X-RateLimit-Remaining`: requests left in the current burst window. */
  remaining: number | undefined;
  /** `Retry-After` (seconds or an HTTP date) in milliseconds from when the response arrived. */
  retryAfterMs: number | undefined;
  /** When the server allows the next request: from `Retry-After`, else undefined. */
  resetAt: Date | undefined;
}

const toNumber = (value: string | null) => (value?.trim() && Number.isFinite(+value) ? +value : undefined);

/** A `Retry-After` further ahead than this is not a plausible wait (the daily quota resets within a day). */
const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * `Retry-After` is delay-seconds (digits only) or an HTTP date (RFC 9110 §10.2.3); a date in the
 * past means now. Anything else (`-5`, `1.5`, garbage, a date more than a day ahead) is undefined,
 * so that the normal backoff applies instead.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim() ?? "";
  const ms = /^\d+$/.test(text) ? +text * 1000 : /[a-z]/i.test(text) ? Math.max(0, Date.parse(text) - now) : NaN;
  return ms <= MAX_RETRY_AFTER_MS ? ms : undefined; // NaN (no header, garbage) is undefined too
}

// Field name -> header name (after "x-ratelimit-").
const HEADERS = {
  dailyLimit: "limit-daily",
  dailyRemaining: "daily-remaining",
  dailyResetMs: "daily-reset",
  intervalMs: "interval-milliseconds",
  max: "max",
  remaining: "remaining",
} as const;

/** Returns undefined when the response carries none of the headers. */
export function parseRateLimit(headers: Headers, now = Date.now()): RateLimit | undefined {
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), now);
  let found = retryAfterMs !== undefined;
  const rateLimit = { retryAfterMs, resetAt: found ? new Date(now + retryAfterMs!) : undefined } as RateLimit;
  for (const field in HEADERS) {
    const value = toNumber(headers.get("x-ratelimit-" + HEADERS[field as keyof typeof HEADERS]));
    found ||= value !== undefined;
    rateLimit[field as keyof typeof HEADERS] = value;
  }
  return found ? rateLimit : undefined;
}
