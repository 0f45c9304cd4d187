// The mirror's one schema, as numbered migrations applied on start (in order, each once, each in
// its own transaction with its version row). SQL that PostgreSQL 15 and PGlite both accept.
// The tables are documented in README.md ("What it stores"); keep the two in step.
import type { Database } from "./database.js";
import { SchemaVersionError } from "./errors.js";

export const MIGRATIONS: readonly string[] = [
  // 1: conversations, messages, the sync state and the reconciliation log.
  `
  CREATE TABLE conversations (
    id text PRIMARY KEY,
    location_id text NOT NULL,
    contact_id text,
    type text,
    full_name text,
    contact_name text,
    email text,
    phone text,
    last_message_body text,
    last_message_type text,
    last_message_date bigint,
    unread_count integer NOT NULL DEFAULT 0,
    unread_at bigint NOT NULL DEFAULT 0,
    details_at bigint,
    seen_at bigint,
    created_at bigint NOT NULL
  );
  CREATE INDEX conversations_by_last_message ON conversations (location_id, last_message_date);
  CREATE TABLE messages (
    id text PRIMARY KEY,
    location_id text NOT NULL,
    conversation_id text NOT NULL,
    contact_id text,
    message_type text,
    type integer,
    channel text,
    direction text,
    status text,
    body text,
    content_type text,
    attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
    meta jsonb,
    source text,
    user_id text,
    conversation_provider_id text,
    date_added bigint NOT NULL,
    complete boolean NOT NULL,
    observed_at bigint NOT NULL,
    seen_at bigint,
    created_at bigint NOT NULL
  );
  CREATE INDEX messages_by_conversation ON messages (conversation_id, date_added);
  CREATE INDEX messages_by_location ON messages (location_id, date_added);
  CREATE INDEX messages_incomplete ON messages (location_id) WHERE NOT complete;
  CREATE TABLE sync_state (
    location_id text PRIMARY KEY,
    pass_kind text,
    pass_started_at bigint,
    pass_phase text,
    conversations_cursor bigint,
    messages_cursor bigint,
    pass_max_date bigint,
    pass_drift jsonb,
    pass_owner text,
    pass_lease_until bigint,
    backfill_done_at bigint,
    watermark bigint,
    last_checkpoint_at bigint,
    last_pass_kind text,
    last_pass_finished_at bigint,
    last_pass_drift jsonb,
    last_full_pass_at bigint,
    last_webhook_at bigint,
    webhooks_applied bigint NOT NULL DEFAULT 0
  );
  `,
];

/** Applies the migrations this database lacks; several workers starting at once apply each one once. */
export async function migrate(db: Database): Promise<number> {
  await db.query("CREATE TABLE IF NOT EXISTS sync_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
  return db.transaction(async (tx) => {
    // One migrator at a time across workers (an arbitrary constant: this package's lock).
    await tx.query("SELECT pg_advisory_xact_lock(7243001)");
    const [row] = await tx.query<{ version: number | null }>("SELECT max(version) AS version FROM sync_schema_migrations");
    const current = row?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new SchemaVersionError(`the database's mirror schema is version ${current}, newer than this package's ${MIGRATIONS.length}: upgrade @conversations-api/sync`);
    }
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      for (const statement of MIGRATIONS[version - 1]!.split(";").map((part) => part.trim()).filter(Boolean)) await tx.query(statement);
      await tx.query("INSERT INTO sync_schema_migrations (version) VALUES ($1)", [version]);
    }
    return MIGRATIONS.length;
  });
}
