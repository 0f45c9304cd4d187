// Bounded retries with exponential backoff and jitter, for the bridge's own loops (the carrier, the
// status report). The client retries its HTTP calls by its own rule; these loops sit above it.

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  /** The wait before the second attempt; doubled each time. */
  initialDelayMs?: number;
  /** No wait is longer. */
  maxDelayMs?: number;
}

export interface ResolvedRetry {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export function resolveRetry(options: RetryOptions | undefined, defaults: ResolvedRetry, name: string): ResolvedRetry {
  const resolved = { ...defaults, ...options };
  if (!(Number.isInteger(resolved.maxAttempts) && resolved.maxAttempts >= 1)) throw new RangeError(`${name}.maxAttempts must be a whole number >= 1`);
  if (!(resolved.initialDelayMs >= 0 && resolved.maxDelayMs >= 0)) throw new RangeError(`${name} delays must be >= 0 ms`);
  return resolved;
}

/** The wait after failed attempt `attempt` (1-based): full jitter over the doubled delay, capped. */
export function backoffDelay(attempt: number, retry: ResolvedRetry): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
