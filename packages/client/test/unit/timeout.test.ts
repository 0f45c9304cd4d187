// The shared deadline timer behind per-attempt timeouts.
import { describe, expect, it } from "vitest";
import { TIMED_OUT, withTimeout } from "../../src/core/timeout.js";

const never = () => new Promise<never>(() => {});
const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const settledAt = async (started: number, promise: Promise<unknown>) => {
  await promise.catch(() => {});
  return Date.now() - started;
};

describe("withTimeout", () => {
  it("an earlier deadline added after a later one still fires on time", async () => {
    const started = Date.now();
    const slow = withTimeout(400, never);
    const fast = withTimeout(50, never);
    await expect(fast).rejects.toBe(TIMED_OUT);
    expect(Date.now() - started).toBeLessThan(390);
    await expect(slow).rejects.toBe(TIMED_OUT);
    expect(Date.now() - started).toBeGreaterThanOrEqual(395);
  });

  it("many concurrent deadlines each fire at their own time", async () => {
    const started = Date.now();
    const deadlines = [450, 30, 240];
    const times = await Promise.all(deadlines.map((ms) => settledAt(started, withTimeout(ms, never))));
    times.forEach((elapsed, index) => expect(elapsed).toBeGreaterThanOrEqual(deadlines[index]! - 2));
    expect(times[1]).toBeLessThan(times[2]!);
    expect(times[2]).toBeLessThan(times[0]!);
  });

  it("resolves with the attempt when it is faster, and tells a late attempt it lost", async () => {
    await expect(withTimeout(200, () => after(10, "fast"))).resolves.toBe("fast");
    let lostLate: boolean | undefined;
    await expect(
      withTimeout(20, async (late) => {
        await after(80, null);
        lostLate = late();
        return "too late";
      }),
    ).rejects.toBe(TIMED_OUT);
    await after(100, null);
    expect(lostLate).toBe(true);
  });

  it("0 means no timeout", async () => {
    await expect(withTimeout(0, () => after(30, "done"))).resolves.toBe("done");
  });
});
