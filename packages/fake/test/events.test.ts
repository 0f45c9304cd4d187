// Domain events, recorded through one seam (the webhook sender listens there): OutboundMessage
// on a send, InboundMessage on simulateInbound (which also counts the message unread),
// ConversationUnreadUpdate on marking read, ProviderOutboundMessage on a custom provider's send.
import { describe, expect, it } from "vitest";
import { createFake, FakeUsageError, type FakeEvent, manualClock } from "../src/index.js";
import { clientOf } from "./support/clients.js";

const locationId = "north";
const conversationId = "conv0000000000000001";
const setup = () => {
  const fake = createFake({
    clock: manualClock("2026-04-01T09:00:00.000Z"),
    rateLimit: false,
    fixtures: {
      contacts: [{ id: "contact1", locationId, fullName: "Ada", email: "ada@example.com", phone: "+15550001111" }],
      conversations: [{ id: conversationId, locationId, contactId: "contact1" }],
      messages: [{ conversationId, direction: "inbound", body: "seeded: no event" }],
    },
  });
  return { fake, client: clientOf(fake.fetch) };
};

describe("recorded events", () => {
  it("a send records OutboundMessage with the webhook's fields", async () => {
    const { fake, client } = setup();
    const sent = await client.POST("/conversations/messages", { body: { type: "SMS", contactId: "contact1", message: "Table ready", attachments: ["https://files.example.com/menu.pdf"] } });
    expect(fake.events).toEqual([
      {
        name: "OutboundMessage",
        sequence: 1,
        payload: {
          type: "OutboundMessage",
          direction: "outbound",
          source: "api",
          locationId,
          contactId: "contact1",
          conversationId,
          messageId: sent.data!.messageId,
          messageType: "SMS",
          body: "Table ready",
          contentType: "text/plain",
          attachments: ["https://files.example.com/menu.pdf"],
          dateAdded: "2026-04-01T09:00:00.000Z",
          status: "delivered",
          // What real deliveries carry beyond the vendor's field list (spec DEVIATIONS: webhook-delivered-fields).
          messageTypeId: 2,
          messageTypeString: "TYPE_SMS",
          appId: "FakeMarketplaceApp01",
          versionId: "FakeMarketplaceVer01",
          timestamp: "2026-04-01T09:00:00.000Z",
          webhookId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        },
      },
    ]);
  });

  it("simulateInbound stores the message, counts it unread and records InboundMessage", async () => {
    const { fake, client } = setup();
    // get-conversation leaves unreadCount out, as the API does; search carries it.
    const unread = async () => (await client.GET("/conversations/search", { params: { query: { locationId, id: conversationId } } })).data!.conversations[0]!.unreadCount;
    const before = await unread();
    const arrived = fake.simulateInbound({ conversationId, body: "Can I come at 8?" });
    expect(await unread()).toBe(before + 1);
    expect(fake.events.map((event) => event.name)).toEqual(["InboundMessage"]);
    expect(fake.events[0]?.payload).toMatchObject({ type: "InboundMessage", direction: "inbound", messageId: arrived.messageId, conversationId, messageType: "SMS", body: "Can I come at 8?" });
  });

  it("simulateInbound for a new contact starts a conversation; without a target it throws FakeUsageError", () => {
    const { fake } = setup();
    const arrived = fake.simulateInbound({ locationId, contactId: "newcomer", body: "hi" });
    expect(arrived.conversationId).not.toBe(conversationId);
    expect(() => fake.simulateInbound({ body: "lost" })).toThrow(FakeUsageError);
    expect(() => fake.simulateInbound({ conversationId: "missing", body: "lost" })).toThrow(FakeUsageError);
  });

  it("an update that also stars the conversation announces it starred", async () => {
    const { fake, client } = setup();
    await client.PUT("/conversations/{conversationId}", { params: { path: { conversationId } }, body: { locationId, unreadCount: 0, starred: true } });
    expect(fake.events.map((event) => event.payload)).toEqual([expect.objectContaining({ type: "ConversationUnreadUpdate", unreadCount: 0, starred: true })]);
  });

  it("marking read records ConversationUnreadUpdate once; an update that changes nothing records none", async () => {
    const { fake, client } = setup();
    const path = { conversationId };
    await client.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId, unreadCount: 0 } });
    await client.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId, unreadCount: 0, starred: true } });
    expect(fake.events.map((event) => event.payload)).toEqual([
      { type: "ConversationUnreadUpdate", locationId, id: conversationId, contactId: "contact1", unreadCount: 0, inbox: true, starred: false, deleted: false, timestamp: expect.any(String), webhookId: expect.any(String) },
    ]);
  });

  it("a custom provider's send records OutboundMessage and ProviderOutboundMessage (type = the channel; the spec's fields only)", async () => {
    const { fake, client } = setup();
    const sent = await client.POST("/conversations/messages", { body: { type: "SMS", contactId: "contact1", message: "via my provider", conversationProviderId: "provider000000000001" } });
    expect(fake.events.map((event) => event.name)).toEqual(["OutboundMessage", "ProviderOutboundMessage"]);
    expect(fake.events[1]?.payload).toEqual({
      type: "SMS",
      contactId: "contact1",
      locationId,
      messageId: sent.data!.messageId,
      attachments: [],
      message: "via my provider",
      phone: "+15550001111",
      timestamp: "2026-04-01T09:00:00.000Z",
      webhookId: expect.any(String),
    });
  });

  it("a Custom provider's messages as HighLevel delivers them: ProviderOutboundMessage type Custom, messageType Custom, TYPE_CUSTOM_PROVIDER_SMS, the sender's number", async () => {
    const fake = createFake({
      clock: manualClock("2026-04-01T09:00:00.000Z"),
      rateLimit: false,
      fixtures: { contacts: [{ id: "contact1", locationId, fullName: "Ada", email: "ada@example.com", phone: "+15550001111" }], conversations: [{ id: conversationId, locationId, contactId: "contact1" }] },
      webhooks: { app: { appId: "MyMarketplaceApp0001", versionId: "MyMarketplaceVer0001" } },
    });
    const client = clientOf(fake.fetch);
    const sent = await client.POST("/conversations/messages", { body: { type: "Custom", contactId: "contact1", message: "via my extra SMS provider", conversationProviderId: "provider000000000001" } });
    await client.POST("/conversations/messages/inbound", { body: { type: "Custom", conversationId, contactId: "contact1", conversationProviderId: "provider000000000001", message: "reply", direction: "inbound" } });
    expect(fake.events.map((event) => [event.name, event.payload.type])).toEqual([
      ["OutboundMessage", "OutboundMessage"],
      ["ProviderOutboundMessage", "Custom"],
      ["InboundMessage", "InboundMessage"],
    ]);
    expect(fake.events[0]?.payload).toMatchObject({ messageId: sent.data!.messageId, messageType: "Custom", messageTypeString: "TYPE_CUSTOM_PROVIDER_SMS", messageTypeId: 22, appId: "MyMarketplaceApp0001", versionId: "MyMarketplaceVer0001" });
    expect(fake.events[0]?.payload).not.toHaveProperty("from");
    expect(fake.events[2]?.payload).toMatchObject({ messageType: "Custom", messageTypeString: "TYPE_CUSTOM_PROVIDER_SMS", from: "+15550001111", appId: "MyMarketplaceApp0001" });
    expect(fake.events[1]?.payload).not.toHaveProperty("appId");
  });

  it("an inbound message through the API records InboundMessage too", async () => {
    const { fake, client } = setup();
    await client.POST("/conversations/messages/inbound", { body: { type: "SMS", conversationId, contactId: "contact1", conversationProviderId: "provider000000000001", message: "from provider", direction: "inbound" } });
    expect(fake.events.map((event) => event.name)).toEqual(["InboundMessage"]);
  });
});

