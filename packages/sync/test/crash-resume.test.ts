// The sync process SIGKILLed at random points (during the backfill, during passes, while webhooks
// arrive) and started again, while the location keeps changing: nothing lost, nothing duplicated.
import { startFake } from "@conversations-api/fake";
import { findFreePort } from "@test/support";
import { startPostgres } from "@test/support/postgres";
import { afterEach, expect, it } from "vitest";
import { openDatabase } from "../src/database.js";
import { embeddedDirectory } from "./support/embedded-directory.js";
import { changeLocation } from "./support/location-changes.js";
import { mirrorDifferences, NO_DIFFERENCE } from "./support/mirror-equality.js";
import { LOCATION_ID, seededLocation, seededRandom } from "./support/seeded-location.js";
import { startSyncProcess, type SyncProcess } from "./support/sync-process.js";

const SIZE = { conversations: 200, messages: 2_000 };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

it("resumes after SIGKILL at random points without losing or duplicating anything", async () => {
  // A generous limit: this test is about crashes (the budget follows the fake's X-RateLimit-Max).
  const server = await startFake({ seed: 3, fixtures: seededLocation({ ...SIZE, seed: 3 }), rateLimit: { max: 1_000, intervalMs: 10_000 } });
  cleanups.push(() => server.stop());
  const { fake } = server;
  const directory = await embeddedDirectory();
  const port = await findFreePort();
  fake.webhooks.setUrls({ appUrl: `http://127.0.0.1:${port}/webhooks` });
  const args = [
    "follow",
    ...["--location", LOCATION_ID, "--database", directory, "--base-url", server.url, "--share", "1", "--page-size", "50"],
    ...["--port", String(port), "--public-key", fake.webhooks.publicKey, "--reconcile-every-ms", "300", "--full-every", "3", "--overlap-ms", "1000"],
  ];
  const start = () => {
    const process = startSyncProcess(args, { HIGHLEVEL_TOKEN: "sync-token" });
    cleanups.push(() => process.kill("SIGKILL"));
    return process;
  };

  const random = seededRandom(5);
  const changes = changeLocation(fake, { seed: 9, steps: 100, conversations: SIZE.conversations, pauseMs: 40 });
  let killed = 0;
  let sawBackfillKill = false;
  let current: SyncProcess = start();
  for (let round = 0; round < 4; round++) {
    // Killed from 0.3 to 1.8 s after it started: in the backfill, in a pass, between webhooks.
    await new Promise((resolve) => setTimeout(resolve, 300 + random.int(1_500)));
    if (!current.events.some((event) => event.type === "backfill")) sawBackfillKill = true;
    const exit = await current.kill("SIGKILL");
    expect(exit.signal).toBe("SIGKILL");
    killed++;
    current = start();
  }
  const log = await changes;
  const changesEndedAt = Date.now();
  expect(killed).toBe(4);
  expect(sawBackfillKill).toBe(true);
  expect(log.deleted + log.created + log.sends + log.inbound).toBeGreaterThan(50);

  // The last process catches up: a full pass that began after the last change.
  await current.waitFor((event) => event.type === "pass" && event.kind === "full" && Number(event.startedAt) > changesEndedAt, 40_000);
  await fake.webhooks.idle();
  const exit = await current.kill("SIGTERM");
  expect(exit.code, current.output()).toBe(130);

  const db = await openDatabase(directory);
  cleanups.push(() => db.close());
  expect(await mirrorDifferences(db, { fetch: fake.fetch, locationId: LOCATION_ID })).toEqual(NO_DIFFERENCE);
});

it.each(["embedded", "PostgreSQL"] as const)("a backfill SIGKILLed mid-page resumes at its checkpoint (%s): each restart reads on at once, and the mirror equals the location", async (kind) => {
  // 20 requests a second: the backfill (about 55 requests) lasts long enough to be killed three times.
  const server = await startFake({ seed: 4, fixtures: seededLocation({ ...SIZE, seed: 4 }), rateLimit: { max: 200, intervalMs: 10_000 } });
  cleanups.push(() => server.stop());
  let directory: string;
  if (kind === "PostgreSQL") {
    // A killed worker leaves its pass lease behind: a restart on the same machine takes it over at once.
    const postgres = await startPostgres();
    cleanups.push(() => postgres.stop());
    directory = postgres.url;
  } else directory = await embeddedDirectory();
  const args = ["backfill", "--location", LOCATION_ID, "--database", directory, "--base-url", server.url, "--share", "1", "--page-size", "40"];
  const random = seededRandom(8);
  const cursors: number[] = [];
  for (let round = 0; round < 3; round++) {
    const process = startSyncProcess(args, { HIGHLEVEL_TOKEN: "sync-token" });
    cleanups.push(() => process.kill("SIGKILL"));
    // Killed once it has stored some pages, at a random moment after.
    await process.waitFor((event) => event.type === "progress" && (event.messages as { done: number }).done + (event.conversations as { done: number }).done > 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, random.int(600)));
    expect((await process.kill("SIGKILL")).signal).toBe("SIGKILL");
    const db = await openDatabase(directory);
    const [row] = await db.query<{ c: number | null; m: number | null; phase: string | null }>(
      "SELECT conversations_cursor AS c, messages_cursor AS m, pass_phase AS phase FROM sync_state WHERE location_id = $1",
      [LOCATION_ID],
    );
    await db.close();
    cursors.push(row?.phase === "messages" ? 1e15 + Number(row.m) : Number(row?.c ?? 0));
  }
  // Every run took the backfill further than the one before it.
  expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
  expect(new Set(cursors).size).toBe(cursors.length);

  const last = startSyncProcess(args, { HIGHLEVEL_TOKEN: "sync-token" });
  cleanups.push(() => last.kill("SIGKILL"));
  // Within seconds, not the lease's 2 minutes.
  const done = await last.waitFor((event) => event.type === "backfill", 30_000);
  // It resumed: it read fewer messages than the location has.
  expect(Number(done.messages)).toBeLessThan(SIZE.messages);
  expect((await last.exited).code).toBe(0);
  const db = await openDatabase(directory);
  cleanups.push(() => db.close());
  expect(await mirrorDifferences(db, { fetch: server.fake.fetch, locationId: LOCATION_ID })).toEqual(NO_DIFFERENCE);
});
