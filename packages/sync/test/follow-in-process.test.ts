// Backfill, then follow while the fake keeps changing: the mirror equals the fake, query by query.
import { createFake, type Fake } from "@conversations-api/fake";
import { afterEach, describe, expect, it } from "vitest";
import { follow } from "../src/follow.js";
import { createMirrorSync, type MirrorSync } from "../src/sync.js";
import { embeddedDirectory } from "./support/embedded-directory.js";
import { changeLocation } from "./support/location-changes.js";
import { mirrorDifferences, NO_DIFFERENCE } from "./support/mirror-equality.js";
import { LOCATION_ID, seededLocation } from "./support/seeded-location.js";

const SIZE = { conversations: 200, messages: 2_000 };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setUp(fakeOptions: Parameters<typeof createFake>[0] = {}): Promise<{ fake: Fake; sync: MirrorSync; directory: string }> {
  // A generous limit (the budget follows the fake's X-RateLimit-Max): the budget has its own tests.
  const fake = createFake({ seed: 7, fixtures: seededLocation({ ...SIZE, seed: 7 }), rateLimit: { max: 1_000, intervalMs: 10_000 }, ...fakeOptions });
  const directory = await embeddedDirectory();
  const sync = await createMirrorSync({ locationId: LOCATION_ID, token: "sync", baseUrl: "http://fake.invalid", fetch: fake.fetch, database: directory, share: 1, overlapMs: 1_000 });
  cleanups.push(() => sync.close());
  return { fake, sync, directory };
}

describe("backfill and follow (embedded database, fake in process)", () => {
  it("backfills a mirror equal to the location; then applies webhooks as they arrive, and a pass leaves it equal to the changed location", async () => {
    const { fake, sync } = await setUp();
    const report = await sync.backfill();
    expect(report).toMatchObject({ kind: "full", conversations: SIZE.conversations, messages: SIZE.messages });
    expect(await mirrorDifferences(sync.db, { fetch: fake.fetch, locationId: LOCATION_ID })).toEqual(NO_DIFFERENCE);
    // A second backfill is a no-op; the status says it is done.
    expect(await sync.backfill()).toBeUndefined();
    expect(await sync.status()).toMatchObject({ conversations: SIZE.conversations, messages: SIZE.messages, backfillDone: true, passUnderWay: null });

    const follower = await follow(sync, { publicKeys: [fake.webhooks.publicKey], reconcileEveryMs: 60_000 });
    cleanups.push(() => follower.stop());
    fake.webhooks.setUrls({ appUrl: follower.url });
    const log = await changeLocation(fake, { seed: 11, steps: 60, conversations: SIZE.conversations });
    expect(log.sends + log.inbound).toBeGreaterThan(20);
    expect(log.deleted).toBeGreaterThan(0);
    const deliveries = await fake.webhooks.idle();
    expect(deliveries.every((delivery) => delivery.state === "delivered")).toBe(true);

    // Webhooks alone: every message the API has is in the mirror already, with no pass run.
    const beforePass = await mirrorDifferences(sync.db, { fetch: fake.fetch, locationId: LOCATION_ID });
    expect(beforePass.messages.missing).toEqual([]);
    const status = await sync.status();
    expect(status.webhooksApplied).toBe(deliveries.length);

    // A full pass (deletes are announced by no webhook) and reading what webhooks described in part.
    await sync.completeMessages();
    const pass = await sync.reconcile({ full: true });
    expect(pass.drift!.deletedConversations).toBe(log.deleted);
    expect(await mirrorDifferences(sync.db, { fetch: fake.fetch, locationId: LOCATION_ID })).toEqual(NO_DIFFERENCE);
  });
});
