// The API's shapes as they vary (the real API against the spec): dates in three encodings, optional
// fields missing, extra fields (traceId). What the mirror stores does not depend on which it got.
import { describe, expect, it } from "vitest";
import { toEpochMs } from "../src/dates.js";
import { conversationFromSearch, messageFromApi, messageFromWebhook } from "../src/rows.js";

const MS = Date.parse("2026-03-04T05:06:07.089Z");

describe("toEpochMs", () => {
  it.each([
    ["epoch milliseconds", MS],
    ["epoch milliseconds as a string", String(MS)],
    ["{ seconds, nanoseconds }", { seconds: Math.floor(MS / 1000), nanoseconds: (MS % 1000) * 1e6 + 123 }],
    ["{ _seconds, _nanoseconds }", { _seconds: Math.floor(MS / 1000), _nanoseconds: (MS % 1000) * 1e6 }],
    ["an ISO 8601 string", "2026-03-04T05:06:07.089Z"],
    ["an ISO 8601 string with an offset", "2026-03-04T06:06:07.089+01:00"],
    ["a Date", new Date(MS)],
  ])("reads %s", (_, value) => {
    expect(toEpochMs(value)).toBe(MS);
  });

  it.each([undefined, null, "", "yesterday", {}, { seconds: "1" }, Number.NaN, Number.POSITIVE_INFINITY, []])("gives undefined for %j", (value) => {
    expect(toEpochMs(value)).toBeUndefined();
  });
});

describe("search documents", () => {
  const base = { id: "c1", locationId: "loc", contactId: "ct", unreadCount: 2, traceId: "t-1" };
  it.each([
    ["sort: [ms, seq] (the fake)", { sort: [MS, 17] }],
    ["sort: [ms] (the real API)", { sort: [MS] }],
    ["lastMessageDate in ms", { lastMessageDate: MS }],
    ["lastMessageDate as { seconds, nanoseconds }", { lastMessageDate: { seconds: Math.floor(MS / 1000), nanoseconds: (MS % 1000) * 1e6 } }],
    ["lastMessageDate as ISO", { lastMessageDate: new Date(MS).toISOString(), sort: [1] }],
  ])("take the last message date from %s", (_, fields) => {
    expect(conversationFromSearch({ ...base, ...fields }, "loc", 5, null)).toMatchObject({ id: "c1", last_message_date: MS, unread_count: 2, unread_at: 5 });
  });

  it("stores nulls for missing optional fields, and refuses a document without an id", () => {
    expect(conversationFromSearch({ id: "c2" }, "loc", 5, null)).toMatchObject({ location_id: "loc", contact_id: null, full_name: null, last_message_date: null, unread_count: null });
    expect(conversationFromSearch({ contactId: "x" }, "loc", 5, null)).toBeUndefined();
  });
});

describe("messages", () => {
  it("from the API with optional fields missing, and with the date in any encoding", () => {
    expect(messageFromApi({ id: "m1", conversationId: "c1", dateAdded: { seconds: Math.floor(MS / 1000), nanoseconds: (MS % 1000) * 1e6 } }, "loc", 9, null)).toMatchObject({
      id: "m1",
      location_id: "loc",
      date_added: MS,
      attachments: [],
      message_type: null,
      complete: true,
    });
    expect(messageFromApi({ id: "m1", conversationId: "c1" }, "loc", 9, null)).toBeUndefined();
  });

  it("from a webhook: incomplete, versioned by its timestamp", () => {
    expect(
      messageFromWebhook({ type: "InboundMessage", messageId: "m2", conversationId: "c1", locationId: "loc", messageType: "SMS", dateAdded: MS, timestamp: "2026-03-04T05:06:08.000Z" }, 1),
    ).toMatchObject({ id: "m2", channel: "SMS", message_type: null, complete: false, observed_at: MS + 911 });
  });
});
