// The shared deadline timer behind per-attempt timeouts.
import { describe, expect, it } from "vitest";
import { startDeadline } from "../../src/core/timeout.js";

const expiry = (ms: number) => {
  const started = performance.now();
  return new Promise<number>((resolve) => startDeadline(ms, () => resolve(performance.now() - started)));
};
const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("startDeadline", () => {
  it("an earlier deadline added after a later one still fires on time, each at its own time", async () => {
    const [slow, fast, middle] = await Promise.all([expiry(450), expiry(30), expiry(240)]);
    expect(fast).toBeGreaterThanOrEqual(29);
    expect(middle).toBeGreaterThanOrEqual(239);
    expect(slow).toBeGreaterThanOrEqual(449);
    expect(fast).toBeLessThan(middle);
    expect(middle).toBeLessThan(slow);
  });

  it("never fires once cancelled", async () => {
    let fired = false;
    const cancel = startDeadline(20, () => (fired = true));
    cancel();
    await after(80);
    expect(fired).toBe(false);
  });

  it("0 means no deadline", async () => {
    let fired = false;
    startDeadline(0, () => (fired = true));
    await after(30);
    expect(fired).toBe(false);
  });

  it("runs on the monotonic clock: a wall-clock step back does not stretch it", async () => {
    const realNow = Date.now;
    try {
      let fired = false;
      startDeadline(100, () => (fired = true));
      Date.now = () => realNow() - 3_600_000; // the clock steps an hour back (NTP, a VM resumed)
      await after(20);
      expect(fired).toBe(false);
      await after(400);
      expect(fired).toBe(true);
    } finally {
      Date.now = realNow;
    }
  });
});
