// Auth: a bearer token per location. Without configured tokens any bearer token is accepted (as
// Prism does); with them, a token not in the list gets 401, and a token may only reach its own
// location. Scopes are checked when a token lists them.
import type { OperationSpec } from "../spec/operations.js";

export interface TokenGrant {
  /** The location (sub-account) the token belongs to. */
  locationId: string;
  /** OAuth scopes, e.g. "conversations.readonly"; when omitted, every scope. */
  scopes?: string[];
}

export type AuthResult = { ok: true; token: string; grant: TokenGrant | undefined } | { ok: false; status: 401; message: string };

const INVALID = "Invalid token: access token is invalid";

export function authenticate(operation: OperationSpec, request: Request, tokens: Record<string, TokenGrant> | undefined): AuthResult {
  const needsAuth = operation.security.some((requirement) => Object.keys(requirement).length > 0);
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!token) return needsAuth ? { ok: false, status: 401, message: INVALID } : { ok: true, token: "", grant: undefined };
  if (!tokens) return { ok: true, token, grant: undefined };
  const grant = Object.hasOwn(tokens, token) ? tokens[token] : undefined;
  if (!grant) return { ok: false, status: 401, message: INVALID };
  if (grant.scopes && needsAuth) {
    const met = operation.security.some((requirement) => Object.values(requirement).every((scopes) => scopes.every((scope) => grant.scopes!.includes(scope))));
    if (!met) {
      const wanted = [...new Set(operation.security.flatMap((requirement) => Object.values(requirement).flat()))];
      return { ok: false, status: 401, message: `The token is not authorized for this scope: needs ${wanted.join(" or ")}` };
    }
  }
  return { ok: true, token, grant };
}

/** The locations a request names (path, query or body `locationId`). */
export function requestedLocations(input: { path: Record<string, unknown>; query: Record<string, unknown>; body: unknown }): string[] {
  const body = input.body as { locationId?: unknown } | undefined;
  return [input.path.locationId, input.query.locationId, body && typeof body === "object" ? body.locationId : undefined].filter(
    (value): value is string => typeof value === "string",
  );
}
