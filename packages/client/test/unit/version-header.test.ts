// Which `Version` a call sends (versionHeader), and that the client sends it, per call, on the wire
// to a loopback server: the client's version, the operation's only one, or the call's own.
import { apiVersions, versionRestrictedOperations } from "@conversations-api/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_VERSION, createConversationsClient } from "../../src/index.js";
import { versionHeader } from "../../src/version-header.js";
import { json, startFaultServer, type FaultServer } from "../support/fault-server.js";

describe("versionHeader", () => {
  it("sends the client's version to an operation that accepts every version", () => {
    expect(versionHeader("GET", "/conversations/search", "2021-04-15", undefined)).toBe("2021-04-15");
    expect(versionHeader("GET", "/conversations/search", "v3", undefined)).toBe("v3");
  });

  it("sends the only version an operation accepts, whatever the client's", () => {
    expect(versionHeader("GET", "/conversations/preferences/custom-subtypes", "v3", undefined)).toBe("2021-04-15");
    expect(versionHeader("PUT", "/conversations/messages/email/{id}/status", "2021-04-15", undefined)).toBe("v3");
    expect(versionHeader("PUT", "/conversations/messages/email/{id}/status", "v3", undefined)).toBe("v3");
  });

  it("sends the call's own version over everything else", () => {
    expect(versionHeader("GET", "/conversations/search", "2021-04-15", "v3")).toBe("v3");
    // Past the types (they refuse it): the call's choice goes out, and the server says no.
    expect(versionHeader("GET", "/conversations/preferences/custom-subtypes", "2021-04-15", "v3")).toBe("v3");
  });

  it("knows the six single-version operations of the spec", () => {
    expect(Object.keys(versionRestrictedOperations)).toHaveLength(6);
    expect(apiVersions).toContain(API_VERSION);
  });
});

describe("the Version header on the wire", () => {
  let server: FaultServer;
  beforeAll(async () => (server = await startFaultServer()));
  afterAll(() => server.close());
  const options = () => ({ token: "t0ken", baseUrl: server.url, maxRetries: 0 });

  it("is the client's version, the operation's only one, or the call's own, per call", async () => {
    const v3 = createConversationsClient({ ...options(), apiVersion: "v3" });
    const calls = [
      () => createConversationsClient(options()).GET("/conversations/{conversationId}", { params: { path: { conversationId: "c" } } }),
      () => v3.GET("/conversations/{conversationId}", { params: { path: { conversationId: "c" } } }),
      () => v3.GET("/conversations/preferences/custom-subtypes", { params: { query: { locationId: "l" } } }),
      () =>
        createConversationsClient(options()).PUT("/conversations/messages/email/{id}/status", {
          params: { path: { id: "e" } },
          body: { status: "delivered" },
        }),
      () => v3.GET("/conversations/{conversationId}", { params: { path: { conversationId: "c" } }, apiVersion: "2021-04-15" }),
      // After a call that picked another version, the client's own comes back.
      () => v3.DELETE("/conversations/{conversationId}", { params: { path: { conversationId: "c" } } }),
    ];
    server.script(json(200, {}));
    for (const call of calls) await call();
    expect(server.seen.map((request) => request.headers.version)).toEqual([
      "2021-04-15",
      "v3",
      "2021-04-15",
      "v3",
      "2021-04-15",
      "v3",
    ]);
    // The call's own apiVersion is an option of the client, never a query parameter or a header of its own.
    expect(server.seen.filter((request) => /apiversion/i.test(request.url + JSON.stringify(request.headers)))).toEqual([]);
  });

  it("sends an apiVersion the types refuse (plain JavaScript) as it is: the server's 400 comes back typed", async () => {
    server.script(json(400, { statusCode: 400, message: "Version must be one of 2021-04-15, v3" }));
    const client = createConversationsClient({ ...options(), apiVersion: "v4" as "v3" });
    const { error } = await client.GET("/conversations/{conversationId}", { params: { path: { conversationId: "c" } } });
    expect(server.seen[0]?.headers.version).toBe("v4");
    expect(error).toEqual({ statusCode: 400, message: "Version must be one of 2021-04-15, v3" });
  });
});
