// What the mirror stores, and how the API's shapes (search documents, messages, webhooks) become
// rows. Dates are normalised to epoch milliseconds here (dates.ts), nowhere else.
import { toEpochMs } from "./dates.js";

export interface ConversationRow {
  id: string;
  location_id: string;
  contact_id: string | null;
  type: string | null;
  full_name: string | null;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  last_message_body: string | null;
  last_message_type: string | null;
  /** Epoch ms: the version of the last_message_* fields. */
  last_message_date: number | null;
  unread_count: number | null;
  /** Epoch ms at which unread_count was true: the version of unread_count. */
  unread_at: number;
  /** Epoch ms of the search read that gave contact_id, type and the names; null for what a webhook gave alone. */
  details_at: number | null;
  /** Set by a full pass: the pass's start. */
  seen_at: number | null;
}

export interface MessageRow {
  id: string;
  location_id: string;
  conversation_id: string;
  contact_id: string | null;
  /** `TYPE_*`: null while only a webhook (which gives the channel) has been seen. */
  message_type: string | null;
  type: number | null;
  channel: string | null;
  direction: string | null;
  status: string | null;
  body: string | null;
  content_type: string | null;
  attachments: unknown[];
  meta: unknown;
  source: string | null;
  user_id: string | null;
  conversation_provider_id: string | null;
  date_added: number;
  /** Whether the row was read from the API (all fields), not only from a webhook. */
  complete: boolean;
  /** Epoch ms at which these fields were true: the version of the row. */
  observed_at: number;
  seen_at: number | null;
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : value === undefined || value === null ? null : String(value));

/**
 * A search document. Its position in the default sort is its last message date (or its
 * creation date when it has none): `lastMessageDate` in any encoding, else the first number of
 * its `sort` value.
 */
export function conversationFromSearch(document: Record<string, unknown>, locationId: string, observedAt: number, seenAt: number | null): ConversationRow | undefined {
  const id = text(document.id);
  if (!id) return undefined;
  const sort = Array.isArray(document.sort) ? document.sort : undefined;
  const lastMessageDate = toEpochMs(document.lastMessageDate) ?? toEpochMs(sort?.[0]) ?? null;
  return {
    id,
    location_id: text(document.locationId) ?? locationId,
    contact_id: text(document.contactId),
    type: text(document.type),
    full_name: text(document.fullName),
    contact_name: text(document.contactName),
    email: text(document.email),
    phone: text(document.phone),
    last_message_body: text(document.lastMessageBody),
    last_message_type: text(document.lastMessageType),
    last_message_date: lastMessageDate,
    unread_count: typeof document.unreadCount === "number" ? document.unreadCount : null,
    unread_at: observedAt,
    details_at: observedAt,
    seen_at: seenAt,
  };
}

/** A message as get-message, get-messages and export give it. */
export function messageFromApi(message: Record<string, unknown>, locationId: string, observedAt: number, seenAt: number | null): MessageRow | undefined {
  const id = text(message.id);
  const conversationId = text(message.conversationId);
  const dateAdded = toEpochMs(message.dateAdded);
  if (!id || !conversationId || dateAdded === undefined) return undefined;
  return {
    id,
    location_id: text(message.locationId) ?? locationId,
    conversation_id: conversationId,
    contact_id: text(message.contactId),
    message_type: text(message.messageType),
    type: typeof message.type === "number" ? message.type : null,
    channel: null,
    direction: text(message.direction),
    status: text(message.status),
    body: text(message.body),
    content_type: text(message.contentType),
    attachments: Array.isArray(message.attachments) ? message.attachments : [],
    meta: message.meta ?? null,
    source: text(message.source),
    user_id: text(message.userId),
    conversation_provider_id: text(message.conversationProviderId),
    date_added: dateAdded,
    complete: true,
    observed_at: observedAt,
    seen_at: seenAt,
  };
}

/** An InboundMessage or OutboundMessage webhook: all but the `TYPE_*` name (it carries the channel), so the row is incomplete until read. */
export function messageFromWebhook(payload: Record<string, unknown>, receivedAt: number): MessageRow | undefined {
  const id = text(payload.messageId);
  const conversationId = text(payload.conversationId);
  const locationId = text(payload.locationId);
  const dateAdded = toEpochMs(payload.dateAdded);
  if (!id || !conversationId || !locationId || dateAdded === undefined) return undefined;
  return {
    id,
    location_id: locationId,
    conversation_id: conversationId,
    contact_id: text(payload.contactId),
    message_type: null,
    type: null,
    channel: text(payload.messageType),
    direction: text(payload.direction),
    status: text(payload.status),
    body: text(payload.body),
    content_type: text(payload.contentType),
    attachments: Array.isArray(payload.attachments) ? payload.attachments : [],
    meta: null,
    source: text(payload.source),
    user_id: text(payload.userId),
    conversation_provider_id: text(payload.conversationProviderId),
    date_added: dateAdded,
    complete: false,
    observed_at: toEpochMs(payload.timestamp) ?? receivedAt,
    seen_at: null,
  };
}

/** A ConversationUnreadUpdate webhook: the unread count, true at the webhook's `timestamp`. */
export function conversationFromUnreadUpdate(payload: Record<string, unknown>, receivedAt: number): ConversationRow | undefined {
  const id = text(payload.id) ?? text(payload.conversationId);
  const locationId = text(payload.locationId);
  if (!id || !locationId || typeof payload.unreadCount !== "number") return undefined;
  return {
    id,
    location_id: locationId,
    contact_id: text(payload.contactId),
    type: null,
    full_name: null,
    contact_name: null,
    email: null,
    phone: null,
    last_message_body: null,
    last_message_type: null,
    last_message_date: null,
    unread_count: payload.unreadCount,
    unread_at: toEpochMs(payload.timestamp) ?? receivedAt,
    details_at: null,
    seen_at: null,
  };
}
