// The fake location keeps changing while the mirror follows it: sends, inbound messages, read
// markers, new conversations and deletes, chosen by a seeded generator (the same run for a seed).
import { createConversationsClient } from "@conversations-api/client";
import type { Fake } from "@conversations-api/fake";
import { conversationId, LOCATION_ID, seededRandom } from "./seeded-location.js";

export interface ChangeOptions {
  seed: number;
  steps: number;
  /** How many conversations the seeded location began with. */
  conversations: number;
  /** Pause between steps (lets webhooks and passes interleave). */
  pauseMs?: number;
  signal?: AbortSignal;
}

export interface ChangeLog {
  sends: number;
  inbound: number;
  reads: number;
  created: number;
  deleted: number;
}

export async function changeLocation(fake: Fake, options: ChangeOptions): Promise<ChangeLog> {
  const random = seededRandom(options.seed);
  // The fake itself (no rate limit is spent on the test's own changes beyond the fake's counting).
  const client = createConversationsClient({ token: "changes", baseUrl: "http://fake.invalid", fetch: fake.fetch, maxRetries: 10, backoff: { initialDelayMs: 100, maxDelayMs: 5_000 } });
  const live = Array.from({ length: options.conversations }, (_, i) => conversationId(i));
  const log: ChangeLog = { sends: 0, inbound: 0, reads: 0, created: 0, deleted: 0 };
  const contactOf = new Map<string, string>();
  for (let step = 0; step < options.steps; step++) {
    options.signal?.throwIfAborted();
    const roll = random.next();
    const id = random.pick(live);
    if (roll < 0.3) {
      const contactId = contactOf.get(id) ?? id.replace(/^conv/, "cont");
      await client.unwrap(client.POST("/conversations/messages", { body: { type: "SMS", contactId, message: `sent ${step}` } }));
      log.sends++;
    } else if (roll < 0.6) {
      fake.simulateInbound({ conversationId: id, body: `inbound ${step}` });
      log.inbound++;
    } else if (roll < 0.8) {
      await client.unwrap(client.PUT("/conversations/{conversationId}", { params: { path: { conversationId: id } }, body: { locationId: LOCATION_ID, unreadCount: roll < 0.77 ? 0 : 2 } }));
      log.reads++;
    } else if (roll < 0.92) {
      const contactId = `newc${String(step).padStart(16, "0")}`;
      const created = fake.simulateInbound({ locationId: LOCATION_ID, contactId, body: `hello ${step}` });
      live.push(created.conversationId);
      contactOf.set(created.conversationId, contactId);
      log.created++;
    } else if (live.length > 1) {
      await client.unwrap(client.DELETE("/conversations/{conversationId}", { params: { path: { conversationId: id } } }));
      live.splice(live.indexOf(id), 1);
      log.deleted++;
    }
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
  return log;
}
