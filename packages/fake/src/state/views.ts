// Records as the spec's DTOs (and as webhook payload fields). Typed with the generated types, so
// a field the spec renames or removes stops this file compiling.
import type { Schema } from "@conversations-api/types";
import type { EventFields } from "../events.js";
import { conversationTypeName, isEmailType, messageTypeCode, webhookChannel } from "./channels.js";
import type { ContactRecord, ConversationRecord, EmailRecord, MessageRecord } from "./records.js";
import { deliveredMessageFields, isCustomProviderMessage } from "../webhooks/delivered-fields.js";

export const iso = (ms: number) => new Date(ms).toISOString();

/** Epoch ms of the conversation's latest message, or of its creation when it has none. */
export const lastActivity = (conversation: ConversationRecord) => conversation.lastMessage?.dateAdded ?? conversation.dateAdded;

export function toSearchDocument(conversation: ConversationRecord, contact: ContactRecord | undefined, sort: number[]): Schema<"ConversationSchema"> {
  return {
    id: conversation.id,
    contactId: conversation.contactId,
    locationId: conversation.locationId,
    lastMessageBody: conversation.lastMessage?.body ?? "",
    lastMessageType: conversation.lastMessage?.messageType ?? "",
    type: conversationTypeName(conversation.type),
    unreadCount: conversation.unreadCount,
    fullName: contact?.fullName ?? "",
    contactName: contact?.contactName ?? "",
    email: contact?.email ?? "",
    phone: contact?.phone ?? "",
    sort,
  };
}

export function toConversationById(conversation: ConversationRecord): Schema<"GetConversationByIdResponse"> {
  return {
    id: conversation.id,
    contactId: conversation.contactId,
    locationId: conversation.locationId,
    deleted: conversation.deleted,
    inbox: conversation.inbox,
    type: conversation.type,
    unreadCount: conversation.unreadCount,
    starred: conversation.starred,
    ...(conversation.assignedTo ? { assignedTo: conversation.assignedTo } : {}),
  };
}

export function toConversationDto(conversation: ConversationRecord): Schema<"ConversationDto"> {
  const last = conversation.lastMessage;
  return {
    id: conversation.id,
    locationId: conversation.locationId,
    contactId: conversation.contactId,
    ...(conversation.assignedTo ? { assignedTo: conversation.assignedTo } : {}),
    ...(conversation.userId ? { userId: conversation.userId } : {}),
    ...(last ? { lastMessageBody: last.body, lastMessageDate: String(last.dateAdded), lastMessageType: last.messageType } : {}),
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

export function toMessage(message: MessageRecord): Schema<"GetMessageResponseDto"> {
  const meta: NonNullable<Schema<"GetMessageResponseDto">["meta"]> = {};
  if (message.callDuration !== undefined) meta.callDuration = message.callDuration;
  if (message.callStatus !== undefined) meta.callStatus = message.callStatus;
  if (message.emailMessageId) meta.email = { messageIds: [message.emailMessageId] };
  return {
    id: message.id,
    type: messageTypeCode(message.messageType),
    messageType: message.messageType,
    locationId: message.locationId,
    contactId: message.contactId,
    conversationId: message.conversationId,
    dateAdded: iso(message.dateAdded),
    body: message.body,
    direction: message.direction,
    status: message.status,
    contentType: message.contentType,
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
