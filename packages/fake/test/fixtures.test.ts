// Fixtures, reset, ids and the clock: seed() adds state whole or not at all, reset() returns to
// the starting fixtures, ids are the vendor's 20 characters and the same on every run, and dates
// come from the injected clock.
import { describe, expect, it } from "vitest";
import { createFake, exampleFixtures, FixtureError, manualClock } from "../src/index.js";
import { clientOf } from "./support/clients.js";

describe("ids", () => {
  it("are 20 characters of [0-9A-Za-z], the same sequence for the same seed and another for another seed", async () => {
    const idsOf = async (seed: number) => {
      const fake = createFake({ seed, rateLimit: false });
      const client = clientOf(fake.fetch);
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await client.POST("/conversations/", { body: { locationId: "l", contactId: `c${i}` } })).data!.conversation.id);
      return ids;
    };
    const first = await idsOf(3);
    for (const id of first) expect(id).toMatch(/^[0-9A-Za-z]{20}$/);
    expect(new Set(first).size).toBe(5);
    expect(await idsOf(3)).toEqual(first);
    expect(await idsOf(4)).not.toEqual(first);
  });
});

describe("the clock", () => {
  it("dates everything the fake stores; a manual clock moves only when told", async () => {
    const clock = manualClock("2030-06-15T12:00:00.000Z");
    const fake = createFake({ clock, rateLimit: false });
    const client = clientOf(fake.fetch);
    const created = await client.POST("/conversations/", { body: { locationId: "l", contactId: "c" } });
    expect(created.data?.conversation.dateAdded).toBe("2030-06-15T12:00:00.000Z");
    clock.advance(90_000);
    const arrived = fake.simulateInbound({ conversationId: created.data!.conversation.id, body: "hi" });
    const message = await client.GET("/conversations/messages/{id}", { params: { path: { id: arrived.messageId } } });
    expect(message.data?.message.dateAdded).toBe("2030-06-15T12:01:30.000Z");
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe("seed and reset", () => {
  it("seed() adds to the state; reset() returns to the fixtures the fake was created with", async () => {
    const fake = createFake({ fixtures: exampleFixtures, rateLimit: false });
    const client = clientOf(fake.fetch);
    const search = () => client.GET("/conversations/search", { params: { query: { locationId: "ABCHkzuJQ8ZMd4Te84GK" } } });
    expect((await search()).data?.total).toBe(1);
    fake.seed({ conversations: [{ locationId: "ABCHkzuJQ8ZMd4Te84GK", contactId: "another" }] });
    await client.POST("/conversations/", { body: { locationId: "ABCHkzuJQ8ZMd4Te84GK", contactId: "third" } });
    expect((await search()).data?.total).toBe(3);
    fake.reset();
    expect((await search()).data?.total).toBe(1);
  });

  it("derives the unread count from seeded inbound messages unless told, and seeded messages set the last message", async () => {
    const fake = createFake({
      rateLimit: false,
      fixtures: {
        conversations: [{ id: "a", locationId: "l", contactId: "c1" }, { id: "b", locationId: "l", contactId: "c2", unreadCount: 0 }],
        messages: [
          { conversationId: "a", direction: "inbound", body: "1", dateAdded: "2026-01-01T00:00:00Z" },
          { conversationId: "a", direction: "inbound", body: "2", dateAdded: "2026-01-02T00:00:00Z" },
          { conversationId: "b", direction: "inbound", body: "3", dateAdded: "2026-01-03T00:00:00Z" },
        ],
      },
    });
    const { data } = await clientOf(fake.fetch).GET("/conversations/search", { params: { query: { locationId: "l" } } });
    expect(data?.conversations.map(({ id, unreadCount, lastMessageBody }) => ({ id, unreadCount, lastMessageBody }))).toEqual([
      { id: "b", unreadCount: 0, lastMessageBody: "3" },
      { id: "a", unreadCount: 2, lastMessageBody: "2" },
    ]);
  });

  it("a bad fixture throws a FixtureError naming it, and stores nothing of the batch", async () => {
    const fake = createFake({ rateLimit: false });
    const bad = [
      { conversations: [{ id: "x", locationId: "l", contactId: "c" }], messages: [{ conversationId: "nope", direction: "inbound" as const }] },
      { conversations: [{ locationId: "l", contactId: "c", type: "TYPE_PIGEON" }] },
      { conversations: [{ id: "y", locationId: "l", contactId: "c" }], messages: [{ conversationId: "y", direction: "inbound" as const, dateAdded: "yesterday-ish" }] },
      { conversations: [{ id: "z", locationId: "l", contactId: "c" }], messages: [{ conversationId: "z", direction: "inbound" as const, recording: new Uint8Array(4) }] },
    ];
    for (const fixtures of bad) expect(() => fake.seed(fixtures)).toThrow(FixtureError);
    expect(() => fake.seed(bad[0]!)).toThrow(/messages\[0\]: no conversation nope/);
    const { data } = await clientOf(fake.fetch).GET("/conversations/search", { params: { query: { locationId: "l" } } });
    expect(data?.total).toBe(0);
  });
});
