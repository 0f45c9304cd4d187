import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The test files share no state (each makes its own fakes): one module graph for all of them
    // (importing the fake, Hono and Ajv afresh for each of 19 files costs tens of seconds on 2 cores).
    isolate: false,
    // The mock (Prism), once for the suite: the parity test sends it the requests it sends the fake.
    globalSetup: ["@test/support/mock-setup"],
    // Prism and the benchmark's baseline take seconds to start on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
