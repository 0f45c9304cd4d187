// A rate-limit budget shared by every worker of a Marketplace app: consulted before each attempt
// (retries included), fed every response's headers (read by the client's own parseRateLimit).
// It plugs into the client as its transport, `fetch: budget.wrapFetch(fetch, { key })`: the client
// calls that once per attempt with the attempt's signal, which ends a wait for a slot, and takes
// the budget's errors (`retryable: false`) as final (a FetchRefusedError), not as a connection
// failure. It paces each key (a location or company) to a share of the API's limit, pauses the key
// after a 429 or a `remaining: 0` its pacing cannot explain (pause-rule.ts), and stops on a spent
// daily quota.
//
// Pacing is by time slots: the interval is cut into slots of `burst` requests each, of length
// burst * intervalMs / (share * max), and each slot is a rate-limiter-flexible counter keyed by
// the slot's number. Sent at slot starts, any window of intervalMs holds at most share * max
// requests; sending jitter (store latency, a busy event loop) can push one slot's `burst` into
// the next window, which the default margin absorbs: at share 0.96, max + 1 requests fit in one
// window only when the first of them is sent intervalMs * (1 / 0.96 - 1) later than the last one
// is (417 ms of HighLevel's 10 s; 42 ms of the benchmark's 1 s).
// Slots are numbered from the epoch, so the workers of a fleet agree on them through a shared
// store without talking to each other (their clocks must agree, as NTP keeps them).
import { parseRateLimit, type RateLimit } from "@conversations-api/client";
import { RateLimiterRes } from "rate-limiter-flexible";
import { DailyQuotaExhaustedError, RateLimitWaitTooLongError } from "../errors.js";
import { silentLogger, type Logger } from "../logger.js";
import { sleep } from "../sleep.js";
import { memoryBudgetStore, type BudgetLimiter, type BudgetStore } from "./budget-store.js";
import { pauseAfter } from "./pause-rule.js";
import { Turns } from "./turns.js";

/** The API's limit per key: requests per interval. */
export interface RequestLimit {
  max: number;
  intervalMs: number;
}

/** HighLevel's documented limit: 100 requests per 10 s per app and location (or company). */
export const DEFAULT_LIMIT: RequestLimit = { max: 100, intervalMs: 10_000 };

/** The share of the limit a budget paces to unless told otherwise: a margin for sending jitter. */
export const DEFAULT_SHARE = 0.96;

export interface RateLimitBudgetOptions {
  /** Where the counters live: `memoryBudgetStore()` (default) or `redisBudgetStore(redis)` for a fleet. */
  store?: BudgetStore;
  /** The share of the limit to use, in (0, 1]. Default DEFAULT_SHARE, 0.96: a margin for sending jitter (`pnpm bench:fleet` reaches 95% of the limit with it, and no 429). */
  share?: number;
  /** Requests that may go out back to back within one slot. Default 1: evenly spaced. */
  burst?: number;
  /** The limit until a response's `X-RateLimit-Max` / `-Interval-Milliseconds` say otherwise. */
  limit?: RequestLimit;
  /**
   * After `X-RateLimit-Daily-Remaining: 0`, how long calls fail fast before one probes again, when
   * the response has no `X-RateLimit-Daily-Reset` (the milliseconds until the quota resets, which
   * the budget uses when present). Default 15 min.
   */
  dailyPauseMs?: number;
  /** A call that would wait longer than this for its slot fails with RateLimitWaitTooLongError. Default 60 s. */
  maxWaitMs?: number;
  logger?: Logger;
}

/** The fetch a budget wraps, e.g. the global `fetch`. It gets the request and the caller's init (the client's: the attempt's signal). */
export type FetchFunction = (request: Request, init?: RequestInit) => Promise<Response>;

export interface WrapFetchOptions {
  /** The budget's key: a location (or company) id, or a function of the request (see `locationIdOf`). */
  key: string | ((request: Request) => string);
}

