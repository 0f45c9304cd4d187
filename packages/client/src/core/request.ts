// The call loop: attempt (attempt.ts), classify the outcome, decide (retry.ts), then return or go
// again. Failures come back in `error` (never as a rejection): the typed body when the server sent
// JSON, else one of the classes in errors.ts, with every token redacted.
import { attempt, type Outcome } from "./attempt.js";
import type { Auth } from "./auth.js";
import {
  AbortError,
  ConnectionError,
  ConversationsError,
  errorForStatus,
  FetchRefusedError,
  InvalidRequestError,
  InvalidResponseError,
  TimeoutError,
  TokenProviderError,
  type ErrorDetails,
} from "./errors.js";
import { buildRequest, type HttpOptions, type HttpResult, type Transport } from "./http.js";
import type { Log } from "./logger.js";
import { parseRateLimit, type RateLimit } from "./rate-limit.js";
import { decide, neverSent, sleep, type BackoffOptions, type Failure } from "./retry.js";
import { wireShape } from "./wire-shapes.js";

/** Options every call accepts on top of openapi-fetch's. */
export interface CallOptions {
  /** Milliseconds per attempt (getting the token included) before the attempt fails with a TimeoutError. */
  timeout?: number;
  /** Retries after the first attempt (see retry.ts for what is retried). */
  maxRetries?: number;
  /** Aborts the call: a pending token, request, body or retry wait. */
  signal?: AbortSignal | null;
}

export interface Runtime {
  baseUrl: string;
  /** Headers every request carries (the API Version). */
  headers: Record<string, string>;
  fetch: Transport;
  auth: Auth;
  log: Log | undefined;
  timeout: number;
  maxRetries: number;
  backoff: BackoffOptions;
  onRateLimit(rateLimit: RateLimit): void;
}

/** Where `unwrap` and the iterators find the request of a result (its URL when it failed, else its path) without exposing it in JSON. */
export const REQUEST = Symbol("request");

export interface RawResult extends HttpResult {
  rateLimit?: RateLimit | undefined;
  [REQUEST]?: [method: string, url: string, attempts: number];
}

const FAILURES = {
  transport: ConnectionError,
  refused: FetchRefusedError,
  timeout: TimeoutError,
  abort: AbortError,
  token: TokenProviderError,
  invalid: InvalidRequestError,
};

/** What a failed attempt means: for the retry rule, and for the caller (what `error` holds). */
type Classified = [failure: Failure, error: unknown];

