// The sync state of a location (one row of sync_state): the pass under way and where it resumes,
// the watermark reconciliation starts from, and what the last pass found. It is written in the
// same transaction as the rows it covers, so after a crash it never claims more than was stored.
import type { Queryable } from "./database.js";

export type PassKind = "full" | "incremental";
export type PassPhase = "conversations" | "messages" | "finish";

export interface Drift {
  conversations: number;
  messages: number;
  deletedConversations: number;
  deletedMessages: number;
}

export const noDrift = (): Drift => ({ conversations: 0, messages: 0, deletedConversations: 0, deletedMessages: 0 });

export interface SyncState {
  locationId: string;
  passKind: PassKind | null;
  passStartedAt: number | null;
  passPhase: PassPhase | null;
  /** Epoch ms (API dates): the pass's search resumes at conversations whose last message is this recent (inclusive). */
  conversationsCursor: number | null;
  /** Epoch ms (API dates): the pass's export resumes at messages added this late (inclusive). */
  messagesCursor: number | null;
  passMaxDate: number | null;
  passDrift: Drift;
  /** The worker running the pass (PostgreSQL: one at a time per location), and until when its lease holds. */
  passOwner: string | null;
  passLeaseUntil: number | null;
  backfillDoneAt: number | null;
  /** Epoch ms (API dates): the newest date a finished pass saw; the next reconciliation starts there minus the overlap. */
  watermark: number | null;
  lastCheckpointAt: number | null;
  lastPassKind: PassKind | null;
  lastPassFinishedAt: number | null;
  lastPassDrift: Drift | null;
  lastFullPassAt: number | null;
  lastWebhookAt: number | null;
  webhooksApplied: number;
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export async function readState(db: Queryable, locationId: string): Promise<SyncState> {
  await db.query("INSERT INTO sync_state (location_id) VALUES ($1) ON CONFLICT (location_id) DO NOTHING", [locationId]);
  const [row] = await db.query<Record<string, unknown>>("SELECT * FROM sync_state WHERE location_id = $1", [locationId]);
  const r = row ?? {};
  return {
    locationId,
    passKind: (r.pass_kind as PassKind | null) ?? null,
    passStartedAt: num(r.pass_started_at),
    passPhase: (r.pass_phase as PassPhase | null) ?? null,
    conversationsCursor: num(r.conversations_cursor),
    messagesCursor: num(r.messages_cursor),
    passMaxDate: num(r.pass_max_date),
    passDrift: { ...noDrift(), ...((r.pass_drift as Drift | null) ?? {}) },
    passOwner: (r.pass_owner as string | null) ?? null,
    passLeaseUntil: num(r.pass_lease_until),
    backfillDoneAt: num(r.backfill_done_at),
    watermark: num(r.watermark),
    lastCheckpointAt: num(r.last_checkpoint_at),
    lastPassKind: (r.last_pass_kind as PassKind | null) ?? null,
    lastPassFinishedAt: num(r.last_pass_finished_at),
    lastPassDrift: (r.last_pass_drift as Drift | null) ?? null,
    lastFullPassAt: num(r.last_full_pass_at),
    lastWebhookAt: num(r.last_webhook_at),
    webhooksApplied: Number(r.webhooks_applied ?? 0),
  };
}

const COLUMN: Record<keyof Omit<SyncState, "locationId" | "webhooksApplied" | "lastWebhookAt">, string> = {
  passKind: "pass_kind",
  passStartedAt: "pass_started_at",
  passPhase: "pass_phase",
  conversationsCursor: "conversations_cursor",
  messagesCursor: "messages_cursor",
  passMaxDate: "pass_max_date",
  passDrift: "pass_drift",
  passOwner: "pass_owner",
  passLeaseUntil: "pass_lease_until",
  backfillDoneAt: "backfill_done_at",
  watermark: "watermark",
  lastCheckpointAt: "last_checkpoint_at",
  lastPassKind: "last_pass_kind",
  lastPassFinishedAt: "last_pass_finished_at",
  lastPassDrift: "last_pass_drift",
  lastFullPassAt: "last_full_pass_at",
};

/** Writes the given fields of the location's state (in the caller's transaction). */
export async function writeState(tx: Queryable, locationId: string, fields: Partial<Omit<SyncState, "locationId" | "webhooksApplied" | "lastWebhookAt">>): Promise<void> {
  const entries = Object.entries(fields) as Array<[keyof typeof COLUMN, unknown]>;
  if (!entries.length) return;
  const sets = entries.map(([key], i) => `${COLUMN[key]} = $${i + 2}`);
  const values = entries.map(([key, value]) => (key === "passDrift" || key === "lastPassDrift") && value !== null ? JSON.stringify(value) : value);
  await tx.query(`UPDATE sync_state SET ${sets.join(", ")} WHERE location_id = $1`, [locationId, ...values]);
}

/** Records an applied webhook (in the transaction that applied it). */
export async function recordWebhook(tx: Queryable, locationId: string, at: number): Promise<void> {
  await tx.query(
    `INSERT INTO sync_state (location_id, last_webhook_at, webhooks_applied) VALUES ($1, $2, 1)
     ON CONFLICT (location_id) DO UPDATE SET last_webhook_at = greatest(sync_state.last_webhook_at, $2), webhooks_applied = sync_state.webhooks_applied + 1`,
    [locationId, at],
  );
}

/**
 * Takes (or renews) the location's pass lease for `owner`: free, already ours, expired, or held by
 * `takeOverFrom` (a holder known to be dead). False when another worker holds it.
 */
export async function claimPass(db: Queryable, locationId: string, owner: string, leaseMs: number, takeOverFrom?: string): Promise<boolean> {
  const now = Date.now();
  const claimed = await db.query(
    `UPDATE sync_state SET pass_owner = $2, pass_lease_until = $3
     WHERE location_id = $1 AND (pass_owner IS NULL OR pass_owner = $2 OR pass_lease_until < $4 OR pass_owner = $5) RETURNING location_id`,
    [locationId, owner, now + leaseMs, now, takeOverFrom ?? null],
  );
  return claimed.length > 0;
}

/** Gives the lease back (a pass that stopped): another worker may resume the pass at once. */
export async function releasePass(db: Queryable, locationId: string, owner: string): Promise<void> {
  await db.query("UPDATE sync_state SET pass_owner = NULL, pass_lease_until = NULL WHERE location_id = $1 AND pass_owner = $2", [locationId, owner]);
}
