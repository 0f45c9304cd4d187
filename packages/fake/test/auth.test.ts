// Auth: a token per location. Without configured tokens any bearer token is accepted; with them a
// missing or unknown token gets 401, another location's data is out of reach, and a token that
// lists scopes can only call the operations those scopes allow.
import { describe, expect, it } from "vitest";
import { createFake } from "../src/index.js";
import { specCheckedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";

const fixtures = {
  conversations: [
    { id: "convNorth00000000001", locationId: "north", contactId: "c1" },
    { id: "convSouth00000000001", locationId: "south", contactId: "c2" },
  ],
};
const fake = createFake({
  rateLimit: false,
  fixtures,
  tokens: {
    "north-token": { locationId: "north" },
    "south-reader": { locationId: "south", scopes: ["conversations.readonly"] },
  },
});
const fetch = specCheckedFetch(() => fake);
const as = (token: string) => clientOf(fetch, { token });

describe("tokens", () => {
  it("a missing or unknown token gets the UnauthorizedDTO with 401", async () => {
    for (const token of ["", "who-knows"]) {
      const { error, response } = await as(token).GET("/conversations/{conversationId}", { params: { path: { conversationId: "convNorth00000000001" } } });
      expect(response.status).toBe(401);
      expect(error).toEqual({ statusCode: 401, message: "Invalid token: access token is invalid", error: "Unauthorized", traceId: expect.any(String) });
    }
  });

  it("a token reaches its own location's data", async () => {
    const { data } = await as("north-token").GET("/conversations/{conversationId}", { params: { path: { conversationId: "convNorth00000000001" } } });
    expect(data?.locationId).toBe("north");
  });

  it("another location's conversation is not found, and naming another location is refused", async () => {
    const other = await as("north-token").GET("/conversations/{conversationId}", { params: { path: { conversationId: "convSouth00000000001" } } });
    expect(other.response.status).toBe(404);
    const search = await as("north-token").GET("/conversations/search", { params: { query: { locationId: "south" } } });
    expect(search.response.status).toBe(401);
    expect(search.error?.message).toBe("The token does not have access to this location");
    // create-custom-subtype documents 403, so there the refusal is a 403.
    const subtype = await as("north-token").POST("/conversations/preferences/custom-subtypes", {
      params: { query: { locationId: "south" } },
      body: { name: "News", channel: "email", language: "en" },
    });
    expect(subtype.response.status).toBe(403);
  });

  it("a send goes to a conversation in the token's location", async () => {
    const sent = await as("north-token").POST("/conversations/messages", { body: { type: "SMS", contactId: "new-contact", message: "hello" } });
    const conversation = await as("north-token").GET("/conversations/{conversationId}", { params: { path: { conversationId: sent.data!.conversationId } } });
    expect(conversation.data).toMatchObject({ locationId: "north", contactId: "new-contact" });
  });
});

describe("scopes", () => {
  it("a token limited to conversations.readonly may search but not update or read messages", async () => {
    const reader = as("south-reader");
    expect((await reader.GET("/conversations/search", { params: { query: { locationId: "south" } } })).response.status).toBe(200);
    const update = await reader.PUT("/conversations/{conversationId}", { params: { path: { conversationId: "convSouth00000000001" } }, body: { locationId: "south", starred: true } });
    expect(update.response.status).toBe(401);
    expect(update.error?.message).toBe("The token is not authorized for this scope: needs conversations.write");
    const messages = await reader.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId: "convSouth00000000001" } } });
    expect(messages.response.status).toBe(401);
  });
});

describe("without configured tokens", () => {
  it("any bearer token is accepted, and a missing one is still a 401", async () => {
    const open = createFake({ rateLimit: false, fixtures });
    const client = clientOf(open.fetch, { token: "anything-at-all" });
    expect((await client.GET("/conversations/{conversationId}", { params: { path: { conversationId: "convSouth00000000001" } } })).response.status).toBe(200);
    expect((await clientOf(open.fetch, { token: "" }).GET("/conversations/search", { params: { query: { locationId: "x" } } })).response.status).toBe(401);
  });
});
