#!/usr/bin/env node
// conversations-api-sync: backfill, follow, reconcile and status from a shell (`pnpm sync` at the
// repository's root). The token comes from HIGHLEVEL_TOKEN only: a flag would show in `ps`.
import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";
import { follow } from "./follow.js";
import { progressWriter } from "./progress.js";
import { createMirrorSync, type MirrorSync } from "./sync.js";

const HELP = `Usage: conversations-api-sync <command> [options]

Commands:
  backfill    copy the location's conversations and messages (resumes where it stopped)
  follow      backfill if needed, then apply webhooks as they arrive and reconcile periodically
  reconcile   one reconciliation pass now (--full: everything, and delete what is gone)
  status      what the mirror holds, how far behind it is, the drift the last pass found

Options:
  --location <id>         the location (or HIGHLEVEL_LOCATION_ID)
  --database <dir|url>    a directory for the embedded database (default .conversations-sync),
                          or postgres://user:pass@host/db (or SYNC_DATABASE)
  --base-url <url>        the API (or HIGHLEVEL_BASE_URL; default HighLevel's)
  --share <0..1>          the share of the location's rate limit to use (default 0.5)
  --page-size <n>         items per request (default 100)
  --overlap-ms <ms>       how far back a reconciliation re-reads (default 600000)
  --json                  one JSON object per line instead of text
  follow:
  --port <n> --host <h>   the webhook receiver (default 127.0.0.1, a free port)
  --path <p>              its path (default /webhooks)
  --public-key <spki>     a key webhooks are verified with (repeatable; default HighLevel's)
  --reconcile-every-ms    time between passes (default 300000)
  --full-every <n>        every n-th pass is full (default 12; 0 never)
  reconcile:
  --full                  a full pass

The token is read from HIGHLEVEL_TOKEN (a location token or Private Integration Token).
Ctrl-C stops cleanly: what was written stays, and the next run resumes there.`;

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        location: { type: "string" },
        database: { type: "string" },
        "base-url": { type: "string" },
        share: { type: "string" },
        "page-size": { type: "string" },
        "overlap-ms": { type: "string" },
        json: { type: "boolean", default: false },
        port: { type: "string" },
        host: { type: "string" },
        path: { type: "string" },
        "public-key": { type: "string", multiple: true },
        "reconcile-every-ms": { type: "string" },
        "full-every": { type: "string" },
        full: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
})();

const json = values.json ?? false;
const out = (event: Record<string, unknown>, text: string) => process.stdout.write(json ? `${JSON.stringify(event)}\n` : `${text}\n`);

function numberOption(name: string, raw: string | undefined, check: (n: number) => boolean): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new UsageError(`--${name} ${raw}: not a valid value (see --help)`);
  return value;
}

