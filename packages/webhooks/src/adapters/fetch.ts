// The Fetch API adapter: a `Request` in, a `Response` out. Hono (`c.req.raw`), Next.js route
// handlers, Cloudflare Workers, Deno and Bun all hand over such a Request.
import { verifyDelivery, type EventAt, type UnwrapOptions, type VerifiedDelivery, type WebhookEndpoint } from "../unwrap.js";
import { answerFor, type HandlerOptions, receivedBody, releaseAfterFailure, reportError } from "./respond.js";

/** Reads the request's raw body and unwraps it: the verified, typed event, or a thrown error. */
export async function unwrapRequest<Endpoint extends WebhookEndpoint = "app">(
  request: Request,
  options: UnwrapOptions<Endpoint> = {},
): Promise<EventAt<Endpoint>> {
  return (await verifyRequest(request, options)).event;
}

/** Reads the request's raw body and verifies it; `request.url` is where `urlSecret` is read. */
async function verifyRequest<Endpoint extends WebhookEndpoint>(request: Request, options: UnwrapOptions<Endpoint>): Promise<VerifiedDelivery<Endpoint>> {
  return verifyDelivery(await request.arrayBuffer(), request.headers, { ...options, requestUrl: request.url });
}

export type FetchEventHandler<Endpoint extends WebhookEndpoint> = (
  event: EventAt<Endpoint>,
  request: Request,
) => Response | void | Promise<Response | void>;

/**
 * A `(request) => Promise<Response>` handler that verifies each request and calls `onEvent` with
 * its event. Answers 200 when `onEvent` returns nothing; 401/400 when the delivery is refused; 200
 * for a replayed webhookId and for an event type this package does not know (nothing to do); 500,
 * after forgetting the webhookId so that a redelivery is accepted, when `onEvent` throws.
 */
export function createFetchHandler<Endpoint extends WebhookEndpoint = "app">(
  onEvent: FetchEventHandler<Endpoint>,
  options: UnwrapOptions<Endpoint> & HandlerOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    let verified: VerifiedDelivery<Endpoint>;
    try {
      verified = await verifyRequest(request, options);
    } catch (error) {
      return answer(error, options);
    }
    try {
      return (await onEvent(verified.event, request)) ?? new Response(receivedBody, { status: 200, headers: jsonHeaders });
    } catch (error) {
      await releaseAfterFailure(verified.replayKey, options);
      return answer(error, options);
    }
  };
}

const jsonHeaders = { "content-type": "application/json" };

function answer(error: unknown, options: HandlerOptions): Response {
  reportError(error, options);
  const { status, body } = answerFor(error);
  return new Response(body, { status, headers: jsonHeaders });
}

