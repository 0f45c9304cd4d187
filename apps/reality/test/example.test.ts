// The example of the issue: what a user writes against the real answers, with the types the
// client gives and no cast. It reads the wrapped page (`data.messages.messages`), the wrapped
// message (`data.message.id`), `traceId`, and a `lastMessageDate` in whichever encoding arrives.
import { createConversationsClient, toDate } from "@conversations-api/client";
import { expect, it } from "vitest";
import { serving } from "./support/fixtures.js";

it("reads the real answers with full types and no casts", async () => {
  const client = createConversationsClient({
    token: "reality-token",
    fetch: serving("get-messages.real", "get-message.real", "get-conversation.real", "search-conversation.real"),
  });
  const conversationId = "Cv5Qw2ErT9yUi6OpA3sD";

  // A page of messages: the wire wraps it in `messages`, beside the request's `traceId`.
  const { data, error } = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId } } });
  if (error) throw new Error(`get-messages failed: ${error.statusCode}`);
  const page = data.messages;
  const lines = page.messages.map((message) => `${message.direction} ${message.messageType}: ${message.body ?? message.activity?.title ?? ""}`);
  const traceId: string | undefined = data.traceId;

  // One message: wrapped in `message`.
  const { message } = await client.unwrap(client.GET("/conversations/messages/{id}", { params: { path: { id: "Kp4Lm9NbV2cX7zAs1dFg" } } }));
  const callSeconds: number | undefined = message.meta?.call?.duration;

  // The same date, as get-conversation sends it ({ seconds, nanoseconds }) and as search does (epoch ms).
  const conversation = await client.unwrap(client.GET("/conversations/{conversationId}", { params: { path: { conversationId } } }));
  const lastFromGet: Date | undefined = toDate(conversation.lastMessageDate);
  const found = await client.unwrap(client.GET("/conversations/search", { params: { query: { locationId: conversation.locationId } } }));
  const lastFromSearch: Date | undefined = toDate(found.conversations[0]?.lastMessageDate);

  expect(page.nextPage).toBe(true);
  expect(lines).toEqual([
    "inbound TYPE_SMS: Running ten minutes late, sorry!",
    "outbound TYPE_CALL: ",
    "outbound TYPE_ACTIVITY_APPOINTMENT: Appointment booked",
  ]);
  expect(traceId).toBe("8e5d1c2b-4a3f-4e6d-9c8b-7a6f5e4d3c2b");
  expect(message.id).toBe("Kp4Lm9NbV2cX7zAs1dFg");
  expect(callSeconds).toBe(47);
  expect(lastFromGet?.toISOString()).toBe("2026-07-17T14:02:11.408Z");
  expect(lastFromSearch?.getTime()).toBe(lastFromGet?.getTime());
});
