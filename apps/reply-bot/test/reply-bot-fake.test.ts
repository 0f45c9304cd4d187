// The bot end to end against the stateful fake (`@conversations-api/fake`), over real HTTP on
// 127.0.0.1 both ways: the fake delivers a signed InboundMessage to the bot's server, the bot
// verifies it with the fake's public key and answers through the client against the fake, and the
// fake's state shows the reply (and its OutboundMessage, delivered back to the bot). Also: a 429
// storm on the send is survived, a failed reply is answered on the fake's redelivery, and a
// replayed delivery is not answered twice. (reply-bot.test.ts runs the bot against the mock.)
import { createConversationsClient } from "@conversations-api/client";
import { type RunningFake, startFake } from "@conversations-api/fake";
import { MemoryReplayStore } from "@conversations-api/webhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultReplyText, type RunningReplyBot, startReplyBot } from "../src/index.js";

const locationId = "LocReplyBot000000001";
const contactId = "ContactReplyBot00001";
const conversationId = "ConvReplyBot00000001";

let running: RunningFake;
let bot: RunningReplyBot;
const lines: string[] = [];
const api = () => createConversationsClient({ token: "test-token", baseUrl: running.url, maxRetries: 0 });

beforeAll(async () => {
  running = await startFake({
    fixtures: {
      contacts: [{ id: contactId, locationId, fullName: "Rae Ply", email: "rae@example.com", phone: "+15550006666" }],
      conversations: [{ id: conversationId, locationId, contactId }],
    },
    // The vendor's rate limits (the default); quick retries of failed deliveries; room for the bot's retries within one attempt.
    webhooks: { retry: { initialDelayMs: 50 }, timeoutMs: 20_000 },
  });
  bot = await startReplyBot({
    // The client as the bot's users configure it: retries on (a 429 is retried even for POST).
    client: createConversationsClient({ token: "bot-token", baseUrl: running.url }),
    publicKeys: [running.fake.webhooks.publicKey],
    replayStore: new MemoryReplayStore(),
    log: (line) => lines.push(line),
  });
  running.fake.webhooks.setUrls({ appUrl: bot.webhookUrl });
});
afterAll(async () => {
  await bot?.stop();
  await running?.stop();
});
beforeEach(() => {
  running.fake.reset();
  lines.length = 0;
});

async function history() {
  // The page comes wrapped in `messages`, as the API sends it.
  const { messages: page } = await api().unwrap(api().GET("/conversations/{conversationId}/messages", { params: { path: { conversationId } } }));
  return page.messages.map((message) => ({ direction: message.direction, messageType: message.messageType, body: message.body }));
}

const sends = () => running.fake.events.filter((event) => event.name === "OutboundMessage");

