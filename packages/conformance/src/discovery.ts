// Ids found in answers, to reach the operations that need them. Nothing here knows an answer's
// exact shape (the spec's shapes change, see issue 18): it walks the JSON for objects that look
// like a conversation or a message, and for lists of email message ids.

export interface DiscoveredIds {
  conversationIds: string[];
  contactIds: string[];
  messageIds: string[];
  /** Messages of a call (TYPE_CALL, ...): they may have a recording and a transcription. */
  callMessageIds: string[];
  /** Messages of an email conversation: get-message on one lists its email ids. */
  emailMessageIds: string[];
  /** Ids of email messages (get-email-by-id). */
  emailIds: string[];
}

export const noIds = (): DiscoveredIds => ({ conversationIds: [], contactIds: [], messageIds: [], callMessageIds: [], emailMessageIds: [], emailIds: [] });

const add = (list: string[], value: unknown) => {
  if (typeof value === "string" && value !== "" && !list.includes(value)) list.push(value);
};

function* objects(value: unknown, key?: string): Generator<[Record<string, unknown>, string | undefined]> {
  if (Array.isArray(value)) for (const item of value) yield* objects(item, key);
  else if (value && typeof value === "object") {
    yield [value as Record<string, unknown>, key];
    for (const [name, item] of Object.entries(value)) yield* objects(item, name);
  }
}

const typeText = (record: Record<string, unknown>) => String(record.messageType ?? record.type ?? "").toUpperCase();

/** Adds the ids of `body` (an answer of `operationId`) to `ids`. */
export function discover(ids: DiscoveredIds, operationId: string, body: unknown): void {
  for (const [record, key] of objects(body)) {
    const id = record.id;
    if (typeof id !== "string") {
      if (Array.isArray(record.messageIds) && /email/i.test(key ?? "")) for (const emailId of record.messageIds) add(ids.emailIds, emailId);
      continue;
    }
    const looksLikeMessage = "messageType" in record || "direction" in record || (key !== undefined && /^messages?$/.test(key) && operationId !== "search-conversation");
    if (operationId === "search-conversation" || (!looksLikeMessage && typeof record.contactId === "string" && typeof record.locationId === "string" && "unreadCount" in record)) {
      add(ids.conversationIds, id);
      add(ids.contactIds, record.contactId);
    } else if (looksLikeMessage) {
      add(ids.messageIds, id);
      add(ids.conversationIds, record.conversationId);
      add(ids.contactIds, record.contactId);
      if (/CALL|PHONE|VOICEMAIL/.test(typeText(record)) && !/SMS/.test(typeText(record))) add(ids.callMessageIds, id);
      if (/EMAIL/.test(typeText(record))) add(ids.emailMessageIds, id);
    } else if (key === "email" && operationId !== "search-conversation") add(ids.emailIds, id);
    if (Array.isArray(record.messageIds) && /email/i.test(key ?? "")) for (const emailId of record.messageIds) add(ids.emailIds, emailId);
  }
}