async function main(): Promise<number> {
  const command = positionals[0];
  if (values.help || !command) {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  if (!["backfill", "follow", "reconcile", "status"].includes(command)) throw new UsageError(`unknown command ${command} (backfill, follow, reconcile, status)`);
  const locationId = values.location ?? process.env.HIGHLEVEL_LOCATION_ID;
  if (!locationId) throw new UsageError("give the location: --location <id> or HIGHLEVEL_LOCATION_ID");
  const token = process.env.HIGHLEVEL_TOKEN;
  if (!token && command !== "status") throw new UsageError("set HIGHLEVEL_TOKEN to the location's access token or Private Integration Token");
  const share = numberOption("share", values.share, (n) => n > 0 && n <= 1);
  const pageSize = numberOption("page-size", values["page-size"], (n) => Number.isInteger(n) && n > 0);
  const overlapMs = numberOption("overlap-ms", values["overlap-ms"], (n) => n >= 0);
  const port = numberOption("port", values.port, (n) => Number.isInteger(n) && n >= 0 && n < 65536);
  const reconcileEveryMs = numberOption("reconcile-every-ms", values["reconcile-every-ms"], (n) => n > 0);
  const fullEvery = numberOption("full-every", values["full-every"], (n) => Number.isInteger(n) && n >= 0);
  const baseUrl = values["base-url"] ?? process.env.HIGHLEVEL_BASE_URL;

  const stop = new AbortController();
  let interrupted = false;
  const onSignal = (name: string) => {
    if (interrupted) process.exit(130); // a second Ctrl-C: now
    interrupted = true;
    if (!json) process.stderr.write(`\n${name}: stopping; what was written stays (run again to resume)\n`);
    stop.abort(new Error(`stopped by ${name}`));
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));

  const sync: MirrorSync = await createMirrorSync({
    locationId,
    token: token ?? "unused",
    ...(baseUrl ? { baseUrl } : {}),
    database: values.database ?? process.env.SYNC_DATABASE,
    ...(share !== undefined ? { share } : {}),
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(overlapMs !== undefined ? { overlapMs } : {}),
  });
  const progress = progressWriter(json ? process.stdout : process.stderr, { json });
  const onRetry = (error: unknown, waitMs: number) => out({ type: "retry", error: (error as Error).message, waitMs }, `retrying in ${waitMs} ms after: ${(error as Error).message}`);
  try {
    if (command === "status") {
      const status = await sync.status();
      out({ type: "status", ...status }, JSON.stringify(status, null, 2));
      return 0;
    }
    if (command === "reconcile") {
      const report = await sync.reconcile({ full: values.full ?? false, signal: stop.signal, onProgress: progress, onRetry });
      progress.done();
      await sync.completeMessages({ signal: stop.signal });
      out({ type: "pass", ...report }, `${report.kind} pass done: ${report.conversations} conversations, ${report.messages} messages read; drift ${JSON.stringify(report.drift)}`);
      return 0;
    }
    const backfill = async () => {
      const report = await sync.backfill({ signal: stop.signal, onProgress: progress, onRetry, maxFailures: 20 });
      progress.done();
      out({ type: "backfill", done: true, ...(report ?? {}) }, report ? `backfill done: ${report.conversations} conversations, ${report.messages} messages` : "backfill already done");
    };
    if (command === "backfill") {
      await backfill();
      return 0;
    }
    // The receiver first: webhooks that arrive during the backfill are stored too (the version rules
    // make their order against the backfill's pages irrelevant), instead of waiting for a pass.
    const follower = await follow(sync, {
      ...(port !== undefined ? { port } : {}),
      ...(values.host ? { host: values.host } : {}),
      ...(values.path ? { path: values.path } : {}),
      ...(values["public-key"]?.length ? { publicKeys: values["public-key"] } : {}),
      ...(reconcileEveryMs !== undefined ? { reconcileEveryMs } : {}),
      ...(fullEvery !== undefined ? { fullEvery } : {}),
      signal: stop.signal,
      onPass: (pass) => out({ type: "pass", ...pass }, `${pass.kind} pass: drift ${JSON.stringify(pass.drift)}`),
      onError: (error) => out({ type: "error", error: (error as Error).message }, `error: ${(error as Error).message}`),
      onWebhook: (type, outcome) => out({ type: "webhook", event: type, outcome }, `webhook ${type}: ${outcome}`),
    });
    out({ type: "listening", url: follower.url }, `webhooks at ${follower.url}`);
    try {
      await backfill();
    } catch (error) {
      await follower.stop();
      throw error;
    }
    out({ type: "following" }, "following: webhooks as they arrive, a reconciliation pass periodically");
    await new Promise<void>((resolve) => stop.signal.addEventListener("abort", () => resolve(), { once: true }));
    await follower.stop();
    return 130;
  } catch (error) {
    if (stop.signal.aborted) return 130;
    throw error;
  } finally {
    progress.done();
    await sync.close();
  }
}

main().then(
  (code) => {
    if (code === 130) out({ type: "stopped" }, "stopped");
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof UsageError;
    out({ type: "error", name: (error as Error).name, error: (error as Error).message }, `${usage ? "" : `${(error as Error).name}: `}${(error as Error).message}`);
    process.exitCode = usage ? 2 : 1;
  },
);
