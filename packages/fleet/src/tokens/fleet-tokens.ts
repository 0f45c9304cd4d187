// OAuth access tokens for a fleet of workers of one Marketplace app. Each worker asks for a
// location's token; the first that finds it expiring (or refused by the API) takes the location's
// refresh lock, refreshes once through the token endpoint and stores the result, rotated refresh
// token included. Workers that lose the race wait for that result and read it instead of
// refreshing (which would spend the same refresh token twice and end in `invalid_grant`).
//
// A provider is the client's `token` option: `token: tokens.provider(locationId)`. The client asks
// it before every attempt, and it answers synchronously from memory while the token is fresh (no
// promise, no store read), so a token is replaced as it comes close to expiry, without a 401;
// after a 401 the client passes the refused token, which makes it refresh.
import type { TokenProvider } from "@conversations-api/client";
import { TokenRefreshError } from "../errors.js";
import { silentLogger, type Logger } from "../logger.js";
import { sleep } from "../sleep.js";
import { memoryRefreshLock, type RefreshLock } from "./refresh-lock.js";
import { DEFAULT_TOKEN_URL, requestTokenRefresh, type RefreshTokenRequest, type TokenResponse } from "./token-endpoint.js";
import { memoryTokenStore, type TokenRecord, type TokenStore } from "./token-store.js";

export interface FleetTokensOptions {
  /** The Marketplace app's client id and secret. */
  clientId: string;
  clientSecret: string;
  /** Where tokens live: `memoryTokenStore()` (default) or `redisTokenStore(redis)` for a fleet. */
  store?: TokenStore;
  /** One refresh per key at a time: `memoryRefreshLock()` (default) or `redisRefreshLock(redis)`. */
  lock?: RefreshLock;
  /** Default `https://services.leadconnectorhq.com/oauth/token`. */
  tokenUrl?: string;
  /** Sent as `user_type`. Default `Location`. */
  userType?: RefreshTokenRequest["user_type"];
  /** Refresh when the access token expires within this. Default 5 min (tokens last a day). */
  refreshBeforeMs?: number;
  /** The refresh lock expires after this, if its holder dies. Default 30 s. */
  lockTtlMs?: number;
  /** One token request's timeout; less than `lockTtlMs`, so a refresh ends while its lock is held. Default 10 s. */
  requestTimeoutMs?: number;
  /** How long a worker waits for another's refresh before giving up (`lock_timeout`). Default lockTtlMs + 5 s. */
  waitForRefreshMs?: number;
  /** How often a waiting worker looks for the new token. Default 100 ms. */
  pollMs?: number;
  /** After a failed refresh (5xx, no answer), calls fail with the same error for this long instead of asking again. Default 5 s. */
  failureCooldownMs?: number;
  fetch?: (request: Request) => Promise<Response>;
  logger?: Logger;
}

/**
 * The client's `token` option for one key. The client asks it before every attempt, and after a
 * 401 with the refused token (`provider(rejected)`), which makes it refresh even though the token
 * has not expired by the clock; `invalidate(token)` does the same for other callers.
 */
export type FleetTokenProvider = TokenProvider & {
  invalidate(token: string): void;
};

export interface FleetTokens {
  /** A token provider for one location (or company) id. */
  provider(key: string): FleetTokenProvider;
  /** The key's current access token, refreshed first when needed. */
  accessToken(key: string, rejected?: string): string | Promise<string>;
  /** Stores the tokens of an install (the authorization-code exchange's answer, same shape as a refresh's). */
  save(key: string, answer: TokenResponse): Promise<void>;
}

interface KeyState {
  /** The record this process last used. */
  current?: TokenRecord | undefined;
  /** Access tokens the API refused (the last few). */
  rejected: Set<string>;
  inflight?: Promise<string> | undefined;
  /** A refresh token that got `invalid_grant`: never sent again. */
  spent?: string | undefined;
  /** The last failed refresh, answered from memory until `until`. */
  failure?: { refreshToken: string; until: number; error: TokenRefreshError } | undefined;
  /** Refreshed but not yet in the store: written again on the next calls. */
  unsaved?: TokenRecord | undefined;
  saving?: boolean;
}

// An access token this close to expiry is not handed out: it could expire on the way.
const EXPIRY_SKEW_MS = 5_000;
const REJECTED_KEPT = 8;
// The vendor's SDK assumes a day when the answer has no `expires_in`.
const DEFAULT_EXPIRES_IN_S = 24 * 60 * 60;

