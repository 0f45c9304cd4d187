// The provider bridge end to end against the stateful fake, over real HTTP on 127.0.0.1 both ways:
// a message sent through the API with the bridge's conversationProviderId makes the fake POST an
// unsigned ProviderOutboundMessage to the bridge's Delivery URL (its secret in the path); the bridge
// hands the text to the (fake) carrier and reports delivered/failed through update-message-status
// against the fake, across the "not downstreamed yet" 401/403 window, without refreshing the token;
// the carrier's inbound texts become add-an-inbound-message calls. A redelivered webhook, a carrier
// outage, a 429 storm and a restart in the middle.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConversationsClient } from "@conversations-api/client";
import { createRateLimitBudget } from "@conversations-api/fleet";
import { type RunningFake, startFake } from "@conversations-api/fake";
import { findFreePort } from "@test/support";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type BridgeStore, createProviderBridge, fileBridgeStore, type RunningProviderBridge, startProviderBridge } from "../src/index.js";
import { FakeCarrier } from "./support/fake-carrier.js";

const locationId = "LocProviderBridge001";
const contactId = "ContactBridge0000001";
const conversationId = "ConvBridge0000000001";
const phone = "+15550107777";
const providerId = "ProviderBridge000001";
const deliveryUrlSecret = "bridge-delivery-url-secret-0123456789abcdef";
const carrierInboundSecret = "carrier-inbound-secret-0123456789";
const notDownstreamed = { statusCode: 403, message: "Status changes are not allowed until the message is downstreamed to the conversation provider", error: "Forbidden" };

let running: RunningFake;
const api = () => createConversationsClient({ token: "test-token", baseUrl: running.url, maxRetries: 0 });

beforeAll(async () => {
  running = await startFake({
    fixtures: {
      contacts: [{ id: contactId, locationId, fullName: "Sam Carrier", email: "sam@example.com", phone }],
      conversations: [{ id: conversationId, locationId, contactId }],
    },
    // HighLevel's retries of a failed delivery, quicker; an attempt waits for the bridge's carrier retries.
    webhooks: { retry: { maxAttempts: 4, initialDelayMs: 300 }, timeoutMs: 10_000 },
  });
});
afterAll(async () => {
  await running?.stop();
});

let bridge: RunningProviderBridge | undefined;
let carrier: FakeCarrier;
let lines: string[];
/** The second argument of every token request: a refused token there would mean a refresh. */
let tokenRequests: Array<string | undefined>;
/** update-message-status requests the bridge sent. */
let statusCalls = 0;

async function startBridge(options: { store?: BridgeStore; port?: number; statusRetry?: { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number } } = {}) {
  bridge = await startProviderBridge({
    conversationProviderId: providerId,
    token: (_location, rejected) => {
      tokenRequests.push(rejected);
      return "bridge-token";
    },
    carrier,
    deliveryUrlSecret,
    carrierInboundSecret,
    baseUrl: running.url,
    fetch: (request: Request, init?: RequestInit) => {
      if (request.method === "PUT" && request.url.endsWith("/status")) statusCalls += 1;
      return fetch(request, init);
    },
    // The vendor's limits, shared per location; a burst of 5 keeps the tests quick.
    budget: createRateLimitBudget({ burst: 5 }),
    carrierRetry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 50 },
    statusRetry: { maxAttempts: 6, initialDelayMs: 50, maxDelayMs: 200, ...options.statusRetry },
    ...(options.store ? { store: options.store } : {}),
    ...(options.port ? { port: options.port } : {}),
    log: (line) => lines.push(line),
  });
  running.fake.webhooks.setUrls({ providerUrl: bridge.deliveryUrl });
  return bridge;
}

beforeEach(() => {
  running.fake.reset();
  carrier = new FakeCarrier();
  lines = [];
  tokenRequests = [];
});
afterEach(async () => {
  await bridge?.stop();
  bridge = undefined;
});

