// Type tests: each `@ts-expect-error` proves that a wrong call does not compile.
import { assertType, describe, expectTypeOf, it } from "vitest";
import {
  API_VERSION,
  createConversationsClient,
  type ApiVersion,
  type ConversationsError,
  type Schema,
} from "../../src/index.js";

const client = createConversationsClient({ token: "t" });

describe("client types", () => {
  it("types the success body of each operation", async () => {
    const { data } = await client.GET("/conversations/search", { params: { query: { locationId: "l" } } });
    expectTypeOf(data).toEqualTypeOf<Schema<"SendConversationResponseDto"> | undefined>();
  });

  it("types the error body, or a ConversationsError when there is no typed body", async () => {
    const { error } = await client.GET("/conversations/{conversationId}", {
      params: { path: { conversationId: "c" } },
    });
    expectTypeOf(error).toEqualTypeOf<
      | Schema<"BadRequestDTO">
      | Schema<"UnauthorizedDTO">
      | Schema<"NotFoundDTO">
      | Schema<"TooManyRequestsDTO">
      | ConversationsError
      | undefined
    >();
  });

  it("never asks the caller for the Version header", () => {
    assertType(client.DELETE("/conversations/{conversationId}", { params: { path: { conversationId: "c" } } }));
  });

  it("rejects wrong calls", () => {
    // @ts-expect-error unknown path
    void client.GET("/conversations/unknown");
    // @ts-expect-error locationId is required
    void client.GET("/conversations/search", { params: { query: {} } });
    // @ts-expect-error conversationId path parameter is required
    void client.GET("/conversations/{conversationId}", {});
    // @ts-expect-error contactId is required in the create body
    void client.POST("/conversations/", { body: { locationId: "l" } });
    // @ts-expect-error a wrongly named field (contactID) is not accepted
    void client.POST("/conversations/", { body: { locationId: "l", contactID: "c" } });
    // @ts-expect-error search is GET only
    void client.POST("/conversations/search", {});
    // @ts-expect-error a token is required
    createConversationsClient({});
  });
});

// Response enums are open (spec/DEVIATIONS.md, growing-enums): the generated type is
// `"A" | "B" | string`. The `(string & {})` trick that would keep the literals visible does not
// survive openapi-fetch's `Readable<>` mapping, so the types stay plain.
describe("growing enums in responses", () => {
  it("accept a value the vendor adds later", () => {
    assertType<Schema<"ConversationSchema">["type"]>("TYPE_ADDED_NEXT_YEAR");
    assertType<Schema<"GetMessageResponseDto">["type"]>(99);
  });

  it("stay closed in requests", () => {
    // @ts-expect-error a request enum accepts only the known values
    assertType<NonNullable<Schema<"SendMessageBodyDto">["type"]>>("CARRIER_PIGEON");
  });
});

// API versions (spec/openapi.yaml: each operation's Version values; the types of each version come
// from its view of the description). The client's `apiVersion` picks the types of the operations
// that accept several; a call may pick its own among those its operation accepts.
describe("API versions", () => {
  const v3 = createConversationsClient({ token: "t", apiVersion: "v3" });
  const path = { conversationId: "c" };

  it("defaults to 2021-04-15, where feedback is an object", () => {
    expectTypeOf(client.apiVersion).toEqualTypeOf<"2021-04-15">();
    assertType(client.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId: "l", feedback: {} } }));
    // @ts-expect-error 2021-04-15 takes an object, not "positive"
    void client.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId: "l", feedback: "positive" } });
  });

  it("types v3's feedback as positive | negative", () => {
    expectTypeOf(v3.apiVersion).toEqualTypeOf<"v3">();
    assertType(v3.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId: "l", feedback: "positive" } }));
    // @ts-expect-error v3 takes "positive" or "negative", not an object
    void v3.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId: "l", feedback: {} } });
    // @ts-expect-error nor another string
    void v3.PUT("/conversations/{conversationId}", { params: { path }, body: { locationId: "l", feedback: "meh" } });
  });

  it("lets a call pick its own version, typed as that version", () => {
    assertType(
      client.PUT("/conversations/{conversationId}", {
        params: { path },
        body: { locationId: "l", feedback: "positive" },
        apiVersion: "v3",
      }),
    );
    void v3.PUT("/conversations/{conversationId}", {
      params: { path },
      // @ts-expect-error the call picked 2021-04-15, where feedback is an object
      body: { locationId: "l", feedback: "positive" },
      apiVersion: "2021-04-15",
    });
  });

  it("calls an operation of one version from a client of the other, typed as that operation's version", async () => {
    assertType(v3.GET("/conversations/preferences/custom-subtypes", { params: { query: { locationId: "l" } } }));
    const { data } = await client.PUT("/conversations/messages/email/{id}/status", {
      params: { path: { id: "e" } },
      body: { status: "delivered", events: { delivered: 1, permanent_fail: 0 } },
    });
    expectTypeOf(data).toEqualTypeOf<Schema<"UpdateEmailMessageStatusResponseDto"> | undefined>();
  });

  it("does not compile a version the operation does not accept", () => {
    // @ts-expect-error the preference operations are 2021-04-15 only
    void v3.GET("/conversations/preferences/custom-subtypes", { params: { query: { locationId: "l" } }, apiVersion: "v3" });
    void client.PUT("/conversations/messages/email/{id}/status", {
      params: { path: { id: "e" } },
      body: { status: "delivered" },
      // @ts-expect-error update-email-message-status is v3 only
      apiVersion: "2021-04-15",
    });
    // @ts-expect-error not a version of the spec
    void client.GET("/conversations/search", { params: { query: { locationId: "l" } }, apiVersion: "v4" });
    // @ts-expect-error not a version of the spec
    createConversationsClient({ token: "t", apiVersion: "v4" });
  });

  it("derives the default from the generated versions", () => {
    expectTypeOf<typeof API_VERSION>().toEqualTypeOf<"2021-04-15">();
    assertType<ApiVersion>(API_VERSION);
  });
});