export function createFleetTokens(options: FleetTokensOptions): FleetTokens {
  const {
    clientId,
    clientSecret,
    store = memoryTokenStore(),
    lock = memoryRefreshLock(),
    tokenUrl = DEFAULT_TOKEN_URL,
    userType = "Location",
    refreshBeforeMs = 5 * 60_000,
    lockTtlMs = 30_000,
    requestTimeoutMs = Math.min(10_000, lockTtlMs / 2),
    waitForRefreshMs = lockTtlMs + 5_000,
    pollMs = 100,
    failureCooldownMs = 5_000,
    fetch = (request: Request) => globalThis.fetch(request),
    logger = silentLogger,
  } = options;
  if (!clientId || !clientSecret) throw new TypeError("createFleetTokens needs the app's clientId and clientSecret");
  if (!(requestTimeoutMs < lockTtlMs)) {
    throw new RangeError(`requestTimeoutMs (${requestTimeoutMs}) must be less than lockTtlMs (${lockTtlMs}): a refresh must end while its lock is held`);
  }

  const states = new Map<string, KeyState>();
  const stateOf = (key: string) => {
    let state = states.get(key);
    if (!state) states.set(key, (state = { rejected: new Set() }));
    return state;
  };
  const markRejected = (state: KeyState, token: string) => {
    state.rejected.add(token);
    if (state.rejected.size > REJECTED_KEPT) state.rejected.delete(state.rejected.values().next().value!);
  };
  const usable = (record: TokenRecord, state: KeyState) =>
    !state.rejected.has(record.accessToken) && record.expiresAt - Date.now() > EXPIRY_SKEW_MS;
  const fresh = (record: TokenRecord, state: KeyState) => usable(record, state) && record.expiresAt - Date.now() > refreshBeforeMs;
  const adopt = (record: TokenRecord, state: KeyState) => {
    state.current = record;
    return record.accessToken;
  };

  const unavailable = (key: string, what: string, cause: unknown) =>
    new TokenRefreshError(`the tokens of ${key}: ${what} (${(cause as Error)?.message ?? cause})`, { key, code: "store_unavailable", cause });

  async function read(key: string): Promise<TokenRecord | undefined> {
    try {
      return await store.read(key);
    } catch (cause) {
      throw unavailable(key, "the token store cannot be read", cause);
    }
  }

  function persist(key: string, state: KeyState) {
    const record = state.unsaved;
    if (!record || state.saving) return;
    state.saving = true;
    store
      .write(key, record)
      .then(() => {
        if (state.unsaved === record) state.unsaved = undefined;
        logger.info(`fleet tokens: the refreshed tokens of ${key} are stored now`);
      })
      .catch(() => {}) // still unsaved: tried again on the next call
      .finally(() => (state.saving = false));
  }

  /** A failure already met with this refresh token, which is not worth another request yet. */
  function knownFailure(key: string, state: KeyState, record: TokenRecord): TokenRefreshError | undefined {
    if (state.spent === record.refreshToken) {
      return new TokenRefreshError(
        `refreshing the token of ${key}: its refresh token was refused (invalid_grant) and is not sent again; save new tokens (reinstall) for this key`,
        { key, code: "invalid_grant", oauthError: "invalid_grant" },
      );
    }
    const failure = state.failure;
    if (failure && failure.refreshToken === record.refreshToken && Date.now() < failure.until) {
      const { code, status, oauthError } = failure.error;
      return new TokenRefreshError(`${failure.error.message} (not asked again before ${new Date(failure.until).toISOString()})`, {
        key,
        code,
        status,
        oauthError,
      });
    }
    return undefined;
  }

  async function refresh(key: string, state: KeyState, record: TokenRecord): Promise<TokenRecord> {
    let answer: TokenResponse;
    try {
      answer = await requestTokenRefresh({
        key,
        tokenUrl,
        clientId,
        clientSecret,
        refreshToken: record.refreshToken,
        userType: (record.userType as RefreshTokenRequest["user_type"]) ?? userType,
        fetch,
        timeoutMs: requestTimeoutMs,
      });
    } catch (error) {
      if (!(error instanceof TokenRefreshError)) throw error;
      if (error.code === "invalid_grant") {
        // Someone outside this lock (a worker whose lock had expired, another deployment) may have
        // rotated it: their record is the answer.
        const latest = await read(key).catch(() => undefined);
        if (latest && latest.refreshToken !== record.refreshToken && usable(latest, state)) return latest;
        state.spent = record.refreshToken;
      } else {
        state.failure = { refreshToken: record.refreshToken, until: Date.now() + failureCooldownMs, error };
      }
      logger.error(error.message);
      throw error;
    }
    const next = toRecord(answer, record);
    if (answer.refresh_token === undefined) {
      logger.warn(`fleet tokens: the refresh of ${key} returned no new refresh token; keeping the one sent`);
    }
    try {
      await store.write(key, next);
    } catch (cause) {
      // The spent refresh token's successor exists only here now: keep it and keep trying to store it.
      state.unsaved = next;
      logger.error(`fleet tokens: the refreshed tokens of ${key} could not be stored (${(cause as Error)?.message}); retrying on the next calls`);
    }
    logger.info(`fleet tokens: refreshed the token of ${key}; it expires at ${new Date(next.expiresAt).toISOString()}`);
    return next;
  }

  /** Without the store (Redis down), a token this process holds and that still works is used meanwhile. */
  async function obtain(key: string, state: KeyState): Promise<string> {
    try {
      return await obtainThroughStore(key, state);
    } catch (error) {
      const current = state.current;
      if (!(error instanceof TokenRefreshError && error.code === "store_unavailable" && current && usable(current, state))) throw error;
      logger.warn(`fleet tokens: ${error.message}; using the current token of ${key} until it expires`);
      return current.accessToken;
    }
  }

  async function obtainThroughStore(key: string, state: KeyState): Promise<string> {
    let record = await read(key);
    if (!record) {
      throw new TokenRefreshError(`no tokens are stored for ${key}: save() the tokens of its install first`, { key, code: "no_tokens" });
    }
    if (fresh(record, state)) return adopt(record, state);

    const deadline = Date.now() + waitForRefreshMs;
    for (;;) {
      const known = knownFailure(key, state, record);
      if (known) {
        if (usable(record, state)) return adopt(record, state);
        throw known;
      }

      let held;
      try {
        held = await lock.acquire(key, lockTtlMs);
      } catch (cause) {
        throw unavailable(key, "the refresh lock cannot be taken", cause);
      }
      if (held) {
        try {
          const latest = (await read(key)) ?? record;
          if (fresh(latest, state)) return adopt(latest, state); // refreshed by another worker just before we locked
          return adopt(await refresh(key, state, latest), state);
        } catch (error) {
          // An early refresh that failed leaves a token that still works.
          if (error instanceof TokenRefreshError && usable(record, state)) {
            logger.warn(`fleet tokens: the early refresh of ${key} failed (${error.code}); using its current token until it expires`);
            return adopt(record, state);
          }
          throw error;
        } finally {
          await held.release().catch((cause: unknown) => {
            logger.warn(`fleet tokens: the refresh lock of ${key} could not be released (${(cause as Error)?.message}); it expires by itself`);
          });
        }
      }

      // Another worker is refreshing. Our token, if it still works, does meanwhile.
      if (usable(record, state)) return adopt(record, state);
      if (Date.now() >= deadline) {
        throw new TokenRefreshError(`refreshing the token of ${key}: another worker held the refresh lock for over ${waitForRefreshMs} ms`, {
          key,
          code: "lock_timeout",
        });
      }
      await sleep(pollMs);
      record = (await read(key)) ?? record;
      if (usable(record, state)) return adopt(record, state);
    }
  }

  const tokens: FleetTokens = {
    accessToken(key, rejected) {
      const state = stateOf(key);
      if (typeof rejected === "string" && rejected) markRejected(state, rejected);
      if (state.unsaved) persist(key, state);
      if (state.current && fresh(state.current, state)) return state.current.accessToken;
      return (state.inflight ??= obtain(key, state).finally(() => (state.inflight = undefined)));
    },

    provider(key) {
      const provider = (rejected?: string) => tokens.accessToken(key, typeof rejected === "string" ? rejected : undefined);
      return Object.assign(provider, {
        invalidate: (token: string) => markRejected(stateOf(key), token),
      });
    },

    async save(key, answer) {
      if (typeof answer.access_token !== "string" || typeof answer.refresh_token !== "string") {
        throw new TypeError(`save(${key}, ...) needs the answer's access_token and refresh_token`);
      }
      const record = toRecord(answer);
      await store.write(key, record);
      const state = stateOf(key);
      state.current = record;
      state.spent = state.failure = state.unsaved = undefined;
    },
  };
  return tokens;
}

function toRecord(answer: TokenResponse, previous?: TokenRecord): TokenRecord {
  const expiresIn = typeof answer.expires_in === "number" && answer.expires_in > 0 ? answer.expires_in : DEFAULT_EXPIRES_IN_S;
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? previous!.refreshToken,
    expiresAt: Date.now() + expiresIn * 1000,
    userType: answer.userType ?? previous?.userType,
    locationId: answer.locationId ?? previous?.locationId,
    companyId: answer.companyId ?? previous?.companyId,
    scope: answer.scope ?? previous?.scope,
    userId: answer.userId ?? previous?.userId,
  };
}
