// The fake against the fixtures: for each operation with a real answer on file, the fake's answer
// has the same shape (the same wrappers and top-level fields, and the same JSON type wherever both
// carry a field: the date encodings, numbers where the documentation says strings), and leaves
// out what the real answer leaves out. The values differ; the shapes may not.
import { createConversationsClient } from "@conversations-api/client";
import { createFake, manualClock } from "@conversations-api/fake";
import { describe, expect, it } from "vitest";
import { fixture } from "./support/fixtures.js";

const locationId = "Lc9Wq4ErT7yUi2OpA5sD";
const contactId = "Ct1Fg6HjK3lZx8CvB4nM";
const conversationId = "Cv5Qw2ErT9yUi6OpA3sD";
const callId = "Kp4Lm9NbV2cX7zAs1dFg";

const fake = createFake({
  clock: manualClock("2026-07-17T14:10:00.000Z"),
  rateLimit: false,
  fixtures: {
    contacts: [{ id: contactId, locationId, fullName: "Dana Whitfield", phone: "+15550003344" }],
    conversations: [{ id: conversationId, locationId, contactId, assignedTo: "Us8Yt3ReW6qAz1XsC4vB", followers: ["Us8Yt3ReW6qAz1XsC4vB"] }],
    messages: [
      { id: callId, conversationId, direction: "outbound", messageType: "TYPE_CALL", dateAdded: "2026-07-17T13:40:00.000Z", callDuration: 47, callStatus: "completed", altId: "CA0a1b2c3d4e5f60718293a4b5c6d7e8f9", userId: "Us8Yt3ReW6qAz1XsC4vB" },
      { conversationId, direction: "inbound", body: "Running ten minutes late, sorry!", dateAdded: "2026-07-17T14:02:11.408Z" },
    ],
  },
});
const client = createConversationsClient({ token: "reality-token", fetch: fake.fetch, maxRetries: 0 });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const kind = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** Where `actual` has another JSON type than `expected` for a field both carry ("null" matches anything: a field the API sends as null or as a value). */
function typeMismatches(expected: unknown, actual: unknown, at = ""): string[] {
  if (expected === null || actual === null) return [];
  if (kind(expected) !== kind(actual)) return [`${at || "/"}: ${kind(expected)} in the real answer, ${kind(actual)} from the fake`];
  if (Array.isArray(expected)) return expected.length && (actual as Json[]).length ? typeMismatches(expected[0], (actual as Json[])[0], `${at}/0`) : [];
  if (typeof expected !== "object") return [];
  return Object.keys(expected as object)
    .filter((key) => key in (actual as object))
    .flatMap((key) => typeMismatches((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${at}/${key}`));
}

/** The fake's answer in the fixture's shape: its wrappers and top-level fields, the same types, and nothing the real answer leaves out. */
function expectShapeOf(name: string, answer: unknown, { absent = [] as string[] } = {}) {
  const real = fixture(name).body as Record<string, unknown>;
  expect(Object.keys(real).filter((key) => !(key in (answer as object))), `${name}: fields the fake leaves out`).toEqual([]);
  expect(typeMismatches(real, answer), name).toEqual([]);
  for (const key of absent) expect(answer, `${name}: ${key}, which the real answer leaves out`).not.toHaveProperty(key);
}

describe("the fake answers in the shapes of the real answers", () => {
  it("get-messages: the page wrapped in messages, beside traceId; its items as the API sends them", async () => {
    const { data } = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId } } });
    expectShapeOf("get-messages.real", data);
    expect(typeMismatches(fixture("get-messages.real").body, { messages: { messages: [data?.messages.messages.find((m) => m.id === callId)] } })).toEqual([]);
  });

  it("get-message: wrapped in message; a call's details in meta.call", async () => {
    const { data } = await client.GET("/conversations/messages/{id}", { params: { path: { id: callId } } });
    expectShapeOf("get-message.real", data);
    expect(data?.message.meta).toEqual({ call: { duration: 47, status: "completed" } });
  });

  it("get-email-by-id: wrapped in emailMessage", async () => {
    const sent = await client.unwrap(client.POST("/conversations/messages", { body: { type: "Email", contactId, emailTo: "dana@example.org", subject: "Your fitting on Monday", html: "<p>See you at 10.</p>" } }));
    const { data } = await client.GET("/conversations/messages/email/{id}", { params: { path: { id: sent.emailMessageId! } } });
    expectShapeOf("get-email-by-id.real", data);
  });

  it("get-conversation: flat, { seconds, nanoseconds }, a numeric lastMessageType, without inbox and unreadCount", async () => {
    const { data } = await client.GET("/conversations/{conversationId}", { params: { path: { conversationId } } });
    expectShapeOf("get-conversation.real", data, { absent: ["inbox", "unreadCount"] });
  });

  it("search-conversation: epoch-ms dates and sort, null email, the undocumented fields", async () => {
    const { data } = await client.GET("/conversations/search", { params: { query: { locationId } } });
    expectShapeOf("search-conversation.real", data);
    const real = (fixture("search-conversation.real").body as { conversations: object[] }).conversations[0]!;
    const found = data!.conversations.find((conversation) => conversation.id === conversationId)!;
    expect(Object.keys(real).filter((key) => !(key in found)), "search item fields the fake leaves out").toEqual([]);
    expect(found.email).toBeNull();
  });

  it("update-conversation: ISO dates, a numeric lastMessageType", async () => {
    const { data } = await client.PUT("/conversations/{conversationId}", { params: { path: { conversationId } }, body: { locationId, unreadCount: 0, starred: true } });
    expectShapeOf("update-conversation.real", data);
  });

  it("send-a-new-message: the ids and traceId, no status", async () => {
    const { data } = await client.POST("/conversations/messages", { body: { type: "SMS", contactId, message: "See you soon" } });
    expectShapeOf("send-a-new-message.real", data, { absent: ["status", "msg"] });
  });

  it("delete-conversation: success and traceId", async () => {
    const { data } = await client.DELETE("/conversations/{conversationId}", { params: { path: { conversationId } } });
    expectShapeOf("delete-conversation.real", data);
  });

  it("an error: statusCode, message, error, traceId", async () => {
    const { error } = await client.POST("/conversations/", { body: { locationId, contactId: "Ct4Hj7Kl0Zx3Cv6Bn9Mq" } });
    expect(error).toBeUndefined();
    const again = await client.POST("/conversations/", { body: { locationId, contactId: "Ct4Hj7Kl0Zx3Cv6Bn9Mq" } });
    expectShapeOf("create-conversation.400.real", again.error);
  });
});
