// A whole conversation, as a consumer's test would run it: create, send, a reply arrives, the
// events are recorded, mark read, page through the history; every read agrees with what
// happened. Once in process and once over HTTP.
import { afterAll, describe, expect, it } from "vitest";
import { createFake, type Fake, manualClock, startFake } from "../src/index.js";
import { checkedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";

const locationId = "LocFlow000000000001";
const contactId = "ContactFlow00000001";

async function runFlow(fake: Fake, fetch: (request: Request) => Promise<Response>, advance: (ms: number) => void) {
  const checked = checkedFetch(fetch);
  const client = clientOf(checked);
  fake.seed({ contacts: [{ id: contactId, locationId, fullName: "Lin Wu", phone: "+15550002222" }] });

  const { conversation } = await client.unwrap(client.POST("/conversations/", { body: { locationId, contactId } }));
  for (let i = 1; i <= 30; i++) {
    advance(60_000);
    if (i % 3 === 0) fake.simulateInbound({ conversationId: conversation.id, body: `reply ${i}` });
    else await client.unwrap(client.POST("/conversations/messages", { body: { type: "SMS", contactId, message: `note ${i}` } }));
  }
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

  // The history, newest first, page by page: every message once, in the order it happened.
  const history: string[] = [];
  for await (const message of client.conversationMessages(conversation.id, {}, { pageSize: 7 })) history.push(message.body ?? "");
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
    await runFlow(fake, (request) => fake.fetch(request), (ms) => clock.advance(ms));
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
      (ms) => clock.advance(ms),
    );
  });
});
