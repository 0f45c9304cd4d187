// When to retry, and how long to wait first: the decision after each failed attempt.
//
// THE RULE: a request is retried on 408, 429, 5xx, connection failures and timeouts, at most
// `maxRetries` times, with exponential backoff and jitter, waiting what `Retry-After` or the
// rate-limit headers ask for when they say. GET, PUT and DELETE (idempotent by HTTP's definition)
// are retried on all of these. A request that is not idempotent (POST, PATCH: message sends,
// uploads, creates) is retried only when the server provably did not act on it: a 429 (refused
// before processing) or a connection that was never opened (refused, DNS failure). A 5xx, a
// timeout or a reset connection may come after the server acted, so a POST is never retried then:
// an SMS must not go out twice. A 401 with a token provider is a separate single retry with a
// fresh token, for any method: the server refused the token before acting (see auth.ts). Never
// retried: the caller's abort, a failing token provider (a vault outage is not hammered), a call
// that cannot be sent, a 2xx body that cannot be read (the server did act), the `fetch` option's
// own refusal (an error marked `retryable: false`: a rate-limit budget's). `maxRetries: 0` on a
// call opts out. test/unit/retry-policy.test.ts holds this rule's table.
import type { RateLimit } from "./rate-limit.js";

export interface BackoffOptions {
  /** The first retry waits about this long; each further retry doubles it. Default 500 ms. */
  initialDelayMs?: number;
  /** No single wait is longer; a `Retry-After` beyond it is not waited for. Default 30 s. */
  maxDelayMs?: number;
}

/** A failed attempt, as far as the rule is concerned (request.ts classifies outcomes into these). */
export type Failure =
  /** The server answered with an error status. */
  | { kind: "status"; status: number }
  /** No (complete) answer: `neverSent` when the connection was never opened. */
  | { kind: "transport"; neverSent: boolean }
  | { kind: "timeout" }
  /** Abort, token provider, invalid request, unreadable 2xx body, the fetch option's refusal. */
  | { kind: "final" };

export interface RetryState {
  /** Retries made so far (the 401 refresh not counted). */
  retries: number;
  maxRetries: number;
  backoff: BackoffOptions;
  rateLimit: Partial<RateLimit> | undefined;
  /** A token provider is configured and has not been asked for a fresh token in this call yet. */
  mayRefresh: boolean;
}

/** Return the failure, refresh the token and retry at once, or retry after this many ms. */
export type Decision = "return" | "refresh" | number;

const IDEMPOTENT = /^(GET|HEAD|OPTIONS|PUT|DELETE|TRACE)$/;

/** Error codes that mean the request never left this machine (refused, DNS failure). */
const NEVER_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/;

export const isRetryableStatus = (status: number) => status === 408 || status === 429 || status > 499;

export function decide(method: string, failure: Failure, state: RetryState): Decision {
  if (failure.kind === "status" && failure.status === 401 && state.mayRefresh) return "refresh";
  if (!mayRetry(method, failure) || state.retries >= state.maxRetries) return "return";
  return retryDelay(state.retries, state.backoff, state.rateLimit) ?? "return";
}

/** Whether a failed attempt may be sent again under the rule above. */
export function mayRetry(method: string, failure: Failure): boolean {
  if (failure.kind === "final" || (failure.kind === "status" && !isRetryableStatus(failure.status))) return false;
  return (
    IDEMPOTENT.test(method) ||
    (failure.kind === "status" && failure.status === 429) ||
    (failure.kind === "transport" && failure.neverSent)
  );
}

/** Whether a fetch failure proves that the request never reached the server. */
export function neverSent(error: unknown): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (NEVER_SENT.test((cause as { code?: string }).code!)) return true;
  }
  return false;
}

/**
 * How long to wait before retry number `retry` (0-based). Honours `Retry-After`, then an exhausted
 * burst window (`X-RateLimit-Remaining: 0` waits one `X-RateLimit-Interval-Milliseconds`), else
 * backs off exponentially with jitter. Undefined means "do not retry": the server asks for a
 * longer wait than `maxDelayMs`, or the daily quota is spent. (An invalid `Retry-After` never gets
 * here: parseRetryAfter drops it, and the backoff applies.)
 */
export function retryDelay(
  retry: number,
  backoff: BackoffOptions,
  rateLimit?: Partial<Pick<RateLimit, "retryAfterMs" | "remaining" | "intervalMs" | "dailyRemaining">>,
): number | undefined {
  const max = backoff.maxDelayMs ?? 30_000;
  if (rateLimit?.dailyRemaining === 0) return undefined;
  const asked = rateLimit?.retryAfterMs ?? (rateLimit?.remaining === 0 ? rateLimit.intervalMs : undefined);
  if (asked !== undefined) return asked > max ? undefined : asked;
  const base = Math.min(max, (backoff.initialDelayMs ?? 500) * 2 ** retry);
  return base / 2 + (Math.random() * base) / 2;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
