// The errors this package throws. None carries a token: messages name the key (a location or
// company id) and what the server said, with every secret of the exchange replaced.
//
// The budget's errors carry `retryable: false`: the client's protocol for a transport's final
// decision. Thrown by `budget.wrapFetch(...)` as the client's `fetch`, they end the call at once
// as the client's FetchRefusedError (this error as its `cause`), not retried as a connection failure.

/** The base class of every error of this package. */
export class FleetError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The API said this key's daily quota is spent (`X-RateLimit-Daily-Remaining: 0`). Nothing was
 * sent; calls for the key fail fast like this until `retryAt`, when one call may probe again.
 */
export class DailyQuotaExhaustedError extends FleetError {
  /** Final for the client: not retried (see the client's FetchRefusedError). */
  readonly retryable = false;
  constructor(
    readonly key: string,
    readonly retryAt: Date,
  ) {
    super(`the daily request quota of ${key} is spent; nothing was sent (next try after ${retryAt.toISOString()})`);
  }
}

/** The budget would have made this call wait longer than `maxWaitMs`; nothing was sent. */
export class RateLimitWaitTooLongError extends FleetError {
  /** Final for the client: not retried (see the client's FetchRefusedError). */
  readonly retryable = false;
  constructor(
    readonly key: string,
    readonly waitMs: number,
  ) {
    super(`the rate-limit budget of ${key} asks for a wait of ${Math.ceil(waitMs)} ms, more than maxWaitMs; nothing was sent`);
  }
}

/** Why a token could not be had. */
export type TokenRefreshErrorCode =
  /** The refresh token is spent or revoked (the endpoint answered `invalid_grant`): reinstall, or `save()` new tokens. */
  | "invalid_grant"
  /** The endpoint refused the refresh for another reason (`oauthError` says which, e.g. `invalid_client`). */
  | "rejected"
  /** The endpoint answered 5xx; nothing is known about whether the refresh token was spent. */
  | "server_error"
  /** No answer: the connection failed or the request timed out. */
  | "network_error"
  /** A 2xx answer without an access token, or not JSON. */
  | "invalid_response"
  /** The store holds no tokens for this key: `save()` the install's tokens first. */
  | "no_tokens"
  /** Another worker held the refresh lock and no new token appeared in time. */
  | "lock_timeout"
  /** The token store or the lock could not be read or written (Redis down). */
  | "store_unavailable";

export interface TokenRefreshErrorDetails {
  key: string;
  code: TokenRefreshErrorCode;
  /** The token endpoint's HTTP status, when it answered. */
  status?: number | undefined;
  /** The OAuth `error` the endpoint gave (`invalid_grant`, `invalid_client`, ...). */
  oauthError?: string | undefined;
  cause?: unknown;
}

/** A token could not be refreshed. Each failure costs at most one request to the token endpoint. */
export class TokenRefreshError extends FleetError {
  readonly key: string;
  readonly code: TokenRefreshErrorCode;
  readonly status: number | undefined;
  readonly oauthError: string | undefined;

  constructor(message: string, { key, code, status, oauthError, cause }: TokenRefreshErrorDetails) {
    super(message, cause === undefined ? undefined : { cause });
    this.key = key;
    this.code = code;
    this.status = status;
    this.oauthError = oauthError;
  }
}
