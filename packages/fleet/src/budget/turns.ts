// Callers of one key take turns, first come first served, so that only one caller per key and
// process asks the store for a slot at a time (the others would only be refused). A caller whose
// signal aborts leaves the line at once; its place passes on when its turn would have come.

interface Line {
  tail: Promise<void>;
  size: number;
}

export class Turns {
  readonly #lines = new Map<string, Line>();

  /** Resolves with `leave` when it is this caller's turn. */
  async take(key: string, signal?: AbortSignal | null): Promise<() => void> {
    let line = this.#lines.get(key);
    if (!line) this.#lines.set(key, (line = { tail: Promise.resolve(), size: 0 }));
    const current = line;
    current.size++;
    const before = current.tail;
    let pass!: () => void;
    const done = new Promise<void>((resolve) => (pass = resolve));
    current.tail = before.then(() => done);
    const leave = () => {
      pass();
      if (--current.size === 0 && this.#lines.get(key) === current) this.#lines.delete(key);
    };
    try {
      await untilAborted(before, signal);
    } catch (reason) {
      leave();
      throw reason;
    }
    return leave;
  }
}

function untilAborted(promise: Promise<void>, signal?: AbortSignal | null): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}
