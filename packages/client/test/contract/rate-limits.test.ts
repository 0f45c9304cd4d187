// Rate limits: every operation documents a 429 with Retry-After and the X-RateLimit-* headers, the
// mock serves them (selected with `Prefer: code=429`), and the client parses them into `rateLimit`.
import { mockUrl, readDereferencedSpec, schemaErrors, specOperations } from "@test/support";
import { describe, expect, it } from "vitest";
import { mockClient } from "../support/clients.js";

const spec = await readDereferencedSpec();
const operations = specOperations(spec);
const rateLimitHeaders = [
  "retry-after",
  "x-ratelimit-limit-daily",
  "x-ratelimit-daily-remaining",
  "x-ratelimit-interval-milliseconds",
  "x-ratelimit-max",
  "x-ratelimit-remaining",
];

/** A valid request for an operation that asks the mock for its 429, built from the spec's examples. */
function tooManyRequests({ path, method, operation, pathItem }: (typeof operations)[number]): Request {
  const parameters: any[] = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])];
  let url = path;
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    if (parameter.in === "path") url = url.replace(`{${parameter.name}}`, String(parameter.example));
    if (parameter.in === "query" && parameter.required) query.set(parameter.name, String(parameter.example));
  }
  const headers = new Headers({ Authorization: "Bearer test-token", Version: "2021-04-15", Prefer: "code=429" });
  let body: BodyInit | undefined;
  const content = operation.requestBody?.content ?? {};
  if (content["application/json"]) {
    const media = content["application/json"];
    body = JSON.stringify(Object.values<any>(media.examples ?? {})[0]?.value ?? media.schema.examples[0]);
    headers.set("Content-Type", "application/json");
  } else if (content["multipart/form-data"]) {
    const form = new FormData();
    for (const [name, value] of Object.entries(content["multipart/form-data"].schema.examples[0])) {
      for (const item of [value].flat()) form.append(name, String(item));
    }
    form.append("fileAttachment", new Blob([new Uint8Array([1, 2, 3])]), "file.bin");
    body = form;
  }
  const search = query.size > 0 ? `?${query}` : "";
  return new Request(`${mockUrl()}${url}${search}`, { method: method.toUpperCase(), headers, body });
}

describe("429 Too Many Requests", () => {
  it("is documented on all 29 operations", () => {
    expect(operations).toHaveLength(29);
    for (const { operation } of operations) expect(Object.keys(operation.responses)).toContain("429");
  });

  for (const operation of operations) {
    it(`${operation.operationId}: serves the 429 body with Retry-After and the X-RateLimit-* headers`, async () => {
      const response = await fetch(tooManyRequests(operation));
      expect(response.status, response.headers.get("sl-violations") ?? "").toBe(429);
      for (const header of rateLimitHeaders) expect(response.headers.get(header), header).toMatch(/^\d+$/);
      expect(schemaErrors("TooManyRequestsDTO", await response.json())).toEqual([]);
    });
  }

  it("comes back through the client as a typed error, with the headers parsed into rateLimit", async () => {
    const { data, error, response, rateLimit } = await mockClient().GET("/conversations/search", {
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
    });
  });
});
