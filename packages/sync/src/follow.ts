// follow(): keeps the mirror current. A webhook receiver (verified by @conversations-api/webhooks)
// applies InboundMessage, OutboundMessage and ConversationUnreadUpdate as they arrive; a timer runs
// a reconciliation pass every `reconcileEveryMs` (a full one every `fullEvery`-th) and then reads
// the messages webhooks described only in part. A webhook the database could not store is answered
// 5xx, so HighLevel delivers it again; one HighLevel never delivers is found by the next pass.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { MemoryReplayStore, type PublicKeyInput, type ReplayStore } from "@conversations-api/webhooks";
import { createNodeHandler } from "@conversations-api/webhooks/node";
import { PassInProgressError } from "./errors.js";
import type { PassReport } from "./pass.js";
import { sleep } from "@conversations-api/fleet";
import type { MirrorSync } from "./sync.js";

export interface FollowOptions {
  /** Port of the webhook receiver on `host`; 0 picks a free one. Default 0. */
  port?: number;
  /** Default 127.0.0.1: put your TLS proxy in front. */
  host?: string;
  /** The path HighLevel posts to. Default "/webhooks". */
  path?: string;
  /** The keys webhooks are verified with; default HighLevel's (the fake's in tests). */
  publicKeys?: readonly PublicKeyInput[];
  /** Shared by workers behind one URL (the fleet's Redis store); default one in memory. Duplicates are harmless anyway. */
  replayStore?: ReplayStore;
  /** The receiver's clock for the webhooks' timestamp window. */
  now?: () => number;
  /** Time between reconciliation passes. Default 5 minutes. */
  reconcileEveryMs?: number;
  /** Every n-th pass is full (deletes what is gone). Default 12; 0 never. */
  fullEvery?: number;
  signal?: AbortSignal;
  /** Each pass's report, and each failure (the follower carries on). */
  onPass?: (report: PassReport) => void;
  onError?: (error: unknown) => void;
  onWebhook?: (type: string, outcome: string) => void;
}

export interface Follower {
  /** The receiver's URL, e.g. http://127.0.0.1:41233/webhooks. */
  readonly url: string;
  /** Passes finished since follow() began. */
  readonly passes: number;
  /** Stops the timer and the receiver; resolves once the pass under way (if any) has stopped. */
  stop(): Promise<void>;
}

export async function follow(sync: MirrorSync, options: FollowOptions = {}): Promise<Follower> {
  const path = options.path ?? "/webhooks";
  const stopping = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopping.signal]) : stopping.signal;
  const replayStore = options.replayStore ?? new MemoryReplayStore();
  const handle = createNodeHandler(
    async (event) => {
      const payload = event as unknown as Record<string, unknown>;
      const outcome = await sync.applyWebhook(payload);
      options.onWebhook?.(String(payload.type), outcome);
    },
    {
      replayStore,
      ...(options.publicKeys ? { publicKeys: options.publicKeys } : {}),
      ...(options.now ? { now: options.now } : {}),
      onError: (error: unknown) => options.onError?.(error),
    } as never,
  );
  const server: Server = createServer((request, response) => {
    if (request.method !== "POST" || (request.url ?? "").split("?")[0] !== path) {
      response.statusCode = 404;
      response.end();
      return;
    }
    handle(request, response).catch(() => {
      // The handler answers its own failures; this is for one that escaped it.
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.address.includes(":") ? `[${address.address}]` : address.address;

  let passes = 0;
  const everyMs = options.reconcileEveryMs ?? 5 * 60_000;
  const fullEvery = options.fullEvery ?? 12;
  const loop = (async () => {
    while (!signal.aborted) {
      try {
        await sleep(everyMs, signal);
        const full = fullEvery > 0 && (passes + 1) % fullEvery === 0;
        const report = await sync.reconcile({ full, signal });
        await sync.completeMessages({ signal });
        passes++;
        options.onPass?.(report);
      } catch (error) {
        if (signal.aborted) break;
        // Another worker of the same database runs the passes now: this one receives webhooks only.
        if (error instanceof PassInProgressError) continue;
        options.onError?.(error);
      }
    }
  })();

  return {
    url: `http://${host}:${address.port}${path}`,
    get passes() {
      return passes;
    },
    async stop() {
      stopping.abort(new Error("follow stopped"));
      await loop;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
