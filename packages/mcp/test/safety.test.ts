// Safe by default: writes only with --allow-writes, arguments checked before any call (the error
// names the field), API errors as tool errors with their message, the location allow-list, the
// HTTP mode's own bearer token and Origin check, and no token in anything the server says.
import { request as httpRequest } from "node:http";
import { createFake, exampleFixtures } from "@conversations-api/fake";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectHttp, connectStdio, HTTP_TOKEN, type HttpSession, type StdioSession } from "./support/servers.js";

const text = (result: unknown) => ((result as CallToolResult).content as { text: string }[]).map((part) => part.text).join("\n");
const message = { type: "SMS", conversationId: "ABCHkzuJQ8ZMd4Te84GK", contactId: "ABCHkzuJQ8ZMd4Te84GK", message: "Hello from the test" };

describe("writes", () => {
  let readOnly: StdioSession;
  beforeAll(async () => {
    readOnly = await connectStdio(["--fake"]);
  });
  afterAll(() => readOnly?.close());

  it("are refused without --allow-writes, as a tool error that says how", async () => {
    const result = await readOnly.client.callTool({ name: "send-a-new-message", arguments: { body: message } });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("--allow-writes");
  });

  it("work with --allow-writes", async () => {
    const writable = await connectStdio(["--fake", "--allow-writes"]);
    try {
      const result = await writable.client.callTool({ name: "send-a-new-message", arguments: { body: message } });
      expect(result.isError, text(result)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ conversationId: "ABCHkzuJQ8ZMd4Te84GK", messageId: expect.any(String) });
      const messages = await writable.client.callTool({ name: "get-messages", arguments: { conversationId: "ABCHkzuJQ8ZMd4Te84GK" } });
      expect(text(messages)).toContain("Hello from the test");
    } finally {
      await writable.close();
    }
  });
});

describe("errors", () => {
  const fake = createFake({ fixtures: exampleFixtures, rateLimit: false });
  let session: HttpSession;
  beforeAll(async () => {
    session = await connectHttp({ token: "fake-token-for-tests", fetch: (request, init) => fake.fetch(request, init), allowWrites: true, maxRetries: 0 });
  });
  afterAll(() => session?.close());

  it("an invalid argument is a tool error naming the field, and nothing is sent", async () => {
    const before = session.context.apiRequests;
    const wrongType = await session.client.callTool({ name: "send-a-new-message", arguments: { body: { ...message, type: "Pigeon" } } });
    expect(wrongType.isError).toBe(true);
    expect(text(wrongType)).toMatch(/body\.type: must be one of the allowed values/);
    const missing = await session.client.callTool({ name: "search-conversation", arguments: {} });
    expect(text(missing)).toContain("locationId: is required");
    const unknown = await session.client.callTool({ name: "get-conversation", arguments: { conversationId: "x", colour: "red" } });
    expect(text(unknown)).toContain("colour: is not an argument of this tool");
    expect(session.context.apiRequests).toBe(before);
  });

  it("an API error body is a tool error with its status and message", async () => {
    const result = await session.client.callTool({ name: "get-conversation", arguments: { conversationId: "NoSuchConversation00" } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^HTTP 404.*: .+/);
  });

  it("an unknown tool is a protocol error (InvalidParams)", async () => {
    await expect(session.client.callTool({ name: "no-such-tool", arguments: {} })).rejects.toThrow(/no tool named no-such-tool/);
  });
});

describe("the location allow-list", () => {
  const fake = createFake({ fixtures: exampleFixtures, rateLimit: false });
  let session: HttpSession;
  beforeAll(async () => {
    session = await connectHttp({ token: "fake-token-for-tests", fetch: (request, init) => fake.fetch(request, init), allowWrites: true, locations: ["ABCHkzuJQ8ZMd4Te84GK"] });
  });
  afterAll(() => session?.close());

  it("serves a listed location", async () => {
    const result = await session.client.callTool({ name: "search-conversation", arguments: { locationId: "ABCHkzuJQ8ZMd4Te84GK" } });
    expect(result.isError, text(result)).toBeFalsy();
  });

  it("refuses a location argument outside it", async () => {
    const result = await session.client.callTool({ name: "search-conversation", arguments: { locationId: "ve9EPM428h8vShlRW1KT" } });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("ve9EPM428h8vShlRW1KT is not in the server's allow-list");
  });

  it("refuses a conversation of another location, to read or to write", async () => {
    const read = await session.client.callTool({ name: "get-messages", arguments: { conversationId: "tDtDnQdgm2LXpyiqYvZ6" } });
    expect(text(read)).toContain("not in the server's allow-list");
    const before = fake.events.length;
    const write = await session.client.callTool({ name: "send-a-new-message", arguments: { body: { ...message, conversationId: "tDtDnQdgm2LXpyiqYvZ6", contactId: "ve9EPM428kjkvShlRW1KT" } } });
    expect(write.isError).toBe(true);
    expect(fake.events.length).toBe(before);
  });

  it("withholds an answer holding another location's data", async () => {
    const result = await session.client.callTool({ name: "get-message", arguments: { id: "Q1h0XbB4M8rT2nZ5kL7p" } });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("withheld");
  });
});

describe("the HTTP mode", () => {
  let session: HttpSession;
  beforeAll(async () => {
    const fake = createFake({ fixtures: exampleFixtures, rateLimit: false });
    session = await connectHttp({ token: "fake-token-for-tests", fetch: (request, init) => fake.fetch(request, init) });
  });
  afterAll(() => session?.close());
  const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "0" } } };
  // node:http rather than fetch, which may not set Host.
  const post = (headers: Record<string, string>) =>
    new Promise<{ status: number }>((resolve, reject) => {
      const request = httpRequest(
        session.server.url,
        { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers } },
        (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
        },
      );
      request.on("error", reject);
      request.end(JSON.stringify(initialize));
    });

  it("listens on 127.0.0.1", () => {
    expect(session.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it("requires its own bearer token", async () => {
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: "Bearer fake-token-for-tests" })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${HTTP_TOKEN}` })).status).toBe(200);
  });

  it("refuses a foreign Origin or Host (DNS rebinding) and accepts loopback ones", async () => {
    expect((await post({ authorization: `Bearer ${HTTP_TOKEN}`, origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ authorization: `Bearer ${HTTP_TOKEN}`, origin: "http://127.0.0.1.evil.example" })).status).toBe(403);
    expect((await post({ authorization: `Bearer ${HTTP_TOKEN}`, host: "evil.example" })).status).toBe(403);
    expect((await post({ authorization: `Bearer ${HTTP_TOKEN}`, origin: "http://localhost:3000", host: "localhost" })).status).toBe(200);
    expect((await post({ authorization: `Bearer ${HTTP_TOKEN}`, origin: `http://127.0.0.1:${session.server.port}` })).status).toBe(200);
  });
});

