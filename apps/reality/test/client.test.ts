// Each fixture through the built client (`@conversations-api/client`, its dist), over a stub
// `fetch`, read as a user reads it: typed fields, the iterators, the error classes. The documented
// shapes read the same, should the vendor ever send them.
import {
  BadRequestError,
  createConversationsClient,
  PermissionError,
  ServerError,
  toDate,
  UnprocessableError,
  type TokenProvider,
} from "@conversations-api/client";
import { describe, expect, it } from "vitest";
import { serving } from "./support/fixtures.js";

const conversationId = "Cv5Qw2ErT9yUi6OpA3sD";
const locationId = "Lc9Wq4ErT7yUi2OpA5sD";

/** The built client over a stub fetch serving `names` in order; retries as a user leaves them (the default). */
function clientServing(...names: string[]) {
  const fetch = serving(...names);
  return { client: createConversationsClient({ token: "reality-token", fetch, backoff: { initialDelayMs: 1 } }), fetch };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const query = (request: Request | undefined) => new URL(request!.url).searchParams;

describe("get-messages", () => {
  it("conversationMessages pages the wrapped pages, newest first, and stops on nextPage: false though the last page has a lastMessageId", async () => {
    const { client, fetch } = clientServing("get-messages.real", "get-messages.real-last-page");
    const messages = await collect(client.conversationMessages(conversationId));
    expect(messages.map((message) => message.id)).toEqual(["Hs3Jd8QpL2mZx6VbN1cT", "Kp4Lm9NbV2cX7zAs1dFg", "Qm7Tz2KcW9aLpR4xN8vB", "Wx2Ec5Rv8Tb1Yn4Um7Ik"]);
    expect(fetch.requests).toHaveLength(2);
    expect(query(fetch.requests[1]).get("lastMessageId")).toBe("Qm7Tz2KcW9aLpR4xN8vB");

    const [sms, call, activity] = messages;
    expect(sms?.body).toBe("Running ten minutes late, sorry!");
    expect(toDate(sms!.dateAdded).toISOString()).toBe("2026-07-17T14:02:11.408Z");
    expect(call?.meta?.call).toEqual({ duration: 47, status: "completed" });
    expect(call?.altId).toBe("CA0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    // An activity message: no contentType, and what it records in `activity`.
    expect(activity?.contentType).toBeUndefined();
    expect(activity?.activity?.title).toBe("Appointment booked");
    expect(activity?.activity?.data?.calendarName).toBe("Fitting room");
    expect([activity?.from, activity?.to]).toEqual(["+15550001122", "+15550003344"]);
  });

  it("GET reads data.messages.messages and traceId; the documented, flat page reads the same", async () => {
    const { client } = clientServing("get-messages.real", "get-messages.documented");
    const real = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId } } });
    expect(real.data?.messages.nextPage).toBe(true);
    expect(real.data?.messages.messages.map((message) => message.messageType)).toEqual(["TYPE_SMS", "TYPE_CALL", "TYPE_ACTIVITY_APPOINTMENT"]);
    expect(real.data?.traceId).toBe("8e5d1c2b-4a3f-4e6d-9c8b-7a6f5e4d3c2b");

    const documented = await client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId } } });
    expect(documented.data?.messages.nextPage).toBe(false);
    expect(documented.data?.messages.messages.map((message) => message.id)).toEqual(["Hs3Jd8QpL2mZx6VbN1cT", "Wx2Ec5Rv8Tb1Yn4Um7Ik"]);
    expect(documented.data?.traceId).toBeUndefined();
  });

  it("conversationMessages reads the documented, flat page too", async () => {
    const { client, fetch } = clientServing("get-messages.documented");
    expect((await collect(client.conversationMessages(conversationId))).map((message) => message.id)).toEqual(["Hs3Jd8QpL2mZx6VbN1cT", "Wx2Ec5Rv8Tb1Yn4Um7Ik"]);
    expect(fetch.requests).toHaveLength(1);
  });
});

