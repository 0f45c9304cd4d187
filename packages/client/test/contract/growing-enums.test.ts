// Growing enums: a response with an enum value the vendor adds later still validates against the
// spec (and type-checks), while a request with an unknown enum value is rejected by the mock.
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Schema } from "../../src/index.js";
import { mockClient } from "../support/clients.js";
import { schemaErrors } from "../support/schema.js";

const client = mockClient();

describe("response enums accept values added later", () => {
  it("a message with a new status, TYPE_* name, code and source validates", async () => {
    const { data } = await client.GET("/conversations/messages/{id}", { params: { path: { id: "m1" } } });
    const fromTheFuture: Schema<"GetMessageResponseDto"> = {
      ...data!,
      type: 42,
      messageType: "TYPE_HOLOGRAM",
      status: "carrier_filtered",
      source: "mcp",
    };
    expect(schemaErrors("GetMessageResponseDto", fromTheFuture)).toEqual([]);
  });

  it("a conversation with a new type and conversation code validates", () => {
    expect(
      schemaErrors("ConversationSchema", {
        id: "c",
        contactId: "c",
        locationId: "l",
        lastMessageBody: "hi",
        lastMessageType: "TYPE_HOLOGRAM",
        type: "TYPE_TELEPATHY",
        unreadCount: 0,
        fullName: "A",
        contactName: "A",
        email: "a@b.c",
        phone: "1",
      }),
    ).toEqual([]);
    expect(
      schemaErrors("GetConversationByIdResponse", {
        contactId: "c",
        locationId: "l",
        deleted: false,
        inbox: true,
        type: 7,
        unreadCount: 0,
        id: "c",
      }),
    ).toEqual([]);
  });

  it("the generated types keep the known values and admit new ones", () => {
    expectTypeOf<"delivered">().toMatchTypeOf<NonNullable<Schema<"GetMessageResponseDto">["status"]>>();
    expectTypeOf<"carrier_filtered">().toMatchTypeOf<NonNullable<Schema<"GetMessageResponseDto">["status"]>>();
    expectTypeOf<42>().toMatchTypeOf<Schema<"GetMessageResponseDto">["type"]>();
  });

  it("but a wrong type is still rejected", () => {
    expect(schemaErrors("GetMessageResponseDto", { id: "m", type: "SMS" })).not.toEqual([]);
  });
});

describe("request enums stay closed", () => {
  it("the mock rejects an unknown send-message type with a typed 400", async () => {
    const { error, response } = await client.POST("/conversations/messages", {
      // @ts-expect-error "Pigeon" is not a channel
      body: { type: "Pigeon", contactId: "c1" },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toMatch(/type/);
    expect(error?.statusCode).toBe(400);
  });

  it("the mock rejects an unknown lastMessageType filter", async () => {
    const { response } = await client.GET("/conversations/search", {
      // @ts-expect-error TYPE_HOLOGRAM is not a known message type
      params: { query: { locationId: "l", lastMessageType: "TYPE_HOLOGRAM" } },
    });
    expect(response.status).toBe(400);
  });
});
