// One HTTP exchange, built and read exactly as openapi-fetch builds and reads it (same
// serializers, same header merging, same `parseAs` and empty-body rules), so that the typed
// options of openapi-fetch mean the same here. The retry loop (request.ts) owns the exchange,
// because auth, timeouts and retries need the Request before it is sent and the body after.
import {
  createFinalURL,
  createQuerySerializer,
  defaultBodySerializer,
  mergeHeaders,
  type HeadersOptions,
  type ParseAs,
  type QuerySerializer,
  type QuerySerializerOptions,
} from "openapi-fetch";

/** The openapi-fetch call options this client understands (plus any RequestInit field). */
export interface HttpOptions {
  baseUrl?: string;
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: HeadersOptions };
  body?: unknown;
  headers?: HeadersOptions;
  bodySerializer?: (body: any, headers?: Headers) => unknown;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  parseAs?: ParseAs;
  fetch?: Transport;
  [requestInit: string]: unknown;
}

/**
 * The fetch this client sends with. It gets the attempt's `{ signal }` as its second argument and
 * must pass it on (`fetch(request, init)`): that signal is how a timed-out or abandoned attempt
 * closes its connection.
 */
export type Transport = (request: Request, init: { readonly signal: AbortSignal }) => Promise<Response>;

export interface HttpResult {
  data?: unknown;
  error?: unknown;
  response: Response;
  /** The text of a 2xx body that should have been JSON and is not. */
  unreadable?: string;
}

// The spec's array query parameters (search `startAfterDate`, get-messages `type`) are
// `style: form, explode: false`: one comma-separated value, e.g. `type=TYPE_SMS,TYPE_CALL`.
const defaultQuerySerializer = createQuerySerializer({ array: { style: "form", explode: false } });
const trimSlash = (url: string) => url.replace(/\/+$/, "");

/**
 * Fills the `{name}` segments of a path. Each value is percent-encoded into its own segment (`/`,
 * `?`, `#`, `%`, spaces and unicode included). A value that is missing, empty, `.` or `..` is
 * refused before anything is sent: the URL parser would resolve it away and send the request to
 * another resource (`DELETE /conversations/..` is `DELETE /`). Only primitive values are accepted:
 * every path parameter of the spec is a plain `simple`-style string.
 */
export function fillPath(path: string, values: Record<string, unknown> = {}): string {
  return path.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = values[name];
    const text = typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
    if (text === "" || text === "." || text === "..")
      throw new TypeError(`path parameter ${name} is ${value === undefined ? "missing" : JSON.stringify(value) ?? String(value)}: it would not name one resource`);
    try {
      return encodeURIComponent(text);
    } catch {
      throw new TypeError(`path parameter ${name} is not valid unicode`); // a lone surrogate
    }
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
    bodySerializer = defaultBodySerializer,
    querySerializer,
    parseAs,
    fetch,
    ...init
  }: HttpOptions,
  clientBaseUrl: string,
  clientHeaders: Record<string, string>,
  signal: AbortSignal | null | undefined,
): Request {
  const serialized = body === undefined ? undefined : bodySerializer(body, mergeHeaders(headers, params.header));
  const url = createFinalURL(fillPath(path, params.path), {
    baseUrl: baseUrl ? trimSlash(baseUrl) : clientBaseUrl,
    params: { query: params.query },
    querySerializer:
      typeof querySerializer === "function"
        ? querySerializer
        : querySerializer
          ? createQuerySerializer(querySerializer)
          : defaultQuerySerializer,
  } as Parameters<typeof createFinalURL>[1]);
  return new Request(url, {
    redirect: "follow",
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
export async function readResponse(response: Response, method: string, parseAs: ParseAs = "json"): Promise<HttpResult> {
  const { ok, headers } = response;
  if (
    response.status === 204 ||
    method === "HEAD" ||
    (headers.get("Content-Length") === "0" && !headers.get("Transfer-Encoding")?.includes("chunked"))
  )
    return ok ? { data: undefined, response } : { error: undefined, response };
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