describe("get-message and get-email-by-id", () => {
  it("data.message.id, whether the answer is wrapped (the wire) or flat (the documentation)", async () => {
    const { client } = clientServing("get-message.real", "get-message.documented");
    const real = await client.unwrap(client.GET("/conversations/messages/{id}", { params: { path: { id: "Kp4Lm9NbV2cX7zAs1dFg" } } }));
    expect(real.message.id).toBe("Kp4Lm9NbV2cX7zAs1dFg");
    expect(real.message.meta?.call?.duration).toBe(47);
    expect(real.traceId).toBe("2c3d4e5f-6071-4829-93a4-b5c6d7e8f901");
    const documented = await client.unwrap(client.GET("/conversations/messages/{id}", { params: { path: { id: "Hs3Jd8QpL2mZx6VbN1cT" } } }));
    expect(documented.message.id).toBe("Hs3Jd8QpL2mZx6VbN1cT");
    expect(documented.message.body).toBe("Running ten minutes late, sorry!");
  });

  it("data.emailMessage, wrapped or flat", async () => {
    const { client } = clientServing("get-email-by-id.real", "get-email-by-id.documented");
    for (let i = 0; i < 2; i++) {
      const { emailMessage } = await client.unwrap(client.GET("/conversations/messages/email/{id}", { params: { path: { id: "Em6Rt1Yu4Io7Pa2Sd5Fg" } } }));
      expect(emailMessage.subject).toBe("Your fitting on Monday");
      expect(emailMessage.to).toEqual(["dana@example.org"]);
    }
  });
});

describe("get-conversation, search-conversation, update-conversation: one date in three encodings", () => {
  const instant = "2026-07-17T14:02:11.408Z";

  it("get-conversation: lastMessageDate as { seconds, nanoseconds }, lastMessageType a number, no inbox nor unreadCount", async () => {
    const { client } = clientServing("get-conversation.real");
    const conversation = await client.unwrap(client.GET("/conversations/{conversationId}", { params: { path: { conversationId } } }));
    expect(toDate(conversation.lastMessageDate)?.toISOString()).toBe(instant);
    expect(conversation.lastMessageType).toBe(100);
    expect(conversation.unreadCount).toBeUndefined();
    expect(conversation.inbox).toBeUndefined();
    expect(conversation.messageTypes).toEqual([2, 1, 31]);
  });

  it("searchConversations pages with the last item's sort[0] and reads epoch-ms dates, null emails, TYPE_NO_SHOW; the rate-limit headers with the daily reset", async () => {
    const { client, fetch } = clientServing("search-conversation.real", "search-conversation.real-last-page");
    const conversations = await collect(client.searchConversations({ locationId }, { pageSize: 2 }));
    expect(conversations.map((conversation) => conversation.fullName)).toEqual(["Dana Whitfield", "Ravi Menon", "Lena Okafor"]);
    expect(fetch.requests).toHaveLength(2);
    expect(query(fetch.requests[1]).get("startAfterDate")).toBe("1784210400000");

    const [dana, ravi, lena] = conversations;
    expect(toDate(dana?.lastMessageDate)?.toISOString()).toBe(instant);
    expect(toDate(dana?.dateAdded)?.toISOString()).toBe("2026-06-17T14:02:11.408Z");
    expect(dana?.email ?? "no email").toBe("no email");
    expect(lena?.email).toBe("lena@example.com");
    expect(ravi?.lastMessageType).toBe("TYPE_NO_SHOW");
    expect(ravi?.lastMessageBody).toBeUndefined();
    expect(dana?.tags).toEqual(["vip"]);
    expect(client.rateLimit).toMatchObject({ max: 100, intervalMs: 10_000, dailyRemaining: 198_734, dailyResetMs: 41_766_000 });
  });

  it("update-conversation: the same date as an ISO string, lastMessageType a number", async () => {
    const { client } = clientServing("update-conversation.real");
    const { conversation, traceId } = await client.unwrap(
      client.PUT("/conversations/{conversationId}", { params: { path: { conversationId } }, body: { locationId, unreadCount: 0, starred: true } }),
    );
    expect(toDate(conversation.lastMessageDate)?.toISOString()).toBe(instant);
    expect(conversation.lastMessageType).toBe(100);
    expect(traceId).toBe("718293a4-b5c6-4de7-a8f9-011223344556");
  });
});

describe("delete-conversation and send-a-new-message", () => {
  it("delete answers success and traceId", async () => {
    const { client } = clientServing("delete-conversation.real");
    expect(await client.unwrap(client.DELETE("/conversations/{conversationId}", { params: { path: { conversationId } } }))).toEqual({
      success: true,
      traceId: "8293a4b5-c6d7-4ef8-b901-122334455667",
    });
  });

  it("a send answers the ids without a status, and without the daily rate-limit headers", async () => {
    const { client } = clientServing("send-a-new-message.real");
    const { data, rateLimit } = await client.POST("/conversations/messages", { body: { type: "SMS", contactId: "Ct1Fg6HjK3lZx8CvB4nM", message: "See you soon" } });
    expect(data?.messageId).toBe("Nb5Vc8Xz1Lk4Jh7Gf0Ds");
    expect(data?.status).toBeUndefined();
    expect(rateLimit).toMatchObject({ remaining: 96, dailyRemaining: undefined, dailyResetMs: undefined });
  });
});

