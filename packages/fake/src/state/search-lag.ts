// Search's eventual consistency, as production shows it (the vendor's docs issue #5): right after a
// conversation is created, search may not return it yet. Off unless the fake's `searchLag` option
// asks for it, so that tests stay deterministic; on, a conversation created through the API (or
// `simulateInbound`) stays out of search results until both of the lag's bounds have passed.
import { FakeUsageError } from "../usage-error.js";
import type { ConversationRecord } from "./records.js";

export interface SearchLag {
  /** Milliseconds (of the fake's clock) during which search leaves a new conversation out. */
  ms?: number;
  /** How many searches of its location leave a new conversation out. */
  searches?: number;
}

export function checkSearchLag(lag: SearchLag | undefined): SearchLag | undefined {
  if (lag === undefined) return undefined;
  for (const [name, value] of Object.entries(lag)) {
    if (!["ms", "searches"].includes(name)) throw new FakeUsageError(`searchLag: unknown option ${name} (ms, searches)`);
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new FakeUsageError(`searchLag.${name} must be a number, 0 or more; got ${String(value)}`);
    }
  }
  return lag.ms || lag.searches ? lag : undefined;
}

/** Marks a conversation just created as not yet searchable. */
export function hideFromSearch(conversation: ConversationRecord, lag: SearchLag, now: number): void {
  conversation.searchHidden = { until: now + (lag.ms ?? 0), searches: lag.searches ?? 0 };
}

/**
 * Whether search may return the conversation now; a search of its location that leaves it out
 * counts down its `searches`. Call once per conversation per search.
 */
export function searchable(conversation: ConversationRecord, locationId: string, now: number): boolean {
  const hidden = conversation.searchHidden;
  if (!hidden) return true;
  if (now >= hidden.until && hidden.searches <= 0) {
    delete conversation.searchHidden;
    return true;
  }
  if (conversation.locationId === locationId) hidden.searches -= 1;
  return false;
}
