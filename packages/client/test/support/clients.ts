import type { ApiVersion } from "@conversations-api/types";
import { createConversationsClient } from "../../src/index.js";
import { backendUrl } from "./backend.js";

/**
 * A client against the server the contract suite runs against (test/support/backend.ts: the mock,
 * or the fake). Contract tests check what the server answers, so nothing is retried: a `Prefer:
 * code=429` or 5xx comes straight back (retries are covered by test/fault against a server that
 * counts requests). `onRequest`, when given, sees a copy of every request the client sends (its
 * URL, headers and body) before it goes out. `apiVersion` is the client's (default 2021-04-15).
 */
export function contractClient<Version extends ApiVersion = "2021-04-15">(
  token = "test-token",
  onRequest?: (request: Request) => void,
  apiVersion?: Version,
) {
  return createConversationsClient<Version>({
    token,
    baseUrl: backendUrl(),
    maxRetries: 0,
    ...(apiVersion ? { apiVersion } : {}),
    ...(onRequest
      ? {
          fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
            const request = new Request(input, init);
            onRequest(request.clone());
            return globalThis.fetch(request);
          },
        }
      : {}),
  });
}
