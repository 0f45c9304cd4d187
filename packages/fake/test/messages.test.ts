// Messages keep their state: send then read and list (newest first), scheduled sends, status
// updates, attachments, inbound and outbound messages of custom providers, emails.
import { beforeEach, describe, expect, it } from "vitest";
import { createFake, type Fake, manualClock } from "../src/index.js";
import { specCheckedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";

const locationId = "LocAAAAAAAAAAAAAAAA1";
const conversationId = "conv0000000000000001";
const contactId = "contact0000000000001";
let fake: Fake;
let clock: ReturnType<typeof manualClock>;
const fetch = specCheckedFetch(() => fake);
const client = clientOf(fetch);

beforeEach(() => {
  clock = manualClock("2026-03-01T10:00:00.000Z");
  fake = createFake({
    clock,
    rateLimit: false,
    fixtures: {
      contacts: [{ id: contactId, locationId, fullName: "Ada Lovelace", email: "ada@example.com", phone: "+15550001111" }],
      conversations: [{ id: conversationId, locationId, contactId }],
    },
  });
});

describe("send then read", () => {
  it("stores an SMS: get-message, the conversation's list and its last message all show it", async () => {
    const sent = await client.POST("/conversations/messages", { body: { type: "SMS", contactId, message: "Your table is ready" } });
    // As the API answers a send: the ids and a traceId, no status.
    expect(sent.data).toEqual({ conversationId, messageId: expect.any(String), traceId: expect.any(String) });
    const messageId = sent.data!.messageId;

    const one = await client.GET("/conversations/messages/{id}", { params: { path: { id: messageId } } });
    expect(one.data?.message).toMatchObject({ id: messageId, type: 2, messageType: "TYPE_SMS", direction: "outbound", body: "Your table is ready", conversationId, locationId, contactId, dateAdded: "2026-03-01T10:00:00.000Z", source: "api" });

    const list = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId } } });
    expect(list.data?.messages.messages.map((message) => message.id)).toEqual([messageId]);
    const search = await client.GET("/conversations/search", { params: { query: { locationId } } });
    expect(search.data?.conversations[0]).toMatchObject({ id: conversationId, lastMessageBody: "Your table is ready", lastMessageType: "TYPE_SMS" });
  });

  it("lists newest first, with the types a caller filters by", async () => {
    for (const [type, message] of [["SMS", "one"], ["WhatsApp", "two"], ["SMS", "three"]] as const) {
      await client.POST("/conversations/messages", { body: { type, contactId, message } });
      clock.advance(1000);
    }
    const all = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId } } });
    expect(all.data?.messages.messages.map((message) => message.body)).toEqual(["three", "two", "one"]);
    const sms = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId }, query: { type: ["TYPE_SMS"] } } });
    expect(sms.data?.messages.messages.map((message) => message.body)).toEqual(["three", "one"]);
  });

  it("starts a conversation for a known contact that has none", async () => {
    fake.seed({ contacts: [{ id: "newcontact0000000001", locationId, fullName: "Grace Hopper" }] });
    const sent = await client.POST("/conversations/messages", { body: { type: "SMS", contactId: "newcontact0000000001", message: "hello" } });
    expect(sent.data?.conversationId).not.toBe(conversationId);
    const got = await client.GET("/conversations/{conversationId}", { params: { path: { conversationId: sent.data!.conversationId } } });
    expect(got.data).toMatchObject({ contactId: "newcontact0000000001", locationId });
  });

  it("refuses an unknown contact, and an SMS with neither text nor attachments", async () => {
    expect((await client.POST("/conversations/messages", { body: { type: "SMS", contactId: "stranger", message: "hi" } })).response.status).toBe(400);
    expect((await client.POST("/conversations/messages", { body: { type: "SMS", contactId } })).response.status).toBe(400);
  });
});

