// Pagination as async iterators, against a loopback server that pages like the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidResponseError, NotFoundError, createConversationsClient } from "../../src/index.js";
import { conversation, json, message, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const client = () => createConversationsClient({ token: "t0ken", baseUrl: server.url, backoff: { initialDelayMs: 1 } });
const query = (index: number) => new URL(server.seen[index]!.url, server.url).searchParams;
async function collect<T>(items: AsyncIterable<T>) {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("searchConversations", () => {
  it("passes the sort value of the last document as startAfterDate and stops once `total` documents came", async () => {
    server.script(
      json(200, { conversations: [conversation("c1", { sort: [300] }), conversation("c2", { sort: [200] })], total: 5 }),
      json(200, { conversations: [conversation("c3", { sort: [150] }), conversation("c4", { sort: [100] })], total: 5 }),
      json(200, { conversations: [conversation("c5", { sort: [50] })], total: 5 }),
    );
    const ids = (await collect(client().searchConversations({ locationId: "location", status: "unread" }, { pageSize: 2 }))).map(
      (item) => item.id,
    );
    expect(ids).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(server.seen).toHaveLength(3);
    expect(query(0).get("startAfterDate")).toBeNull();
    expect(query(0).get("limit")).toBe("2");
    expect(query(0).get("status")).toBe("unread");
    expect(query(1).get("startAfterDate")).toBe("200");
    expect(query(2).get("startAfterDate")).toBe("100");
  });

  it("stops once `total` documents were seen, without asking for an empty page", async () => {
    server.script(json(200, { conversations: [conversation("c1", { sort: [2] }), conversation("c2", { sort: [1] })], total: 2 }));
    expect(await collect(client().searchConversations({ locationId: "l" }, { pageSize: 2 }))).toHaveLength(2);
    expect(server.seen).toHaveLength(1);
  });

  it("falls back to a numeric lastMessageDate when there is no sort array", async () => {
    server.script(
      json(200, { conversations: [conversation("c1", { lastMessageDate: 1700000000000 })], total: 9 }),
      json(200, { conversations: [], total: 9 }),
    );
    await collect(client().searchConversations({ locationId: "l" }, { pageSize: 1 }));
    expect(query(1).get("startAfterDate")).toBe("1700000000000");
    expect(server.seen).toHaveLength(2);
  });

  it("ends after the page when the last document has no sort value, rather than repeat it", async () => {
    server.script(json(200, { conversations: [conversation("c1")], total: 9 }));
    expect(await collect(client().searchConversations({ locationId: "l" }, { pageSize: 1 }))).toHaveLength(1);
    expect(server.seen).toHaveLength(1);
  });

  it("ends when the next page would start after the same sort value again", async () => {
    server.script(json(200, { conversations: [conversation("c1", { sort: [7] })], total: 9 }));
    await collect(client().searchConversations({ locationId: "l" }, { pageSize: 1 }));
    expect(server.seen).toHaveLength(2);
  });
});

describe("conversationMessages", () => {
  it("follows lastMessageId while nextPage is true", async () => {
    server.script(
      json(200, { messages: [message("m1"), message("m2")], lastMessageId: "m2", nextPage: true }),
      json(200, { messages: [message("m3")], lastMessageId: "m3", nextPage: false }),
    );
    const ids = (await collect(client().conversationMessages("conv-1", { type: ["TYPE_SMS"] }, { pageSize: 2 }))).map((m) => m.id);
    expect(ids).toEqual(["m1", "m2", "m3"]);
    expect(server.seen).toHaveLength(2);
    expect(new URL(server.seen[0]!.url, server.url).pathname).toBe("/conversations/conv-1/messages");
    expect(query(0).get("lastMessageId")).toBeNull();
    expect(query(1).get("lastMessageId")).toBe("m2");
    expect(query(1).get("type")).toBe("TYPE_SMS");
  });

  it("throws the error class of a failed page out of the loop", async () => {
    server.script(json(404, { statusCode: 404, message: "Conversation not found" }));
    await expect(collect(client().conversationMessages("missing"))).rejects.toBeInstanceOf(NotFoundError);
    expect(server.seen).toHaveLength(1);
  });
});

// The pages as the API sends them (issue 18): get-messages wraps its page, search carries `traceId`
// and the sort value as epoch ms. The documented shapes above still work.
describe("the real page shapes", () => {
  const wrapped = (page: object) => ({ messages: page, traceId: "0f6a7c1e-5b2d-4c9a-9e1f-2a3b4c5d6e7f" });

  it("conversationMessages reads the wrapped page and stops on `nextPage: false`, though the last page has a lastMessageId", async () => {
    server.script(
      json(200, wrapped({ lastMessageId: "m2", nextPage: true, messages: [message("m1"), message("m2")] })),
      json(200, wrapped({ lastMessageId: "m3", nextPage: false, messages: [message("m3")] })),
      json(200, wrapped({ lastMessageId: "m3", nextPage: false, messages: [message("m4")] })),
    );
    const ids = (await collect(client().conversationMessages("conv-1", {}, { pageSize: 2 }))).map((m) => m.id);
    expect(ids).toEqual(["m1", "m2", "m3"]);
    expect(server.seen).toHaveLength(2);
    expect(query(1).get("lastMessageId")).toBe("m2");
  });

  it("conversationMessages goes on from the last message when a page says nextPage without a lastMessageId", async () => {
    server.script(
      json(200, wrapped({ nextPage: true, messages: [message("m1"), message("m2")] })),
      json(200, wrapped({ lastMessageId: "m3", nextPage: false, messages: [message("m3")] })),
    );
    expect((await collect(client().conversationMessages("conv-1", {}, { pageSize: 2 }))).map((m) => m.id)).toEqual(["m1", "m2", "m3"]);
    expect(query(1).get("lastMessageId")).toBe("m2");
  });

  it("a wrapped page without its list is an InvalidResponseError", async () => {
    server.script(json(200, wrapped({ lastMessageId: "m1", nextPage: true })));
    await expect(collect(client().conversationMessages("conv-1"))).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("searchConversations passes the last item's sort[0], epoch ms, as startAfterDate", async () => {
    const page = (...items: [string, number][]) => ({
      conversations: items.map(([id, at]) => conversation(id, { lastMessageDate: at, dateUpdated: at, sort: [at] })),
      total: 3,
      traceId: "5d1c3e0a-8f7b-4a6e-9c2d-1b0a9f8e7d6c",
    });
    server.script(json(200, page(["c1", 1784280615250], ["c2", 1784280000000])), json(200, page(["c3", 1784270000000])));
    expect((await collect(client().searchConversations({ locationId: "l" }, { pageSize: 2 }))).map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
    expect(query(1).get("startAfterDate")).toBe("1784280000000");
    expect(server.seen).toHaveLength(2);
  });
});

describe("exportMessages", () => {
  it("passes nextCursor as cursor until a page has none", async () => {
    server.script(
      json(200, { messages: [message("m1")], nextCursor: "cursor-2", total: 3 }),
      json(200, { messages: [message("m2")], nextCursor: "cursor-3", total: 3 }),
      json(200, { messages: [message("m3")], total: 3 }),
    );
    const ids = (await collect(client().exportMessages({ locationId: "l", channel: "SMS" }, { pageSize: 10 }))).map((m) => m.id);
    expect(ids).toEqual(["m1", "m2", "m3"]);
    expect([0, 1, 2].map((index) => query(index).get("cursor"))).toEqual([null, "cursor-2", "cursor-3"]);
    expect(query(0).get("limit")).toBe("10");
  });

  it("retries a failed page like any GET, and goes on", async () => {
    server.script(json(503, {}), json(200, { messages: [message("m1")], total: 1 }));
    expect(await collect(client().exportMessages({ locationId: "l" }))).toHaveLength(1);
    expect(server.seen).toHaveLength(2);
  });
});

// The guard all three iterators share (issue 8, item 5): nothing lost, nothing repeated.
describe("the pagination guard", () => {
  const ids = async (items: AsyncIterable<{ id: string }>) => (await collect(items)).map((item) => item.id);

  it("a server that ignores the cursor: each item once, and the repeated cursor ends it (all three iterators)", async () => {
    server.script(json(200, { conversations: [conversation("c1", { sort: [2] }), conversation("c2", { sort: [1] })], total: 9 }));
    expect(await ids(client().searchConversations({ locationId: "l" }, { pageSize: 2 }))).toEqual(["c1", "c2"]);
    expect(server.seen).toHaveLength(2);

    server.script(json(200, { messages: [message("m1"), message("m2")], lastMessageId: "m2", nextPage: true }));
    expect(await ids(client().conversationMessages("conv", {}, { pageSize: 2 }))).toEqual(["m1", "m2"]);
    expect(server.seen).toHaveLength(2);

    server.script(json(200, { messages: [message("m1")], nextCursor: "cursor-2", total: 9 }));
    expect(await ids(client().exportMessages({ locationId: "l" }))).toEqual(["m1"]);
    expect(server.seen).toHaveLength(2);
  });

  it("a page capped below pageSize does not end it while `total` says more", async () => {
    server.script(
      json(200, { conversations: [conversation("c1", { sort: [6] }), conversation("c2", { sort: [5] })], total: 5 }),
      json(200, { conversations: [conversation("c3", { sort: [4] }), conversation("c4", { sort: [3] })], total: 5 }),
      json(200, { conversations: [conversation("c5", { sort: [2] })], total: 5 }),
    );
    expect(await ids(client().searchConversations({ locationId: "l" }, { pageSize: 50 }))).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(server.seen).toHaveLength(3);
  });

  it("a short page without a `total` ends the search", async () => {
    server.script(json(200, { conversations: [conversation("c1", { sort: [6] })] }));
    expect(await ids(client().searchConversations({ locationId: "l" }, { pageSize: 50 }))).toEqual(["c1"]);
    expect(server.seen).toHaveLength(1);
  });

  it("a cursor cycle A, B, A ends when it comes back, with every item once", async () => {
    server.script(
      json(200, { messages: [message("m1")], nextCursor: "A", total: 99 }),
      json(200, { messages: [message("m2")], nextCursor: "B", total: 99 }),
      json(200, { messages: [message("m3")], nextCursor: "A", total: 99 }),
      json(200, { messages: [message("m4")], nextCursor: "C", total: 99 }),
    );
    expect(await ids(client().exportMessages({ locationId: "l" }))).toEqual(["m1", "m2", "m3"]);
    expect(server.seen).toHaveLength(3);
  });

  it("an item already yielded in this iteration is not yielded again", async () => {
    server.script(
      json(200, { messages: [message("m1"), message("m2")], lastMessageId: "m2", nextPage: true }),
      json(200, { messages: [message("m2"), message("m3")], lastMessageId: "m3", nextPage: false }),
    );
    expect(await ids(client().conversationMessages("conv", {}, { pageSize: 2 }))).toEqual(["m1", "m2", "m3"]);
    expect(server.seen).toHaveLength(2);
  });

  it("an empty page ends it", async () => {
    server.script(json(200, { messages: [], nextCursor: "more", total: 99 }));
    expect(await ids(client().exportMessages({ locationId: "l" }))).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });

  for (const [name, iterate, page] of [
    ["searchConversations", () => client().searchConversations({ locationId: "l" }), { total: 3 }],
    ["conversationMessages", () => client().conversationMessages("conv"), { messages: "none", nextPage: true }],
    ["exportMessages", () => client().exportMessages({ locationId: "l" }), { messages: [message("m1"), null], total: 3 }],
  ] as const) {
    it(`a malformed 200 page is an InvalidResponseError (${name}), not a TypeError`, async () => {
      server.script(json(200, page));
      const failure = await collect(iterate() as AsyncIterable<unknown>).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(InvalidResponseError);
      expect((failure as InvalidResponseError).status).toBe(200);
      expect((failure as InvalidResponseError).attempts).toBe(1);
      expect((failure as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/conversations\/.* no (conversations|messages) list$/);
      expect(server.seen).toHaveLength(1);
    });
  }
});