describe("the seam", () => {
  it("onEvent listeners see each event as it happens, until they unsubscribe", async () => {
    const { fake, client } = setup();
    const seen: FakeEvent[] = [];
    const unsubscribe = fake.onEvent((event) => void seen.push(event));
    fake.simulateInbound({ conversationId, body: "one" });
    unsubscribe();
    fake.simulateInbound({ conversationId, body: "two" });
    await client.POST("/conversations/messages", { body: { type: "SMS", contactId: "contact1", message: "x" } });
    expect(seen.map((event) => event.payload)).toEqual([expect.objectContaining({ body: "one" })]);
    expect(fake.events).toHaveLength(3);
  });

  it("a listener that throws or rejects does not break the call that emitted", async () => {
    const errors: unknown[] = [];
    const fake = createFake({ rateLimit: false, fixtures: { contacts: [{ id: "c", locationId }], conversations: [{ id: conversationId, locationId, contactId: "c" }] }, onEventError: (error) => errors.push(error) });
    fake.onEvent(() => {
      throw new Error("sync boom");
    });
    fake.onEvent(async () => {
      throw new Error("async boom");
    });
    const sent = await clientOf(fake.fetch).POST("/conversations/messages", { body: { type: "SMS", contactId: "c", message: "x" } });
    expect(sent.response.status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((error) => (error as Error).message)).toEqual(["sync boom", "async boom"]);
  });

  it("reset() clears the events and returns to the fixtures; seeding records none", async () => {
    const { fake, client } = setup();
    const first = fake.simulateInbound({ conversationId, body: "x" });
    fake.reset();
    expect(fake.events).toEqual([]);
    expect((await client.GET("/conversations/messages/{id}", { params: { path: { id: first.messageId } } })).response.status).toBe(404);
    expect(fake.simulateInbound({ conversationId, body: "x" }).messageId).toBe(first.messageId);
  });
});
