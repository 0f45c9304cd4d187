// One attempt of a call: get the token, build the request, send it and read its body, all under
// the attempt's deadline and the caller's signal, and say what happened as a tagged outcome. It
// never throws: what an outcome means (classify) and what to do next (decide, in retry.ts) are
// request.ts's business, so that the policy can be read and tested without a socket.
//
// Cancellation: the transport gets `{ signal }`, the attempt's own signal, which the deadline and
// the caller's signal abort; fetch then closes the connection at once, whether the headers or the
// body were pending. The AbortController behind it is created only when the transport reads the
// signal: on Node 20 an AbortSignal on a Request costs about a fifth of a stubbed call
// (BENCHMARKS.md), and a stub that never reads it has no connection to free. (The transport must
// pass `init` on as it is: a spread copy, `{ ...init }`, does not carry the signal.)
import type { ParseAs } from "openapi-fetch";
import type { Auth } from "./auth.js";
import { readResponse, type HttpResult, type Transport } from "./http.js";
import { startDeadline } from "./timeout.js";

export type Outcome =
  /** The server answered and the body was read (any status; `result.unreadable` for 2xx non-JSON). */
  | { kind: "response"; request: Request; response: Response; result: HttpResult; token: string }
  /** fetch rejected (refused, reset, DNS), or the connection broke while the body was read. */
  | { kind: "transport"; request: Request; response?: Response | undefined; error: unknown }
  /** The transport threw an error marked `retryable: false`: its own final decision (a rate-limit budget's). */
  | { kind: "refused"; request: Request; error: unknown }
  /** The attempt's deadline passed while the request or its body was pending. */
  | { kind: "timeout"; request: Request; response?: Response | undefined }
  /** The caller's signal aborted (before or during the attempt); `error` is its reason. */
  | { kind: "abort"; request?: Request | undefined; response?: Response | undefined; error: unknown }
  /** The token provider threw, rejected, or was still pending at the deadline (`error` undefined). */
  | { kind: "token"; error?: unknown }
  /** The call cannot be turned into a request (a refused path parameter, a body that does not serialise). */
  | { kind: "invalid"; error: unknown };

export interface AttemptInput {
  auth: Auth;
  /** Set after a 401: the refused token, to be replaced before sending. */
  stale: string | undefined;
  build(token: string): Request;
  transport: Transport;
  parseAs: ParseAs | undefined;
  timeout: number;
  signal: AbortSignal | null | undefined;
}

/**
 * The transport's second argument: `signal`, the attempt's own, is created when first read. (A
 * class, not an object literal with a getter: V8 allocates such a literal in a way that kept every
 * call's response alive for a whole garbage-collection cycle, about 40% more CPU per stubbed call.)
 */
class AttemptInit {
  #controller: AbortController | undefined;
  get signal(): AbortSignal {
    return (this.#controller ??= new AbortController()).signal;
  }
  // Created here if need be: a transport that reads the signal late (after waiting for a budget)
  // must find it aborted, or it would send what the caller was told had timed out.
  abort() {
    (this.#controller ??= new AbortController()).abort();
  }
}

export function attempt({ auth, stale, build, transport, parseAs, timeout, signal }: AttemptInput): Promise<Outcome> {
  return new Promise<Outcome>((settle) => {
    let request: Request | undefined;
    let response: Response | undefined;
    let waiting: Promise<string> | undefined; // the token request being awaited
    let ended = false;

    const finish = (outcome: Outcome) => {
      if (ended) return;
      ended = true;
      stopDeadline();
      signal?.removeEventListener("abort", onAbort);
      settle(outcome);
    };
    // The deadline or the caller ended the attempt: close its connection, stop sharing a token
    // request that did not answer, and report at once.
    const end = (outcome: Outcome) => {
      if (ended) return;
      if (waiting) auth.abandon(waiting);
      init.abort();
      finish(outcome);
    };
    const onAbort = () => end({ kind: "abort", request, response, error: signal!.reason });
    const stopDeadline = startDeadline(timeout, () => end(request ? { kind: "timeout", request, response } : { kind: "token" }));
    const init = new AttemptInit();

    const run = async (): Promise<Outcome | undefined> => {
      let token: string;
      try {
        const current = stale ? auth.refresh(stale) : auth.token();
        token = typeof current === "string" ? current : await (waiting = current); // no extra tick when static
        waiting = undefined;
      } catch (error) {
        return { kind: "token", error };
      }
      if (ended) return; // the deadline passed while the token was pending: nothing is sent
      try {
        request = build(token);
      } catch (error) {
        return { kind: "invalid", error };
      }
      // A rate-limit budget lives in the transport (`fetch: budget.wrapFetch(...)`): it is asked
      // here, before every send, retries included, and waits under the attempt's signal.
      try {
        response = await transport(request, init);
      } catch (error) {
        return { kind: (error as { retryable?: unknown } | null)?.retryable === false ? "refused" : "transport", request, error };
      }
      // Too late, and the transport did not take the signal: cancelling the body frees the socket.
      if (ended) return void response.body?.cancel().catch(() => {});
      try {
        return { kind: "response", request, response, result: await readResponse(response, parseAs), token };
      } catch (error) {
        return { kind: "transport", request, response, error };
      }
    };

    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    void run().then((outcome) => outcome && finish(outcome));
  });
}
