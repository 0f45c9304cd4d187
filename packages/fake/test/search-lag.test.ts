// The searchLag option: search's eventual consistency as production shows it (a conversation just
// created is not found yet), off by default so that tests stay deterministic.
import { describe, expect, it } from "vitest";
import { createFake, type FakeOptions, FakeUsageError, manualClock } from "../src/index.js";
import { specCheckedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";

const locationId = "LocLagAAAAAAAAAAAAA1";

function setup(options: FakeOptions = {}) {
  const clock = manualClock("2026-02-01T00:00:00.000Z");
  const fake = createFake({
    clock,
    rateLimit: false,
    fixtures: { contacts: [{ id: "old", locationId }, { id: "sender", locationId }], conversations: [{ id: "OldConversation00001", locationId, contactId: "old" }] },
    ...options,
  });
  const client = clientOf(specCheckedFetch(() => fake));
  const create = async (contactId: string) => {
    const { data } = await client.POST("/conversations/", { body: { locationId, contactId } });
    return data!.conversation.id;
  };
  const found = async () => {
    const { data } = await client.GET("/conversations/search", { params: { query: { locationId } } });
    return data!.conversations.map((conversation) => conversation.id);
  };
  return { fake, clock, client, create, found };
}

describe("searchLag", () => {
  it("is off by default: a conversation just created is found at once", async () => {
    const { create, found } = setup();
    const id = await create("new-contact");
    expect(await found()).toContain(id);
  });

  it("{ ms }: a new conversation is left out of search until that much of the fake's clock has passed; get finds it at once", async () => {
    const { create, found, clock, client } = setup({ searchLag: { ms: 2_000 } });
    const id = await create("new-contact");
    expect(await found()).toEqual(["OldConversation00001"]);
    const { response } = await client.GET("/conversations/{conversationId}", { params: { path: { conversationId: id } } });
    expect(response.status).toBe(200);
    clock.advance(1_999);
    expect(await found()).not.toContain(id);
    clock.advance(1);
    expect(await found()).toContain(id);
  });

  it("{ searches }: the next searches of its location leave it out, then it is found; the fixtures never are", async () => {
    const { create, found, client } = setup({ searchLag: { searches: 2 } });
    const id = await create("new-contact");
    // A search of another location does not count.
    await client.GET("/conversations/search", { params: { query: { locationId: "SomewhereElse0000001" } } });
    expect(await found()).toEqual(["OldConversation00001"]);
    expect(await found()).toEqual(["OldConversation00001"]);
    expect(await found()).toContain(id);
  });

  it("also covers a conversation a send or an inbound message creates, and starts again after reset()", async () => {
    const { fake, client, found } = setup({ searchLag: { searches: 1 } });
    const { data } = await client.POST("/conversations/messages", { body: { type: "SMS", contactId: "sender", message: "hi" } });
    const inbound = fake.simulateInbound({ locationId, contactId: "fresh", body: "hello" });
    expect(await found()).toEqual(["OldConversation00001"]);
    expect(await found()).toEqual(expect.arrayContaining([data!.conversationId, inbound.conversationId]));
    fake.reset();
    expect(await found()).toEqual(["OldConversation00001"]);
  });

  it("refuses a lag that is not a number of 0 or more, or an unknown option", () => {
    expect(() => createFake({ searchLag: { ms: -1 } })).toThrow(FakeUsageError);
    expect(() => createFake({ searchLag: { searches: Number.NaN } })).toThrow(/searchLag.searches must be a number/);
    expect(() => createFake({ searchLag: { calls: 2 } as never })).toThrow(/unknown option calls/);
  });
});
