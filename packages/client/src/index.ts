export {
  createConversationsClient,
  DEFAULT_BASE_URL,
  type ConversationsClient,
  type ConversationsClientOptions,
} from "./client.js";
export { API_VERSION, type AcceptedVersions, type ClientPaths } from "./version-header.js";
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  ConversationsError,
  FetchRefusedError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  TokenProviderError,
  UnprocessableError,
} from "./core/errors.js";
export type { TokenProvider } from "./core/auth.js";
export type { Transport } from "./core/http.js";
export type { Logger, LogLevel } from "./core/logger.js";
export { parseRateLimit, type RateLimit } from "./core/rate-limit.js";
export { toDate, type ApiDate } from "./core/dates.js";
export type { BackoffOptions } from "./core/retry.js";
export type { CallOptions } from "./core/request.js";
export type { Result, OperationResult } from "./core/result.js";
export type {
  Conversation,
  ExportedMessage,
  ExportQuery,
  Message,
  MessagesQuery,
  PageOptions,
  SearchQuery,
} from "./core/pagination.js";
export type { FileContent, UploadInput } from "./core/uploads.js";
export type {
  paths,
  components,
  operations,
  Schema,
  ApiVersion,
  ApiVersionPaths,
  ApiVersionSchema,
} from "@conversations-api/types";
