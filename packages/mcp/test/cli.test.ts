// The bin: its usage errors, and `--http` serving the SDK's client on 127.0.0.1 with its own token.
import { spawn } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { runNode } from "@test/support";
import { expect, it } from "vitest";
import { cliPath, connectStdio } from "./support/servers.js";

const env = { PATH: process.env.PATH ?? "" };

it("refuses to start without a token, or --http without its own bearer token, and says why", async () => {
  const noToken = await runNode([cliPath], { env });
  expect(noToken.status).toBe(2);
  expect(noToken.stderr).toContain("set HIGHLEVEL_TOKEN");
  const noBearer = await runNode([cliPath, "--fake", "--http"], { env });
  expect(noBearer.status).toBe(2);
  expect(noBearer.stderr).toContain("CONVERSATIONS_MCP_HTTP_TOKEN");
  const badTools = await runNode([cliPath, "--fake", "--tools", "everything"], { env });
  expect(badTools.stderr).toContain("--tools must be operations, code or all");
});

it("--http serves on 127.0.0.1 with the bearer token of CONVERSATIONS_MCP_HTTP_TOKEN", async () => {
  const bearer = "cli-test-bearer-0123456789abcdef";
  const child = spawn(process.execPath, [cliPath, "--fake", "--http", "--port", "0"], { env: { ...env, CONVERSATIONS_MCP_HTTP_TOKEN: bearer }, stdio: ["ignore", "ignore", "pipe"] });
  try {
    let log = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(log);
        if (match) resolve(match[1]!);
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${log}`)));
    });
    const client = new Client({ name: "cli-test", version: "0.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${bearer}` } } }));
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(5);
    await client.close();
    expect(log).not.toContain(bearer);
  } finally {
    child.kill();
  }
});

it("--fake --fake-conversations N --tools code serves a generated inbox to run_code over stdio", async () => {
  const session = await connectStdio(["--fake", "--fake-conversations", "12", "--tools", "code"]);
  try {
    const { tools } = await session.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["search_docs", "run_code"]);
    const result = await session.client.callTool({
      name: "run_code",
      arguments: { code: `let n = 0; for await (const c of client.searchConversations({ locationId: "DEMOLoc0000000000001" })) n++; return n;` },
    });
    expect((result.content as { text: string }[])[0]!.text).toBe("12");
    expect(session.stderr()).toMatch(/tool run_code: ok, \d+ API requests/);
  } finally {
    await session.close();
  }
});
