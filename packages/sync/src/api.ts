// The sync's view of the API: the client (its iterators and retries), behind the fleet's budget so
// that the sync takes only its share of the location's limit, and a record of when the latest
// request went out (the moment a page's contents were true, as far as the sync can tell).
import { type BackoffOptions, ConnectionError, createConversationsClient, RateLimitError, ServerError, TimeoutError, type ConversationsClient, type TokenProvider, type Transport } from "@conversations-api/client";
import { createRateLimitBudget, type FetchFunction, type RateLimitBudget } from "@conversations-api/fleet";

export interface ApiOptions {
  locationId: string;
  /** A location access token or Private Integration Token, or a provider (the fleet's, ...). */
  token: string | TokenProvider;
  /** Default: HighLevel's production API. */
  baseUrl?: string;
  /** The fetch under the budget (tests pass the fake's). */
  fetch?: FetchFunction;
  /** The share of the location's rate limit this sync may use, in (0, 1]. Default 0.5: the other half stays for your other callers. */
  share?: number;
  /** A budget shared with other callers (e.g. on Redis); `share` is then the budget's business. */
  budget?: RateLimitBudget;
  /** Retries per call after the first attempt (429, 5xx, connection failures); default 5. */
  maxRetries?: number;
  /** Milliseconds per attempt; default 30 000. */
  timeout?: number;
  /** The client's waits between retries; default 500 ms doubling to 30 s (a Retry-After wins). */
  backoff?: BackoffOptions;
}

export const DEFAULT_SHARE = 0.5;

export interface BudgetState {
  share: number | null;
  /** Requests sent (attempts, retries included). */
  requests: number;
  /** Time spent waiting for the budget's slots, in all. */
  waitedMs: number;
  /** What the latest response's rate-limit headers said. */
  remaining: number | null;
  max: number | null;
  intervalMs: number | null;
}

export interface SyncApi {
  readonly client: ConversationsClient;
  /** Epoch ms at which the latest request was handed to the network. */
  readonly lastSentAt: number;
  budgetState(): BudgetState;
}

export function createSyncApi(options: ApiOptions): SyncApi {
  const share = options.budget ? null : (options.share ?? DEFAULT_SHARE);
  const budget = options.budget ?? createRateLimitBudget({ share: share! });
  const base: FetchFunction = options.fetch ?? ((request, init) => globalThis.fetch(request, init));
  let lastSentAt = 0;
  let requests = 0;
  let waitedMs = 0;
  let waitStartedAt = 0;
  const sent: FetchFunction = (request, init) => {
    lastSentAt = Date.now();
    waitedMs += lastSentAt - waitStartedAt;
    requests++;
    return base(request, init);
  };
  const paced = budget.wrapFetch(sent, { key: options.locationId });
  const fetch: Transport = (request, init) => {
    waitStartedAt = Date.now();
    return paced(request, init);
  };
  const client = createConversationsClient({
    token: options.token,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    fetch,
    maxRetries: options.maxRetries ?? 5,
    timeout: options.timeout ?? 30_000,
    backoff: options.backoff ?? { initialDelayMs: 500, maxDelayMs: 30_000 },
  });
  return {
    client: client as unknown as ConversationsClient,
    get lastSentAt() {
      return lastSentAt;
    },
    budgetState: () => {
      const limit = client.rateLimit;
      return {
        share,
        requests,
        waitedMs,
        remaining: limit?.remaining ?? null,
        max: limit?.max ?? null,
        intervalMs: limit?.intervalMs ?? null,
      };
    },
  };
}

/** Failures that a later attempt may get past (the checkpoint keeps what was written): 429, 5xx, the network. */
export function isTransient(error: unknown): boolean {
  return error instanceof RateLimitError || error instanceof ServerError || error instanceof ConnectionError || error instanceof TimeoutError;
}