/** A message sent through the API with the bridge's provider: the fake hands it to the bridge. */
async function sendThroughProvider(message: string, type: "SMS" | "Custom" = "SMS") {
  const sent = await api().unwrap(api().POST("/conversations/messages", { body: { type, contactId, message, conversationProviderId: providerId } }));
  return sent.messageId;
}

/** The message's status in the fake (read through the API, whichever shape its answer has). */
async function statusOf(messageId: string) {
  const data = (await api().unwrap(api().GET("/conversations/messages/{id}", { params: { path: { id: messageId } } }))) as unknown as Record<string, any>;
  return (data.message ?? data).status as string;
}

/** Every delivery settled in the fake, and every report settled in the bridge. */
async function settled() {
  const deliveries = await running.fake.webhooks.idle();
  await bridge!.bridge.idle();
  return deliveries.filter((delivery) => delivery.endpoint === "provider");
}

describe("an SMS HighLevel hands over", () => {
  it("goes to the carrier once and is reported delivered, across the not-downstreamed 403/401 window, without a token refresh", async () => {
    await startBridge();
    const window = [
      running.fake.faults.add({ operation: "update-message-status", status: 403, body: notDownstreamed, times: 2 }),
      running.fake.faults.add({ operation: "update-message-status", status: 401, body: { statusCode: 401, message: "Unauthorized" }, nth: 3 }),
    ];
    const messageId = await sendThroughProvider("Your table is ready");
    const [delivery] = await settled();

    expect([delivery?.headers, delivery?.state, delivery?.attempts.map((attempt) => attempt.status)]).toEqual([{ "content-type": "application/json" }, "delivered", [200]]);
    expect(carrier.sent).toEqual([{ to: phone, text: "Your table is ready", mediaUrls: [], reference: messageId }]);
    expect(await statusOf(messageId)).toBe("delivered");
    expect(window.map((fault) => fault.hits)).toEqual([2, 1]);
    // Never asked with a refused token: the window is not an expired token.
    expect(tokenRequests.length).toBeGreaterThan(3);
    expect(tokenRequests.filter((rejected) => rejected !== undefined)).toEqual([]);
    expect(lines.filter((line) => line.includes("not downstreamed yet")).length).toBeGreaterThanOrEqual(2);
    expect(lines.join("\n")).not.toContain(deliveryUrlSecret);
  });

  it("a Custom provider's message (type Custom) goes out too, and a carrier's refusal is reported failed with its reason", async () => {
    await startBridge();
    carrier.script.push({ status: "failed", code: "21610", reason: "the number opted out" });
    const messageId = await sendThroughProvider("Promo", "Custom");
    const [delivery] = await settled();
    expect(delivery?.event.payload).toMatchObject({ type: "Custom", messageId });
    expect(await statusOf(messageId)).toBe("failed");
    expect(lines).toContain(`message ${messageId} to the carrier: failed`);
  });

  it("gives up after the bounded retries when the window does not end, and says so (the message stays pending)", async () => {
    await startBridge({ statusRetry: { maxAttempts: 3 } });
    const fault = running.fake.faults.add({ operation: "update-message-status", status: 403, body: notDownstreamed });
    const messageId = await sendThroughProvider("Never confirmed");
    await settled();
    fault.remove();
    expect(await statusOf(messageId)).toBe("pending");
    expect(bridge!.bridge.unreported.map((report) => report.messageId)).toEqual([messageId]);
    expect(lines.some((line) => line.startsWith(`status delivered of ${messageId} NOT reported after 3 attempts`))).toBe(true);
  });

  it("a redelivered webhook is handled once: answered 200, not sent again", async () => {
    await startBridge();
    const messageId = await sendThroughProvider("Only once");
    const [delivery] = await settled();
    await running.fake.webhooks.redeliver(delivery!);
    await bridge!.bridge.idle();
    expect(delivery?.attempts.map((attempt) => [attempt.status, attempt.responseBody])).toEqual([
      [200, '{"received":true}'],
      [200, '{"received":true,"note":"replayed_webhook"}'],
    ]);
    expect(carrier.sent.map((text) => text.reference)).toEqual([messageId]);
  });

  it("a carrier outage: the delivery is answered 500 after the bridge's retries, HighLevel delivers it again, and it goes out once", async () => {
    await startBridge();
    carrier.script.push("unreachable", "unreachable", "unreachable", "unreachable");
    const messageId = await sendThroughProvider("After the outage");
    const [delivery] = await settled();
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    expect(carrier.calls).toBe(5);
    expect(carrier.sent.map((text) => text.reference)).toEqual([messageId]);
    expect(await statusOf(messageId)).toBe("delivered");
    expect(lines.some((line) => line.includes("CarrierUnavailableError"))).toBe(true);
  });

  it("a 429 storm on the status report is waited out (the client's retries, then the bridge's)", async () => {
    await startBridge();
    const storm = running.fake.faults.add({ operation: "update-message-status", status: 429, retryAfter: 0, times: 7 });
    const messageId = await sendThroughProvider("Through the storm");
    await settled();
    expect(storm.hits).toBe(7);
    expect(await statusOf(messageId)).toBe("delivered");
    expect(tokenRequests.filter((rejected) => rejected !== undefined)).toEqual([]);
  });

  it("refuses a delivery to a URL with the wrong secret, and one without the opt-in's secret at all", async () => {
    await startBridge();
    running.fake.webhooks.setUrls({ providerUrl: bridge!.deliveryUrl.replace(deliveryUrlSecret, "not-the-secret-not-the-secret-not-the-secret") });
    await sendThroughProvider("From someone else");
    const [delivery] = await settled();
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401, 401]);
    expect(carrier.calls).toBe(0);
    // Said, without the URL or either secret.
    expect(lines.filter((line) => line.includes("InvalidUrlSecretError"))).toHaveLength(4);
    expect(lines.join("\n")).not.toMatch(/not-the-secret|bridge-delivery-url-secret/);
  });
});

