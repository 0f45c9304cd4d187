// `seed(fixtures)`: state a test starts from. Fixtures are checked whole before anything is
// stored, so a bad one throws a FixtureError and leaves the fake as it was. Seeding records no
// events: it is the past, not something that happens during the test.
import { conversationTypeCode, conversationTypeNames, isCallType, isEmailType } from "./channels.js";
import type { Domain } from "./domain.js";
import type { ActivityRecord, Sentence } from "./records.js";
import { maxFileSize, UPLOAD_URL_LIFETIME_MS } from "./upload-limits.js";

/** Epoch milliseconds, an ISO 8601 string or a Date. */
export type Time = number | string | Date;

export interface ContactFixture {
  id: string;
  locationId: string;
  fullName?: string;
  /** Defaults to fullName. */
  contactName?: string;
  email?: string;
  phone?: string;
}

export interface ConversationFixture {
  /** A generated 20-character id when omitted. */
  id?: string;
  locationId: string;
  contactId: string;
  /** "TYPE_PHONE" (default), "TYPE_EMAIL", "TYPE_FB_MESSENGER", "TYPE_REVIEW" or "TYPE_GROUP_SMS". */
  type?: string;
  assignedTo?: string;
  userId?: string;
  followers?: string[];
  mentions?: string[];
  starred?: boolean;
  inbox?: boolean;
  /** Defaults to the number of inbound messages seeded for it. */
  unreadCount?: number;
  dateAdded?: Time;
  /** Score per score profile id. */
  scores?: Record<string, number>;
  dueAt?: Time;
  overdueAt?: Time;
}

export interface MessageFixture {
  id?: string;
  conversationId: string;
  direction: "inbound" | "outbound";
  /** A `TYPE_*` name; "TYPE_SMS" by default. */
  messageType?: string;
  body?: string;
  /** "delivered" by default ("scheduled" when scheduledAt is set). */
  status?: string;
  dateAdded?: Time;
  source?: "workflow" | "bulk_actions" | "campaign" | "api" | "app" | (string & {});
  userId?: string;
  attachments?: string[];
  contentType?: string;
  conversationProviderId?: string;
  altId?: string;
  callDuration?: number;
  callStatus?: string;
  /**
   * An activity message (a `TYPE_ACTIVITY_*` messageType): what it records, and the addresses it
   * names. It is answered as the API answers one: no `contentType`, no `body` unless given.
   */
  activity?: ActivityRecord;
  from?: string;
  to?: string;
  /** Not sent yet: sent when the fake's clock reaches this time. */
  scheduledAt?: Time;
  /** The call's recording (get-message-recording serves these bytes as audio/x-wav). */
  recording?: Uint8Array;
  /** The call's transcription, sentence by sentence. */
  transcription?: Sentence[];
  /**
   * Email messages: the email's own fields. `provider` is "custom" when the message has a
   * conversationProviderId (a custom provider sent it: it may report its status), else
   * "Leadconnector Gmail". `openTracking` (on by default) decides whether a reported click implies an open.
   */
  email?: { id?: string; subject?: string; from: string; to: string[]; cc?: string[]; bcc?: string[]; threadId?: string; provider?: string; openTracking?: boolean };
}

export interface CustomSubtypeFixture {
  id?: string;
  locationId: string;
  name: string;
  description?: string;
  channel: "email" | "sms";
  language: string;
  archived?: boolean;
}

export interface UnsubscriptionFixture {
  locationId: string;
  contactId: string;
  email: string;
  /** "default" (all marketing) or a custom subtype id. */
  subtype?: string;
  status: "subscribed" | "unsubscribed";
}

/** An upload initiated (initiate-file-upload) and not completed yet: complete-file-upload finishes it. */
export interface UploadFixture {
  uploadId: string;
  conversationId: string;
  filename: string;
  contentType: string;
  fileSize?: number;
  /** The channel it is for (its size limit): "SMS" by default. */
  channel?: string;
  /** Where the file goes; `locations/<location>/conversations/<conversation>/<uploadId>/<filename>` by default. */
  filePath?: string;
  /** When its upload URL expires; 15 minutes after seeding by default. */
  expiresAt?: Time;
}

export interface Fixtures {
  contacts?: ContactFixture[];
  conversations?: ConversationFixture[];
  messages?: MessageFixture[];
  customSubtypes?: CustomSubtypeFixture[];
  unsubscriptions?: UnsubscriptionFixture[];
  uploads?: UploadFixture[];
}

export class FixtureError extends Error {
  override name = "FixtureError";
}

function toMs(time: Time | undefined, what: string): number | undefined {
  if (time === undefined) return undefined;
  const ms = typeof time === "number" ? time : new Date(time).getTime();
  if (!Number.isFinite(ms)) throw new FixtureError(`${what}: ${JSON.stringify(time)} is not a time`);
  return ms;
}

