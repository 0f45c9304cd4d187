// The node:http adapter behind a real server on 127.0.0.1, with deliveries posted over real HTTP.
import type { IncomingMessage, ServerResponse } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { createNodeHandler, unwrapNodeRequest } from "../../src/adapters/node.js";
import { BodyTooLargeError, MemoryReplayStore, type WebhookEvent } from "../../src/index.js";
import { deliverWebhook, exampleEvent, signedDelivery } from "../../src/testing/index.js";
import { serve } from "../support/http.js";
import { flipByte, testKeys } from "../support/deliveries.js";

const events: WebhookEvent[] = [];
const errors: unknown[] = [];
let failNext = false;
let url: string;

beforeAll(async () => {
  const handler = createNodeHandler<"app", IncomingMessage, ServerResponse>(
    (event) => {
      if (failNext) {
        failNext = false;
        throw new Error("handler failed");
      }
      events.push(event);
    },
    { publicKeys: [(await testKeys()).publicKey], replayStore: new MemoryReplayStore(), maxBodyBytes: 4096, onError: (error) => errors.push(error) },
  );
  url = `${await serve(handler)}/webhooks`;
});

describe("createNodeHandler on a node:http server", () => {
  it("verifies a signed delivery posted over HTTP and hands over the typed event", async () => {
    const response = await deliverWebhook(url, exampleEvent("InboundMessage", "email"), { keys: await testKeys() });
    expect(response.status).toBe(200);
    const event = events.at(-1);
    expect(event?.type === "InboundMessage" && event.to).toEqual(["hello@acme.example.com"]);
  });

  it("answers 401 to a tampered delivery and 401 to an unsigned one", async () => {
    const { body, headers } = await signedDelivery(exampleEvent("InboundMessage", "sms"), { keys: await testKeys() });
    const tampered = await fetch(url, { method: "POST", headers, body: flipByte(body, "3pm") });
    expect(tampered.status).toBe(401);
    const unsigned = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect([unsigned.status, (await unsigned.json()).error]).toEqual([401, "missing_signature"]);
  });

  it("answers 413 to a body larger than maxBodyBytes, before verifying it", async () => {
    const big = { ...exampleEvent("InboundMessage", "sms"), body: "x".repeat(10_000) };
    const response = await deliverWebhook(url, big, { keys: await testKeys() });
    expect(response.status).toBe(413);
    expect(errors.at(-1)).toBeInstanceOf(BodyTooLargeError);
  });

  it("answers 500 when the handler fails, and 200 to the redelivery", async () => {
    const { body, headers } = await signedDelivery(exampleEvent("OutboundMessage", "sms"), { keys: await testKeys() });
    failNext = true;
    expect((await fetch(url, { method: "POST", headers, body })).status).toBe(500);
    const delivered = events.length;
    expect((await fetch(url, { method: "POST", headers, body })).status).toBe(200);
    expect(events.length).toBe(delivered + 1);
    expect((await fetch(url, { method: "POST", headers, body })).status).toBe(200);
    expect(events.length).toBe(delivered + 1);
  });
});

describe("unwrapNodeRequest", () => {
  it("reads the request stream of a plain node:http handler", async () => {
    const seen: string[] = [];
    const base = await serve(async (request, response) => {
      try {
        const event = await unwrapNodeRequest(request, { publicKeys: [(await testKeys()).publicKey], replayStore: new MemoryReplayStore() });
        seen.push(event.type);
        response.end("ok");
      } catch (error) {
        response.statusCode = 400;
        response.end(String(error));
      }
    });
    const response = await deliverWebhook(base, exampleEvent("LCEmailStats"), { keys: await testKeys() });
    expect([response.status, await response.text()]).toEqual([200, "ok"]);
    expect(seen).toEqual(["LCEmailStats"]);
  });
});
