// Fault injection per operation: a status (with the spec's error body), latency, the n-th call, a
// budget, a seeded probability, and a dropped connection before or after the fake acted, in
// process (a rejected fetch, as undici's) and over HTTP (a destroyed socket).
import { ConnectionError, TimeoutError } from "@conversations-api/client";
import { afterEach, describe, expect, it } from "vitest";
import { createFake, type Fake, FaultRuleError, startFake } from "../src/index.js";
import { checkedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";

const locationId = "north";
const fixtures = { conversations: [{ id: "conv0000000000000001", locationId, contactId: "contact1" }], contacts: [{ id: "contact1", locationId }] };
const search = (client: ReturnType<typeof clientOf>) => client.GET("/conversations/search", { params: { query: { locationId } } });

describe("an injected status", () => {
  it("answers the operation's documented error DTO and leaves other operations alone", async () => {
    const fake = createFake({ fixtures, rateLimit: false });
    const fetch = checkedFetch((request) => fake.fetch(request));
    const client = clientOf(fetch);
    fake.faults.add({ operation: "search-conversation", status: 401 });
    const failed = await search(client);
    expect(failed.response.status).toBe(401);
    expect(failed.error).toEqual({ statusCode: 401, message: "Unauthorized (injected fault)", error: "Unauthorized", traceId: expect.any(String) });
    expect((await client.GET("/conversations/{conversationId}", { params: { path: { conversationId: "conv0000000000000001" } } })).response.status).toBe(200);
    expect(fetch.violations).toEqual([]);
  });

  it("a 503 storm of 2 is ridden out by the client's retries; a third retry was not needed", async () => {
    const fake = createFake({ fixtures, rateLimit: false });
    const storm = fake.faults.add({ status: 503, times: 2 });
    const client = clientOf(fake.fetch, { maxRetries: 3, backoff: { initialDelayMs: 1, maxDelayMs: 5 } });
    expect((await search(client)).response.status).toBe(200);
    expect(storm.hits).toBe(2);
    expect(storm.calls).toBe(3);
  });

  it("a 429 carries Retry-After and the rate-limit headers", async () => {
    const fake = createFake({ fixtures });
    fake.faults.add({ status: 429, retryAfter: 7, times: 1 });
    const { response } = await search(clientOf(fake.fetch));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("hits only the n-th calls it names", async () => {
    const fake = createFake({ fixtures, rateLimit: false });
    fake.faults.add({ operation: "search-conversation", status: 500, nth: [2, 4] });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await search(clientOf(fake.fetch))).response.status);
    expect(statuses).toEqual([200, 500, 200, 500, 200]);
  });

  it("a seeded probability hits the same calls on every run, and other calls with another seed", async () => {
    const pattern = async (seed: number) => {
      const fake = createFake({ fixtures, rateLimit: false, seed });
      fake.faults.add({ status: 502, probability: 0.5 });
      const statuses = [];
      for (let i = 0; i < 24; i++) statuses.push((await search(clientOf(fake.fetch))).response.status);
      return statuses.join("");
    };
    const first = await pattern(7);
    expect(await pattern(7)).toBe(first);
    expect(first).toContain("502");
    expect(first).toContain("200");
    expect(await pattern(8)).not.toBe(first);
  });

  it("refuses a rule that would do nothing or cannot be", () => {
    const fake = createFake();
    expect(() => fake.faults.add({ operation: "search-conversation" })).toThrow(FaultRuleError);
    expect(() => fake.faults.add({ status: 42 })).toThrow(FaultRuleError);
    expect(() => fake.faults.add({ status: 500, reset: "before" })).toThrow(FaultRuleError);
    expect(() => fake.faults.add({ status: 500, probability: 2 })).toThrow(FaultRuleError);
  });
});

describe("latency", () => {
  it("delays the answer, and the client's timeout gives up and frees the call", async () => {
    const fake = createFake({ fixtures, rateLimit: false });
    fake.faults.add({ operation: "search-conversation", latencyMs: 300 });
    const started = Date.now();
    expect((await search(clientOf(fake.fetch))).response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const timedOut = await clientOf(fake.fetch).GET("/conversations/search", { params: { query: { locationId } }, timeout: 50 });
    expect(timedOut.response.status).toBe(0);
    expect(timedOut.error).toBeInstanceOf(TimeoutError);
  });
});

describe("a dropped connection", () => {
  let running: Awaited<ReturnType<typeof startFake>> | undefined;
  afterEach(() => running?.stop());

  it("in process, before acting: fetch rejects with undici's TypeError, and nothing was stored", async () => {
    const fake = createFake({ fixtures, rateLimit: false });
    fake.faults.add({ operation: "send-a-new-message", reset: "before", times: 1 });
    const failure = await fake
      .fetch("http://fake.test/conversations/messages", { method: "POST", headers: { Authorization: "Bearer t0ken", Version: "2021-04-15", "Content-Type": "application/json" }, body: JSON.stringify({ type: "SMS", contactId: "contact1", message: "hi" }) })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe("fetch failed");
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe("UND_ERR_SOCKET");
    expect(fake.events).toEqual([]);
  });

  it("after acting: the message was sent once, and the client does not send it again", async () => {
    const fake = createFake({ fixtures, rateLimit: false });
    fake.faults.add({ operation: "send-a-new-message", reset: "after", times: 1 });
    const client = clientOf(fake.fetch, { maxRetries: 3, backoff: { initialDelayMs: 1 } });
    const sent = await client.POST("/conversations/messages", { body: { type: "SMS", contactId: "contact1", message: "only once" } });
    expect(sent.error).toBeInstanceOf(ConnectionError);
    expect(fake.events.filter((event) => event.name === "OutboundMessage")).toHaveLength(1);
    const history = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId: "conv0000000000000001" } } });
    expect(history.data?.messages.messages.map((message) => message.body)).toEqual(["only once"]);
  });

  it("over HTTP: the socket is destroyed; a GET is retried and succeeds on the next call", async () => {
    running = await startFake({ fixtures, rateLimit: false });
    const rule = running.fake.faults.add({ operation: "search-conversation", reset: "before", times: 1 });
    const raw = await fetch(`${running.url}/conversations/search?locationId=${locationId}`, { headers: { Authorization: "Bearer t0ken", Version: "2021-04-15" } }).catch((error: unknown) => error);
    expect((raw as { cause?: { code?: string } }).cause?.code).toBe("UND_ERR_SOCKET");
    rule.remove();
    running.fake.faults.add({ operation: "search-conversation", reset: "before", times: 1 });
    const client = clientOf((request, init) => fetch(request, init), { baseUrl: running.url, maxRetries: 2, backoff: { initialDelayMs: 1 } });
    expect((await search(client)).response.status).toBe(200);
  });
});
