// Async iterators over the three paged operations. Each yields items across pages and stops when
// the API says there is no more; a failed page throws its error class (see errors.ts) out of the
// `for await` loop, after the usual retries.
import type { paths } from "@conversations-api/types";
import { dataOrThrow, type CallOptions, type RawResult } from "./request.js";

type Send = (method: string, path: string, init?: CallOptions & Record<string, unknown>) => Promise<RawResult>;
type Data<Operation> = Operation extends { responses: { 200: { content: { "application/json": infer Body } } } }
  ? Body
  : never;
type Query<Operation> = Operation extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type SearchOperation = paths["/conversations/search"]["get"];
type MessagesOperation = paths["/conversations/{conversationId}/messages"]["get"];
type ExportOperation = paths["/conversations/messages/export"]["get"];

export type Conversation = Data<SearchOperation>["conversations"][number];
export type Message = Data<MessagesOperation>["messages"][number];
export type ExportedMessage = Data<ExportOperation>["messages"][number];

export interface PageOptions extends CallOptions {
  /** Items per request (the operation's `limit`). */
  pageSize?: number;
}

export type SearchQuery = Omit<Query<SearchOperation>, "limit">;
export type MessagesQuery = Omit<Query<MessagesOperation>, "limit">;
export type ExportQuery = Omit<Query<ExportOperation>, "limit">;

/**
 * Fetches page after page of `path`. `next` reads a page and returns the query fields of the next
 * page, or undefined when there is none.
 */
async function* paginate<Page, Item>(
  send: Send,
  path: string,
  params: { path?: Record<string, string>; query: Record<string, unknown> },
  { pageSize, ...call }: PageOptions,
  items: (page: Page) => Item[],
  next: (page: Page, items: Item[]) => Record<string, unknown> | undefined,
): AsyncGenerator<Item, void> {
  let query: Record<string, unknown> | undefined = { ...params.query, limit: pageSize };
  while (query) {
    const page: Page = dataOrThrow<Page>(await send("GET", path, { ...call, params: { ...params, query } }));
    const list = items(page);
    yield* list;
    const following: Record<string, unknown> | undefined = list.length ? next(page, list) : undefined;
    // The same cursor again would fetch the same page forever.
    const same = (key: string) => JSON.stringify(following![key]) === JSON.stringify(query![key]);
    const repeats = following && Object.keys(following).every(same);
    query = following && !repeats ? { ...query, ...following } : undefined;
  }
}

/**
 * The sort value of a search document, which the next page's `startAfterDate` must carry. The
 * API returns it as the document's `sort` array (`ConversationSchema.sort`, a field the spec adds to
 * the vendor's schema: DEVIATIONS.md, search-sort-value); failing that, a
 * numeric `lastMessageDate` (epoch ms) is the value of the default sort. Without either, there is
 * no safe way to ask for the next page, and the iterator ends.
 */
export function searchSortValue(document: unknown): number | number[] | undefined {
  const { sort, lastMessageDate } = document as { sort?: unknown; lastMessageDate?: unknown };
  const value = sort ?? lastMessageDate;
  return typeof value === "number" || Array.isArray(value) ? (value as number | number[]) : undefined;
}

/**
 * Search, page after page: `startAfterDate` = the sort value of the last document. Stops on a page
 * shorter than `pageSize`, once `total` documents have been seen, or when the last document has
 * no (new) sort value.
 */
export function searchConversations(send: Send, query: SearchQuery, options: PageOptions = {}) {
  const pageSize = options.pageSize ?? 20;
  let seen = 0;
  return paginate<Data<SearchOperation>, Conversation>(
    send,
    "/conversations/search",
    { query },
    { ...options, pageSize },
    (page) => page.conversations,
    (page, items) => {
      seen += items.length;
      const startAfterDate = searchSortValue(items.at(-1));
      const last = items.length < pageSize || seen >= page.total || startAfterDate === undefined;
      return last ? undefined : { startAfterDate };
    },
  );
}

/** The messages of a conversation, newest first: `lastMessageId` while `nextPage` is true. */
export function conversationMessages(
  send: Send,
  conversationId: string,
  query: MessagesQuery = {},
  options: PageOptions = {},
) {
  return paginate<Data<MessagesOperation>, Message>(
    send,
    "/conversations/{conversationId}/messages",
    { path: { conversationId }, query },
    { pageSize: 20, ...options },
    (page) => page.messages,
    ({ nextPage, lastMessageId }) => (nextPage && lastMessageId ? { lastMessageId } : undefined),
  );
}

/** Every message of a location: the page's `nextCursor` becomes the next `cursor`, until there is none. */
export function exportMessages(send: Send, query: ExportQuery, options: PageOptions = {}) {
  return paginate<Data<ExportOperation>, ExportedMessage>(
    send,
    "/conversations/messages/export",
    { query },
    { pageSize: 100, ...options },
    (page) => page.messages,
    ({ nextCursor: cursor }) => (cursor ? { cursor } : undefined),
  );
}
