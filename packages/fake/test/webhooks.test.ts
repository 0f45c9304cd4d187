// The events as signed webhooks: each one POSTed to its URL (the app's, or the custom provider's
// delivery URL), signed with the fake's key pair and verified by a real receiver on 127.0.0.1 with
// `unwrap`; retried with backoff when it fails, a bounded number of times, never holding up the API
// answer that caused it; every delivery and attempt recorded; `idle()` to wait for them to settle.
import { inspect } from "node:util";
import { findFreePort } from "@test/support";
import { createFetchHandler, MemoryReplayStore, type WebhookEvent } from "@conversations-api/webhooks";
import { generateSigningKeys } from "@conversations-api/webhooks/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFake, type FakeOptions, FakeUsageError } from "../src/index.js";
import { clientOf } from "./support/clients.js";
import { type Receiver, startReceiver } from "./support/receiver.js";

const locationId = "LocHooks000000000001";
const contactId = "ContactHooks00000001";
const conversationId = "ConvHooks00000000001";
const fixtures = {
  contacts: [{ id: contactId, locationId, fullName: "Ada Hook", phone: "+15550003333" }],
  conversations: [{ id: conversationId, locationId, contactId }],
};

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

async function setup(webhooks: FakeOptions["webhooks"] = {}) {
  const fake = createFake({ rateLimit: false, fixtures, webhooks });
  const receiver = await startReceiver({ publicKey: fake.webhooks.publicKey });
  receivers.push(receiver);
  fake.webhooks.setUrls({ appUrl: receiver.appUrl, providerUrl: receiver.providerUrl });
  return { fake, receiver, client: clientOf(fake.fetch) };
}

const sendSms = (client: ReturnType<typeof clientOf>, message: string, conversationProviderId?: string) =>
  client.unwrap(client.POST("/conversations/messages", { body: { type: "SMS", contactId, message, ...(conversationProviderId ? { conversationProviderId } : {}) } }));