export function applyFixtures(domain: Domain, fixtures: Fixtures): void {
  const { state } = domain;
  const conversationIds = new Set(state.conversations.keys());
  const messageIds = new Set(state.messages.keys());

  // Check everything first.
  for (const [i, conversation] of (fixtures.conversations ?? []).entries()) {
    const what = `conversations[${i}]`;
    if (!conversation.locationId || !conversation.contactId) throw new FixtureError(`${what}: locationId and contactId are required`);
    if (conversation.id && conversationIds.has(conversation.id)) throw new FixtureError(`${what}: conversation ${conversation.id} already exists`);
    if (conversation.type && !conversationTypeNames.includes(conversation.type)) {
      throw new FixtureError(`${what}: type ${conversation.type} is not one of ${conversationTypeNames.join(", ")}`);
    }
    for (const field of ["dateAdded", "dueAt", "overdueAt"] as const) toMs(conversation[field], `${what}.${field}`);
    if (conversation.id) conversationIds.add(conversation.id);
  }
  for (const [i, message] of (fixtures.messages ?? []).entries()) {
    const what = `messages[${i}]`;
    if (!conversationIds.has(message.conversationId)) throw new FixtureError(`${what}: no conversation ${message.conversationId} (give conversations an id to seed their messages)`);
    if (message.id && messageIds.has(message.id)) throw new FixtureError(`${what}: message ${message.id} already exists`);
    if (message.direction !== "inbound" && message.direction !== "outbound") throw new FixtureError(`${what}: direction must be "inbound" or "outbound"`);
    toMs(message.dateAdded, `${what}.dateAdded`);
    toMs(message.scheduledAt, `${what}.scheduledAt`);
    if (message.email && isEmailType(message.messageType ?? "TYPE_SMS") === false) throw new FixtureError(`${what}: email fields on a ${message.messageType ?? "TYPE_SMS"} message`);
    if ((message.recording || message.transcription) && !isCallType(message.messageType ?? "TYPE_SMS")) {
      throw new FixtureError(`${what}: a recording or transcription needs a call message type (TYPE_CALL, ...)`);
    }
    if (message.id) messageIds.add(message.id);
  }
  for (const [i, upload] of (fixtures.uploads ?? []).entries()) {
    const what = `uploads[${i}]`;
    if (!upload.uploadId || !upload.filename || !upload.contentType) throw new FixtureError(`${what}: uploadId, filename and contentType are required`);
    if (state.uploads.has(upload.uploadId)) throw new FixtureError(`${what}: upload ${upload.uploadId} already exists`);
    if (!conversationIds.has(upload.conversationId)) throw new FixtureError(`${what}: no conversation ${upload.conversationId}`);
    toMs(upload.expiresAt, `${what}.expiresAt`);
  }

  // Then store.
  for (const contact of fixtures.contacts ?? []) {
    const fullName = contact.fullName ?? "";
    state.contacts.set(contact.id, {
      id: contact.id,
      locationId: contact.locationId,
      fullName,
      contactName: contact.contactName ?? fullName,
      email: contact.email ?? "",
      phone: contact.phone ?? "",
    });
  }
  const explicitUnread: Array<[string, number]> = [];
  for (const fixture of fixtures.conversations ?? []) {
    const { type, dateAdded, dueAt, overdueAt, unreadCount, followers, mentions, scores, ...rest } = fixture;
    const added = toMs(dateAdded, "dateAdded") ?? domain.now();
    const conversation = domain.createConversation({
      ...rest,
      ...(type ? { type: conversationTypeCode(type)! } : {}),
      followers: followers ?? [],
      mentions: mentions ?? [],
      scores: scores ?? {},
      dateAdded: added,
      dateUpdated: added,
      ...(dueAt !== undefined ? { dueAt: toMs(dueAt, "dueAt")! } : {}),
      ...(overdueAt !== undefined ? { overdueAt: toMs(overdueAt, "overdueAt")! } : {}),
    }, { indexed: true });
    if (unreadCount !== undefined) explicitUnread.push([conversation.id, unreadCount]);
  }
  for (const fixture of fixtures.messages ?? []) {
    const { conversationId, dateAdded, scheduledAt, email, messageType = "TYPE_SMS", status, ...rest } = fixture;
    const conversation = state.conversations.get(conversationId)!;
    const scheduled = toMs(scheduledAt, "scheduledAt");
    domain.addMessage(
      conversation,
      {
        ...rest,
        messageType,
        status: status ?? (scheduled !== undefined ? "scheduled" : "delivered"),
        dateAdded: toMs(dateAdded, "dateAdded") ?? domain.now(),
        ...(scheduled !== undefined ? { scheduledAt: scheduled } : {}),
      },
      {
        emit: false,
        ...(email ? { email: { provider: rest.conversationProviderId ? "custom" : "Leadconnector Gmail", ...email, cc: email.cc ?? [], bcc: email.bcc ?? [] } } : {}),
      },
    );
  }
  for (const { conversationId, expiresAt, filePath, channel = "SMS", ...upload } of fixtures.uploads ?? []) {
    const conversation = state.conversations.get(conversationId)!;
    state.uploads.set(upload.uploadId, {
      ...upload,
      locationId: conversation.locationId,
      conversationId,
      filePath: filePath ?? `locations/${conversation.locationId}/conversations/${conversationId}/${upload.uploadId}/${upload.filename}`,
      maxFileSize: maxFileSize(channel),
      expiresAt: toMs(expiresAt, "expiresAt") ?? domain.now() + UPLOAD_URL_LIFETIME_MS,
      completed: false,
    });
  }
  for (const [id, unreadCount] of explicitUnread) domain.setUnread(state.conversations.get(id)!, unreadCount, { emit: false });

  for (const subtype of fixtures.customSubtypes ?? []) {
    const now = domain.now();
    const id = subtype.id ?? domain.newId();
    state.customSubtypes.set(id, { archived: false, ...subtype, id, dateAdded: now, dateUpdated: now });
  }
  for (const change of fixtures.unsubscriptions ?? []) {
    const key = `${change.locationId} ${change.contactId}`;
    const record = state.subscriptions.get(key) ?? { locationId: change.locationId, contactId: change.contactId, email: change.email, statuses: {}, dateUpdated: domain.now() };
    record.statuses[change.subtype ?? "default"] = change.status;
    state.subscriptions.set(key, record);
  }
}
