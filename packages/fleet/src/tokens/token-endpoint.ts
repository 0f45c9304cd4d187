// One refresh through the vendor's token endpoint (`POST /oauth/token`, described in
// spec/oauth/openapi.yaml). One request, never retried here: a refresh spends the refresh token, so
// whether to try again is the caller's decision. Errors say what the endpoint answered and never
// carry the client secret or a token.
import { TokenRefreshError } from "../errors.js";
import type { components } from "../oauth.gen.js";

export type RefreshTokenRequest = components["schemas"]["RefreshTokenRequest"];
export type TokenResponse = components["schemas"]["TokenResponse"];
type TokenErrorResponse = components["schemas"]["TokenErrorResponse"];

export const DEFAULT_TOKEN_URL = "https://services.leadconnectorhq.com/oauth/token";

export interface TokenRefreshRequest {
  /** The location or company the token is for: named in errors. */
  key: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  userType?: RefreshTokenRequest["user_type"];
  fetch: (request: Request) => Promise<Response>;
  /** The whole exchange, body included. */
  timeoutMs: number;
}

export async function requestTokenRefresh(request: TokenRefreshRequest): Promise<TokenResponse> {
  const { key, tokenUrl, clientId, clientSecret, refreshToken, userType, fetch, timeoutMs } = request;
  const form: RefreshTokenRequest = {
    client_id: clientId,
    client_secret: clientSecret,
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    ...(userType && { user_type: userType }),
  };
  const secrets = [clientSecret, refreshToken];
  const failure = (message: string, details: Omit<ConstructorParameters<typeof TokenRefreshError>[1], "key">) =>
    new TokenRefreshError(`refreshing the token of ${key}: ${redact(message, secrets)}`, { key, ...details });

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
  let status: number;
  let text: string;
  try {
    const response = await fetch(
      new Request(tokenUrl, {
        method: "POST",
        headers: { Accept: "application/json" },
        body: new URLSearchParams(form as unknown as Record<string, string>),
        signal: controller.signal,
      }),
    );
    status = response.status;
    text = await response.text();
  } catch (cause) {
    const reason = controller.signal.aborted ? String(controller.signal.reason?.message) : describe(cause);
    throw failure(`no answer from the token endpoint (${reason})`, { code: "network_error", cause: controller.signal.aborted ? undefined : cause });
  } finally {
    clearTimeout(timer);
  }

  const body = parseJson(text);
  if (status >= 200 && status < 300) {
    const answer = body as TokenResponse | undefined;
    if (typeof answer?.access_token === "string" && answer.access_token !== "") return answer;
    throw failure(`the token endpoint answered ${status} without an access token`, { code: "invalid_response", status });
  }
  const { error, error_description } = (body ?? {}) as Partial<TokenErrorResponse>;
  const oauthError = typeof error === "string" ? error : undefined;
  const said = [oauthError, typeof error_description === "string" ? error_description.slice(0, 200) : undefined]
    .filter(Boolean)
    .join(": ");
  if (status >= 500) {
    throw failure(`the token endpoint failed with ${status}${said ? ` (${said})` : ""}`, { code: "server_error", status, oauthError });
  }
  if (oauthError === "invalid_grant") {
    throw failure(`the refresh token is spent or revoked (${status} ${said}); save new tokens (reinstall) for this key`, {
      code: "invalid_grant",
      status,
      oauthError,
    });
  }
  throw failure(`the token endpoint refused the refresh with ${status}${said ? ` (${said})` : ""}`, { code: "rejected", status, oauthError });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  return String(cause?.code ?? cause?.message ?? (error as Error | null)?.message ?? error);
}

/** Defence in depth: the endpoint's own words could echo what it was sent. */
function redact(text: string, secrets: string[]): string {
  for (const secret of secrets) if (secret) text = text.replaceAll(secret, "[redacted]");
  return text;
}
