// Responses: the status, the documented headers, the media type and the body, each fault named by
// its JSON path and kind, with the JSON types expected and found, never a value.
import { describe, expect, it } from "vitest";
import { createValidator } from "../src/index.js";
import { thingSpec, validThing } from "./fixtures/thing-spec.js";

const validator = createValidator({ spec: thingSpec });
const json = { "content-type": "application/json; charset=utf-8" };
const answer = (body: unknown, status = 200, headers: Record<string, string> = json) => validator.response("get-thing", { status, headers, body });

describe("a response", () => {
  it("that matches: no violation", () => {
    expect(answer(validThing)).toEqual([]);
    expect(validator.response("search-things", { status: 200, headers: json, text: JSON.stringify({ things: [validThing] }) })).toEqual([]);
  });

  it("a field of the wrong type: its path, expected and found types", () => {
    expect(answer({ ...validThing, count: "two" })).toEqual([
      { operationId: "get-thing", status: 200, in: "body", path: "$.count", segments: ["count"], kind: "type", message: "must be integer", expected: "integer", found: "string" },
    ]);
  });

  it("a nested field, inside an array: its full JSON path", () => {
    const [violation] = validator.response("search-things", { status: 200, headers: json, body: { things: [validThing, { ...validThing, id: 7 }] } });
    expect(violation).toMatchObject({ operationId: "search-things", path: "$.things[1].id", kind: "type", expected: "string", found: "integer" });
  });

  it("a missing required field: the path of the field", () => {
    const { count: _, ...withoutCount } = validThing;
    expect(answer(withoutCount)).toMatchObject([{ path: "$.count", kind: "required", message: "is required", found: "missing" }]);
  });

  it("a value a growing (open) enum does not list yet: no violation", () => {
    expect(answer({ ...validThing, status: "archived-in-2027" })).toEqual([]);
  });

  it("an extra field: no violation where the schema is open, a violation where additionalProperties is false", () => {
    expect(answer({ ...validThing, addedByTheVendorLater: true })).toEqual([]);
    expect(answer({ ...validThing, closed: { a: "x", b: 1 } })).toMatchObject([{ path: "$.closed.b", kind: "additionalProperties", found: "integer" }]);
  });

  it("neither of two alternatives: one violation naming both types", () => {
    expect(answer({ ...validThing, to: 5 })).toMatchObject([{ path: "$.to", kind: "type", message: "must be string or array", expected: "string or array", found: "integer" }]);
  });

  it("an undocumented status: a status violation listing the documented ones", () => {
    expect(answer({ message: "teapot" }, 418)).toEqual([
      { operationId: "get-thing", status: 418, in: "status", path: "$", segments: [], kind: "status", message: "status 418 is not documented (200, 429)", expected: "200, 429", found: "418" },
    ]);
  });

  it("another media type, or a body that is not JSON", () => {
    expect(answer(validThing, 200, { "content-type": "text/html" })).toMatchObject([{ in: "header", kind: "content-type", found: "text/html" }]);
    expect(validator.response("get-thing", { status: 200, headers: json, text: "<html>" })).toMatchObject([{ in: "body", kind: "json", found: "text" }]);
  });

  it("documented headers: a missing required one, one of the wrong type (read from text)", () => {
    expect(answer({ message: "slow" }, 429, { ...json, "x-ratelimit-remaining": "7" })).toEqual([]);
    expect(answer({ message: "slow" }, 429, json)).toMatchObject([{ in: "header", path: "$['X-RateLimit-Remaining']", kind: "required" }]);
    expect(answer({ message: "slow" }, 429, new Headers({ ...json, "X-RateLimit-Remaining": "lots" }) as never)).toMatchObject([
      { in: "header", path: "$['X-RateLimit-Remaining']", kind: "type", expected: "integer", found: "string" },
    ]);
  });

  it("never holds a value of the body", () => {
    const secretish = { id: 123456789, count: "+15550009999", email: "private@example.com", to: { body: "hello there" }, status: 42, closed: { a: "x", leaked: "s3cr3t" } };
    const text = JSON.stringify(answer(secretish));
    for (const value of ["123456789", "+15550009999", "private@example.com", "hello there", "s3cr3t", "42"]) expect(text).not.toContain(value);
    expect(answer(secretish).length).toBeGreaterThanOrEqual(5);
  });

  it("an unknown operation: an operation violation", () => {
    expect(validator.response("no-such-thing", { status: 200, body: {} })).toMatchObject([{ kind: "operation", in: "operation" }]);
  });
});

describe("operations", () => {
  it("are found from a request's method and path, literal paths first", () => {
    expect(validator.findOperation("get", "/things/search")?.operationId).toBe("search-things");
    expect(validator.findOperation("GET", "/things/abc")?.operationId).toBe("get-thing");
    expect(validator.findOperation("DELETE", "/things/abc")).toBeUndefined();
    expect(validator.acceptedVersions("get-thing")).toEqual(["2021-04-15", "v3"]);
  });
});
