// Rate limits: every operation documents a 429 with Retry-After and the X-RateLimit-* headers, and
// the mock serves them (selected with `Prefer: code=429`).
import { describe, expect, it } from "vitest";
import { mockClient } from "../support/clients.js";
import { schemaErrors } from "../support/schema.js";
import { callOperation, specOperations } from "../support/spec-operations.js";

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
    expect(specOperations).toHaveLength(30);
    for (const { operationId, responses } of specOperations) expect(responses, operationId).toContain("429");
  });

  for (const operation of specOperations) {
    it(`${operation.operationId}: serves the 429 body with Retry-After and the X-RateLimit-* headers`, async () => {
      const client = mockClient("test-token", undefined, operation.versions[0]);
      const { error, response } = await callOperation(client, operation, { headers: { Prefer: "code=429" } });
      expect(response.status, response.headers.get("sl-violations") ?? "").toBe(429);
      for (const header of rateLimitHeaders) expect(response.headers.get(header), header).toMatch(/^\d+$/);
      expect(schemaErrors("TooManyRequestsDTO", error)).toEqual([]);
    });
  }

  it("comes back through the client as a typed error with readable headers", async () => {
    const { data, error, response } = await mockClient().GET("/conversations/search", {
      params: { query: { locationId: "ve9EPM428h8vShlRW1KT" } },
      headers: { Prefer: "code=429" },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(429);
    expect(error?.statusCode).toBe(429);
    expect(schemaErrors("TooManyRequestsDTO", error)).toEqual([]);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThanOrEqual(0);
    expect(Number(response.headers.get("X-RateLimit-Max"))).toBe(100);
    expect(Number(response.headers.get("X-RateLimit-Interval-Milliseconds"))).toBe(10000);
    expect(Number(response.headers.get("X-RateLimit-Limit-Daily"))).toBe(200000);
  });
});