describe("errors and statuses seen in practice", () => {
  it("a message list: the error class's message joins it, the typed body keeps it", async () => {
    const { client } = clientServing("live-chat-agent-typing.422.real", "live-chat-agent-typing.422.real");
    const body = { locationId, isTyping: true, visitorId: "Vs1Ab2Cd3Ef4Gh5Ij6K", conversationId };
    const failure = await client.unwrap(client.POST("/conversations/providers/live-chat/typing", { body })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnprocessableError);
    expect((failure as UnprocessableError).message).toMatch(/ visitorId must be a string; isTyping must be a boolean value$/);
    const { error } = await client.POST("/conversations/providers/live-chat/typing", { body });
    expect(error?.message).toEqual(["visitorId must be a string", "isTyping must be a boolean value"]);
  });

  it("add-an-inbound-message: a 500 is a ServerError, not sent again (the message may have been added)", async () => {
    const { client, fetch } = clientServing("add-an-inbound-message.500.real");
    const body = { type: "SMS" as const, conversationId, contactId: "Ct1Fg6HjK3lZx8CvB4nM", conversationProviderId: "Pv0Wrong0Provider00X", direction: "inbound" as const, message: "hi" };
    const failure = await client.unwrap(client.POST("/conversations/messages/inbound", { body })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServerError);
    expect((failure as ServerError).message).toMatch(/ Internal server error$/);
    expect(fetch.requests).toHaveLength(1);
  });

  it("add-an-inbound-message: 201 with an empty body gives no data and no error, and says so by its status", async () => {
    const { client } = clientServing("add-an-inbound-message.201.real");
    const body = { type: "Custom" as const, conversationId, contactId: "Ct1Fg6HjK3lZx8CvB4nM", direction: "inbound" as const, message: "hi" };
    // What production answers 201 and drops (a Custom message without its provider) does not compile.
    // @ts-expect-error conversationProviderId is required
    const { data, error, response } = await client.POST("/conversations/messages/inbound", { body });
    expect([data, error, response.status]).toEqual([undefined, undefined, 201]);
  });

  it("upload-file-attachments: a 500 for an unknown conversation, not sent again", async () => {
    const { client, fetch } = clientServing("upload-file-attachments.500.real");
    const failure = await client
      .unwrap(
        client.uploadFiles({
          conversationId: "Cv0Zz9Yy8Xx7Ww6Vv5Uu",
          locationId,
          contactId: "Ct1Fg6HjK3lZx8CvB4nM",
          fileAttachment: new Blob(["%PDF-1.7"], { type: "application/pdf" }),
          fileName: "invoice.pdf",
        }),
      )
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServerError);
    expect((failure as ServerError).message).toContain("Conversation with id Cv0Zz9Yy8Xx7Ww6Vv5Uu not found");
    expect(fetch.requests).toHaveLength(1);
  });

  it("update-message-status: 403 'not downstreamed' is a PermissionError, and no token refresh", async () => {
    const asked: (string | undefined)[] = [];
    const token: TokenProvider = (rejected) => (asked.push(rejected), "reality-token");
    const fetch = serving("update-message-status.403.real");
    const client = createConversationsClient({ token, fetch });
    const failure = await client
      .unwrap(client.PUT("/conversations/messages/{messageId}/status", { params: { path: { messageId: "Nb5Vc8Xz1Lk4Jh7Gf0Ds" } }, body: { status: "delivered" } }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PermissionError);
    expect((failure as PermissionError).message).toContain("downstreamed");
    expect(asked).toEqual([undefined]);
    expect(fetch.requests).toHaveLength(1);
  });

  it("create-conversation: 400 for a conversation that exists, naming the contact", async () => {
    const { client } = clientServing("create-conversation.400.real", "create-conversation.400.real");
    const body = { locationId, contactId: "Ct1Fg6HjK3lZx8CvB4nM" };
    const { error } = await client.POST("/conversations/", { body });
    expect(error?.statusCode).toBe(400);
    expect(error?.message).toBe("Conversation with the contact id Ct1Fg6HjK3lZx8CvB4nM already exists!");
    expect(await client.unwrap(client.POST("/conversations/", { body })).catch((failure: unknown) => failure)).toBeInstanceOf(BadRequestError);
  });
});
