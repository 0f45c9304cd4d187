// The mirror against the fake, query by query, through the API as any reader would ask it: every
// conversation search returns, every message export returns, the unread inbox, and a sample of
// conversations' message lists in the API's order.
import { createConversationsClient } from "@conversations-api/client";
import type { Database } from "../../src/database.js";
import { toEpochMs } from "../../src/dates.js";

type Fetch = (request: Request, init?: RequestInit) => Promise<Response>;

export interface MirrorDifference {
  conversations: { missing: string[]; extra: string[]; different: Array<{ id: string; mirror: unknown; api: unknown }> };
  messages: { missing: string[]; extra: string[]; different: Array<{ id: string; mirror: unknown; api: unknown }> };
  unread: { missing: string[]; extra: string[] };
  conversationLists: Array<{ id: string; mirror: string[]; api: string[] }>;
}

const CONVERSATION_FIELDS = ["contact_id", "type", "full_name", "contact_name", "email", "phone", "last_message_body", "last_message_type", "last_message_date", "unread_count"] as const;
const MESSAGE_FIELDS = ["conversation_id", "contact_id", "message_type", "type", "direction", "status", "body", "content_type", "attachments", "source", "user_id", "date_added", "complete"] as const;

function pick(row: Record<string, unknown>, fields: readonly string[]) {
  return Object.fromEntries(fields.map((field) => [field, row[field] ?? null]));
}

function compare(mirror: Map<string, Record<string, unknown>>, api: Map<string, Record<string, unknown>>) {
  const missing = [...api.keys()].filter((id) => !mirror.has(id));
  const extra = [...mirror.keys()].filter((id) => !api.has(id));
  const different: Array<{ id: string; mirror: unknown; api: unknown }> = [];
  for (const [id, expected] of api) {
    const actual = mirror.get(id);
    if (actual && JSON.stringify(actual) !== JSON.stringify(expected)) different.push({ id, mirror: actual, api: expected });
  }
  return { missing, extra, different: different.slice(0, 5) };
}

/** Everything that differs (empty lists when the mirror equals the API). `fetch` reads the fake (in process or over HTTP). */
export async function mirrorDifferences(db: Database, options: { fetch?: Fetch; baseUrl?: string; locationId: string; sample?: number }): Promise<MirrorDifference> {
  const { locationId } = options;
  const client = createConversationsClient({
    token: "checker",
    baseUrl: options.baseUrl ?? "http://fake.invalid",
    ...(options.fetch ? { fetch: options.fetch } : {}),
    maxRetries: 10,
    backoff: { initialDelayMs: 200, maxDelayMs: 10_000 },
  });

  const apiConversations = new Map<string, Record<string, unknown>>();
  for await (const document of client.searchConversations({ locationId, sortBy: "last_message_date", sort: "asc" }, { pageSize: 100 })) {
    const doc = document as Record<string, unknown>;
    apiConversations.set(String(doc.id), {
      contact_id: doc.contactId ?? null,
      type: doc.type ?? null,
      full_name: doc.fullName ?? null,
      contact_name: doc.contactName ?? null,
      email: doc.email ?? null,
      phone: doc.phone ?? null,
      last_message_body: doc.lastMessageBody ?? null,
      last_message_type: doc.lastMessageType ?? null,
      last_message_date: toEpochMs(doc.lastMessageDate) ?? toEpochMs((doc.sort as unknown[] | undefined)?.[0]) ?? null,
      unread_count: doc.unreadCount ?? null,
    });
  }
  const mirrorConversations = new Map(
    (await db.query<Record<string, unknown>>(`SELECT id, ${CONVERSATION_FIELDS.join(", ")} FROM conversations WHERE location_id = $1`, [locationId])).map((row) => [
      String(row.id),
      pick({ ...row, last_message_date: row.last_message_date === null ? null : Number(row.last_message_date) }, CONVERSATION_FIELDS),
    ]),
  );

  const apiMessages = new Map<string, Record<string, unknown>>();
  for await (const message of client.exportMessages({ locationId, sortBy: "createdAt", sortOrder: "asc" }, { pageSize: 100 })) {
    const m = message as Record<string, unknown>;
    apiMessages.set(String(m.id), {
      conversation_id: m.conversationId ?? null,
      contact_id: m.contactId ?? null,
      message_type: m.messageType ?? null,
      type: m.type ?? null,
      direction: m.direction ?? null,
      status: m.status ?? null,
      body: m.body ?? null,
      content_type: m.contentType ?? null,
      attachments: m.attachments ?? [],
      source: m.source ?? null,
      user_id: m.userId ?? null,
      date_added: toEpochMs(m.dateAdded) ?? null,
      complete: true,
    });
  }
  const mirrorMessages = new Map(
    (await db.query<Record<string, unknown>>(`SELECT id, ${MESSAGE_FIELDS.join(", ")} FROM messages WHERE location_id = $1`, [locationId])).map((row) => [
      String(row.id),
      pick({ ...row, date_added: Number(row.date_added) }, MESSAGE_FIELDS),
    ]),
  );

  const apiUnread = new Set<string>();
  for await (const document of client.searchConversations({ locationId, status: "unread" }, { pageSize: 100 })) apiUnread.add(String((document as { id: unknown }).id));
  const mirrorUnread = new Set((await db.query<{ id: string }>("SELECT id FROM conversations WHERE location_id = $1 AND unread_count > 0", [locationId])).map((row) => row.id));

  // A sample of conversations (the busiest first): their messages in the API's order, newest first.
  const sample = await db.query<{ id: string }>(
    "SELECT conversation_id AS id FROM messages WHERE location_id = $1 GROUP BY conversation_id ORDER BY count(*) DESC, conversation_id LIMIT $2",
    [locationId, options.sample ?? 5],
  );
  const conversationLists: MirrorDifference["conversationLists"] = [];
  for (const { id } of sample) {
    if (!apiConversations.has(id)) continue;
    const api: string[] = [];
    for await (const message of client.conversationMessages(id, {}, { pageSize: 100 })) api.push(String((message as { id: unknown }).id));
    const mirror = (await db.query<{ id: string }>("SELECT id FROM messages WHERE conversation_id = $1 ORDER BY date_added DESC, id", [id])).map((row) => row.id);
    // Messages of one millisecond may come in either order; compare as lists of (date, set).
    if (JSON.stringify([...api].sort()) !== JSON.stringify([...mirror].sort()) || api.length !== mirror.length) conversationLists.push({ id, mirror, api });
  }

  return {
    conversations: compare(mirrorConversations, apiConversations),
    messages: compare(mirrorMessages, apiMessages),
    unread: { missing: [...apiUnread].filter((id) => !mirrorUnread.has(id)), extra: [...mirrorUnread].filter((id) => !apiUnread.has(id)) },
    conversationLists,
  };
}

export const NO_DIFFERENCE: MirrorDifference = {
  conversations: { missing: [], extra: [], different: [] },
  messages: { missing: [], extra: [], different: [] },
  unread: { missing: [], extra: [] },
  conversationLists: [],
};
