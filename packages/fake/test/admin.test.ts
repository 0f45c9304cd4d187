// The admin surface under /__fake/, for consumers testing over HTTP (another process, another
// language, one fake shared by several test files): reset, seed, simulate inbound, events,
// webhooks and deliveries, faults. Outside the API: no token, no rate limit, no fault applies to
// it, none of the spec's paths is under it, and the client's typed paths cannot name it.
import type { ConversationsClient } from "@conversations-api/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PREFIX, adminRoutes, createFake, type RunningFake, startFake } from "../src/index.js";
import { clientOf } from "./support/clients.js";
import { type Receiver, startReceiver } from "./support/receiver.js";
import { spec } from "./support/spec-check.js";

const locationId = "LocAdmin000000000001";
const contactId = "ContactAdmin00000001";
const conversationId = "ConvAdmin00000000001";
const seed = {
  contacts: [{ id: contactId, locationId, fullName: "Ad Min", phone: "+15550005555" }],
  conversations: [{ id: conversationId, locationId, contactId }],
  messages: [{ conversationId, direction: "outbound", body: "Welcome!", dateAdded: "2026-02-01T09:00:00.000Z" }],
};

let running: RunningFake;
let receiver: Receiver | undefined;
beforeAll(async () => {
  running = await startFake({ rateLimit: false });
});
afterAll(() => running?.stop());
afterEach(async () => {
  await admin("POST", "/reset");
  await receiver?.stop();
  receiver = undefined;
});

/** A call to the admin surface, as any HTTP client would make it. */
async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${running.url}${ADMIN_PREFIX}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const api = () => clientOf((request, init) => fetch(request, init), { baseUrl: running.url });

describe("the admin surface over HTTP", () => {
  it("seeds, simulates an inbound message, lists the events, and resets", async () => {
    expect(await admin("POST", "/seed", seed)).toEqual({ status: 204, body: undefined });
    const seeded = await api().GET("/conversations/{conversationId}/messages", { params: { path: { conversationId } } });
    expect(seeded.data?.messages.messages.map((message) => message.body)).toEqual(["Welcome!"]);

    const inbound = await admin("POST", "/inbound", { conversationId, body: "Is the shop open?" });
    expect(inbound).toEqual({ status: 201, body: { conversationId, messageId: expect.stringMatching(/^[0-9A-Za-z]{20}$/) } });
    const { body } = await admin("GET", "/events");
    expect(body.events).toEqual([
      { name: "InboundMessage", sequence: 1, payload: expect.objectContaining({ type: "InboundMessage", conversationId, messageId: inbound.body.messageId, body: "Is the shop open?" }) },
    ]);
    // get-conversation leaves unreadCount out, as the API does; search carries it.
    const searched = await api().GET("/conversations/search", { params: { query: { locationId, id: conversationId } } });
    expect(searched.data?.conversations[0]?.unreadCount).toBe(1);

    expect(await admin("POST", "/reset")).toEqual({ status: 204, body: undefined });
    expect((await admin("GET", "/events")).body).toEqual({ events: [] });
    expect((await api().GET("/conversations/{conversationId}", { params: { path: { conversationId } } })).response.status).toBe(404);
  });

  it("adds, lists and clears faults", async () => {
    await admin("POST", "/seed", seed);
    const added = await admin("POST", "/faults", { operation: "get-conversation", status: 503, times: 1 });
    expect(added).toEqual({ status: 201, body: { fault: { rule: { operation: "get-conversation", status: 503, times: 1 }, hits: 0, calls: 0 } } });
    const get = () => api().GET("/conversations/{conversationId}", { params: { path: { conversationId } } });
    expect((await get()).response.status).toBe(503);
    expect((await get()).response.status).toBe(200);
    expect((await admin("GET", "/faults")).body).toEqual({ faults: [{ rule: { operation: "get-conversation", status: 503, times: 1 }, hits: 1, calls: 2 }] });
    await admin("POST", "/faults", { status: 500 });
    expect(await admin("DELETE", "/faults")).toEqual({ status: 204, body: undefined });
    expect((await admin("GET", "/faults")).body).toEqual({ faults: [] });
    expect((await get()).response.status).toBe(200);
  });

  it("gives the public key, takes the webhook URLs, lists the deliveries once settled, and redelivers", async () => {
    await admin("POST", "/seed", seed);
    const settings = await admin("GET", "/webhooks");
    expect(settings).toEqual({ status: 200, body: { publicKey: running.fake.webhooks.publicKey, algorithm: "Ed25519", appUrl: null, providerUrl: null } });
    receiver = await startReceiver({ publicKey: settings.body.publicKey });
    expect(await admin("PUT", "/webhooks", { appUrl: receiver.appUrl })).toEqual({ status: 200, body: { ...settings.body, appUrl: receiver.appUrl } });

    await admin("POST", "/inbound", { conversationId, body: "Deliver me" });
    const { body } = await admin("GET", "/webhooks/deliveries?idle");
    expect(body.deliveries).toEqual([
      expect.objectContaining({ id: 1, endpoint: "app", url: receiver.appUrl, state: "delivered", attempts: [expect.objectContaining({ number: 1, status: 200 })] }),
    ]);
    expect(receiver.received.map((received) => received.payload.body)).toEqual(["Deliver me"]);

    const again = await admin("POST", "/webhooks/deliveries/1/redeliver");
    expect(again.status).toBe(200);
    expect(again.body.delivery.attempts.map((attempt: { status: number }) => attempt.status)).toEqual([200, 200]);
    expect(receiver.refused).toEqual(["ReplayedWebhookError"]);
    expect(await admin("PUT", "/webhooks", { appUrl: null })).toMatchObject({ status: 200, body: { appUrl: null } });
  });

  it("answers a mistake with 400 and its reason, and changes nothing", async () => {
    const mistakes: Array<[string, string, unknown, string, RegExp]> = [
      ["POST", "/seed", { people: [] }, "FixtureError", /people is not a fixture list/],
      ["POST", "/seed", { conversations: "all of them" }, "FixtureError", /conversations must be a list of objects/],
      ["POST", "/seed", { conversations: [{ id: "x" }] }, "FixtureError", /locationId and contactId are required/],
      ["POST", "/seed", "{not json", "AdminRequestError", /the body is not JSON/],
      ["POST", "/seed", [seed], "AdminRequestError", /takes a JSON object, not an array/],
      ["POST", "/inbound", { conversationId, body: 42 }, "FakeUsageError", /body .* must be a string/],
      ["POST", "/inbound", { conversationId: "nowhere", body: "hi" }, "FakeUsageError", /no conversation nowhere/],
      ["POST", "/faults", { status: 99 }, "FaultRuleError", /status 99 is not an HTTP status/],
      ["PUT", "/webhooks", { appUrl: "mailto:me@example.com" }, "FakeUsageError", /must be an http\(s\) URL/],
      ["PUT", "/webhooks", { secret: "x" }, "AdminRequestError", /takes appUrl and providerUrl, not secret/],
      ["POST", "/webhooks/deliveries/first/redeliver", undefined, "AdminRequestError", /first is not a delivery id/],
      ["POST", "/webhooks/deliveries/9/redeliver", undefined, "FakeUsageError", /no delivery 9/],
    ];
    for (const [method, path, body, error, message] of mistakes) {
      const answer = await admin(method, path, body);
      expect(answer, `${method} ${path} ${JSON.stringify(body)}`).toEqual({ status: 400, body: { statusCode: 400, error, message: expect.stringMatching(message) } });
    }
    expect((await admin("GET", "/events")).body).toEqual({ events: [] });
    expect((await admin("GET", "/faults")).body).toEqual({ faults: [] });
    expect((await admin("GET", "/webhooks")).body).toMatchObject({ appUrl: null, providerUrl: null });
    expect((await api().GET("/conversations/search", { params: { query: { locationId } } })).data?.total).toBe(0);

    const unknown = await admin("GET", "/nothing-here");
    expect(unknown).toEqual({ status: 404, body: { statusCode: 404, error: "Not Found", message: expect.stringContaining("no admin route GET /__fake/nothing-here; the routes are: POST /__fake/reset") } });
  });
});

