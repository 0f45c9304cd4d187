// The state changes of the fake, in one place: every operation, `simulateInbound` and the fixtures
// go through these, so the same rules (last message, unread counts, scheduling, events) hold
// whichever way a change comes in.
import type { Clock } from "../clock.js";
import type { EventLog } from "../events.js";
import type { RandomSource } from "../ids.js";
import { conversationTypeCode, isEmailType } from "./channels.js";
import { applyEmailStatus, type EmailStatusUpdate } from "./email-status.js";
import type { ContactRecord, ConversationRecord, EmailRecord, MessageRecord, State } from "./records.js";
import { hideFromSearch, type SearchLag } from "./search-lag.js";
import { messageEventFields, providerOutboundPayload } from "./views.js";

/** Sources whose messages are "automated" (search's lastMessageAction); anything else is manual. */
const AUTOMATED_SOURCES = new Set(["workflow", "bulk_actions", "campaign"]);
export const isAutomated = (message: MessageRecord) => AUTOMATED_SOURCES.has(message.source ?? "app");

export type NewMessage = Omit<MessageRecord, "id" | "seq" | "conversationId" | "locationId" | "contactId" | "dateUpdated" | "attachments" | "contentType" | "body"> &
  Partial<Pick<MessageRecord, "id" | "attachments" | "contentType" | "body">>;

export type NewEmail = Omit<
  EmailRecord,
  | "id"
  | "messageId"
  | "conversationId"
  | "locationId"
  | "contactId"
  | "threadId"
  | "dateAdded"
  | "direction"
  | "status"
  | "body"
  | "contentType"
  | "attachments"
  | "cc"
  | "bcc"
  | "openTracking"
  | "delivery"
> &
  Partial<Pick<EmailRecord, "id" | "threadId" | "cc" | "bcc" | "openTracking">>;

export interface Domain {
  readonly state: State;
  now(): number;
  newId(): string;
  newUuid(): string;
  /** The contact, created with empty details when the fake has not seen it. */
  contact(locationId: string, contactId: string): ContactRecord;
  /**
   * A new conversation. Unless `indexed` (fixtures: the starting state), the fake's `searchLag`
   * keeps it out of search for a while, as production's eventual consistency does.
   */
  createConversation(fields: Partial<ConversationRecord> & Pick<ConversationRecord, "locationId" | "contactId">, options?: { indexed?: boolean }): ConversationRecord;
  /** The conversation of a contact in a location, if any. */
  conversationOfContact(locationId: string, contactId: string): ConversationRecord | undefined;
  /** Adds a message; `emit: false` (fixtures) records no event. Scheduled messages wait for the clock. */
  addMessage(conversation: ConversationRecord, fields: NewMessage, options?: { emit?: boolean; email?: NewEmail }): MessageRecord;
  /** Sends the scheduled messages whose time has come. */
  dispatchDue(): void;
  /** Sets the unread count; announces the change with ConversationUnreadUpdate. */
  setUnread(conversation: ConversationRecord, unreadCount: number, options?: { emit?: boolean }): void;
  deleteConversation(conversation: ConversationRecord): void;
  /** Removes a scheduled message that was never sent. */
  cancelScheduled(message: MessageRecord): void;
  /** Messages of a conversation, oldest first. */
  messagesOf(conversationId: string): MessageRecord[];
  /** Stores a custom provider's report on an email it sent (checked first with emailStatusProblem). */
  updateEmailStatus(email: EmailRecord, update: EmailStatusUpdate): void;
}

export const byDateThenSeq = (a: { dateAdded: number; seq: number }, b: { dateAdded: number; seq: number }) =>
  a.dateAdded - b.dateAdded || a.seq - b.seq;

