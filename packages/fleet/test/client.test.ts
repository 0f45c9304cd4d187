// The fleet plugged into the real client as the README shows it: the budget as the client's
// `fetch` (`budget.wrapFetch(fetch, { key })`), a fleet token provider as its `token`. What each
// side promises the other: the client asks the provider before every attempt and after a 401 with
// the refused token; the budget gets the attempt's signal and passes it on; the budget's errors
// end the call as the client's FetchRefusedError.
import { AuthenticationError, createConversationsClient, FetchRefusedError, TimeoutError } from "@conversations-api/client";
import { afterEach, describe, expect, it } from "vitest";
import {
  createFleetTokens,
  createRateLimitBudget,
  DailyQuotaExhaustedError,
  memoryTokenStore,
  RateLimitWaitTooLongError,
  type FetchFunction,
} from "../src/index.js";
import { startScriptedApi, type ScriptedApi } from "./support/scripted-api.js";
import { startEarlyInSlot } from "./support/slots.js";
import { startTokenEndpoint, type TokenEndpoint } from "./support/token-endpoint.js";

let api: ScriptedApi | undefined;
let endpoint: TokenEndpoint | undefined;
afterEach(async () => {
  await api?.close();
  await endpoint?.close();
  api = endpoint = undefined;
});

const search = { params: { query: { locationId: "loc-1" } } } as const;
const conversation = (conversationId: string) => ({ params: { path: { conversationId } } });

describe("the budget as the client's fetch", () => {
  it("a 429 that the client retries is waited out once, not twice, though client and budget both honour Retry-After", async () => {
    api = await startScriptedApi((n) => (n === 0 ? { status: 429, headers: { "retry-after": "1" } } : {}));
    const budget = createRateLimitBudget();
    const client = createConversationsClient({ token: "a-token", baseUrl: api.url, fetch: budget.wrapFetch(fetch, { key: "loc-1" }), maxRetries: 1 });
    const started = Date.now();
    const { error, response } = await client.GET("/conversations/search", search);
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(api.arrivals).toHaveLength(2);
    expect(api.arrivals[1]! - api.arrivals[0]!).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("a spent daily quota ends the next call as a FetchRefusedError whose cause is DailyQuotaExhaustedError: not retried, nothing sent", async () => {
    api = await startScriptedApi(() => ({ headers: { "x-ratelimit-daily-remaining": "0", "x-ratelimit-limit-daily": "200000" } }));
    const budget = createRateLimitBudget({ dailyPauseMs: 60_000 });
    const client = createConversationsClient({ token: "a-token", baseUrl: api.url, fetch: budget.wrapFetch(fetch, { key: "loc-1" }), maxRetries: 3 });
    expect((await client.GET("/conversations/search", search)).error).toBeUndefined();
    const { error, response } = await client.GET("/conversations/search", search);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as FetchRefusedError).cause).toBeInstanceOf(DailyQuotaExhaustedError);
    expect((error as FetchRefusedError).message).toContain("the daily request quota of loc-1 is spent");
    expect((error as FetchRefusedError).attempts).toBe(1);
    expect(response.status).toBe(0);
    expect(api.arrivals).toHaveLength(1);
    // unwrap throws it as it is; a POST the same way.
    const thrown = await client.unwrap(client.POST("/conversations/", { body: { locationId: "loc-1", contactId: "c1" } })).catch((caught: unknown) => caught);
    expect(thrown).toBeInstanceOf(FetchRefusedError);
    expect(api.arrivals).toHaveLength(1);
  });

  it("a wait longer than maxWaitMs ends the call as a FetchRefusedError whose cause is RateLimitWaitTooLongError, at once", async () => {
    api = await startScriptedApi();
    const budget = createRateLimitBudget({ share: 1, limit: { max: 1, intervalMs: 10_000 }, maxWaitMs: 1_000 });
    const client = createConversationsClient({ token: "a-token", baseUrl: api.url, fetch: budget.wrapFetch(fetch, { key: "loc-1" }), maxRetries: 3 });
    await startEarlyInSlot(10_000, 3_000); // the next slot is more than maxWaitMs away
    await client.GET("/conversations/search", search);
    const started = Date.now();
    const { error } = await client.GET("/conversations/search", search);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as FetchRefusedError).cause).toBeInstanceOf(RateLimitWaitTooLongError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(api.arrivals).toHaveLength(1);
  });

  it("passes the client's init on to fetch: a timed-out attempt aborts the request it sent", async () => {
    api = await startScriptedApi(() => ({ silent: true }));
    const inits: Array<RequestInit | undefined> = [];
    const spy: FetchFunction = (request, init) => (inits.push(init), fetch(request, init));
    const client = createConversationsClient({ token: "a-token", baseUrl: api.url, fetch: createRateLimitBudget().wrapFetch(spy, { key: "loc-1" }), timeout: 300, maxRetries: 0 });
    const { error } = await client.GET("/conversations/search", search);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(inits).toHaveLength(1);
    expect(inits[0]?.signal?.aborted).toBe(true);
    expect(api.arrivals).toHaveLength(1);
  });

  it("a call that times out waiting for its slot ends on time, sends nothing, and takes no slot from the calls around it", async () => {
    api = await startScriptedApi();
    const budget = createRateLimitBudget({ share: 1, limit: { max: 1, intervalMs: 1_000 } }); // one slot per second
    const client = createConversationsClient({ token: "a-token", baseUrl: api.url, fetch: budget.wrapFetch(fetch, { key: "loc-1" }) });
    await client.GET("/conversations/{conversationId}", conversation("warm")); // takes this second's slot

    // A, B and C wait in line for the next slots; B gives up after 300 ms.
    const started = Date.now();
    const a = client.GET("/conversations/{conversationId}", conversation("A"));
    const b = client.GET("/conversations/{conversationId}", { ...conversation("B"), timeout: 300, maxRetries: 0 }).then((result) => ({ ...result, endedAfter: Date.now() - started }));
    const c = client.GET("/conversations/{conversationId}", conversation("C"));
    const [first, timedOut, third] = await Promise.all([a, b, c]);

    expect(timedOut.error).toBeInstanceOf(TimeoutError);
    expect(timedOut.endedAfter).toBeLessThan(1_000);
    expect(first.error).toBeUndefined();
    expect(third.error).toBeUndefined();
    const seen = `urls: ${api.urls.join(", ")}; arrivals after the warm-up: ${api.arrivals.map((at) => at - api!.arrivals[0]!).join(", ")} ms`;
    expect(api.urls, seen).toEqual(["/conversations/warm", "/conversations/A", "/conversations/C"]); // B never sent
    // C goes in the slot after A's: not in A's (B's abort freed nothing it did not take), not one
    // later (B took none). Slots are a second apart; sending jitter on a loaded machine is less.
    const gap = api.arrivals[2]! - api.arrivals[1]!;
    expect(gap, seen).toBeGreaterThanOrEqual(500);
    expect(gap, seen).toBeLessThan(1_700);
  });
});

