import { inject } from "vitest";
import { createConversationsClient } from "../../src/index.js";

/**
 * A client against the Prism mock that the contract setup started. `onRequest`, when given, sees a
 * copy of every request the client sends (its URL, headers and body) before it goes to the mock.
 */
export function mockClient(token = "test-token", onRequest?: (request: Request) => void) {
  return createConversationsClient({
    token,
    baseUrl: inject("mockUrl"),
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
