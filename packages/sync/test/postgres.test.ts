// PostgreSQL: two workers share one mirror (one backfills, both receive webhooks), the database
// restarts while they follow, webhooks are dropped, duplicated and reordered between them: the
// mirror equals the location.
import { createFake } from "@conversations-api/fake";
import { startPostgres, type RunningPostgres } from "@test/support/postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../src/database.js";
import { follow } from "../src/follow.js";
import { createMirrorSync } from "../src/sync.js";
import { changeLocation } from "./support/location-changes.js";
import { mirrorDifferences, NO_DIFFERENCE } from "./support/mirror-equality.js";
import { LOCATION_ID, seededLocation } from "./support/seeded-location.js";
import { webhookChaos } from "./support/webhook-chaos.js";

const SIZE = { conversations: 200, messages: 2_000 };
let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

it("the harness runs PostgreSQL on a free port, by PID, and restarts it", async () => {
  const db = await openDatabase(postgres.url);
  try {
    const [row] = await db.query<{ server_version: string }>("SHOW server_version");
    expect(row!.server_version).toMatch(/^\d+/);
    const before = postgres.pid;
    await postgres.restart();
    expect(postgres.pid).not.toBe(before);
    // The pool's connection died with the server: the next query reconnects.
    expect(await db.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  } finally {
    await db.close();
  }
});

it("two workers share one mirror through a database restart and webhooks dropped, duplicated and reordered", async () => {
  const followers: Array<{ url: string }> = [];
  const chaos = webhookChaos({ targets: () => followers.map((follower) => follower.url), seed: 21, drop: 0.15, duplicate: 0.2, maxDelayMs: 150 });
  const fake = createFake({ seed: 5, fixtures: seededLocation({ ...SIZE, seed: 5 }), rateLimit: { max: 1_000, intervalMs: 10_000 }, webhooks: { fetch: chaos.fetch } });
  const options = { locationId: LOCATION_ID, token: "sync", baseUrl: "http://fake.invalid", fetch: fake.fetch, database: postgres.url, share: 1, overlapMs: 1_000 };
  const first = await createMirrorSync(options);
  const second = await createMirrorSync(options); // migrations on start: the second finds them applied
  try {
    await first.backfill();
    for (const sync of [first, second]) {
      const follower = await follow(sync, { publicKeys: [fake.webhooks.publicKey], reconcileEveryMs: 60_000 });
      followers.push(follower);
    }
    fake.webhooks.setUrls({ appUrl: "http://receivers.invalid/webhooks" });

    const changes = changeLocation(fake, { seed: 13, steps: 90, conversations: SIZE.conversations, pauseMs: 15 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await postgres.restart({ downMs: 300 });
    const log = await changes;
    await fake.webhooks.idle();
    await chaos.settled();
    await fake.webhooks.idle(); // what the receivers refused while the database was down came again
    expect(chaos.dropped).toBeGreaterThan(0);
    expect(chaos.duplicated).toBeGreaterThan(0);
    expect(log.inbound + log.sends).toBeGreaterThan(20);

    // Webhooks were dropped: an incremental pass finds and repairs them (the drift it reports).
    const repaired = await second.reconcile();
    expect(repaired.drift!.messages).toBeGreaterThan(0);
    await first.completeMessages();
    await first.reconcile({ full: true });
    expect(await mirrorDifferences(first.db, { fetch: fake.fetch, locationId: LOCATION_ID })).toEqual(NO_DIFFERENCE);
    const status = await second.status();
    expect(status.lastPass).toMatchObject({ kind: "full" });
  } finally {
    for (const follower of followers as Array<{ stop?: () => Promise<void> }>) await follower.stop?.();
    await first.close();
    await second.close();
  }
});

it("one pass at a time per location across workers: the other is told, and takes over from a worker that died", async () => {
  const fake = createFake({ seed: 8, fixtures: seededLocation({ conversations: 30, messages: 200, seed: 8 }), rateLimit: false });
  const options = { locationId: LOCATION_ID, token: "sync", baseUrl: "http://fake.invalid", fetch: fake.fetch, database: postgres.url, share: 1, overlapMs: 1_000 };
  const first = await createMirrorSync(options);
  const second = await createMirrorSync(options);
  try {
    // A fresh mirror (the previous test's used this location too).
    for (const table of ["sync_state", "messages", "conversations"]) await first.db.query(`DELETE FROM ${table}`);
    // The first worker's pass is slow (its search answers after 500 ms): the second's finds it running.
    fake.faults.add({ operation: "search-conversation", latencyMs: 500, times: 1 });
    const running = first.backfill();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(second.reconcile()).rejects.toMatchObject({ name: "PassInProgressError" });
    await running;
    expect((await second.reconcile()).kind).toBe("incremental");

    // A worker that died holding the lease: the others wait for it to expire, then take over.
    await first.db.query("UPDATE sync_state SET pass_owner = 'dead-worker', pass_lease_until = $2 WHERE location_id = $1", [LOCATION_ID, Date.now() + 60_000]);
    await expect(second.reconcile()).rejects.toMatchObject({ name: "PassInProgressError", owner: "dead-worker" });
    await first.db.query("UPDATE sync_state SET pass_lease_until = $2 WHERE location_id = $1", [LOCATION_ID, Date.now() - 1]);
    expect((await second.reconcile()).kind).toBe("incremental");
    expect((await second.status()).passUnderWay).toBeNull();
  } finally {
    await first.close();
    await second.close();
  }
});
