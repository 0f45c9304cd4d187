// `@conversations-api/fleet`: many workers, one Marketplace app. Everything here works in one
// process with no Redis; `@conversations-api/fleet/redis` has the stores that share it (and the
// webhook replay store, whose in-process default is @conversations-api/webhooks' MemoryReplayStore).
export {
  createRateLimitBudget,
  DEFAULT_LIMIT,
  DEFAULT_SHARE,
  type FetchFunction,
  type RateLimitBudget,
  type RateLimitBudgetOptions,
  type RequestLimit,
  type WrapFetchOptions,
} from "./budget/budget.js";
export { memoryBudgetStore, type BudgetLimiter, type BudgetLimiterOptions, type BudgetStore } from "./budget/budget-store.js";
export { locationIdOf } from "./budget/request-key.js";
export {
  createFleetTokens,
  type FleetTokenProvider,
  type FleetTokens,
  type FleetTokensOptions,
} from "./tokens/fleet-tokens.js";
export { memoryRefreshLock, type HeldLock, type RefreshLock } from "./tokens/refresh-lock.js";
export { DEFAULT_TOKEN_URL, requestTokenRefresh, type TokenRefreshRequest, type TokenResponse } from "./tokens/token-endpoint.js";
export { memoryTokenStore, type TokenRecord, type TokenStore } from "./tokens/token-store.js";
export {
  DailyQuotaExhaustedError,
  FleetError,
  RateLimitWaitTooLongError,
  TokenRefreshError,
  type TokenRefreshErrorCode,
  type TokenRefreshErrorDetails,
} from "./errors.js";
export type { Logger } from "./logger.js";
// The wait every package of the fleet's callers uses (the sync, the provider bridge): honours a signal.
export { sleep } from "./sleep.js";