describe("no token in any output", () => {
  const TOKEN = "pit-secret-0f1e2d3c4b5a69788796a5b4";
  const fake = createFake({ fixtures: exampleFixtures, rateLimit: false, tokens: { [TOKEN]: { locationId: "ABCHkzuJQ8ZMd4Te84GK" } } });
  const logLines: string[] = [];
  let failing = false;
  let session: HttpSession;
  beforeAll(async () => {
    session = await connectHttp({
      token: TOKEN,
      // A transport that puts the Authorization header in its error: the server must still not repeat it.
      fetch: async (request, init) => {
        if (failing) throw new Error(`socket hang up while sending ${request.headers.get("authorization")}`);
        return fake.fetch(request, init);
      },
      allowWrites: true,
      maxRetries: 0,
      log: (line) => logLines.push(line),
    });
  });
  afterAll(() => session?.close());

  it("appears in no result, error, resource or log line", async () => {
    const outputs: unknown[] = [];
    const callTool = async (name: string, args: Record<string, unknown>) => outputs.push(await session.client.callTool({ name, arguments: args }));
    await callTool("search-conversation", { locationId: "ABCHkzuJQ8ZMd4Te84GK" });
    await callTool("get-conversation", { conversationId: "tDtDnQdgm2LXpyiqYvZ6" }); // another location: 403 from the fake
    await callTool("send-a-new-message", { body: { ...message, type: TOKEN } }); // the token as an invalid value
    await callTool("get-conversation", { conversationId: TOKEN });
    // Data that holds the token (an agent pasted it into a message): redacted in the result too.
    await callTool("send-a-new-message", { body: { ...message, message: `my key is ${TOKEN}` } });
    await callTool("get-messages", { conversationId: "ABCHkzuJQ8ZMd4Te84GK" });
    outputs.push(await session.client.readResource({ uri: "conversations-api://conversations/ABCHkzuJQ8ZMd4Te84GK" }));
    outputs.push(await session.client.readResource({ uri: `conversations-api://conversations/${TOKEN}` }).catch((error: Error) => error.message));
    failing = true;
    await callTool("search-conversation", { locationId: "ABCHkzuJQ8ZMd4Te84GK" });
    failing = false;
    const all = JSON.stringify(outputs) + logLines.join("\n");
    expect(all).toContain("my key is [redacted]");
    expect(all).toContain("socket hang up");
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(HTTP_TOKEN);
  });
});