describe("the reply bot against the fake", () => {
  it("an inbound SMS arrives by signed webhook, is answered through the API, and the fake shows the reply", async () => {
    const { fake } = running;
    fake.simulateInbound({ conversationId, body: "Can I move to 3pm?" });
    const deliveries = await fake.webhooks.idle();

    expect(deliveries.map((delivery) => [delivery.event.name, delivery.state, delivery.attempts.map((attempt) => attempt.status)])).toEqual([
      ["InboundMessage", "delivered", [200]],
      ["OutboundMessage", "delivered", [200]],
    ]);
    expect(await history()).toEqual([
      { direction: "outbound", messageType: "TYPE_SMS", body: defaultReplyText },
      { direction: "inbound", messageType: "TYPE_SMS", body: "Can I move to 3pm?" },
    ]);
    const reply = sends()[0]!.payload;
    expect(reply).toMatchObject({ type: "OutboundMessage", source: "api", contactId, conversationId, messageType: "SMS", body: defaultReplyText });
    expect(lines.sort()).toEqual(["OutboundMessage: nothing to answer", `replied to ${contactId} in ${conversationId} by SMS: message ${reply.messageId}`]);

    // Read: the unread count drops, and the bot is told (and leaves it alone).
    await api().unwrap(api().PUT("/conversations/{conversationId}", { params: { path: { conversationId } }, body: { locationId, unreadCount: 0 } }));
    await fake.webhooks.idle();
    expect(lines).toContain("ConversationUnreadUpdate: nothing to answer");
    expect((await api().unwrap(api().GET("/conversations/search", { params: { query: { locationId, status: "unread" } } }))).total).toBe(0);
  });

  it("an email is answered by email, in its thread", async () => {
    const inbound = running.fake.simulateInbound({ conversationId, type: "Email", subject: "Appointment", body: "<p>Can we talk?</p>", emailTo: "desk@example.com" });
    await running.fake.webhooks.idle();
    const reply = sends()[0]!.payload;
    expect(reply).toMatchObject({ messageType: "Email", subject: "Re: Appointment", to: ["rae@example.com"] });
    const [asked, answered] = await Promise.all(
      [inbound.emailMessageId!, reply.emailMessageId!].map((id) => api().unwrap(api().GET("/conversations/messages/email/{id}", { params: { path: { id } } }))),
    );
    expect(answered?.emailMessage.threadId).toBe(asked?.emailMessage.threadId);
    expect(answered?.emailMessage.replyToMessageId).toBe(inbound.emailMessageId);
  });

  it("survives a 429 storm on the send: the client waits as asked and the reply goes out once", async () => {
    const { fake } = running;
    const storm = fake.faults.add({ operation: "send-a-new-message", status: 429, times: 2, retryAfter: 1 });
    fake.simulateInbound({ conversationId, body: "Are you there?" });
    const [inbound] = await fake.webhooks.idle();

    expect(storm.hits).toBe(2);
    expect(inbound?.attempts.map((attempt) => attempt.status)).toEqual([200]);
    expect(sends()).toHaveLength(1);
    expect((await history()).filter((message) => message.direction === "outbound")).toEqual([{ direction: "outbound", messageType: "TYPE_SMS", body: defaultReplyText }]);
  });

  it("answers 500 when the reply fails; the fake delivers again and the bot answers then", async () => {
    const { fake } = running;
    fake.faults.add({ operation: "send-a-new-message", status: 500, times: 1 });
    fake.simulateInbound({ conversationId, body: "Hello?" });
    const [inbound] = await fake.webhooks.idle();

    expect(inbound?.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    expect(lines[0]).toMatch(/^webhook refused or failed: ServerError/);
    expect(sends()).toHaveLength(1);
  });

  it("does not answer a replayed delivery twice", async () => {
    const { fake } = running;
    fake.simulateInbound({ conversationId, body: "Only once, please" });
    const [inbound] = await fake.webhooks.idle();
    const replayed = await fake.webhooks.redeliver(inbound!);

    expect(replayed.attempts.map((attempt) => attempt.status)).toEqual([200, 200]);
    expect(lines.at(-1)).toBe(`webhook refused or failed: ReplayedWebhookError: webhookId ${inbound!.event.payload.webhookId} was already received: a replay or a redelivery`);
    expect(sends()).toHaveLength(1);
    expect((await history()).filter((message) => message.direction === "outbound")).toHaveLength(1);
  });

  it("refuses a delivery signed with another key: nothing is sent", async () => {
    const stranger = await startFake({ fixtures: { contacts: [{ id: contactId, locationId }], conversations: [{ id: conversationId, locationId, contactId }] }, webhooks: { appUrl: bot.webhookUrl, retry: { maxAttempts: 1 } } });
    try {
      stranger.fake.simulateInbound({ conversationId, body: "trust me" });
      const [delivery] = await stranger.fake.webhooks.idle();
      expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([401]);
      expect(lines).toEqual([expect.stringContaining("InvalidSignatureError")]);
      expect(sends()).toEqual([]);
    } finally {
      await stranger.stop();
    }
  });
});
