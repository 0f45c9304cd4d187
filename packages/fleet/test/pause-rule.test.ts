// The budget's pause rule, case by case (src/budget/pause-rule.ts): a 429 pauses for its
// Retry-After; `remaining: 0` pauses for the interval only when the budget's own pacing cannot
// have filled the server's window (someone else did), and not at all when it can (the budget spent
// the window's last place itself, and the window ends by its next slot).
import { describe, expect, it } from "vitest";
import { paceCanFillWindow, pauseAfter, type Pacing } from "../src/budget/pause-rule.js";

const benchLimit = { max: 20, intervalMs: 1_000 }; // the benchmark's scaled-down limit
const highLevel = { max: 100, intervalMs: 10_000 };
const pacing = (share: number, limit = benchLimit, burst = 1): Pacing => ({ limit, share, burst });

describe("pauseAfter", () => {
  it.each([
    // [case, status, headers, pacing, expected pause in ms]
    ["a 429 with Retry-After: 3", 429, { retryAfterMs: 3_000, remaining: 0 }, pacing(0.96), 3_000],
    ["a 429 without Retry-After: one interval", 429, {}, pacing(0.96), 1_000],
    ["a 429 with Retry-After: 0", 429, { retryAfterMs: 0 }, pacing(0.96), 0],
    ["a 429 at a share whose pacing fills windows: still a pause", 429, { retryAfterMs: 1_000, remaining: 0 }, pacing(1), 1_000],
    ["a 200 with requests remaining", 200, { remaining: 5 }, pacing(0.96), 0],
    ["a 200 without rate-limit headers", 200, {}, pacing(0.96), 0],
    ["remaining 0 at share 0.95 of 20/s (19 + 1 late slot reach 20): the budget's own", 200, { remaining: 0 }, pacing(0.95), 0],
    ["remaining 0 at share 0.96 of 20/s", 200, { remaining: 0 }, pacing(0.96), 0],
    ["remaining 0 at share 1", 200, { remaining: 0 }, pacing(1), 0],
    ["remaining 0 at share 0.9 of 20/s (18 + 1 < 20): others filled it", 200, { remaining: 0 }, pacing(0.9), 1_000],
    ["remaining 0 at share 0.96 of HighLevel's 100 per 10 s (96 + 1 < 100)", 200, { remaining: 0 }, pacing(0.96, highLevel), 10_000],
    ["remaining 0 at share 0.9 of 100, bursts of 10 (9 slots + 1 reach 100)", 200, { remaining: 0 }, pacing(0.9, highLevel, 10), 0],
    ["remaining 0 at share 0.9 of 100, bursts of 5 (18 slots + 1 make 95)", 200, { remaining: 0 }, pacing(0.9, highLevel, 5), 10_000],
    ["remaining 0 on a 404 counts as well", 404, { remaining: 0 }, pacing(0.9), 1_000],
  ] as const)("%s", (_, status, headers, rule, expected) => {
    expect(pauseAfter(status, headers, rule)).toBe(expected);
  });
});

describe("paceCanFillWindow", () => {
  it("counts the slots that start in a window and one sent late, with floating-point shares", () => {
    expect(paceCanFillWindow(pacing(0.95))).toBe(true); // 0.95 * 20 is 19 (give or take a float's last bit)
    expect(paceCanFillWindow(pacing(0.94))).toBe(true); // 18.8: 19 slots start in some windows
    expect(paceCanFillWindow(pacing(0.9))).toBe(false);
    expect(paceCanFillWindow(pacing(0.99, highLevel))).toBe(true);
    expect(paceCanFillWindow(pacing(0.98, highLevel))).toBe(false); // 98 + 1
  });
});
