import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort, type RunningMock, startMock } from "../src/index.js";

const headers = { Authorization: "Bearer any", Version: "2021-04-15" };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startMock", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock();
  });
  // The last test stops it; this is for a run cut short.
  afterAll(() => mock.stop());

  it("serves the spec on 127.0.0.1", async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${mock.url}/conversations/search?locationId=loc`, { headers });
    expect(response.status).toBe(200);
    expect((await response.json()).conversations).toHaveLength(1);
  });

  it("answers deterministically: the same request gives the same body", async () => {
    const bodies = await Promise.all(
      [1, 2, 3].map(async () =>
        (await fetch(`${mock.url}/conversations/c1`, { headers })).text(),
      ),
    );
    expect(new Set(bodies).size).toBe(1);
  });

  it("requires the bearer token", async () => {
    const response = await fetch(`${mock.url}/conversations/c1`, { headers: { Version: "2021-04-15" } });
    expect(response.status).toBe(401);
  });

  // The spec's examples are real-shaped (spec/DEVIATIONS.md, "The wire"), so the mock answers as
  // production does, not as the vendor's documentation says.
  it("answers get-messages with the page wrapped in `messages`, beside `traceId`", async () => {
    const body = await (await fetch(`${mock.url}/conversations/c1/messages`, { headers })).json();
    expect(body.messages).toMatchObject({ nextPage: false, lastMessageId: expect.any(String) });
    expect(body.messages.messages.length).toBeGreaterThan(0);
    expect(body.traceId).toEqual(expect.any(String));
    expect(body.lastMessageId).toBeUndefined();
  });

  it("answers get-message and get-email-by-id wrapped, and get-conversation with the real encodings", async () => {
    const message = await (await fetch(`${mock.url}/conversations/messages/m1`, { headers })).json();
    expect(message.message.id).toEqual(expect.any(String));
    expect(message.message.meta.call).toEqual({ duration: expect.any(Number), status: expect.any(String) });
    const email = await (await fetch(`${mock.url}/conversations/messages/email/e1`, { headers })).json();
    expect(email.emailMessage.id).toEqual(expect.any(String));
    const conversation = await (await fetch(`${mock.url}/conversations/c1`, { headers })).json();
    expect(conversation.lastMessageDate).toEqual({ seconds: expect.any(Number), nanoseconds: expect.any(Number) });
    expect(typeof conversation.lastMessageType).toBe("number");
    expect(conversation).not.toHaveProperty("unreadCount");
  });

  it("accepts Version 2021-07-28, as production does, and still refuses a version nobody accepts", async () => {
    const accepted = await fetch(`${mock.url}/conversations/c1`, { headers: { ...headers, Version: "2021-07-28" } });
    expect(accepted.status).toBe(200);
    const refused = await fetch(`${mock.url}/conversations/c1`, { headers: { ...headers, Version: "2023-02-21" } });
    expect(refused.status).toBe(400);
    expect((await refused.json()).traceId).toEqual(expect.any(String));
  });

  it("serves the statuses production answers: 201 with no body, 500 on add-an-inbound-message", async () => {
    const inbound = (prefer: string) =>
      fetch(`${mock.url}/conversations/messages/inbound`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json", Prefer: prefer },
        body: JSON.stringify({ type: "SMS", message: "hi", conversationId: "c1", contactId: "k1", conversationProviderId: "p1", direction: "inbound" }),
      });
    const empty = await inbound("code=201");
    expect(empty.status).toBe(201);
    expect(await empty.text()).toBe("");
    const failed = await inbound("code=500");
    expect(failed.status).toBe(500);
    expect((await failed.json()).message).toBe("Internal server error");
  });

  it("stops Prism by its PID", async () => {
    expect(isAlive(mock.pid)).toBe(true);
    await mock.stop();
    expect(isAlive(mock.pid)).toBe(false);
    await expect(fetch(`${mock.url}/conversations/c1`, { headers })).rejects.toThrow();
  });
});

describe("a Prism that is not ready in time", () => {
  it("is stopped, and the error says so, so that it does not come up later holding the port", async () => {
    const port = await findFreePort();
    await expect(startMock({ port, startTimeoutMs: 1 })).rejects.toThrow(/Prism did not serve .* on port \d+/);
    // Prism takes about a second to listen: had it been left running, it would be by now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await expect(fetch(`http://127.0.0.1:${port}/conversations/c1`, { headers })).rejects.toThrow();
  });
});

describe("a spec Prism cannot serve", () => {
  it("fails with Prism's message when the spec cannot be served", async () => {
    await expect(startMock({ specPath: "/nonexistent/openapi.yaml" })).rejects.toThrow(/Prism exited/);
  });
});

describe("the CLI (what `pnpm mock` runs in apps/mock)", () => {
  it("prints its URL, serves, and stops Prism on SIGTERM", async () => {
    const port = await findFreePort();
    const cli = spawn(process.execPath, [fileURLToPath(new URL("../dist/cli.js", import.meta.url))], {
      env: { ...process.env, MOCK_PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      cli.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = out.match(/listening on (http:\/\/\S+)/);
        if (match?.[1]) resolve(match[1]);
      });
      cli.once("exit", (code) => reject(new Error(`CLI exited (${code}) before printing its URL:\n${out}`)));
    });
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`${url}/conversations/c1`, { headers })).status).toBe(200);

    const exited = new Promise((resolve) => cli.once("exit", resolve));
    cli.kill("SIGTERM");
    await exited;
    await expect(fetch(`${url}/conversations/c1`, { headers })).rejects.toThrow();
  });
});
