// The Fetch API adapter, with real Request objects as Hono, Next.js route handlers and workers hand
// them over: what it answers for each outcome, and that a failed handler does not lose the event.
import { describe, expect, it } from "vitest";
import { createFetchHandler, type FetchEventHandler, MemoryReplayStore, unwrapRequest, type WebhookEvent } from "../../src/index.js";
import { exampleEvent } from "../../src/testing/index.js";
import { deliveryOf, flipByte, testKeys } from "../support/deliveries.js";

async function requestOf(payload: object, change: (body: string) => string = (body) => body) {
  const { body, headers } = await deliveryOf(payload);
  return new Request("http://127.0.0.1/webhooks", { method: "POST", headers, body: change(body) });
}

async function handlerWith(onEvent: FetchEventHandler<"app">) {
  const errors: unknown[] = [];
  const handler = createFetchHandler(onEvent, {
    publicKeys: [(await testKeys()).publicKey],
    replayStore: new MemoryReplayStore(),
    onError: (error) => errors.push(error),
  });
  return { handler, errors };
}

describe("unwrapRequest", () => {
  it("reads the raw body of a Request and returns the verified event", async () => {
    const request = await requestOf(exampleEvent("ConversationUnreadUpdate"));
    const event = await unwrapRequest(request, { publicKeys: [(await testKeys()).publicKey], replayStore: new MemoryReplayStore() });
    expect(event).toMatchObject({ type: "ConversationUnreadUpdate", unreadCount: 0 });
  });
});

describe("createFetchHandler", () => {
  it("calls the handler with the typed event and answers 200", async () => {
    const events: WebhookEvent[] = [];
    const { handler } = await handlerWith((event) => void events.push(event));
    const response = await handler(await requestOf(exampleEvent("InboundMessage", "sms")));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(events.map((event) => event.type)).toEqual(["InboundMessage"]);
  });

  it("answers with the handler's own Response when it returns one", async () => {
    const { handler } = await handlerWith(() => new Response("queued", { status: 202 }));
    const response = await handler(await requestOf(exampleEvent("InboundMessage", "sms")));
    expect([response.status, await response.text()]).toEqual([202, "queued"]);
  });

  it("answers 401 to a tampered body, without calling the handler", async () => {
    const { handler, errors } = await handlerWith(() => {
      throw new Error("must not be called");
    });
    const response = await handler(await requestOf(exampleEvent("InboundMessage", "sms"), (body) => flipByte(body, "3pm")));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_signature" });
    expect(errors).toHaveLength(1);
  });

  it("answers 200 to a replay, calling the handler once", async () => {
    let calls = 0;
    const { handler } = await handlerWith(() => void calls++);
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    const post = () => handler(new Request("http://127.0.0.1/webhooks", { method: "POST", headers, body }));
    expect((await post()).status).toBe(200);
    const again = await post();
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, note: "replayed_webhook" });
    expect(calls).toBe(1);
  });

  it("answers 500 when the handler throws, and takes the redelivery", async () => {
    let calls = 0;
    const { handler, errors } = await handlerWith(() => {
      calls++;
      if (calls === 1) throw new Error("database down");
    });
    const { body, headers } = await deliveryOf(exampleEvent("InboundMessage", "sms"));
    const post = () => handler(new Request("http://127.0.0.1/webhooks", { method: "POST", headers, body }));
    expect((await post()).status).toBe(500);
    expect(String(errors[0])).toContain("database down");
    expect((await post()).status).toBe(200);
    expect(calls).toBe(2);
  });

  it("answers 200 to a verified event of another type, without calling the handler", async () => {
    let calls = 0;
    const { handler } = await handlerWith(() => void calls++);
    const response = await handler(await requestOf({ type: "ContactCreate", locationId: "l1" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, note: "unknown_event_type" });
    expect(calls).toBe(0);
  });

  it("at a provider's Delivery URL, hands over the ProviderOutboundMessage", async () => {
    const received: string[] = [];
    const handler = createFetchHandler((message) => void received.push(`${message.type} ${message.messageId}`), {
      endpoint: "provider",
      publicKeys: [(await testKeys()).publicKey],
      replayStore: new MemoryReplayStore(),
    });
    const response = await handler(await requestOf(exampleEvent("ProviderOutboundMessage", "sms")));
    expect(response.status).toBe(200);
    expect(received).toEqual(["SMS ve9EPM428h8vShlRW1KT"]);
  });
});
