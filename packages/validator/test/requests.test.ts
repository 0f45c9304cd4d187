// Requests and webhooks: parameters coerced from text, bodies per API version, webhook payloads.
import { describe, expect, it } from "vitest";
import { createValidator, sharedValidator, SpecLookupError } from "../src/index.js";
import { thingSpec } from "./fixtures/thing-spec.js";

describe("request parameters", () => {
  const validator = createValidator({ spec: thingSpec });
  it("are coerced in place from text, then checked", () => {
    const query: Record<string, unknown> = { limit: "5", types: "a" };
    expect(validator.requestParameters("get-thing", "query", query)).toEqual([]);
    expect(query).toEqual({ limit: 5, types: ["a"] });
    expect(validator.requestParameters("get-thing", "query", { limit: "500" })).toMatchObject([{ in: "query", path: "$.limit", kind: "maximum" }]);
    expect(validator.requestParameters("get-thing", "query", { types: "c" })).toMatchObject([{ path: "$.types[0]", kind: "enum", allowed: ["a", "b"] }]);
    expect(validator.requestParameters("get-thing", "path", {})).toMatchObject([{ in: "path", path: "$.thingId", kind: "required" }]);
    expect(validator.requestParameters("get-thing", "header", { Version: "v4" })).toMatchObject([{ in: "header", path: "$.Version", kind: "enum" }]);
  });
});

describe("request bodies, per API version", () => {
  it("a field whose type depends on the Version: each version accepts its own shape only", () => {
    const v2 = createValidator({ spec: thingSpec, apiVersion: "2021-04-15" });
    const v3 = createValidator({ spec: thingSpec, apiVersion: "v3" });
    const whole = createValidator({ spec: thingSpec });
    expect(v2.requestBody("update-thing", "application/json", { feedback: {} })).toEqual([]);
    expect(v2.requestBody("update-thing", "application/json", { feedback: "positive" })).toMatchObject([{ path: "$.feedback", kind: "type" }]);
    expect(v3.requestBody("update-thing", "application/json", { feedback: "positive" })).toEqual([]);
    expect(v3.requestBody("update-thing", "application/json", { feedback: {} })).toMatchObject([{ path: "$.feedback" }]);
    expect(whole.requestBody("update-thing", "application/json", { feedback: "positive" })).toEqual([]);
    expect(thingSpec.paths["/things/{thingId}"].put.requestBody.content["application/json"].schema.properties.feedback.oneOf).toHaveLength(2);
  });
});

describe("webhook payloads", () => {
  const validator = createValidator({ spec: thingSpec });
  it("are checked against the webhook's schema; an unknown webhook throws", () => {
    expect(validator.webhook("ThingChanged", { type: "ThingChanged", id: "t" })).toEqual([]);
    expect(validator.webhook("ThingChanged", { type: "ThingChanged" })).toMatchObject([{ path: "$.id", kind: "required" }]);
    expect(() => validator.webhook("Nope", {})).toThrow(SpecLookupError);
  });
});

describe("the bundled spec", () => {
  it("each response example of each operation matches its own schema", () => {
    const validator = sharedValidator();
    let checked = 0;
    for (const operation of validator.operations)
      for (const [status, raw] of Object.entries<any>(operation.operation.responses)) {
        const response = raw.$ref ? validator.spec.components.responses[raw.$ref.split("/").pop()] : raw;
        for (const [type, media] of Object.entries<any>(response.content ?? {}))
          for (const example of Object.values<any>(media.examples ?? {})) {
            if (!type.includes("json")) continue;
            const headers = Object.fromEntries(Object.keys(response.headers ?? {}).map((name) => [name, "1"]));
            expect(validator.response(operation.operationId, { status: Number(status), headers: { ...headers, "content-type": type }, body: example.value }), `${operation.operationId} ${status}`).toEqual([]);
            checked++;
          }
      }
    expect(checked).toBeGreaterThan(20);
  });

  it("is one validator per version per process", () => {
    expect(sharedValidator("v3")).toBe(sharedValidator("v3"));
    expect(sharedValidator("v3")).not.toBe(sharedValidator());
  });
});
