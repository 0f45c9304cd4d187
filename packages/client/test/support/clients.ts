import { inject } from "vitest";
import { createConversationsClient } from "../../src/index.js";

/**
 * A client against the Prism mock that the contract setup started. Contract tests check what the
 * mock answers, so nothing is retried: a `Prefer: code=429` or 5xx comes straight back (retries
 * are covered by test/fault against a server that counts requests).
 */
export function mockClient(token = "test-token") {
  return createConversationsClient({ token, baseUrl: inject("mockUrl"), maxRetries: 0 });
}
