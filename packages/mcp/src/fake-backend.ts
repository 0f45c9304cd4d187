// `--fake`: an in-process stateful fake (@conversations-api/fake) seeded with the spec's example
// data (and, when asked, a generated inbox), so the server runs with no token and no network.
import { createFake, exampleFixtures, type Fake, type RateLimitOptions } from "@conversations-api/fake";
import { demoInbox } from "./demo-inbox.js";

export const FAKE_TOKEN = "fake-token-not-a-secret";

export interface FakeBackendOptions {
  /** Add a generated inbox of this many conversations (location DEMO_LOCATION_ID). */
  conversations?: number;
  seed?: number;
  /** The fake's rate limits: the vendor's by default; `false` for none (benchmarks). */
  rateLimit?: RateLimitOptions | false;
}

export function createFakeBackend({ conversations = 0, seed = 42, rateLimit }: FakeBackendOptions = {}): Fake {
  const fake = createFake({ fixtures: exampleFixtures, ...(rateLimit !== undefined ? { rateLimit } : {}) });
  if (conversations > 0) fake.seed(demoInbox({ conversations, seed }));
  return fake;
}
