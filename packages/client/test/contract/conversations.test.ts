import { schemaErrors } from "@test/support";
import { describe, expect, it } from "vitest";
import { servesStaticExamples } from "../support/backend.js";
import { contractClient } from "../support/clients.js";
import { expectRefusedPath } from "../support/errors.js";

const client = contractClient();
const locationId = "ABCHkzuJQ8ZMd4Te84GK";
/** The spec's example conversation, and its location (the fake's example data holds it). */
const exampleConversation = { conversationId: "tDtDnQdgm2LXpyiqYvZ6", locationId: "ve9EPM428h8vShlRW1KT" };

describe("GET /conversations/search", () => {
  it("returns a typed page of conversations", async () => {
    const { data, error, response } = await client.GET("/conversations/search", {
      params: { query: { locationId, status: "unread", sort: "desc", limit: 20 } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(schemaErrors("SendConversationResponseDto", data)).toEqual([]);
    const first = data?.conversations[0];
    expect(typeof first?.id).toBe("string");
    expect(first?.type).toBe("TYPE_PHONE");
    expect(typeof data?.total).toBe("number");
  });

  it("sends startAfterDate as one number or a comma-separated list, in one parameter", async () => {
    for (const startAfterDate of [[1600854], [1600854, 1600851]]) {
      const urls: string[] = [];
      const spying = contractClient("test-token", (request) => urls.push(request.url));
      const { response } = await spying.GET("/conversations/search", {
        params: { query: { locationId, startAfterDate } },
      });
      expect(response.status).toBe(200);
      expect(decodeURIComponent(urls[0] ?? "")).toContain(`startAfterDate=${String(startAfterDate)}`);
    }
  });

  it("surfaces a missing locationId as a typed 400 error, not a throw", async () => {
    const { data, error, response } = await client.GET("/conversations/search", {
      // @ts-expect-error locationId is required
      params: { query: {} },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(error?.statusCode).toBe(400);
    expect(response.headers.get("sl-violations")).toMatch(/locationid/i);
  });

  it("surfaces a wrongly typed parameter as a typed 400 error", async () => {
    const { error, response } = await client.GET("/conversations/search", {
      // @ts-expect-error limit is a number
      params: { query: { locationId, limit: "twenty" } },
    });
    expect(response.status).toBe(400);
    expect(schemaErrors("BadRequestDTO", error)).toEqual([]);
    expect(response.headers.get("sl-violations")).toContain("limit");
    // Prism's body is the spec's example whatever was wrong; the fake lists its violations, as the API
    // does, and names the parameter.
    if (servesStaticExamples) expect(error?.message).toBe("Bad Request");
    else expect([error?.message].flat().join("; ")).toContain("limit");
  });

  it("rejects a value outside an enum", async () => {
    const { response } = await client.GET("/conversations/search", {
      // @ts-expect-error "sideways" is not a sort order
      params: { query: { locationId, sort: "sideways" } },
    });
    expect(response.status).toBe(400);
  });
});

describe("POST /conversations/", () => {
  it("creates a conversation and answers 201", async () => {
    const { data, response } = await client.POST("/conversations/", {
      body: { locationId, contactId: "tDtDnQdgm2LXpyiqYvZ6" },
    });
    expect(response.status).toBe(201);
    expect(schemaErrors("CreateConversationSuccessResponse", data)).toEqual([]);
    expect(data?.success).toBe(true);
    expect(data?.conversation.deleted).toBe(false);
  });

  it("rejects a body without contactId with a typed 400", async () => {
    const { error, response } = await client.POST("/conversations/", {
      // @ts-expect-error contactId is required
      body: { locationId },
    });
    expect(response.status).toBe(400);
    expect(error?.statusCode).toBe(400);
  });
});

describe("/conversations/{conversationId}", () => {
  const path = { conversationId: exampleConversation.conversationId };

  it("GET returns the flat conversation with its numeric type and a traceId, as the API sends it", async () => {
    const { data, response } = await client.GET("/conversations/{conversationId}", { params: { path } });
    expect(response.status).toBe(200);
    expect(schemaErrors("GetConversationByIdResponse", data)).toEqual([]);
    expect(typeof data?.type).toBe("number");
    expect(data?.id).toBe(path.conversationId);
    expect(typeof data?.traceId).toBe("string");
  });

  it("PUT updates and answers with the wrapped conversation", async () => {
    const { data, response } = await client.PUT("/conversations/{conversationId}", {
      params: { path },
      body: { locationId: exampleConversation.locationId, unreadCount: 0, starred: true },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("GetConversationSuccessfulResponse", data)).toEqual([]);
    expect(data?.conversation.locationId).toBeTypeOf("string");
  });

  it("DELETE answers success", async () => {
    // A conversation of its own, so that the example conversation stays for the other tests.
    const created = await client.POST("/conversations/", { body: { locationId, contactId: "deLeteMe00000000001A" } });
    const conversationId = created.data!.conversation.id;
    const { data, response } = await client.DELETE("/conversations/{conversationId}", { params: { path: { conversationId } } });
    expect(response.status).toBe(200);
    expect(data).toEqual({ success: true, traceId: expect.any(String) });
  });
});

describe("GET /conversations/messages/email/{id}", () => {
  it("returns the email message, wrapped in emailMessage as the API sends it", async () => {
    const { data, response } = await client.GET("/conversations/messages/email/{id}", {
      params: { path: { id: "ve9EPM428h8vShlRW1KT" } },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("GetEmailByIdResponse", data)).toEqual([]);
    expect(data?.emailMessage.direction).toMatch(/^(inbound|outbound)$/);
    expect(Array.isArray(data?.emailMessage.to)).toBe(true);
  });
});

describe("/conversations/{conversationId} with bad input", () => {
  it("GET, PUT and DELETE refuse an empty conversationId before sending anything", async () => {
    const path = { conversationId: "" };
    const results = [
      await client.GET("/conversations/{conversationId}", { params: { path } }),
      await client.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId } }),
      await client.DELETE("/conversations/{conversationId}", { params: { path } }),
    ];
    for (const result of results) expectRefusedPath(result, "conversationId");
  });

  it("PUT surfaces a body without locationId as a typed 400", async () => {
    const { error, response } = await client.PUT("/conversations/{conversationId}", {
      params: { path: { conversationId: "tDtDnQdgm2LXpyiqYvZ6" } },
      // @ts-expect-error locationId is required
      body: { starred: true },
    });
    expect(response.status).toBe(400);
    expect(error?.statusCode).toBe(400);
  });

  it("GET gives the typed NotFoundDTO with Prefer: code=404", async () => {
    const { error, response } = await client.GET("/conversations/{conversationId}", {
      params: { path: { conversationId: "gone" } },
      headers: { Prefer: "code=404" },
    });
    expect(response.status).toBe(404);
    expect(schemaErrors("NotFoundDTO", error)).toEqual([]);
  });
});

describe("PUT /conversations/{conversationId}: feedback, typed per API version", () => {
  const path = { conversationId: exampleConversation.conversationId };
  const locationId = exampleConversation.locationId;

  it("v3: accepts feedback \"positive\" and sends Version v3", async () => {
    const versions: (string | null)[] = [];
    const v3 = contractClient("test-token", (request) => versions.push(request.headers.get("Version")), "v3");
    const { data, error, response } = await v3.PUT("/conversations/{conversationId}", {
      params: { path },
      body: { locationId, feedback: "positive" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(versions).toEqual(["v3"]);
    expect(schemaErrors("GetConversationSuccessfulResponse", data)).toEqual([]);
  });

  it("2021-04-15: accepts the feedback object", async () => {
    const { response } = await client.PUT("/conversations/{conversationId}", {
      params: { path },
      body: { locationId, feedback: {} },
    });
    expect(response.status).toBe(200);
  });

  it("rejects feedback that is neither shape with a typed 400", async () => {
    const v3 = contractClient("test-token", undefined, "v3");
    const { error, response } = await v3.PUT("/conversations/{conversationId}", {
      params: { path },
      // @ts-expect-error v3 feedback is "positive" or "negative"
      body: { locationId, feedback: "meh" },
    });
    expect(response.status).toBe(400);
    expect(error?.statusCode).toBe(400);
    expect(response.headers.get("sl-violations")).toContain("feedback");
  });
});