describe("the bridge's configuration", () => {
  it("refuses a Delivery URL secret that is short or not URL-safe, and a short carrier secret, at start, without quoting them", () => {
    const base = { conversationProviderId: providerId, token: () => "t", carrier: new FakeCarrier(), deliveryUrlSecret, carrierInboundSecret };
    for (const wrong of ["short", `${deliveryUrlSecret}/x`, `${deliveryUrlSecret} `]) {
      expect(() => createProviderBridge({ ...base, deliveryUrlSecret: wrong })).toThrow(/deliveryUrlSecret must be at least 32 characters/);
    }
    expect(() => createProviderBridge({ ...base, carrierInboundSecret: "short" })).toThrow(/carrierInboundSecret/);
    expect(() => createProviderBridge({ ...base, deliveryUrlSecret: "short" })).not.toThrow(/short/);
  });
});

describe("the carrier's inbound texts", () => {
  it("become add-an-inbound-message calls in the contact's conversation, once per carrier id; unknown numbers and wrong secrets are refused", async () => {
    const { carrierInboundUrl } = await startBridge();
    await sendThroughProvider("Are you coming?"); // the bridge learns whose number it is
    await settled();
    const storm = running.fake.faults.add({ operation: "add-an-inbound-message", status: 429, retryAfter: 0, times: 2 });

    const reply = { from: phone, to: "+15550100000", text: "Yes, at 8", carrierMessageId: "carrier-in-0001" };
    const first = await FakeCarrier.deliverInbound(carrierInboundUrl, carrierInboundSecret, reply);
    expect(first.status).toBe(200);
    const added = (await first.json()) as { added: boolean; messageId: string; conversationId: string };
    expect(added).toMatchObject({ added: true, conversationId });
    expect(storm.hits).toBe(2);

    const again = await FakeCarrier.deliverInbound(carrierInboundUrl, carrierInboundSecret, reply);
    expect([again.status, await again.json()]).toEqual([200, { added: false, reason: "duplicate" }]);

    const inbound = running.fake.events.filter((event) => event.name === "InboundMessage");
    expect(inbound.map((event) => event.payload)).toEqual([
      expect.objectContaining({ messageId: added.messageId, conversationId, contactId, body: "Yes, at 8", conversationProviderId: providerId }),
    ]);

    const stranger = await FakeCarrier.deliverInbound(carrierInboundUrl, carrierInboundSecret, { ...reply, from: "+15550109999", carrierMessageId: "carrier-in-0002" });
    expect([stranger.status, await stranger.json()]).toEqual([202, { added: false, reason: "unknown number" }]);
    expect((await FakeCarrier.deliverInbound(carrierInboundUrl, "wrong", { ...reply, carrierMessageId: "carrier-in-0003" })).status).toBe(401);
    expect((await FakeCarrier.deliverInbound(carrierInboundUrl, carrierInboundSecret, { from: phone })).status).toBe(400);
  });

  it("a failed add is answered 500 and its id released, so the carrier's redelivery adds it", async () => {
    const { carrierInboundUrl } = await startBridge();
    await sendThroughProvider("Hello");
    await settled();
    running.fake.faults.add({ operation: "add-an-inbound-message", status: 500, times: 1 });
    const reply = { from: phone, to: "+15550100000", text: "Hi back", carrierMessageId: "carrier-in-0101" };
    expect((await FakeCarrier.deliverInbound(carrierInboundUrl, carrierInboundSecret, reply)).status).toBe(500);
    expect((await FakeCarrier.deliverInbound(carrierInboundUrl, carrierInboundSecret, reply)).status).toBe(200);
    expect(running.fake.events.filter((event) => event.name === "InboundMessage")).toHaveLength(1);
  });
});

