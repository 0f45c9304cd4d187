// `pnpm bench` (packages/mcp): what the MCP layer costs on top of the client, on the fake in process.
//   1. tools/list: over stdio (the built CLI, a fresh process: spawn + initialize + list) and in
//      process (the SDK's InMemoryTransport, warm);
//   2. the median overhead of a tool call (get-conversation through the SDK's client and the server)
//      over the same call made directly with the server's client, both through the same budget and
//      fake, alternating, BENCH_ROUNDS each (default 2000).
// `pnpm bench` runs bench/code-mode.mjs after it.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { z } from "zod";
import { createRateLimitBudget } from "@conversations-api/fleet";
import { fileURLToPath } from "node:url";
import { cpus, loadavg } from "node:os";
import { createFakeBackend, createMcpServer, createServerContext, FAKE_TOKEN } from "../dist/index.js";

const rounds = Number(process.env.BENCH_ROUNDS ?? 2000);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (value) => `${value.toFixed(3)} ms`;

// An unreachable limit: the budget is on the path (as in production) but never makes a call wait.
const budget = createRateLimitBudget({ limit: { max: 1e9, intervalMs: 1_000 } });
const fake = createFakeBackend({ rateLimit: false });
const context = createServerContext({ token: FAKE_TOKEN, fetch: (request, init) => fake.fetch(request, init), budget });
const server = createMcpServer(context);
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
await server.connect(serverSide);
const client = new Client({ name: "bench", version: "0" });
await client.connect(clientSide);

// tools/list, in process.
const listTimes = [];
let listBytes = 0;
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  const { tools } = await client.listTools();
  listTimes.push(performance.now() - started);
  listBytes = JSON.stringify(tools).length;
}

// The same without the SDK client's work on the answer (it validates the list and compiles each
// output schema): what the server and the transport cost.
const rawListTimes = [];
const anything = z.object({}).passthrough();
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  await client.request({ method: "tools/list", params: {} }, anything);
  rawListTimes.push(performance.now() - started);
}

// tools/list over stdio, from a cold process.
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const coldTimes = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const stdio = new Client({ name: "bench", version: "0" });
  await stdio.connect(new StdioClientTransport({ command: process.execPath, args: [cli, "--fake"], stderr: "ignore" }));
  const connected = performance.now();
  await stdio.listTools();
  coldTimes.push({ total: performance.now() - started, list: performance.now() - connected });
  await stdio.close();
}

// A tool call vs the direct client call, alternating so that both see the same machine load.
const args = { conversationId: "ABCHkzuJQ8ZMd4Te84GK" };
const direct = [];
const viaTool = [];
for (let i = 0; i < 200; i++) {
  await context.client.GET("/conversations/{conversationId}", { params: { path: args } });
  await client.callTool({ name: "get-conversation", arguments: args });
}
for (let i = 0; i < rounds; i++) {
  let started = performance.now();
  const { error } = await context.client.GET("/conversations/{conversationId}", { params: { path: args } });
  direct.push(performance.now() - started);
  if (error) throw new Error(JSON.stringify(error));
  started = performance.now();
  const result = await client.callTool({ name: "get-conversation", arguments: args });
  viaTool.push(performance.now() - started);
  if (result.isError) throw new Error(JSON.stringify(result.content));
}
await client.close();

console.log(`# MCP server bench: Node ${process.version}, ${cpus().length} cores, load ${loadavg().map((value) => value.toFixed(2)).join(" ")}`);
console.log(`tools/list in process (InMemoryTransport), median of 200: ${ms(median(listTimes))} (${(listBytes / 1024).toFixed(0)} KiB of tools)`);
console.log(`tools/list in process without the client's validation (server + transport), median of 200: ${ms(median(rawListTimes))}`);
console.log(`tools/list over stdio from a cold process, median of 5: ${ms(median(coldTimes.map((time) => time.list)))} (start + initialize + list: ${ms(median(coldTimes.map((time) => time.total)))})`);
console.log(`get-conversation, median of ${rounds}: direct client call ${ms(median(direct))}, tool call ${ms(median(viaTool))}`);
console.log(`median overhead of a tool call: ${ms(median(viaTool) - median(direct))} (ratio ${(median(viaTool) / median(direct)).toFixed(2)}x; goal < 1 ms)`);

