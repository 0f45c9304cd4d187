// createMirrorSync(): the mirror of one location. backfill() and reconcile() run passes (pass.ts),
// one at a time; applyWebhook() stores what a verified webhook says; completeMessages() reads the
// messages that only a webhook has described; follow() (follow.ts) ties them together.
import { NotFoundError } from "@conversations-api/client";
import { type ApiOptions, createSyncApi, type SyncApi } from "./api.js";
import { type Database, openDatabase, type OpenDatabaseOptions } from "./database.js";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { PassInProgressError, UsageError } from "./errors.js";
import { sleep } from "@conversations-api/fleet";
import { runPass, type PassOptions, type PassReport } from "./pass.js";
import { retryTransient, type RetryOptions } from "./retry.js";
import { conversationFromUnreadUpdate, messageFromApi, messageFromWebhook } from "./rows.js";
import { migrate } from "./schema.js";
import { readState, recordWebhook } from "./state.js";
import { readStatus, type SyncStatus } from "./status.js";
import { upsertConversations, upsertMessages } from "./store.js";

export interface MirrorSyncOptions extends ApiOptions {
  /** A directory for the embedded database (default `.conversations-sync`), a postgres:// URL, or an open Database. */
  database?: string | Database;
  databaseOptions?: OpenDatabaseOptions;
  /** Items per request. Default 100. */
  pageSize?: number;
  /** How far before the watermark a reconciliation starts: search is eventually consistent. Default 10 minutes. */
  overlapMs?: number;
  /**
   * PostgreSQL: how long a worker's hold on the location's pass lasts without progress (each page
   * renews it); a worker that dies holding it is replaced after this. Default 2 minutes.
   */
  passLeaseMs?: number;
  /** How long a webhook waits for an unreachable PostgreSQL before it is answered 5xx (HighLevel then retries). Default 4 s. */
  webhookDatabaseWaitMs?: number;
}

export type WebhookOutcome = "applied" | "ignored";

export interface MirrorSync {
  readonly db: Database;
  readonly api: SyncApi;
  readonly locationId: string;
  /** Runs the backfill to its end (resuming one that was interrupted); a no-op report once done. */
  backfill(options?: PassOptions & RetryOptions): Promise<PassReport | undefined>;
  /**
   * One reconciliation pass: incremental (since the watermark minus the overlap) or full (everything,
   * deleting what is gone). Rejects with PassInProgressError when another worker runs the location's pass.
   */
  reconcile(options?: PassOptions & RetryOptions & { full?: boolean }): Promise<PassReport>;
  /** Stores what a verified webhook payload says; other locations' and other event types are ignored. */
  applyWebhook(payload: Record<string, unknown>): Promise<WebhookOutcome>;
  /** Reads (get-message) up to `limit` messages that only a webhook described; returns how many were completed. */
  completeMessages(options?: { signal?: AbortSignal; limit?: number }): Promise<number>;
  status(): Promise<SyncStatus>;
  /** Closes the database (when this sync opened it). */
  close(): Promise<void>;
}

export async function createMirrorSync(options: MirrorSyncOptions): Promise<MirrorSync> {
  if (!options.locationId) throw new UsageError("locationId is required: the location to mirror");
  const ownsDatabase = typeof options.database !== "object";
  const db = typeof options.database === "object" ? options.database : await openDatabase(options.database, options.databaseOptions);
  try {
    await migrate(db);
  } catch (error) {
    if (ownsDatabase) await db.close();
    throw error;
  }
  const api = createSyncApi(options);
  const { locationId } = options;
  // The embedded database is one process's (its lock file), so its passes need no lease between
  // workers: a constant owner lets a restarted process resume at once after a SIGKILL.
  const owner = db.kind === "embedded" ? "embedded" : `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const context = { db, api, locationId, pageSize: options.pageSize ?? 100, overlapMs: options.overlapMs ?? 10 * 60_000, owner, leaseMs: options.passLeaseMs ?? 120_000 };

  // One pass at a time in this process (the follower's timer and a caller's reconcile() may meet).
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };

  const sync: MirrorSync = {
    db,
    api,
    locationId,
    backfill: (passOptions = {}) =>
      serially(async () => {
        for (;;) {
          const state = await readState(db, locationId);
          if (state.backfillDoneAt !== null && state.passKind === null) return undefined;
          try {
            return await retryTransient(() => runPass(context, "full", passOptions), passOptions);
          } catch (error) {
            // Another worker is backfilling: wait for it (or for its lease to expire, if it died).
            if (!(error instanceof PassInProgressError)) throw error;
            await sleep(Math.min(5_000, Math.max(250, error.until - Date.now())), passOptions.signal);
          }
        }
      }),
    reconcile: ({ full, ...passOptions } = {}) => serially(() => retryTransient(() => runPass(context, full ? "full" : "incremental", passOptions), passOptions)),
    async applyWebhook(payload) {
      if (payload.locationId !== locationId) return "ignored";
      const now = Date.now();
      // While the database is unreachable, answer (5xx) within the sender's patience so that it
      // delivers again, rather than holding the delivery for the whole retry window.
      const signal = AbortSignal.timeout(options.webhookDatabaseWaitMs ?? 4_000);
      if (payload.type === "InboundMessage" || payload.type === "OutboundMessage") {
        const row = messageFromWebhook(payload, now);
        if (!row) return "ignored";
        await db.transaction(async (tx) => {
          await upsertMessages(tx, [row], now);
          await recordWebhook(tx, locationId, now);
        }, { signal });
        return "applied";
      }
      if (payload.type === "ConversationUnreadUpdate") {
        const row = conversationFromUnreadUpdate(payload, now);
        if (!row) return "ignored";
        await db.transaction(async (tx) => {
          await upsertConversations(tx, [row], now);
          await recordWebhook(tx, locationId, now);
        }, { signal });
        return "applied";
      }
      return "ignored";
    },
    async completeMessages({ signal, limit = 50 } = {}) {
      const incomplete = await db.query<{ id: string }>("SELECT id FROM messages WHERE location_id = $1 AND NOT complete ORDER BY date_added LIMIT $2", [locationId, limit]);
      let completed = 0;
      for (const { id } of incomplete) {
        signal?.throwIfAborted();
        const { data, error, response } = await api.client.GET("/conversations/messages/{id}", { params: { path: { id } }, signal });
        const observedAt = api.lastSentAt;
        if (error instanceof NotFoundError || response?.status === 404) {
          // Gone from the API (its conversation was deleted, ...): gone from the mirror.
          await db.query("DELETE FROM messages WHERE id = $1 AND NOT complete", [id]);
          continue;
        }
        if (error) throw error;
        // The answer is the message, or (as some deployments answer) the message under `message`.
        const body = data as Record<string, unknown>;
        const message = (body && typeof body.message === "object" && body.message ? body.message : body) as Record<string, unknown>;
        const row = messageFromApi(message, locationId, observedAt, null);
        if (!row) continue;
        await db.transaction((tx) => upsertMessages(tx, [row], Date.now()), { ...(signal ? { signal } : {}) });
        completed++;
      }
      return completed;
    },
    status: () => readStatus(db, locationId),
    close: async () => {
      await queue;
      if (ownsDatabase) await db.close();
    },
  };
  return sync;
}
