// The fake's HTTP pipeline, on Hono: one route per operation of the spec, each call going through
// faults -> auth -> rate limit -> validation -> location check -> Prefer -> the operation; and the
// admin surface (admin.ts) under its own prefix, outside that pipeline.
import { Hono } from "hono";
import type { Context as HonoContext } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { setTimeout as sleep } from "node:timers/promises";
import type { FaultEngine } from "../faults.js";
import { connectionReset } from "../faults.js";
import { handlers as implemented } from "../operations/index.js";
import type { Answer, Context, Handlers } from "../operations/context.js";
import { type OperationSpec, operations } from "../spec/operations.js";
import { readRequest } from "../spec/request.js";
import type { Domain } from "../state/domain.js";
import { ADMIN_PREFIX } from "./admin.js";
import { authenticate, requestedLocations, type TokenGrant } from "./auth.js";
import { errorBody, errorResponse, json, reasonPhrase, traced, validationFailure } from "./errors.js";
import { preferredResponse, readPrefer } from "./prefer.js";
import type { RateLimiter } from "./rate-limit.js";

export interface AppOptions {
  domain: Domain;
  tokens: Record<string, TokenGrant> | undefined;
  limiter: RateLimiter | undefined;
  faults: FaultEngine;
  /** The operations' implementations; the fake's own by default. */
  handlers?: Handlers;
  /** The admin surface, mounted under ADMIN_PREFIX. */
  admin?: Hono;
}

/** `/conversations/{conversationId}` -> `/conversations/:conversationId{[^/]*}` (an empty id still routes, as in Prism). */
const routePath = (path: string) => path.replace(/\{([^}]+)\}/g, ":$1{[^/]*}");

// Static paths before templated ones, so `/conversations/search` is not read as a conversation id.
const routeOrder = [...operations].sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));

const methodsByPath = new TrieRouter<string>();
for (const operation of operations) methodsByPath.add(operation.method, routePath(operation.path), operation.method);

function toResponse(operation: OperationSpec, answer: Answer): Response {
  if ("error" in answer) return errorResponse(operation, answer.status, [answer.error]);
  const { status, body, headers = {}, contentType } = answer;
  if (contentType && !contentType.includes("json")) {
    return new Response(body as BodyInit, { status, headers: { "content-type": contentType, ...headers } });
  }
  return json(status, traced(body), headers);
}

export function createApp({ domain, tokens, limiter, faults, handlers = implemented, admin }: AppOptions): Hono {
  const app = new Hono({ strict: true });
  if (admin) app.route(ADMIN_PREFIX, admin);

  async function handle(operation: OperationSpec, c: HonoContext): Promise<Response> {
    const request = c.req.raw;
    const hits = faults.hit(operation.operationId);
    for (const rule of hits) if (rule.latencyMs) await sleep(rule.latencyMs, undefined, { signal: request.signal });
    if (hits.some((rule) => rule.reset === "before")) return connectionReset();
    const failing = hits.find((rule) => rule.status !== undefined);
    if (failing) {
      const headers = { ...(failing.status === 429 && limiter ? limiter.exhausted("fault", failing.retryAfter) : {}), ...failing.headers };
      if (failing.status === 429 && !limiter) headers["Retry-After"] ??= String(failing.retryAfter ?? 1);
      return json(failing.status!, failing.body ?? errorBody(operation, failing.status!, [`${reasonPhrase(failing.status!)} (injected fault)`]), headers);
    }
    const response = await answer(operation, c);
    return hits.some((rule) => rule.reset === "after") ? connectionReset() : response;
  }

  async function answer(operation: OperationSpec, c: HonoContext): Promise<Response> {
    const request = c.req.raw;
    const auth = authenticate(operation, request, tokens);
    if (!auth.ok) return errorResponse(operation, auth.status, [auth.message]);
    const limitKey = auth.grant?.locationId ?? auth.token;
    const decision = limiter?.take(limitKey);
    const withLimits = (response: Response) => {
      for (const [name, value] of Object.entries(decision?.headers ?? {})) response.headers.set(name, value);
      return response;
    };
    if (decision && !decision.allowed) return withLimits(errorResponse(operation, 429, ["Too many requests"]));

    const read = await readRequest(operation, request, c.req.param() as Record<string, string>);
    if (!read.ok) return withLimits(validationFailure(operation, read.violations, read.unsupportedMediaType));
    const { input } = read;
    if (auth.grant && requestedLocations(input).some((location) => location !== auth.grant!.locationId)) {
      const status = "403" in operation.responses ? 403 : 401;
      return withLimits(errorResponse(operation, status, ["The token does not have access to this location"]));
    }

    const preference = readPrefer(request);
    if (preference) return withLimits(preferredResponse(operation, preference, () => limiter?.exhausted(limitKey) ?? {}));

    const handler = handlers[operation.operationId as keyof typeof handlers] as ((input: unknown, context: Context) => Answer | Promise<Answer>) | undefined;
    if (!handler) {
      return withLimits(
        errorResponse(undefined, 501, [`The fake does not implement ${operation.operationId} (${operation.method} ${operation.path}) yet`]),
      );
    }
    domain.dispatchDue();
    return withLimits(toResponse(operation, await handler(input, { domain, location: auth.grant?.locationId })));
  }

  for (const operation of routeOrder) {
    app.on(operation.method, routePath(operation.path), (c) => handle(operation, c));
  }

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const allowed = ["GET", "PUT", "POST", "DELETE", "PATCH"].filter((method) => methodsByPath.match(method, path)[0].length > 0);
    if (allowed.length) return errorResponse(undefined, 405, [`Cannot ${c.req.method} ${path}`], { Allow: allowed.join(", ") });
    return errorResponse(undefined, 404, [`Cannot ${c.req.method} ${path}`]);
  });

  app.onError((error, c) => {
    if (error instanceof Error && error.name === "AbortError") throw error;
    return errorResponse(undefined, 500, [`The fake failed on ${c.req.method} ${new URL(c.req.url).pathname}: ${error instanceof Error ? error.message : String(error)}`]);
  });

  return app;
}
