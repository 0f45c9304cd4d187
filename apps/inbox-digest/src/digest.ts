// Collects the digest: pages through a location's unread conversations (newest activity first)
// and fetches each one's latest messages. Uses only the client's public API, so it is what
// another team would write against `@conversations-api/client`.
import type { createConversationsClient } from "@conversations-api/client";

export type Client = ReturnType<typeof createConversationsClient>;

export interface DigestOptions {
  locationId: string;
  /** Conversations per search page (the API's `limit`). */
  pageSize?: number;
  /** Stop after this many conversations: a digest is a summary, not an export. */
  maxConversations?: number;
  /** Latest messages to show per conversation. */
  messagesPerConversation?: number;
}

export interface DigestMessage {
  /** "inbound" or "outbound" today; the spec keeps response enums open, so a new value passes through. */
  direction: string;
  messageType: string;
  dateAdded: string;
  body: string;
}

export interface DigestEntry {
  conversationId: string;
  contactName: string;
  channel: string;
  unreadCount: number;
  /** Newest first. */
  latestMessages: DigestMessage[];
  /** Why the messages are missing, when fetching them failed; the rest of the digest still stands. */
  messagesError?: string;
}

export interface Digest {
  locationId: string;
  generatedAt: string;
  /** How many unread conversations the API counts in all. */
  totalUnread: number;
  entries: DigestEntry[];
  pagesFetched: number;
}

/** A call the digest cannot do without failed: the message says which and why (never the token). */
export class DigestError extends Error {
  override name = "DigestError";
}

export async function collectUnreadDigest(client: Client, options: DigestOptions, now = new Date()): Promise<Digest> {
  const pageSize = options.pageSize ?? 20;
  const maxConversations = options.maxConversations ?? 50;
  const messagesPerConversation = options.messagesPerConversation ?? 3;

  const entries: DigestEntry[] = [];
  const seen = new Set<string>();
  let totalUnread = 0;
  let pagesFetched = 0;
  let startAfterDate: number[] | undefined;

  while (entries.length < maxConversations) {
    const { data, error, response } = await client.GET("/conversations/search", {
      params: {
        query: {
          locationId: options.locationId,
          status: "unread",
          sort: "desc",
          sortBy: "last_message_date",
          limit: pageSize,
          ...(startAfterDate === undefined ? {} : { startAfterDate }),
        },
      },
    });
    if (error || !data) throw new DigestError(`searching the unread conversations failed: ${describeFailure(response, error)}`);
    pagesFetched += 1;
    totalUnread = data.total;

    const fresh = data.conversations.filter((conversation) => !seen.has(conversation.id));
    for (const conversation of fresh.slice(0, maxConversations - entries.length)) {
      seen.add(conversation.id);
      entries.push({
        conversationId: conversation.id,
        contactName: conversation.fullName || conversation.contactName,
        channel: conversation.lastMessageType,
        unreadCount: conversation.unreadCount,
        ...(await latestMessages(client, conversation.id, messagesPerConversation)),
      });
    }

    // The last page is short; a page with nothing new means the cursor did not move.
    if (data.conversations.length < pageSize || fresh.length === 0 || seen.size >= totalUnread) break;
    // The next page starts after the sort value of this page's last conversation: its `sort`
    // when the API sends one; else, with sortBy=last_message_date, its latest message's date in ms.
    const last = data.conversations.at(-1);
    const cursor = last?.sort ?? [Date.parse(entries.at(-1)?.latestMessages[0]?.dateAdded ?? "")];
    if (cursor.length === 0 || cursor.some(Number.isNaN)) break;
    startAfterDate = cursor;
  }

  return { locationId: options.locationId, generatedAt: now.toISOString(), totalUnread, entries, pagesFetched };
}

async function latestMessages(client: Client, conversationId: string, limit: number): Promise<Pick<DigestEntry, "latestMessages" | "messagesError">> {
  const { data, error, response } = await client.GET("/conversations/{conversationId}/messages", {
    params: { path: { conversationId }, query: { limit } },
  });
  if (error || !data) return { latestMessages: [], messagesError: `fetching its messages failed: ${describeFailure(response, error)}` };
  return {
    latestMessages: data.messages.slice(0, limit).map((message) => ({
      direction: message.direction,
      messageType: message.messageType,
      dateAdded: message.dateAdded,
      body: message.body ?? "",
    })),
  };
}

/** "401 Unauthorized: Invalid token" from the response and the API's error body, whatever its shape. */
function describeFailure(response: Response, error: unknown): string {
  const body = (error ?? {}) as { message?: unknown; error?: unknown };
  const detail = [body.error, body.message].filter((part) => typeof part === "string" && part.length > 0).join(": ");
  return `${response.status} ${detail || response.statusText}`.trim();
}
