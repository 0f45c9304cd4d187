// What the fake remembers. Records hold times as epoch milliseconds and are turned into the
// spec's DTOs by views.ts; nothing outside the state folder changes them.

export interface ContactRecord {
  id: string;
  locationId: string;
  fullName: string;
  contactName: string;
  email: string;
  phone: string;
}

export interface ConversationRecord {
  id: string;
  /** Creation order: the tie-breaker of every sort, and the second number of a search `sort` value. */
  seq: number;
  locationId: string;
  contactId: string;
  /** ConversationTypeCode: 1 Phone, 2 Email, ... */
  type: number;
  assignedTo?: string;
  userId?: string;
  followers: string[];
  mentions: string[];
  inbox: boolean;
  starred: boolean;
  deleted: boolean;
  unreadCount: number;
  feedback?: unknown;
  /** Score per score profile id (search's scoreProfile filters and sortBy=score_profile). */
  scores: Record<string, number>;
  dueAt?: number;
  overdueAt?: number;
  dateAdded: number;
  dateUpdated: number;
  /** The latest message that was sent or received (not a scheduled one). */
  lastMessage?: MessageRecord;
  /** The date of the latest manual message: inbound, or outbound by a person (source "app"). */
  lastManualMessageDate?: number;
  /** The latest outbound message (search's lastMessageAction reads how it was sent). */
  lastOutbound?: MessageRecord;
  /** While set, search leaves the conversation out (the `searchLag` option: search-lag.ts). */
  searchHidden?: { until: number; searches: number };
}

export interface Sentence {
  mediaChannel: number;
  sentenceIndex: number;
  startTime: number;
  endTime: number;
  transcript: string;
  confidence: number;
}

export interface ActivityRecord {
  title?: string;
  type?: string;
  data?: Record<string, unknown>;
}

export interface MessageRecord {
  id: string;
  seq: number;
  conversationId: string;
  locationId: string;
  contactId: string;
  /** A `TYPE_*` name. */
  messageType: string;
  direction: "inbound" | "outbound";
  status: string;
  body: string;
  contentType: string;
  attachments: string[];
  dateAdded: number;
  dateUpdated: number;
  source?: string;
  userId?: string;
  conversationProviderId?: string;
  altId?: string;
  chatWidgetId?: string;
  callDuration?: number;
  callStatus?: string;
  /** An activity message's record (TYPE_ACTIVITY_*: an appointment booked, a payment, ...). */
  activity?: ActivityRecord;
  /** The addresses an activity message names (phone numbers, as the API sends them). */
  from?: string;
  to?: string;
  emailMessageId?: string;
  /** While set, the message waits to be sent at this time (ms). */
  scheduledAt?: number;
  error?: { code: string; type: string; message: string };
  recording?: Uint8Array;
  transcription?: Sentence[];
}

export interface EmailRecord {
  id: string;
  messageId: string;
  threadId: string;
  conversationId: string;
  locationId: string;
  contactId: string;
  subject?: string;
  body: string;
  contentType: string;
  direction: "inbound" | "outbound";
  status: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  attachments: string[];
  provider: string;
  replyToMessageId?: string;
  source?: string;
  altId?: string;
  conversationProviderId?: string;
  dateAdded: number;
  /** Whether opens are tracked (a pixel): a reported click infers an open only then. On unless a fixture says otherwise. */
  openTracking: boolean;
  /** The delivery report of a custom provider (update-email-message-status): see email-status.ts. */
  delivery: EmailDelivery;
}

/** What a custom provider reported about an email it sent, merged call after call. */
export interface EmailDelivery {
  /** Event counters (`delivered`, `opened`, ..., and the provider's own snake_case ones). */
  events: Record<string, number>;
  /** Each recipient's status, by address as first reported (matched without regard to case). */
  recipients: Map<string, { emailId: string; status: string; failReason?: string }>;
  /** When `delivered`, `opened` and `clicked` first happened (ms); never moved by a later call. */
  firstAt: Partial<Record<"delivered" | "opened" | "clicked", number>>;
}

export interface UploadRecord {
  uploadId: string;
  locationId: string;
  conversationId: string;
  filename: string;
  contentType: string;
  fileSize?: number;
  maxFileSize: number;
  filePath: string;
  expiresAt: number;
  completed: boolean;
}

export interface StoredFile {
  url: string;
  locationId: string;
  conversationId: string;
  filename: string;
  contentType: string;
  size: number;
  bytes?: Uint8Array;
}

export interface CustomSubtypeRecord {
  id: string;
  locationId: string;
  name: string;
  description?: string;
  channel: "email" | "sms";
  language: string;
  archived: boolean;
  resubscriptionLegalFormId?: string;
  dateAdded: number;
  dateUpdated: number;
}

export interface SubscriptionRecord {
  locationId: string;
  contactId: string;
  email: string;
  /** "default" (all marketing), or a custom subtype id -> subscribed or not. */
  statuses: Record<string, "subscribed" | "unsubscribed">;
  dateUpdated: number;
}

export interface State {
  contacts: Map<string, ContactRecord>;
  conversations: Map<string, ConversationRecord>;
  messages: Map<string, MessageRecord>;
  /** Message ids of each conversation, in insertion order. */
  conversationMessages: Map<string, string[]>;
  emails: Map<string, EmailRecord>;
  uploads: Map<string, UploadRecord>;
  files: Map<string, StoredFile>;
  customSubtypes: Map<string, CustomSubtypeRecord>;
  /** Keyed by `${locationId} ${contactId}`. */
  subscriptions: Map<string, SubscriptionRecord>;
  /** Ids of the messages waiting for their scheduled time. */
  scheduled: Set<string>;
  seq: number;
}

export function emptyState(): State {
  return {
    contacts: new Map(),
    conversations: new Map(),
    messages: new Map(),
    conversationMessages: new Map(),
    emails: new Map(),
    uploads: new Map(),
    files: new Map(),
    customSubtypes: new Map(),
    subscriptions: new Map(),
    scheduled: new Set(),
    seq: 0,
  };
}
