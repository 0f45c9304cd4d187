// Records as the spec's DTOs (and as webhook payload fields). Typed with the generated types, so
// a field the spec renames or removes stops this file compiling.
import type { Schema } from "@conversations-api/types";
import type { EventFields } from "../events.js";
import { conversationTypeName, isEmailType, messageTypeCode, webhookChannel } from "./channels.js";
import type { ContactRecord, ConversationRecord, EmailRecord, MessageRecord, State } from "./records.js";
import { deliveredMessageFields, isCustomProviderMessage } from "../webhooks/delivered-fields.js";

export const iso = (ms: number) => new Date(ms).toISOString();

/** Epoch ms of the conversation's latest message, or of its creation when it has none. */
export const lastActivity = (conversation: ConversationRecord) => conversation.lastMessage?.dateAdded ?? conversation.dateAdded;

/**
 * The numeric codes of the message types a conversation holds, as search and get-conversation send
 * them (`messageTypes`).
 */
export function messageTypeCodes(state: State, conversationId: string): number[] {
  const codes = new Set<number>();
  for (const id of state.conversationMessages.get(conversationId) ?? []) codes.add(messageTypeCode(state.messages.get(id)!.messageType));
  return [...codes];
}

/** `{ seconds, nanoseconds }`, the encoding get-conversation sends `lastMessageDate` in. */
const timestamp = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanoseconds: (ms % 1000) * 1_000_000 });

/**
 * A search item as the API sends it: dates as epoch ms, `lastMessageBody` left out when there is
 * none, `email` and `phone` null when the contact has none, the fields the vendor does not document
 * (`sort`, `tags`, `followers`, ...). `sort[0]` is the epoch ms of the sort, as in production; the
 * fake adds a tie-breaker as `sort[1]`, so that paging with the whole `sort` loses nothing when two
 * conversations share a millisecond.
 */
export function toSearchDocument(
  conversation: ConversationRecord,
  contact: ContactRecord | undefined,
  sort: number[],
  messageTypes: number[],
): Schema<"ConversationSchema"> {
  const last = conversation.lastMessage;
  return {
    id: conversation.id,
    contactId: conversation.contactId,
    locationId: conversation.locationId,
    ...(last?.body ? { lastMessageBody: last.body } : {}),
    lastMessageType: last?.messageType ?? "",
    ...(last ? { lastMessageDirection: last.direction } : {}),
    lastMessageDate: lastActivity(conversation),
    type: conversationTypeName(conversation.type),
    unreadCount: conversation.unreadCount,
    inbox: conversation.inbox,
    fullName: contact?.fullName ?? "",
    contactName: contact?.contactName ?? "",
    email: contact?.email || null,
    phone: contact?.phone || null,
    companyName: null,
    profilePhoto: null,
    dateAdded: conversation.dateAdded,
    dateUpdated: conversation.dateUpdated,
    tags: [],
    followers: [...conversation.followers],
    mentions: [...conversation.mentions],
    scoring: [],
    attributed: false,
    messageTypes,
    isLastMessageInternalComment: false,
    sort,
  };
}

/**
 * get-conversation as the API sends it: no `inbox` nor `unreadCount`, `lastMessageType` a number,
 * `lastMessageDate` as `{ seconds, nanoseconds }`.
 */
export function toConversationById(conversation: ConversationRecord, messageTypes: number[]): Schema<"GetConversationByIdResponse"> {
  const last = conversation.lastMessage;
  return {
    id: conversation.id,
    contactId: conversation.contactId,
    locationId: conversation.locationId,
    deleted: conversation.deleted,
    type: conversation.type,
    starred: conversation.starred,
    ...(conversation.assignedTo ? { assignedTo: conversation.assignedTo } : {}),
    ...(last ? { lastMessageType: messageTypeCode(last.messageType), lastMessageDate: timestamp(last.dateAdded) } : {}),
    isLastMessageInternalComment: false,
    messageTypes,
  };
}

/** update-conversation's conversation as the API sends it: `lastMessageType` a number, dates as ISO strings. */
export function toConversationDto(conversation: ConversationRecord): Schema<"ConversationDto"> {
  const last = conversation.lastMessage;
  return {
    id: conversation.id,
    locationId: conversation.locationId,
    contactId: conversation.contactId,
    ...(conversation.assignedTo ? { assignedTo: conversation.assignedTo } : {}),
    ...(conversation.userId ? { userId: conversation.userId } : {}),
    ...(last ? { lastMessageBody: last.body, lastMessageDate: iso(last.dateAdded), lastMessageType: messageTypeCode(last.messageType) } : {}),
    dateAdded: iso(conversation.dateAdded),
    dateUpdated: iso(conversation.dateUpdated),
    unreadCount: conversation.unreadCount,
    inbox: conversation.inbox,
    starred: conversation.starred,
    deleted: conversation.deleted,
  };
}

export function toCreatedConversation(conversation: ConversationRecord): Schema<"ConversationCreateResponseDto"> {
  return {
    id: conversation.id,
    dateUpdated: iso(conversation.dateUpdated),
    dateAdded: iso(conversation.dateAdded),
    deleted: conversation.deleted,
    contactId: conversation.contactId,
    locationId: conversation.locationId,
    lastMessageDate: iso(lastActivity(conversation)),
    ...(conversation.assignedTo ? { assignedTo: conversation.assignedTo } : {}),
  };
}

