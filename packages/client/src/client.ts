import createClient, { type Client, type Middleware } from "openapi-fetch";
import { API_VERSION, type ClientPaths } from "./version-header.js";

/** The vendor's production base URL. */
export const DEFAULT_BASE_URL = "https://services.leadconnectorhq.com";

export interface ConversationsClientOptions {
  /** A Sub-Account (location) access token or Private Integration Token. */
  token: string;
  /** Defaults to the production API; point it at the mock (`pnpm mock`) in tests. */
  baseUrl?: string;
  /** A fetch implementation to use instead of the global one (tests inject one). */
  fetch?: typeof globalThis.fetch;
}

export type ConversationsClient = Client<ClientPaths>;

export function createConversationsClient(options: ConversationsClientOptions): ConversationsClient {
  const client = createClient<ClientPaths>({
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(authHeaders(options.token));
  return client;
}

/** Sets `Authorization` and `Version` on every request; the token stays inside this closure. */
function authHeaders(token: string): Middleware {
  return {
    onRequest({ request }) {
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      request.headers.set("Version", API_VERSION);
      return request;
    },
  };
}
