// The per-attempt timeout: a deadline raced against the attempt.
//
// Why not an AbortSignal per attempt: on Node 20 an AbortController, plus a Request that follows
// its signal, costs about 40 µs per call, more than a whole openapi-fetch call against a stubbed
// fetch. So the caller gets a TimeoutError on time, and the attempt that lost the race is
// discarded: if its response arrives later, its body is cancelled, which releases the socket. (A
// response whose headers never arrive holds its socket until the server answers or undici's own
// 300 s headers timeout.) The caller's own AbortSignal, when given, goes on the Request and
// aborts the socket at once.
//
// Why one timer for all attempts: a timer per call (set, then cleared) still cost 10-20% of the
// throughput of a stubbed call. Pending deadlines sit in a set, and one unref'd timer is armed
// for the earliest; a call adds and removes its entry, and re-arms the timer only when its
// deadline is the new earliest.

/** Rejected with this when the deadline passes first. */
export const TIMED_OUT = Symbol("timed out");

interface Deadline {
  at: number;
  expire(): void;
}

const deadlines = new Set<Deadline>();
let timer: ReturnType<typeof setTimeout> | undefined;
let armedFor = Infinity;

function arm(at: number) {
  if (at >= armedFor) return;
  clearTimeout(timer);
  armedFor = at;
  timer = setTimeout(expireDue, at - Date.now());
  (timer as { unref?(): void }).unref?.(); // pending work (a socket) keeps the process alive, not the timer
}

function expireDue() {
  armedFor = Infinity;
  const now = Date.now();
  let next = Infinity;
  for (const deadline of deadlines) {
    if (deadline.at <= now) {
      deadlines.delete(deadline);
      deadline.expire();
    } else next = Math.min(next, deadline.at);
  }
  if (next < Infinity) arm(next);
}

/** `attempt` receives `late()`, true once the deadline has passed, to clean up after itself. */
export function withTimeout<T>(ms: number, attempt: (late: () => boolean) => Promise<T>): Promise<T> {
  if (!(ms > 0 && ms < 2 ** 31)) return attempt(() => false);
  let fired = false;
  return new Promise<T>((resolve, reject) => {
    const deadline: Deadline = { at: Date.now() + ms, expire: () => reject((fired = true) && TIMED_OUT) };
    deadlines.add(deadline);
    arm(deadline.at);
    attempt(() => fired).then(
      (value) => (deadlines.delete(deadline), resolve(value)),
      (error) => (deadlines.delete(deadline), reject(error)),
    );
  });
}