export function createDomain(state: State, clock: Clock, random: RandomSource, events: EventLog, searchLag?: SearchLag): Domain {
  const nextSeq = () => ++state.seq;

  function contact(locationId: string, contactId: string): ContactRecord {
    let record = state.contacts.get(contactId);
    if (!record) {
      record = { id: contactId, locationId, fullName: "", contactName: "", email: "", phone: "" };
      state.contacts.set(contactId, record);
    }
    return record;
  }

  function deliver(conversation: ConversationRecord, message: MessageRecord, emit: boolean) {
    const previous = conversation.lastMessage;
    if (!previous || byDateThenSeq(previous, message) <= 0) conversation.lastMessage = message;
    if (message.direction === "inbound" || !isAutomated(message)) {
      conversation.lastManualMessageDate = Math.max(conversation.lastManualMessageDate ?? 0, message.dateAdded);
    }
    if (message.direction === "outbound" && (!conversation.lastOutbound || byDateThenSeq(conversation.lastOutbound, message) <= 0)) {
      conversation.lastOutbound = message;
    }
    if (message.direction === "inbound") {
      conversation.unreadCount += 1;
      conversation.inbox = true;
    }
    conversation.dateUpdated = clock.now();
    if (!emit) return;
    const email = message.emailMessageId ? state.emails.get(message.emailMessageId) : undefined;
    const fields = messageEventFields(message, email, state.contacts.get(message.contactId));
    if (message.direction === "inbound") events.emit("InboundMessage", { type: "InboundMessage", direction: "inbound", ...fields });
    else events.emit("OutboundMessage", { type: "OutboundMessage", direction: "outbound", source: message.source ?? "app", ...fields });
    if (message.direction === "outbound" && message.conversationProviderId) {
      events.emit("ProviderOutboundMessage", providerOutboundPayload(message, state.contacts.get(message.contactId), email));
    }
  }

  const domain: Domain = {
    state,
    now: () => clock.now(),
    newId: () => random.id(),
    newUuid: () => random.uuid(),
    contact,

    createConversation(fields, options = {}) {
      contact(fields.locationId, fields.contactId);
      const now = clock.now();
      const conversation: ConversationRecord = {
        id: fields.id ?? random.id(),
        seq: nextSeq(),
        type: conversationTypeCode("TYPE_PHONE")!,
        followers: [],
        mentions: [],
        inbox: true,
        starred: false,
        deleted: false,
        unreadCount: 0,
        scores: {},
        dateAdded: now,
        dateUpdated: now,
        ...fields,
      };
      if (searchLag && !options.indexed) hideFromSearch(conversation, searchLag, now);
      state.conversations.set(conversation.id, conversation);
      state.conversationMessages.set(conversation.id, []);
      return conversation;
    },

    conversationOfContact(locationId, contactId) {
      for (const conversation of state.conversations.values()) {
        if (conversation.locationId === locationId && conversation.contactId === contactId) return conversation;
      }
      return undefined;
    },

    addMessage(conversation, fields, options = {}) {
      const emit = options.emit ?? true;
      const message: MessageRecord = {
        attachments: [],
        contentType: isEmailType(fields.messageType) ? "text/html" : "text/plain",
        body: "",
        ...fields,
        id: fields.id ?? random.id(),
        seq: nextSeq(),
        conversationId: conversation.id,
        locationId: conversation.locationId,
        contactId: conversation.contactId,
        dateUpdated: fields.dateAdded,
      };
      if (options.email) {
        const email: EmailRecord = {
          ...options.email,
          cc: options.email.cc ?? [],
          bcc: options.email.bcc ?? [],
          id: options.email.id ?? random.id(),
          threadId: options.email.threadId ?? "",
          messageId: message.id,
          conversationId: conversation.id,
          locationId: conversation.locationId,
          contactId: conversation.contactId,
          direction: message.direction,
          status: message.status,
          body: message.body,
          contentType: message.contentType,
          attachments: message.attachments,
          dateAdded: message.dateAdded,
          openTracking: options.email.openTracking ?? true,
          delivery: { events: {}, recipients: new Map(), firstAt: {} },
          ...(message.conversationProviderId && !options.email.conversationProviderId ? { conversationProviderId: message.conversationProviderId } : {}),
        };
        email.threadId ||= email.id;
        state.emails.set(email.id, email);
        message.emailMessageId = email.id;
      }
      state.messages.set(message.id, message);
      state.conversationMessages.get(conversation.id)!.push(message.id);
      if (message.scheduledAt === undefined) deliver(conversation, message, emit);
      else state.scheduled.add(message.id);
      return message;
    },

    dispatchDue() {
      const now = clock.now();
      for (const id of state.scheduled) {
        const message = state.messages.get(id)!;
        if (message.scheduledAt! > now) continue;
        state.scheduled.delete(id);
        const conversation = state.conversations.get(message.conversationId)!;
        message.dateAdded = message.scheduledAt!;
        message.dateUpdated = now;
        message.scheduledAt = undefined;
        message.status = message.conversationProviderId ? "pending" : "delivered";
        const email = message.emailMessageId ? state.emails.get(message.emailMessageId) : undefined;
        if (email) {
          email.status = message.status;
          email.dateAdded = message.dateAdded;
        }
        deliver(conversation, message, true);
      }
    },

    setUnread(conversation, unreadCount, options = {}) {
      if (conversation.unreadCount === unreadCount) return;
      conversation.unreadCount = unreadCount;
      conversation.dateUpdated = clock.now();
      if (options.emit === false) return;
      events.emit("ConversationUnreadUpdate", {
        type: "ConversationUnreadUpdate",
        locationId: conversation.locationId,
        id: conversation.id,
        contactId: conversation.contactId,
        unreadCount: conversation.unreadCount,
        inbox: conversation.inbox,
        starred: conversation.starred,
        deleted: conversation.deleted,
      });
    },

    deleteConversation(conversation) {
      for (const id of state.conversationMessages.get(conversation.id) ?? []) {
        const message = state.messages.get(id);
        if (message?.emailMessageId) state.emails.delete(message.emailMessageId);
        state.messages.delete(id);
        state.scheduled.delete(id);
      }
      state.conversationMessages.delete(conversation.id);
      state.conversations.delete(conversation.id);
    },

    cancelScheduled(message) {
      if (message.emailMessageId) state.emails.delete(message.emailMessageId);
      state.messages.delete(message.id);
      state.scheduled.delete(message.id);
      const ids = state.conversationMessages.get(message.conversationId);
      ids?.splice(ids.indexOf(message.id), 1);
    },

    messagesOf(conversationId) {
      return (state.conversationMessages.get(conversationId) ?? []).map((id) => state.messages.get(id)!).sort(byDateThenSeq);
    },

    updateEmailStatus(email, update) {
      applyEmailStatus(email, state.messages.get(email.messageId), update, clock.now());
    },
  };
  return domain;
}
