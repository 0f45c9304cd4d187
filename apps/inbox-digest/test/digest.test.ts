// The digest against the mock (Prism serving the spec's examples), through the real client.
// A recording fetch shows what the digest asked for; a `Prefer` header makes Prism answer errors.
import { createConversationsClient } from "@conversations-api/client";
import { type RunningMock, startMock } from "@conversations-api/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectUnreadDigest, DigestError } from "../src/digest.js";
import { renderDigest } from "../src/render.js";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.stop());

/** A client on the mock whose requests are recorded, and optionally answered with an error status. */
function recordingClient(errorFor?: { path: RegExp; status: number }) {
  const requests: URL[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    requests.push(url);
    if (errorFor?.path.test(url.pathname)) request.headers.set("Prefer", `code=${errorFor.status}`);
    return globalThis.fetch(request);
  };
  return { client: createConversationsClient({ token: "digest-token", baseUrl: mock.url, fetch }), requests };
}

const searches = (requests: URL[]) => requests.filter((url) => url.pathname === "/conversations/search");

describe("collectUnreadDigest", () => {
  it("searches unread conversations, newest activity first, and fetches each one's latest messages", async () => {
    const { client, requests } = recordingClient();
    const digest = await collectUnreadDigest(client, { locationId: "ABCHkzuJQ8ZMd4Te84GK", messagesPerConversation: 2 }, new Date("2026-01-02T03:04:05Z"));

    const [search] = searches(requests);
    expect(Object.fromEntries(search?.searchParams ?? [])).toEqual({
      locationId: "ABCHkzuJQ8ZMd4Te84GK",
      status: "unread",
      sort: "desc",
      sortBy: "last_message_date",
      limit: "20",
    });
    const messages = requests.filter((url) => url.pathname.endsWith("/messages"));
    expect(messages.map((url) => `${url.pathname}?${url.searchParams}`)).toEqual(["/conversations/ABCHkzuJQ8ZMd4Te84GK/messages?limit=2"]);

    expect(digest).toEqual({
      locationId: "ABCHkzuJQ8ZMd4Te84GK",
      generatedAt: "2026-01-02T03:04:05.000Z",
      totalUnread: 100,
      pagesFetched: 1,
      entries: [
        {
          conversationId: "ABCHkzuJQ8ZMd4Te84GK",
          contactName: "John Doe",
          channel: "TYPE_SMS",
          unreadCount: 1,
          latestMessages: [{ direction: "inbound", messageType: "TYPE_SMS", dateAdded: "2024-03-27T18:13:49.000Z", body: "Hi there" }],
        },
      ],
    });
  });

  it("pages with startAfterDate set to the last conversation's latest message date, and stops when a page brings nothing new", async () => {
    const { client, requests } = recordingClient();
    // One per page: the mock answers every page with the same example conversation (total 100).
    const digest = await collectUnreadDigest(client, { locationId: "loc", pageSize: 1 });
    const pages = searches(requests);
    expect(pages).toHaveLength(2);
    expect(pages[0]?.searchParams.has("startAfterDate")).toBe(false);
    expect(pages[1]?.searchParams.get("startAfterDate")).toBe(String(Date.parse("2024-03-27T18:13:49.000Z")));
    expect(pages[1]?.searchParams.get("limit")).toBe("1");
    expect(digest.pagesFetched).toBe(2);
    expect(digest.entries).toHaveLength(1);
  });

  it("stops at maxConversations without asking for another page", async () => {
    const { client, requests } = recordingClient();
    const digest = await collectUnreadDigest(client, { locationId: "loc", pageSize: 1, maxConversations: 1 });
    expect(searches(requests)).toHaveLength(1);
    expect(digest.entries).toHaveLength(1);
  });

  it("fails with the status and the API's message when the search is refused, never with the token", async () => {
    const { client } = recordingClient({ path: /\/search$/, status: 401 });
    const failure = await collectUnreadDigest(client, { locationId: "loc" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DigestError);
    expect(String((failure as Error).message)).toMatch(/^searching the unread conversations failed: 401 /);
    expect(String((failure as Error).message)).not.toContain("digest-token");
  });

  it("keeps the conversation, with the reason, when its messages cannot be fetched", async () => {
    const { client } = recordingClient({ path: /\/messages$/, status: 400 });
    const digest = await collectUnreadDigest(client, { locationId: "loc" });
    expect(digest.entries).toHaveLength(1);
    expect(digest.entries[0]?.latestMessages).toEqual([]);
    expect(digest.entries[0]?.messagesError).toMatch(/^fetching its messages failed: 400 /);
    expect(renderDigest(digest)).toContain("(fetching its messages failed: 400 ");
  });
});

describe("renderDigest", () => {
  it("prints one block per conversation with its latest messages, arrows for direction", async () => {
    const { client } = recordingClient();
    const text = renderDigest(await collectUnreadDigest(client, { locationId: "loc" }, new Date("2026-01-02T03:04:05Z")));
    expect(text).toBe(
      [
        "Unread inbox digest for location loc (2026-01-02T03:04:05.000Z)",
        "1 of 100 unread conversations, 1 search page(s) fetched",
        "",
        "* John Doe - 1 unread - TYPE_SMS (conversation ABCHkzuJQ8ZMd4Te84GK)",
        "    <- 2024-03-27 18:13  Hi there",
        "",
      ].join("\n"),
    );
  });

  it("says so when nothing is unread", () => {
    const text = renderDigest({ locationId: "loc", generatedAt: "2026-01-02T03:04:05.000Z", totalUnread: 0, entries: [], pagesFetched: 1 });
    expect(text).toContain("Nothing unread.");
  });
});
