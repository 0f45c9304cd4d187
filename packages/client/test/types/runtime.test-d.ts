// Type tests for the runtime: call options, unwrap, iterators, uploads and downloads.
import { readFile } from "node:fs/promises";
import { describe, expectTypeOf, it } from "vitest";
import {
  createConversationsClient,
  FetchRefusedError,
  parseRateLimit,
  RateLimitError,
  toDate,
  TimeoutError,
  type Conversation,
  type ApiDate,
  type ConversationsError,
  type ExportedMessage,
  type Message,
  type RateLimit,
  type Schema,
  type TokenProvider,
  type Transport,
} from "../../src/index.js";

const client = createConversationsClient({ token: async () => "t", timeout: 10_000, maxRetries: 3 });

describe("runtime types", () => {
  it("accepts timeout, maxRetries and signal on any call, and nothing mistyped", () => {
    void client.GET("/conversations/search", {
      params: { query: { locationId: "l" } },
      timeout: 5_000,
      maxRetries: 0,
      signal: AbortSignal.timeout(1),
    });
    // @ts-expect-error timeout is a number of milliseconds
    void client.GET("/conversations/search", { params: { query: { locationId: "l" } }, timeout: "5s" });
    // @ts-expect-error the token is a string or a function returning one
    createConversationsClient({ token: 42 });
  });

  it("refuses misspelt per-call options", () => {
    const params = { query: { locationId: "l" } };
    // @ts-expect-error maxRetries, not maxRetrys
    void client.GET("/conversations/search", { params, maxRetrys: 1 });
    // @ts-expect-error timeout, not timeot
    void client.GET("/conversations/search", { params, timeot: 1_000 });
    // @ts-expect-error on an operation whose init is optional too
    void client.DELETE("/conversations/{conversationId}", { params: { path: { conversationId: "c" } }, timeot: 1 });
    // @ts-expect-error on the iterators
    void client.searchConversations({ locationId: "l" }, { pageSize: 10, maxRetrys: 1 });
    // @ts-expect-error on uploads
    void client.uploadFiles({ conversationId: "c", contactId: "c", locationId: "l", fileAttachment: Buffer.from("x") }, { timeot: 1 });
    // RequestInit's own fields and openapi-fetch's options still compile.
    void client.GET("/conversations/search", { params, cache: "no-store", keepalive: true, parseAs: "json", headers: { "X-Trace": "1" } });
    void client.POST("/conversations/", { body: { locationId: "l", contactId: "c" }, timeout: 1, maxRetries: 0, signal: null });
  });

  it("unwrap gives the success body", async () => {
    const data = await client.unwrap(client.GET("/conversations/search", { params: { query: { locationId: "l" } } }));
    expectTypeOf(data).toEqualTypeOf<Schema<"SendConversationResponseDto">>();
  });

  it("results carry the rate-limit state, and errors read like the API's error bodies", async () => {
    const { error, rateLimit } = await client.GET("/conversations/search", { params: { query: { locationId: "l" } } });
    expectTypeOf(rateLimit).toEqualTypeOf<RateLimit | undefined>();
    if (error) expectTypeOf(error.statusCode).toEqualTypeOf<number | undefined>();
    expectTypeOf<ConversationsError["status"]>().toEqualTypeOf<number | undefined>();
  });

  it("iterators yield the spec's item types", () => {
    expectTypeOf(client.searchConversations({ locationId: "l" })).toEqualTypeOf<AsyncGenerator<Conversation, void>>();
    expectTypeOf<Conversation>().toEqualTypeOf<Schema<"ConversationSchema">>();
    expectTypeOf<Message>().toEqualTypeOf<Schema<"GetMessageResponseDto">>();
    expectTypeOf<ExportedMessage>().toEqualTypeOf<Schema<"GetMessageResponseDto">>();
    // @ts-expect-error locationId is required by the search
    void client.searchConversations({});
    // @ts-expect-error the page size is an option, not part of the query
    void client.exportMessages({ locationId: "l", limit: 10 });
  });

  it("types the upload fields and the file", () => {
    const fields = { conversationId: "c", contactId: "c", locationId: "l" };
    void client.uploadFiles({ ...fields, fileAttachment: Buffer.from("x") });
    void client.uploadFiles({ ...fields, fileAttachment: new File(["x"], "x.txt") });
    // @ts-expect-error the file is bytes, a Blob or a File, not a string
    void client.uploadFiles({ ...fields, fileAttachment: "x" });
    // @ts-expect-error conversationId is required
    void client.uploadFiles({ contactId: "c", locationId: "l", fileAttachment: Buffer.from("x") });
  });

  it("types downloads by parseAs", async () => {
    const params = { path: { messageId: "m", locationId: "l" } };
    const recording = await client.GET("/conversations/messages/{messageId}/locations/{locationId}/recording", {
      params,
      parseAs: "arrayBuffer",
    });
    expectTypeOf(recording.data).toEqualTypeOf<ArrayBuffer | undefined>();
    const transcription = await client.GET(
      "/conversations/locations/{locationId}/messages/{messageId}/transcription/download",
      { params, parseAs: "text" },
    );
    expectTypeOf(transcription.data).toEqualTypeOf<string | undefined>();
  });

  it("compiles the README's 'Using the client' example", async () => {
    const readmeClient = createConversationsClient({ token: process.env.HIGHLEVEL_TOKEN! });
    const { data, error } = await readmeClient.GET("/conversations/search", {
      params: { query: { locationId: "ABCHkzuJQ8ZMd4Te84GK", status: "unread" } },
    });
    if (error) console.error(error.statusCode, error.message);
    else for (const conversation of data.conversations) console.log(conversation.fullName, conversation.unreadCount);
  });

  it("takes a fetch of one's own, called with the request and the attempt's signal", () => {
    createConversationsClient({ token: "t", fetch: (request, init) => fetch(request, init) });
    createConversationsClient({ token: "t", fetch: globalThis.fetch });
    expectTypeOf<Parameters<Transport>[1]["signal"]>().toEqualTypeOf<AbortSignal>();
    // A refusal of its own (`retryable: false`) comes back as a FetchRefusedError, a ConversationsError.
    expectTypeOf<FetchRefusedError>().toMatchTypeOf<ConversationsError>();
  });

  it("gives a token provider the refused token, and takes a provider that ignores it", () => {
    expectTypeOf<Parameters<TokenProvider>>().toEqualTypeOf<[rejected?: string]>();
    createConversationsClient({ token: (rejected) => (expectTypeOf(rejected).toEqualTypeOf<string | undefined>(), "t") });
    createConversationsClient({ token: () => "t" });
    createConversationsClient({ token: async () => "t" });
    // @ts-expect-error a provider returns a token, not an object
    createConversationsClient({ token: () => ({ token: "t" }) });
  });

  it("exports parseRateLimit, which reads the rate-limit headers into a RateLimit", () => {
    expectTypeOf(parseRateLimit).toEqualTypeOf<(headers: Headers, now?: number) => RateLimit | undefined>();
    expectTypeOf<RateLimit["dailyResetMs"]>().toEqualTypeOf<number | undefined>();
  });

  it("reads the real answers: wrapped get-message and get-messages, traceId, toDate on any lastMessageDate", async () => {
    const { message, traceId } = await client.unwrap(client.GET("/conversations/messages/{id}", { params: { path: { id: "m" } } }));
    expectTypeOf(message).toEqualTypeOf<Schema<"GetMessageResponseDto">>();
    expectTypeOf(traceId).toEqualTypeOf<string | undefined>();
    const page = await client.unwrap(client.GET("/conversations/{conversationId}/messages", { params: { path: { conversationId: "c" } } }));
    expectTypeOf(page.messages.messages).toEqualTypeOf<Message[]>();
    const conversation = await client.unwrap(client.GET("/conversations/{conversationId}", { params: { path: { conversationId: "c" } } }));
    expectTypeOf(conversation.lastMessageDate).toEqualTypeOf<Schema<"LastMessageDate"> | undefined>();
    expectTypeOf(toDate(conversation.lastMessageDate)).toEqualTypeOf<Date | undefined>();
    expectTypeOf(toDate({ seconds: 1, nanoseconds: 0 })).toEqualTypeOf<Date>();
    expectTypeOf<Schema<"LastMessageDate">>().toMatchTypeOf<ApiDate>();
    // @ts-expect-error get-message's answer is wrapped: there is no flat id
    void (await client.unwrap(client.GET("/conversations/messages/{id}", { params: { path: { id: "m" } } }))).id;
  });

  it("compiles the README's runtime examples", async () => {
    const vault = { cachedToken: (rejected?: string): string | Promise<string> => (rejected ? Promise.resolve("new") : "cached") };
    const [locationId, contactId, conversationId, messageId] = ["l", "c", "conv", "m"];
    const save = (message: ExportedMessage) => message.id;
    const client = createConversationsClient({
      token: (rejected) => vault.cachedToken(rejected),
      timeout: 10_000,
      maxRetries: 3,
      backoff: { initialDelayMs: 500, maxDelayMs: 30_000 },
      logger: console,
    });
    await client.GET("/conversations/{conversationId}", {
      params: { path: { conversationId } },
      timeout: 2_000,
      signal: AbortSignal.timeout(5_000),
    });
    try {
      const { conversation } = await client.unwrap(client.POST("/conversations/", { body: { locationId, contactId } }));
      expectTypeOf(conversation).toEqualTypeOf<Schema<"ConversationCreateResponseDto">>();
    } catch (error) {
      if (error instanceof RateLimitError) console.log("try again at", error.resetAt);
      else if (error instanceof TimeoutError) console.log(error.method, error.url, "timed out after", error.attempts, "attempts");
      else throw error;
    }
    for await (const conversation of client.searchConversations({ locationId, status: "unread" }, { pageSize: 50 })) {
      console.log(conversation.fullName);
    }
    for await (const message of client.conversationMessages(conversationId)) console.log(message.body);
    for await (const message of client.exportMessages({ locationId, channel: "SMS" }, { pageSize: 500 })) save(message);
    const { data } = await client.uploadFiles({
      conversationId, contactId, locationId,
      fileAttachment: await readFile("photo.png"),
      fileName: "photo.png",
    });
    expectTypeOf(data).toEqualTypeOf<Schema<"UploadFilesResponseDto"> | undefined>();
  });
});
