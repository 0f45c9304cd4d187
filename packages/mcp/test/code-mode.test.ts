// Code mode: run_code's sandbox (QuickJS in WebAssembly) and its limits, search_docs, and the
// benchmark task answered the same both ways.
import { createFake, exampleFixtures } from "@conversations-api/fake";
import { createRateLimitBudget } from "@conversations-api/fleet";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeModeAgent, perOperationAgent, sortAnswer } from "../bench/scripted-agents.mjs";
import { operationTools } from "../src/operations.gen.js";
import { DEMO_LOCATION_ID, demoInbox } from "../src/demo-inbox.js";
import { connectHttp, connectStdio, type HttpSession } from "./support/servers.js";

const TOKEN = "pit-code-mode-secret-7f3a9c2e1b";
const text = (result: unknown) => ((result as CallToolResult).content as { text: string }[]).map((part) => part.text).join("\n");
const limits = { timeoutMs: 1_500, memoryBytes: 16 * 1024 * 1024, maxApiCalls: 5, maxResultBytes: 4_096 };
const fast = () => createRateLimitBudget({ limit: { max: 1e9, intervalMs: 1_000 } });

function fakeWithSecretMessage() {
  const fake = createFake({ fixtures: exampleFixtures, rateLimit: false });
  fake.seed({ messages: [{ conversationId: "ABCHkzuJQ8ZMd4Te84GK", direction: "inbound", body: `here is the key ${TOKEN}`, dateAdded: "2024-03-28T00:00:00.000Z" }] });
  return fake;
}

