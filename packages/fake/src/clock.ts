// The fake's sense of time: dates of what it stores, rate-limit windows, scheduled messages and
// upload expiry all read it, so a test can control them.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface ManualClock extends Clock {
  /** Moves time forward by `ms`. */
  advance(ms: number): void;
  /** Sets the time. */
  set(time: number | string | Date): void;
}

/** A clock that moves only when told to. */
export function manualClock(start: number | string | Date = "2026-01-01T00:00:00.000Z"): ManualClock {
  const toMs = (time: number | string | Date) => (typeof time === "number" ? time : new Date(time).getTime());
  let now = toMs(start);
  if (!Number.isFinite(now)) throw new TypeError(`manualClock: not a time: ${String(start)}`);
  return {
    now: () => now,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`manualClock.advance: ${ms} is not a positive number of milliseconds`);
      now += ms;
    },
    set(time) {
      const next = toMs(time);
      if (!Number.isFinite(next)) throw new TypeError(`manualClock.set: not a time: ${String(time)}`);
      now = next;
    },
  };
}
