// The same bad requests to Prism (apps/mock) and to the fake get the same status, and the fake's
// answer is the spec's error DTO for it. The rule both follow: no or a malformed token -> 401
// before anything else; a request the spec does not allow -> 415 for an undeclared content type
// where the operation documents 415, else 422 where it documents 422, else 400; an unknown path
// -> 404, a known path with another method -> 405. (Not compared: a body that is not JSON, on
// which Prism 5.14 never answers; the fake answers 400.)
import { mockUrl } from "@test/support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningFake, startFake } from "../src/index.js";
import { answerViolations } from "./support/spec-check.js";

// Prism: the mock that @test/support/mock-setup started for the suite.
let fake: RunningFake;
beforeAll(async () => {
  fake = await startFake({ rateLimit: false });
});
afterAll(() => fake?.stop());

const auth = { Authorization: "Bearer parity-token", Version: "2021-04-15" };
const json = { ...auth, "Content-Type": "application/json" };
const form = () => {
  const body = new FormData();
  for (const [name, value] of Object.entries({ conversationId: "c", contactId: "c" })) body.append(name, value);
  return body;
};

const cases: Array<{ name: string; path: string; method?: string; headers?: Record<string, string>; body?: () => BodyInit; status: number }> = [
  { name: "no token", path: "/conversations/search?locationId=l", headers: { Version: "2021-04-15" }, status: 401 },
  { name: "no token and a bad body", path: "/conversations/", method: "POST", headers: { Version: "2021-04-15", "Content-Type": "application/json" }, body: () => "{}", status: 401 },
  { name: "a Basic token", path: "/conversations/search?locationId=l", headers: { Version: "2021-04-15", Authorization: "Basic abc" }, status: 401 },
  { name: "no Version", path: "/conversations/search?locationId=l", headers: { Authorization: auth.Authorization }, status: 400 },
  { name: "a Version outside the enum", path: "/conversations/search?locationId=l", headers: { ...auth, Version: "2023-02-21" }, status: 400 },
  { name: "a missing required query parameter", path: "/conversations/search", status: 400 },
  { name: "a query parameter of the wrong type", path: "/conversations/search?locationId=l&limit=abc", status: 400 },
  { name: "a query parameter above its maximum", path: "/conversations/messages/export?locationId=l&limit=5000", status: 400 },
  { name: "a list item outside its enum", path: "/conversations/x/messages?type=TYPE_SMS,TYPE_X", status: 400 },
  { name: "a list item of the wrong type", path: "/conversations/search?locationId=l&startAfterDate=abc", status: 400 },
  { name: "an empty path parameter", path: "/conversations/messages/email/", status: 400 },
  { name: "a body without a required field", path: "/conversations/", method: "POST", headers: json, body: () => "{}", status: 400 },
  { name: "no body", path: "/conversations/", method: "POST", headers: auth, status: 400 },
  { name: "a text body where JSON is declared", path: "/conversations/", method: "POST", headers: { ...auth, "Content-Type": "text/plain" }, body: () => "hi", status: 400 },
  { name: "JSON where only multipart is declared (415 documented)", path: "/conversations/messages/upload", method: "POST", headers: json, body: () => "{}", status: 415 },
  { name: "a form without a required field", path: "/conversations/messages/upload", method: "POST", headers: auth, body: form, status: 400 },
  { name: "an invalid body where 422 is documented", path: "/conversations/providers/live-chat/typing", method: "POST", headers: json, body: () => "{}", status: 422 },
  { name: "a bad Version where 422 is documented", path: "/conversations/providers/live-chat/typing", method: "POST", headers: { ...json, Version: "x" }, body: () => JSON.stringify({ locationId: "l", isTyping: true, visitorId: "v", conversationId: "c" }), status: 422 },
  // Version v3 (issue 10): each operation accepts the Version values it lists, and its body the shapes of either.
  { name: "Version v3 on a 2021-04-15-only operation", path: "/conversations/preferences/custom-subtypes?locationId=l", headers: { ...auth, Version: "v3" }, status: 400 },
  { name: "Version 2021-04-15 on a v3-only operation", path: "/conversations/messages/email/e/status", method: "PUT", headers: json, body: () => JSON.stringify({ status: "delivered" }), status: 400 },
  { name: "an email status update without status", path: "/conversations/messages/email/e/status", method: "PUT", headers: { ...json, Version: "v3" }, body: () => JSON.stringify({ events: { delivered: 1 } }), status: 400 },
  { name: "an email event counter that is not an integer", path: "/conversations/messages/email/e/status", method: "PUT", headers: { ...json, Version: "v3" }, body: () => JSON.stringify({ status: "delivered", events: { opened: 1.5 } }), status: 400 },
  { name: "a feedback of neither version's shape", path: "/conversations/c", method: "PUT", headers: { ...json, Version: "v3" }, body: () => JSON.stringify({ locationId: "l", feedback: "great" }), status: 400 },
  { name: "an export date that is neither a date-time nor a date", path: "/conversations/messages/export?locationId=l&startDate=yesterday", status: 400 },
  { name: "Prefer code=404 on an invalid request", path: "/conversations/search", headers: { ...auth, Prefer: "code=404" }, status: 400 },
  { name: "Prefer code=401 on a valid request", path: "/conversations/search?locationId=l", headers: { ...auth, Prefer: "code=401" }, status: 401 },
  { name: "an unknown path", path: "/conversations/nope/deeper/x", status: 404 },
  { name: "POST /conversations without its trailing slash", path: "/conversations", method: "POST", headers: json, body: () => JSON.stringify({ locationId: "l", contactId: "c" }), status: 404 },
  { name: "a method the path does not have", path: "/conversations/messages/export?locationId=l", method: "DELETE", status: 405 },
];

describe("valid v3 requests that need no state: both answer 200", () => {
  for (const path of ["/conversations/search?locationId=l", "/conversations/messages/export?locationId=l&startDate=2024-03-27&endDate=2024-03-28"]) {
    it(`GET ${path} with Version v3`, async () => {
      const send = (base: string) => fetch(`${base}${path}`, { headers: { ...auth, Version: "v3" }, signal: AbortSignal.timeout(10_000) });
      const [fromPrism, fromFake] = await Promise.all([send(mockUrl()), send(fake.url)]);
      expect([fromPrism.status, fromFake.status]).toEqual([200, 200]);
      expect(await answerViolations("GET", `${fake.url}${path}`, fromFake)).toEqual([]);
    });
  }
});

describe("invalid requests: the fake answers the status Prism answers", () => {
  for (const { name, path, method = "GET", headers = auth, body, status } of cases) {
    it(`${name}: ${status}`, async () => {
      const send = (base: string) => fetch(`${base}${path}`, { method, headers, ...(body ? { body: body() } : {}), signal: AbortSignal.timeout(10_000) });
      const [fromPrism, fromFake] = await Promise.all([send(mockUrl()), send(fake.url)]);
      expect(fromPrism.status, "Prism").toBe(status);
      expect(fromFake.status, "the fake").toBe(status);
      if (status !== 404 && status !== 405) expect(await answerViolations(method, `${fake.url}${path}`, fromFake)).toEqual([]);
    });
  }
});
