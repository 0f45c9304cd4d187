// The API's rate-limit headers (100 requests per 10 s and 200,000 a day per location), parsed
// into one typed object that results and errors carry, and that the retry policy reads.

/** What the last response said about the rate limits. Absent headers stay `undefined`. */
export interface RateLimit {
  /** `X-RateLimit-Limit-Daily`: requests allowed per day. */
  dailyLimit: number | undefined;
  /** `X-RateLimit-Daily-Remaining`: requests left today. */
  dailyRemaining: number | undefined;
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

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const seconds = toNumber(value);
  const ms = seconds === undefined ? Date.parse(value!) - now : seconds * 1000;
  return ms > 0 ? ms : ms <= 0 ? 0 : undefined; // NaN (no header, no date) stays undefined
}

// Field name -> header name (after "x-ratelimit-").
const HEADERS = {
  dailyLimit: "limit-daily",
  dailyRemaining: "daily-remaining",
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
