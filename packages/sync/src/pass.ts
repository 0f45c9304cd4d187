// A pass over a location: conversations through search (ascending last message date), then
// messages through export (ascending creation date), page by page, each page's rows and the
// pass's cursor in one transaction. The backfill is a full pass from the beginning; a
// reconciliation is an incremental pass from the watermark minus an overlap; a full pass also
// deletes what the API no longer has. A pass interrupted anywhere (Ctrl-C, a crash, SIGKILL, a
// failure after the client's retries) resumes at its cursor, and re-reading a page is harmless.
import { hostname } from "node:os";
import type { SyncApi } from "./api.js";
import type { Database } from "./database.js";
import { type MessageRow, conversationFromSearch, messageFromApi } from "./rows.js";
import { PassInProgressError } from "./errors.js";
import { claimPass, type Drift, noDrift, type PassKind, type PassPhase, readState, releasePass, type SyncState, writeState } from "./state.js";
import { deleteUnseen, upsertConversations, upsertMessages } from "./store.js";

export interface PassContext {
  db: Database;
  api: SyncApi;
  locationId: string;
  /** Items per request (export: clamped to its 10..500). Default 100. */
  pageSize: number;
  /** How far before the watermark an incremental pass starts (search is eventually consistent). */
  overlapMs: number;
  /** This worker's name in the pass lease. */
  owner: string;
  /** How long a pass lease holds without renewal (each page renews it). */
  leaseMs: number;
}

export interface Progress {
  type: "progress";
  pass: PassKind;
  phase: PassPhase;
  conversations: { done: number; total: number | null };
  messages: { done: number; total: number | null };
  elapsedMs: number;
  /** Rows per second stored in this run of the pass. */
  rowsPerSecond: number;
  /** Estimated time left, when the totals are known. */
  etaMs: number | null;
  budget: ReturnType<SyncApi["budgetState"]>;
}

export interface PassReport {
  kind: PassKind;
  conversations: number;
  messages: number;
  /** What the pass had to change (zero when webhooks kept the mirror current); null for the backfill. */
  drift: Drift | null;
  startedAt: number;
  finishedAt: number;
}

export interface PassOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

const ISO = (ms: number) => new Date(ms).toISOString();

/** Runs the pass under way, if any, else a new one of `kind` (incremental becomes full until a backfill finished). */
export async function runPass(context: PassContext, kind: PassKind, options: PassOptions = {}): Promise<PassReport> {
  const { db, locationId, owner } = context;
  let state = await readState(db, locationId);
  // One pass at a time per location across the workers of a database; the lease is renewed with
  // every page and expires if its holder dies.
  if (!(await claimPass(db, locationId, owner, context.leaseMs))) {
    state = await readState(db, locationId);
    // A holder on this machine whose process is gone (killed, crashed): no need to wait for its lease.
    const dead = state.passOwner !== null && isDeadLocalOwner(state.passOwner);
    if (!dead || !(await claimPass(db, locationId, owner, context.leaseMs, state.passOwner!))) {
      throw new PassInProgressError(`another worker (${state.passOwner}) is running this location's pass`, state.passOwner ?? "", state.passLeaseUntil ?? 0);
    }
  }
  try {
    return await runClaimedPass(context, kind, options, state);
  } finally {
    await releasePass(db, locationId, owner).catch(() => {});
  }
}