describe("as the API answers them", () => {
  it("a call's details are in meta.call; an activity message has no contentType nor body, and carries activity, from and to", async () => {
    fake.seed({
      messages: [
        { id: "MsgCall0000000000001", conversationId, direction: "outbound", messageType: "TYPE_CALL", callDuration: 47, callStatus: "completed", dateAdded: "2026-03-01T09:00:00.000Z" },
        {
          id: "MsgActivity000000001",
          conversationId,
          direction: "outbound",
          messageType: "TYPE_ACTIVITY_APPOINTMENT",
          from: "+15550001122",
          to: "+15550003344",
          activity: { title: "Appointment booked", type: "appointment", data: { calendarName: "Fitting room" } },
          dateAdded: "2026-03-01T09:30:00.000Z",
        },
      ],
    });
    const call = (await client.GET("/conversations/messages/{id}", { params: { path: { id: "MsgCall0000000000001" } } })).data?.message;
    expect(call?.meta).toEqual({ call: { duration: 47, status: "completed" } });
    const { data } = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId } } });
    const activity = data?.messages.messages.find((message) => message.id === "MsgActivity000000001");
    expect(activity).toMatchObject({ type: 31, from: "+15550001122", to: "+15550003344", activity: { title: "Appointment booked", data: { calendarName: "Fitting room" } } });
    expect(activity).not.toHaveProperty("contentType");
    expect(activity).not.toHaveProperty("body");
  });
});

describe("emails", () => {
  it("stores the email with its message: get-email-by-id returns it, and replies share the thread", async () => {
    const sent = await client.POST("/conversations/messages", {
      body: { type: "Email", contactId, subject: "Invoice", html: "<p>Attached</p>", emailFrom: "shop@example.com" },
    });
    const emailId = sent.data!.emailMessageId!;
    const email = await client.GET("/conversations/messages/email/{id}", { params: { path: { id: emailId } } });
    expect(email.data?.emailMessage).toMatchObject({ id: emailId, subject: "Invoice", body: "<p>Attached</p>", from: "shop@example.com", to: ["ada@example.com"], direction: "outbound", conversationId, threadId: emailId });
    const message = await client.GET("/conversations/messages/{id}", { params: { path: { id: sent.data!.messageId } } });
    expect(message.data?.message.meta?.email?.messageIds).toEqual([emailId]);

    const reply = fake.simulateInbound({ conversationId, type: "Email", body: "<p>Thanks</p>", subject: "Re: Invoice", replyToEmailMessageId: emailId });
    const replyEmail = await client.GET("/conversations/messages/email/{id}", { params: { path: { id: reply.emailMessageId! } } });
    expect(replyEmail.data?.emailMessage).toMatchObject({ direction: "inbound", threadId: emailId, replyToMessageId: emailId, from: "ada@example.com" });
  });

  it("an email sent with replyMessageId (the message's id, or its email's id) answers in that email's thread", async () => {
    const inbound = fake.simulateInbound({ conversationId, type: "Email", body: "<p>Question</p>", subject: "Hours" });
    for (const replyMessageId of [inbound.messageId, inbound.emailMessageId!]) {
      const sent = await client.POST("/conversations/messages", { body: { type: "Email", contactId, subject: "Re: Hours", html: "<p>9 to 5</p>", replyMessageId } });
      const email = await client.GET("/conversations/messages/email/{id}", { params: { path: { id: sent.data!.emailMessageId! } } });
      expect(email.data?.emailMessage, replyMessageId).toMatchObject({ threadId: inbound.emailMessageId, replyToMessageId: inbound.emailMessageId });
    }
  });
});

describe("scheduled messages", () => {
  it("wait for the clock: listed as scheduled, sent when their time comes, cancellable before", async () => {
    const at = Date.parse("2026-03-01T12:00:00.000Z") / 1000;
    const later = await client.POST("/conversations/messages", { body: { type: "SMS", contactId, message: "reminder", scheduledTimestamp: at } });
    expect((await client.GET("/conversations/messages/{id}", { params: { path: { id: later.data!.messageId } } })).data?.message.status).toBe("scheduled");
    const cancelled = await client.POST("/conversations/messages", { body: { type: "SMS", contactId, message: "never", scheduledTimestamp: at } });
    const message = (id: string) => client.GET("/conversations/messages/{id}", { params: { path: { id } } });
    expect((await message(later.data!.messageId)).data?.message.status).toBe("scheduled");
    expect(fake.events).toEqual([]);

    const cancel = await client.DELETE("/conversations/messages/{messageId}/schedule", { params: { path: { messageId: cancelled.data!.messageId } } });
    expect(cancel.data).toEqual({ status: 200, message: "Scheduled message cancelled successfully", traceId: expect.any(String) });
    expect((await message(cancelled.data!.messageId)).response.status).toBe(404);

    clock.set("2026-03-01T12:00:00.000Z");
    expect((await message(later.data!.messageId)).data?.message).toMatchObject({ status: "delivered", dateAdded: "2026-03-01T12:00:00.000Z" });
    expect(fake.events.map((event) => event.name)).toEqual(["OutboundMessage"]);
    const again = await client.DELETE("/conversations/messages/{messageId}/schedule", { params: { path: { messageId: later.data!.messageId } } });
    expect(again.response.status).toBe(400);
  });

  it("cancels a scheduled email by its email id", async () => {
    const at = Date.parse("2026-03-02T00:00:00.000Z") / 1000;
    const sent = await client.POST("/conversations/messages", { body: { type: "Email", contactId, html: "<p>Soon</p>", scheduledTimestamp: at } });
    const path = { emailMessageId: sent.data!.emailMessageId! };
    expect((await client.DELETE("/conversations/messages/email/{emailMessageId}/schedule", { params: { path } })).data?.status).toBe(200);
    expect((await client.GET("/conversations/messages/email/{id}", { params: { path: { id: path.emailMessageId } } })).response.status).toBe(404);
  });
});

