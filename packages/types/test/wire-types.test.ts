// The generated types read the API as it answers (spec/DEVIATIONS.md, "The wire"). Checked by the
// compiler (`pnpm check-types` type-checks test/); at run time, the bundled spec they came from.
import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { paths, Schema } from "../src/index.js";

type Ok<Path extends keyof paths, Method extends "get"> = paths[Path][Method] extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

describe("the wire's types", () => {
  it("get-messages: the page is under `messages`, beside an optional traceId", () => {
    type Body = Ok<"/conversations/{conversationId}/messages", "get">;
    expectTypeOf<Body["messages"]["messages"][number]>().toEqualTypeOf<Schema<"GetMessageResponseDto">>();
    expectTypeOf<Body["messages"]["nextPage"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Body["traceId"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error the documented flat page is not what the API sends
    expectTypeOf<Body["lastMessageId"]>().toBeString();
  });

  it("get-message and get-email-by-id: under `message` and `emailMessage`", () => {
    expectTypeOf<Ok<"/conversations/messages/{id}", "get">["message"]["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Ok<"/conversations/messages/email/{id}", "get">["emailMessage"]["threadId"]>().toEqualTypeOf<string>();
  });

  it("values encoded several ways are unions of every encoding seen", () => {
    expectTypeOf<Schema<"LastMessageDate">>().toEqualTypeOf<number | { seconds: number; nanoseconds: number } | string>();
    expectTypeOf<100>().toMatchTypeOf<Schema<"LastMessageType">>();
    expectTypeOf<"TYPE_NO_SHOW">().toMatchTypeOf<Schema<"LastMessageType">>();
    expectTypeOf<Schema<"ErrorMessage">>().toEqualTypeOf<string | string[]>();
    expectTypeOf<Schema<"ConversationSchema">["email"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Schema<"GetMessageResponseDto">["contentType"]>().toEqualTypeOf<string | undefined>();
  });

  it("come from the bundled spec those types were generated from", () => {
    const spec = JSON.parse(readFileSync(new URL("../openapi.json", import.meta.url), "utf8"));
    const ok = spec.paths["/conversations/{conversationId}/messages"].get.responses["200"].content["application/json"].schema;
    expect(ok.$ref).toBe("#/components/schemas/GetMessagesResponse");
  });
});
