// Retrying a pass after a transient failure: the pass resumes at its checkpoint, so a retry
// re-reads at most one page.
import { isTransient } from "./api.js";
import { DatabaseUnavailableError } from "./errors.js";
import { sleep } from "@conversations-api/fleet";

export interface RetryOptions {
  signal?: AbortSignal;
  /** Consecutive failures given up after. Default 10. */
  maxFailures?: number;
  /** First wait; doubles up to maxDelayMs. Defaults 1 s and 30 s. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (error: unknown, waitMs: number) => void;
}

export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { signal, maxFailures = 10, initialDelayMs = 1_000, maxDelayMs = 30_000 } = options;
  for (let failures = 1, wait = initialDelayMs; ; failures++, wait = Math.min(wait * 2, maxDelayMs)) {
    try {
      return await work();
    } catch (error) {
      if (signal?.aborted || failures >= maxFailures || !(isTransient(error) || error instanceof DatabaseUnavailableError)) throw error;
      options.onRetry?.(error, wait);
      await sleep(wait, signal);
    }
  }
}
