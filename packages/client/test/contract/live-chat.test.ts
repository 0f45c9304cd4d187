// Live chat: the agent typing indicator. `isTyping` is a JSON boolean (the vendor declares a string).
import { schemaErrors } from "@test/support";
import { describe, expect, it } from "vitest";
import { contractClient } from "../support/clients.js";

const client = contractClient();
const body = {
  locationId: "ve9EPM428h8vShlRW1KT",
  isTyping: true,
  visitorId: "new-visitor-9f2a",
  conversationId: "tDtDnQdgm2LXpyiqYvZ6",
};

describe("POST /conversations/providers/live-chat/typing (live-chat-agent-typing)", () => {
  it("answers 201 with success", async () => {
    const { data, response } = await client.POST("/conversations/providers/live-chat/typing", { body });
    expect(response.status).toBe(201);
    expect(schemaErrors("CreateLiveChatMessageFeedbackResponse", data)).toEqual([]);
    expect(data?.success).toBe(true);
  });

  it("surfaces a body without visitorId as the typed 422 UnprocessableDTO", async () => {
    const { visitorId: _omitted, ...withoutVisitor } = body;
    const { data, error, response } = await client.POST("/conversations/providers/live-chat/typing", {
      // @ts-expect-error visitorId is required
      body: withoutVisitor,
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(422);
    expect(schemaErrors("UnprocessableDTO", error)).toEqual([]);
    expect(Array.isArray(error && "message" in error ? error.message : undefined)).toBe(true);
  });

  it("rejects isTyping as a string", async () => {
    const { response } = await client.POST("/conversations/providers/live-chat/typing", {
      // @ts-expect-error isTyping is a boolean
      body: { ...body, isTyping: "true" },
    });
    expect(response.status).toBe(422);
  });
});
