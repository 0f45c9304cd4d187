// The fake over HTTP: startFake() has the shape of the mock's startMock() ({ url, port, stop }),
// listens on 127.0.0.1 only, and stop() closes it. The command prints its URL and takes a port.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { findFreePort, runNode } from "@test/support";
import { describe, expect, it } from "vitest";
import { startFake } from "../src/index.js";
import { clientOf } from "./support/clients.js";
import { startReceiver } from "./support/receiver.js";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

describe("startFake", () => {
  it("serves on a free port of 127.0.0.1, with the shape of startMock, until stopped", async () => {
    const running = await startFake({ rateLimit: false });
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    expect(typeof running.stop).toBe("function");
    const client = clientOf((request, init) => fetch(request, init), { baseUrl: running.url });
    expect((await client.POST("/conversations/", { body: { locationId: "l", contactId: "c" } })).response.status).toBe(201);
    expect((await client.GET("/conversations/search", { params: { query: { locationId: "l" } } })).data?.total).toBe(1);
    await running.stop();
    await expect(fetch(`${running.url}/conversations/search?locationId=l`)).rejects.toThrow();
  });

  it("takes a port", async () => {
    const port = await findFreePort();
    const running = await startFake({ port });
    try {
      expect(running.url).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await running.stop();
    }
  });
});

describe("the conversations-api-fake command", () => {
  it("prints its URL, serves the example data, and exits on SIGTERM", async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, [cli, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().split("\n")[0]!));
        child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(firstLine).toBe(`Conversations API fake listening on http://127.0.0.1:${port}`);
      const response = await fetch(`http://127.0.0.1:${port}/conversations/search?locationId=ABCHkzuJQ8ZMd4Te84GK`, { headers: { Authorization: "Bearer any", Version: "2021-04-15" } });
      expect((await response.json()).conversations[0].fullName).toBe("John Doe");
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });

  it("sends its signed webhooks to --webhook-url, and prints the public key that verifies them", async () => {
    let publicKey = "";
    const receiver = await startReceiver({ publicKey: () => publicKey });
    const port = await findFreePort();
    const child = spawn(process.execPath, [cli, "--port", String(port), "--webhook-url", receiver.appUrl], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      let output = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("admin:")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
      });
      publicKey = output.match(/signed with the Ed25519 public key (\S+)/)?.[1] ?? "";
      expect(output).toContain(`to ${receiver.appUrl}, provider deliveries to (no provider URL); admin: http://127.0.0.1:${port}/__fake/`);
      const inbound = await fetch(`http://127.0.0.1:${port}/__fake/inbound`, { method: "POST", body: JSON.stringify({ conversationId: "ABCHkzuJQ8ZMd4Te84GK", body: "Hello from the shell" }) });
      expect(inbound.status).toBe(201);
      const settled = await (await fetch(`http://127.0.0.1:${port}/__fake/webhooks/deliveries?idle`)).json();
      expect(settled.deliveries).toMatchObject([{ state: "delivered" }]);
      expect(receiver.received.map((received) => received.payload.body)).toEqual(["Hello from the shell"]);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await receiver.stop();
    }
  });

  it("refuses a webhook URL that is not one", async () => {
    // The timeout ends the command should it serve instead of refusing.
    const refused = await runNode([cli, "--port", "0", "--webhook-url", "localhost:3000"], { timeoutMs: 10_000 });
    expect({ status: refused.status, stderr: refused.stderr }).toEqual({ status: 2, stderr: 'conversations-api-fake: webhooks.appUrl must be an http(s) URL, not "localhost:3000"\n' });
  });

  it("gives search its eventual consistency with --search-lag-searches, and refuses a lag that is not a number", async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, [cli, "--port", String(port), "--search-lag-searches", "1"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.once("data", () => resolve());
        child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
      });
      const client = clientOf((request, init) => fetch(request, init), { baseUrl: `http://127.0.0.1:${port}` });
      const locationId = "ABCHkzuJQ8ZMd4Te84GK";
      const created = await client.POST("/conversations/", { body: { locationId, contactId: "LaggingContact000001" } });
      const ids = async () => (await client.GET("/conversations/search", { params: { query: { locationId, limit: 100 } } })).data?.conversations.map((conversation) => conversation.id);
      expect(await ids()).not.toContain(created.data?.conversation.id);
      expect(await ids()).toContain(created.data?.conversation.id);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    const refused = await runNode([cli, "--port", "0", "--search-lag-ms", "soon"], { timeoutMs: 10_000 });
    expect({ status: refused.status, stderr: refused.stderr }).toEqual({ status: 2, stderr: "conversations-api-fake: searchLag.ms must be a number, 0 or more; got NaN\n" });
  });

  it("reads FAKE_PORT, and refuses a port that is not one", async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, [cli], { env: { ...process.env, FAKE_PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
    const line = await new Promise<string>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString())));
    child.kill("SIGTERM");
    expect(line).toContain(`http://127.0.0.1:${port}`);
    const refused = await runNode([cli, "--port", "http"], { timeoutMs: 10_000 });
    expect({ status: refused.status, stderr: refused.stderr }).toEqual({ status: 2, stderr: "conversations-api-fake: not a port: http\n" });
  });
});
