// One signal per attempt that aborts on the client's timeout or the caller's AbortSignal,
// whichever comes first, and remembers which one it was.

export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True when the timeout (not the caller) aborted the attempt. */
  readonly timedOut: boolean;
  /** Stops the timer and detaches from the caller's signal; call when the attempt is over. */
  done(): void;
}

export function attemptSignal(timeoutMs: number, callerSignal?: AbortSignal | null): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(callerSignal!.reason);
  const timer =
    timeoutMs > 0 && timeoutMs < Infinity
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException("timeout", "TimeoutError"));
        }, timeoutMs)
      : undefined;
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    done() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}
