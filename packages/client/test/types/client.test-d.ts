// Type tests: each `@ts-expect-error` proves that a wrong call does not compile.
import { assertType, describe, expectTypeOf, it } from "vitest";
import { createConversationsClient, type ConversationsError, type Schema } from "../../src/index.js";

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
