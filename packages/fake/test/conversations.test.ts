// Conversations keep their state across operations: create then get, update, search, delete.
import { beforeEach, describe, expect, it } from "vitest";
import { createFake, type Fake, manualClock } from "../src/index.js";
import { specCheckedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";

const locationId = "LocAAAAAAAAAAAAAAAA1";
let fake: Fake;
let clock: ReturnType<typeof manualClock>;
const fetch = specCheckedFetch(() => fake);
const client = clientOf(fetch);
/** A conversation's unread count, from search: get-conversation leaves it out, as the API does. */
const unreadCount = async (id: string) =>
  (await client.GET("/conversations/search", { params: { query: { locationId, id } } })).data?.conversations[0]?.unreadCount;

beforeEach(() => {
  clock = manualClock("2026-03-01T10:00:00.000Z");
  fake = createFake({ clock, rateLimit: false });
});

describe("create then get", () => {
  it("answers 201 with the new conversation, and GET returns the same one", async () => {
    const created = await client.POST("/conversations/", { body: { locationId, contactId: "contact-1" } });
    expect(created.response.status).toBe(201);
    const conversation = created.data!.conversation;
    expect(conversation).toMatchObject({ locationId, contactId: "contact-1", deleted: false, dateAdded: "2026-03-01T10:00:00.000Z" });
    expect(conversation.id).toMatch(/^[0-9A-Za-z]{20}$/);

    const got = await client.GET("/conversations/{conversationId}", { params: { path: { conversationId: conversation.id } } });
    // As the API answers it: no inbox nor unreadCount, the conversation's message type codes, a traceId.
    expect(got.data).toEqual({ id: conversation.id, locationId, contactId: "contact-1", deleted: false, type: 1, starred: false, isLastMessageInternalComment: false, messageTypes: [], traceId: expect.any(String) });
  });

  it("refuses a second conversation for the same contact with a 400 naming the existing one", async () => {
    const first = await client.POST("/conversations/", { body: { locationId, contactId: "contact-1" } });
    const second = await client.POST("/conversations/", { body: { locationId, contactId: "contact-1" } });
    expect(second.response.status).toBe(400);
    expect(second.error?.message).toContain(first.data!.conversation.id);
  });

  it("answers 404 for a conversation it never made", async () => {
    const { error, response } = await client.GET("/conversations/{conversationId}", { params: { path: { conversationId: "nope0000000000000000" } } });
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ statusCode: 404, error: "Not Found" });
  });
});

describe("update", () => {
  it("stars, sets the unread count and answers the updated conversation; GET agrees", async () => {
    fake.seed({ conversations: [{ id: "conv0000000000000001", locationId, contactId: "c1" }] });
    fake.simulateInbound({ conversationId: "conv0000000000000001", body: "hi" });
    fake.simulateInbound({ conversationId: "conv0000000000000001", body: "anyone?" });
    const path = { conversationId: "conv0000000000000001" };
    expect(await unreadCount(path.conversationId)).toBe(2);

    const updated = await client.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId, starred: true, unreadCount: 0 } });
    expect(updated.data?.conversation).toMatchObject({ id: "conv0000000000000001", starred: true, unreadCount: 0, lastMessageBody: "anyone?" });
    expect((await client.GET("/conversations/{conversationId}", { params: { path } })).data).toMatchObject({ starred: true });
    expect(await unreadCount(path.conversationId)).toBe(0);
  });

  it("refuses a locationId that is not the conversation's, and a negative unread count", async () => {
    fake.seed({ conversations: [{ id: "conv0000000000000001", locationId, contactId: "c1" }] });
    const path = { conversationId: "conv0000000000000001" };
    expect((await client.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId: "elsewhere" } })).response.status).toBe(400);
    expect((await client.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId, unreadCount: -1 } })).response.status).toBe(400);
  });
});

describe("feedback, whose type depends on the API version", () => {
  it("takes v3's positive or negative from a v3 client and 2021-04-15's object from a default one; refuses other values", async () => {
    fake.seed({ conversations: [{ id: "conv0000000000000001", locationId, contactId: "c1" }] });
    const path = { conversationId: "conv0000000000000001" };
    const v3 = clientOf(fetch, { apiVersion: "v3" });
    expect((await v3.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId, feedback: "positive" } })).response.status).toBe(200);
    expect((await client.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId, feedback: {} } })).response.status).toBe(200);
    // @ts-expect-error not a feedback of either version
    expect((await v3.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId, feedback: "great" } })).response.status).toBe(400);
  });
});

describe("delete", () => {
  it("removes the conversation and its messages: GET, its messages and search no longer find them", async () => {
    fake.seed({
      conversations: [{ id: "conv0000000000000001", locationId, contactId: "c1" }],
      messages: [{ id: "msg00000000000000001", conversationId: "conv0000000000000001", direction: "inbound", body: "hi" }],
    });
    const path = { conversationId: "conv0000000000000001" };
    expect((await client.DELETE("/conversations/{conversationId}", { params: { path } })).data).toEqual({ success: true, traceId: expect.any(String) });
    expect((await client.GET("/conversations/{conversationId}", { params: { path } })).response.status).toBe(404);
    expect((await client.GET("/conversations/{conversationId}/messages", { params: { path } })).response.status).toBe(404);
    expect((await client.GET("/conversations/messages/{id}", { params: { path: { id: "msg00000000000000001" } } })).response.status).toBe(404);
    expect((await client.GET("/conversations/search", { params: { query: { locationId } } })).data).toEqual({ conversations: [], total: 0, traceId: expect.any(String) });
    expect((await client.DELETE("/conversations/{conversationId}", { params: { path } })).response.status).toBe(404);
  });
});
