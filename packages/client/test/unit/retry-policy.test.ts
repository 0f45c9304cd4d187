// The retry rule of core/retry.ts, as a table: what `decide` does with each kind of failed
// attempt, for an idempotent and a non-idempotent method. No socket: the rule alone.
import { describe, expect, it } from "vitest";
import { decide, type Failure, type RetryState } from "../../src/core/retry.js";

const state = (overrides: Partial<RetryState> = {}): RetryState => ({
  retries: 0,
  maxRetries: 2,
  backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
  rateLimit: undefined,
  mayRefresh: false,
  ...overrides,
});
const retried = (decision: ReturnType<typeof decide>) => typeof decision === "number";

const table: [failure: Failure, get: boolean, post: boolean][] = [
  [{ kind: "status", status: 408 }, true, false],
  [{ kind: "status", status: 429 }, true, true], // refused before processing
  [{ kind: "status", status: 500 }, true, false],
  [{ kind: "status", status: 503 }, true, false],
  [{ kind: "status", status: 400 }, false, false],
  [{ kind: "status", status: 401 }, false, false],
  [{ kind: "status", status: 404 }, false, false],
  [{ kind: "status", status: 422 }, false, false],
  [{ kind: "transport", neverSent: true }, true, true], // refused, DNS: it never left
  [{ kind: "transport", neverSent: false }, true, false], // reset: the server may have acted
  [{ kind: "timeout" }, true, false],
  [{ kind: "final" }, false, false], // abort, token provider, invalid request, unreadable 2xx
];

describe("decide", () => {
  for (const [failure, get, post] of table) {
    it(`${JSON.stringify(failure)}: GET ${get ? "retried" : "returned"}, POST ${post ? "retried" : "returned"}`, () => {
      expect(retried(decide("GET", failure, state()))).toBe(get);
      expect(retried(decide("PUT", failure, state()))).toBe(get);
      expect(retried(decide("DELETE", failure, state()))).toBe(get);
      expect(retried(decide("POST", failure, state()))).toBe(post);
      expect(retried(decide("PATCH", failure, state()))).toBe(post);
    });
  }

  it("stops after maxRetries", () => {
    expect(decide("GET", { kind: "timeout" }, state({ retries: 2 }))).toBe("return");
    expect(decide("GET", { kind: "timeout" }, state({ retries: 0, maxRetries: 0 }))).toBe("return");
  });

  it("refreshes once on a 401 when a provider can, for any method, whatever maxRetries says", () => {
    expect(decide("POST", { kind: "status", status: 401 }, state({ mayRefresh: true, maxRetries: 0 }))).toBe("refresh");
    expect(decide("GET", { kind: "status", status: 401 }, state({ mayRefresh: false }))).toBe("return");
  });

  it("waits what the server asks, and returns instead of waiting longer than maxDelayMs", () => {
    expect(decide("GET", { kind: "status", status: 429 }, state({ rateLimit: { retryAfterMs: 700 } }))).toBe(700);
    expect(decide("GET", { kind: "status", status: 429 }, state({ rateLimit: { retryAfterMs: 5_000 } }))).toBe("return");
    expect(decide("GET", { kind: "status", status: 429 }, state({ rateLimit: { dailyRemaining: 0 } }))).toBe("return");
  });

  it("backs off exponentially with jitter otherwise", () => {
    const delay = decide("GET", { kind: "status", status: 503 }, state({ retries: 1 })) as number;
    expect(delay).toBeGreaterThanOrEqual(100);
    expect(delay).toBeLessThanOrEqual(200);
  });
});
