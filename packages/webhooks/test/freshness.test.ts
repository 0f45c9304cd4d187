// The timestamp window: a delivery more than toleranceMs (default 5 minutes) older or newer than the
// receiver's clock is refused; the window and the clock are the receiver's to set.
import { describe, expect, it } from "vitest";
import { defaultToleranceMs, MissingReplayFieldError, TimestampOutsideWindowError, WebhookConfigurationError } from "../src/index.js";
import { exampleEvent } from "../src/testing/index.js";
import vendorFacts from "./fixtures/vendor-facts.json" with { type: "json" };
import { deliveryOf, unwrapWithTestKeys } from "./support/deliveries.js";

const minute = 60_000;
const now = Date.parse("2026-03-01T12:00:00.000Z");
const clock = () => now;

async function deliveredAt(offsetMs: number) {
  return deliveryOf(exampleEvent("InboundMessage", "sms"), { timestamp: new Date(now + offsetMs) });
}

describe("the timestamp window", () => {
  it("is 5 minutes by default, as the vendor's guide advises", () => {
    expect(defaultToleranceMs).toBe(vendorFacts.replayWindowMinutes * minute);
  });

  it("accepts a delivery 4 minutes old or 4 minutes ahead", async () => {
    for (const offset of [-4 * minute, 4 * minute]) {
      const { body, headers } = await deliveredAt(offset);
      await expect(unwrapWithTestKeys(body, headers, { now: clock })).resolves.toMatchObject({ type: "InboundMessage" });
    }
  });

  it("refuses a delivery 6 minutes old as stale, with TimestampOutsideWindowError", async () => {
    const { body, headers } = await deliveredAt(-6 * minute);
    const error = await unwrapWithTestKeys(body, headers, { now: clock }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimestampOutsideWindowError);
    expect(error).toMatchObject({ direction: "stale", toleranceMs: 5 * minute, now });
    expect(String(error)).toContain("is 360 s old, more than the 300 s window");
  });

  it("refuses a delivery 6 minutes ahead as from the future", async () => {
    const { body, headers } = await deliveredAt(6 * minute);
    const error = await unwrapWithTestKeys(body, headers, { now: clock }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimestampOutsideWindowError);
    expect(error).toMatchObject({ direction: "future" });
  });

  it("is configurable: a 10-minute window accepts what the default refuses, a 1-minute one refuses more", async () => {
    const sixOld = await deliveredAt(-6 * minute);
    await expect(unwrapWithTestKeys(sixOld.body, sixOld.headers, { now: clock, toleranceMs: 10 * minute })).resolves.toBeDefined();
    const twoOld = await deliveredAt(-2 * minute);
    await expect(unwrapWithTestKeys(twoOld.body, twoOld.headers, { now: clock, toleranceMs: minute })).rejects.toThrow(TimestampOutsideWindowError);
  });

  it("uses the injected clock: the spec's 2024 example passes on a clock set to then", async () => {
    const example = exampleEvent("InboundMessage", "sms");
    const { body, headers } = await deliveryOf(example, { timestamp: example.timestamp ?? null });
    const then = Date.parse(example.timestamp ?? "");
    await expect(unwrapWithTestKeys(body, headers, { now: () => then + 30_000 })).resolves.toBeDefined();
    await expect(unwrapWithTestKeys(body, headers)).rejects.toThrow(TimestampOutsideWindowError);
  });

  it("refuses a delivery without a timestamp, or with one that is not a date, with MissingReplayFieldError", async () => {
    for (const timestamp of [null, "yesterday"]) {
      const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"), { timestamp });
      const error = await unwrapWithTestKeys(body, headers).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MissingReplayFieldError);
      expect(error).toMatchObject({ field: "timestamp" });
    }
  });

  it("refuses a negative window as a configuration error", async () => {
    const { body, headers } = await deliveredAt(0);
    await expect(unwrapWithTestKeys(body, headers, { toleranceMs: -1 })).rejects.toThrow(WebhookConfigurationError);
  });
});