/** Activity messages (appointments, payments, ...) carry no `contentType` on the wire. */
const isActivity = (message: MessageRecord) => message.messageType.startsWith("TYPE_ACTIVITY");

/**
 * A message as the API sends it: a call's details in `meta.call`, `dateUpdated`, `altId`; an
 * activity message without `contentType` (nor `body`, unless it has one), with `activity`, `from`, `to`.
 */
export function toMessage(message: MessageRecord): Schema<"GetMessageResponseDto"> {
  const meta: NonNullable<Schema<"GetMessageResponseDto">["meta"]> = {};
  if (message.callDuration !== undefined || message.callStatus !== undefined) {
    meta.call = {
      ...(message.callDuration !== undefined ? { duration: message.callDuration } : {}),
      ...(message.callStatus !== undefined ? { status: message.callStatus } : {}),
    };
  }
  if (message.emailMessageId) meta.email = { messageIds: [message.emailMessageId] };
  return {
    id: message.id,
    type: messageTypeCode(message.messageType),
    messageType: message.messageType,
    locationId: message.locationId,
    contactId: message.contactId,
    conversationId: message.conversationId,
    dateAdded: iso(message.dateAdded),
    dateUpdated: iso(message.dateUpdated),
    ...(message.altId ? { altId: message.altId } : {}),
    ...(isActivity(message) && !message.body ? {} : { body: message.body }),
    direction: message.direction,
    status: message.status,
    ...(isActivity(message) ? {} : { contentType: message.contentType }),
    ...(message.activity ? { activity: structuredClone(message.activity) } : {}),
    ...(message.from !== undefined ? { from: message.from } : {}),
    ...(message.to !== undefined ? { to: message.to } : {}),
    attachments: [...message.attachments],
    ...(Object.keys(meta).length ? { meta } : {}),
    ...(message.source ? { source: message.source } : {}),
    ...(message.userId ? { userId: message.userId } : {}),
    ...(message.conversationProviderId ? { conversationProviderId: message.conversationProviderId } : {}),
    ...(message.chatWidgetId ? { chatWidgetId: message.chatWidgetId } : {}),
  };
}

export function toEmail(email: EmailRecord): Schema<"GetEmailMessageResponseDto"> {
  return {
    id: email.id,
    ...(email.altId ? { altId: email.altId } : {}),
    threadId: email.threadId,
    locationId: email.locationId,
    contactId: email.contactId,
    conversationId: email.conversationId,
    dateAdded: iso(email.dateAdded),
    ...(email.subject !== undefined ? { subject: email.subject } : {}),
    body: email.body,
    direction: email.direction,
    status: email.status,
    contentType: email.contentType,
    attachments: [...email.attachments],
    provider: email.provider,
    from: email.from,
    to: [...email.to],
    cc: [...email.cc],
    bcc: [...email.bcc],
    ...(email.replyToMessageId ? { replyToMessageId: email.replyToMessageId } : {}),
    ...(email.source ? { source: email.source } : {}),
    ...(email.conversationProviderId ? { conversationProviderId: email.conversationProviderId } : {}),
  };
}

/** The fields InboundMessage and OutboundMessage share, typed by the spec's InboundMessage webhook. */
export type MessageEventFields = Omit<EventFields<"InboundMessage">, "type" | "direction">;

export function messageEventFields(message: MessageRecord, email: EmailRecord | undefined, contact?: ContactRecord): MessageEventFields {
  return {
    locationId: message.locationId,
    contactId: message.contactId,
    conversationId: message.conversationId,
    messageId: message.id,
    messageType: webhookChannel(message.messageType),
    body: message.body,
    contentType: message.contentType,
    attachments: [...message.attachments],
    dateAdded: iso(message.dateAdded),
    status: message.status,
    ...(message.userId ? { userId: message.userId } : {}),
    ...(message.conversationProviderId ? { conversationProviderId: message.conversationProviderId } : {}),
    ...(message.callDuration !== undefined ? { callDuration: message.callDuration } : {}),
    ...(message.callStatus !== undefined ? { callStatus: message.callStatus } : {}),
    ...(email
      ? {
          emailMessageId: email.id,
          threadId: email.threadId,
          provider: email.provider,
          from: email.from,
          to: [...email.to],
          cc: [...email.cc],
          bcc: [...email.bcc],
          ...(email.subject !== undefined ? { subject: email.subject } : {}),
        }
      : {}),
    ...deliveredMessageFields(message, contact),
  };
}

/** What a custom provider's Delivery URL receives: the spec's fields only (no conversationProviderId). */
export function providerOutboundPayload(
  message: MessageRecord,
  contact: ContactRecord | undefined,
  email: EmailRecord | undefined,
): EventFields<"ProviderOutboundMessage"> {
  const isEmail = isEmailType(message.messageType);
  return {
    type: isEmail ? "Email" : isCustomProviderMessage(message.messageType) ? "Custom" : "SMS",
    contactId: message.contactId,
    locationId: message.locationId,
    messageId: message.id,
    attachments: [...message.attachments],
    ...(message.userId ? { userId: message.userId } : {}),
    ...(isEmail
      ? {
          ...(email ? { emailMessageId: email.id, emailTo: [...email.to], emailFrom: email.from } : {}),
          html: message.body,
          ...(email?.subject !== undefined ? { subject: email.subject } : {}),
        }
      : { message: message.body, ...(contact?.phone ? { phone: contact.phone } : {}) }),
  };
}
