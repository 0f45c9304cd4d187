// Which version wins: whatever order the same facts arrive in (webhooks reordered, duplicated, a
// page read before or after them), the mirror ends with the newest by the API's dates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../src/database.js";
import { conversationFromSearch, conversationFromUnreadUpdate, messageFromApi, messageFromWebhook } from "../src/rows.js";
import { upsertConversations, upsertMessages } from "../src/store.js";
import { copyEmbeddedTemplate } from "./support/embedded-directory.js";

let db: Database;
let remove: () => Promise<void>;
beforeAll(async () => {
  const copy = await copyEmbeddedTemplate();
  remove = copy.remove;
  db = await openDatabase(copy.directory);
});
afterAll(async () => {
  await db?.close();
  await remove?.();
});

const LOCATION = "locVersions";
type Fact = (id: string) => Promise<void>;

const write = {
  search: (fields: Record<string, unknown>, observedAt: number): Fact => (id) =>
    db.transaction((tx) => upsertConversations(tx, [conversationFromSearch({ id, locationId: LOCATION, contactId: "c1", ...fields }, LOCATION, observedAt, null)!], 1)).then(() => {}),
  unread: (unreadCount: number, timestamp: string): Fact => (id) =>
    db.transaction((tx) => upsertConversations(tx, [conversationFromUnreadUpdate({ type: "ConversationUnreadUpdate", id, locationId: LOCATION, contactId: "c1", unreadCount, timestamp }, 0)!], 1)).then(() => {}),
  webhookMessage: (fields: Record<string, unknown>): Fact => (id) =>
    db.transaction((tx) => upsertMessages(tx, [messageFromWebhook({ locationId: LOCATION, contactId: "c1", conversationId: id, ...fields, messageId: `${id}:${fields.messageId}` }, 0)!], 1)).then(() => {}),
  apiMessage: (fields: Record<string, unknown>, observedAt: number): Fact => (id) =>
    db.transaction((tx) => upsertMessages(tx, [messageFromApi({ locationId: LOCATION, contactId: "c1", conversationId: id, ...fields, id: `${id}:${fields.id}` }, LOCATION, observedAt, null)!], 1)).then(() => {}),
};

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

let counter = 0;
async function finalRows(facts: Fact[]) {
  const id = `conv-${++counter}`;
  for (const fact of facts) await fact(id);
  const [conversation] = await db.query("SELECT unread_count, last_message_body, last_message_date, full_name FROM conversations WHERE id = $1", [id]);
  const messages = await db.query("SELECT id, status, message_type, body, complete FROM messages WHERE conversation_id = $1 ORDER BY id", [id]);
  return { conversation, messages };
}

describe("the newest version wins, in any order", () => {
  it("unread counts: the latest webhook timestamp or search read, whatever arrives last", async () => {
    const facts = [
      write.unread(0, "2026-03-01T10:00:02.000Z"),
      write.unread(4, "2026-03-01T10:00:01.000Z"),
      write.search({ unreadCount: 7, fullName: "Ada", sort: [1_000] }, Date.parse("2026-03-01T10:00:00.000Z")),
    ];
    for (const order of permutations(facts)) {
      expect((await finalRows(order)).conversation).toMatchObject({ unread_count: 0, full_name: "Ada" });
    }
  });

  it("a message: the read version beats an older webhook, duplicates change nothing, and the type a webhook lacks is kept", async () => {
    const dateAdded = "2026-03-01T09:00:00.000Z";
    const facts = [
      write.webhookMessage({ type: "OutboundMessage", messageId: "m1", messageType: "SMS", direction: "outbound", status: "pending", body: "hi", dateAdded, timestamp: "2026-03-01T09:00:00.500Z" }),
      write.webhookMessage({ type: "OutboundMessage", messageId: "m1", messageType: "SMS", direction: "outbound", status: "pending", body: "hi", dateAdded, timestamp: "2026-03-01T09:00:00.500Z" }),
      write.apiMessage({ id: "m1", messageType: "TYPE_SMS", type: 2, direction: "outbound", status: "delivered", body: "hi", dateAdded }, Date.parse("2026-03-01T09:00:05.000Z")),
    ];
    for (const order of permutations(facts)) {
      const { messages, conversation } = await finalRows(order);
      expect(messages).toEqual([{ id: expect.stringMatching(/:m1$/), status: "delivered", message_type: "TYPE_SMS", body: "hi", complete: true }]);
      expect(conversation).toMatchObject({ last_message_body: "hi", last_message_date: Date.parse(dateAdded) });
    }
  });

  it("the last message: the newest date, from a search document or a message", async () => {
    const facts = [
      write.search({ unreadCount: 0, lastMessageBody: "search says", sort: [2_000] }, 5_000),
      write.webhookMessage({ type: "InboundMessage", messageId: "old", messageType: "SMS", direction: "inbound", body: "older", dateAdded: 1_500, timestamp: "1970-01-01T00:00:01.600Z" }),
    ];
    for (const order of permutations(facts)) {
      expect((await finalRows(order)).conversation).toMatchObject({ last_message_body: "search says", last_message_date: 2_000 });
    }
    // Read at 2.5 s, a message of 3 s is newer than the read: its body shows, and it is unread.
    const newer = await finalRows([write.search({ unreadCount: 0, lastMessageBody: "search says", sort: [2_000] }, 2_500), write.webhookMessage({ type: "InboundMessage", messageId: "new-1", messageType: "SMS", direction: "inbound", body: "newer", dateAdded: 3_000, timestamp: "1970-01-01T00:00:03.100Z" })]);
    expect(newer.conversation).toMatchObject({ last_message_body: "newer", last_message_date: 3_000, unread_count: 1 });
  });

  it("an inbound message counts as unread once, and only when it came after the count was known", async () => {
    const inbound = (messageId: string, at: number) =>
      write.webhookMessage({ type: "InboundMessage", messageId, messageType: "SMS", direction: "inbound", body: "x", dateAdded: at, timestamp: new Date(at + 10).toISOString() });
    const result = await finalRows([
      write.unread(0, new Date(10_000).toISOString()),
      inbound("before-read", 9_000), // counted in the 0 already
      inbound("after-read", 11_000),
      inbound("after-read", 11_000), // a duplicate delivery
      inbound("after-read-2", 12_000),
    ]);
    expect(result.conversation).toMatchObject({ unread_count: 2 });
  });
});