describe("a fleet token provider as the client's token", () => {
  const fleetTokens = async (options: { refreshBeforeMs?: number } = {}) => {
    endpoint = await startTokenEndpoint("refresh-0");
    const store = memoryTokenStore();
    const tokens = createFleetTokens({ clientId: "client-id", clientSecret: "client-secret", tokenUrl: endpoint.url, store, ...options });
    await tokens.save("loc-1", { access_token: "access-0", refresh_token: "refresh-0", expires_in: 3_600, userId: "user-1" });
    return { tokens, store };
  };

  it("its token goes out as the bearer", async () => {
    api = await startScriptedApi();
    const { tokens } = await fleetTokens();
    const client = createConversationsClient({ token: tokens.provider("loc-1"), baseUrl: api.url });
    await client.GET("/conversations/search", search);
    expect(api.authorizations).toEqual(["Bearer access-0"]);
    expect(endpoint!.requests).toHaveLength(0);
  });

  it("after a 401, gets the refused token, refreshes once, and the retry carries the new token", async () => {
    // The API has stopped accepting access-0 although it has not expired by the clock.
    api = await startScriptedApi((_, request) => (request.headers.authorization === "Bearer access-1" ? {} : { status: 401 }));
    const { tokens, store } = await fleetTokens();
    const client = createConversationsClient({ token: tokens.provider("loc-1"), baseUrl: api.url });
    const { error, response } = await client.GET("/conversations/search", search);
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(api.authorizations).toEqual(["Bearer access-0", "Bearer access-1"]);
    expect(endpoint!.requests).toHaveLength(1);
    expect(await store.read("loc-1")).toMatchObject({ accessToken: "access-1", refreshToken: "refresh-1" });
    // The next calls use it without asking again.
    await client.GET("/conversations/search", search);
    expect(api.authorizations.at(-1)).toBe("Bearer access-1");
    expect(endpoint!.requests).toHaveLength(1);
  });

  it("a refused refresh ends the call as the client's TokenProviderError, after one request to the endpoint", async () => {
    api = await startScriptedApi(() => ({ status: 401 }));
    const { tokens } = await fleetTokens();
    endpoint!.mode = "invalid_grant";
    const client = createConversationsClient({ token: tokens.provider("loc-1"), baseUrl: api.url, maxRetries: 3 });
    const { error } = await client.GET("/conversations/search", search);
    expect(error).toMatchObject({ name: "TokenProviderError", cause: expect.objectContaining({ name: "TokenRefreshError", code: "invalid_grant" }) });
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect(api.arrivals).toHaveLength(1);
    expect(endpoint!.requests).toHaveLength(1);
  });

  it("is asked on every call, so a token it replaced as expiry came close goes out at once, without a 401", async () => {
    api = await startScriptedApi();
    // Fresh for one second, then due for its early refresh.
    const { tokens } = await fleetTokens({ refreshBeforeMs: 3_600_000 - 1_000 });
    const client = createConversationsClient({ token: tokens.provider("loc-1"), baseUrl: api.url });
    await client.GET("/conversations/search", search);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await client.GET("/conversations/search", search);
    expect(api.authorizations).toEqual(["Bearer access-0", "Bearer access-1"]);
    expect(endpoint!.requests).toHaveLength(1);
  });
});
