// When a response pauses its key, and for how long: the budget's one rule for it.
//
// - A 429 pauses the key for its `Retry-After` (else one interval): the server refused, and says
//   when it will accept again.
// - `X-RateLimit-Remaining: 0` on an accepted request says the server's window is full, but not
//   when it ends (HighLevel sends no reset header). If the budget's own pacing can fill a window
//   (share * max per interval, plus the one slot that sending jitter can push into a window, reach
//   max), the budget spent that last place itself: its requests of the window began at least
//   max - 1 slots ago, so the window ends by the next slot, which pacing waits for anyway. No pause:
//   pausing a whole interval there would halve the throughput of a budget paced close to the limit
//   (at share 0.95 of 20 per second, the 20th request of a window legitimately reads remaining 0).
//   If pacing cannot fill a window, others (requests that do not go through this budget) filled
//   it: the key pauses for one interval, the longest the window can last.
// If the budget is wrong (another sender it cannot see), the next request meets a 429, which pauses.
import type { RateLimit } from "@conversations-api/client";
import type { RequestLimit } from "./budget.js";

export interface Pacing {
  /** The key's limit (as the response announced it, else as known). */
  limit: RequestLimit;
  /** The share of it the budget paces to. */
  share: number;
  /** Requests per slot. */
  burst: number;
}

/** Milliseconds to pause the key after a response with this status and these headers; 0 for none. */
export function pauseAfter(status: number, headers: Partial<RateLimit>, { limit, share, burst }: Pacing): number {
  if (status === 429) return Math.max(0, headers.retryAfterMs ?? limit.intervalMs);
  if (headers.remaining !== 0) return 0;
  return paceCanFillWindow({ limit, share, burst }) ? 0 : limit.intervalMs;
}

/**
 * Whether requests paced by the budget alone can fill a window of the server: the most a window of
 * `intervalMs` holds is the slots that start in it, `ceil(share * max / burst)`, and one more slot
 * sent late from before it, each of `burst` requests.
 */
export function paceCanFillWindow({ limit, share, burst }: Pacing): boolean {
  const slotsPerWindow = Math.ceil((share * limit.max) / burst - 1e-9); // 0.95 * 20 is 19, give or take a float's last bit
  return (slotsPerWindow + 1) * burst >= limit.max;
}
