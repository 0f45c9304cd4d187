// What an operation's implementation gets (its validated input, typed from the generated
// `operations`) and gives back (a status and a body, or an error the pipeline turns into the
// spec's error DTO for that status).
import type { operations } from "@conversations-api/types";
import type { Domain } from "../state/domain.js";
import type { ConversationRecord, MessageRecord } from "../state/records.js";

type Part<Id extends keyof operations, Where extends string> = operations[Id]["parameters"] extends { [K in Where]?: infer P }
  ? [P] extends [undefined | never]
    ? Record<string, never>
    : NonNullable<P>
  : Record<string, never>;

type BodyOf<Id extends keyof operations> = [NonNullable<operations[Id]["requestBody"]>] extends [{ content: infer Content }]
  ? Content[keyof Content]
  : undefined;

export interface Input<Id extends keyof operations> {
  path: Part<Id, "path">;
  query: Part<Id, "query">;
  body: BodyOf<Id>;
  /** The files of a multipart body, by field name. */
  files: Record<string, File[]>;
}

export type Answer =
  | { status: number; body: unknown; headers?: Record<string, string>; contentType?: string }
  /** The pipeline answers with the spec's error DTO for `status`, carrying `error` as its message. */
  | { status: number; error: string };

export interface Context {
  domain: Domain;
  /** The location the token belongs to; undefined when the fake accepts any token. */
  location: string | undefined;
}

export type Handler<Id extends keyof operations> = (input: Input<Id>, context: Context) => Answer | Promise<Answer>;
export type Handlers = { [Id in keyof operations]?: Handler<Id> };

export const ok = (body: unknown, status = 200): Answer => ({ status, body });
export const fail = (status: number, error: string): Answer => ({ status, error });

/** Whether the token may see something of `locationId`. */
export const visible = (context: Context, locationId: string) => context.location === undefined || context.location === locationId;

export function findConversation(context: Context, id: string): ConversationRecord | undefined {
  const conversation = context.domain.state.conversations.get(id);
  return conversation && visible(context, conversation.locationId) ? conversation : undefined;
}

export function findMessage(context: Context, id: string): MessageRecord | undefined {
  const message = context.domain.state.messages.get(id);
  return message && visible(context, message.locationId) ? message : undefined;
}
