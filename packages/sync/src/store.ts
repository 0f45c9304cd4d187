// Writes to the mirror. Every write is an idempotent upsert that keeps the newest version of each
// field group (README.md, "Which version wins"):
// - a conversation's last_message_* fields: the greater last_message_date (a search read wins a
//   tie; a message seen alone must be strictly newer);
// - its unread_count: the greater unread_at (a webhook's `timestamp`, or when a search page was
//   requested); a newly stored inbound message dated after unread_at adds one;
// - its contact and names: the latest search read;
// - a message: the greater observed_at (a webhook's `timestamp`, or when it was read); fields a
//   webhook lacks never erase what a read stored.
// Rows go in by the batch through jsonb_to_recordset: one statement per batch.
import type { Queryable } from "./database.js";
import type { ConversationRow, MessageRow } from "./rows.js";

export interface BatchChanges {
  /** Rows inserted or whose content changed. */
  changed: number;
  inserted: number;
}

const CONVERSATION_COLUMNS = `id text, location_id text, contact_id text, type text, full_name text, contact_name text, email text, phone text,
  last_message_body text, last_message_type text, last_message_date bigint, unread_count integer, unread_at bigint, details_at bigint, seen_at bigint`;

/** What a reader sees of a conversation: a change here is drift. */
const CONVERSATION_CONTENT = "contact_id, type, full_name, contact_name, email, phone, last_message_body, last_message_type, last_message_date, unread_count";
const MESSAGE_CONTENT = "conversation_id, contact_id, message_type, type, direction, status, body, content_type, attachments, source, user_id, date_added";

