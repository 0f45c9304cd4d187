// The digest end to end against the stateful fake (`@conversations-api/fake`), through the real
// client: it pages through every unread conversation, sees a reply that just arrived and stops
// listing it once it is read, and gets through a 429 storm by waiting as the headers ask.
// (digest.test.ts runs the same code against the mock's static examples.)
import { createConversationsClient, type Transport } from "@conversations-api/client";
import { createFake, type Fake, type Fixtures, manualClock, startFake } from "@conversations-api/fake";
import { afterAll, describe, expect, it } from "vitest";
import { collectUnreadDigest } from "../src/digest.js";
import { renderDigest } from "../src/render.js";

const locationId = "DigestLocation000001";
const minute = (n: number) => new Date(Date.UTC(2026, 4, 1, 9, n)).toISOString();

/** `unread` conversations with an inbound message each (conversation i at minute i), and 3 read ones. */
function inbox(unread: number): Fixtures {
  const contacts = Array.from({ length: unread + 3 }, (_, i) => ({ id: `contact${String(i).padStart(13, "0")}`, locationId, fullName: `Customer ${i}`, phone: `+1555000${String(i).padStart(4, "0")}` }));
  const conversations = contacts.map((contact, i) => ({ id: `conv${String(i).padStart(16, "0")}`, locationId, contactId: contact.id, ...(i >= unread ? { unreadCount: 0 } : {}) }));
  const messages = conversations.flatMap((conversation, i) => [
    { conversationId: conversation.id, direction: "outbound" as const, body: `Hello ${i}`, dateAdded: minute(i) },
    { conversationId: conversation.id, direction: "inbound" as const, body: `Question ${i}`, dateAdded: minute(i + 1) },
  ]);
  return { contacts, conversations, messages };
}

/** A client of `fake`: `fetch` gets the attempt's signal as its second argument and passes it on. */
const clientOf = (fake: Fake, fetch: Transport = (request, init) => fake.fetch(request, init)) => createConversationsClient({ token: "digest-token", fetch });

describe("collectUnreadDigest against the fake", () => {
  it("pages through every unread conversation, newest activity first, each with its latest messages", async () => {
    const fake = createFake({ fixtures: inbox(45), rateLimit: false });
    const searches: URL[] = [];
    const client = clientOf(fake, (request, init) => {
      const url = new URL(request.url);
      if (url.pathname === "/conversations/search") searches.push(url);
      return fake.fetch(request, init);
    });
    const digest = await collectUnreadDigest(client, { locationId, pageSize: 20, messagesPerConversation: 2 }, new Date("2026-05-02T00:00:00Z"));
    // Three pages (20, 20, 5), each after the last one's sort value; then the fake's total says it is all.
    expect(searches.map((url) => url.searchParams.get("startAfterDate") !== null)).toEqual([false, true, true]);
    expect(digest.truncated).toBe(false);
    expect(digest.entries).toHaveLength(45);
    expect(digest.entries.map((entry) => entry.contactName)).toEqual(Array.from({ length: 45 }, (_, i) => `Customer ${44 - i}`));
    expect(digest.entries[0]).toEqual({
      conversationId: "conv0000000000000044",
      contactName: "Customer 44",
      channel: "TYPE_SMS",
      unreadCount: 1,
      latestMessages: [
        { direction: "inbound", messageType: "TYPE_SMS", dateAdded: minute(45), body: "Question 44" },
        { direction: "outbound", messageType: "TYPE_SMS", dateAdded: minute(44), body: "Hello 44" },
      ],
    });
  });

  it("a reply that just arrived comes first; once read it is no longer in the digest", async () => {
    const clock = manualClock("2026-05-01T12:00:00.000Z");
    const fake = createFake({ fixtures: inbox(3), clock, rateLimit: false });
    const client = clientOf(fake);
    const readOne = "conv0000000000000004";
    fake.simulateInbound({ conversationId: readOne, body: "Are you open tomorrow?" });

    const before = await collectUnreadDigest(client, { locationId });
    expect(before.entries).toHaveLength(4);
    expect(before.entries[0]).toMatchObject({ conversationId: readOne, unreadCount: 1 });
    expect(before.entries[0]?.latestMessages[0]).toMatchObject({ body: "Are you open tomorrow?", direction: "inbound" });
    expect(renderDigest(before)).toContain("<- 2026-05-01 12:00  Are you open tomorrow?");

    await client.unwrap(client.PUT("/conversations/{conversationId}", { params: { path: { conversationId: readOne } }, body: { locationId, unreadCount: 0 } }));
    const after = await collectUnreadDigest(client, { locationId });
    expect(after.entries).toHaveLength(3);
    expect(after.entries.map((entry) => entry.conversationId)).not.toContain(readOne);
    expect(fake.events.map((event) => event.name)).toEqual(["InboundMessage", "ConversationUnreadUpdate"]);
  });

  it("gets through a 429 storm: the vendor's headers, 5 requests a second, every conversation still in", async () => {
    const fake = createFake({ fixtures: inbox(12), rateLimit: { max: 5, intervalMs: 1000 } });
    const statuses: number[] = [];
    const client = clientOf(fake, async (request, init) => {
      const response = await fake.fetch(request, init);
      statuses.push(response.status);
      return response;
    });
    const digest = await collectUnreadDigest(client, { locationId, pageSize: 20 });
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    expect(digest.entries).toHaveLength(12);
    expect(digest.entries.filter((entry) => entry.messagesError)).toEqual([]);
  });

  it("gets through injected 429s on the search too", async () => {
    const fake = createFake({ fixtures: inbox(2), rateLimit: false });
    const storm = fake.faults.add({ operation: "search-conversation", status: 429, retryAfter: 0, times: 2 });
    const digest = await collectUnreadDigest(clientOf(fake), { locationId });
    expect(storm.hits).toBe(2);
    expect(digest.entries).toHaveLength(2);
  });
});

describe("collectUnreadDigest against the fake over HTTP", () => {
  let running: Awaited<ReturnType<typeof startFake>> | undefined;
  afterAll(() => running?.stop());

  it("gives the same digest as in process", async () => {
    running = await startFake({ fixtures: inbox(5), rateLimit: false });
    const client = createConversationsClient({ token: "digest-token", baseUrl: running.url });
    const overHttp = await collectUnreadDigest(client, { locationId }, new Date(0));
    const inProcess = await collectUnreadDigest(clientOf(createFake({ fixtures: inbox(5), rateLimit: false })), { locationId }, new Date(0));
    expect(overHttp).toEqual(inProcess);
    expect(overHttp.entries).toHaveLength(5);
  });
});
