// Path parameters (issue 8, item 7): `.`, `..` and empty values are refused before anything is
// sent, with an error that names the parameter; anything else is percent-encoded into its own
// segment, so an id from user input cannot redirect a call to another resource.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversationsClient, InvalidRequestError } from "../../src/index.js";
import { json, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const client = () => createConversationsClient({ token: "t0ken", baseUrl: server.url, backoff: { initialDelayMs: 1 } });
const remove = (conversationId: string) => client().DELETE("/conversations/{conversationId}", { params: { path: { conversationId } } });

describe("path parameters", () => {
  for (const value of [".", "..", ""]) {
    it(`refuses ${JSON.stringify(value)} before sending anything, naming the parameter`, async () => {
      server.script(json(200, { success: true }));
      const { error, response } = await remove(value);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).message).toBe(
        `DELETE ${server.url}/conversations/{conversationId}: path parameter conversationId is ${JSON.stringify(value)}`,
      );
      expect((error as InvalidRequestError).attempts).toBe(1);
      expect(response.status).toBe(0);
      expect(server.seen).toHaveLength(0);
    });
  }

  it("refuses a missing value and a lone surrogate the same way, and throws the error from unwrap", async () => {
    server.script(json(200, { success: true }));
    const missing = await remove(undefined as unknown as string);
    expect(missing.error).toBeInstanceOf(InvalidRequestError);
    const c = client();
    const failure = await c
      .unwrap(c.DELETE("/conversations/{conversationId}", { params: { path: { conversationId: "\uD800" } } }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidRequestError);
    expect((failure as Error).message).toContain("path parameter conversationId");
    expect(server.seen).toHaveLength(0);
  });

  for (const [value, segment] of [
    ["a/b", "a%2Fb"],
    ["../conversations", "..%2Fconversations"],
    ["what?x=1", "what%3Fx%3D1"],
    ["tag#1", "tag%231"],
    ["100%", "100%25"],
    ["%2e%2e", "%252e%252e"],
    ["two words", "two%20words"],
    ["café-☕", "caf%C3%A9-%E2%98%95"],
    ["...", "..."],
  ]) {
    it(`sends ${JSON.stringify(value)} percent-encoded in its own segment`, async () => {
      server.script(json(200, { success: true }));
      const { error } = await remove(value!);
      expect(error).toBeUndefined();
      expect(server.seen.map((request) => [request.method, request.url])).toEqual([["DELETE", `/conversations/${segment}`]]);
    });
  }
});
