// `pnpm bench:code` (packages/mcp): the task "the contact, unread count and last inbound message of
// every unread conversation" of one location of 200 generated conversations (demoInbox, seed 42),
// played by two scripted agents (bench/scripted-agents.mjs) against the fake in process:
//   per-operation tools: a search-conversation page loop, then one get-messages per conversation;
//   code mode: one run_code call.
// Reported: tool calls, bytes of tool results returned to the agent, API requests, wall time; and
// whether the two answers are the same. Two budgets: one that never waits (what the MCP layer and
// the sandbox cost) and the vendor's limit (100 per 10 s, the fake enforcing it; what an agent waits).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createFake } from "@conversations-api/fake";
import { createRateLimitBudget } from "@conversations-api/fleet";
import { isDeepStrictEqual } from "node:util";
import { cpus, loadavg } from "node:os";
import { createMcpServer, createServerContext, DEMO_LOCATION_ID, demoInbox } from "../dist/index.js";
import { codeModeAgent, perOperationAgent, sortAnswer } from "./scripted-agents.mjs";

const CONVERSATIONS = 200;

async function session({ realistic }) {
  const fake = createFake(realistic ? {} : { rateLimit: false });
  fake.seed(demoInbox({ conversations: CONVERSATIONS, seed: 42 }));
  const budget = realistic ? createRateLimitBudget() : createRateLimitBudget({ limit: { max: 1e9, intervalMs: 1_000 } });
  const context = createServerContext({ token: "bench-token", tools: "all", fetch: (request, init) => fake.fetch(request, init), budget });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(context).connect(serverSide);
  const client = new Client({ name: "bench", version: "0" });
  await client.connect(clientSide);
  return { client, context };
}

async function measure(agent, realistic) {
  const { client, context } = await session({ realistic });
  const started = performance.now();
  const run = await agent(client);
  const wallMs = performance.now() - started;
  await client.close();
  return { ...run, apiCalls: context.apiRequests, wallMs };
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`\n# Code mode bench: ${CONVERSATIONS} conversations of ${DEMO_LOCATION_ID}, Node ${process.version}, ${cpus().length} cores, load ${loadavg().map((v) => v.toFixed(2)).join(" ")}`);
for (const realistic of [false, true]) {
  if (realistic && process.env.BENCH_REALISTIC === "0") continue;
  const perOperation = await measure((client) => perOperationAgent(client, DEMO_LOCATION_ID), realistic);
  const codeMode = await measure((client) => codeModeAgent(client, DEMO_LOCATION_ID), realistic);
  const same = isDeepStrictEqual(sortAnswer(perOperation.answer), sortAnswer(codeMode.answer));
  console.log(`\n## ${realistic ? "the vendor's rate limit (100 per 10 s), the fleet budget's default pacing" : "a budget that never waits (no rate limit)"}`);
  console.log("| | tool calls | bytes returned to the agent | API requests | wall time |");
  console.log("|---|---|---|---|---|");
  for (const [name, run] of [["per-operation tools", perOperation], ["code mode (run_code)", codeMode]]) {
    console.log(`| ${name} | ${run.toolCalls} | ${run.bytes} (${kib(run.bytes)}) | ${run.apiCalls} | ${(run.wallMs / 1000).toFixed(2)} s |`);
  }
  console.log(`| ratio | ${(perOperation.toolCalls / codeMode.toolCalls).toFixed(0)}x fewer | ${(perOperation.bytes / codeMode.bytes).toFixed(1)}x fewer | ${(perOperation.apiCalls / codeMode.apiCalls).toFixed(2)}x | ${(perOperation.wallMs / codeMode.wallMs).toFixed(2)}x |`);
  console.log(`same answer: ${same} (${codeMode.answer.length} unread conversations)`);
  if (!same) process.exitCode = 1;
}
