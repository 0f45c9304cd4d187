// The three paged reads, with the vendor's paging rules: search pages with `startAfterDate` (the
// `sort` value of the last document), a conversation's messages with `lastMessageId` and
// `nextPage`, and export with an opaque `nextCursor`.
import type { operations, Schema } from "@conversations-api/types";
import { EXPORT_CHANNELS, messagesFilterType } from "./channels.js";
import { byDateThenSeq, type Domain, isAutomated } from "./domain.js";
import type { ConversationRecord, MessageRecord } from "./records.js";
import { searchable } from "./search-lag.js";
import { lastActivity, messageTypeCodes, toMessage, toSearchDocument } from "./views.js";

type QueryOf<Id extends keyof operations> = NonNullable<operations[Id]["parameters"]["query"]>;
export type SearchQuery = QueryOf<"search-conversation">;
export type MessagesQuery = QueryOf<"get-messages">;
export type ExportQuery = QueryOf<"export-messages-by-location">;

/** A request the spec allows but the state cannot answer (an unknown cursor, ...): a 400. */
export class QueryError extends Error {
  override name = "QueryError";
}

const list = (value: string | undefined) => (value ?? "").split(",").map((part) => part.trim()).filter(Boolean);

/** The number a search sorts by; conversations without one sort as 0. */
function primarySortValue(conversation: ConversationRecord, query: SearchQuery): number {
  switch (query.sortBy ?? "last_message_date") {
    case "last_manual_message_date":
      return conversation.lastManualMessageDate ?? 0;
    case "score_profile":
      return conversation.scores[query.sortScoreProfile ?? query.scoreProfile ?? ""] ?? 0;
    case "due_at":
      return conversation.dueAt ?? 0;
    case "overdue_at":
      return conversation.overdueAt ?? 0;
    default:
      return lastActivity(conversation);
  }
}

