// Growing enums: a response with an enum value the vendor adds later still validates against the
// spec (and type-checks), while a request with an unknown enum value is rejected (by the mock and
// the fake alike). The calls use the spec's example ids, which both answer for.
import { schemaErrors } from "@test/support";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createConversationsClient, type Schema } from "../../src/index.js";
import { backendUrl } from "../support/backend.js";
import { contractClient } from "../support/clients.js";

const client = contractClient();
const example = { messageId: "ve9EPM428h8vShlRW1KT", conversationId: "tDtDnQdgm2LXpyiqYvZ6", locationId: "ABCHkzuJQ8ZMd4Te84GK" };

/**
 * A client whose fetch passes each request to the server and rewrites its JSON answer with
 * `change`, as the vendor's API would answer once it has grown a value the spec does not list yet.
 */
function clientAnswering(change: (body: unknown) => void) {
  return createConversationsClient({
    token: "test-token",
    baseUrl: backendUrl(),
    maxRetries: 0,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const answer = await fetch(new Request(input, init));
      const body = await answer.json();
      change(body);
      return new Response(JSON.stringify(body), { status: answer.status, headers: { "Content-Type": "application/json" } });
    },
  });
}

describe("response enums accept values added later", () => {
  it("a message with a new status, TYPE_* name, code and source validates", async () => {
    const { data } = await client.GET("/conversations/messages/{id}", { params: { path: { id: example.messageId } } });
    const fromTheFuture: Schema<"GetMessageResponseDto"> = {
      ...data!.message,
      type: 42,
      messageType: "TYPE_HOLOGRAM",
      status: "carrier_filtered",
      source: "mcp",
    };
    expect(schemaErrors("GetMessageResponseDto", fromTheFuture)).toEqual([]);
  });

  it("a search answer with a new conversation type and message type comes back as data, and validates", async () => {
    const { data, error } = await clientAnswering((body: any) => {
      body.conversations[0].type = "TYPE_TELEPATHY";
      body.conversations[0].lastMessageType = "TYPE_HOLOGRAM";
    }).GET("/conversations/search", { params: { query: { locationId: example.locationId } } });
    expect(error).toBeUndefined();
    const conversation = data!.conversations[0]!;
    expect(conversation.type).toBe("TYPE_TELEPATHY");
    expect(conversation.lastMessageType).toBe("TYPE_HOLOGRAM");
    expect(schemaErrors("SendConversationResponseDto", data)).toEqual([]);
  });

  it("a conversation with a new conversation code comes back as data, and validates", async () => {
    const { data, error } = await clientAnswering((body: any) => {
      body.type = 7;
    }).GET("/conversations/{conversationId}", { params: { path: { conversationId: example.conversationId } } });
    expect(error).toBeUndefined();
    expect(data?.type).toBe(7);
    expect(schemaErrors("GetConversationByIdResponse", data)).toEqual([]);
  });

  it("the generated types keep the known values and admit new ones", () => {
    expectTypeOf<"delivered">().toMatchTypeOf<NonNullable<Schema<"GetMessageResponseDto">["status"]>>();
    expectTypeOf<"carrier_filtered">().toMatchTypeOf<NonNullable<Schema<"GetMessageResponseDto">["status"]>>();
    expectTypeOf<42>().toMatchTypeOf<Schema<"GetMessageResponseDto">["type"]>();
  });

  it("but an answer with a wrong type (a name where a code belongs) does not validate", async () => {
    const { data } = await clientAnswering((body: any) => {
      body.message.type = "SMS";
    }).GET("/conversations/messages/{id}", { params: { path: { id: example.messageId } } });
    expect(data?.message.type).toBe("SMS");
    expect(schemaErrors("GetMessageResponse", data)).not.toEqual([]);
  });
});

describe("request enums stay closed", () => {
  it("an unknown send-message type is a typed 400", async () => {
    const { error, response } = await client.POST("/conversations/messages", {
      // @ts-expect-error "Pigeon" is not a channel
      body: { type: "Pigeon", contactId: "c1" },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toMatch(/type/);
    expect(error?.statusCode).toBe(400);
  });

  it("an unknown lastMessageType filter is a 400", async () => {
    const { response } = await client.GET("/conversations/search", {
      // @ts-expect-error TYPE_HOLOGRAM is not a known message type
      params: { query: { locationId: "l", lastMessageType: "TYPE_HOLOGRAM" } },
    });
    expect(response.status).toBe(400);
  });
});
