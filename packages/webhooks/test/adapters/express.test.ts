// Express, the place where the raw-body pitfall bites: with express.raw() on the route, or no body
// parser at all, deliveries verify; with express.json() in front, every delivery is refused with a
// RawBodyRequiredError that says what to change (500, so HighLevel delivers again once fixed).
import express from "express";
import { beforeAll, describe, expect, it } from "vitest";
import { createNodeHandler } from "../../src/adapters/node.js";
import { MemoryReplayStore, RawBodyRequiredError } from "../../src/index.js";
import { deliverWebhook, exampleEvent } from "../../src/testing/index.js";
import { serve } from "../support/http.js";
import { testKeys } from "../support/deliveries.js";

const received: string[] = [];
const errors: unknown[] = [];
let base: string;

beforeAll(async () => {
  const options = { publicKeys: [(await testKeys()).publicKey], replayStore: new MemoryReplayStore(), onError: (error: unknown) => errors.push(error) };
  const onEvent = createNodeHandler<"app", express.Request, express.Response>((event, request) => {
    received.push(`${request.path} ${event.type}`);
  }, options);

  const app = express();
  app.post("/raw", express.raw({ type: "application/json" }), onEvent);
  app.post("/unparsed", onEvent);
  const parsed = express.Router();
  parsed.use(express.json());
  parsed.post("/parsed", onEvent);
  app.use(parsed);
  base = await serve(app);
});

describe("createNodeHandler as an Express route", () => {
  it("verifies deliveries on a route with express.raw({ type: 'application/json' })", async () => {
    const response = await deliverWebhook(`${base}/raw`, exampleEvent("InboundMessage", "sms"), { keys: await testKeys() });
    expect(response.status).toBe(200);
    expect(received).toContain("/raw InboundMessage");
  });

  it("verifies deliveries on a route without any body parser, reading the stream itself", async () => {
    const response = await deliverWebhook(`${base}/unparsed`, exampleEvent("OutboundMessage", "sms"), { keys: await testKeys() });
    expect(response.status).toBe(200);
    expect(received).toContain("/unparsed OutboundMessage");
  });

  it("refuses every delivery behind express.json() with RawBodyRequiredError, saying to use express.raw", async () => {
    const response = await deliverWebhook(`${base}/parsed`, exampleEvent("InboundMessage", "sms"), { keys: await testKeys() });
    expect(response.status).toBe(500);
    const answer = await response.json();
    expect(answer.error).toBe("raw_body_required");
    expect(answer.message).toContain('express.raw({ type: "application/json" })');
    expect(errors.at(-1)).toBeInstanceOf(RawBodyRequiredError);
    expect(received.filter((line) => line.startsWith("/parsed"))).toEqual([]);
  });
});
