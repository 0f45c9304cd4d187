// Async iterators over the three paged operations. Each yields items across pages and stops when
// the API says there is no more; a failed page throws its error class (see errors.ts) out of the
// `for await` loop, after the usual retries.
import type { paths } from "@conversations-api/types";
import { InvalidResponseError } from "./errors.js";
import { dataOrThrow, REQUEST, type CallOptions, type RawResult } from "./request.js";

type Send = (method: string, path: string, init?: CallOptions & Record<string, unknown>) => Promise<RawResult>;
type Data<Operation> = Operation extends { responses: { 200: { content: { "application/json": infer Body } } } }
  ? Body
  : never;
type Query<Operation> = Operation extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type SearchOperation = paths["/conversations/search"]["get"];
type MessagesOperation = paths["/conversations/{conversationId}/messages"]["get"];
type ExportOperation = paths["/conversations/messages/export"]["get"];

/** A page of get-messages: the wire wraps it, `{ messages: <page>, traceId }` (see pageOf). */
type MessagesPage = Data<MessagesOperation>["messages"];

export type Conversation = Data<SearchOperation>["conversations"][number];
export type Message = MessagesPage["messages"][number];
export type ExportedMessage = Data<ExportOperation>["messages"][number];

export interface PageOptions extends CallOptions {
  /** Items per request (the operation's `limit`). */
  pageSize?: number;
}

export type SearchQuery = Omit<Query<SearchOperation>, "limit">;
export type MessagesQuery = Omit<Query<MessagesOperation>, "limit">;
export type ExportQuery = Omit<Query<ExportOperation>, "limit">;

/**
 * Fetches page after page of `path` and yields each item once. `next` reads a page and returns
 * the query fields of the next page (its cursor), or undefined when the API says there is none.
 * The guard, the same for every iterator, neither loses nor repeats:
 * - it stops on an empty page, once `total` items were yielded, or when the next cursor is one it
 *   already followed (a server that ignores the cursor, or a cycle A, B, A);
 * - a short page does not end it while `total` says more (a server may cap the page size);
 * - an item whose id was already yielded in this iteration is skipped;
 * - a page without its list (or with something else than objects in it) is an InvalidResponseError.
 */
async function* paginate<Page, Item>(
  send: Send,
  path: string,
  params: { path?: Record<string, string>; query: Record<string, unknown> },
  { pageSize, ...call }: PageOptions,
  list: "conversations" | "messages",
  next: (page: Page, items: Item[]) => Record<string, unknown> | undefined,
): AsyncGenerator<Item, void> {
  const followed = new Set<string>();
  const yielded = new Set<unknown>();
  let query: Record<string, unknown> = { ...params.query, limit: pageSize };
  for (;;) {
    const result = await send("GET", path, { ...call, params: { ...params, query } });
    const page = pageOf<Page & { total?: unknown }>(dataOrThrow(result), list);
    const items = (page as Record<string, unknown> | undefined)?.[list] as Item[] | undefined;
    if (!Array.isArray(items) || !items.every((item) => item && typeof item === "object")) {
      const { url, status } = result.response;
      throw new InvalidResponseError(`GET ${url || path}: no ${list} list`, {
        method: "GET",
        url: url || path,
        status,
        attempts: result[REQUEST]![2],
      });
    }
    for (const item of items) {
      const id = (item as { id?: unknown }).id ?? item; // an item without an id is its own identity
      if (yielded.has(id)) continue;
      yielded.add(id);
      yield item;
    }
    if (!items.length || (typeof page.total === "number" && yielded.size >= page.total)) return;
    const following = next(page, items);
    const cursor = JSON.stringify(following);
    if (!following || followed.has(cursor)) return;
    followed.add(cursor);
    query = { ...query, ...following };
  }
}

/**
 * The page inside a body. get-messages wraps its page on the wire, `{ messages: { lastMessageId,
 * nextPage, messages: [...] }, traceId }` (a documented, flat page arrives wrapped too: see
 * wire-shapes.ts); search and export send theirs flat.
 */
function pageOf<Page>(body: unknown, list: string): Page {
  const inner = (body as Record<string, unknown> | undefined)?.[list];
  return (inner?.constructor == Object ? inner : body) as Page;
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
 * Search, page after page: `startAfterDate` = the sort value of the last document. Ends when the
 * last document has no sort value (there is no safe way to ask for the next page), and on a page
 * shorter than `pageSize` only when the page has no `total` to go by.
 */
export function searchConversations(send: Send, query: SearchQuery, options: PageOptions = {}) {
  const pageSize = options.pageSize ?? 20;
  return paginate<Data<SearchOperation>, Conversation>(
    send,
    "/conversations/search",
    { query },
    { ...options, pageSize },
    "conversations",
    (page, items) => {
      const startAfterDate = searchSortValue(items.at(-1));
      const last = startAfterDate === undefined || (typeof page.total !== "number" && items.length < pageSize);
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
  return paginate<MessagesPage, Message>(
    send,
    "/conversations/{conversationId}/messages",
    { path: { conversationId }, query },
    { pageSize: 20, ...options },
    "messages",
    // `nextPage` decides: real pages carry `lastMessageId` on the last page too. Should a page say
    // there is more without a cursor, its last message is the cursor.
    ({ nextPage, lastMessageId }, items) => (nextPage ? { lastMessageId: lastMessageId || items.at(-1)?.id } : undefined),
  );
}

/** Every message of a location: the page's `nextCursor` becomes the next `cursor`, until there is none. */
export function exportMessages(send: Send, query: ExportQuery, options: PageOptions = {}) {
  return paginate<Data<ExportOperation>, ExportedMessage>(
    send,
    "/conversations/messages/export",
    { query },
    { pageSize: 100, ...options },
    "messages",
    ({ nextCursor: cursor }) => (cursor ? { cursor } : undefined),
  );
}
