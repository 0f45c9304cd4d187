// The servers the tests run against, on 127.0.0.1: the fake with the spec's example data, and a
// server in front of it that counts what it gets and can answer some operations off-spec.
import { exampleFixtures, startFake, type RunningFake } from "@conversations-api/fake";
import { sharedValidator } from "@conversations-api/validator";
import { listenOnLoopback, type LoopbackServer } from "@test/support";
import { createServer, type IncomingMessage } from "node:http";

/** The location of the example data that has conversations, messages, a call and an email. */
export const LOCATION_ID = "ve9EPM428h8vShlRW1KT";
/** A contact of that location (the write flow's test contact). */
export const CONTACT_ID = "ve9EPM428kjkvShlRW1KT";
export const TOKEN = "pit-conformance-test-token-0123456789";

// A generous limit (the vendor's is 100 per 10 s), so that the answers carry the rate-limit headers and the
// budget, which paces to what they say, lets the runs go quickly.
export const startExampleFake = () => startFake({ fixtures: exampleFixtures, rateLimit: { max: 1000, intervalMs: 10_000 } });

/** How an operation's answer is changed: its body (parsed JSON), or a whole answer instead. */
export type Drift = (body: any) => { status?: number; body: unknown } | void;

export interface Upstream extends LoopbackServer {
  /** Requests received, by method. */
  received: { method: string; path: string }[];
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? Buffer.concat(chunks) : undefined;
};

/**
 * A server in front of `fake` that answers as it does, except for the operations in `drifts`
 * (by operationId), and for the first `throttle` requests, which get a 429 with Retry-After: 0.
 */
export async function startUpstream(fake: RunningFake, drifts: Record<string, Drift> = {}, throttle = 0): Promise<Upstream> {
  const validator = sharedValidator();
  const received: Upstream["received"] = [];
  let throttled = 0;
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    received.push({ method: request.method ?? "GET", path: url.pathname });
    if (throttled < throttle) {
      throttled++;
      response.writeHead(429, { "content-type": "application/json", "retry-after": "0", "x-ratelimit-remaining": "0", "x-ratelimit-max": "100", "x-ratelimit-interval-milliseconds": "10000", "x-ratelimit-limit-daily": "200000", "x-ratelimit-daily-remaining": "100" });
      response.end(JSON.stringify({ statusCode: 429, message: "Too many requests" }));
      return;
    }
    const body = await readBody(request);
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== "host" && name !== "content-length").map(([name, value]) => [name, String(value)]));
    const answer = await fetch(`${fake.url}${url.pathname}${url.search}`, { method: request.method, headers, ...(body ? { body } : {}) });
    const operation = validator.findOperation(request.method ?? "GET", url.pathname);
    const drift = operation && drifts[operation.operationId];
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (drift && answer.ok) {
      const original = JSON.parse(bytes.toString("utf8"));
      const out: { status?: number; body: unknown } = drift(original) ?? { body: original };
      response.writeHead(out.status ?? answer.status, { "content-type": "application/json" });
      response.end(JSON.stringify(out.body));
      return;
    }
    const passed: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name !== "content-length" && name !== "transfer-encoding" && name !== "connection") passed[name] = value;
    });
    response.writeHead(answer.status, passed);
    response.end(bytes);
  });
  const listening = await listenOnLoopback(server);
  return { ...listening, received };
}