describe("status updates, attachments, custom providers", () => {
  it("a custom provider's message stays pending until the provider reports its status", async () => {
    const sent = await client.POST("/conversations/messages", { body: { type: "SMS", contactId, message: "via provider", conversationProviderId: "provider000000000001" } });
    expect((await client.GET("/conversations/messages/{id}", { params: { path: { id: sent.data!.messageId } } })).data?.message.status).toBe("pending");
    const path = { messageId: sent.data!.messageId };
    const failed = await client.PUT("/conversations/messages/{messageId}/status", {
      params: { path },
      body: { status: "failed", error: { code: "30007", type: "carrier", message: "Filtered" } },
    });
    expect(failed.data).toMatchObject({ messageId: path.messageId, status: "failed" });
    expect((await client.GET("/conversations/messages/{id}", { params: { path: { id: path.messageId } } })).data?.message.status).toBe("failed");
    expect((await client.PUT("/conversations/messages/{messageId}/status", { params: { path: { messageId: "missing" } }, body: { status: "read" } })).response.status).toBe(404);
  });

  it("adds attachments to a call, at most 5, and refuses them on an SMS", async () => {
    const call = await client.POST("/conversations/messages/outbound", {
      body: { type: "Call", conversationId, conversationProviderId: "provider000000000001", call: { to: "+1", from: "+2", status: "completed" } },
    });
    const path = { messageId: call.data!.messageId };
    const urls = ["https://files.example.com/a.mp3", "https://files.example.com/b.mp3"];
    expect((await client.PUT("/conversations/messages/{messageId}/attachments", { params: { path }, body: { attachments: urls } })).response.status).toBe(200);
    const message = await client.GET("/conversations/messages/{id}", { params: { path: { id: path.messageId } } });
    expect(message.data?.message).toMatchObject({ messageType: "TYPE_CALL", attachments: urls, meta: { call: { status: "completed" } } });
    const four = Array.from({ length: 4 }, (_, i) => `https://files.example.com/${i}.mp3`);
    expect((await client.PUT("/conversations/messages/{messageId}/attachments", { params: { path }, body: { attachments: four } })).response.status).toBe(400);

    const sms = await client.POST("/conversations/messages", { body: { type: "SMS", contactId, message: "x" } });
    const refused = await client.PUT("/conversations/messages/{messageId}/attachments", { params: { path: { messageId: sms.data!.messageId } }, body: { attachments: urls } });
    expect(refused.response.status).toBe(400);
  });

  it("adds an inbound message of a custom provider: unread goes up, the contact must be the conversation's", async () => {
    const added = await client.POST("/conversations/messages/inbound", {
      body: { type: "SMS", conversationId, contactId, conversationProviderId: "provider000000000001", message: "Is it open?", direction: "inbound" },
    });
    expect(added.data).toMatchObject({ success: true, conversationId, contactId });
    expect((await client.GET("/conversations/search", { params: { query: { locationId, id: conversationId } } })).data?.conversations[0]?.unreadCount).toBe(1);
    const wrong = await client.POST("/conversations/messages/inbound", {
      body: { type: "SMS", conversationId, contactId: "someone-else", conversationProviderId: "provider000000000001", message: "x", direction: "inbound" },
    });
    expect(wrong.response.status).toBe(400);
  });

  it("sends a review reply into the conversation", async () => {
    const reply = await client.POST("/conversations/messages/review-reply", { body: { conversationId, locationId, message: "Thank you!" } });
    const message = await client.GET("/conversations/messages/{id}", { params: { path: { id: reply.data!.messageId } } });
    expect(message.data?.message).toMatchObject({ messageType: "TYPE_REVIEW", type: 17, body: "Thank you!", direction: "outbound" });
  });
});