export interface RateLimitBudget {
  /** Waits for a slot of `key`. Rejects with the signal's reason on abort, DailyQuotaExhaustedError or RateLimitWaitTooLongError. */
  acquire(key: string, signal?: AbortSignal | null): Promise<void>;
  /** Learns from a response of `key`: its limits, a 429's Retry-After, `remaining: 0`, a spent daily quota. Never rejects. */
  observe(key: string, response: Response): Promise<void>;
  /**
   * A fetch that asks the budget before sending and tells it what came back: pass it as the
   * client's `fetch` option. The client calls it once per attempt, retries included, as
   * `(request, { signal })`: the wait for a slot ends when that signal aborts (else the request's
   * own signal), and `init` goes on to `fetch` as it is. It rejects with the budget's errors, which
   * the client returns as a FetchRefusedError, or with the signal's reason.
   */
  wrapFetch(fetch: FetchFunction, options: WrapFetchOptions): (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
}

export function createRateLimitBudget(options: RateLimitBudgetOptions = {}): RateLimitBudget {
  const {
    store = memoryBudgetStore(),
    share = DEFAULT_SHARE,
    burst = 1,
    limit = DEFAULT_LIMIT,
    dailyPauseMs = 15 * 60_000,
    maxWaitMs = 60_000,
    logger = silentLogger,
  } = options;
  if (!(share > 0 && share <= 1)) throw new RangeError(`share must be in (0, 1], got ${share}`);
  if (!Number.isInteger(burst) || burst < 1) throw new RangeError(`burst must be a whole number of at least 1, got ${burst}`);
  checkLimit(limit, "limit");

  const pauses = store.createLimiter({ name: "pause", points: PAUSE_POINTS, durationSec: 1, logger });
  const slotLimiters = new Map<number, BudgetLimiter>();
  const learned = new Map<string, RequestLimit>();
  const turns = new Turns();

  const limitOf = (key: string) => learned.get(key) ?? limit;
  const slotMsOf = (key: string) => {
    const { max, intervalMs } = limitOf(key);
    return (burst * intervalMs) / Math.max(burst, share * max);
  };
  // Counters live until their slot has passed (a reservation is made up to a slot ahead); the store
  // counts whole seconds.
  const slotLimiter = (slotMs: number) => {
    const durationSec = Math.max(1, Math.ceil((2 * slotMs) / 1000));
    let limiter = slotLimiters.get(durationSec);
    if (!limiter) slotLimiters.set(durationSec, (limiter = store.createLimiter({ name: "slot", points: burst, durationSec, logger })));
    return limiter;
  };

  /**
   * Takes the current slot, else the next one (a reservation: the caller sends at its start), and
   * resolves with `{ sendInMs }`; with `{ askInMs }` when the key is paused or both were taken, or
   * the next slot starts after `latestStart` (maxWaitMs). Reserving the next slot while the current
   * one is in use keeps every slot used when callers wake late (a loaded machine delays timers by
   * more than a slot): a slot that only a caller awake during it could take was lost then.
   */
  async function trySlot(key: string, latestStart: number): Promise<{ sendInMs: number; giveBack(): Promise<unknown> } | { askInMs: number }> {
    const [paused, daily] = await Promise.all([pauses.get(key), pauses.get(`${key}:daily`)]);
    if (isBlocked(daily)) throw new DailyQuotaExhaustedError(key, new Date(Date.now() + daily.msBeforeNext));
    if (isBlocked(paused)) return { askInMs: Math.max(1, paused.msBeforeNext) };
    const slotMs = slotMsOf(key);
    const current = Math.floor(Date.now() / slotMs);
    for (const slot of [current, current + 1]) {
      if (slot > current && slot * slotMs > latestStart) break;
      try {
        // A claim that comes back late (a slow store, a busy event loop) is still used: discarding it
        // would starve every caller whenever the store's latency exceeds a slot.
        const limiter = slotLimiter(slotMs);
        const counter = `${key}:${+slotMs.toFixed(3)}:${slot}`;
        await limiter.consume(counter, 1);
        return { sendInMs: Math.max(0, slot * slotMs - Date.now()), giveBack: () => limiter.reward(counter, 1) };
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
      }
    }
    return { askInMs: Math.max(1, (current + 1) * slotMs - Date.now()) };
  }

  /** Blocks `name` for at least `ms`, keeping a longer block that is already there. */
  async function pause(name: string, ms: number) {
    const current = await pauses.get(name);
    if (isBlocked(current) && current.msBeforeNext >= ms) return;
    await pauses.block(name, Math.max(1, Math.ceil(ms / 1000)));
  }

  const budget: RateLimitBudget = {
    async acquire(key, signal) {
      signal?.throwIfAborted();
      const started = Date.now();
      const leave = await turns.take(key, signal);
      try {
        for (;;) {
          const claim = await trySlot(key, started + maxWaitMs);
          if ("sendInMs" in claim) {
            if (claim.sendInMs > 0) {
              try {
                await sleep(claim.sendInMs, signal);
              } catch (error) {
                // Aborted before its reserved slot started: the slot goes back to the callers after
                // this one (before `leave()` lets the next of them in). A store that cannot take it
                // back costs that one slot, nothing else.
                await claim.giveBack().catch(() => {});
                throw error;
              }
            }
            return;
          }
          if (Date.now() + claim.askInMs - started > maxWaitMs) throw new RateLimitWaitTooLongError(key, claim.askInMs);
          await sleep(claim.askInMs, signal);
        }
      } finally {
        leave();
      }
    },

    async observe(key, response) {
      try {
        const headers: Partial<RateLimit> = parseRateLimit(response.headers) ?? {};
        if (headers.max !== undefined && headers.intervalMs !== undefined) {
          const seen = { max: headers.max, intervalMs: headers.intervalMs };
          const known = limitOf(key);
          if (checkLimit(seen) && (seen.max !== known.max || seen.intervalMs !== known.intervalMs)) {
            learned.set(key, seen);
            logger.info(`rate-limit budget: ${key} allows ${seen.max} requests per ${seen.intervalMs} ms; pacing to ${share * 100}% of that`);
          }
        }
        if (headers.dailyRemaining === 0) {
          const ms = dailyResetMs(headers) ?? dailyPauseMs;
          await pause(`${key}:daily`, ms);
          logger.warn(`rate-limit budget: the daily quota of ${key} is spent; calls fail fast for ${ms} ms`);
        }
        const ms = pauseAfter(response.status, headers, { limit: limitOf(key), share, burst });
        if (ms > 0) {
          await pause(key, ms);
          logger.warn(`rate-limit budget: ${response.status === 429 ? "429" : "remaining: 0"} for ${key}; pausing it for ${ms} ms`);
        }
      } catch (error) {
        logger.error(`rate-limit budget: could not record the response of ${key}: ${String(error)}`);
      }
    },

    wrapFetch(fetch, { key }) {
      return async (input, init) => {
        // The client passes a Request and `{ signal }`: both go on as they are (a copy of the
        // Request would cost a clone per attempt, and `{ ...init }` would lose the signal's getter).
        let request = input as Request;
        if (!(input instanceof Request)) (request = new Request(input, init)), (init = undefined);
        const name = typeof key === "string" ? key : key(request);
        await budget.acquire(name, init?.signal ?? request.signal);
        const response = await fetch(request, init);
        await budget.observe(name, response);
        return response;
      };
    },
  };
  return budget;
}

const DAY_MS = 86_400_000;

/** `X-RateLimit-Daily-Reset` when it is a plausible wait (more than 0, at most a day), else undefined. */
function dailyResetMs({ dailyResetMs: ms }: Partial<RateLimit>): number | undefined {
  return ms !== undefined && ms > 0 && ms <= DAY_MS ? ms : undefined;
}

// A pause is a rate-limiter-flexible block: the counter is set above its points until it expires.
const PAUSE_POINTS = 1;

function isBlocked(counter: RateLimiterRes | null): counter is RateLimiterRes {
  return counter !== null && counter.consumedPoints > PAUSE_POINTS && counter.msBeforeNext > 0;
}

function checkLimit({ max, intervalMs }: RequestLimit, name?: string): boolean {
  const valid = Number.isFinite(max) && max >= 1 && Number.isFinite(intervalMs) && intervalMs >= 1;
  if (!valid && name) throw new RangeError(`${name} must have max >= 1 and intervalMs >= 1, got ${max} per ${intervalMs} ms`);
  return valid;
}
