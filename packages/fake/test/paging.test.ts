// The vendor's paging rules: search pages with startAfterDate = the `sort` value of the last
// document (sort order and total as the API gives them), a conversation's messages with
// lastMessageId while nextPage is true, export with nextCursor. The client's own iterators page
// through the fake to the end, seeing every item once.
import { beforeEach, describe, expect, it } from "vitest";
import { createFake, type Fake, type Fixtures, manualClock, type MessageFixture } from "../src/index.js";
import { specCheckedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";

const locationId = "LocAAAAAAAAAAAAAAAA1";
const start = Date.parse("2026-01-01T00:00:00.000Z");
const minutes = (n: number) => new Date(start + n * 60_000).toISOString();
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(20 - prefix.length, "0")}`;

/** 25 conversations; conversation i's last message is at minute i (two share minute 7, to test ties). */
function fixtures(): Fixtures {
  const conversations = Array.from({ length: 25 }, (_, i) => ({ id: id("conv", i), locationId, contactId: id("contact", i) }));
  const messages: MessageFixture[] = conversations.map((conversation, i) => ({
    conversationId: conversation.id,
    direction: "inbound" as const,
    body: `message ${i}`,
    dateAdded: minutes(i === 8 ? 7 : i),
  }));
  // Conversation 0 has a long history: 45 messages.
  for (let n = 1; n < 45; n++) messages.push({ conversationId: id("conv", 0), direction: n % 2 ? ("outbound" as const) : ("inbound" as const), body: `history ${n}`, dateAdded: minutes(-100 + n) });
  return { conversations, messages };
}

let fake: Fake;
const fetch = specCheckedFetch(() => fake);
const client = clientOf(fetch);

beforeEach(() => {
  fake = createFake({ clock: manualClock("2026-02-01T00:00:00.000Z"), rateLimit: false, fixtures: fixtures() });
});

describe("search paging", () => {
  it("pages newest first with startAfterDate = the last document's sort value, total counting every match", async () => {
    const seen: string[] = [];
    let startAfterDate: number[] | undefined;
    for (let page = 0; page < 10; page++) {
      const { data } = await client.GET("/conversations/search", { params: { query: { locationId, limit: 10, ...(startAfterDate ? { startAfterDate } : {}) } } });
      expect(data?.total).toBe(25);
      seen.push(...data!.conversations.map((conversation) => conversation.id));
      if (data!.conversations.length < 10) break;
      startAfterDate = data!.conversations.at(-1)!.sort;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe(id("conv", 24));
    // The two conversations at minute 7 both come, once each, in creation order reversed.
    expect(seen.indexOf(id("conv", 8))).toBe(seen.indexOf(id("conv", 7)) - 1);
  });

  it("pages oldest first with sort=asc", async () => {
    const first = await client.GET("/conversations/search", { params: { query: { locationId, sort: "asc", limit: 3 } } });
    expect(first.data?.conversations.map((c) => c.id)).toEqual([id("conv", 0), id("conv", 1), id("conv", 2)]);
    const next = await client.GET("/conversations/search", { params: { query: { locationId, sort: "asc", limit: 3, startAfterDate: first.data!.conversations.at(-1)!.sort } } });
    expect(next.data?.conversations.map((c) => c.id)).toEqual([id("conv", 3), id("conv", 4), id("conv", 5)]);
  });

  it("takes a single number as startAfterDate: documents strictly after that date", async () => {
    const { data } = await client.GET("/conversations/search", { params: { query: { locationId, startAfterDate: [Date.parse(minutes(3))] } } });
    expect(data?.conversations.map((c) => c.id)).toEqual([id("conv", 2), id("conv", 1), id("conv", 0)]);
  });

  it("the client's searchConversations iterator sees every conversation once", async () => {
    const ids: string[] = [];
    for await (const conversation of client.searchConversations({ locationId }, { pageSize: 7 })) ids.push(conversation.id);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
  });
});

describe("a conversation's messages", () => {
  it("pages newest first with lastMessageId while nextPage is true", async () => {
    const conversationId = id("conv", 0);
    const bodies: string[] = [];
    let lastMessageId: string | undefined;
    let pages = 0;
    for (;;) {
      const { data } = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId }, query: { limit: 20, ...(lastMessageId ? { lastMessageId } : {}) } } });
      const page = data!.messages;
      pages += 1;
      bodies.push(...page.messages.map((message) => message.body!));
      expect(page.lastMessageId).toBe(page.messages.at(-1)?.id);
      if (!page.nextPage) break;
      lastMessageId = page.lastMessageId;
    }
    expect(pages).toBe(3);
    expect(bodies).toHaveLength(45);
    expect(bodies[0]).toBe("message 0");
    expect(bodies.slice(1, 4)).toEqual(["history 44", "history 43", "history 42"]);
  });

  it("the client's conversationMessages iterator agrees", async () => {
    const ids: string[] = [];
    for await (const message of client.conversationMessages(id("conv", 0), {}, { pageSize: 8 })) ids.push(message.id);
    expect(new Set(ids).size).toBe(45);
  });

  it("answers 400 for a lastMessageId of another conversation", async () => {
    const other = (await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId: id("conv", 1) } } })).data!.messages.lastMessageId;
    const { response } = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId: id("conv", 0) }, query: { lastMessageId: other } } });
    expect(response.status).toBe(400);
  });
});

describe("export", () => {
  it("pages with nextCursor until there is none, newest first by default, with the total", async () => {
    const ids: string[] = [];
    const dates: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const { data } = await client.GET("/conversations/messages/export", { params: { query: { locationId, limit: 10, ...(cursor ? { cursor } : {}) } } });
      expect(data?.total).toBe(69);
      ids.push(...data!.messages.map((message) => message.id));
      dates.push(...data!.messages.map((message) => message.dateAdded));
      if (!data!.nextCursor) break;
      cursor = data!.nextCursor;
    }
    expect(ids).toHaveLength(69);
    expect(new Set(ids).size).toBe(69);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("filters by conversation, channel and dates, and the client's exportMessages iterator agrees", async () => {
    const history: string[] = [];
    for await (const message of client.exportMessages({ locationId, conversationId: id("conv", 0), channel: "SMS", sortOrder: "asc" }, { pageSize: 10 })) history.push(message.body!);
    expect(history).toHaveLength(45);
    expect(history[0]).toBe("history 1");
    const window = await client.GET("/conversations/messages/export", { params: { query: { locationId, startDate: minutes(10), endDate: minutes(12) } } });
    expect(window.data?.messages.map((message) => message.body)).toEqual(["message 12", "message 11", "message 10"]);
    const calls = await client.GET("/conversations/messages/export", { params: { query: { locationId, channel: "Call" } } });
    expect(calls.data).toEqual({ messages: [], total: 0, traceId: expect.any(String) });
  });

  it("takes a date alone (v3's examples, which the spec accepts) as that whole UTC day, and refuses what is not a date", async () => {
    const day = async (startDate: string, endDate: string) =>
      (await client.GET("/conversations/messages/export", { params: { query: { locationId, startDate, endDate, limit: 100 } } })).data?.total;
    // Conversation i's message is at minute i of 2026-01-01; conversation 0's history the day before.
    expect(await day("2026-01-01", "2026-01-01")).toBe(25);
    expect(await day("2025-12-31", "2025-12-31")).toBe(44);
    expect(await day("2025-12-31", "2026-01-01T00:05:00.000Z")).toBe(44 + 6);
    expect((await client.GET("/conversations/messages/export", { params: { query: { locationId, startDate: "yesterday" } } })).response.status).toBe(400);
  });

  it("answers 400 for a cursor it did not make, or one made for another sort", async () => {
    expect((await client.GET("/conversations/messages/export", { params: { query: { locationId, cursor: "not-a-cursor" } } })).response.status).toBe(400);
    const { data } = await client.GET("/conversations/messages/export", { params: { query: { locationId, limit: 10 } } });
    const other = await client.GET("/conversations/messages/export", { params: { query: { locationId, limit: 10, sortOrder: "asc", cursor: data!.nextCursor! } } });
    expect(other.response.status).toBe(400);
  });
});
