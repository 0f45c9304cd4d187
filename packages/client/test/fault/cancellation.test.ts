// Fault injection: a timed-out or abandoned attempt closes its connection at once, in the headers
// phase and in the body phase (issue 8, item 2), and a process whose call timed out can exit.
// Every test asserts how many requests the server saw, and when it saw their connections close.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError, createConversationsClient, TimeoutError, type ConversationsClientOptions } from "../../src/index.js";
import { json, silent, stallMidBody, startFaultServer, type FaultServer, type SeenRequest } from "../support/fault-server.js";

// The machine is shared and loaded: the margins are generous, and still far below what the old
// behaviour gave (a connection held until the server answers, or undici's 300 s headers timeout).
const TIMEOUT = 300;
const MARGIN = 1_500;

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const client = (options: Partial<ConversationsClientOptions> = {}) =>
  createConversationsClient({ token: "fault-token-123", baseUrl: server.url, timeout: TIMEOUT, backoff: { initialDelayMs: 5 }, ...options });
const search = (c = client(), init: Record<string, unknown> = {}) =>
  c.GET("/conversations/search", { params: { query: { locationId: "location" } }, ...init });

/** How long after the request arrived its connection closed, or Infinity if still open after `wait` ms. */
async function closedAfter(request: SeenRequest, wait = TIMEOUT + MARGIN + 500): Promise<number> {
  const still = new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), wait));
  return (await Promise.race([request.closed, still])) - request.at;
}

describe("a timed-out attempt closes its connection", () => {
  it("while the headers are pending", async () => {
    server.script(silent);
    const { error } = await search(client({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(1);
    expect(await closedAfter(server.seen[0]!)).toBeLessThan(TIMEOUT + MARGIN);
  });

  it("while the body is pending", async () => {
    server.script(stallMidBody);
    const { error, response } = await search(client({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(response.status).toBe(200); // the headers had arrived
    expect(server.seen).toHaveLength(1);
    expect(await closedAfter(server.seen[0]!)).toBeLessThan(TIMEOUT + MARGIN);
  });

  it("before its retry is sent: a slow API never holds two connections of one call", async () => {
    server.script(silent);
    const { error } = await search(client({ maxRetries: 2 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).attempts).toBe(3);
    expect(server.seen).toHaveLength(3);
    for (const [index, request] of server.seen.entries()) {
      const closedAt = await Promise.race([request.closed, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), MARGIN))]);
      expect(closedAt - request.at).toBeLessThan(TIMEOUT + MARGIN);
      const next = server.seen[index + 1];
      if (next) expect(closedAt).toBeLessThanOrEqual(next.at);
    }
  });
});

describe("an abandoned attempt closes its connection", () => {
  it("when the caller's signal aborts while the body is pending", async () => {
    server.script(stallMidBody);
    const { error } = await search(client({ timeout: 10_000 }), { signal: AbortSignal.timeout(TIMEOUT) });
    expect(error).toBeInstanceOf(AbortError);
    expect(server.seen).toHaveLength(1);
    expect(await closedAfter(server.seen[0]!)).toBeLessThan(TIMEOUT + MARGIN);
  });

  it("a fetch passed in gets the attempt's signal, and the connection closes through it", async () => {
    server.script(silent);
    const signals: AbortSignal[] = [];
    const { error } = await search(
      client({
        maxRetries: 0,
        fetch: (request, init) => {
          signals.push(init.signal);
          return fetch(request, init);
        },
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    expect(await closedAfter(server.seen[0]!)).toBeLessThan(TIMEOUT + MARGIN);
  });

  it("a fetch that reads the signal only after the deadline (it waited, e.g. for a rate-limit budget) gets it aborted, and sends nothing", async () => {
    server.script(json(201, { success: true }));
    let late: AbortSignal | undefined;
    const waitsFirst = async (request: Request, init: { readonly signal: AbortSignal }) => {
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT + 200));
      late = init.signal;
      return fetch(request, init);
    };
    const c = client({ maxRetries: 0, fetch: waitsFirst });
    const { error } = await c.POST("/conversations/", { body: { locationId: "location", contactId: "contact" } });
    expect(error).toBeInstanceOf(TimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the transport's wait ends, and it sends
    expect(late?.aborted).toBe(true);
    expect(server.seen).toHaveLength(0); // a POST the caller was told timed out must not go out after all
  });

  it("a response that arrives after the deadline, through a fetch that ignored the signal, has its body cancelled", async () => {
    server.script((response, request) => setTimeout(() => stallMidBody(response, request), TIMEOUT + 200));
    const { error } = await search(client({ maxRetries: 0, fetch: (request) => fetch(request) }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(1);
    expect(await closedAfter(server.seen[0]!)).toBeLessThan(TIMEOUT + 200 + MARGIN);
  });
});

describe("a process whose only call timed out", () => {
  const built = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
  // The built client in a child node process: one call to a server that never answers, then
  // nothing. If the attempt left its socket open, the process would wait for it (up to 300 s).
  const script = `
    const { createConversationsClient } = await import(process.argv[1]);
    const client = createConversationsClient({ token: "t0ken", baseUrl: process.argv[2], timeout: ${TIMEOUT}, maxRetries: 0 });
    const { error } = await client.GET("/conversations/search", { params: { query: { locationId: "l" } } });
    console.log(error.name);
  `;

  it("exits by itself, soon after the deadline", async () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`pnpm build\` first`);
    server.script(silent);
    const started = performance.now();
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, built, server.url], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const deadline = setTimeout(() => child.kill(), 15_000);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(deadline);
    expect(output.trim()).toBe("TimeoutError");
    expect(code).toBe(0);
    // Node's start-up included; a socket left open would have held it far longer than this.
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(server.seen).toHaveLength(1);
    expect(await closedAfter(server.seen[0]!)).toBeLessThan(TIMEOUT + MARGIN);
  });
});
