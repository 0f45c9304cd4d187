// Rate limits: every operation documents a 429 with Retry-After and the X-RateLimit-* headers, the
// mock serves them (selected with `Prefer: code=429`), and the client parses them into `rateLimit`.
import { schemaErrors } from "@test/support";
import { describe, expect, it } from "vitest";
import { contractClient } from "../support/clients.js";
import { callOperation, exampleCalls } from "../support/example-calls.js";

const rateLimitHeaders = [
  "retry-after",
  "x-ratelimit-limit-daily",
  "x-ratelimit-daily-remaining",
  "x-ratelimit-interval-milliseconds",
  "x-ratelimit-max",
  "x-ratelimit-remaining",
];

describe("429 Too Many Requests", () => {
  it("is documented on all 30 operations", () => {
    expect(exampleCalls).toHaveLength(30);
    for (const { operationId, responses } of exampleCalls) expect(responses, operationId).toContain("429");
  });

  for (const operation of exampleCalls) {
    it(`${operation.operationId}: serves the 429 body with Retry-After and the X-RateLimit-* headers`, async () => {
      const client = contractClient("test-token", undefined, operation.versions[0]);
      const { error, response } = await callOperation(client, operation, { headers: { Prefer: "code=429" } });
      expect(response.status, response.headers.get("sl-violations") ?? "").toBe(429);
      for (const header of rateLimitHeaders) expect(response.headers.get(header), header).toMatch(/^\d+$/);
      expect(schemaErrors("TooManyRequestsDTO", error)).toEqual([]);
    });
  }

  it("comes back through the client as a typed error, with the headers parsed into rateLimit", async () => {
    const { data, error, response, rateLimit } = await contractClient().GET("/conversations/search", {
      params: { query: { locationId: "ve9EPM428h8vShlRW1KT" } },
      headers: { Prefer: "code=429" },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(429);
    expect(error?.statusCode).toBe(429);
    expect(schemaErrors("TooManyRequestsDTO", error)).toEqual([]);

    const retryAfter = response.headers.get("Retry-After");
    expect(retryAfter, "Retry-After").toMatch(/^\d+$/);
    expect(rateLimit).toEqual({
      retryAfterMs: Number(retryAfter) * 1000,
      resetAt: expect.any(Date),
      max: 100,
      intervalMs: 10_000,
      dailyLimit: 200_000,
      remaining: Number(response.headers.get("X-RateLimit-Remaining")),
      dailyRemaining: Number(response.headers.get("X-RateLimit-Daily-Remaining")),
      dailyResetMs: Number(response.headers.get("X-RateLimit-Daily-Reset")),
    });
    expect(rateLimit?.dailyResetMs).toBeGreaterThan(0);
  });
});
