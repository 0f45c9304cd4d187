// One HTTP exchange, built and read as openapi-fetch builds and reads it (its header merging,
// `parseAs` and empty-body rules), so that the typed options of openapi-fetch mean the same here.
// Paths, queries and bodies are serialised here: path parameters are checked (below), the spec's
// query parameters are all primitives or `form`, `explode: false` arrays, and its bodies JSON or
// multipart, which does not need openapi-fetch's general serializers (700 B of the 5 kB budget,
// which its checks needed). The call loop
// (request.ts) owns the exchange, because auth, timeouts and retries need the Request before it
// is sent and the body after.
import { mergeHeaders, type HeadersOptions, type ParseAs } from "openapi-fetch";

/** The openapi-fetch call options this client understands (plus any RequestInit field). */
export interface HttpOptions {
  baseUrl?: string;
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: HeadersOptions };
  body?: unknown;
  headers?: HeadersOptions;
  bodySerializer?: (body: any, headers?: Headers) => unknown;
  /** A function only: `(query) => "a=1&b=2"`. */
  querySerializer?: unknown;
  parseAs?: ParseAs;
  fetch?: Transport;
  [requestInit: string]: unknown;
}

/**
 * The fetch this client sends with, once per attempt. It gets the attempt's `{ signal }` as its
 * second argument and must pass it on (`fetch(request, init)`): that signal is how a timed-out or
 * abandoned attempt closes its connection (and ends a wait of the transport's own, such as a
 * rate-limit budget's). To stop a call for good, it throws an error with `retryable: false`: the
 * call ends with a FetchRefusedError whose `cause` is that error (attempt.ts); anything else it
 * throws is a connection failure.
 */
export type Transport = (request: Request, init: { readonly signal: AbortSignal }) => Promise<Response>;

export interface HttpResult {
  data?: unknown;
  error?: unknown;
  response: Response;
  /** The text of a 2xx body that should have been JSON and is not. */
  unreadable?: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/**
 * `name=value&...`, each part percent-encoded; an array is one comma-separated value (the spec's
 * `style: form, explode: false`, e.g. `type=TYPE_SMS,TYPE_CALL`); undefined, null and [] are left out.
 */
export const serializeQuery = (query: Record<string, unknown> = {}) =>
  Object.entries(query)
    .filter(([, value]) => value != null && (value as unknown[]).length !== 0)
    .map(([name, value]) => encodeURIComponent(name) + "=" + [value].flat().map((item) => encodeURIComponent(String(item))).join(","))
    .join("&");

/** JSON, or a FormData as it is (fetch sets the multipart boundary). */
const serializeBody = (body: unknown) => (body instanceof FormData ? body : JSON.stringify(body));

/**
 * Fills the `{name}` segments of a path. Each value is percent-encoded into its own segment (`/`,
 * `?`, `#`, `%`, spaces and unicode included). A value that is missing, empty, `.` or `..` is
 * refused before anything is sent (and so is a lone surrogate): the URL parser would resolve it away and send the request to
 * another resource (`DELETE /conversations/..` is `DELETE /`). Only primitive values are accepted:
 * every path parameter of the spec is a plain `simple`-style string.
 */
export function fillPath(path: string, values: Record<string, unknown> = {}): string {
  return path.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = values[name];
    const text = value == null || typeof value === "object" ? "" : String(value);
    // (A lone surrogate cannot be percent-encoded as UTF-8.)
    if (text === "" || text === "." || text === ".." || /\p{Cs}/u.test(text))
      throw new TypeError(`path parameter ${name} is ${JSON.stringify(value)}`);
    return encodeURIComponent(text);
  });
}

export function buildRequest(
  method: string,
  path: string,
  {
    baseUrl,
    params = {},
    body,
    headers,
    bodySerializer = serializeBody,
    querySerializer = serializeQuery,
    parseAs,
    fetch,
    ...init
  }: HttpOptions,
  clientBaseUrl: string,
  clientHeaders: Record<string, string>,
  signal: AbortSignal | null | undefined,
): Request {
  const serialized = body === undefined ? undefined : bodySerializer(body, mergeHeaders(headers, params.header));
  const search = (querySerializer as typeof serializeQuery)(params.query).replace(/^\?/, "");
  const url = (baseUrl ? trimSlash(baseUrl) : clientBaseUrl) + fillPath(path, params.path) + (search && "?" + search);
  return new Request(url, {
    ...init,
    method,
    body: serialized as BodyInit | undefined,
    // JSON unless there is no body or it is a FormData (fetch sets the multipart boundary itself).
    // With nothing to merge, the client's headers go as they are: one Headers object fewer per call.
    headers:
      serialized === undefined && !headers && !params.header
        ? clientHeaders
        : mergeHeaders(
            serialized === undefined || serialized instanceof FormData ? {} : { "Content-Type": "application/json" },
            headers,
            params.header,
            clientHeaders,
          ),
    signal,
  });
}

/** Reads the body as openapi-fetch does: `data` on 2xx, `error` (JSON if it parses, else text) otherwise. */
export async function readResponse(response: Response, parseAs: ParseAs = "json"): Promise<HttpResult> {
  const { ok, headers } = response;
  if (
    response.status === 204 ||
    (headers.get("Content-Length") === "0" && !headers.get("Transfer-Encoding")?.includes("chunked"))
  )
    return { response };
  if (!ok) {
    let error: unknown = await response.text();
    try {
      error = JSON.parse(error as string);
    } catch {}
    return { error, response };
  }
  if (parseAs === "stream") return { data: response.body, response };
  if (parseAs !== "json") return { data: await response[parseAs](), response };
  const text = await response.text();
  try {
    return { data: text ? JSON.parse(text) : undefined, response };
  } catch {
    return { unreadable: text, response };
  }
}
