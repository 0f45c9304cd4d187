// Rate limits: every operation documents a 429 with Retry-After and the X-RateLimit-* headers, and
// the mock serves them (selected with `Prefer: code=429`).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import { mockClient } from "../support/clients.js";
import { schemaErrors } from "../support/schema.js";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@conversations-api/types/openapi.json"), "utf8"));
const rateLimitHeaders = [
  "retry-after",
  "x-ratelimit-limit-daily",
  "x-ratelimit-daily-remaining",
  "x-ratelimit-interval-milliseconds",
  "x-ratelimit-max",
  "x-ratelimit-remaining",
];

/** Follows a local `$ref` of the bundled spec. */
function resolve(node: any): any {
  if (!node?.$ref) return node;
  return resolve(node.$ref.slice(2).split("/").reduce((at: any, key: string) => at[key.replace(/~1/g, "/")], spec));
}

/** A valid request for an operation, built from the examples of its parameters and body. */
function validRequest(path: string, method: string, operation: any): Request {
  const parameters = [...(spec.paths[path].parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
  let url = path;
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    if (parameter.in === "path") url = url.replace(`{${parameter.name}}`, String(parameter.example));
    if (parameter.in === "query" && parameter.required) query.set(parameter.name, String(parameter.example));
  }
  const headers = new Headers({ Authorization: "Bearer test-token", Version: "2021-04-15", Prefer: "code=429" });
  let body: BodyInit | undefined;
  const content = resolve(operation.requestBody)?.content ?? {};
  if (content["application/json"]) {
    const media = content["application/json"];
    const example = Object.values<any>(media.examples ?? {})[0]?.value ?? resolve(media.schema).examples[0];
    body = JSON.stringify(example);
    headers.set("Content-Type", "application/json");
  } else if (content["multipart/form-data"]) {
    const form = new FormData();
    for (const [name, value] of Object.entries(resolve(content["multipart/form-data"].schema).examples[0])) {
      for (const item of [value].flat()) form.append(name, String(item));
    }
    form.append("fileAttachment", new Blob([new Uint8Array([1, 2, 3])]), "file.bin");
    body = form;
  }
  const search = query.size > 0 ? `?${query}` : "";
  return new Request(`${inject("mockUrl")}${url}${search}`, { method: method.toUpperCase(), headers, body });
}

const operations = Object.entries<any>(spec.paths).flatMap(([path, item]) =>
  ["get", "post", "put", "delete"].filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] })),
);

describe("429 Too Many Requests", () => {
  it("is documented on all 29 operations", () => {
    expect(operations).toHaveLength(29);
    for (const { operation } of operations) expect(Object.keys(operation.responses)).toContain("429");
  });

  for (const { path, method, operation } of operations) {
    it(`${operation.operationId}: serves the 429 body with Retry-After and the X-RateLimit-* headers`, async () => {
      const response = await fetch(validRequest(path, method, operation));
      expect(response.status, response.headers.get("sl-violations") ?? "").toBe(429);
      for (const header of rateLimitHeaders) expect(response.headers.get(header), header).toMatch(/^\d+$/);
      expect(schemaErrors("TooManyRequestsDTO", await response.json())).toEqual([]);
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
