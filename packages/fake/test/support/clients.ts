// Clients of the fake through the published client's public API.
import { createConversationsClient, type ConversationsClientOptions } from "@conversations-api/client";

export const TOKEN = "fake-test-token-0123456789";

/** A client whose requests go to `fetch` (a fake's, or a checked one), with no retries unless asked. */
export function clientOf(fetch: (input: Request) => Promise<Response>, options: Partial<ConversationsClientOptions> = {}) {
  return createConversationsClient({ token: TOKEN, fetch, maxRetries: 0, ...options });
}