describe("signed deliveries", () => {
  it("posts every event to its URL, signed: the receiver verifies each with fake.webhooks.publicKey", async () => {
    const { fake, receiver, client } = await setup();
    await sendSms(client, "Your table is ready");
    await sendSms(client, "Through my provider", "provider000000000001");
    fake.simulateInbound({ conversationId, body: "On my way" });
    await client.unwrap(client.PUT("/conversations/{conversationId}", { params: { path: { conversationId } }, body: { locationId, unreadCount: 0 } }));

    const deliveries = await fake.webhooks.idle();
    expect(fake.events.map((event) => event.name)).toEqual(["OutboundMessage", "OutboundMessage", "ProviderOutboundMessage", "InboundMessage", "ConversationUnreadUpdate"]);
    expect(deliveries.map((delivery) => [delivery.event, delivery.endpoint, delivery.state, delivery.attempts.map((attempt) => attempt.status)])).toEqual(
      fake.events.map((event) => [event, event.name === "ProviderOutboundMessage" ? "provider" : "app", "delivered", [200]]),
    );
    for (const delivery of deliveries) {
      expect(delivery.body).toBe(JSON.stringify(delivery.event.payload));
      // A provider's Delivery URL gets unsigned deliveries, as in production; the receiver trusts the URL's secret.
      expect(delivery.headers).toEqual(
        delivery.endpoint === "provider"
          ? { "content-type": "application/json" }
          : { "content-type": "application/json", "x-ghl-signature": expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) },
      );
    }
    // What the receiver verified is what the fake recorded (arrival order may differ: deliveries run side by side).
    const byId = (a: { webhookId?: unknown }, b: { webhookId?: unknown }) => String(a.webhookId).localeCompare(String(b.webhookId));
    expect(receiver.refused).toEqual([]);
    expect(receiver.received.map((received) => received.payload).sort(byId)).toEqual(fake.events.map((event) => event.payload).sort(byId));
    expect(receiver.received.filter((received) => received.endpoint === "provider").map((received) => received.payload.type)).toEqual(["SMS"]);
  });

  it("a provider's Delivery URL: unsigned by default, authenticated by the URL's secret end to end; a wrong secret is refused; a redelivery is taken once", async () => {
    const { fake, receiver, client } = await setup();
    await sendSms(client, "Through my provider", "provider000000000001");
    let [delivery] = (await fake.webhooks.idle()).filter((candidate) => candidate.endpoint === "provider");
    expect([delivery?.headers, delivery?.state, delivery?.attempts.map((attempt) => attempt.status)]).toEqual([{ "content-type": "application/json" }, "delivered", [200]]);
    expect(receiver.received.filter((received) => received.endpoint === "provider")).toHaveLength(1);

    await fake.webhooks.redeliver(delivery!);
    expect(delivery?.attempts.map((attempt) => [attempt.status, attempt.responseBody])).toEqual([[200, '{"received":true}'], [200, "ReplayedWebhookError"]]);
    expect(receiver.received.filter((received) => received.endpoint === "provider")).toHaveLength(1);

    fake.webhooks.setUrls({ providerUrl: receiver.providerUrl.replace(/secret=.*/, "secret=not-the-registered-secret-0123456789") });
    await sendSms(client, "Through my provider again", "provider000000000001");
    [delivery] = (await fake.webhooks.idle()).filter((candidate) => candidate.endpoint === "provider" && candidate.state !== "delivered");
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401, 401]);
    expect(receiver.refused).toContain("InvalidUrlSecretError");
  });

  it("signs a provider's deliveries when asked (signProviderDeliveries), and the receiver verifies them", async () => {
    const { fake, receiver, client } = await setup({ signProviderDeliveries: true });
    await sendSms(client, "Through my provider", "provider000000000001");
    const [delivery] = (await fake.webhooks.idle()).filter((candidate) => candidate.endpoint === "provider");
    expect(delivery?.headers["x-ghl-signature"]).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(delivery?.state).toBe("delivered");
    // The signature decides, whatever the URL: a wrong secret with a valid signature is accepted.
    fake.webhooks.setUrls({ providerUrl: receiver.providerUrl.replace(/secret=.*/, "secret=wrong") });
    await sendSms(client, "Signed, wrong secret", "provider000000000001");
    expect((await fake.webhooks.idle()).filter((candidate) => candidate.endpoint === "provider").map((candidate) => candidate.state)).toEqual(["delivered", "delivered"]);
    expect(receiver.refused).toEqual([]);
  });

  it("signs with the keys it is given, and refuses keys that cannot sign", async () => {
    const keys = await generateSigningKeys();
    const { fake, receiver } = await setup({ keys });
    expect(fake.webhooks.publicKey).toBe(keys.publicKey);
    fake.simulateInbound({ conversationId, body: "signed with my keys" });
    await fake.webhooks.idle();
    expect(receiver.received).toHaveLength(1);

    const other = await generateSigningKeys();
    expect(() => createFake({ webhooks: { keys: { ...keys, privateKeyPkcs8: other.privateKeyPkcs8.slice(0, 20) } } })).toThrow(FakeUsageError);
    expect(() => createFake({ webhooks: { keys: { algorithm: "RSA-SHA256", publicKey: keys.publicKey, privateKeyPkcs8: keys.privateKeyPkcs8 } } })).toThrow(/ed25519 key, not the RSA-SHA256/);
  });

  it("a receiver that trusts another key refuses the deliveries (the signature is real)", async () => {
    const fake = createFake({ rateLimit: false, fixtures, webhooks: { retry: { maxAttempts: 1 } } });
    const stranger = await startReceiver({ publicKey: (await generateSigningKeys()).publicKey });
    receivers.push(stranger);
    fake.webhooks.setUrls({ appUrl: stranger.appUrl });
    fake.simulateInbound({ conversationId, body: "who signed this?" });
    const [delivery] = await fake.webhooks.idle();
    expect(stranger.refused).toEqual(["InvalidSignatureError"]);
    expect(delivery).toMatchObject({ state: "failed", attempts: [{ status: 401, responseBody: "InvalidSignatureError" }] });
  });

  it("keeps the private key out of inspect and of every record", async () => {
    const keys = await generateSigningKeys();
    const { fake } = await setup({ keys });
    fake.simulateInbound({ conversationId, body: "x" });
    await fake.webhooks.idle();
    const shown = [inspect(fake, { depth: 10, getters: true }), inspect(fake.webhooks, { depth: 10, getters: true }), JSON.stringify(fake.webhooks.deliveries)].join("\n");
    expect(shown).toContain(keys.publicKey);
    expect(shown).not.toContain(keys.privateKeyPkcs8);
  });

  it("delivers in process through a Fetch handler given as webhooks.fetch: no port, no network", async () => {
    const keys = await generateSigningKeys();
    const seen: WebhookEvent[] = [];
    const receiver = createFetchHandler((event) => void seen.push(event), { publicKeys: [keys.publicKey], replayStore: new MemoryReplayStore() });
    const fake = createFake({ rateLimit: false, fixtures, webhooks: { keys, appUrl: "http://receiver.invalid/hooks", fetch: receiver } });
    fake.simulateInbound({ conversationId, body: "in process" });
    const [delivery] = await fake.webhooks.idle();
    expect(delivery).toMatchObject({ state: "delivered", url: "http://receiver.invalid/hooks", attempts: [{ status: 200 }] });
    expect(seen).toEqual([expect.objectContaining({ type: "InboundMessage", body: "in process" })]);
  });
});

