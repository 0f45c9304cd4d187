// The API misbehaving under a backfill: 429 storms longer than the client's retries, 5xx, a
// connection reset while a page is being answered (over real HTTP). The pass resumes at its
// checkpoint each time; the mirror equals the location. And the budget: a backfill leaves the
// rest of the location's limit to its other callers.
import { createConversationsClient } from "@conversations-api/client";
import { startFake } from "@conversations-api/fake";
import { expect, it } from "vitest";
import { createMirrorSync } from "../src/sync.js";
import { embeddedDirectory } from "./support/embedded-directory.js";
import { mirrorDifferences, NO_DIFFERENCE } from "./support/mirror-equality.js";
import { LOCATION_ID, seededLocation } from "./support/seeded-location.js";

const SIZE = { conversations: 200, messages: 2_000 };

it("backfills through a 429 storm, 5xx and connection resets mid-page, resuming at the checkpoint", async () => {
  const server = await startFake({ seed: 6, fixtures: seededLocation({ ...SIZE, seed: 6 }), rateLimit: { max: 1_000, intervalMs: 10_000 } });
  const sync = await createMirrorSync({ locationId: LOCATION_ID, token: "sync", baseUrl: server.url, database: await embeddedDirectory(), share: 1, pageSize: 50, maxRetries: 2, backoff: { initialDelayMs: 50, maxDelayMs: 200 } });
  try {
    const { faults } = server.fake;
    const rules = [
      // A storm longer than the client's retries (3 attempts): the pass fails and is resumed.
      faults.add({ operation: "search-conversation", status: 429, retryAfter: 0, nth: [2, 3, 4, 5] }),
      faults.add({ operation: "export-messages-by-location", status: 429, retryAfter: 0, nth: [3, 4] }),
      faults.add({ operation: "export-messages-by-location", status: 503, nth: [8, 9, 10, 11] }),
      faults.add({ operation: "export-messages-by-location", status: 500, nth: [15] }),
      // The connection drops as a page is answered: once before the fake read it, once after.
      faults.add({ operation: "export-messages-by-location", reset: "after", nth: [20] }),
      faults.add({ operation: "export-messages-by-location", reset: "before", nth: [25] }),
    ];
    const retries: unknown[] = [];
    const report = await sync.backfill({ initialDelayMs: 50, maxDelayMs: 200, onRetry: (error) => retries.push(error) });
    expect(report).toMatchObject({ kind: "full" });
    for (const rule of rules) expect(rule.hits, JSON.stringify(rule.rule)).toBeGreaterThan(0);
    // At least the storm and the 503s outlasted the client's own retries.
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(await mirrorDifferences(sync.db, { fetch: server.fake.fetch, locationId: LOCATION_ID })).toEqual(NO_DIFFERENCE);
  } finally {
    await sync.close();
    await server.stop();
  }
});

it("a backfill at share 0.5 leaves the other half of the limit: another caller gets no 429", async () => {
  // The vendor's limit scaled down (20 per second) so the test is short; the budget learns it from the headers.
  const server = await startFake({ seed: 2, fixtures: seededLocation({ conversations: 50, messages: 300, seed: 2 }), rateLimit: { max: 20, intervalMs: 1_000 } });
  const sentAt: number[] = [];
  const sync = await createMirrorSync({
    locationId: LOCATION_ID,
    token: "sync",
    baseUrl: server.url,
    database: await embeddedDirectory(),
    share: 0.5,
    pageSize: 10,
    fetch: (request, init) => {
      sentAt.push(Date.now());
      return globalThis.fetch(request, init);
    },
  });
  const other = createConversationsClient({ token: "other", baseUrl: server.url, maxRetries: 0 });
  try {
    const backfill = sync.backfill();
    // The other caller: 8 requests a second (40% of the limit) for 3 seconds.
    const statuses: number[] = [];
    const startedAt = Date.now();
    for (let i = 0; i < 24; i++) {
      const { response } = await other.GET("/conversations/search", { params: { query: { locationId: LOCATION_ID, limit: 1 } } });
      statuses.push(response.status);
      await new Promise((resolve) => setTimeout(resolve, 125));
    }
    await backfill;
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    // The backfill never took more than half the limit: 10 in any second, give or take the budget's
    // sending jitter (a slot woken late on a loaded machine, the first slots paced before the budget
    // learnt the limit from the headers). At share 1 the busiest second holds 18.
    const busiest = Math.max(...sentAt.map((at) => sentAt.filter((other) => other >= at && other < at + 1_000).length));
    expect(busiest).toBeLessThanOrEqual(12);
    expect(busiest).toBeGreaterThanOrEqual(5);
  } finally {
    await sync.close();
    await server.stop();
  }
});
