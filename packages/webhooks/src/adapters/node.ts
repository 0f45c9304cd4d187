// The node:http adapter, which Express uses too (its req and res are node's). Typed structurally,
// so that neither @types/node nor @types/express is needed to use it.
//
// Express: the signature covers the raw bytes, so the webhook route must not get a parsed body. Put
// `express.raw({ type: "application/json" })` on the route (req.body is then a Buffer), or no body
// parser at all (the handler reads the stream). With `app.use(express.json())` before it, req.body
// is an object and every delivery is refused with a RawBodyRequiredError (answered 500) that says so.
import { BodyTooLargeError } from "../errors.js";
import type { RawBody } from "../raw-body.js";
import { verifyDelivery, type EventAt, type UnwrapOptions, type VerifiedDelivery, type WebhookEndpoint } from "../unwrap.js";
import { answerFor, type HandlerOptions, receivedBody, releaseAfterFailure, reportError } from "./respond.js";

/** What the adapter needs of node's IncomingMessage (and Express's Request). */
export interface NodeRequest extends AsyncIterable<unknown> {
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Set by a body parser (Express); read instead of the stream when present. */
  body?: unknown;
  /** Whether the stream was read already (a body parser ran). */
  readableEnded?: boolean;
  /** The path and query (node's `req.url`), where `urlSecret` is read. */
  url?: string | undefined;
  /** Express: the URL before a router's mount path was cut from `url`. */
  originalUrl?: string | undefined;
}

/** What the adapter needs of node's ServerResponse (and Express's Response). */
export interface NodeResponse {
  statusCode: number;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

export interface NodeAdapterOptions {
  /** The largest body read from the stream; larger ones are refused with 413. Default 1 MiB. */
  maxBodyBytes?: number;
}

export const defaultMaxBodyBytes = 1024 * 1024;

/** Reads the request's raw body (or Express's raw `req.body`) and unwraps it. */
export async function unwrapNodeRequest<Endpoint extends WebhookEndpoint = "app">(
  request: NodeRequest,
  options: UnwrapOptions<Endpoint> & NodeAdapterOptions = {},
): Promise<EventAt<Endpoint>> {
  return (await verifyNodeRequest(request, options)).event;
}

async function verifyNodeRequest<Endpoint extends WebhookEndpoint>(
  request: NodeRequest,
  options: UnwrapOptions<Endpoint> & NodeAdapterOptions,
): Promise<VerifiedDelivery<Endpoint>> {
  // Whatever a body parser left is passed on as it is: unwrap refuses anything but raw bytes, and says why.
  const body = (await readRawBody(request, options.maxBodyBytes ?? defaultMaxBodyBytes)) as RawBody;
  const requestUrl = request.originalUrl ?? request.url;
  return verifyDelivery(body, request.headers, requestUrl === undefined ? options : { ...options, requestUrl });
}

export type NodeEventHandler<Endpoint extends WebhookEndpoint, Request extends NodeRequest, Response extends NodeResponse> = (
  event: EventAt<Endpoint>,
  request: Request,
  response: Response,
) => void | Promise<void>;

/**
 * A `(req, res) => Promise<void>` handler for `http.createServer` or an Express route. It verifies
 * each request and calls `onEvent`; if `onEvent` did not answer, it answers 200. Refusals, replays,
 * unknown event types and failures are answered as `createFetchHandler` answers them.
 */
export function createNodeHandler<
  Endpoint extends WebhookEndpoint = "app",
  Request extends NodeRequest = NodeRequest,
  Response extends NodeResponse = NodeResponse,
>(
  onEvent: NodeEventHandler<Endpoint, Request, Response>,
  options: UnwrapOptions<Endpoint> & NodeAdapterOptions & HandlerOptions = {},
): (request: Request, response: Response) => Promise<void> {
  return async (request, response) => {
    let verified: VerifiedDelivery<Endpoint>;
    try {
      verified = await verifyNodeRequest(request, options);
    } catch (error) {
      answer(response, error, options);
      return;
    }
    try {
      await onEvent(verified.event, request, response);
      if (!response.writableEnded && !response.headersSent) send(response, 200, receivedBody);
    } catch (error) {
      await releaseAfterFailure(verified.replayKey, options);
      answer(response, error, options);
    }
  };
}

function answer(response: NodeResponse, error: unknown, options: HandlerOptions): void {
  reportError(error, options);
  const { status, body } = answerFor(error);
  try {
    if (response.headersSent) {
      // The handler had started answering before it failed: all that is left is to end it.
      if (!response.writableEnded) response.end();
      return;
    }
    send(response, status, body);
  } catch (failure) {
    // The connection is gone; node:http ignores the handler's promise, so nothing may escape it.
    reportError(failure, options);
  }
}

function send(response: NodeResponse, status: number, body: string): void {
  response.statusCode = status;
  response.setHeader("content-type", "application/json");
  response.end(body);
}

/** The raw body: Express's `req.body` when a raw or text parser set it, else the bytes of the stream. */
async function readRawBody(request: NodeRequest, maxBodyBytes: number): Promise<unknown> {
  if (request.body !== undefined || request.readableEnded) return request.body;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of request) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    length += bytes.byteLength;
    if (length > maxBodyBytes) throw new BodyTooLargeError(`the body is larger than maxBodyBytes (${maxBodyBytes} bytes): refused`);
    chunks.push(bytes);
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
