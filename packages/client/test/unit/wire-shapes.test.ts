// The three answers the API wraps where the vendor documents them flat (get-messages, get-message,
// get-email-by-id): the client hands out the wire's shape, which the types describe, whichever of
// the two arrives, so that `data.message.id` keeps working should the vendor ever send the flat one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversationsClient } from "../../src/index.js";
import { json, message, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const client = () => createConversationsClient({ token: "t0ken", baseUrl: server.url, maxRetries: 0 });
const traceId = "3f2e1d0c-b9a8-4766-8554-433221100fed";

describe("get-message", () => {
  it("the wire's { message, traceId } comes as it is", async () => {
    server.script(json(200, { message: message("m1"), traceId }));
    const { data } = await client().GET("/conversations/messages/{id}", { params: { path: { id: "m1" } } });
    expect(data).toEqual({ message: message("m1"), traceId });
  });

  it("a documented, flat message is wrapped as the wire does", async () => {
    server.script(json(200, message("m1")));
    const { data } = await client().GET("/conversations/messages/{id}", { params: { path: { id: "m1" } } });
    expect(data?.message.id).toBe("m1");
    expect(data).toEqual({ message: message("m1") });
  });
});

describe("get-email-by-id", () => {
  const email = { id: "e1", threadId: "e1", body: "<p>Hi</p>", direction: "outbound", to: ["ada@example.com"] };

  it("reads { emailMessage } and a documented, flat email alike", async () => {
    server.script(json(200, { emailMessage: email, traceId }), json(200, email));
    for (let i = 0; i < 2; i++) {
      const { data } = await client().GET("/conversations/messages/email/{id}", { params: { path: { id: "e1" } } });
      expect(data?.emailMessage).toEqual(email);
    }
  });
});

describe("get-messages", () => {
  it("a documented, flat page is wrapped in messages as the wire does", async () => {
    const page = { lastMessageId: "m1", nextPage: false, messages: [message("m1")] };
    server.script(json(200, page), json(200, { messages: page, traceId }));
    for (let i = 0; i < 2; i++) {
      const { data } = await client().GET("/conversations/{conversationId}/messages", { params: { path: { conversationId: "c1" } } });
      expect(data?.messages).toEqual(page);
    }
  });
});

describe("other operations", () => {
  it("are left as they are, whatever their keys", async () => {
    const body = { success: true, conversation: { id: "c1", locationId: "l", contactId: "ct", deleted: false }, traceId };
    server.script(json(200, body));
    const { data } = await client().GET("/conversations/{conversationId}", { params: { path: { conversationId: "c1" } } });
    expect(data).toEqual(body);
  });
});
