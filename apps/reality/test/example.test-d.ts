// The types of the example: the wire's shapes, as the client gives them. What the documentation
// describes and the wire does not send (a flat get-message, get-messages' page at the top) does not
// compile, and every `lastMessageDate` is one of the encodings toDate reads.
import { createConversationsClient, toDate, type ApiDate } from "@conversations-api/client";
import { describe, expectTypeOf, it } from "vitest";

const client = createConversationsClient({ token: "t" });
type DataOf<T> = NonNullable<Awaited<T> extends { data?: infer D } ? D : never>;
type Conversation = DataOf<ReturnType<typeof client.GET<"/conversations/{conversationId}">>>;
declare const conversation: Conversation;

describe("the real shapes, in the types", () => {
  it("get-messages: the page under messages, traceId beside it", () => {
    type Page = DataOf<ReturnType<typeof client.GET<"/conversations/{conversationId}/messages">>>;
    expectTypeOf<Page["messages"]["messages"][number]["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Page["messages"]["nextPage"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Page["traceId"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error the page is not at the top: `nextPage` is under `messages`
    expectTypeOf<Page["nextPage"]>();
  });

  it("get-message: the message under message", () => {
    type One = DataOf<ReturnType<typeof client.GET<"/conversations/messages/{id}">>>;
    expectTypeOf<One["message"]["id"]>().toEqualTypeOf<string>();
    // @ts-expect-error there is no flat `id`: the wire wraps the message
    expectTypeOf<One["id"]>();
  });

  it("lastMessageDate is typed as the encodings the API sends, in every answer that carries it, and toDate reads each", () => {
    type Found = DataOf<ReturnType<typeof client.GET<"/conversations/search">>>["conversations"][number];
    type Updated = DataOf<ReturnType<typeof client.PUT<"/conversations/{conversationId}">>>["conversation"];
    expectTypeOf<Conversation["lastMessageDate"]>().not.toBeUnknown();
    expectTypeOf<NonNullable<Conversation["lastMessageDate"]>>().toMatchTypeOf<ApiDate>();
    expectTypeOf<NonNullable<Found["lastMessageDate"]>>().toMatchTypeOf<ApiDate>();
    expectTypeOf<NonNullable<Updated["lastMessageDate"]>>().toMatchTypeOf<ApiDate>();
    expectTypeOf(toDate(conversation.lastMessageDate)).toEqualTypeOf<Date | undefined>();
    if (conversation.lastMessageDate !== undefined) expectTypeOf(toDate(conversation.lastMessageDate)).toEqualTypeOf<Date>();
    expectTypeOf(toDate(1_784_296_931_408)).toEqualTypeOf<Date>();
    expectTypeOf(toDate({ seconds: 1_784_296_931, nanoseconds: 408_000_000 })).toEqualTypeOf<Date>();
    expectTypeOf(toDate("2026-07-17T14:02:11.408Z")).toEqualTypeOf<Date>();
    expectTypeOf(toDate(undefined)).toEqualTypeOf<Date | undefined>();
  });
});
