// A whole conversation, as a consumer's test would run it: create, send, a reply arrives, each
// event is delivered as a signed webhook to a real receiver on 127.0.0.1 that verifies it with
// `unwrap`, mark read, page through the history; every read and every webhook agrees with what
// happened. Once in process and once over HTTP.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createFake, type Fake, manualClock, type ManualClock, startFake } from "../src/index.js";
import { checkedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";
import { type Receiver, startReceiver } from "./support/receiver.js";

const locationId = "LocFlow000000000001";
const contactId = "ContactFlow00000001";

let receiver: Receiver | undefined;
afterEach(() => receiver?.stop());

async function runFlow(fake: Fake, fetch: (request: Request) => Promise<Response>, clock: ManualClock) {
  const advance = (ms: number) => clock.advance(ms);
  const checked = checkedFetch(fetch);
  const client = clientOf(checked);
  // The receiver trusts the fake's public key, and reads the fake's clock for the timestamp window.
  receiver = await startReceiver({ publicKey: fake.webhooks.publicKey, now: () => clock.now() });
  fake.webhooks.setUrls({ appUrl: receiver.appUrl });
  fake.seed({ contacts: [{ id: contactId, locationId, fullName: "Lin Wu", phone: "+15550002222" }] });

  const { conversation } = await client.unwrap(client.POST("/conversations/", { body: { locationId, contactId } }));
  for (let i = 1; i <= 30; i++) {
    // Deliveries settle before the clock moves on: they carry the time of their event, and the
    // receiver, reading the same clock, refuses one older than its 5-minute window.
    await fake.webhooks.idle();
    advance(60_000);
    if (i % 3 === 0) fake.simulateInbound({ conversationId: conversation.id, body: `reply ${i}` });
    else await client.unwrap(client.POST("/conversations/messages", { body: { type: "SMS", contactId, message: `note ${i}` } }));
  }
  await fake.webhooks.idle();
  advance(60_000);
  const reply = fake.simulateInbound({ conversationId: conversation.id, body: "See you at 8" });

  // The events: 20 sends, 11 replies, in order.
  expect(fake.events.filter((event) => event.name === "OutboundMessage")).toHaveLength(20);
  expect(fake.events.filter((event) => event.name === "InboundMessage")).toHaveLength(11);
  expect(fake.events.at(-1)?.payload).toMatchObject({ type: "InboundMessage", messageId: reply.messageId, body: "See you at 8" });

  // Unread: the 11 replies, and search agrees.
  const unread = await client.unwrap(client.GET("/conversations/search", { params: { query: { locationId, status: "unread" } } }));
  expect(unread.conversations).toEqual([expect.objectContaining({ id: conversation.id, unreadCount: 11, lastMessageBody: "See you at 8", fullName: "Lin Wu" })]);

  // Mark read: one ConversationUnreadUpdate; nothing unread any more.
  await client.unwrap(client.PUT("/conversations/{conversationId}", { params: { path: { conversationId: conversation.id } }, body: { locationId, unreadCount: 0 } }));
  expect(fake.events.at(-1)).toMatchObject({ name: "ConversationUnreadUpdate", payload: { id: conversation.id, unreadCount: 0 } });
  expect((await client.unwrap(client.GET("/conversations/search", { params: { query: { locationId, status: "unread" } } }))).total).toBe(0);

  // The webhooks: every event delivered once, signed, verified by the receiver, and the same as recorded.
  const deliveries = await fake.webhooks.idle();
  expect(deliveries.map((delivery) => [delivery.event.sequence, delivery.state, delivery.attempts.length])).toEqual(fake.events.map((event) => [event.sequence, "delivered", 1]));
  expect(receiver.refused).toEqual([]);
  const received = new Map(receiver.received.map(({ payload }) => [payload.webhookId, payload]));
  expect(received.size).toBe(32);
  for (const event of fake.events) expect(received.get(event.payload.webhookId), `${event.name} ${event.sequence}`).toEqual(event.payload);
  const receivedReply = received.get(fake.events.find((event) => event.name === "InboundMessage" && event.payload.messageId === reply.messageId)?.payload.webhookId);
  expect(receivedReply).toMatchObject({ type: "InboundMessage", conversationId: conversation.id, contactId, messageType: "SMS", body: "See you at 8" });
  const receivedRead = [...received.values()].filter((payload) => payload.type === "ConversationUnreadUpdate");
  expect(receivedRead).toEqual([expect.objectContaining({ id: conversation.id, contactId, unreadCount: 0 })]);

  // The history, newest first, page by page: every message once, in the order it happened, each
  // one the receiver was told of.
  const history: string[] = [];
  const historyIds: string[] = [];
  for await (const message of client.conversationMessages(conversation.id, {}, { pageSize: 7 })) {
    history.push(message.body ?? "");
    historyIds.push(message.id);
  }
  expect(historyIds.sort()).toEqual([...received.values()].flatMap((payload) => (payload.messageId ? [payload.messageId] : [])).sort());
  expect(history).toHaveLength(31);
  expect(history[0]).toBe("See you at 8");
  expect(history.at(-1)).toBe("note 1");
  expect(history.filter((body) => body.startsWith("reply"))).toEqual(["reply 30", "reply 27", "reply 24", "reply 21", "reply 18", "reply 15", "reply 12", "reply 9", "reply 6", "reply 3"]);

  // Export sees the same 31.
  let exported = 0;
  for await (const _ of client.exportMessages({ locationId, conversationId: conversation.id }, { pageSize: 10 })) exported += 1;
  expect(exported).toBe(31);
  expect(checked.violations).toEqual([]);
  expect(checked.checked).toBeGreaterThan(30);
}

describe("the flow", () => {
  it("in process", async () => {
    const clock = manualClock("2026-05-01T08:00:00.000Z");
    const fake = createFake({ clock });
    await runFlow(fake, (request) => fake.fetch(request), clock);
  });

  let running: Awaited<ReturnType<typeof startFake>> | undefined;
  afterAll(() => running?.stop());

  it("over HTTP", async () => {
    const clock = manualClock("2026-05-01T08:00:00.000Z");
    running = await startFake({ clock });
    const base = new URL(running.url);
    await runFlow(
      running.fake,
      (request) => {
        const url = new URL(request.url);
        url.protocol = base.protocol;
        url.host = base.host;
        return fetch(new Request(url, request));
      },
      clock,
    );
  });
});
