// The conformance run against the fake (every reachable read operation passes) and against a
// server that answers some operations off-spec (each drifted operation and JSON path named), with
// the request budget, 429s, and writes only on request.
import { sharedValidator } from "@conversations-api/validator";
import type { RunningFake } from "@conversations-api/fake";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformance, type ConformanceOptions, type ConformanceReport } from "../src/index.js";
import { firstWithRequiredField, wrongValueFor } from "./support/drifts.js";
import { CONTACT_ID, LOCATION_ID, startExampleFake, startUpstream, TOKEN, type Upstream } from "./support/upstream.js";

const READS = [
  "search-conversation",
  "get-conversation",
  "export-messages-by-location",
  "get-messages",
  "get-message",
  "get-email-by-id",
  "get-all-custom-subtypes",
  "get-contact-unsubscription-status",
  "get-message-recording",
  "get-message-transcription",
  "download-message-transcription",
];

let fake: RunningFake;
beforeAll(async () => (fake = await startExampleFake()));
afterAll(() => fake.stop());

const optionsFor = (baseUrl: string, overrides: Partial<ConformanceOptions> = {}): ConformanceOptions => ({
  token: TOKEN,
  locationId: LOCATION_ID,
  baseUrl,
  apiVersion: "2021-04-15",
  maxRequests: 40,
  allowWrites: false,
  ...overrides,
});
const outcomes = (report: ConformanceReport) => Object.fromEntries(report.operations.map((operation) => [operation.operationId, operation.outcome]));

describe("against the fake", () => {
  it("passes: every reachable read-only operation is listed as passing, nothing is written", async () => {
    const upstream = await startUpstream(fake);
    try {
      const report = await runConformance(optionsFor(upstream.url));
      expect(report.result).toBe("pass");
      for (const operationId of READS) expect(outcomes(report)[operationId], operationId).toBe("pass");
      // Every read-only operation of the spec is in the report.
      const reads = sharedValidator().operations.filter((operation) => operation.method === "GET").map((operation) => operation.operationId);
      expect(report.operations.map((operation) => operation.operationId)).toEqual(expect.arrayContaining(reads));
      expect(upstream.received.filter((request) => request.method !== "GET")).toEqual([]);
      expect(report.requests.sent).toBe(upstream.received.length);
      expect(report.rateLimit.headersSeen).toContain("x-ratelimit-remaining");
    } finally {
      await upstream.close();
    }
  });

  it("for Version v3: the operations v3 does not have are skipped, the rest pass", async () => {
    const report = await runConformance(optionsFor(fake.url, { apiVersion: "v3" }));
    expect(report.result).toBe("pass");
    const versionOnly = sharedValidator().operations.filter((operation) => operation.method === "GET" && !sharedValidator().acceptedVersions(operation.operationId)?.includes("v3"));
    for (const operation of versionOnly) expect(report.operations.find((entry) => entry.operationId === operation.operationId)).toMatchObject({ outcome: "skipped", reason: "not in Version v3" });
  });

  it("writes only with allowWrites: the flow on the test contact, each answer checked, what it created cleaned up", async () => {
    const upstream = await startUpstream(fake);
    try {
      const report = await runConformance(optionsFor(upstream.url, { allowWrites: true, contactId: CONTACT_ID }));
      expect(report.result, JSON.stringify(report.operations.filter((operation) => operation.outcome !== "pass"))).toBe("pass");
      const writes = upstream.received.filter((request) => request.method !== "GET").map((request) => `${request.method} ${request.path}`);
      expect(writes).toContain("POST /conversations/messages");
      expect(writes.filter((write) => write.startsWith("PUT /conversations/"))).toHaveLength(2); // starred, then put back
      expect(outcomes(report)).toMatchObject({ "send-a-new-message": "pass", "update-conversation": "pass" });
    } finally {
      await upstream.close();
    }
  });
});

describe("against a server that drifted", () => {
  it("fails, naming each drifted operation and JSON path: a wrong type, a missing required field, an undocumented status", async () => {
    // Chosen from the spec (the first reads with a required field), so that the case follows the spec.
    const undocumented = "get-all-custom-subtypes";
    const candidates = READS.filter((id) => id !== undocumented && id !== "search-conversation");
    const wrongType = firstWithRequiredField(candidates);
    const missing = firstWithRequiredField(candidates.filter((id) => id !== wrongType.operationId));
    const upstream = await startUpstream(fake, {
      [wrongType.operationId]: (body) => ({ body: { ...body, [wrongType.field.name]: wrongValueFor(wrongType.field.type) } }),
      [missing.operationId]: (body) => {
        const { [missing.field.name]: _, ...rest } = body;
        return { body: rest };
      },
      [undocumented]: () => ({ status: 418, body: { message: "I'm a teapot" } }),
    });
    try {
      const report = await runConformance(optionsFor(upstream.url));
      expect(report.result).toBe("fail");
      const failed = report.operations.filter((operation) => operation.outcome === "fail");
      expect(failed.map((operation) => operation.operationId).sort()).toEqual([wrongType.operationId, missing.operationId, undocumented].sort());
      const violationsOf = (operationId: string) => failed.find((operation) => operation.operationId === operationId)!.violations;
      expect(violationsOf(wrongType.operationId)).toEqual([expect.objectContaining({ status: 200, in: "body", path: `$.${wrongType.field.name}`, kind: "type" })]);
      expect(violationsOf(missing.operationId)).toEqual([expect.objectContaining({ status: 200, in: "body", path: `$.${missing.field.name}`, kind: "required" })]);
      expect(violationsOf(undocumented)).toEqual([expect.objectContaining({ status: 418, in: "status", kind: "status" })]);
      // The other reads still pass.
      for (const operationId of READS.filter((id) => ![wrongType.operationId, missing.operationId, undocumented].includes(id))) expect(outcomes(report)[operationId], operationId).toBe("pass");
    } finally {
      await upstream.close();
    }
  });
});

describe("the request budget", () => {
  it("is never exceeded: what it cannot pay for is listed as not run", async () => {
    const upstream = await startUpstream(fake);
    try {
      const report = await runConformance(optionsFor(upstream.url, { maxRequests: 4 }));
      expect(upstream.received).toHaveLength(4);
      expect(report.requests).toEqual({ max: 4, sent: 4 });
      expect(report.operations.filter((operation) => operation.outcome === "pass")).toHaveLength(4);
      expect(report.operations.some((operation) => operation.outcome === "skipped" && /request budget \(4\) is spent/.test(operation.reason ?? ""))).toBe(true);
    } finally {
      await upstream.close();
    }
  });

  it("honours 429s: waits Retry-After, retries, and counts every attempt against the budget", async () => {
    const upstream = await startUpstream(fake, {}, 2);
    try {
      const report = await runConformance(optionsFor(upstream.url, { maxRequests: 8 }));
      expect(upstream.received.length).toBeLessThanOrEqual(8);
      expect(report.requests.sent).toBe(upstream.received.length);
      expect(report.rateLimit.throttled).toBe(2);
      expect(report.operations.find((operation) => operation.operationId === "search-conversation")).toMatchObject({ outcome: "pass", statuses: [200] });
    } finally {
      await upstream.close();
    }
  });
});