describe("the admin surface is outside the API", () => {
  it("takes no token, counts against no rate limit, and no fault applies to it", async () => {
    const strict = await startFake({ tokens: { "the-only-token": { locationId } }, rateLimit: { max: 1, intervalMs: 60_000 } });
    try {
      strict.fake.faults.add({ status: 500 });
      for (let i = 0; i < 3; i++) expect((await fetch(`${strict.url}${ADMIN_PREFIX}/events`)).status).toBe(200);
      expect((await fetch(`${strict.url}/conversations/search?locationId=${locationId}`, { headers: { Authorization: "Bearer the-only-token", Version: "2021-04-15" } })).status).toBe(500);
      expect((await fetch(`${strict.url}${ADMIN_PREFIX}/faults`, { method: "DELETE" })).status).toBe(204);
    } finally {
      await strict.stop();
    }
  });

  it("none of the spec's paths is under the prefix, and the client's typed paths cannot name an admin route", () => {
    expect(Object.keys(spec.paths).filter((path) => path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`))).toEqual([]);
    expect(adminRoutes.every((route) => route.split(" ")[1]!.startsWith(`${ADMIN_PREFIX}/`))).toBe(true);
    // Type-checked (pnpm check-types), never run: each line must fail to compile.
    const typed = (client: ConversationsClient) => {
      // @ts-expect-error not a path of the API
      void client.GET("/__fake/events");
      // @ts-expect-error not a path of the API
      void client.POST("/__fake/reset");
    };
    expect(typeof typed).toBe("function");
  });

  it("is there in process too, through fake.fetch", async () => {
    const fake = createFake({ rateLimit: false });
    fake.seed(seed as never);
    const reset = await fake.fetch(`http://fake.test${ADMIN_PREFIX}/reset`, { method: "POST" });
    expect(reset.status).toBe(204);
    expect((await fake.fetch(`http://fake.test${ADMIN_PREFIX}/events`)).status).toBe(200);
    expect((await clientOf(fake.fetch).GET("/conversations/{conversationId}", { params: { path: { conversationId } } })).response.status).toBe(404);
  });
});
