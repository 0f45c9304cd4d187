// The digest against the mock (Prism serving the spec's examples), through the real client.
// A recording fetch shows what the digest asked for; a `Prefer` header makes Prism answer errors.
import { createConversationsClient } from "@conversations-api/client";
import { mockUrl } from "@test/support";
import { describe, expect, it } from "vitest";
import { collectUnreadDigest, DigestError } from "../src/digest.js";
import { renderDigest } from "../src/render.js";

/**
 * A client on the mock whose requests are recorded; optionally answered with an error status, or
 * with the mock's search answer rewritten (Prism answers every page with the same example).
 */
function recordingClient(errorFor?: { path: RegExp; status: number }, searchPage?: (url: URL, page: any) => void) {
  const requests: URL[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    requests.push(url);
    if (errorFor?.path.test(url.pathname)) request.headers.set("Prefer", `code=${errorFor.status}`);
    const response = await globalThis.fetch(request);
    if (!searchPage || url.pathname !== "/conversations/search") return response;
    const page = await response.json();
    searchPage(url, page);
    return Response.json(page, { status: response.status });
  };
  return { client: createConversationsClient({ token: "digest-token", baseUrl: mockUrl(), fetch, maxRetries: 0 }), requests };
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
      truncated: false,
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

  it("pages with the client's searchConversations: startAfterDate is the last conversation's sort value", async () => {
    // Pages of one, by the startAfterDate asked for; then an empty page.
    const pages: Record<string, { id: string; sort: number[] }> = {
      first: { id: "c2", sort: [200] },
      "200": { id: "c2", sort: [150] }, // c2 again: a new message moved it while paging
      "150": { id: "c1", sort: [100] },
    };
    const { client, requests } = recordingClient(undefined, (url, page) => {
      const next = pages[url.searchParams.get("startAfterDate") ?? "first"];
      page.conversations = next ? [{ ...page.conversations[0], ...next }] : [];
    });
    const digest = await collectUnreadDigest(client, { locationId: "loc", pageSize: 1 });
    expect(searches(requests).map((url) => url.searchParams.get("startAfterDate"))).toEqual([null, "200", "150", "100"]);
    expect(searches(requests).every((url) => url.searchParams.get("limit") === "1")).toBe(true);
    // c2 came round twice (a new message moved it while paging): listed once.
    expect(digest.entries.map((entry) => entry.conversationId)).toEqual(["c2", "c1"]);
    expect(digest.truncated).toBe(false);
  });

  it("stops after the first page when the API gives no sort value to page on", async () => {
    // The mock's example carries `sort` and an epoch-ms `lastMessageDate`, as real answers do: take both away.
    const { client, requests } = recordingClient(undefined, (_url, page) => {
      for (const conversation of page.conversations) {
        delete conversation.sort;
        delete conversation.lastMessageDate;
      }
    });
    const digest = await collectUnreadDigest(client, { locationId: "loc", pageSize: 1 });
    expect(searches(requests)).toHaveLength(1);
    expect(digest.entries).toHaveLength(1);
  });

  it("stops at maxConversations without asking for another page", async () => {
    const { client, requests } = recordingClient();
    const digest = await collectUnreadDigest(client, { locationId: "loc", pageSize: 1, maxConversations: 1 });
    expect(searches(requests)).toHaveLength(1);
    expect(digest.entries).toHaveLength(1);
    expect(digest.truncated).toBe(true);
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
        "1 unread conversation",
        "",
        "* John Doe - 1 unread - TYPE_SMS (conversation ABCHkzuJQ8ZMd4Te84GK)",
        "    <- 2024-03-27 18:13  Hi there",
        "",
      ].join("\n"),
    );
  });

  it("says so when nothing is unread", () => {
    const text = renderDigest({ locationId: "loc", generatedAt: "2026-01-02T03:04:05.000Z", entries: [], truncated: false });
    expect(text).toContain("0 unread conversations");
    expect(text).toContain("Nothing unread.");
  });

  it("says when it stopped at --max", () => {
    const text = renderDigest({ locationId: "loc", generatedAt: "2026-01-02T03:04:05.000Z", entries: [], truncated: true });
    expect(text).toContain("there may be more: raise --max");
  });
});
