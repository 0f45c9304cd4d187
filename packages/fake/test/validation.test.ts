// Invalid requests get the spec's error DTO, with the status Prism gives (prism-parity.test.ts
// compares the two): 400 for a parameter or body the spec does not allow, 422 where the operation
// documents 422, 415 for an undeclared content type where it documents 415, 404 and 405 for a
// path or method outside the spec. The Version header is checked against the spec's enum.
import { describe, expect, it } from "vitest";
import { createFake } from "../src/index.js";
import { createApp } from "../src/http/app.js";
import { createFaults } from "../src/faults.js";
import { createDomain } from "../src/state/domain.js";
import { emptyState } from "../src/state/records.js";
import { createEventLog } from "../src/events.js";
import { createRandom } from "../src/ids.js";
import { systemClock } from "../src/clock.js";
import { checkedFetch } from "./support/checked.js";
import { TOKEN } from "./support/clients.js";
import { deref, spec } from "./support/spec-check.js";

const fake = createFake({ rateLimit: false, fixtures: { conversations: [{ id: "conv0000000000000001", locationId: "loc", contactId: "c" }] } });
const versions: string[] = deref(spec.components.parameters.Version).schema.enum;
const headers = { Authorization: `Bearer ${TOKEN}`, Version: versions[0]!, "Content-Type": "application/json" };
const url = (path: string) => `http://fake.test${path}`;

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}) {
  const checked = checkedFetch((request) => fake.fetch(request));
  const response = await checked(url(path), { method, headers: init.headers ?? headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  return { response, body: await response.clone().json(), violations: checked.violations };
}

describe("invalid parameters and bodies", () => {
  it("a missing required query parameter: 400 BadRequestDTO naming it, and Prism's sl-violations header", async () => {
    const { response, body, violations } = await call("GET", "/conversations/search");
    expect(response.status).toBe(400);
    expect(violations).toEqual([]);
    // A validation failure lists its messages, as the API does.
    expect(body).toEqual({ statusCode: 400, message: ["Request query must have required property 'locationId'"], error: "Bad Request", traceId: expect.any(String) });
    expect(JSON.parse(response.headers.get("sl-violations")!)).toEqual([
      { location: ["request", "query"], code: "required", message: "Request query must have required property 'locationId'", severity: "Error" },
    ]);
  });

  it("a wrongly typed or out-of-range parameter, and a value outside a request enum: 400", async () => {
    for (const path of ["/conversations/search?locationId=l&limit=twenty", "/conversations/messages/export?locationId=l&limit=5000", "/conversations/search?locationId=l&sort=sideways", "/conversations/x/messages?type=TYPE_SMS,TYPE_PIGEON"]) {
      const { response, body, violations } = await call("GET", path);
      expect(response.status, path).toBe(400);
      expect(violations).toEqual([]);
      expect(body.message.join("; "), path).toMatch(/limit|sort|type/);
    }
  });

  it("a body without a required field, with a wrong type, not JSON at all, or missing: 400", async () => {
    const cases = [JSON.stringify({ locationId: "l" }), JSON.stringify({ locationId: 1, contactId: "c" }), "{not json", undefined];
    for (const body of cases) {
      const { response, violations } = await call("POST", "/conversations/", body === undefined ? {} : { body });
      expect(response.status, String(body)).toBe(400);
      expect(violations).toEqual([]);
    }
  });

  it("the operation that documents 422 (live chat typing) answers 422 with the list of violations", async () => {
    const { response, body, violations } = await call("POST", "/conversations/providers/live-chat/typing", { body: JSON.stringify({ locationId: "l", isTyping: "yes" }) });
    expect(response.status).toBe(422);
    expect(violations).toEqual([]);
    expect(body.error).toBe("Unprocessable Entity");
    expect(body.message).toEqual(expect.arrayContaining(["Request body must have required property 'visitorId'", "Request body property isTyping must be boolean"]));
  });

  it("an undeclared content type: 415 on the upload (which documents it), 400 elsewhere", async () => {
    const upload = await call("POST", "/conversations/messages/upload", { body: JSON.stringify({ conversationId: "c", contactId: "c", locationId: "l" }) });
    expect(upload.response.status).toBe(415);
    expect(upload.body).toEqual({ status: 415, message: "Supported content types: multipart/form-data", traceId: expect.any(String) });
    const create = await call("POST", "/conversations/", { headers: { ...headers, "Content-Type": "text/plain" }, body: "hello" });
    expect(create.response.status).toBe(400);
    expect([...upload.violations, ...create.violations]).toEqual([]);
  });

  it("an empty path parameter is a missing one: 400, as in Prism", async () => {
    const { response, body } = await call("GET", "/conversations/messages/email/");
    expect(response.status).toBe(400);
    expect(body.message).toEqual(["Request path must have required property 'id'"]);
  });
});

describe("the Version header, from the spec's enum", () => {
  it("takes 2021-07-28, which production accepts on every conversations call, where an operation takes both versions", async () => {
    expect(versions).toContain("2021-07-28");
    const search = await call("GET", "/conversations/search?locationId=l", { headers: { ...headers, Version: "2021-07-28" } });
    expect(search.response.status).toBe(200);
    expect(search.body).toMatchObject({ conversations: expect.any(Array), traceId: expect.any(String) });
  });

  it("is required, and a value outside the enum is a 400", async () => {
    const { Version: _omitted, ...withoutVersion } = headers;
    expect((await call("GET", "/conversations/search?locationId=l", { headers: withoutVersion })).response.status).toBe(400);
    const wrong = await call("GET", "/conversations/search?locationId=l", { headers: { ...headers, Version: "2023-02-21" } });
    expect(wrong.response.status).toBe(400);
    expect(wrong.body.message.join("; ")).toContain(`must be equal to one of the allowed values: ${versions.join(", ")}`);
    for (const version of versions) expect((await call("GET", "/conversations/search?locationId=l", { headers: { ...headers, Version: version } })).response.status).toBe(200);
  });
});

describe("an operation of one API version, called with the other", () => {
  it("is a 400 naming the Version it takes: the preference operations (2021-04-15 only) and update-email-message-status (v3 only)", async () => {
    const preferences = "/conversations/preferences/custom-subtypes?locationId=loc";
    expect((await call("GET", preferences, { headers: { ...headers, Version: "2021-04-15" } })).response.status).toBe(200);
    const v3Preferences = await call("GET", preferences, { headers: { ...headers, Version: "v3" } });
    expect(v3Preferences.response.status).toBe(400);
    expect(v3Preferences.body.message.join("; ")).toContain("Version must be equal to one of the allowed values: 2021-04-15");
    const emailStatus = await call("PUT", "/conversations/messages/email/e1/status", { headers: { ...headers, Version: "2021-04-15" }, body: JSON.stringify({ status: "delivered" }) });
    expect(emailStatus.response.status).toBe(400);
    expect(emailStatus.body.message.join("; ")).toContain("Version must be equal to one of the allowed values: v3");
    expect([...v3Preferences.violations, ...emailStatus.violations]).toEqual([]);
  });
});

describe("paths and methods outside the spec", () => {
  it("404 for an unknown path (POST /conversations without its trailing slash too), 405 with Allow for a wrong method", async () => {
    const unknown = await call("GET", "/conversations/nope/deeper/still");
    expect(unknown.response.status).toBe(404);
    expect(unknown.body).toEqual({ statusCode: 404, message: "Cannot GET /conversations/nope/deeper/still", error: "Not Found", traceId: expect.any(String) });
    expect((await call("POST", "/conversations", { body: JSON.stringify({ locationId: "l", contactId: "c" }) })).response.status).toBe(404);
    const wrongMethod = await call("DELETE", "/conversations/messages/export?locationId=l");
    expect(wrongMethod.response.status).toBe(405);
    expect(wrongMethod.response.headers.get("allow")).toBe("GET");
    // `/conversations/search` is also `/conversations/{conversationId}` for PUT and DELETE.
    expect((await call("PATCH", "/conversations/search")).response.headers.get("allow")).toBe("GET, PUT, DELETE");
  });
});

describe("an operation of the spec the fake does not implement", () => {
  it("is routed and validated, and answers 501 with a body that says which", async () => {
    const state = emptyState();
    const random = createRandom(1);
    const events = createEventLog(() => ({ timestamp: "", webhookId: "" }), () => {});
    const domain = createDomain(state, systemClock, random, events);
    // The same pipeline with an empty table of implementations.
    const app = createApp({ domain, tokens: undefined, limiter: undefined, faults: createFaults(() => 0), handlers: {} });
    const invalid = await app.fetch(new Request(url("/conversations/search"), { headers }));
    expect(invalid.status).toBe(400);
    const valid = await app.fetch(new Request(url("/conversations/search?locationId=l"), { headers }));
    expect(valid.status).toBe(501);
    expect(await valid.json()).toEqual({ statusCode: 501, message: "The fake does not implement search-conversation (GET /conversations/search) yet", error: "Not Implemented", traceId: expect.any(String) });
  });
});
