// The fleet pieces plugged into the client's options as they are today: the budget as `fetch`, a
// fleet token provider as `token`. (The client's 401 path passes no refused token yet; the second
// pass of issue 13 wires that.)
import { createConversationsClient } from "@conversations-api/client";
import { afterEach, expect, it } from "vitest";
import { createFleetTokens, createRateLimitBudget } from "../src/index.js";
import { startScriptedApi, type ScriptedApi } from "./support/scripted-api.js";

let api: ScriptedApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const search = { params: { query: { locationId: "loc-1" } } } as const;

it("a 429 that the client retries is waited out once, not twice, though client and budget both honour Retry-After", async () => {
  api = await startScriptedApi((n) => (n === 0 ? { status: 429, headers: { "retry-after": "1" } } : {}));
  const budget = createRateLimitBudget();
  const client = createConversationsClient({
    token: "a-token",
    baseUrl: api.url,
    fetch: budget.wrapFetch((request) => fetch(request), { key: "loc-1" }),
    maxRetries: 1,
  });
  const started = Date.now();
  const { error, response } = await client.GET("/conversations/search", search);
  expect(error).toBeUndefined();
  expect(response.status).toBe(200);
  expect(api.arrivals).toHaveLength(2);
  expect(api.arrivals[1]! - api.arrivals[0]!).toBeGreaterThanOrEqual(900);
  expect(Date.now() - started).toBeLessThan(2_500);
});

it("a fleet token provider is the client's token: its token goes out as the bearer", async () => {
  api = await startScriptedApi();
  const tokens = createFleetTokens({ clientId: "client-id", clientSecret: "client-secret", tokenUrl: `${api.url}/oauth/token` });
  await tokens.save("loc-1", { access_token: "access-0", refresh_token: "refresh-0", expires_in: 3_600, userId: "user-1" });
  const client = createConversationsClient({ token: tokens.provider("loc-1"), baseUrl: api.url });
  await client.GET("/conversations/search", search);
  expect(api.authorizations).toEqual(["Bearer access-0"]);
});
