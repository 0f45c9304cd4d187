// Search filters and sorts: status (unread, read, starred), assignedTo (with "unassigned"),
// query, dates, contact, last message type/direction/action, followers, mentions, scores, sortBy.
import { beforeAll, describe, expect, it } from "vitest";
import { createFake, type Fake, manualClock } from "../src/index.js";
import type { SearchQuery } from "@conversations-api/client";
import { specCheckedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";

const locationId = "LocAAAAAAAAAAAAAAAA1";
const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
let fake: Fake;
const fetch = specCheckedFetch(() => fake);
const client = clientOf(fetch);

beforeAll(() => {
  fake = createFake({
    clock: manualClock("2026-02-01T00:00:00.000Z"),
    rateLimit: false,
    fixtures: {
      contacts: [
        { id: "alice", locationId, fullName: "Alice Martin", email: "alice@example.com", phone: "+15550000001" },
        { id: "bob", locationId, fullName: "Bob Stone", email: "bob@example.org", phone: "+15550000002" },
        { id: "carol", locationId, fullName: "Carol King", email: "carol@example.com", phone: "+15550000003" },
        { id: "dave", locationId: "OtherLocation0000001", fullName: "Dave Other" },
      ],
      conversations: [
        { id: "A", locationId, contactId: "alice", assignedTo: "user1", followers: ["user9"], scores: { p1: 50 }, dueAt: t(30) },
        { id: "B", locationId, contactId: "bob", assignedTo: "user2", starred: true, mentions: ["user1"], scores: { p1: 10 }, dueAt: t(10) },
        { id: "C", locationId, contactId: "carol", scores: { p1: 90 } },
        { id: "D", locationId: "OtherLocation0000001", contactId: "dave" },
      ],
      messages: [
        { conversationId: "A", direction: "inbound", body: "Where is my order?", dateAdded: t(1) },
        { conversationId: "B", direction: "outbound", body: "Sent by a workflow", source: "workflow", dateAdded: t(2) },
        { conversationId: "C", direction: "outbound", body: "Typed by a person", source: "app", messageType: "TYPE_EMAIL", dateAdded: t(3), email: { from: "me@example.com", to: ["carol@example.com"] } },
        { conversationId: "C", direction: "inbound", body: "thanks", dateAdded: t(4), messageType: "TYPE_EMAIL", email: { from: "carol@example.com", to: ["me@example.com"] } },
        { conversationId: "D", direction: "inbound", body: "elsewhere", dateAdded: t(5) },
      ],
    },
  });
  fake.faults.clear();
});

async function ids(query: Omit<SearchQuery, "locationId">): Promise<string[]> {
  const { data, error } = await client.GET("/conversations/search", { params: { query: { locationId, ...query } } });
  expect(error).toBeUndefined();
  return data!.conversations.map((conversation) => conversation.id);
}

describe("search filters", () => {
  it("lists only the location's conversations, newest activity first", async () => {
    expect(await ids({})).toEqual(["C", "B", "A"]);
  });

  it("status: unread, read, starred, all", async () => {
    expect(await ids({ status: "unread" })).toEqual(["C", "A"]);
    expect(await ids({ status: "read" })).toEqual(["B"]);
    expect(await ids({ status: "starred" })).toEqual(["B"]);
    expect(await ids({ status: "all" })).toEqual(["C", "B", "A"]);
  });

  it("assignedTo: a list of users, or unassigned", async () => {
    expect(await ids({ assignedTo: "user1" })).toEqual(["A"]);
    expect(await ids({ assignedTo: "user1,user2" })).toEqual(["B", "A"]);
    expect(await ids({ assignedTo: "unassigned" })).toEqual(["C"]);
  });

  it("query: the contact's name, email or phone, or the last message, whatever the case", async () => {
    expect(await ids({ query: "alice" })).toEqual(["A"]);
    expect(await ids({ query: "EXAMPLE.ORG" })).toEqual(["B"]);
    expect(await ids({ query: "0003" })).toEqual(["C"]);
    expect(await ids({ query: "order" })).toEqual(["A"]);
    expect(await ids({ query: "nobody" })).toEqual([]);
  });

  it("dates: the last message between startDate and endDate (ms)", async () => {
    expect(await ids({ startDate: Date.parse(t(2)), endDate: Date.parse(t(3)) })).toEqual(["B"]);
  });

  it("contact, id, last message type, direction and action, followers, mentions", async () => {
    expect(await ids({ contactId: "bob" })).toEqual(["B"]);
    expect(await ids({ id: "C" })).toEqual(["C"]);
    expect(await ids({ lastMessageType: "TYPE_EMAIL" })).toEqual(["C"]);
    expect(await ids({ lastMessageDirection: "outbound" })).toEqual(["B"]);
    expect(await ids({ lastMessageAction: "automated" })).toEqual(["B"]);
    expect(await ids({ lastMessageAction: "manual" })).toEqual(["C"]);
    expect(await ids({ followers: "user9" })).toEqual(["A"]);
    expect(await ids({ mentions: "user1" })).toEqual(["B"]);
  });

  it("score profiles: filter between a minimum and maximum, and sort by a profile's score", async () => {
    expect(await ids({ scoreProfile: "p1", scoreProfileMin: 20, scoreProfileMax: 60 })).toEqual(["A"]);
    expect(await ids({ sortBy: "score_profile", sortScoreProfile: "p1" })).toEqual(["C", "A", "B"]);
  });

  it("sortBy: last manual message date, due date", async () => {
    expect(await ids({ sortBy: "last_manual_message_date" })).toEqual(["C", "A", "B"]);
    expect(await ids({ sortBy: "due_at", sort: "asc" })).toEqual(["C", "B", "A"]);
  });
});
