// Every payload the fake emits is a body of the spec's webhook of that name: it validates against
// the spec's schema, and carries no field the spec does not declare. Driven through every way an
// event comes about: sends on each channel (email, custom providers, scheduled), inbound messages
// through the API and simulateInbound on every channel, an outbound call, marking read. (The
// property test checks the events of its random requests the same way.)
import { describe, expect, it } from "vitest";
import { createFake, type InboundChannel, manualClock } from "../src/index.js";
import { INBOUND_TYPES } from "../src/state/channels.js";
import { clientOf } from "./support/clients.js";
import { webhookViolations } from "./support/spec-check.js";

const locationId = "LocPayloads000000001";
const contactId = "ContactPayloads00001";
const conversationId = "ConvPayloads00000001";
const providerId = "provider000000000001";

describe("emitted payloads", () => {
  it("all validate against the spec's webhook schemas and use only the fields it declares", async () => {
    const clock = manualClock("2026-06-01T10:00:00.000Z");
    const fake = createFake({
      clock,
      rateLimit: false,
      fixtures: {
        contacts: [{ id: contactId, locationId, fullName: "Pay Load", email: "pay@example.com", phone: "+15550004444" }],
        conversations: [{ id: conversationId, locationId, contactId }],
      },
    });
    const client = clientOf(fake.fetch);
    const send = (body: Record<string, unknown>) => client.unwrap(client.POST("/conversations/messages", { body: { contactId, ...body } as never }));

    await send({ type: "SMS", message: "sms", attachments: ["https://files.example.com/a.pdf"] });
    for (const type of ["WhatsApp", "FB", "IG", "Live_Chat", "RCS", "TIKTOK"]) await send({ type, message: type });
    const email = await send({ type: "Email", subject: "Hello", html: "<p>hi</p>", emailCc: ["cc@example.com"], emailBcc: ["bcc@example.com"], emailFrom: "desk@example.com" });
    await send({ type: "Email", subject: "Re: Hello", html: "<p>again</p>", replyMessageId: email.messageId });
    await send({ type: "SMS", message: "through my provider", conversationProviderId: providerId });
    await send({ type: "Email", subject: "provider email", html: "<p>p</p>", conversationProviderId: providerId });
    await send({ type: "Custom", message: "custom", conversationProviderId: providerId });
    await send({ type: "SMS", message: "later", scheduledTimestamp: Math.floor(clock.now() / 1000) + 60 });
    clock.advance(120_000);
    fake.simulateInbound({ conversationId, body: "dispatches the scheduled message first" });

    await client.unwrap(client.POST("/conversations/messages/inbound", { body: { type: "SMS", conversationId, contactId, conversationProviderId: providerId, message: "inbound sms", direction: "inbound" } }));
    await client.unwrap(
      client.POST("/conversations/messages/inbound", {
        body: { type: "Email", conversationId, contactId, conversationProviderId: providerId, html: "<p>reply</p>", subject: "Re: Hello", emailFrom: "pay@example.com", emailTo: "desk@example.com", emailMessageId: email.emailMessageId!, direction: "inbound" },
      }),
    );
    await client.unwrap(client.POST("/conversations/messages/inbound", { body: { type: "Call", conversationId, contactId, conversationProviderId: providerId, direction: "inbound", call: { to: "+15550001111", from: "+15550004444", status: "completed" } } }));
    await client.unwrap(client.POST("/conversations/messages/outbound", { body: { type: "Call", conversationId, conversationProviderId: providerId, call: { to: "+15550004444", from: "+15550001111", status: "voicemail" } } }));
    for (const type of Object.keys(INBOUND_TYPES) as InboundChannel[]) {
      fake.simulateInbound({ conversationId, type, body: `inbound ${type}`, ...(type === "Email" ? { subject: "Inbound", emailFrom: "pay@example.com", emailTo: "desk@example.com" } : {}) });
    }
    await client.unwrap(client.PUT("/conversations/{conversationId}", { params: { path: { conversationId } }, body: { locationId, unreadCount: 0 } }));
    await client.unwrap(client.PUT("/conversations/{conversationId}", { params: { path: { conversationId } }, body: { locationId, unreadCount: 2 } }));

    const names = new Set(fake.events.map((event) => event.name));
    expect([...names].sort()).toEqual(["ConversationUnreadUpdate", "InboundMessage", "OutboundMessage", "ProviderOutboundMessage"]);
    expect(fake.events.length).toBeGreaterThan(40);
    const violations = fake.events.flatMap((event) => webhookViolations(event.name, event.payload).map((problem) => `event ${event.sequence}: ${problem}`));
    expect(violations).toEqual([]);
  });

  it("the check finds a field the spec does not declare, and a wrong type", () => {
    expect(webhookViolations("ProviderOutboundMessage", { type: "SMS", locationId, contactId, messageId: "m", conversationProviderId: providerId })).toEqual([
      "ProviderOutboundMessage $.conversationProviderId is not a field of the spec's ProviderOutboundMessage",
    ]);
    expect(webhookViolations("ConversationUnreadUpdate", { type: "ConversationUnreadUpdate", locationId, id: conversationId, contactId, unreadCount: "0" })).toEqual([
      "ConversationUnreadUpdate $.unreadCount must be number",
    ]);
  });
});
