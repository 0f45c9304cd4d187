// A static token, or a token provider asked before every attempt (a pending answer shared by
// concurrent calls) and, after a 401, with the refused token (once per call).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationError, createConversationsClient } from "../../src/index.js";
import { conversation, json, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const page = { conversations: [conversation("c1")], total: 1 };
/** 200 for the fresh token, 401 for anything else. */
const acceptOnly = (token: string) => (response: Parameters<Parameters<FaultServer["script"]>[0]>[0], request: { headers: Record<string, unknown> }) =>
  request.headers.authorization === `Bearer ${token}`
    ? json(200, page)(response, request as never)
    : json(401, { statusCode: 401, message: "Invalid token", error: "Unauthorized" })(response, request as never);

const search = (client: ReturnType<typeof createConversationsClient>) =>
  client.GET("/conversations/search", { params: { query: { locationId: "location" } } });

describe("a token provider", () => {
  it("is asked before every attempt, so a token it replaced (expired by its own clock) goes out at once, without a 401", async () => {
    server.script(json(200, page));
    let calls = 0;
    const client = createConversationsClient({ baseUrl: server.url, token: () => `token-${++calls}` }); // a new token each time: as if each expired
    await search(client);
    await search(client);
    expect(calls).toBe(2);
    expect(server.seen.map((request) => request.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("shares one pending answer among the calls that start while it is pending", async () => {
    server.script(json(200, page));
    let calls = 0;
    const token = () => new Promise<string>((resolve) => setTimeout(() => resolve(`token-${++calls}`), 50));
    const client = createConversationsClient({ baseUrl: server.url, token });
    const results = await Promise.all(Array.from({ length: 5 }, () => search(client)));
    expect(results.every((result) => result.error === undefined)).toBe(true);
    expect(calls).toBe(1);
    expect(new Set(server.seen.map((request) => request.headers.authorization))).toEqual(new Set(["Bearer token-1"]));
  });

  it("after a 401, is asked with the refused token, refreshes once, and the retry carries the new token", async () => {
    server.script(acceptOnly("token-2"));
    // A provider with its own cache, as a real one has: it replaces its token only when told that
    // the API refused it (its clock still says the token is fresh).
    let current = "token-1";
    let refreshes = 0;
    const asked: Array<string | undefined> = [];
    const provider = (rejected?: string) => {
      asked.push(rejected);
      if (rejected === current) current = `token-${++refreshes + 1}`;
      return current;
    };
    const client = createConversationsClient({ baseUrl: server.url, token: provider });
    const { data, error } = await search(client);
    expect(error).toBeUndefined();
    expect(data?.total).toBe(1);
    expect(asked).toEqual([undefined, "token-1"]);
    expect(refreshes).toBe(1);
    expect(server.seen.map((request) => request.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("is asked for a fresh token after a 401, and the request is retried once", async () => {
    server.script(acceptOnly("token-2"));
    let calls = 0;
    const client = createConversationsClient({ baseUrl: server.url, token: async () => `token-${++calls}` });
    const { data, error } = await search(client);
    expect(error).toBeUndefined();
    expect(data?.total).toBe(1);
    expect(calls).toBe(2);
    expect(server.seen.map((request) => request.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("retries a POST once after the 401 too: the server refused it before acting", async () => {
    server.script(json(401, { statusCode: 401 }), json(201, { success: true }));
    let calls = 0;
    const client = createConversationsClient({ baseUrl: server.url, token: async () => `token-${++calls}` });
    const { error, response } = await client.POST("/conversations/", { body: { locationId: "l", contactId: "c" } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(server.seen.map((request) => [request.method, request.headers.authorization])).toEqual([
      ["POST", "Bearer token-1"],
      ["POST", "Bearer token-2"],
    ]);
  });

  it("refreshes once for many concurrent 401s", async () => {
    server.script(acceptOnly("token-2"));
    let calls = 0;
    const client = createConversationsClient({
      baseUrl: server.url,
      token: () => new Promise<string>((resolve) => setTimeout(() => resolve(`token-${++calls}`), 20)),
    });
    const results = await Promise.all(Array.from({ length: 5 }, () => search(client)));
    expect(results.every((result) => result.error === undefined)).toBe(true);
    expect(calls).toBe(2);
    expect(server.seen).toHaveLength(10);
  });

  it("gives up after the one retry when the fresh token is refused too", async () => {
    server.script(acceptOnly("never"));
    let calls = 0;
    const client = createConversationsClient({ baseUrl: server.url, token: () => `token-${++calls}` });
    const failure = await client.unwrap(search(client)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect(calls).toBe(2);
    expect(server.seen).toHaveLength(2);
  });

  it("a provider that throws gives an error result, and nothing is sent", async () => {
    server.script(json(200, page));
    const client = createConversationsClient({
      baseUrl: server.url,
      token: async () => {
        throw new Error("vault unreachable");
      },
    });
    const { error, response } = await search(client);
    expect((error as Error).message).toContain("vault unreachable");
    expect(response.status).toBe(0);
    expect(server.seen).toHaveLength(0);
  });
});

describe("a static token", () => {
  it("is sent as a bearer token and never refreshed: a 401 is final", async () => {
    server.script(acceptOnly("other"));
    const client = createConversationsClient({ baseUrl: server.url, token: "static-token" });
    const { error } = await search(client);
    expect(error).toEqual({ statusCode: 401, message: "Invalid token", error: "Unauthorized" });
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]?.headers.authorization).toBe("Bearer static-token");
    expect(server.seen[0]?.headers.version).toBe("2021-04-15");
  });
});