describe("where deliveries go", () => {
  it("sends nothing until a URL is set; setUrls starts and stops them; a bad URL is refused", async () => {
    const fake = createFake({ rateLimit: false, fixtures });
    fake.simulateInbound({ conversationId, body: "nobody listens" });
    expect(fake.webhooks.deliveries).toEqual([]);
    const receiver = await startReceiver({ publicKey: fake.webhooks.publicKey });
    receivers.push(receiver);
    fake.webhooks.setUrls({ appUrl: receiver.appUrl });
    fake.simulateInbound({ conversationId, body: "now someone does" });
    await sendSms(clientOf(fake.fetch), "only the app URL is set", "provider000000000001");
    await fake.webhooks.idle();
    expect(fake.webhooks.deliveries.map((delivery) => delivery.event.name)).toEqual(["InboundMessage", "OutboundMessage"]);
    fake.webhooks.setUrls({ appUrl: null });
    fake.simulateInbound({ conversationId, body: "stopped" });
    expect(fake.webhooks.deliveries).toHaveLength(2);
    expect(fake.webhooks.urls).toEqual({ appUrl: null, providerUrl: null });
    expect(() => fake.webhooks.setUrls({ appUrl: "ftp://127.0.0.1/x" })).toThrow(FakeUsageError);
    expect(() => createFake({ webhooks: { providerUrl: "not a url" } })).toThrow(/webhooks.providerUrl must be an http\(s\) URL/);
  });
});

