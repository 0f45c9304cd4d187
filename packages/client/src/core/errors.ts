// One error class per status family, plus the transport failures. Results carry them in `error`
// for failures that have no typed body; `client.unwrap()` throws them. An error holds the status,
// the body, the request's method and URL, the rate-limit state and the number of attempts: never
// a header, so never the token (and messages, URLs, bodies and causes are redacted on top of that).
//
// Each class gets its name as a literal (the table at the end), not from `new.target.name`: a
// consumer's minifier renames classes, and a RateLimitError must not log as "F".
import type { RateLimit } from "./rate-limit.js";

export interface ErrorDetails<Body = unknown> {
  status?: number | undefined;
  body?: Body;
  method: string;
  url: string;
  rateLimit?: RateLimit | undefined;
  attempts: number;
  cause?: unknown;
}

/** The base class of every error this client reports. */
export class ConversationsError<Body = unknown> extends Error {
  /** The HTTP status, or undefined when no response arrived (connection, timeout, abort). */
  declare readonly status: number | undefined;
  /** The response body: the spec's typed error body when it was JSON, else the raw text. */
  declare readonly body: Body | undefined;
  declare readonly method: string;
  declare readonly url: string;
  declare readonly rateLimit: RateLimit | undefined;
  /** How many attempts the call made, this failed one included (1 when nothing was retried). */
  declare readonly attempts: number;

  constructor(message: string, { cause, ...details }: ErrorDetails<Body>) {
    super(message, { cause });
    Object.assign(this, details);
  }

  /** Same name as the API's error bodies (`{ statusCode, message }`), so one check reads both. */
  get statusCode(): number | undefined {
    return this.status;
  }
}

/** The server answered with an error status. */
export class ApiError<Body = unknown> extends ConversationsError<Body> {
  declare readonly status: number;
}
/** 400 */
export class BadRequestError<Body = unknown> extends ApiError<Body> {}
/** 401: the token was refused (after one refresh when a token provider is configured). */
export class AuthenticationError<Body = unknown> extends ApiError<Body> {}
/** 403 */
export class PermissionError<Body = unknown> extends ApiError<Body> {}
/** 404 */
export class NotFoundError<Body = unknown> extends ApiError<Body> {}
/** 422 */
export class UnprocessableError<Body = unknown> extends ApiError<Body> {}
/** 429: `resetAt` says when the server accepts requests again, when it said so. */
export class RateLimitError<Body = unknown> extends ApiError<Body> {
  get resetAt(): Date | undefined {
    return this.rateLimit?.resetAt;
  }
}
/** 5xx */
export class ServerError<Body = unknown> extends ApiError<Body> {}

/** The connection failed: refused, DNS failure, or reset before or during the response. */
export class ConnectionError extends ConversationsError {}
/** The client's timeout elapsed before the response was complete (a server's 408 is an ApiError). */
export class TimeoutError extends ConversationsError {}
/** The caller's AbortSignal aborted the call. */
export class AbortError extends ConversationsError {}
/**
 * The response could not be read as the spec promises (truncated JSON, HTML where JSON was
 * expected, a page without its list); `body` holds the text. When `status` is 2xx the server DID
 * accept the request: do not resend a POST.
 */
export class InvalidResponseError extends ConversationsError<string> {}
/**
 * The token provider threw, rejected, or did not answer within the call's timeout. Nothing was
 * sent, and the call is not retried: a failing vault is not hammered.
 */
export class TokenProviderError extends ConversationsError {}
/**
 * The `fetch` option threw an error marked `retryable: false` (`cause`): its own final decision,
 * such as a rate-limit budget refusing to wait or to spend a spent daily quota. Not retried.
 */
export class FetchRefusedError extends ConversationsError {}
/**
 * The call itself cannot be sent: a path parameter that is empty, `.` or `..` (it would leave
 * its segment), a value that cannot be encoded, a body that cannot be serialised. Nothing was sent.
 */
export class InvalidRequestError extends ConversationsError {}

const FAMILIES: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionError,
  404: NotFoundError,
  422: UnprocessableError,
  429: RateLimitError,
};

/** The error class for an HTTP error status, with a message taken from the body when it has one. */
export function errorForStatus<Body>(details: ErrorDetails<Body> & { status: number }): ApiError<Body> {
  const { status, body } = details as { status: number; body?: { message?: unknown; error?: unknown } };
  // The API's Nest-style bodies carry `message` as a string or, for validation failures, a list.
  const said = [body?.message ?? body?.error ?? ""].flat().join("; ");
  const Family = FAMILIES[status] ?? (status > 499 ? ServerError : ApiError);
  return new Family(`${status} ${details.method} ${details.url} ${said}`.trim(), details) as ApiError<Body>;
}

// Object keys survive minification; class names do not. The class's own name too, which is what
// `util.inspect` (so `console.error`) prints first.
for (const [name, Class] of Object.entries({
  ConversationsError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionError,
  NotFoundError,
  UnprocessableError,
  RateLimitError,
  ServerError,
  ConnectionError,
  TimeoutError,
  AbortError,
  InvalidResponseError,
  TokenProviderError,
  FetchRefusedError,
  InvalidRequestError,
}))
  Object.defineProperty(Class, "name", { value: (Class.prototype.name = name) });
