// Clients of the fake through the published client's public API.
import { createConversationsClient, type ConversationsClientOptions, type Transport } from "@conversations-api/client";
import type { ApiVersion } from "@conversations-api/types";

export const TOKEN = "fake-test-token-0123456789";

/**
 * A client whose requests go to `fetch` (a fake's, or a checked one), with no retries unless asked;
 * of API version 2021-04-15 unless `apiVersion` says otherwise. `fetch` gets the attempt's signal
 * as its second argument and must pass it on, as any transport of the client must.
 */
export function clientOf<Version extends ApiVersion = "2021-04-15">(
  fetch: Transport,
  options: Partial<ConversationsClientOptions<Version>> = {},
) {
  return createConversationsClient<Version>({ token: TOKEN, fetch, maxRetries: 0, ...options });
}
