#!/usr/bin/env node
// `conversations-api-mcp`: the MCP server over stdio (default) or Streamable HTTP (--http).
// See README.md for the flags, the environment variables and the safety model.
import { parseArgs } from "node:util";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createServerContext, type ToolSet } from "./context.js";
import { createFakeBackend, FAKE_TOKEN } from "./fake-backend.js";
import { startHttpServer } from "./http-transport.js";
import { createMcpServer } from "./server.js";

const usage = `usage: conversations-api-mcp [--fake [--fake-conversations N]] [--allow-writes] [--locations ID,ID]
                             [--tools operations|code|all] [--api-version 2021-04-15|v3]
                             [--http [--port N]] [--base-url URL]
env: HIGHLEVEL_TOKEN (required without --fake), HIGHLEVEL_BASE_URL, HIGHLEVEL_LOCATION_IDS,
     CONVERSATIONS_MCP_HTTP_TOKEN (required with --http)`;

function fail(message: string): never {
  process.stderr.write(`conversations-api-mcp: ${message}\n${usage}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== "--"),
    options: {
      fake: { type: "boolean" },
      "fake-conversations": { type: "string" },
      "allow-writes": { type: "boolean" },
      locations: { type: "string" },
      tools: { type: "string" },
      "api-version": { type: "string" },
      http: { type: "boolean" },
      port: { type: "string" },
      "base-url": { type: "string" },
      help: { type: "boolean" },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const tools = (values.tools ?? process.env.CONVERSATIONS_MCP_TOOLS ?? "operations") as ToolSet;
if (!["operations", "code", "all"].includes(tools)) fail(`--tools must be operations, code or all, not ${tools}`);
const apiVersion = values["api-version"];
if (apiVersion !== undefined && apiVersion !== "2021-04-15" && apiVersion !== "v3") fail(`--api-version must be 2021-04-15 or v3`);
const locations = (values.locations ?? process.env.HIGHLEVEL_LOCATION_IDS ?? "")
  .split(",")
  .map((location) => location.trim())
  .filter(Boolean);
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`not a port: ${values.port}`);
const fakeConversations = Number(values["fake-conversations"] ?? 0);
if (!Number.isInteger(fakeConversations) || fakeConversations < 0) fail(`--fake-conversations must be a whole number`);

const httpToken = process.env.CONVERSATIONS_MCP_HTTP_TOKEN;
if (values.http && !httpToken) fail("--http needs CONVERSATIONS_MCP_HTTP_TOKEN, the bearer token MCP clients must send (at least 16 characters)");

const fake = values.fake ? createFakeBackend({ conversations: fakeConversations }) : undefined;
const token = fake ? FAKE_TOKEN : process.env.HIGHLEVEL_TOKEN;
if (!token) fail("set HIGHLEVEL_TOKEN (a location token or Private Integration Token), or run with --fake");

const log = (line: string) => process.stderr.write(`conversations-api-mcp: ${line}\n`);
const context = createServerContext({
  token,
  ...(fake ? { fetch: (request: Request, init?: RequestInit) => fake.fetch(request, init) } : {}),
  ...((values["base-url"] ?? process.env.HIGHLEVEL_BASE_URL) && !fake ? { baseUrl: values["base-url"] ?? process.env.HIGHLEVEL_BASE_URL } : {}),
  allowWrites: values["allow-writes"] ?? false,
  ...(locations.length ? { locations } : {}),
  ...(apiVersion ? { apiVersion } : {}),
  tools,
  log,
  ...(httpToken ? { secrets: [httpToken] } : {}),
});

const mode = `${fake ? "the fake" : "the API"}, ${context.gateway.allowWrites ? "writes allowed" : "read-only"}, tools: ${tools}${locations.length ? `, locations: ${locations.join(", ")}` : ""}`;
if (values.http) {
  try {
    const running = await startHttpServer(context, { port, bearerToken: httpToken! });
    log(`listening on ${running.url} (${mode})`);
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void running.close().then(() => process.exit(0)));
  } catch (error) {
    fail((error as Error).message);
  }
} else {
  const server = createMcpServer(context);
  await server.connect(new StdioServerTransport());
  log(`serving on stdio (${mode})`);
  process.stdin.once("end", () => void server.close().then(() => process.exit(0)));
}