describe("failures and retries", () => {
  it("answers the API call at once, whatever the receiver does; an attempt with no answer is abandoned and its connection closed", async () => {
    const { fake, receiver, client } = await setup({ timeoutMs: 400, retry: { maxAttempts: 1 } });
    receiver.script.push("hang");
    await sendSms(client, "the receiver hangs");
    // The send has been answered; its delivery has not.
    expect(fake.webhooks.deliveries).toMatchObject([{ state: "pending", attempts: [] }]);
    const [delivery] = await fake.webhooks.idle();
    expect(delivery).toMatchObject({ state: "failed", attempts: [{ number: 1, error: "no answer within 400 ms: abandoned" }] });
    expect(delivery!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(390);
    await vi.waitFor(() => expect(receiver.connectionsClosed).toEqual([true]));
  });

  it("retries a failed delivery (5xx, a dropped connection) with doubling waits until the receiver answers 2xx", async () => {
    const { fake, receiver } = await setup({ retry: { maxAttempts: 5, initialDelayMs: 60 } });
    receiver.script.push(500, 503, "reset");
    fake.simulateInbound({ conversationId, body: "third time lucky" });
    const [delivery] = await fake.webhooks.idle();
    expect(delivery?.state).toBe("delivered");
    expect(delivery?.attempts.map((attempt) => attempt.status ?? attempt.error)).toEqual([500, 503, expect.stringContaining("other side closed"), 200]);
    expect(delivery?.attempts[0]?.responseBody).toBe("scripted 500");
    const attempts = delivery!.attempts;
    for (let i = 1; i < attempts.length; i++) {
      const waited = attempts[i]!.startedAt - (attempts[i - 1]!.startedAt + attempts[i - 1]!.durationMs);
      expect(waited, `the wait before attempt ${i + 1}`).toBeGreaterThanOrEqual(60 * 2 ** (i - 1) - 2);
    }
    expect(receiver.requests).toBe(4);
    expect(receiver.received).toHaveLength(1);
  });

  it("gives up after maxAttempts: the delivery is failed, each attempt's error recorded", async () => {
    const fake = createFake({ rateLimit: false, fixtures, webhooks: { appUrl: `http://127.0.0.1:${await findFreePort()}/hooks` /* a port nothing listens on */, retry: { maxAttempts: 3, initialDelayMs: 10 } } });
    fake.simulateInbound({ conversationId, body: "nobody home" });
    const [delivery] = await fake.webhooks.idle();
    expect(delivery?.state).toBe("failed");
    expect(delivery?.attempts.map((attempt) => [attempt.number, attempt.status, attempt.error])).toEqual([1, 2, 3].map((n) => [n, undefined, expect.stringContaining("ECONNREFUSED")]));
  });

  it("idle() honours the caller's signal; reset() cancels the deliveries under way and keeps the URLs and key", async () => {
    const { fake, receiver } = await setup({ timeoutMs: 60_000 });
    receiver.script.push("hang");
    const publicKey = fake.webhooks.publicKey;
    fake.simulateInbound({ conversationId, body: "stuck" });
    const [stuck] = fake.webhooks.deliveries;
    await expect(fake.webhooks.idle({ signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: "TimeoutError" });
    expect(stuck?.state).toBe("pending");
    fake.reset();
    expect(await fake.webhooks.idle()).toEqual([]);
    expect(stuck?.state).toBe("cancelled");
    await vi.waitFor(() => expect(receiver.connectionsClosed).toEqual([true]));
    expect(fake.webhooks.publicKey).toBe(publicKey);
    fake.simulateInbound({ conversationId, body: "after the reset" });
    expect((await fake.webhooks.idle()).map((delivery) => [delivery.id, delivery.state])).toEqual([[1, "delivered"]]);
  });

  it("rejects retry and timeout options that make no sense", () => {
    expect(() => createFake({ webhooks: { retry: { maxAttempts: 0 } } })).toThrow(FakeUsageError);
    expect(() => createFake({ webhooks: { retry: { maxAttempts: 1.5 } } })).toThrow(/whole number/);
    expect(() => createFake({ webhooks: { timeoutMs: -1 } })).toThrow(/timeoutMs/);
  });
});

describe("redeliver", () => {
  it("sends the same bytes and signature again: a receiver with a replay store takes it for a replay", async () => {
    const { fake, receiver } = await setup();
    fake.simulateInbound({ conversationId, body: "once" });
    const [delivery] = await fake.webhooks.idle();
    const again = await fake.webhooks.redeliver(delivery!);
    expect(again).toBe(delivery);
    expect(again.attempts.map((attempt) => attempt.status)).toEqual([200, 200]);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.refused).toEqual(["ReplayedWebhookError"]);
    await expect(fake.webhooks.redeliver(99)).rejects.toThrow(FakeUsageError);
    fake.reset();
    await expect(fake.webhooks.redeliver(delivery!)).rejects.toThrow(/no delivery 1 since the last reset/);
  });
});
