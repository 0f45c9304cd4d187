// The Streamable HTTP transport: 127.0.0.1 only, a bearer token of the server's own (never the API
// token), and an Origin check against DNS rebinding (a browser page may not drive the server).
// Stateless: each POST gets a fresh server over the shared context, so sessions hold no state.
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { ServerContext } from "./context.js";
import { createMcpServer } from "./server.js";

export interface HttpOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The bearer token clients must send: required. */
  bearerToken: string;
  /** Origins allowed besides the loopback ones (http://127.0.0.1, http://localhost, http://[::1], any port). */
  allowedOrigins?: readonly string[];
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const MCP_PATH = "/mcp";

function refuse(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  return LOOPBACK_NAMES.has(host.replace(/:\d+$/, "").toLowerCase());
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_NAMES.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]!.trim());
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export async function startHttpServer(context: ServerContext, options: HttpOptions): Promise<RunningHttpServer> {
  if (!options.bearerToken || options.bearerToken.length < 16) {
    throw new TypeError("the HTTP mode needs a bearer token of at least 16 characters (CONVERSATIONS_MCP_HTTP_TOKEN)");
  }
  let port = options.port ?? 0;
  const extraOrigins = new Set(options.allowedOrigins ?? []);

  async function handle(request: IncomingMessage, response: ServerResponse) {
    // DNS rebinding: a page of evil.example whose name resolves to 127.0.0.1 sends its own Host and Origin.
    if (!isLoopbackHost(request.headers.host)) return refuse(response, 403, "the Host header must name the loopback interface");
    const origin = request.headers.origin;
    if (origin !== undefined && !extraOrigins.has(origin) && !isLoopbackOrigin(origin)) return refuse(response, 403, `origin ${origin} is not allowed`);
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== MCP_PATH) return refuse(response, 404, `not found: the MCP endpoint is ${MCP_PATH}`);
    if (!bearerMatches(request.headers.authorization, options.bearerToken)) {
      return refuse(response, 401, "a bearer token is required (the server's own, not the API's)", { "www-authenticate": 'Bearer realm="conversations-api-mcp"' });
    }
    if (request.method !== "POST") return refuse(response, 405, "this server is stateless: POST only", { allow: "POST" });
    const server = createMcpServer(context);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response);
  }

  const http: HttpServer = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      context.log(`http: ${(error as Error)?.message ?? String(error)}`);
      if (!response.headersSent) refuse(response, 500, "internal error");
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, "127.0.0.1", () => resolve());
  });
  port = (http.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}${MCP_PATH}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
