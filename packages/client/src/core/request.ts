// The attempt loop that every call goes through: auth header, per-attempt timeout, openapi-fetch,
// then the decision to return or retry. Failures come back in `error` (never as a rejection):
// the typed body when the server sent JSON, else one of the classes in errors.ts.
import type { Auth } from "./auth.js";
import {
  AbortError,
  ConnectionError,
  ConversationsError,
  errorForStatus,
  InvalidResponseError,
  TimeoutError,
  type ErrorDetails,
} from "./errors.js";
import { buildRequest, readResponse, type HttpOptions, type HttpResult } from "./http.js";
import type { Log } from "./logger.js";
import { parseRateLimit, type RateLimit } from "./rate-limit.js";
import { isRetryableStatus, mayRetry, neverSent, retryDelay, sleep, type BackoffOptions } from "./retry.js";
import { TIMED_OUT, withTimeout } from "./timeout.js";

/** Options every call accepts on top of openapi-fetch's. */
export interface CallOptions {
  /** Milliseconds per attempt before the attempt fails with a TimeoutError. */
  timeout?: number;
  /** Retries after the first attempt (see retry.ts for what is retried). */
  maxRetries?: number;
  /** Aborts the call, including a pending retry wait. */
  signal?: AbortSignal | null;
}

export interface Runtime {
  baseUrl: string;
  /** Headers every request carries (the API Version). */
  headers: Record<string, string>;
  fetch: (request: Request) => Promise<Response>;
  auth: Auth;
  log: Log | undefined;
  timeout: number;
  maxRetries: number;
  backoff: BackoffOptions;
  onRateLimit(rateLimit: RateLimit): void;
}

/** Where `unwrap` finds the request of a result without exposing it in JSON. */
export const REQUEST = Symbol("request");

export interface RawResult extends HttpResult {
  rateLimit?: RateLimit | undefined;
  [REQUEST]?: [method: string, url: string];
}

export function createSend(runtime: Runtime) {
  const { auth, log } = runtime;
  // The headers of every request, built once per token rather than once per call.
  let headers = runtime.headers;
  let headersToken = "";
  const headersFor = (token: string) => {
    if (token !== headersToken) headers = { ...runtime.headers, Authorization: "Bearer " + (headersToken = token) };
    return headers;
  };

  return async function send(method: string, path: string, init?: CallOptions & HttpOptions) {
    const { timeout = runtime.timeout, maxRetries = runtime.maxRetries, signal, ...options } = init ?? {};
    for (let retries = 0, refreshed = false; ; ) {
      let request: Request | undefined;
      let response: Response | undefined;
      let result: RawResult | undefined;
      let thrown: unknown;
      let token: string | undefined;
      try {
        const current = auth.token();
        token = typeof current === "string" ? current : await current; // no extra tick when static
        request = buildRequest(method, path, options, runtime.baseUrl, headersFor(token), signal);
        result = await withTimeout(timeout, async (late) => {
          const answer = await (options.fetch ?? runtime.fetch)(request!);
          if (late()) {
            void answer.body?.cancel().catch(() => {}); // frees the socket of an attempt that lost
            throw TIMED_OUT;
          }
          return readResponse((response = answer), method, options.parseAs);
        });
      } catch (error) {
        // Thrown before a request existed: a mistake in the call itself, which rejects as it is.
        // (A failing token provider is reported like a connection failure, below.)
        if (!request && token !== undefined) throw error;
        thrown = error ?? "failed";
      }

      const rateLimit = response && parseRateLimit(response.headers);
      if (rateLimit) runtime.onRateLimit(rateLimit);
      if (thrown === undefined && result!.response.ok) {
        // The common case, kept short: it runs on every successful call.
        result!.rateLimit = rateLimit;
        log?.("debug", `${method} ${path}: ${result!.response.status}`);
        return result!;
      }

      // Only failures need the URL; reading it from a Request costs a serialisation.
      const url = () => auth.redact(request?.url ?? runtime.baseUrl + path);
      const status = response?.status;
      const details = (cause: unknown, body?: unknown): ErrorDetails<any> => ({
        method,
        url: url(),
        rateLimit,
        status,
        cause,
        body,
      });

      let failure: ConversationsError | undefined;
      if (thrown !== undefined) {
        const timedOut = thrown === TIMED_OUT;
        const Kind = timedOut
          ? TimeoutError
          : signal?.aborted
            ? AbortError
            : response && thrown instanceof SyntaxError
              ? InvalidResponseError // the server answered, with a body that is not JSON: no retry
              : ConnectionError;
        const reason = timedOut ? `no answer within ${timeout} ms` : ((thrown as Error).message ?? thrown);
        const text = (thrown as { text?: string }).text;
        failure = new Kind(
          auth.redact(`${method} ${url()}: ${reason}`),
          details(timedOut ? undefined : thrown, text && auth.redact(text)),
        );
      } else if (!result!.response.ok) {
        if (status === 401 && auth.canRefresh && !refreshed) {
          refreshed = true;
          log?.("info", `${method} ${url()}: 401, refreshing the token`);
          if (await auth.refresh(token!).then(Boolean, () => false)) continue;
        }
        // An error body that echoes the token (some proxies do) is redacted. Without a JSON body
        // (empty, an HTML page, plain text) the status's error class carries the text instead.
        const text = JSON.stringify(result!.error ?? "");
        const error = JSON.parse(auth.redact(text));
        result!.error =
          typeof error === "object" && error
            ? error
            : errorForStatus({ ...details(undefined, error || undefined), status: status! });
      }

      const retryable = failure
        ? failure instanceof ConnectionError || failure instanceof TimeoutError
        : isRetryableStatus(status!);
      const allowed = mayRetry(method, {
        status: failure ? undefined : status,
        neverSent: !response && neverSent(thrown),
      });
      if (retryable && allowed && retries < maxRetries) {
        const delay = retryDelay(retries++, runtime.backoff, rateLimit);
        if (delay !== undefined) {
          log?.("warn", `${method} ${url()}: ${status ?? failure!.name}, retry ${retries} in ${delay | 0} ms`);
          try {
            await sleep(delay, signal);
            continue;
          } catch (reason) {
            failure = new AbortError(`${method} ${url()}: aborted`, details(reason));
          }
        }
      }
      if (failure) {
        log?.("error", failure.message);
        result = { error: failure, response: response ?? Response.error() };
      } else log?.("debug", `${method} ${url()}: ${status}`);
      result!.rateLimit = rateLimit;
      result![REQUEST] = [method, url()];
      return result!;
    }
  };
}

/** The data of a result, or its error as an instance of the matching class (for `unwrap`). */
export function dataOrThrow<Data>(result: RawResult): Data {
  const { error, response } = result;
  if (error === undefined) return result.data as Data;
  if (error instanceof ConversationsError) throw error;
  const [method, url] = result[REQUEST] ?? ["", response.url];
  throw errorForStatus({ status: response.status, body: error, method, url, rateLimit: result.rateLimit });
}
