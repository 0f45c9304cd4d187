import type { ApiVersion, paths } from "@conversations-api/types";
import { createAuth, type TokenProvider } from "./core/auth.js";
import { createLog, type Logger, type LogLevel } from "./core/logger.js";
import {
  conversationMessages,
  exportMessages,
  searchConversations,
  type Conversation,
  type ExportedMessage,
  type ExportQuery,
  type Message,
  type MessagesQuery,
  type PageOptions,
  type SearchQuery,
} from "./core/pagination.js";
import type { RateLimit } from "./core/rate-limit.js";
import type { HttpOptions, Transport } from "./core/http.js";
import { createSend, dataOrThrow, type CallOptions } from "./core/request.js";
import type { OperationResult } from "./core/result.js";
import type { BackoffOptions } from "./core/retry.js";
import { uploadForm, type UploadInput } from "./core/uploads.js";
import type { ValidateResponses } from "./validate/options.js";
import { API_VERSION, versionHeader, type Method } from "./version-header.js";

/** The vendor's production base URL. */
export const DEFAULT_BASE_URL = "https://services.leadconnectorhq.com";

export interface ConversationsClientOptions<Version extends ApiVersion = typeof API_VERSION> {
  /**
   * A Sub-Account (location) access token or Private Integration Token, or a function that returns
   * one. A function is asked before every attempt (answer from your own cache while the token is
   * fresh) and, after a 401, with the refused token: `(rejected?) => token` (see core/auth.ts).
   */
  token: string | TokenProvider;
  /** Defaults to the production API; point it at the mock (`pnpm mock`) in tests. */
  baseUrl?: string;
  /**
   * A fetch implementation to use instead of the global one (tests inject one, a rate-limit budget
   * wraps one). It is called as `fetch(request, { signal })` once per attempt: pass both on, or a
   * timed-out attempt cannot close its connection. An error it throws with `retryable: false` ends
   * the call as a FetchRefusedError (its `cause`); any other is a ConnectionError, retried by the rule.
   */
  fetch?: Transport;
  /** Milliseconds per attempt; default 30 000. Each call may pass its own `timeout`. */
  timeout?: number;
  /** Retries after the first attempt; default 2. Each call may pass its own `maxRetries`. */
  maxRetries?: number;
  /** The backoff between retries (defaults: 500 ms doubling, at most 30 s per wait). */
  backoff?: BackoffOptions;
  /** Where log lines go (default `console`). Tokens are redacted from every line. */
  logger?: Logger;
  /** Default "silent", or "info" when a logger is given. */
  logLevel?: LogLevel;
  /**
   * The API version (`Version` header) of the operations that accept several: "2021-04-15" (the
   * default) or "v3". The types follow it: with "v3", `feedback: "positive"` compiles. Operations that
   * accept one version get that one; a call may pass its own `apiVersion`.
   */
  apiVersion?: Version;
  /**
   * Off by default. `validateResponses({ sample: 0.01, onDrift })` from
   * `@conversations-api/client/validate`: checks a sample of the answers against the bundled spec
   * after the caller has them (never delaying or failing a call) and reports each distinct drift
   * once per process. The validator (Ajv and the spec) loads on the first sampled answer.
   */
  validateResponses?: ValidateResponses;
}

type UploadResult = OperationResult<paths["/conversations/messages/upload"]["post"], {}>;

export interface ConversationsClient<Version extends ApiVersion = typeof API_VERSION> {
  /** The `Version` this client sends to operations that accept several. */
  readonly apiVersion: Version;
  GET: Method<"get", Version>;
  PUT: Method<"put", Version>;
  POST: Method<"post", Version>;
  DELETE: Method<"delete", Version>;
  /**
   * The throwing style: the data of a call, or its error as an instance of the class for its
   * status family (BadRequestError, RateLimitError, ..., ConnectionError, TimeoutError).
   */
  unwrap<R extends { data?: unknown }>(call: Promise<R>): Promise<NonNullable<R["data"]>>;
  /** The rate-limit state of the latest response that carried rate-limit headers. */
  readonly rateLimit: RateLimit | undefined;
  /** Every conversation matching `query`, across pages (`for await`). */
  searchConversations(query: SearchQuery, options?: PageOptions): AsyncGenerator<Conversation, void>;
  /** Every message of a conversation, newest first, across pages. */
  conversationMessages(
    conversationId: string,
    query?: MessagesQuery,
    options?: PageOptions,
  ): AsyncGenerator<Message, void>;
  /** Every message of a location, across pages. */
  exportMessages(query: ExportQuery, options?: PageOptions): AsyncGenerator<ExportedMessage, void>;
  /** Uploads a file (Blob, File, Buffer or bytes) as the multipart field `fileAttachment`. Never retried once sent. */
  uploadFiles(input: UploadInput, options?: CallOptions): Promise<UploadResult>;
}

export function createConversationsClient<Version extends ApiVersion = typeof API_VERSION>(
  options: ConversationsClientOptions<Version>,
): ConversationsClient<Version> {
  const apiVersion = options.apiVersion ?? (API_VERSION as Version);
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const auth = createAuth(options.token);
  const log = createLog(options.logger, options.logLevel, auth.redact);
  const fetch = options.fetch ?? ((request: Request, init: RequestInit) => globalThis.fetch(request, init));
  let rateLimit: RateLimit | undefined;
  // An attempt loop per Version value, each with its headers built once; auth, logs and the
  // rate-limit state are shared.
  const sends: Partial<Record<ApiVersion, ReturnType<typeof createSend>>> = {};
  const sendAs = (version: ApiVersion) =>
    (sends[version] ??= createSend({
      baseUrl,
      headers: { Version: version },
      fetch,
      auth,
      log,
      timeout: options.timeout ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      backoff: options.backoff ?? {},
      onRateLimit: (latest) => (rateLimit = latest),
    }));
  // Every call goes through here: the seam where a call's Version is chosen (version-header.ts).
  const sendAsChosen = (name: string, path: string, { apiVersion: callVersion, ...init }: HttpOptions & { apiVersion?: ApiVersion } = {}) =>
    sendAs(versionHeader(name, path, apiVersion, callVersion))(name, path, init);
  // `validateResponses` wraps it: each call's result passes through, a sample is checked later.
  const send = options.validateResponses?.(sendAsChosen, apiVersion, log) ?? sendAsChosen;
  const method = (name: string) => ((path: string, init?: HttpOptions) => send(name, path, init)) as never;

  return {
    apiVersion,
    GET: method("GET"),
    PUT: method("PUT"),
    POST: method("POST"),
    DELETE: method("DELETE"),
    unwrap: async (call) => dataOrThrow(await (call as never)),
    get rateLimit() {
      return rateLimit;
    },
    searchConversations: (query, page) => searchConversations(send, query, page),
    conversationMessages: (conversationId, query, page) => conversationMessages(send, conversationId, query, page),
    exportMessages: (query, page) => exportMessages(send, query, page),
    uploadFiles: (input, call) =>
      send("POST", "/conversations/messages/upload", {
        ...call,
        body: input,
        bodySerializer: () => uploadForm(input),
      }) as never,
  };
}
