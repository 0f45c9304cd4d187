// Clients of the fake through the published client's public API.
import { createConversationsClient, type ConversationsClientOptions } from "@conversations-api/client";
import type { ApiVersion } from "@conversations-api/types";

export const TOKEN = "fake-test-token-0123456789";

/** A client whose requests go to `fetch` (a fake's, or a checked one), with no retries unless asked; of API version 2021-04-15 unless `apiVersion` says otherwise. */
export function clientOf<Version extends ApiVersion = "2021-04-15">(
  fetch: (input: Request) => Promise<Response>,
  options: Partial<ConversationsClientOptions<Version>> = {},
) {
  return createConversationsClient<Version>({ token: TOKEN, fetch, maxRetries: 0, ...options });
}