async function runClaimedPass(context: PassContext, kind: PassKind, options: PassOptions, initial: SyncState): Promise<PassReport> {
  const { db, api, locationId, pageSize } = context;
  const signal = options.signal;
  let state = initial;
  const lease = () => ({ passLeaseUntil: Date.now() + context.leaseMs });
  if (!state.passKind) {
    const passKind: PassKind = kind === "incremental" && state.backfillDoneAt !== null && state.watermark !== null ? "incremental" : "full";
    const from = passKind === "full" ? null : Math.max(0, state.watermark! - context.overlapMs);
    const fields = {
      passKind,
      passStartedAt: Date.now(),
      passPhase: "conversations" as const,
      conversationsCursor: from,
      messagesCursor: from,
      passMaxDate: state.watermark,
      passDrift: noDrift(),
    };
    await db.transaction((tx) => writeState(tx, locationId, fields), { signal });
    state = { ...state, ...fields };
  }
  const passKind = state.passKind!;
  const startedAt = state.passStartedAt!;
  const isReconciliation = state.backfillDoneAt !== null;
  const seenAt = passKind === "full" ? startedAt : null;
  const drift = state.passDrift;
  let maxDate = state.passMaxDate;
  const counts = { conversations: 0, messages: 0 };
  const totals: { conversations: number | null; messages: number | null } = { conversations: null, messages: null };
  const runStartedAt = Date.now();

  const report = (phase: PassPhase) => {
    if (!options.onProgress) return;
    const elapsedMs = Date.now() - runStartedAt;
    const done = counts.conversations + counts.messages;
    const rowsPerSecond = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
    const left =
      totals.conversations !== null && totals.messages !== null
        ? Math.max(0, totals.conversations - counts.conversations) + Math.max(0, totals.messages - counts.messages)
        : null;
    options.onProgress({
      type: "progress",
      pass: passKind,
      phase,
      conversations: { done: counts.conversations, total: totals.conversations },
      messages: { done: counts.messages, total: totals.messages },
      elapsedMs,
      rowsPerSecond,
      etaMs: left === null || rowsPerSecond === 0 ? null : (left / rowsPerSecond) * 1000,
      budget: api.budgetState(),
    });
  };

  // The totals (one small request each) only for someone watching.
  if (options.onProgress) {
    const search = await api.client.GET("/conversations/search", {
      params: { query: { locationId, limit: 1, ...(state.conversationsCursor !== null && state.passPhase === "conversations" ? { startDate: state.conversationsCursor } : {}) } },
      signal,
    });
    totals.conversations = state.passPhase === "conversations" ? numberOr(search.data?.total, null) : 0;
    const exported = await api.client.GET("/conversations/messages/export", {
      params: { query: { locationId, limit: 10, ...(state.messagesCursor !== null ? { startDate: ISO(state.messagesCursor) } : {}) } },
      signal,
    });
    totals.messages = state.passPhase === "finish" ? 0 : numberOr((exported.data as { total?: unknown } | undefined)?.total, null);
    report(state.passPhase!);
  }

  /** Reads an iterator page by page (a page = the items that one request brought) and hands each to `store`. */
  async function byPage<Item>(items: AsyncGenerator<Item, void>, store: (page: Item[], observedAt: number) => Promise<void>) {
    let page: Item[] = [];
    let pageSentAt = 0;
    for await (const item of items) {
      const sentAt = api.lastSentAt;
      if (page.length && sentAt !== pageSentAt) {
        await store(page, pageSentAt);
        page = [];
      }
      pageSentAt = sentAt;
      page.push(item);
    }
    if (page.length) await store(page, pageSentAt);
  }

  if (state.passPhase === "conversations") {
    const query = { locationId, sortBy: "last_message_date" as const, sort: "asc" as const, ...(state.conversationsCursor !== null ? { startDate: state.conversationsCursor } : {}) };
    await byPage(api.client.searchConversations(query, { pageSize, signal }), async (documents, observedAt) => {
      const rows = documents.flatMap((document) => conversationFromSearch(document as Record<string, unknown>, locationId, observedAt, seenAt) ?? []);
      const cursor = rows.reduce<number | null>((max, row) => (row.last_message_date !== null && (max === null || row.last_message_date > max) ? row.last_message_date : max), null);
      maxDate = cursor !== null && (maxDate === null || cursor > maxDate) ? cursor : maxDate;
      await db.transaction(async (tx) => {
        const changes = await upsertConversations(tx, rows, Date.now());
        drift.conversations += changes.changed;
        await writeState(tx, locationId, { ...(cursor !== null ? { conversationsCursor: cursor } : {}), passMaxDate: maxDate, passDrift: drift, lastCheckpointAt: Date.now(), ...lease() });
      }, { signal });
      counts.conversations += rows.length;
      report("conversations");
    });
    await db.transaction((tx) => writeState(tx, locationId, { passPhase: "messages" }), { signal });
    state.passPhase = "messages";
  }

  if (state.passPhase === "messages") {
    const query = { locationId, sortBy: "createdAt" as const, sortOrder: "asc" as const, ...(state.messagesCursor !== null ? { startDate: ISO(state.messagesCursor) } : {}) };
    // Export takes 10 to 500 per page (the spec's bounds).
    await byPage(api.client.exportMessages(query, { pageSize: Math.min(500, Math.max(10, pageSize)), signal }), async (messages, observedAt) => {
      const rows = messages.flatMap((message) => messageFromApi(message as Record<string, unknown>, locationId, observedAt, seenAt) ?? []);
      await storeMessages(rows, (tx, cursor) => writeState(tx, locationId, { ...(cursor !== null ? { messagesCursor: cursor } : {}), passMaxDate: maxDate, passDrift: drift, lastCheckpointAt: Date.now(), ...lease() }));
      counts.messages += rows.length;
      report("messages");
    });
    await db.transaction((tx) => writeState(tx, locationId, { passPhase: "finish" }), { signal });
    state.passPhase = "finish";
  }

  async function storeMessages(rows: MessageRow[], checkpoint: (tx: Parameters<Parameters<Database["transaction"]>[0]>[0], cursor: number | null) => Promise<void>) {
    const cursor = rows.reduce<number | null>((max, row) => (max === null || row.date_added > max ? row.date_added : max), null);
    maxDate = cursor !== null && (maxDate === null || cursor > maxDate) ? cursor : maxDate;
    await db.transaction(async (tx) => {
      const changes = await upsertMessages(tx, rows, Date.now());
      drift.messages += changes.changed;
      await checkpoint(tx, cursor);
    }, { signal });
  }

  const finishedAt = Date.now();
  await db.transaction(async (tx) => {
    if (passKind === "full") {
      const deleted = await deleteUnseen(tx, locationId, startedAt);
      drift.deletedConversations += deleted.conversations;
      drift.deletedMessages += deleted.messages;
    }
    const fields: Partial<SyncState> = {
      passKind: null,
      passStartedAt: null,
      passPhase: null,
      conversationsCursor: null,
      messagesCursor: null,
      passMaxDate: null,
      passDrift: noDrift(),
      // Never past the pass's own start: a message dated in the future (a scheduled one) must not
      // make the next reconciliation skip what happens until then.
      watermark: maxDate === null ? null : Math.min(maxDate, startedAt),
      lastPassKind: passKind,
      lastPassFinishedAt: finishedAt,
      lastPassDrift: isReconciliation ? drift : null,
      lastCheckpointAt: finishedAt,
      ...(passKind === "full" ? { lastFullPassAt: finishedAt } : {}),
      ...(state.backfillDoneAt === null ? { backfillDoneAt: finishedAt } : {}),
    };
    await writeState(tx, locationId, fields as never);
  }, { signal });
  report("finish");
  return { kind: passKind, conversations: counts.conversations, messages: counts.messages, drift: isReconciliation ? drift : null, startedAt, finishedAt };
}

/** Owners are `host:pid:nonce`; one of this host whose pid no longer runs is dead. */
function isDeadLocalOwner(owner: string): boolean {
  const [host, pid] = owner.split(":");
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function numberOr(value: unknown, fallback: number | null): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}