describe("a restart in the middle", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "provider-bridge-"));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("after the carrier took the text, before HighLevel took the report: the next run reports it (from the store), and nothing is sent twice", async () => {
    const store = join(directory, "bridge.json");
    await startBridge({ store: fileBridgeStore(store), statusRetry: { maxAttempts: 50, initialDelayMs: 50, maxDelayMs: 100 } });
    const window = running.fake.faults.add({ operation: "update-message-status", status: 403, body: notDownstreamed });
    const messageId = await sendThroughProvider("Survives a restart");
    await running.fake.webhooks.idle();
    await vi.waitFor(() => expect(window.hits).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 20 });
    await bridge!.stop({ abandon: true }); // the process dies with the report under way
    expect(await statusOf(messageId)).toBe("pending");

    window.remove();
    statusCalls = 0;
    await startBridge({ store: fileBridgeStore(store) }); // resumes the reports owed at start
    await bridge!.bridge.resumePendingReports(); // and again by hand: each report is sent once
    expect(await statusOf(messageId)).toBe("delivered");
    expect(statusCalls).toBe(1);
    expect(carrier.sent.map((text) => text.reference)).toEqual([messageId]);
    expect(lines).toContain("resuming 1 status report(s) owed by a previous run");
  });

  it("while the carrier was taking the text: HighLevel had no answer, delivers again, and the next run sends it", async () => {
    const port = await findFreePort();
    carrier.script.push("hang");
    await startBridge({ port });
    const messageId = await sendThroughProvider("Sent by the next run");
    await carrier.hanging;
    await bridge!.stop({ abandon: true }); // its connection closes: the fake's attempt fails, it retries after 300 ms
    await startBridge({ port }); // a new process: a fresh in-memory replay store
    const [delivery] = await settled();
    expect(delivery?.attempts.map((attempt) => attempt.status ?? "no answer")).toEqual(["no answer", 200]);
    expect(carrier.sent.map((text) => text.reference)).toEqual([messageId]);
    expect(await statusOf(messageId)).toBe("delivered");
  });
});