export function createSend(runtime: Runtime) {
  const { auth, log } = runtime;
  // The headers of every request, built once per token rather than once per call. The token is
  // sent trimmed (one read from a file or a secret mount often ends with a newline).
  let headers = runtime.headers;
  let headersToken = "";
  const headersFor = (token: string) => {
    if (token !== headersToken) headers = { ...runtime.headers, Authorization: "Bearer " + (headersToken = token).trim() };
    return headers;
  };

  // Redacts the message and stack of an error and of every cause under it (an error from fetch, a
  // token provider's, the caller's abort reason) in place, so that `inspect(error)` shows no token.
  const scrub = (error: unknown) => {
    for (let cause = error, depth = 0; cause && depth < 8; cause = (cause as Error).cause, depth++)
      for (const key of ["message", "stack"] as const) {
        const text = (cause as Error)[key];
        if (typeof text === "string" && auth.redact(text) !== text)
          try {
            (cause as Error)[key] = auth.redact(text);
          } catch {} // a read-only property: a DOMException's message
      }
    return error;
  };

  function classify(
    outcome: Outcome,
    head: string,
    details: (cause?: unknown, body?: unknown) => ErrorDetails<any>,
    timeout: number,
  ): Classified {
    const said = (error: unknown) => auth.redact(String((error as Error)?.message ?? error));
    if (outcome.kind === "response") {
      const { result } = outcome;
      const { status } = outcome.response;
      if (result.unreadable !== undefined)
        return [
          { kind: "final" }, // a 2xx: the server acted on the request
          new InvalidResponseError(`${head} ${status}, not JSON`, details(undefined, auth.redact(result.unreadable))),
        ];
      // A JSON error body is the typed error, redacted (some proxies echo the Authorization
      // header). Without one (empty, an HTML page, plain text) the status's class carries the text.
      const body = result.error;
      return [
        { kind: "status", status },
        body && typeof body === "object"
          ? auth.redactDeep(body)
          : errorForStatus({ ...details(undefined, body ? auth.redact(String(body)) : undefined), status }),
      ];
    }
    const { kind } = outcome;
    const cause = (outcome as { error?: unknown }).error;
    const reason =
      kind === "abort"
        ? "aborted"
        : kind === "timeout" || !("error" in outcome)
          ? `no ${kind === "token" ? "token" : "answer"} within ${timeout} ms`
          : (kind === "token" ? "token provider: " : "") + said(cause);
    return [
      kind === "transport"
        ? { kind, neverSent: !outcome.response && neverSent(cause) }
        : kind === "timeout"
          ? { kind }
          : { kind: "final" },
      new FAILURES[kind](`${head} ${reason}`, details(scrub(cause))),
    ];
  }

  return async function send(method: string, path: string, init?: CallOptions & HttpOptions): Promise<RawResult> {
    const { timeout = runtime.timeout, maxRetries = runtime.maxRetries, signal, ...options } = init ?? {};
    const transport = options.fetch ?? runtime.fetch;
    const build = (token: string) => buildRequest(method, path, options, runtime.baseUrl, headersFor(token), signal);
    let stale: string | undefined; // the refused token, after a 401
    for (let attempts = 1, retries = 0, refreshed = false; ; attempts++) {
      const outcome = await attempt({ auth, stale, build, transport, parseAs: options.parseAs, timeout, signal });
      stale = undefined;
      const { response, request } = outcome as { response?: Response; request?: Request };
      const rateLimit = response && parseRateLimit(response.headers);
      if (rateLimit) runtime.onRateLimit(rateLimit);
      if (outcome.kind === "response" && outcome.response.ok && outcome.result.unreadable === undefined) {
        // The common case, kept short: it runs on every successful call.
        const result: RawResult = outcome.result;
        result.data = wireShape(path, result.data);
        result.rateLimit = rateLimit;
        result[REQUEST] = [method, path, attempts];
        log?.("debug", `${method} ${path}: ${outcome.response.status}`);
        return result;
      }

      // Only failures need the URL; reading it from a Request costs a serialisation.
      const url = auth.redact(request?.url ?? runtime.baseUrl + path);
      const details = (cause?: unknown, body?: unknown): ErrorDetails<any> => ({
        method,
        url,
        rateLimit,
        status: response?.status,
        attempts,
        cause,
        body,
      });
      let [failure, error] = classify(outcome, `${method} ${url}:`, details, timeout);
      const decision = decide(method, failure, {
        retries,
        maxRetries,
        backoff: runtime.backoff,
        rateLimit,
        mayRefresh: auth.canRefresh && !refreshed,
      });
      if (decision === "refresh") {
        refreshed = true;
        stale = (outcome as Extract<Outcome, { kind: "response" }>).token;
        log?.("info", `${method} ${url}: 401, refreshing the token`);
        continue;
      }
      if (decision !== "return") {
        retries++;
        log?.("warn", `${method} ${url}: ${response?.status ?? (error as Error).name}, retry ${retries} in ${decision | 0} ms`);
        try {
          await sleep(decision, signal);
          continue;
        } catch (reason) {
          error = new AbortError(`${method} ${url}: aborted`, details(scrub(reason)));
        }
      }
      if (error instanceof ConversationsError) log?.("error", error.message); // (a typed error body is the caller's to report)
      return { error, response: response ?? Response.error(), rateLimit, [REQUEST]: [method, url, attempts] };
    }
  };
}

/** The data of a result, or its error as an instance of the matching class (for `unwrap`). */
export function dataOrThrow<Data>(result: RawResult): Data {
  const { error, response } = result;
  if (error === undefined) return result.data as Data;
  if (error instanceof ConversationsError) throw error;
  const [method, url, attempts] = result[REQUEST] ?? ["", response.url, 1];
  throw errorForStatus({ status: response.status, body: error, method, url, attempts, rateLimit: result.rateLimit });
}
