// The bot end to end, over real HTTP on 127.0.0.1: a signed InboundMessage posted to the bot's
// server, verified, answered through the client against Prism (which validates the send-message
// request). What the client sent is recorded by the fetch it was given.
import { createConversationsClient } from "@conversations-api/client";
import { MemoryReplayStore } from "@conversations-api/webhooks";
import { deliverWebhook, exampleEvent, generateSigningKeys, signedDelivery, type SigningKeys } from "@conversations-api/webhooks/testing";
import { mockUrl } from "@test/support";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningReplyBot, startReplyBot } from "../src/index.js";

// Prism: the mock that @test/support/mock-setup started for the suite.
let bot: RunningReplyBot;
let keys: SigningKeys;
const sent: Array<{ path: string; body: Record<string, unknown>; status: number }> = [];
const lines: string[] = [];

beforeAll(async () => {
  keys = await generateSigningKeys();
  const client = createConversationsClient({
    token: "mock-token",
    baseUrl: mockUrl(),
    maxRetries: 0,
    fetch: async (request, init) => {
      const body = await request.clone().text();
      const response = await fetch(request, init);
      sent.push({ path: new URL(request.url).pathname, body: body ? JSON.parse(body) : {}, status: response.status });
      return response;
    },
  });
  bot = await startReplyBot({ client, publicKeys: [keys.publicKey], replayStore: new MemoryReplayStore(), log: (line) => lines.push(line) });
});
afterAll(() => bot?.stop());
beforeEach(() => {
  sent.length = 0;
  lines.length = 0;
});

describe("the reply bot", () => {
  it("answers a signed InboundMessage SMS with an SMS to the contact, through POST /conversations/messages", async () => {
    const response = await deliverWebhook(bot.webhookUrl, exampleEvent("InboundMessage", "sms"), { keys });
    expect(response.status).toBe(200);
    expect(sent).toEqual([
      { path: "/conversations/messages", status: 200, body: { type: "SMS", contactId: "cI08i1Bls3iTB9bKgFJh", message: expect.stringContaining("Thanks") } },
    ]);
    expect(lines).toEqual(["replied to cI08i1Bls3iTB9bKgFJh in fcanlLgpbQgQhderivVs by SMS: message ve9EPM428h8vShlRW1KT"]);
  });

  it("answers an email by email, in its thread", async () => {
    const response = await deliverWebhook(bot.webhookUrl, exampleEvent("InboundMessage", "email"), { keys });
    expect(response.status).toBe(200);
    expect(sent[0]?.status).toBe(200);
    expect(sent[0]?.body).toMatchObject({ type: "Email", subject: "Re: Your appointment", replyMessageId: "Ms5pQ9rT4uV8xY1zC2fG", threadId: "Ms5pQ9rT4uV8xY1zC2fG" });
  });

  it("sends nothing for a delivery whose signature does not verify, and answers 401", async () => {
    const { body, headers } = await signedDelivery(exampleEvent("InboundMessage", "sms"), { keys: await generateSigningKeys() });
    const response = await fetch(bot.webhookUrl, { method: "POST", headers, body });
    expect(response.status).toBe(401);
    expect(sent).toEqual([]);
    expect(lines[0]).toContain("InvalidSignatureError");
  });

  it("answers a replayed delivery once", async () => {
    const { body, headers } = await signedDelivery(exampleEvent("InboundMessage", "sms"), { keys });
    expect((await fetch(bot.webhookUrl, { method: "POST", headers, body })).status).toBe(200);
    expect((await fetch(bot.webhookUrl, { method: "POST", headers, body })).status).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it("does not answer a call, nor other events", async () => {
    for (const payload of [exampleEvent("InboundMessage", "call"), exampleEvent("OutboundMessage", "sms"), exampleEvent("ConversationUnreadUpdate")]) {
      expect((await deliverWebhook(bot.webhookUrl, payload, { keys })).status).toBe(200);
    }
    expect(sent).toEqual([]);
    expect(lines).toEqual([
      "InboundMessage CALL from cI08i1Bls3iTB9bKgFJh: not answerable by message",
      "OutboundMessage: nothing to answer",
      "ConversationUnreadUpdate: nothing to answer",
    ]);
  });

  it("answers 500 when the reply cannot be sent, so that the delivery comes again, and answers it then", async () => {
    const { body, headers } = await signedDelivery(exampleEvent("InboundMessage", "sms"), { keys });
    let failNext = true;
    const replies: number[] = [];
    const flaky = await startReplyBot({
      client: createConversationsClient({
        token: "t",
        baseUrl: mockUrl(),
        maxRetries: 0,
        // Prism answers the spec's 400 example when asked to: the API failing once.
        fetch: async (request, init) => {
          const prefer: Record<string, string> = failNext ? { prefer: "code=400" } : {};
          failNext = false;
          const response = await fetch(request, { signal: init.signal, headers: { ...Object.fromEntries(request.headers), ...prefer } });
          replies.push(response.status);
          return response;
        },
      }),
      publicKeys: [keys.publicKey],
      replayStore: new MemoryReplayStore(),
      log: (line) => lines.push(line),
    });
    try {
      expect((await fetch(flaky.webhookUrl, { method: "POST", headers, body })).status).toBe(500);
      expect(lines.at(-1)).toContain("BadRequestError");
      expect((await fetch(flaky.webhookUrl, { method: "POST", headers, body })).status).toBe(200);
      expect(lines.at(-1)).toContain("replied to cI08i1Bls3iTB9bKgFJh");
      expect(replies).toEqual([400, 200]);
    } finally {
      await flaky.stop();
    }
  });
});
