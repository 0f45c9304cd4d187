// tools/list over stdio: one tool per JSON operation of the bundled spec, each with valid JSON
// Schemas a client can take (an object at the top, no union there, a name of at most 60
// characters), each input schema accepting the spec's example call.
import { schemaProblems, sharedValidator } from "@conversations-api/validator";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleCalls } from "../../client/test/support/example-calls.js";
import { excludedOperations } from "../src/operations.gen.js";
import { connectStdio, toolArguments, type StdioSession } from "./support/servers.js";

const isJson = (type: string | undefined) => type === undefined || type === "application/json";
// An operation is a JSON one when its body (if any) and its success answer are JSON.
const jsonOperations = exampleCalls.filter((call) => isJson(call.bodyType) && call.init.parseAs === undefined);

let readOnly: StdioSession;
let writable: StdioSession;
let tools: Tool[];
let readOnlyTools: Tool[];

beforeAll(async () => {
  [readOnly, writable] = await Promise.all([connectStdio(["--fake"]), connectStdio(["--fake", "--allow-writes"])]);
  tools = (await writable.client.listTools()).tools;
  readOnlyTools = (await readOnly.client.listTools()).tools;
});
afterAll(async () => {
  await Promise.all([readOnly?.close(), writable?.close()]);
});

describe("tools/list", () => {
  it("has one tool per JSON operation of the spec, named by its operationId", () => {
    expect(jsonOperations.length).toBeGreaterThan(20);
    expect(tools.map((tool) => tool.name).sort()).toEqual(jsonOperations.map((call) => call.operationId).sort());
  });

  it("leaves out only the operations that are not JSON, each with its reason", () => {
    const left = exampleCalls.filter((call) => !jsonOperations.includes(call)).map((call) => call.operationId);
    expect(excludedOperations.map((operation) => operation.operationId).sort()).toEqual(left.sort());
    for (const operation of excludedOperations) expect(operation.reason.length).toBeGreaterThan(20);
  });

  it("lists only the reads without --allow-writes", () => {
    const gets = jsonOperations.filter((call) => call.method === "GET").map((call) => call.operationId);
    expect(readOnlyTools.map((tool) => tool.name).sort()).toEqual(gets.sort());
  });

  it("gives every tool a name clients accept, a description and annotations from its method", () => {
    for (const tool of tools) {
      const call = jsonOperations.find((example) => example.operationId === tool.name)!;
      expect(tool.name).toMatch(/^[A-Za-z0-9_-]{1,60}$/);
      expect(tool.description?.length).toBeGreaterThan(10);
      expect(tool.annotations).toMatchObject({
        readOnlyHint: call.method === "GET",
        destructiveHint: call.method === "PUT" || call.method === "DELETE",
        idempotentHint: call.method !== "POST",
      });
    }
  });

  it("has valid JSON Schemas (2020-12) with an object and no union at the top", () => {
    for (const tool of tools) {
      for (const schema of [tool.inputSchema, tool.outputSchema]) {
        expect(schema, tool.name).toBeDefined();
        expect(schemaProblems(schema!), tool.name).toBeUndefined();
        expect(schema!.type).toBe("object");
        for (const union of ["oneOf", "anyOf", "allOf", "not", "$ref"]) expect(schema, `${tool.name} ${union}`).not.toHaveProperty(union);
      }
    }
  });

  it("has input schemas that accept the spec's example call of every operation", () => {
    for (const call of jsonOperations) {
      const tool = tools.find((candidate) => candidate.name === call.operationId)!;
      expect(sharedValidator().against(tool.inputSchema, toolArguments(call.init)), call.operationId).toEqual([]);
    }
  });

  it("serves the non-JSON answers as resource templates, and a conversation with its messages", async () => {
    const { resourceTemplates } = await readOnly.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
      "conversations-api://conversations/{conversationId}",
      "conversations-api://locations/{locationId}/messages/{messageId}/recording",
      "conversations-api://locations/{locationId}/messages/{messageId}/transcription",
    ]);
  });
});