describe("run_code's sandbox", () => {
  const fake = fakeWithSecretMessage();
  const outputs: string[] = [];
  const logs: string[] = [];
  let session: HttpSession;
  const run = async (code: string) => {
    const result = await session.client.callTool({ name: "run_code", arguments: { code } });
    outputs.push(JSON.stringify(result));
    return result;
  };
  const value = async (code: string) => {
    const result = await run(code);
    expect(result.isError, text(result)).toBeFalsy();
    return JSON.parse(text(result).split("\nconsole:\n")[0]!);
  };
  const stillServing = async () => expect(await value("return 6 * 7")).toBe(42);

  beforeAll(async () => {
    session = await connectHttp({ token: TOKEN, tools: "code", fetch: (request, init) => fake.fetch(request, init), budget: fast(), codeLimits: limits, log: (line) => logs.push(line) });
  });
  afterAll(async () => {
    await session?.close();
    expect(outputs.join("\n") + logs.join("\n")).not.toContain(TOKEN);
  });

  it("runs TypeScript against the client and returns only the snippet's JSON", async () => {
    const answer = await value(`
      interface Row { id: string; unread: number }
      const rows: Row[] = [];
      for await (const c of client.searchConversations({ locationId: "ABCHkzuJQ8ZMd4Te84GK" })) rows.push({ id: c.id, unread: c.unreadCount });
      const { data } = await client.GET("/conversations/{conversationId}", { params: { path: { conversationId: rows[0]!.id } } });
      console.log("seen", rows.length);
      return { rows, id: data.id, nothing: () => 1 };`);
    expect(answer).toEqual({ rows: [{ id: "ABCHkzuJQ8ZMd4Te84GK", unread: 2 }], id: "ABCHkzuJQ8ZMd4Te84GK" });
    expect(await value("return () => 1")).toBeNull();
  });

  it("has no network, filesystem, process, timers, modules or host globals", async () => {
    expect(
      await value(`return [typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof require, typeof process, typeof Buffer, typeof setTimeout, typeof setInterval, typeof globalThis.global, typeof __bridge, typeof std, typeof os]`),
    ).toEqual(Array(12).fill("undefined"));
    const globals: string[] = await value("return Object.getOwnPropertyNames(globalThis)");
    for (const name of ["process", "Buffer", "require", "module", "fetch", "setTimeout", "__bridge", "std", "os"]) expect(globals).not.toContain(name);
    // The Function constructor compiles in the sandbox's own realm: nothing of the host there either.
    expect(await value(`return (() => {}).constructor("return typeof process")()`)).toBe("undefined");
    const dynamicImport = await run(`return await import("node:fs")`);
    expect(dynamicImport.isError).toBe(true);
    expect(text(dynamicImport)).toMatch(/could not load module|not supported|ReferenceError|SyntaxError/);
    const staticImport = await run(`import { readFileSync } from "node:fs"; return readFileSync("/etc/passwd", "utf8")`);
    expect(text(staticImport)).toContain("does not compile");
    const required = await run(`return require("child_process")`);
    expect(text(required)).toContain("ReferenceError");
    const socket = await run(`return new WebSocket("ws://127.0.0.1:1")`);
    expect(text(socket)).toContain("ReferenceError");
  });

  it("ends an infinite loop with the wall-time limit, and keeps serving", async () => {
    const started = performance.now();
    const result = await run("while (true) {}");
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("wall-time limit exceeded");
    // Ended at the limit, not by the test's timeout (the margin is for a loaded 2-core machine).
    expect(performance.now() - started).toBeLessThan(limits.timeoutMs + 8_000);
    const asyncLoop = await run("for (;;) await Promise.resolve()");
    expect(text(asyncLoop), text(asyncLoop)).toContain("wall-time limit exceeded");
    await stillServing();
  });

  it("ends a memory bomb with the memory limit, and keeps serving", async () => {
    // A server of its own with time to spare, so that on a loaded machine memory runs out first.
    const fake = createFake({ fixtures: exampleFixtures, rateLimit: false });
    const roomy = await connectHttp({ token: TOKEN, tools: "code", fetch: (request, init) => fake.fetch(request, init), codeLimits: { ...limits, timeoutMs: 30_000, memoryBytes: 8 * 1024 * 1024 } });
    try {
      for (const bomb of [`const hoard = []; for (;;) hoard.push(new Uint8Array(1 << 20).fill(1))`, `const hoard = []; for (;;) hoard.push({ n: hoard.length, s: "bomb" + hoard.length })`]) {
        const result = await roomy.client.callTool({ name: "run_code", arguments: { code: bomb } });
        expect(result.isError).toBe(true);
        expect(text(result)).toContain("memory limit exceeded: the snippet used more than 8 MiB");
      }
      const after = await roomy.client.callTool({ name: "run_code", arguments: { code: "return 6 * 7" } });
      expect(text(after)).toBe("42");
    } finally {
      await roomy.close();
    }
    await stillServing();
  });

  it("ends a call flood with the API-call limit, even when the snippet swallows the refusals, and keeps serving", async () => {
    const before = session.context.apiRequests;
    const result = await run(`for (let i = 0; i < 1000; i++) await client.GET("/conversations/{conversationId}", { params: { path: { conversationId: "ABCHkzuJQ8ZMd4Te84GK" } } }); return "done"`);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("API-call limit exceeded");
    expect(session.context.apiRequests - before).toBe(limits.maxApiCalls);
    const parallel = await run(`await Promise.all(Array.from({ length: 50 }, () => client.GET("/conversations/{conversationId}", { params: { path: { conversationId: "ABCHkzuJQ8ZMd4Te84GK" } } }))); return "done"`);
    expect(text(parallel)).toContain("API-call limit exceeded");
    await stillServing();
  });

  it("ends runaway recursion with the sandbox's stack error, not the host's, and keeps serving", async () => {
    const result = await run("function deeper(n) { return deeper(n + 1) + 1 } return deeper(0)");
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("InternalError: stack overflow");
    await stillServing();
  });

  it("refuses a result over the size limit", async () => {
    const result = await run(`return "x".repeat(10000)`);
    expect(text(result)).toContain("result-size limit exceeded");
  });

  it("refuses a write through the bridge without --allow-writes", async () => {
    const before = fake.events.length;
    const answer = await value(`return await client.POST("/conversations/messages", { body: { type: "SMS", conversationId: "ABCHkzuJQ8ZMd4Te84GK", contactId: "ABCHkzuJQ8ZMd4Te84GK", message: "hi" } })`);
    expect(answer.error.message).toContain("--allow-writes");
    expect(fake.events.length).toBe(before);
  });

  it("checks arguments as the tools do, naming the field", async () => {
    const answer = await value(`return await client.GET("/conversations/search", { params: { query: { locationId: 42 } } })`);
    expect(answer.error.message).toContain("locationId: must be string");
    const unknown = await value(`return await client.GET("/conversations/nowhere", {})`).catch(() => undefined);
    expect(unknown).toBeUndefined();
  });

  it("redacts the token from data, errors and console output", async () => {
    const answer = await value(`
      const bodies = [];
      for await (const m of client.conversationMessages("ABCHkzuJQ8ZMd4Te84GK")) bodies.push(m.body);
      console.log(bodies.join("|"));
      return bodies;`);
    expect(answer).toContain("here is the key [redacted]");
    const failing = await run(`for await (const m of client.conversationMessages("NoSuchConversation00")) {} return 1`);
    expect(failing.isError).toBe(true);
  });

  it("reports a syntax error with its line", async () => {
    const result = await run("const x = ;");
    expect(text(result)).toMatch(/does not compile: .*line 1/);
  });
});

