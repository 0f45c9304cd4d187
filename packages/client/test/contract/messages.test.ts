// Messages: read one, list, export, send, inbound, outbound, review reply, cancel, status, attachments.
import { schemaErrors } from "@test/support";
import { describe, expect, it } from "vitest";
import { contractClient } from "../support/clients.js";
import { expectRefusedPath, statusOf } from "../support/errors.js";

const client = contractClient();
const locationId = "ve9EPM428h8vShlRW1KT";
const contactId = "ve9EPM428kjkvShlRW1KT";
const conversationId = "tDtDnQdgm2LXpyiqYvZ6";
const messageId = "ve9EPM428h8vShlRW1KT";
/** The spec's example of a message still waiting to be sent (the fake's example data holds it). */
const scheduledMessageId = "k2PzN7wQ4sVb9XcR1tYm";

describe("GET /conversations/messages/{id} (get-message)", () => {
  it("returns the message, wrapped in message beside traceId, with its numeric type code, TYPE_* name and call details", async () => {
    const { data, error, response } = await client.GET("/conversations/messages/{id}", {
      params: { path: { id: messageId } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(schemaErrors("GetMessageResponse", data)).toEqual([]);
    expect(data?.message.id).toBe(messageId);
    expect(data?.message.type).toBe(1);
    expect(data?.message.messageType).toBe("TYPE_CALL");
    expect(typeof data?.message.meta?.call?.duration).toBe("number");
    expect(typeof data?.traceId).toBe("string");
  });

  it("refuses an empty id before sending anything", async () => {
    const result = await client.GET("/conversations/messages/{id}", { params: { path: { id: "" } } });
    expectRefusedPath(result, "id");
  });

  it("gives the typed NotFoundDTO with Prefer: code=404", async () => {
    const { error, response } = await client.GET("/conversations/messages/{id}", {
      params: { path: { id: "missing" } },
      headers: { Prefer: "code=404" },
    });
    expect(response.status).toBe(404);
    expect(schemaErrors("NotFoundDTO", error)).toEqual([]);
    expect(statusOf(error)).toBe(404);
  });
});

describe("GET /conversations/{conversationId}/messages (get-messages)", () => {
  it("returns a page of messages", async () => {
    const { data, response } = await client.GET("/conversations/{conversationId}/messages", {
      params: { path: { conversationId }, query: { limit: 20 } },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("GetMessagesResponse", data)).toEqual([]);
    expect(data?.messages.nextPage).toBe(false);
    expect(data?.messages.messages.length).toBeGreaterThan(0);
    expect(typeof data?.traceId).toBe("string");
  });

  it("sends the type filter as one comma-separated parameter (form, explode: false) by default", async () => {
    const urls: string[] = [];
    const spying = contractClient("test-token", (request) => urls.push(request.url));
    const { response } = await spying.GET("/conversations/{conversationId}/messages", {
      params: { path: { conversationId }, query: { type: ["TYPE_SMS", "TYPE_CALL"] } },
    });
    expect(response.status).toBe(200);
    expect(decodeURIComponent(urls[0] ?? "")).toContain("type=TYPE_SMS,TYPE_CALL");
  });

  it("rejects an unknown type with a typed 400", async () => {
    const { error, response } = await client.GET("/conversations/{conversationId}/messages", {
      // @ts-expect-error TYPE_PIGEON is not a message type
      params: { path: { conversationId }, query: { type: ["TYPE_PIGEON"] } },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });
});

describe("GET /conversations/messages/export (export-messages-by-location)", () => {
  it("returns a page of the location's messages", async () => {
    const { data, response } = await client.GET("/conversations/messages/export", {
      params: { query: { locationId, limit: 100, channel: "SMS" } },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("ExportMessagesResponseDto", data)).toEqual([]);
    expect(typeof data?.total).toBe("number");
  });

  it("surfaces a missing locationId as a typed 400", async () => {
    const { error, response } = await client.GET("/conversations/messages/export", {
      // @ts-expect-error locationId is required
      params: { query: {} },
    });
    expect(response.status).toBe(400);
    expect(schemaErrors("BadRequestDTO", error)).toEqual([]);
  });

  it("rejects a limit outside 10..500", async () => {
    const { response } = await client.GET("/conversations/messages/export", {
      params: { query: { locationId, limit: 5000 } },
    });
    expect(response.status).toBe(400);
  });

  it("filters by a date-time or a date-only startDate/endDate (DEVIATIONS.md, date-formats)", async () => {
    for (const [startDate, endDate] of [
      ["2024-03-27T00:00:00.000Z", "2024-03-28T00:00:00.000Z"],
      ["2024-01-01", "2024-12-31"],
    ]) {
      const { response } = await client.GET("/conversations/messages/export", {
        params: { query: { locationId, startDate, endDate } },
      });
      expect(response.status, `${startDate} ${response.headers.get("sl-violations")}`).toBe(200);
    }
  });

  it("rejects a startDate that is not an ISO 8601 date or date-time", async () => {
    const { response } = await client.GET("/conversations/messages/export", {
      params: { query: { locationId, startDate: "yesterday" } },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toMatch(/startdate/i);
  });
});

describe("POST /conversations/messages (send-a-new-message)", () => {
  it("sends an SMS and returns its ids and status", async () => {
    const { data, response } = await client.POST("/conversations/messages", {
      body: { type: "SMS", contactId, message: "Hello" },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("SendMessageResponseDto", data)).toEqual([]);
    expect(data?.messageId).toBeTypeOf("string");
  });

  it("surfaces a body without contactId as a typed 400", async () => {
    const { data, error, response } = await client.POST("/conversations/messages", {
      // @ts-expect-error contactId is required
      body: { type: "SMS", message: "Hello" },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });
});

describe("POST /conversations/messages/inbound (add-an-inbound-message)", () => {
  it("adds an inbound message", async () => {
    const { data, response } = await client.POST("/conversations/messages/inbound", {
      body: { type: "SMS", conversationId, contactId, conversationProviderId: "cI08i1Bls3iTB9bKgF01", direction: "inbound" },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("ProcessMessageResponseDto", data)).toEqual([]);
    expect(data?.success).toBe(true);
  });

  it("rejects an object direction (the vendor's declared type) with a typed 400", async () => {
    const { error, response } = await client.POST("/conversations/messages/inbound", {
      // @ts-expect-error direction is a string enum
      body: { type: "SMS", conversationId, contactId, conversationProviderId: "p", direction: {} },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });

  it("surfaces a body without conversationProviderId as a typed 400", async () => {
    const { response } = await client.POST("/conversations/messages/inbound", {
      // @ts-expect-error conversationProviderId is required
      body: { type: "SMS", conversationId, contactId },
    });
    expect(response.status).toBe(400);
  });
});

describe("POST /conversations/messages/outbound (add-an-outbound-message)", () => {
  const call = { to: "+15550001234", from: "+15550005678", status: "completed" } as const;

  it("adds an outbound call", async () => {
    const { data, response } = await client.POST("/conversations/messages/outbound", {
      body: { type: "Call", conversationId, conversationProviderId: "cI08i1Bls3iTB9bKgF01", call },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("ProcessMessageResponseDto", data)).toEqual([]);
  });

  it("surfaces a body without conversationId as a typed 400", async () => {
    const { error, response } = await client.POST("/conversations/messages/outbound", {
      // @ts-expect-error conversationId is required
      body: { type: "Call", conversationProviderId: "p", call },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });
});

describe("POST /conversations/messages/review-reply (send-review-reply)", () => {
  it("sends a reply", async () => {
    const { data, response } = await client.POST("/conversations/messages/review-reply", {
      body: { conversationId, locationId, message: "Thank you!" },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("SendMessageResponseDto", data)).toEqual([]);
  });

  it("surfaces a body without message as a typed 400", async () => {
    const { error, response } = await client.POST("/conversations/messages/review-reply", {
      // @ts-expect-error message is required
      body: { conversationId, locationId },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });
});

describe("DELETE /conversations/messages/{messageId}/schedule (cancel-scheduled-message)", () => {
  it("cancels and answers the success body", async () => {
    const { data, response } = await client.DELETE("/conversations/messages/{messageId}/schedule", {
      params: { path: { messageId: scheduledMessageId } },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("CancelScheduledResponseDto", data)).toEqual([]);
    expect(data?.status).toBe(200);
  });

  it("refuses an empty messageId before sending anything", async () => {
    const result = await client.DELETE("/conversations/messages/{messageId}/schedule", { params: { path: { messageId: "" } } });
    expectRefusedPath(result, "messageId");
  });
});

describe("PUT /conversations/messages/{messageId}/status (update-message-status)", () => {
  it("reports a failed delivery with its error", async () => {
    const { data, response } = await client.PUT("/conversations/messages/{messageId}/status", {
      params: { path: { messageId } },
      body: { status: "failed", error: { code: "1", type: "saas", message: "Provider error" } },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("SendMessageResponseDto", data)).toEqual([]);
  });

  it("surfaces a body without status as a typed 400", async () => {
    const { error, response } = await client.PUT("/conversations/messages/{messageId}/status", {
      params: { path: { messageId } },
      // @ts-expect-error status is required
      body: {},
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });
});

describe("PUT /conversations/messages/{messageId}/attachments (add-message-attachments)", () => {
  it("sets the message's attachment URLs", async () => {
    const { data, response } = await client.PUT("/conversations/messages/{messageId}/attachments", {
      params: { path: { messageId } },
      body: { attachments: ["https://storage.example.com/recordings/call-1.mp3"] },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("UndocumentedResponseBody", data)).toEqual([]);
  });

  it("rejects more than 5 attachments with a typed 400", async () => {
    const { error, response } = await client.PUT("/conversations/messages/{messageId}/attachments", {
      params: { path: { messageId } },
      body: { attachments: ["a", "b", "c", "d", "e", "f"].map((name) => `https://storage.example.com/${name}`) },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });

  it("gives the typed ForbiddenDTO with Prefer: code=403", async () => {
    const { error, response } = await client.PUT("/conversations/messages/{messageId}/attachments", {
      params: { path: { messageId } },
      body: { attachments: [] },
      headers: { Prefer: "code=403" },
    });
    expect(response.status).toBe(403);
    expect(schemaErrors("ForbiddenDTO", error)).toEqual([]);
  });
});
