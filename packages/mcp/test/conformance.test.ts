// The MCP conformance suite (@modelcontextprotocol/conformance, offline) against the HTTP mode, for
// the scenarios that apply to any server (the others expect the suite's reference tools, such as
// test_simple_text). The suite's client sends no Authorization header: a loopback proxy adds the
// server's bearer token, as a configured MCP client would, and passes everything else on as it is
// (Host and Origin included, for the DNS-rebinding scenario).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createServer, request as httpRequest, type Server } from "node:http";
import { run } from "@test/support";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFakeBackend, FAKE_TOKEN } from "../src/fake-backend.js";
import { HTTP_TOKEN, connectHttp, type HttpSession } from "./support/servers.js";
import { node22 } from "./support/node22.js";

const require = createRequire(import.meta.url);
const packageJson = require.resolve("@modelcontextprotocol/conformance/package.json");
const conformance = join(dirname(packageJson), (require(packageJson) as { bin: Record<string, string> }).bin.conformance!);
const scenarios = ["server-initialize", "ping", "tools-list", "resources-list", "prompts-list", "dns-rebinding-protection"];

let session: HttpSession;
let proxy: Server;
let url: string;

beforeAll(async () => {
  const fake = createFakeBackend({ rateLimit: false });
  session = await connectHttp({ token: FAKE_TOKEN, fetch: (request, init) => fake.fetch(request, init) });
  proxy = createServer((request, response) => {
    const upstream = httpRequest(
      { host: "127.0.0.1", port: session.server.port, path: request.url, method: request.method, headers: { ...request.headers, authorization: `Bearer ${HTTP_TOKEN}` } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(proxy.address() as { port: number }).port}/mcp`;
});
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await session?.close();
});

it("passes the conformance scenarios that apply to any server", async () => {
  const node = await node22();
  // One process per scenario (the suite's CLI runs one at a time), side by side.
  const results = await Promise.all(scenarios.map((scenario) => run(node, [conformance, "server", "--url", url, "--scenario", scenario], { timeoutMs: 60_000 })));
  for (const result of results) {
    expect(result.status, result.output).toBe(0);
    expect(result.stdout, result.output).toMatch(/Passed: (\d+)\/\1, 0 failed/);
  }
});
