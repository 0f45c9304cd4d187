// Fault injection: bodies that are not what the spec promises, and timeouts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AbortError,
  createConversationsClient,
  InvalidResponseError,
  ServerError,
  TimeoutError,
  UnprocessableError,
  type ConversationsClientOptions,
} from "../../src/index.js";
import { after, conversation, json, raw, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const client = (options: Partial<ConversationsClientOptions> = {}) =>
  createConversationsClient({ token: "fault-token-123", baseUrl: server.url, backoff: { initialDelayMs: 5 }, ...options });
const page = { conversations: [conversation("c1")], total: 1 };
const search = (c = client(), init: Record<string, unknown> = {}) =>
  c.GET("/conversations/search", { params: { query: { locationId: "location" } }, ...init });

describe("timeouts", () => {
  // Deadlines long enough for a request to reach the server before its attempt is cut off (the
  // first fetch of a process loads undici; the machine may be loaded), so the counts hold.
  it("fails an attempt slower than the timeout with a TimeoutError, retrying a GET", async () => {
    server.script(after(2_000, json(200, page)));
    const started = performance.now();
    const { error, response } = await search(client({ timeout: 300, maxRetries: 1 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toContain("GET");
    expect(response.status).toBe(0);
    expect(performance.now() - started).toBeLessThan(2_000); // two attempts of 2 s each had it waited
    expect(server.seen).toHaveLength(2);
  });

  it("succeeds when the retry is fast enough", async () => {
    server.script(after(2_000, json(200, page)), json(200, page));
    const { data } = await search(client({ timeout: 300 }));
    expect(data?.total).toBe(1);
    expect(server.seen).toHaveLength(2);
  });

  it("takes the per-call timeout over the client's", async () => {
    server.script(after(150, json(200, page)));
    const { data, error } = await search(client({ timeout: 50 }), { timeout: 1_000 });
    expect(error).toBeUndefined();
    expect(data?.total).toBe(1);
    expect(server.seen).toHaveLength(1);
  });

  it("stops at once, without retrying, when the caller's AbortSignal aborts", async () => {
    server.script(after(1_000, json(200, page)));
    const { error } = await search(client({ timeout: 5_000 }), { signal: AbortSignal.timeout(50) });
    expect(error).toBeInstanceOf(AbortError);
    expect(server.seen).toHaveLength(1);
  });

  it("an abort during the wait before a retry ends the call", async () => {
    server.script(json(503, {}, { "Retry-After": "1" }));
    const started = Date.now();
    const { error } = await search(client(), { signal: AbortSignal.timeout(100) });
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(900);
    expect(server.seen).toHaveLength(1);
  });

  it("a timed-out POST is not retried: the server may have acted on it", async () => {
    server.script(after(300, json(201, {})));
    const { error } = await client({ timeout: 50 }).POST("/conversations/", {
      body: { locationId: "location", contactId: "contact" },
    });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(1);
  });
});

describe("bodies that are not what the spec says", () => {
  it("truncated JSON on a 200 is an InvalidResponseError with the status, not retried", async () => {
    server.script(raw(200, '{"conversations": [{"id": "c1"', { "Content-Type": "application/json" }));
    const { data, error, response } = await search();
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).status).toBe(200);
    expect((error as InvalidResponseError).body).toBe('{"conversations": [{"id": "c1"');
    expect(response.status).toBe(200);
    expect(server.seen).toHaveLength(1);
  });

  it("an HTML error page becomes the status's error class carrying the HTML", async () => {
    server.script(raw(502, "<html><h1>502 Bad Gateway</h1></html>", { "Content-Type": "text/html" }));
    const { error } = await search(client({ maxRetries: 1 }));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(502);
    expect((error as ServerError).body).toContain("<h1>502 Bad Gateway</h1>");
    expect(server.seen).toHaveLength(2);
  });

  it("an empty 200 body gives `data: undefined` and no error (the server did answer 200)", async () => {
    server.script(raw(200, "", { "Content-Type": "application/json" }));
    const { data, error, response } = await search();
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(server.seen).toHaveLength(1);
  });

  it("an empty error body still gives an error: the status's class", async () => {
    server.script(raw(404, ""));
    const { error } = await search();
    expect(error).toBeInstanceOf(Error);
    expect((error as { status?: number }).status).toBe(404);
    expect((error as Error).name).toBe("NotFoundError");
    expect(server.seen).toHaveLength(1);
  });

  it("an error body whose `message` is a list (the API's validation failures) gives an error message that joins it", async () => {
    const body = { statusCode: 422, message: ["attachments must contain at least 1 elements", "attachments must be an array"], traceId: "t-1" };
    server.script(json(422, body));
    const c = client();
    const failure = await c.unwrap(search(c)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnprocessableError);
    expect((failure as Error).message).toMatch(/ attachments must contain at least 1 elements; attachments must be an array$/);
    expect((failure as UnprocessableError).body).toEqual(body);
  });

  it("a 204 gives no data and no error", async () => {
    server.script((response) => {
      response.writeHead(204);
      response.end();
    });
    const { data, error, response } = await client().DELETE("/conversations/{conversationId}", {
      params: { path: { conversationId: "c1" } },
    });
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
    expect(response.status).toBe(204);
    expect(server.seen).toHaveLength(1);
  });
});
