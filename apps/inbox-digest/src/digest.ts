// Collects the digest: a location's unread conversations (newest activity first) and each one's
// latest messages, through the client's own pagination (`searchConversations`,
// `conversationMessages`). Uses only the client's public API, so it is what another team would
// write against `@conversations-api/client`.
import { ConversationsError, type createConversationsClient } from "@conversations-api/client";

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
  entries: DigestEntry[];
  /** Whether the digest stopped at `maxConversations` (there may be more unread conversations). */
  truncated: boolean;
}

/** A call the digest cannot do without failed: the message says which and why (never the token). */
export class DigestError extends Error {
  override name = "DigestError";
}

export async function collectUnreadDigest(client: Client, options: DigestOptions, now = new Date()): Promise<Digest> {
  const maxConversations = options.maxConversations ?? 50;
  const messagesPerConversation = options.messagesPerConversation ?? 3;
  const unread = client.searchConversations(
    { locationId: options.locationId, status: "unread", sort: "desc", sortBy: "last_message_date" },
    { pageSize: options.pageSize ?? 20 },
  );

  const entries: DigestEntry[] = [];
  const seen = new Set<string>();
  try {
    // Leaving the loop early stops the paging: no page is fetched that the digest does not show.
    for await (const conversation of unread) {
      // A conversation that gets a new message while we page moves up, and can come round again.
      if (seen.has(conversation.id)) continue;
      seen.add(conversation.id);
      entries.push({
        conversationId: conversation.id,
        contactName: conversation.fullName || conversation.contactName,
        // Search sends a `TYPE_*` name; `LastMessageType` also admits the numbers other operations send.
        channel: String(conversation.lastMessageType),
        unreadCount: conversation.unreadCount,
        ...(await latestMessages(client, conversation.id, messagesPerConversation)),
      });
      if (entries.length >= maxConversations) break;
    }
  } catch (error) {
    throw new DigestError(`searching the unread conversations failed: ${describeFailure(error)}`, { cause: error });
  }
  return { locationId: options.locationId, generatedAt: now.toISOString(), entries, truncated: entries.length >= maxConversations };
}

async function latestMessages(client: Client, conversationId: string, limit: number): Promise<Pick<DigestEntry, "latestMessages" | "messagesError">> {
  const latest: DigestMessage[] = [];
  try {
    for await (const message of client.conversationMessages(conversationId, {}, { pageSize: limit })) {
      latest.push({ direction: message.direction, messageType: message.messageType, dateAdded: message.dateAdded, body: message.body ?? "" });
      if (latest.length >= limit) break;
    }
  } catch (error) {
    return { latestMessages: [], messagesError: `fetching its messages failed: ${describeFailure(error)}` };
  }
  return { latestMessages: latest };
}

/** "401 Unauthorized: Invalid token" from the client's error and the API's error body, whatever its shape. */
function describeFailure(error: unknown): string {
  if (!(error instanceof ConversationsError)) return String(error);
  const body = (error.body ?? {}) as { message?: unknown; error?: unknown };
  const detail = [body.error, body.message].filter((part) => typeof part === "string" && part.length > 0).join(": ");
  return `${error.status ?? "no response"} ${detail || error.message}`.trim();
}