/** Lexicographic; a shorter `cursor` compares on its own length (one number = the primary value). */
function compareSort(value: number[], cursor: number[]): number {
  for (let i = 0; i < cursor.length && i < value.length; i++) {
    const difference = value[i]! - cursor[i]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

function matchesSearch(domain: Domain, conversation: ConversationRecord, query: SearchQuery): boolean {
  if (conversation.locationId !== query.locationId) return false;
  if (query.id && conversation.id !== query.id) return false;
  if (query.contactId && conversation.contactId !== query.contactId) return false;
  const assignees = list(query.assignedTo);
  if (assignees.length && !assignees.some((who) => (who === "unassigned" ? !conversation.assignedTo : conversation.assignedTo === who))) return false;
  const followers = list(query.followers);
  if (followers.length && !followers.some((who) => conversation.followers.includes(who))) return false;
  if (query.mentions && !conversation.mentions.includes(query.mentions)) return false;
  const last = conversation.lastMessage;
  if (query.lastMessageType && last?.messageType !== query.lastMessageType) return false;
  if (query.lastMessageDirection && last?.direction !== query.lastMessageDirection) return false;
  if (query.lastMessageAction) {
    const action = conversation.lastOutbound && (isAutomated(conversation.lastOutbound) ? "automated" : "manual");
    if (action !== query.lastMessageAction) return false;
  }
  switch (query.status) {
    case "read":
      if (conversation.unreadCount > 0) return false;
      break;
    case "unread":
      if (conversation.unreadCount === 0) return false;
      break;
    case "starred":
      if (!conversation.starred) return false;
      break;
    default: // "all" and "recents" (the vendor's inbox tab of recent conversations): no filter
  }
  if (query.scoreProfile) {
    const score = conversation.scores[query.scoreProfile];
    if (score === undefined) return false;
    if (query.scoreProfileMin !== undefined && score < query.scoreProfileMin) return false;
    if (query.scoreProfileMax !== undefined && score > query.scoreProfileMax) return false;
  }
  const activity = lastActivity(conversation);
  if (query.startDate !== undefined && activity < query.startDate) return false;
  if (query.endDate !== undefined && activity > query.endDate) return false;
  if (query.query) {
    const needle = query.query.toLowerCase();
    const contact = domain.state.contacts.get(conversation.contactId);
    const haystack = [contact?.fullName, contact?.contactName, contact?.email, contact?.phone, last?.body];
    if (!haystack.some((text) => text?.toLowerCase().includes(needle))) return false;
  }
  return true;
}

export function search(domain: Domain, query: SearchQuery): Schema<"SendConversationResponseDto"> {
  const direction = query.sort === "asc" ? 1 : -1;
  const now = domain.now();
  const matching = [...domain.state.conversations.values()]
    .filter((conversation) => searchable(conversation, query.locationId, now) && matchesSearch(domain, conversation, query))
    .map((conversation) => ({ conversation, sort: [primarySortValue(conversation, query), conversation.seq] }))
    .sort((a, b) => direction * compareSort(a.sort, b.sort));
  const cursor = query.startAfterDate;
  const after = cursor?.length ? matching.filter(({ sort }) => direction * compareSort(sort, cursor) > 0) : matching;
  const page = after.slice(0, query.limit ?? 20);
  return {
    conversations: page.map(({ conversation, sort }) =>
      toSearchDocument(conversation, domain.state.contacts.get(conversation.contactId), sort, messageTypeCodes(domain.state, conversation.id)),
    ),
    total: matching.length,
  };
}

/** One page of a conversation's messages, newest first (get-messages wraps it in `messages`). */
export function messagesPage(domain: Domain, conversation: ConversationRecord, query: MessagesQuery): Schema<"GetMessagesByConversationResponseDto"> {
  const newestFirst = domain.messagesOf(conversation.id).reverse();
  let start = 0;
  if (query.lastMessageId) {
    const index = newestFirst.findIndex((message) => message.id === query.lastMessageId);
    if (index < 0) throw new QueryError(`lastMessageId ${query.lastMessageId} is not a message of conversation ${conversation.id}`);
    start = index + 1;
  }
  const types = query.type?.map(messagesFilterType);
  const older = newestFirst.slice(start).filter((message) => !types?.length || types.includes(message.messageType));
  const page = older.slice(0, query.limit ?? 20);
  return {
    lastMessageId: page.at(-1)?.id ?? query.lastMessageId ?? "",
    nextPage: older.length > page.length,
    messages: page.map(toMessage),
  };
}

interface ExportCursor {
  sortBy: string;
  sortOrder: string;
  value: number;
  seq: number;
}

const encodeCursor = (cursor: ExportCursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(text: string, sortBy: string, sortOrder: string): ExportCursor {
  let cursor: Partial<ExportCursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {}
  if (typeof cursor?.value !== "number" || typeof cursor.seq !== "number") throw new QueryError(`cursor ${JSON.stringify(text)} is not a cursor of this API`);
  if (cursor.sortBy !== sortBy || cursor.sortOrder !== sortOrder) throw new QueryError("cursor belongs to another sortBy or sortOrder");
  return cursor as ExportCursor;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An export filter as epoch ms: a date-time as it is; a date alone (`2024-03-27`, which the spec
 * accepts) as the whole of that UTC day, so that `startDate` and `endDate` of one day give that day.
 */
function exportBound(value: string, side: "start" | "end"): number {
  const time = Date.parse(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && side === "end" ? time + DAY_MS - 1 : time;
}

export function exportPage(domain: Domain, query: ExportQuery): Schema<"ExportMessagesResponseDto"> {
  const sortBy = query.sortBy ?? "createdAt";
  const sortOrder = query.sortOrder ?? "desc";
  const valueOf = (message: MessageRecord) => (sortBy === "updatedAt" ? message.dateUpdated : message.dateAdded);
  const direction = sortOrder === "asc" ? 1 : -1;
  const compare = (a: { value: number; seq: number }, b: { value: number; seq: number }) => direction * (a.value - b.value || a.seq - b.seq);
  const start = query.startDate ? exportBound(query.startDate, "start") : -Infinity;
  const end = query.endDate ? exportBound(query.endDate, "end") : Infinity;
  const channel = query.channel ? EXPORT_CHANNELS[query.channel] : undefined;
  const matching = [...domain.state.messages.values()]
    .filter(
      (message) =>
        message.locationId === query.locationId &&
        (!query.conversationId || message.conversationId === query.conversationId) &&
        (!query.contactId || message.contactId === query.contactId) &&
        (!channel || channel.includes(message.messageType)) &&
        message.dateAdded >= start &&
        message.dateAdded <= end,
    )
    .map((message) => ({ message, value: valueOf(message), seq: message.seq }))
    .sort(compare);
  const cursor = query.cursor ? decodeCursor(query.cursor, sortBy, sortOrder) : undefined;
  const rest = cursor ? matching.filter((entry) => compare(entry, cursor) > 0) : matching;
  const page = rest.slice(0, query.limit ?? 100);
  const last = page.at(-1);
  return {
    messages: page.map(({ message }) => toMessage(message)),
    total: matching.length,
    ...(rest.length > page.length && last ? { nextCursor: encodeCursor({ sortBy, sortOrder, value: last.value, seq: last.seq }) } : {}),
  };
}

