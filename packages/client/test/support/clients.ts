import { inject } from "vitest";
import { createConversationsClient } from "../../src/index.js";

/** A client against the Prism mock that the contract setup started. */
export function mockClient(token = "test-token") {
  return createConversationsClient({ token, baseUrl: inject("mockUrl") });
}
