// Replay protection: a webhookId is accepted once. The check is one atomic claim on a pluggable
// store; the in-memory default is bounded by size and by age; a refused delivery uses up nothing.
import { describe, expect, it } from "vitest";
import {
  defaultReplayTtlMs,
  defaultToleranceMs,
  MemoryReplayStore,
  MissingReplayFieldError,
  ReplayedWebhookError,
  type ReplayStore,
  TimestampOutsideWindowError,
  unwrap,
  UnknownEventTypeError,
} from "../src/index.js";
import { exampleEvent } from "../src/testing/index.js";
import { deliveryOf, testKeys, unwrapWithTestKeys } from "./support/deliveries.js";

describe("a webhookId seen before", () => {
  it("is refused with ReplayedWebhookError the second time", async () => {
    const replayStore = new MemoryReplayStore();
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    await expect(unwrapWithTestKeys(body, headers, { replayStore })).resolves.toBeDefined();
    const error = await unwrapWithTestKeys(body, headers, { replayStore }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReplayedWebhookError);
    expect(error).toMatchObject({ webhookId: JSON.parse(body).webhookId });
  });

  it("is refused even when redelivered with a fresh timestamp and a new signature", async () => {
    const replayStore = new MemoryReplayStore();
    const first = await deliveryOf(exampleEvent("InboundMessage", "sms"), { webhookId: "wh-1" });
    const again = await deliveryOf(exampleEvent("InboundMessage", "sms"), { webhookId: "wh-1", timestamp: new Date(Date.now() + 1000) });
    expect(again.body).not.toBe(first.body);
    await unwrapWithTestKeys(first.body, first.headers, { replayStore });
    await expect(unwrapWithTestKeys(again.body, again.headers, { replayStore })).rejects.toThrow(ReplayedWebhookError);
  });

  it("passes exactly once when the same delivery arrives many times at once", async () => {
    const replayStore = new MemoryReplayStore();
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => unwrapWithTestKeys(body, headers, { replayStore })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((result) => result.status === "rejected")) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ReplayedWebhookError);
    }
  });

  it("is remembered across calls by the default store when none is given", async () => {
    const keys = await testKeys();
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    await unwrap(body, headers, { publicKeys: [keys.publicKey] });
    await expect(unwrap(body, headers, { publicKeys: [keys.publicKey] })).rejects.toThrow(ReplayedWebhookError);
  });

  it("is not used up by a delivery that was refused for another reason", async () => {
    const replayStore = new MemoryReplayStore();
    const stale = await deliveryOf(exampleEvent("InboundMessage", "sms"), { webhookId: "wh-2", timestamp: new Date(Date.now() - 10 * 60_000) });
    await expect(unwrapWithTestKeys(stale.body, stale.headers, { replayStore })).rejects.toThrow(TimestampOutsideWindowError);
    expect(replayStore.size).toBe(0);
    const fresh = await deliveryOf(exampleEvent("InboundMessage", "sms"), { webhookId: "wh-2" });
    await expect(unwrapWithTestKeys(fresh.body, fresh.headers, { replayStore })).resolves.toBeDefined();
  });

  it("is required: a delivery without one is refused with MissingReplayFieldError", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"), { webhookId: null });
    const error = await unwrapWithTestKeys(body, headers).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingReplayFieldError);
    expect(error).toMatchObject({ field: "webhookId" });
  });
});

describe("the replay store interface", () => {
  it("is asked to claim the id until the later of the window's end and the TTL", async () => {
    const claims: Array<[string, number]> = [];
    const replayStore: ReplayStore = {
      claim: async (webhookId, expiresAt) => (claims.push([webhookId, expiresAt]), true),
      release: async () => {},
    };
    const now = Date.parse("2026-03-01T12:00:00.000Z");
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"), { webhookId: "wh-3", timestamp: new Date(now) });
    await unwrapWithTestKeys(body, headers, { replayStore, now: () => now });
    await unwrapWithTestKeys(body, headers, { replayStore, now: () => now, replayTtlMs: 0 });
    expect(claims).toEqual([
      ["wh-3", now + defaultReplayTtlMs],
      ["wh-3", now + defaultToleranceMs],
    ]);
  });

  it("fails closed: a store that fails fails the delivery", async () => {
    const replayStore: ReplayStore = { claim: () => Promise.reject(new Error("store unreachable")), release: async () => {} };
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    await expect(unwrapWithTestKeys(body, headers, { replayStore })).rejects.toThrow("store unreachable");
  });

  it("is claimed for a verified event of an unknown type too, which comes back in UnknownEventTypeError", async () => {
    const replayStore = new MemoryReplayStore();
    const { body, headers } = await deliveryOf({ type: "ContactCreate", locationId: "l1", id: "c1" });
    const error = await unwrapWithTestKeys(body, headers, { replayStore }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownEventTypeError);
    expect(error).toMatchObject({ eventType: "ContactCreate", payload: { type: "ContactCreate", id: "c1" } });
    await expect(unwrapWithTestKeys(body, headers, { replayStore })).rejects.toThrow(ReplayedWebhookError);
  });
});

describe("MemoryReplayStore", () => {
  it("claims an id once", async () => {
    const store = new MemoryReplayStore();
    expect(await store.claim("a", Date.now() + 1000)).toBe(true);
    expect(await store.claim("a", Date.now() + 1000)).toBe(false);
  });

  it("is bounded by age: an id can be claimed again once it expired, and expired ids are swept", async () => {
    let now = 1_000;
    const store = new MemoryReplayStore({ now: () => now });
    await store.claim("a", 2_000);
    await store.claim("b", 3_000);
    now = 2_500;
    expect(await store.claim("a", 4_000)).toBe(true);
    expect(await store.claim("b", 4_000)).toBe(false);
    now = 5_000;
    await store.claim("c", 6_000);
    expect(store.size).toBe(1);
  });

  it("lets an expired id be claimed again even when a longer-lived id was claimed before it", async () => {
    let now = 1_000;
    const store = new MemoryReplayStore({ now: () => now });
    await store.claim("long-lived", 10_000);
    await store.claim("short-lived", 2_000);
    now = 2_500;
    expect(await store.claim("short-lived", 4_000)).toBe(true);
    expect(await store.claim("long-lived", 4_000)).toBe(false);
  });

  it("is bounded by size: past maxEntries, the oldest id goes first", async () => {
    const store = new MemoryReplayStore({ maxEntries: 3 });
    const later = Date.now() + 60_000;
    for (const id of ["a", "b", "c", "d"]) expect(await store.claim(id, later)).toBe(true);
    expect(store.size).toBe(3);
    expect(await store.claim("b", later)).toBe(false);
    expect(await store.claim("a", later)).toBe(true);
  });

  it("forgets a released id", async () => {
    const store = new MemoryReplayStore();
    await store.claim("a", Date.now() + 1000);
    await store.release("a");
    expect(await store.claim("a", Date.now() + 1000)).toBe(true);
  });
});