describe("run_code with --allow-writes", () => {
  it("writes through the bridge", async () => {
    const fake = createFake({ fixtures: exampleFixtures, rateLimit: false });
    const session = await connectHttp({ token: TOKEN, tools: "code", allowWrites: true, fetch: (request, init) => fake.fetch(request, init), budget: fast() });
    try {
      const result = await session.client.callTool({
        name: "run_code",
        arguments: { code: `return await client.POST("/conversations/messages", { body: { type: "SMS", conversationId: "ABCHkzuJQ8ZMd4Te84GK", contactId: "ABCHkzuJQ8ZMd4Te84GK", message: "sent from the sandbox" } })` },
      });
      expect(JSON.parse(text(result)).data).toMatchObject({ conversationId: "ABCHkzuJQ8ZMd4Te84GK", messageId: expect.any(String) });
      expect(fake.events.map((event) => event.name)).toContain("OutboundMessage");
    } finally {
      await session.close();
    }
  });
});

describe("run_code with a location allow-list", () => {
  it("keeps the allow-list for calls and iterators", async () => {
    const fake = createFake({ fixtures: exampleFixtures, rateLimit: false });
    const session = await connectHttp({ token: TOKEN, tools: "code", locations: ["ABCHkzuJQ8ZMd4Te84GK"], fetch: (request, init) => fake.fetch(request, init), budget: fast() });
    const run = async (code: string) => text(await session.client.callTool({ name: "run_code", arguments: { code } }));
    try {
      expect(await run(`return (await client.GET("/conversations/search", { params: { query: { locationId: "ve9EPM428h8vShlRW1KT" } } })).error.message`)).toContain(
        "ve9EPM428h8vShlRW1KT is not in the server's allow-list",
      );
      expect(await run(`for await (const c of client.searchConversations({ locationId: "ve9EPM428h8vShlRW1KT" })) {} return "read"`)).toContain("not in the server's allow-list");
      expect(await run(`for await (const m of client.conversationMessages("tDtDnQdgm2LXpyiqYvZ6")) {} return "read"`)).toContain("not in the server's allow-list");
      expect(await run(`let n = 0; for await (const m of client.conversationMessages("ABCHkzuJQ8ZMd4Te84GK")) n++; return n`)).toBe("1");
    } finally {
      await session.close();
    }
  });
});

describe("search_docs and the tool sets", () => {
  let both: Awaited<ReturnType<typeof connectStdio>>;
  beforeAll(async () => {
    both = await connectStdio(["--fake", "--tools", "all"]);
  });
  afterAll(() => both?.close());

  it("--tools all serves both sets; run_code's description carries every served call's signature", async () => {
    const { tools } = await both.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["search-conversation", "run_code", "search_docs"]));
    const description = tools.find((tool) => tool.name === "run_code")!.description!;
    for (const tool of operationTools) expect(description).toContain(`client.${tool.method}("${tool.path}"`);
    expect(description).toContain("client.searchConversations(");
    expect(tools.find((tool) => tool.name === "run_code")!.annotations).toMatchObject({ readOnlyHint: true });
  });

  it("finds operations with their call signature, schemas and the deviations", async () => {
    const unread = text(await both.client.callTool({ name: "search_docs", arguments: { query: "search unread conversations" } }));
    expect(unread).toContain('client.GET("/conversations/search"');
    const deviation = text(await both.client.callTool({ name: "search_docs", arguments: { query: "sort value of the last document", kind: "deviation" } }));
    expect(deviation).toContain("search-sort-value");
    const schema = text(await both.client.callTool({ name: "search_docs", arguments: { query: "ConversationSchema", kind: "schema" } }));
    expect(schema).toContain("type ConversationSchema = {");
    const invalid = await both.client.callTool({ name: "search_docs", arguments: { query: "" } });
    expect(invalid.isError).toBe(true);
  });
});

describe("the benchmark task, both ways", () => {
  it("gives the same answer with far fewer bytes in code mode", async () => {
    const fake = createFake({ rateLimit: false });
    fake.seed(demoInbox({ conversations: 30 }));
    const session = await connectHttp({ token: TOKEN, tools: "all", fetch: (request, init) => fake.fetch(request, init), budget: fast() });
    try {
      const perOperation = await perOperationAgent(session.client, DEMO_LOCATION_ID, 5);
      const codeMode = await codeModeAgent(session.client, DEMO_LOCATION_ID);
      expect(perOperation.answer.length).toBeGreaterThan(5);
      expect(sortAnswer(codeMode.answer)).toEqual(sortAnswer(perOperation.answer));
      expect(perOperation.toolCalls).toBeGreaterThan(perOperation.answer.length);
      expect(codeMode.bytes * 5).toBeLessThan(perOperation.bytes);
    } finally {
      await session.close();
    }
  });
});
