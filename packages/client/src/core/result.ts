// The types of what a call returns: openapi-fetch's `{ data, error, response }`, where `error` may
// also be one of this client's error classes, plus the parsed rate-limit headers.
import type { ParseAsResponse } from "openapi-fetch";
import type {
  ErrorResponse,
  MediaType,
  Readable,
  RequiredKeysOf,
  ResponseObjectMap,
  SuccessResponse,
} from "openapi-typescript-helpers";
import type { ConversationsError } from "./errors.js";
import type { RateLimit } from "./rate-limit.js";

/**
 * On success `data` is the typed body. On failure `error` is the spec's typed error body when the
 * server sent JSON, else a ConversationsError (no response, a non-JSON error page, an unreadable
 * body); then `response` is `Response.error()` (status 0) when no response arrived.
 */
export type Result<Data, ErrorBody> =
  | { data: Data; error?: never; response: Response; rateLimit: RateLimit | undefined }
  | { data?: never; error: ErrorBody | ConversationsError; response: Response; rateLimit: RateLimit | undefined };

type Responses<Operation> = Extract<ResponseObjectMap<Operation>, Record<string | number, any>>;

export type OperationResult<Operation, Init> = Result<
  ParseAsResponse<Readable<SuccessResponse<Responses<Operation>, MediaType>>, Init>,
  Readable<ErrorResponse<Responses<Operation>, MediaType>>
>;

// As openapi-fetch's: the init argument is optional exactly when nothing in it is required.
export type InitParam<Init> = RequiredKeysOf<Init> extends never ? [Init?] : [Init];

// Unlike openapi-fetch's, an option that is neither openapi-fetch's, RequestInit's nor ours does
// not compile: `{ timeot: 5_000 }` is a typo, not an extension.
export type NoExtraKeys<Init, Allowed> =
  Exclude<keyof Init, keyof Allowed> extends never ? unknown : { [Key in Exclude<keyof Init, keyof Allowed>]: never };