async function contentOf(tx: Queryable, table: "conversations" | "messages", columns: string, ids: string[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ id: string; content: string }>(`SELECT id, row(${columns})::text AS content FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((row) => [row.id, row.content]));
}

function countChanges(before: Map<string, string>, after: Array<{ id: string; content: string }>): BatchChanges {
  let changed = 0;
  let inserted = 0;
  for (const row of after) {
    const previous = before.get(row.id);
    if (previous === undefined) inserted++;
    if (previous !== row.content) changed++;
  }
  return { changed, inserted };
}

/** Keeps one row per id: the one that would win the upsert (a statement may not touch a row twice). */
function newestById<Row extends { id: string }>(rows: Row[], newer: (a: Row, b: Row) => boolean): Row[] {
  const byId = new Map<string, Row>();
  for (const row of rows) {
    const current = byId.get(row.id);
    if (!current || newer(row, current)) byId.set(row.id, row);
  }
  // In id order, so that concurrent transactions (workers sharing PostgreSQL) lock rows in one order.
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function upsertConversations(tx: Queryable, rows: ConversationRow[], now: number): Promise<BatchChanges> {
  const unique = newestById(rows, (a, b) => (a.details_at ?? 0) >= (b.details_at ?? 0) && a.unread_at >= b.unread_at);
  if (!unique.length) return { changed: 0, inserted: 0 };
  const ids = unique.map((row) => row.id);
  const before = await contentOf(tx, "conversations", CONVERSATION_CONTENT, ids);
  const after = await tx.query<{ id: string; content: string }>(
    `INSERT INTO conversations AS c (id, location_id, contact_id, type, full_name, contact_name, email, phone, last_message_body, last_message_type,
        last_message_date, unread_count, unread_at, details_at, seen_at, created_at)
     SELECT x.id, x.location_id, x.contact_id, x.type, x.full_name, x.contact_name, x.email, x.phone, x.last_message_body, x.last_message_type,
        x.last_message_date, coalesce(x.unread_count, 0), CASE WHEN x.unread_count IS NULL THEN 0 ELSE x.unread_at END, x.details_at, x.seen_at, $2::bigint
     FROM jsonb_to_recordset($1::jsonb) AS x(${CONVERSATION_COLUMNS})
     ON CONFLICT (id) DO UPDATE SET
       location_id = EXCLUDED.location_id,
       contact_id = CASE WHEN EXCLUDED.details_at >= coalesce(c.details_at, -1) OR c.contact_id IS NULL THEN coalesce(EXCLUDED.contact_id, c.contact_id) ELSE c.contact_id END,
       type = CASE WHEN EXCLUDED.details_at >= coalesce(c.details_at, -1) THEN EXCLUDED.type ELSE c.type END,
       full_name = CASE WHEN EXCLUDED.details_at >= coalesce(c.details_at, -1) THEN EXCLUDED.full_name ELSE c.full_name END,
       contact_name = CASE WHEN EXCLUDED.details_at >= coalesce(c.details_at, -1) THEN EXCLUDED.contact_name ELSE c.contact_name END,
       email = CASE WHEN EXCLUDED.details_at >= coalesce(c.details_at, -1) THEN EXCLUDED.email ELSE c.email END,
       phone = CASE WHEN EXCLUDED.details_at >= coalesce(c.details_at, -1) THEN EXCLUDED.phone ELSE c.phone END,
       details_at = greatest(c.details_at, EXCLUDED.details_at),
       last_message_body = CASE WHEN EXCLUDED.last_message_date >= coalesce(c.last_message_date, -1) THEN EXCLUDED.last_message_body ELSE c.last_message_body END,
       last_message_type = CASE WHEN EXCLUDED.last_message_date >= coalesce(c.last_message_date, -1) THEN EXCLUDED.last_message_type ELSE c.last_message_type END,
       last_message_date = greatest(c.last_message_date, EXCLUDED.last_message_date),
       unread_count = CASE WHEN EXCLUDED.unread_count IS NOT NULL AND EXCLUDED.unread_at >= c.unread_at THEN EXCLUDED.unread_count ELSE c.unread_count END,
       unread_at = CASE WHEN EXCLUDED.unread_count IS NOT NULL THEN greatest(c.unread_at, EXCLUDED.unread_at) ELSE c.unread_at END,
       seen_at = greatest(c.seen_at, EXCLUDED.seen_at)
     RETURNING id, row(${CONVERSATION_CONTENT})::text AS content`,
    [JSON.stringify(unique), now],
  );
  return countChanges(before, after);
}

const MESSAGE_COLUMNS = `id text, location_id text, conversation_id text, contact_id text, message_type text, type integer, channel text, direction text,
  status text, body text, content_type text, attachments jsonb, meta jsonb, source text, user_id text, conversation_provider_id text,
  date_added bigint, complete boolean, observed_at bigint, seen_at bigint`;

export async function upsertMessages(tx: Queryable, rows: MessageRow[], now: number): Promise<BatchChanges> {
  const unique = newestById(rows, (a, b) => a.observed_at >= b.observed_at);
  if (!unique.length) return { changed: 0, inserted: 0 };
  const ids = unique.map((row) => row.id);
  const json = JSON.stringify(unique);
  // A message of a conversation the mirror has not seen yet: a stub, filled in by the next search read.
  await tx.query(
    `INSERT INTO conversations (id, location_id, contact_id, created_at)
     SELECT DISTINCT ON (x.conversation_id) x.conversation_id, x.location_id, x.contact_id, $2::bigint
     FROM jsonb_to_recordset($1::jsonb) AS x(${MESSAGE_COLUMNS})
     ON CONFLICT (id) DO NOTHING`,
    [json, now],
  );
  const before = await contentOf(tx, "messages", MESSAGE_CONTENT, ids);
  const after = await tx.query<{ id: string; content: string; inserted: boolean }>(
    `INSERT INTO messages AS m (id, location_id, conversation_id, contact_id, message_type, type, channel, direction, status, body, content_type,
        attachments, meta, source, user_id, conversation_provider_id, date_added, complete, observed_at, seen_at, created_at)
     SELECT x.id, x.location_id, x.conversation_id, x.contact_id, x.message_type, x.type, x.channel, x.direction, x.status, x.body, x.content_type,
        coalesce(x.attachments, '[]'::jsonb), x.meta, x.source, x.user_id, x.conversation_provider_id, x.date_added, x.complete, x.observed_at, x.seen_at, $2::bigint
     FROM jsonb_to_recordset($1::jsonb) AS x(${MESSAGE_COLUMNS})
     ON CONFLICT (id) DO UPDATE SET
       location_id = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN EXCLUDED.location_id ELSE m.location_id END,
       conversation_id = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN EXCLUDED.conversation_id ELSE m.conversation_id END,
       contact_id = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN coalesce(EXCLUDED.contact_id, m.contact_id) ELSE m.contact_id END,
       message_type = CASE WHEN EXCLUDED.observed_at >= m.observed_at OR m.message_type IS NULL THEN coalesce(EXCLUDED.message_type, m.message_type) ELSE m.message_type END,
       type = CASE WHEN EXCLUDED.observed_at >= m.observed_at OR m.type IS NULL THEN coalesce(EXCLUDED.type, m.type) ELSE m.type END,
       channel = coalesce(EXCLUDED.channel, m.channel),
       direction = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN EXCLUDED.direction ELSE m.direction END,
       status = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN EXCLUDED.status ELSE m.status END,
       body = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN EXCLUDED.body ELSE m.body END,
       content_type = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN EXCLUDED.content_type ELSE m.content_type END,
       attachments = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN EXCLUDED.attachments ELSE m.attachments END,
       meta = CASE WHEN EXCLUDED.observed_at >= m.observed_at OR m.meta IS NULL THEN coalesce(EXCLUDED.meta, m.meta) ELSE m.meta END,
       source = CASE WHEN EXCLUDED.observed_at >= m.observed_at OR m.source IS NULL THEN coalesce(EXCLUDED.source, m.source) ELSE m.source END,
       user_id = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN coalesce(EXCLUDED.user_id, m.user_id) ELSE m.user_id END,
       conversation_provider_id = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN coalesce(EXCLUDED.conversation_provider_id, m.conversation_provider_id) ELSE m.conversation_provider_id END,
       date_added = CASE WHEN EXCLUDED.observed_at >= m.observed_at THEN EXCLUDED.date_added ELSE m.date_added END,
       complete = m.complete OR EXCLUDED.complete,
       observed_at = greatest(m.observed_at, EXCLUDED.observed_at),
       seen_at = greatest(m.seen_at, EXCLUDED.seen_at)
     RETURNING id, row(${MESSAGE_CONTENT})::text AS content, (xmax = 0) AS inserted`,
    [json, now],
  );
  const insertedIds = after.filter((row) => row.inserted).map((row) => row.id);
  if (insertedIds.length) {
    // Unread counts the API does not announce: an inbound message stored for the first time, dated
    // after the moment the count was last known, adds one (a duplicate is not inserted twice).
    await tx.query(
      `UPDATE conversations AS c SET unread_count = c.unread_count + n.added
       FROM (SELECT m.conversation_id, count(*)::integer AS added
             FROM messages m JOIN conversations c2 ON c2.id = m.conversation_id
             WHERE m.id = ANY($1::text[]) AND m.direction = 'inbound' AND m.date_added > c2.unread_at
             GROUP BY m.conversation_id) AS n
       WHERE c.id = n.conversation_id`,
      [insertedIds],
    );
  }
  // The conversation's last message, when a message is strictly newer than the one it shows.
  await tx.query(
    `UPDATE conversations AS c SET last_message_body = n.body, last_message_type = n.message_type, last_message_date = n.date_added
     FROM (SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.body, m.message_type, m.date_added
           FROM messages m WHERE m.id = ANY($1::text[]) ORDER BY m.conversation_id, m.date_added DESC) AS n
     WHERE c.id = n.conversation_id AND n.date_added > coalesce(c.last_message_date, -1)`,
    [ids],
  );
  return countChanges(before, after);
}

/** After a full pass: what the pass did not see, and the mirror had before it began, is gone from the API. */
export async function deleteUnseen(tx: Queryable, locationId: string, passStartedAt: number): Promise<{ conversations: number; messages: number }> {
  const gone = await tx.query<{ id: string }>(
    "DELETE FROM conversations WHERE location_id = $1 AND coalesce(seen_at, 0) < $2 AND created_at < $2 RETURNING id",
    [locationId, passStartedAt],
  );
  const goneIds = gone.map((row) => row.id);
  const ofGone = goneIds.length ? await tx.query("DELETE FROM messages WHERE conversation_id = ANY($1::text[]) RETURNING id", [goneIds]) : [];
  const unseen = await tx.query("DELETE FROM messages WHERE location_id = $1 AND coalesce(seen_at, 0) < $2 AND created_at < $2 RETURNING id", [locationId, passStartedAt]);
  return { conversations: gone.length, messages: ofGone.length + unseen.length };
}
