// `status`: what the mirror holds and how current it is, from the database alone (no API call).
import type { Queryable } from "./database.js";
import { readState, type Drift, type PassKind, type PassPhase } from "./state.js";

export interface SyncStatus {
  locationId: string;
  conversations: number;
  messages: number;
  /** Messages only a webhook described so far (read at the next reconciliation). */
  incompleteMessages: number;
  backfillDone: boolean;
  backfillDoneAt: string | null;
  /** A pass interrupted or under way, and where it resumes. */
  passUnderWay: { kind: PassKind; phase: PassPhase | null; startedAt: string | null; conversationsCursor: string | null; messagesCursor: string | null } | null;
  lastCheckpointAt: string | null;
  /** Everything the API dated before this (minus the overlap) has been read by a finished pass. */
  watermark: string | null;
  /** How long since the last finished pass (the webhooks may have kept the mirror closer than that). */
  behindMs: number | null;
  lastPass: { kind: PassKind; finishedAt: string; drift: Drift | null } | null;
  lastFullPassAt: string | null;
  lastWebhookAt: string | null;
  webhooksApplied: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function readStatus(db: Queryable, locationId: string, now = Date.now()): Promise<SyncStatus> {
  const state = await readState(db, locationId);
  const [counts] = await db.query<{ conversations: number; messages: number; incomplete: number }>(
    `SELECT (SELECT count(*)::integer FROM conversations WHERE location_id = $1) AS conversations,
            (SELECT count(*)::integer FROM messages WHERE location_id = $1) AS messages,
            (SELECT count(*)::integer FROM messages WHERE location_id = $1 AND NOT complete) AS incomplete`,
    [locationId],
  );
  return {
    locationId,
    conversations: counts?.conversations ?? 0,
    messages: counts?.messages ?? 0,
    incompleteMessages: counts?.incomplete ?? 0,
    backfillDone: state.backfillDoneAt !== null,
    backfillDoneAt: iso(state.backfillDoneAt),
    passUnderWay: state.passKind
      ? { kind: state.passKind, phase: state.passPhase, startedAt: iso(state.passStartedAt), conversationsCursor: iso(state.conversationsCursor), messagesCursor: iso(state.messagesCursor) }
      : null,
    lastCheckpointAt: iso(state.lastCheckpointAt),
    watermark: iso(state.watermark),
    behindMs: state.lastPassFinishedAt === null ? null : now - state.lastPassFinishedAt,
    lastPass: state.lastPassKind && state.lastPassFinishedAt !== null ? { kind: state.lastPassKind, finishedAt: iso(state.lastPassFinishedAt)!, drift: state.lastPassDrift } : null,
    lastFullPassAt: iso(state.lastFullPassAt),
    lastWebhookAt: iso(state.lastWebhookAt),
    webhooksApplied: state.webhooksApplied,
  };
}
