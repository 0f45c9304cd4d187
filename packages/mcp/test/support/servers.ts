// The server under test, driven by the MCP SDK's own client: the built CLI over stdio (a child
// process, started as process.execPath + dist/cli.js), or the HTTP transport in this process.
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createServerContext, type ConversationsMcpOptions, type ServerContext } from "../../src/context.js";
import { startHttpServer, type RunningHttpServer } from "../../src/http-transport.js";

export const cliPath = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface StdioSession {
  client: Client;
  /** What the server wrote to stderr so far (its log). */
  stderr(): string;
  close(): Promise<void>;
}

/** Starts `conversations-api-mcp ...args` and connects the SDK's client to it over stdio. */
export async function connectStdio(args: string[], env: Record<string, string> = {}): Promise<StdioSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cliPath, ...args],
    env: { PATH: process.env.PATH ?? "", ...env },
    stderr: "pipe",
  });
  let log = "";
  transport.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const client = new Client({ name: "mcp-test", version: "0.0.0" });
  await client.connect(transport);
  return { client, stderr: () => log, close: () => client.close() };
}

export const HTTP_TOKEN = "test-http-bearer-0123456789abcdef";

export interface HttpSession {
  client: Client;
  context: ServerContext;
  server: RunningHttpServer;
  close(): Promise<void>;
}

/** Serves `options` over the HTTP transport on 127.0.0.1 and connects the SDK's client with the bearer token. */
export async function connectHttp(options: ConversationsMcpOptions): Promise<HttpSession> {
  const context = createServerContext({ ...options, secrets: [HTTP_TOKEN, ...(options.secrets ?? [])] });
  const server = await startHttpServer(context, { bearerToken: HTTP_TOKEN });
  const client = new Client({ name: "mcp-test", version: "0.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${HTTP_TOKEN}` } } }));
  return {
    client,
    context,
    server,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** The arguments of a tool call equivalent to a client call's init (the client's example calls). */
export function toolArguments(init: { params: { path: Record<string, unknown>; query: Record<string, unknown> }; body?: unknown }): Record<string, unknown> {
  return { ...init.params.path, ...init.params.query, ...(init.body === undefined ? {} : { body: init.body }) };
}
