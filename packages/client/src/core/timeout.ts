// The per-attempt timeout: a timer raced against the attempt.
//
// Why not an AbortSignal per attempt: on Node 20 an AbortController, plus a Request that follows
// its signal, costs about 40 µs per call, more than a whole openapi-fetch call against a stubbed
// fetch; a timer costs about 1 µs. So the caller gets a TimeoutError on time, and the attempt
// that lost the race is discarded: if its response arrives later, its body is cancelled, which
// releases the socket. (A response whose headers never arrive holds its socket until the
// server answers or undici's own 300 s headers timeout.) The caller's own AbortSignal, when
// given, goes on the Request and aborts the socket at once.

/** Rejected with this when the timer wins. */
export const TIMED_OUT = Symbol("timed out");

/** `attempt` receives `late()`, true once the timer has fired, to clean up after itself. */
export function withTimeout<T>(ms: number, attempt: (late: () => boolean) => Promise<T>): Promise<T> {
  if (!(ms > 0 && ms < 2 ** 31)) return attempt(() => false);
  let fired = false;
  // One promise and one timer: this runs on every call, so it stays lean.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject((fired = true) && TIMED_OUT), ms);
    attempt(() => fired).then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
